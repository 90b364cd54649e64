package dev.tapeless.it.arrays;

import static dev.tapeless.it.arrays.ArrayCase.Param.bool;
import static dev.tapeless.it.arrays.ArrayCase.Param.integer;
import static dev.tapeless.it.arrays.ArrayCase.Param.matrix;
import static dev.tapeless.it.arrays.ArrayCase.Param.passive;
import static dev.tapeless.it.arrays.ArrayCase.Param.real;
import static dev.tapeless.it.arrays.ArrayCase.Param.vector;
import static dev.tapeless.it.arrays.ArrayCase.fn;
import static dev.tapeless.it.arrays.Flatten.flat;

import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Cases for {@link RegressionCalls}, with twins translated line by line from the generated
 * bodies and calling each other as the originals do. Java's {@code %} is the truncated
 * remainder, floor, ceil and rint are constants, comparisons, abs, min and max go by the values:
 * all through {@link Kinks}, which the smoothWhere predicates run to keep the sampled points
 * (and the finite-difference steps) away from where any of them switches.
 */
final class RegressionCallsCases {
  private RegressionCallsCases() {}

  static List<ArrayCase<?>> cases() {
    return List.of(
        fn("RegressionCalls.m0", real("a", -2, 2), real("b", -2, 2), integer("n", 0, 5),
                bool("flag"))
            .smoothWhere(a -> Kinks.smooth(k -> {
              Kinks.Variables v = new Kinks.Variables(a, 0, 1);
              m0(v.x(0), v.x(1), a.n(2), a.flag(3), k);
            }))
            .plain(a -> RegressionCalls.m0(a.d(0), a.d(1), a.n(2), a.flag(3)))
            .frame(RegressionCalls_Grad.M0::new, RegressionCalls_Grad.M0::zero,
                g -> flat(g.da, g.db))
            .calls(g -> g.value,
                (g, a) -> g.valueAndGradient(a.d(0), a.d(1), a.n(2), a.flag(3)),
                (g, a) -> g.accumulate(a.d(0), a.d(1), a.n(2), a.flag(3)))
            .twin(p -> m0(p.x(0), p.x(1), p.n(2), p.flag(3), new Kinks())),
        fn("RegressionCalls.m1", real("a", -2, 2), real("b", -2, 2))
            .smoothWhere(a -> Kinks.smooth(k -> {
              Kinks.Variables v = new Kinks.Variables(a, 0, 1);
              m1(v.x(0), v.x(1), k);
            }))
            .plain(a -> RegressionCalls.m1(a.d(0), a.d(1)))
            .frame(RegressionCalls_Grad.M1::new, RegressionCalls_Grad.M1::zero,
                g -> flat(g.da, g.db))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.d(1)),
                (g, a) -> g.accumulate(a.d(0), a.d(1)))
            .twin(p -> m1(p.x(0), p.x(1), new Kinks())),
        fn("RegressionCalls.m2", real("a", -3, 3), integer("n", -2, 3))
            .smoothWhere(a -> Kinks.smooth(k -> m2(new Kinks.Variables(a, 0).x(0), a.n(1), k)))
            .plain(a -> RegressionCalls.m2(a.d(0), a.n(1)))
            .frame(RegressionCalls_Grad.M2::new, RegressionCalls_Grad.M2::zero, g -> flat(g.da))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.n(1)),
                (g, a) -> g.accumulate(a.d(0), a.n(1)))
            .twin(p -> m2(p.x(0), p.n(1), new Kinks())),
        fn("RegressionCalls.m11", real("a", -2, 2), real("b", -2, 2), real("c", -2, 2),
                passive("p", -1.5, 1.5))
            .smoothWhere(a -> Kinks.smooth(k -> {
              Kinks.Variables v = new Kinks.Variables(a, 0, 1, 2);
              m11(v.x(0), v.x(1), v.x(2), a.d(3), k);
            }))
            .plain(a -> RegressionCalls.m11(a.d(0), a.d(1), a.d(2), a.d(3)))
            .frame(RegressionCalls_Grad.M11::new, RegressionCalls_Grad.M11::zero,
                g -> flat(g.da, g.db, g.dc))
            .calls(g -> g.value,
                (g, a) -> g.valueAndGradient(a.d(0), a.d(1), a.d(2), a.d(3)),
                (g, a) -> g.accumulate(a.d(0), a.d(1), a.d(2), a.d(3)))
            .twin(p -> m11(p.x(0), p.x(1), p.x(2), p.d(3), new Kinks())),
        fn("RegressionCalls.m14", real("a", -2, 2), real("b", -2, 2), real("x", -2, 2),
                real("c", -2, 2))
            .smoothWhere(a -> Kinks.smooth(k -> {
              Kinks.Variables v = new Kinks.Variables(a, 0, 1, 2, 3);
              m14(v.x(0), v.x(1), v.x(2), v.x(3), k);
            }))
            .plain(a -> RegressionCalls.m14(a.d(0), a.d(1), a.d(2), a.d(3)))
            .frame(RegressionCalls_Grad.M14::new, RegressionCalls_Grad.M14::zero,
                g -> flat(g.da, g.db, g.dx, g.dc))
            .calls(g -> g.value,
                (g, a) -> g.valueAndGradient(a.d(0), a.d(1), a.d(2), a.d(3)),
                (g, a) -> g.accumulate(a.d(0), a.d(1), a.d(2), a.d(3)))
            .twin(p -> m14(p.x(0), p.x(1), p.x(2), p.x(3), new Kinks())),
        fn("RegressionCalls.m18", real("b", -2, 2), vector("w", "n", -1, 1), real("a", -2, 2))
            .dim("n", 4, 6)
            .smoothWhere(a -> Kinks.smooth(k -> {
              Kinks.Variables v = new Kinks.Variables(a, 0, 1, 2);
              m18(v.x(0), v.vec(1), v.x(2), k);
            }))
            .plain(a -> RegressionCalls.m18(a.d(0), a.vec(1), a.d(2)))
            .frame(RegressionCalls_Grad.M18::new, RegressionCalls_Grad.M18::zero,
                g -> flat(g.db, g.dw, g.da))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.vec(1), a.d(2)),
                (g, a) -> g.accumulate(a.d(0), a.vec(1), a.d(2)))
            .twin(p -> m18(p.x(0), p.vec(1), p.x(2), new Kinks())),
        fn("RegressionCalls.m36", vector("w", "n", -1, 1), matrix("A", "r", "c", -1, 1),
                real("a", -1, 1))
            .dim("n", 4, 5)
            .dim("r", 1, 4)
            .dim("c", 5, 6)
            .smoothWhere(a -> Kinks.smooth(k -> {
              Kinks.Variables v = new Kinks.Variables(a, 0, 1, 2);
              m36(v.vec(0), v.mat(1), v.x(2), k);
            }))
            .plain(a -> RegressionCalls.m36(a.vec(0), a.mat(1), a.d(2)))
            .frame(RegressionCalls_Grad.M36::new, RegressionCalls_Grad.M36::zero,
                g -> flat(g.dw, g.dA, g.da))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.mat(1), a.d(2)),
                (g, a) -> g.accumulate(a.vec(0), a.mat(1), a.d(2)))
            .twin(p -> m36(p.vec(0), p.mat(1), p.x(2), new Kinks())),
        fn("RegressionCalls.m15", real("a", -2.5, 2.5), passive("p", -1.5, 1.5))
            .smoothWhere(a -> Kinks.smooth(k -> m15(new Kinks.Variables(a, 0).x(0), a.d(1), k)))
            .plain(a -> RegressionCalls.m15(a.d(0), a.d(1)))
            .frame(RegressionCalls_Grad.M15::new, RegressionCalls_Grad.M15::zero,
                g -> flat(g.da))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.d(1)),
                (g, a) -> g.accumulate(a.d(0), a.d(1)))
            .twin(p -> m15(p.x(0), p.d(1), new Kinks())),
        fn("RegressionCalls.m21", real("c", -1.5, 1.5), real("a", -1.5, 1.5),
                vector("u", "n", -1, 1), real("x", -1.5, 1.5), vector("w", "n", -1, 1),
                real("b", -1.5, 1.5))
            .dim("n", 1, 3)
            .smoothWhere(a -> Kinks.smooth(k -> {
              Kinks.Variables v = new Kinks.Variables(a, 0, 1, 2, 3, 4, 5);
              m21(v.x(0), v.x(1), v.vec(2), v.x(3), v.vec(4), v.x(5), k);
            }))
            .plain(a -> RegressionCalls.m21(a.d(0), a.d(1), a.vec(2), a.d(3), a.vec(4), a.d(5)))
            .frame(RegressionCalls_Grad.M21::new, RegressionCalls_Grad.M21::zero,
                g -> flat(g.dc, g.da, g.du, g.dx, g.dw, g.db))
            .calls(g -> g.value,
                (g, a) -> g.valueAndGradient(a.d(0), a.d(1), a.vec(2), a.d(3), a.vec(4), a.d(5)),
                (g, a) -> g.accumulate(a.d(0), a.d(1), a.vec(2), a.d(3), a.vec(4), a.d(5)))
            .twin(p -> m21(p.x(0), p.x(1), p.vec(2), p.x(3), p.vec(4), p.x(5), new Kinks())),
        fn("RegressionCalls.m34", real("a", -1.5, 1.5), vector("w", "m", -1.5, 1.5),
                integer("n", -1, 1))
            .dim("m", 1, 3)
            .smoothWhere(a -> Kinks.smooth(k -> {
              Kinks.Variables v = new Kinks.Variables(a, 0, 1);
              m34(v.x(0), v.vec(1), a.n(2), k);
            }))
            .plain(a -> RegressionCalls.m34(a.d(0), a.vec(1), a.n(2)))
            .frame(RegressionCalls_Grad.M34::new, RegressionCalls_Grad.M34::zero,
                g -> flat(g.da, g.dw))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.vec(1), a.n(2)),
                (g, a) -> g.accumulate(a.d(0), a.vec(1), a.n(2)))
            .twin(p -> m34(p.x(0), p.vec(1), p.n(2), new Kinks())));
  }

  // The twins, in the originals' order of operations, one statement per statement.

  static Gradient m0(Gradient a, Gradient b, int n, boolean flag, Kinks k) {
    Gradient[] t1 = zeros(a, 2);
    Gradient half = t1[(n + 2) % 2].divide(2.0);
    Gradient first = k.ge(k.rem(k.hypot(b, a), half.multiply(half).add(1.0)), -0.51)
        ? a.newInstance(n) : a;
    Gradient scaled = first.multiply(0.26);
    Gradient v2 = scaled.multiply(scaled).add(1.0).pow(Math.atan(n));
    Gradient v3 = (k.gt(v2, -0.89) || k.gt(t1[(n + 0) % 2], -0.13))
        ? a.newInstance(n).tanh().multiply(0.9).acos().negate()
        : k.min(b, t1[(n + 1) % 2].multiply(b));
    double r9 = 0.0;
    return k.hypot(v3, a.newInstance(1.0)).cbrt().add(b.multiply(-0.72))
        .add(a.multiply(-0.28)).add(v2.multiply(-0.58)).add(v3.multiply(-0.33)).add(r9);
  }

  static Gradient m1(Gradient a, Gradient b, Kinks k) {
    Gradient[][] t1 = zeros(a, 1, 5);
    Gradient v2 = a.subtract(b).add(b.add(t1[0][4]));
    Gradient v4 = (k.gt(v2.add(v2), 0.24) && k.gt(sigmoid(t1[0][3]), 0.77)) ? t1[0][4] : v2;
    int k3 = 0;
    double r5 = 0.0;
    return b.tanh().multiply(0.5).multiply(1.2).tan().multiply(t1[(k3 + 2) % 1][k3])
        .add(b.multiply(-1.35)).add(a.multiply(1.01)).add(v4.multiply(-0.92))
        .add(v2.multiply(0.06)).add(r5);
  }

  static Gradient m2(Gradient a, int n, Kinks k) {
    Gradient v1 = a.newInstance(n);
    Gradient v2 = softplus(k.ceil(m0(v1, a.newInstance(n), 3, false, k)));
    Gradient v3 = a.newInstance(n);
    Gradient v4 = k.min(a.newInstance(n), a).cos().add(1.5).log();
    return a.add(v2.multiply(-0.47)).add(v1.multiply(0.78)).add(a.multiply(1.41))
        .add(v3.multiply(-0.4)).add(v4.multiply(-1.46));
  }

  static Gradient m11(Gradient a, Gradient b, Gradient c, double p, Kinks k) {
    Gradient[] t1 = zeros(a, 4);
    Gradient v2 = a.toRadians();
    Gradient v3 = k.rint(a);
    Gradient v4 = m2(a.newInstance(-(p / 2.0)), 3, k);
    Gradient chosen = k.lt(b.sin().multiply(0.9).asin(), 0.61) ? v3 : v4;
    Gradient v5 = chosen.add(k.floor(t1[1])).multiply(Math.sinh(2.0 * Math.atan(p)));
    Gradient v9 = a;
    double r10 = 0.0;
    return v3.add(r10).cos().multiply(0.9).acos().add(v5.multiply(-0.19))
        .add(b.multiply(-0.22)).add(v2.multiply(-0.54)).add(v3.multiply(1.11))
        .add(v9.multiply(-0.14)).add(v4.multiply(0.56)).add(r10);
  }

  static Gradient m14(Gradient a, Gradient b, Gradient x, Gradient c, Kinks k) {
    Gradient[][] t1 = zeros(a, 3, 2);
    Gradient v2 = k.abs(t1[1][1]);
    Gradient v3 = t1[0][1].atan();
    Gradient v4 = k.gt(v2.tanh().multiply(1.2).tan(), v2.add(t1[1][1])) ? a : c;
    x = x.add(k.hypot(c, t1[0][0]));
    Gradient v8 = m11(x.multiply(b), v2, a, 0.02, k);
    double r9 = 0.0;
    Gradient inner = m11(t1[0][0].divide(x.sin().add(2.0)),
        k.hypot(t1[1][0], a.newInstance(1.0)).pow(-1.5), t1[2][1].cos().add(1.5).log10(), -0.8,
        k);
    return inner.cos().multiply(1.2).tan().add(c.multiply(-1.27)).add(a.multiply(0.08))
        .add(v3.multiply(0.09)).add(v8.multiply(0.97)).add(v4.multiply(-0.83))
        .add(v2.multiply(0.84)).add(r9);
  }

  static Gradient m18(Gradient b, Gradient[] w, Gradient a, Kinks k) {
    Gradient[][] t1 = zeros(a, w.length, w.length);
    Gradient[] t2 = zeros(a, 3);
    Gradient v3 = a.add(t1[3][3]);
    double r6 = 0.0;
    double r9 = 0.0;
    Gradient first = (r6 > -0.89 && k.gt(b.sin().add(2.0).pow(0.5), 0.48))
        ? a.newInstance(Math.toRadians(r9)) : t2[2];
    return first.add(a.multiply(0.76)).add(b.multiply(1.0)).add(v3.multiply(-0.87)).add(r6)
        .add(r9);
  }

  static Gradient m36(Gradient[] w, Gradient[][] A, Gradient a, Kinks k) {
    Gradient[][] t1 = zeros(a, A[0].length, 4);
    Gradient v2 = A[0][3].add(a);
    int k9 = 0;
    while (k9 < t1[0].length) {
      a = m18(v2, t1[k9 / 2], w[k9], k).multiply(m14(t1[k9 + 1][k9], a, v2.tanh(), v2, k))
          .add(v2);
      k9++;
    }
    double r10 = 0.0;
    return softmaxCrossEntropy(t1[k9], 0).add(v2.multiply(0.83)).add(a.multiply(0.13))
        .add(r10);
  }

  static Gradient m15(Gradient a, double p, Kinks k) {
    Gradient v1 = a.newInstance(p);
    v1 = v1.subtract(a);
    a = k.floor(a).add(v1.atan2(a.multiply(a).add(1.0).sqrt()));
    if (p < p) {
      v1 = v1.add(p);
      Gradient v3 = a.newInstance(p);
      int k2 = 0;
      while (v3.getValue() < 1.4 && k2 < 6) {
        v3 = v3.add(k.hypot(a.negate().add(k2), a.newInstance(1.0)).multiply(0.25));
        if ((double) k2 * (double) k2 >= -0.28) {
          v3 = v3.add(a);
          break;
        }
        k2++;
      }
    }
    return a.newInstance(p).subtract(a).atan().add(v1.multiply(0.13)).add(a.multiply(0.65));
  }

  static Gradient m21(Gradient c, Gradient a, Gradient[] u, Gradient x, Gradient[] w,
      Gradient b, Kinks k) {
    Gradient[] t1 = zeros(c, 3);
    Gradient v2 = b.sin().multiply(1.2).tan().multiply(w[0]);
    t1[2] = c;
    x = x.add(a);
    for (int i3 = 0; i3 < 3; i3++) {
      v2 = v2.add(k.max(t1[i3].toDegrees(), c.add(b)));
      if (k.le(c.cos().multiply(1.2).tan().cos().add(1.5).log(), b)) {
        t1[i3 / 2] = t1[i3 / 2].add(k.rem(x.subtract(c), 1.3));
        Gradient v4 = v2.tanh().multiply(0.9).acos().multiply(x);
        t1[i3] = v4;
      }
      c = t1[1].multiply(t1[1]).add(1.0).sqrt().sqrt().negate().multiply(-1.44);
      int j = (i3 + 3) % 3;
      t1[j] = t1[j].multiply(t1[j].add(c.tanh().multiply(0.5)));
    }
    v2 = v2.add(k.ceil(c.multiply(-0.49)));
    Gradient v5 = c;
    return m15(k.rem(b, 0.7), -0.77, k).add(a.multiply(0.46)).add(x.multiply(-1.22))
        .add(c.multiply(0.96)).add(v5.multiply(0.62)).add(b.multiply(-0.25))
        .add(v2.multiply(-1.01));
  }

  static Gradient m34(Gradient a, Gradient[] w, int n, Kinks k) {
    Gradient[] t1 = zeros(a, 1);
    Gradient v2 = t1[(n + 0) % 1].add(w[(n + 2) % 1].add(a));
    Gradient v3 = m21(v2, k.rem(w[0], k.hypot(v2, a.newInstance(1.0))).divide(2.0), t1,
        v2.multiply(a), t1, a, k);
    Gradient v4 = k.rem(v2, 0.7);
    v4 = sigmoid(v2.multiply(w[n / 2]));
    t1[(n + 1) % 1] = v2;
    Gradient v5 = k.abs(v2.multiply(w[n / 2])).toRadians();
    t1[(n + 1) % 1] = t1[(n + 1) % 1].add(v2.tanh().atan().exp());
    Gradient r6 = a.newInstance(0.0);
    for (int i7 = 0; i7 < t1.length; i7++) {
      r6 = r6.add(t1[i7]);
    }
    return t1[n / 2].add(v4.multiply(0.39)).add(v5.multiply(-0.03)).add(v2.multiply(-0.77))
        .add(v3.multiply(1.32)).add(a.multiply(-0.68)).add(r6);
  }

  /** {@code new double[n]}: constants with {@code like}'s free parameters. */
  static Gradient[] zeros(Gradient like, int n) {
    Gradient[] z = new Gradient[n];
    for (int i = 0; i < n; i++) {
      z[i] = like.newInstance(0.0);
    }
    return z;
  }

  /** {@code new double[rows][cols]}. */
  static Gradient[][] zeros(Gradient like, int rows, int cols) {
    Gradient[][] z = new Gradient[rows][];
    for (int i = 0; i < rows; i++) {
      z[i] = zeros(like, cols);
    }
    return z;
  }

  /** {@code Activations.sigmoid}. */
  static Gradient sigmoid(Gradient z) {
    return z.negate().exp().add(1.0).reciprocal();
  }

  /** {@code Activations.softplus}: {@code max(z, 0) + log1p(e^-|z|)}, smooth despite both. */
  static Gradient softplus(Gradient z) {
    return z.getValue() >= 0 ? z.add(z.negate().exp().log1p()) : z.exp().log1p();
  }

  /** {@code Losses.softmaxCrossEntropy}: {@code log Σ e^{z_i − m} − (z_target − m)}. */
  static Gradient softmaxCrossEntropy(Gradient[] logits, int target) {
    double max = Double.NEGATIVE_INFINITY;
    for (Gradient z : logits) {
      max = Math.max(max, z.getValue());
    }
    Gradient sum = logits[0].newInstance(0.0);
    for (Gradient z : logits) {
      sum = sum.add(z.subtract(max).exp());
    }
    return sum.log().subtract(logits[target].subtract(max));
  }
}

package dev.tapeless.it.arrays;

import static dev.tapeless.it.arrays.ArrayCase.Param.bool;
import static dev.tapeless.it.arrays.ArrayCase.Param.integer;
import static dev.tapeless.it.arrays.ArrayCase.Param.out;
import static dev.tapeless.it.arrays.ArrayCase.Param.passive;
import static dev.tapeless.it.arrays.ArrayCase.Param.passiveMatrix;
import static dev.tapeless.it.arrays.ArrayCase.Param.passiveVector;
import static dev.tapeless.it.arrays.ArrayCase.Param.real;
import static dev.tapeless.it.arrays.ArrayCase.Param.vector;
import static dev.tapeless.it.arrays.ArrayCase.fn;
import static dev.tapeless.it.arrays.Flatten.flat;

import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Cases for {@link Regressions}. Each twin is the original written again in forward mode, where
 * the constructs that once broke the reverse sweep (flags written in their own branch, breaks,
 * counters used as indices, bounds written in the loop) are nothing special. Where a method
 * branches on the data, the twin goes through {@link Kinks}, and the smoothWhere runs it so
 * that the points stay away from the branch flips.
 */
final class RegressionsCases {
  private RegressionsCases() {}

  static List<ArrayCase<?>> cases() {
    return List.of(
        fn("Regressions.flagBranch", real("x", -3, 3), bool("start"))
            .plain(a -> Regressions.flagBranch(a.d(0), a.flag(1)))
            .frame(Regressions_Grad.FlagBranch::new, Regressions_Grad.FlagBranch::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.flag(1)),
                (g, a) -> g.accumulate(a.d(0), a.flag(1)))
            .twin(p -> flagBranch(p.x(0), p.flag(1))),
        fn("Regressions.halveUntilSmall", real("x", 0.1, 12))
            .smoothWhere(a -> Kinks.smooth(
                k -> halveUntilSmall(new Kinks.Variables(a, 0).x(0), k)))
            .plain(a -> Regressions.halveUntilSmall(a.d(0)))
            .frame(Regressions_Grad.HalveUntilSmall::new, Regressions_Grad.HalveUntilSmall::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0)),
                (g, a) -> g.accumulate(a.d(0)))
            .twin(p -> halveUntilSmall(p.x(0), new Kinks())),
        fn("Regressions.setFirst", real("c", -2, 2), out("y", "n"))
            .dim("n", 1, 3)
            .plainVoid(a -> Regressions.setFirst(a.d(0), a.vec(1)))
            .frame(Regressions_Grad.SetFirst::new, Regressions_Grad.SetFirst::zero,
                g -> flat(g.dc))
            .outputs((g, a, s) -> g.pullback(a.d(0), a.vec(1), s.vec(0)),
                (g, a, j) -> g.jacobian(a.d(0), a.vec(1), j))
            .outTwin(p -> {
              // The elements it does not write keep the caller's values.
              Gradient[] y = p.vec(1);
              y[0] = p.x(0);
              return y;
            }),
        fn("Regressions.partialOutConstant", real("x", -2, 2))
            .plain(a -> Regressions.partialOutConstant(a.d(0)))
            .frame(Regressions_Grad.PartialOutConstant::new,
                Regressions_Grad.PartialOutConstant::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0)),
                (g, a) -> g.accumulate(a.d(0)))
            .twin(p -> partialOut(p.x(0), p.constant(1.0))),
        fn("Regressions.partialOutVaried", real("x", -2, 2))
            .plain(a -> Regressions.partialOutVaried(a.d(0)))
            .frame(Regressions_Grad.PartialOutVaried::new,
                Regressions_Grad.PartialOutVaried::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0)),
                (g, a) -> g.accumulate(a.d(0)))
            .twin(p -> partialOut(p.x(0), p.x(0))),
        fn("Regressions.opaqueMutation", real("x", -2, 2))
            .plain(a -> Regressions.opaqueMutation(a.d(0)))
            .frame(Regressions_Grad.OpaqueMutation::new, Regressions_Grad.OpaqueMutation::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0)),
                (g, a) -> g.accumulate(a.d(0)))
            .twin(p -> opaqueMutation(p.x(0))),
        fn("Regressions.atan2Int", real("x", -3, 3))
            .plain(a -> Regressions.atan2Int(a.d(0)))
            .frame(Regressions_Grad.Atan2Int::new, Regressions_Grad.Atan2Int::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0)),
                (g, a) -> g.accumulate(a.d(0)))
            .twin(p -> p.x(0).atan2(p.constant(100000))),
        // n above 46341, where n * n overflows an int, is what the bug needed.
        fn("Regressions.atan2IntParam", real("x", -3, 3), integer("n", 1, 100_000))
            .plain(a -> Regressions.atan2IntParam(a.d(0), a.n(1)))
            .frame(Regressions_Grad.Atan2IntParam::new, Regressions_Grad.Atan2IntParam::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.n(1)),
                (g, a) -> g.accumulate(a.d(0), a.n(1)))
            .twin(p -> p.x(0).atan2(p.constant(p.n(1)))),
        // k = 0 at x = 0 is the regression, checked on its own; here x^k is smooth.
        fn("Regressions.powZero", real("x", 0.2, 3), passive("k", 0.5, 2.5))
            .plain(a -> Regressions.powZero(a.d(0), a.d(1)))
            .frame(Regressions_Grad.PowZero::new, Regressions_Grad.PowZero::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.d(1)),
                (g, a) -> g.accumulate(a.d(0), a.d(1)))
            .twin(p -> p.x(0).pow(p.d(1))),
        fn("Regressions.sqrtUnused", real("x", 0.01, 3))
            .smoothWhere(a -> Kinks.smooth(k -> sqrtUnused(new Kinks.Variables(a, 0).x(0), k)))
            .plain(a -> Regressions.sqrtUnused(a.d(0)))
            .frame(Regressions_Grad.SqrtUnused::new, Regressions_Grad.SqrtUnused::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0)),
                (g, a) -> g.accumulate(a.d(0)))
            .twin(p -> sqrtUnused(p.x(0), new Kinks())),
        fn("Regressions.overwrittenByMatvec", real("x", -2, 2),
                passiveMatrix("w", "2", "n", -2, 2), passiveVector("v", "n", -2, 2))
            .dim("n", 1, 3)
            .plain(a -> Regressions.overwrittenByMatvec(a.d(0), a.mat(1), a.vec(2)))
            .frame(Regressions_Grad.OverwrittenByMatvec::new,
                Regressions_Grad.OverwrittenByMatvec::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.mat(1), a.vec(2)),
                (g, a) -> g.accumulate(a.d(0), a.mat(1), a.vec(2)))
            .twin(p -> overwrittenByMatvec(p.x(0), p.mat(1), p.dvec(2))),
        fn("Regressions.shrinkingBound", real("x", -2, 2))
            .plain(a -> Regressions.shrinkingBound(a.d(0)))
            .frame(Regressions_Grad.ShrinkingBound::new, Regressions_Grad.ShrinkingBound::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0)),
                (g, a) -> g.accumulate(a.d(0)))
            .twin(p -> shrinkingBound(p.x(0), 4.0, 1.0)),
        fn("Regressions.shrinkingBoundByTwo", real("x", -2, 2))
            .plain(a -> Regressions.shrinkingBoundByTwo(a.d(0)))
            .frame(Regressions_Grad.ShrinkingBoundByTwo::new,
                Regressions_Grad.ShrinkingBoundByTwo::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0)),
                (g, a) -> g.accumulate(a.d(0)))
            .twin(p -> shrinkingBound(p.x(0), 10.0, 2.0)),
        // Up to 30, so that some points take the breaks (y > 9 after halving); the wider
        // margin covers the finite-difference steps, which grow with x.
        fn("Regressions.blowUp", real("x", 0.5, 30), integer("n", 1, 4))
            .smoothWhere(a -> Kinks.smooth(0.05,
                k -> blowUp(new Kinks.Variables(a, 0).x(0), a.n(1), k)))
            .plain(a -> Regressions.blowUp(a.d(0), a.n(1)))
            .frame(Regressions_Grad.BlowUp::new, Regressions_Grad.BlowUp::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.n(1)),
                (g, a) -> g.accumulate(a.d(0), a.n(1)))
            .twin(p -> blowUp(p.x(0), p.n(1), new Kinks())),
        fn("Regressions.early", real("a", -0.5, 1.5), out("out", "n"))
            .dim("n", 1, 3)
            .smoothWhere(a -> Kinks.smooth(k -> k.gt(new Kinks.Variables(a, 0).x(0), 0.5)))
            .plainVoid(a -> Regressions.early(a.d(0), a.vec(1)))
            .frame(Regressions_Grad.Early::new, Regressions_Grad.Early::zero, g -> flat(g.da))
            .outputs((g, a, s) -> g.pullback(a.d(0), a.vec(1), s.vec(0)),
                (g, a, j) -> g.jacobian(a.d(0), a.vec(1), j))
            .outTwin(p -> early(p.x(0), p.vec(1), new Kinks())),
        // The outputs' incoming garbage is read: out[0] += a².
        fn("Regressions.jac", real("a", -2, 2), out("out", "2"))
            .plainVoid(a -> Regressions.jac(a.d(0), a.vec(1)))
            .frame(Regressions_Grad.Jac::new, Regressions_Grad.Jac::zero, g -> flat(g.da))
            .outputs((g, a, s) -> g.pullback(a.d(0), a.vec(1), s.vec(0)),
                (g, a, j) -> g.jacobian(a.d(0), a.vec(1), j))
            .outTwin(p -> jac(p.x(0), p.vec(1))),
        fn("Regressions.whileForForeach", real("a", -2, 2), vector("w", "m", -2, 2),
                integer("n", 0, 3))
            .dim("m", 2, 4)
            .plain(a -> Regressions.whileForForeach(a.d(0), a.vec(1), a.n(2)))
            .frame(Regressions_Grad.WhileForForeach::new,
                Regressions_Grad.WhileForForeach::zero, g -> flat(g.da, g.dw))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.vec(1), a.n(2)),
                (g, a) -> g.accumulate(a.d(0), a.vec(1), a.n(2)))
            .twin(p -> whileForForeach(p.x(0), p.vec(1), p.n(2))),
        fn("Regressions.forForeach", real("a", -2, 2), vector("w", "m", -2, 2))
            .dim("m", 2, 4)
            .plain(a -> Regressions.forForeach(a.d(0), a.vec(1)))
            .frame(Regressions_Grad.ForForeach::new, Regressions_Grad.ForForeach::zero,
                g -> flat(g.da, g.dw))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.vec(1)),
                (g, a) -> g.accumulate(a.d(0), a.vec(1)))
            .twin(p -> forForeach(p.x(0), p.vec(1))),
        fn("Regressions.forFor", real("a", -2, 2), vector("w", "m", -2, 2))
            .dim("m", 2, 4)
            .plain(a -> Regressions.forFor(a.d(0), a.vec(1)))
            .frame(Regressions_Grad.ForFor::new, Regressions_Grad.ForFor::zero,
                g -> flat(g.da, g.dw))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.vec(1)),
                (g, a) -> g.accumulate(a.d(0), a.vec(1)))
            .twin(p -> forFor(p.x(0), p.vec(1))),
        // Exactly as many observation rows as comparisons: one more row hid the bug.
        fn("Regressions.loss2d", real("a", 0.8, 1.2), integer("n", 0, 6),
                integer("every", 1, 3), passiveMatrix("obs", "r", "2", 0.5, 1.5))
            .dim("r", 1, 6)
            .smoothWhere(a -> a.mat(3).length == a.n(1) / a.n(2))
            .plain(a -> Regressions.loss2d(a.d(0), a.n(1), a.n(2), a.mat(3)))
            .frame(Regressions_Grad.Loss2d::new, Regressions_Grad.Loss2d::zero, g -> flat(g.da))
            .calls(g -> g.value,
                (g, a) -> g.valueAndGradient(a.d(0), a.n(1), a.n(2), a.mat(3)),
                (g, a) -> g.accumulate(a.d(0), a.n(1), a.n(2), a.mat(3)))
            .twin(p -> loss(p.x(0), p.n(1), p.n(2), values(p.mat(3)), 1)),
        fn("Regressions.loss1d", real("a", 0.8, 1.2), integer("n", 0, 6),
                integer("every", 1, 3), passiveVector("obs", "r", 0.5, 1.5))
            .dim("r", 1, 6)
            .smoothWhere(a -> a.vec(3).length == a.n(1) / a.n(2))
            .plain(a -> Regressions.loss1d(a.d(0), a.n(1), a.n(2), a.vec(3)))
            .frame(Regressions_Grad.Loss1d::new, Regressions_Grad.Loss1d::zero, g -> flat(g.da))
            .calls(g -> g.value,
                (g, a) -> g.valueAndGradient(a.d(0), a.n(1), a.n(2), a.vec(3)),
                (g, a) -> g.accumulate(a.d(0), a.n(1), a.n(2), a.vec(3)))
            .twin(p -> loss(p.x(0), p.n(1), p.n(2), column(p.dvec(3)), 1)),
        fn("Regressions.loss2dInner", real("a", 0.8, 1.2), integer("n", 0, 6),
                integer("every", 1, 3), passiveMatrix("obs", "r", "2", 0.5, 1.5))
            .dim("r", 1, 6)
            .smoothWhere(a -> a.mat(3).length == a.n(1) / a.n(2))
            .plain(a -> Regressions.loss2dInner(a.d(0), a.n(1), a.n(2), a.mat(3)))
            .frame(Regressions_Grad.Loss2dInner::new, Regressions_Grad.Loss2dInner::zero,
                g -> flat(g.da))
            .calls(g -> g.value,
                (g, a) -> g.valueAndGradient(a.d(0), a.n(1), a.n(2), a.mat(3)),
                (g, a) -> g.accumulate(a.d(0), a.n(1), a.n(2), a.mat(3)))
            .twin(p -> loss(p.x(0), p.n(1), p.n(2), values(p.mat(3)), 2)),
        // A fractional bound: the loop runs ceil(n) times.
        fn("Regressions.doubleBound", vector("x", "m", -2, 2), passive("n", 0, 3))
            .dim("m", 3, 5)
            .plain(a -> Regressions.doubleBound(a.vec(0), a.d(1)))
            .frame(Regressions_Grad.DoubleBound::new, Regressions_Grad.DoubleBound::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.d(1)),
                (g, a) -> g.accumulate(a.vec(0), a.d(1)))
            .twin(p -> doubleBound(p.vec(0), p.d(1))),
        fn("Regressions.longBound", vector("x", "m", -2, 2), integer("n", 0, 3))
            .dim("m", 3, 5)
            .plain(a -> Regressions.longBound(a.vec(0), a.n(1)))
            .frame(Regressions_Grad.LongBound::new, Regressions_Grad.LongBound::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.n(1)),
                (g, a) -> g.accumulate(a.vec(0), a.n(1)))
            .twin(p -> doubleBound(p.vec(0), p.n(1))));
  }

  // The twins, statement by statement.

  static Gradient flagBranch(Gradient x, boolean start) {
    boolean flag = start;
    Gradient y = x;
    if (flag) {
      y = y.multiply(x);
    }
    return y;
  }

  static Gradient halveUntilSmall(Gradient x, Kinks k) {
    boolean go = true;
    Gradient y = x;
    while (go) {
      y = y.multiply(0.5);
      if (k.lt(y, 1)) {
        go = false;
      }
    }
    return y;
  }

  /** partialOutConstant and partialOutVaried: {@code setFirst(c, y)} after {@code y[1] = 2x}. */
  static Gradient partialOut(Gradient x, Gradient c) {
    Gradient[] y = {x.newInstance(0.0), x.newInstance(0.0)};
    y[1] = x.multiply(2);
    y[0] = c;
    return y[0].add(y[1]);
  }

  /** Calls the original helper: it has no derivative, so its result is a constant. */
  static Gradient opaqueMutation(Gradient x) {
    double[] buf = new double[1];
    buf[0] = 3.0;
    Gradient y = x.multiply(buf[0]);
    double s = Regressions.takeFirst(buf);
    return y.add(s);
  }

  static Gradient sqrtUnused(Gradient x, Kinks k) {
    Gradient s = x.sqrt();
    Gradient y;
    if (k.gt(x, 1)) {
      y = s;
    } else {
      y = x.newInstance(0.0);
    }
    return y.add(x);
  }

  /** {@code y[0] = 5x} is overwritten by {@code (w v)[0]}, summed as Linear.matvec sums it. */
  static Gradient overwrittenByMatvec(Gradient x, Gradient[][] w, double[] v) {
    Gradient y0 = x.multiply(5);
    Gradient s = x.newInstance(0.0);
    for (int j = 0; j < v.length; j++) {
      s = s.add(w[0][j].multiply(v[j]));
    }
    y0 = s;
    return y0.add(x);
  }

  /** shrinkingBound and shrinkingBoundByTwo: the bound starts at {@code limit}. */
  static Gradient shrinkingBound(Gradient x, double limit, double step) {
    double[] lim = {limit};
    Gradient acc = x.newInstance(1.0);
    for (int i = 0; i < (int) lim[0]; i++) {
      lim[0] = lim[0] - step;
      acc = acc.multiply(x);
    }
    return acc;
  }

  static Gradient blowUp(Gradient x, int n, Kinks k) {
    Gradient y = x;
    for (int i = 0; i < n; i++) {
      boolean broke = false;
      for (int level = 1; level <= 8 && !broke; level++) {
        if (k.gt(y, level)) {
          y = y.multiply(0.5);
          broke = k.gt(y, 9);
        } else {
          y = y.multiply(1.1);
        }
      }
      if (broke) {
        break;
      }
      y = y.add(0.01);
    }
    return y;
  }

  /** The outputs are returned: {@code out} as it came in, out[0] written unless a > 0.5. */
  static Gradient[] early(Gradient a, Gradient[] out, Kinks k) {
    if (k.gt(a, 0.5)) {
      return out;
    }
    out[0] = a.multiply(a);
    return out;
  }

  static Gradient[] jac(Gradient a, Gradient[] out) {
    out[0] = out[0].add(a.multiply(a));
    out[1] = out[0].multiply(a);
    return out;
  }

  static Gradient whileForForeach(Gradient a, Gradient[] w, int n) {
    int k = 0;
    while (k < n) {
      k++;
      forForeach(a, w);
    }
    return a.multiply(w[0]);
  }

  static Gradient forForeach(Gradient a, Gradient[] w) {
    for (int i = 0; i < 3; i++) {
      for (Gradient e : w) {
        if (a.subtract(e).getValue() > w[1].getValue()) {
          break;
        }
      }
    }
    return a.multiply(w[0]);
  }

  static Gradient forFor(Gradient a, Gradient[] w) {
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < w.length; j++) {
        if (a.subtract(w[j]).getValue() > w[1].getValue()) {
          break;
        }
      }
    }
    return a.multiply(w[0]);
  }

  /** loss2d (columns = 1), loss2dInner (columns = 2) and loss1d (as a one-column matrix). */
  static Gradient loss(Gradient a, int n, int every, double[][] obs, int columns) {
    Gradient x = a.newInstance(1.0);
    Gradient loss = a.newInstance(0.0);
    int k = 0;
    for (int i = 0; i < n; i++) {
      x = x.multiply(a);
      if ((i + 1) % every == 0) {
        for (int j = 0; j < columns; j++) {
          Gradient e = x.subtract(obs[k][j]);
          loss = loss.add(e.multiply(e));
        }
        k++;
      }
    }
    return loss;
  }

  /** doubleBound, and longBound with its bound widened. */
  static Gradient doubleBound(Gradient[] x, double n) {
    Gradient s = x[0].newInstance(0.0);
    for (int i = 0; i < n; i++) {
      s = s.add(x[i].multiply(x[i]));
    }
    return s;
  }

  /** The values of a matrix of constants: the twin's view of a {@code @NoDerivative} matrix. */
  static double[][] values(Gradient[][] m) {
    double[][] v = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      v[i] = new double[m[i].length];
      for (int j = 0; j < m[i].length; j++) {
        v[i][j] = m[i][j].getValue();
      }
    }
    return v;
  }

  /** A vector as a one-column matrix. */
  static double[][] column(double[] v) {
    double[][] m = new double[v.length][1];
    for (int i = 0; i < v.length; i++) {
      m[i][0] = v[i];
    }
    return m;
  }
}

package dev.tapeless.it.arrays;

import static dev.tapeless.it.arrays.ArrayCase.Param.integer;
import static dev.tapeless.it.arrays.ArrayCase.Param.real;
import static dev.tapeless.it.arrays.ArrayCase.Param.vector;
import static dev.tapeless.it.arrays.ArrayCase.fn;
import static dev.tapeless.it.arrays.Flatten.flat;

import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;

/** Cases for {@link Reductions}, and twins of its functions in Hipparchus arithmetic. */
final class ReductionsCases {
  private ReductionsCases() {}

  static List<ArrayCase<?>> cases() {
    return List.of(
        fn("Reductions.sum", vector("x", "n", -2, 2))
            .dim("n", 1, 7)
            .plain(a -> Reductions.sum(a.vec(0)))
            .frame(Reductions_Grad.Sum::new, Reductions_Grad.Sum::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> sum(p.vec(0))),
        fn("Reductions.dot", vector("x", "n", -2, 2), vector("y", "n", -2, 2))
            .dim("n", 1, 7)
            .plain(a -> Reductions.dot(a.vec(0), a.vec(1)))
            .frame(Reductions_Grad.Dot::new, Reductions_Grad.Dot::zero, g -> flat(g.dx, g.dy))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.vec(1)),
                (g, a) -> g.accumulate(a.vec(0), a.vec(1)))
            .twin(p -> dot(p.vec(0), p.vec(1))),
        fn("Reductions.norm", vector("x", "n", -2, 2))
            .dim("n", 1, 7)
            .smoothWhere(a -> Reductions.norm(a.vec(0)) > 0.2)
            .plain(a -> Reductions.norm(a.vec(0)))
            .frame(Reductions_Grad.Norm::new, Reductions_Grad.Norm::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> norm(p.vec(0))),
        fn("Reductions.weightedMean", vector("w", "n", 0.5, 2), vector("x", "n", -2, 2))
            .dim("n", 1, 6)
            .plain(a -> Reductions.weightedMean(a.vec(0), a.vec(1)))
            .frame(Reductions_Grad.WeightedMean::new, Reductions_Grad.WeightedMean::zero,
                g -> flat(g.dw, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.vec(1)),
                (g, a) -> g.accumulate(a.vec(0), a.vec(1)))
            .twin(p -> weightedMean(p.vec(0), p.vec(1))),
        fn("Reductions.variance", vector("x", "n", -2, 2))
            .dim("n", 1, 7)
            .plain(a -> Reductions.variance(a.vec(0)))
            .frame(Reductions_Grad.Variance::new, Reductions_Grad.Variance::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> variance(p.vec(0))),
        fn("Reductions.product", vector("x", "n", -1.5, 1.5))
            .dim("n", 1, 6)
            .plain(a -> Reductions.product(a.vec(0)))
            .frame(Reductions_Grad.Product::new, Reductions_Grad.Product::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> product(p.vec(0))),
        fn("Reductions.logSumExp", vector("z", "n", -3, 3))
            .dim("n", 1, 7)
            .plain(a -> Reductions.logSumExp(a.vec(0)))
            .frame(Reductions_Grad.LogSumExp::new, Reductions_Grad.LogSumExp::zero,
                g -> flat(g.dz))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> logSumExp(p.vec(0))),
        fn("Reductions.pNorm", vector("x", "n", -2, 2), real("p", 1.5, 3))
            .dim("n", 1, 6)
            .smoothWhere(a -> awayFromZero(a.vec(0)))
            .plain(a -> Reductions.pNorm(a.vec(0), a.d(1)))
            .frame(Reductions_Grad.PNorm::new, Reductions_Grad.PNorm::zero,
                g -> flat(g.dx, g.dp))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.d(1)),
                (g, a) -> g.accumulate(a.vec(0), a.d(1)))
            .twin(p -> pNorm(p.vec(0), p.x(1))),
        fn("Reductions.weightedPrefix", vector("x", "n", -2, 2), integer("n", 0, 3))
            .dim("n", 3, 6)
            .plain(a -> Reductions.weightedPrefix(a.vec(0), a.n(1)))
            .frame(Reductions_Grad.WeightedPrefix::new, Reductions_Grad.WeightedPrefix::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.n(1)),
                (g, a) -> g.accumulate(a.vec(0), a.n(1)))
            .twin(p -> weightedPrefix(p.vec(0), p.n(1))));
  }

  /** Whether every element is farther than 0.05 from 0. */
  static boolean awayFromZero(double[] x) {
    for (double v : x) {
      if (Math.abs(v) <= 0.05) {
        return false;
      }
    }
    return true;
  }

  static Gradient sum(Gradient[] x) {
    Gradient s = x[0].getField().getZero();
    for (Gradient v : x) {
      s = s.add(v);
    }
    return s;
  }

  static Gradient dot(Gradient[] x, Gradient[] y) {
    Gradient s = x[0].getField().getZero();
    for (int i = 0; i < x.length; i++) {
      s = s.add(x[i].multiply(y[i]));
    }
    return s;
  }

  static Gradient norm(Gradient[] x) {
    return dot(x, x).sqrt();
  }

  static Gradient weightedMean(Gradient[] w, Gradient[] x) {
    return dot(w, x).divide(sum(w));
  }

  static Gradient variance(Gradient[] x) {
    Gradient mean = sum(x).divide(x.length);
    Gradient s = mean.getField().getZero();
    for (Gradient v : x) {
      s = s.add(v.subtract(mean).square());
    }
    return s.divide(x.length);
  }

  static Gradient product(Gradient[] x) {
    Gradient p = x[0].getField().getOne();
    for (Gradient v : x) {
      p = p.multiply(v);
    }
    return p;
  }

  static Gradient logSumExp(Gradient[] z) {
    // An independent formulation: no shift by the maximum.
    Gradient s = z[0].getField().getZero();
    for (Gradient v : z) {
      s = s.add(v.exp());
    }
    return s.log();
  }

  static Gradient pNorm(Gradient[] x, Gradient p) {
    Gradient s = p.getField().getZero();
    for (Gradient v : x) {
      s = s.add(v.abs().pow(p));
    }
    return s.pow(p.reciprocal());
  }

  static Gradient weightedPrefix(Gradient[] x, int n) {
    Gradient s = x[0].getField().getZero();
    for (int i = 0; i < n; i++) {
      s = s.add(x[i].square().multiply(2 * i + 1).divide(i + 2));
    }
    return s;
  }
}

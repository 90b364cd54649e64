package dev.tapeless.it.arrays;

import static dev.tapeless.it.arrays.ArrayCase.Param.indices;
import static dev.tapeless.it.arrays.ArrayCase.Param.integer;
import static dev.tapeless.it.arrays.ArrayCase.Param.matrix;
import static dev.tapeless.it.arrays.ArrayCase.Param.real;
import static dev.tapeless.it.arrays.ArrayCase.Param.vector;
import static dev.tapeless.it.arrays.ArrayCase.fn;
import static dev.tapeless.it.arrays.Flatten.flat;

import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Cases for {@link ControlFlow}, and twins of its functions in Hipparchus arithmetic. The twins
 * take every decision on values, as the originals do, so they follow the same path.
 */
final class ControlFlowCases {
  private ControlFlowCases() {}

  /** How far a compared quantity stays from its threshold at every sampled point. */
  private static final double MARGIN = 0.1;

  static List<ArrayCase<?>> cases() {
    return List.of(
        fn("ControlFlow.softClip", vector("x", "n", -2, 2), real("c", -1, 1))
            .dim("n", 1, 7)
            .smoothWhere(a -> {
              for (double v : a.vec(0)) {
                if (Math.abs(v - a.d(1)) < MARGIN) {
                  return false;
                }
              }
              return true;
            })
            .plain(a -> ControlFlow.softClip(a.vec(0), a.d(1)))
            .frame(ControlFlow_Grad.SoftClip::new, ControlFlow_Grad.SoftClip::zero,
                g -> flat(g.dx, g.dc))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.d(1)),
                (g, a) -> g.accumulate(a.vec(0), a.d(1)))
            .twin(p -> {
              Gradient c = p.x(1);
              Gradient s = p.constant(0);
              for (Gradient x : p.vec(0)) {
                s = s.add(x.getValue() > c.getValue() ? x.subtract(c).add(1).log().add(c) : x);
              }
              return s;
            }),
        fn("ControlFlow.sumUntilLimit", vector("x", "n", -2, 2), real("limit", 0.5, 6))
            .dim("n", 1, 7)
            .smoothWhere(a -> runningSumsAvoid(a.vec(0), 1, a.d(1)))
            .plain(a -> ControlFlow.sumUntilLimit(a.vec(0), a.d(1)))
            .frame(ControlFlow_Grad.SumUntilLimit::new, ControlFlow_Grad.SumUntilLimit::zero,
                g -> flat(g.dx, g.dlimit))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.d(1)),
                (g, a) -> g.accumulate(a.vec(0), a.d(1)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient limit = p.x(1);
              Gradient s = p.constant(0);
              int i = 0;
              while (i < x.length) {
                s = s.add(x[i].square());
                if (s.getValue() > limit.getValue()) {
                  break;
                }
                i++;
              }
              return s.multiply(i + 1).add(limit.multiply(0.5));
            }),
        fn("ControlFlow.sqrtOfPositives", vector("x", "n", -2, 2))
            .dim("n", 1, 7)
            .smoothWhere(a -> ReductionsCases.awayFromZero(a.vec(0)))
            .plain(a -> ControlFlow.sqrtOfPositives(a.vec(0)))
            .frame(ControlFlow_Grad.SqrtOfPositives::new, ControlFlow_Grad.SqrtOfPositives::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient s = p.constant(0);
              for (int i = 0; i < x.length; i++) {
                if (x[i].getValue() >= 0) {
                  s = s.add(x[i].sqrt().multiply(i + 1));
                }
              }
              return s;
            }),
        fn("ControlFlow.horner", vector("c", "n", -2, 2), real("t", -1.5, 1.5))
            .dim("n", 1, 7)
            .plain(a -> ControlFlow.horner(a.vec(0), a.d(1)))
            .frame(ControlFlow_Grad.Horner::new, ControlFlow_Grad.Horner::zero,
                g -> flat(g.dc, g.dt))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.d(1)),
                (g, a) -> g.accumulate(a.vec(0), a.d(1)))
            .twin(p -> {
              // Powers summed upwards: another evaluation order than Horner's.
              Gradient[] c = p.vec(0);
              Gradient s = p.constant(0);
              for (int i = 0; i < c.length; i++) {
                s = s.add(c[i].multiply(p.x(1).pow(i)));
              }
              return s;
            }),
        fn("ControlFlow.backwardDifferences", vector("x", "n", -2, 2))
            .dim("n", 1, 7)
            .plain(a -> ControlFlow.backwardDifferences(a.vec(0)))
            .frame(ControlFlow_Grad.BackwardDifferences::new,
                ControlFlow_Grad.BackwardDifferences::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient s = p.constant(0);
              for (int i = 1; i < x.length; i++) {
                s = s.add(x[i].subtract(x[i - 1]).square().multiply(i));
              }
              return s;
            }),
        fn("ControlFlow.sumOfCubes", vector("x", "n", -2, 2))
            .dim("n", 1, 7)
            .plain(a -> ControlFlow.sumOfCubes(a.vec(0)))
            .frame(ControlFlow_Grad.SumOfCubes::new, ControlFlow_Grad.SumOfCubes::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              Gradient s = p.constant(0);
              for (Gradient x : p.vec(0)) {
                s = s.add(x.pow(3));
              }
              return s;
            }),
        fn("ControlFlow.gatherSquares", vector("x", "n", -2, 2), indices("positions", "k", "n"))
            .dim("n", 1, 5)
            .dim("k", 0, 8)
            .plain(a -> ControlFlow.gatherSquares(a.vec(0), a.ints(1)))
            .frame(ControlFlow_Grad.GatherSquares::new, ControlFlow_Grad.GatherSquares::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.ints(1)),
                (g, a) -> g.accumulate(a.vec(0), a.ints(1)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient s = p.constant(0);
              for (int k : p.ints(1)) {
                s = s.add(x[k].square());
              }
              return s;
            }),
        fn("ControlFlow.newtonSqrt", real("a", 0.3, 5))
            .plain(a -> ControlFlow.newtonSqrt(a.d(0)))
            .frame(ControlFlow_Grad.NewtonSqrt::new, ControlFlow_Grad.NewtonSqrt::zero,
                g -> flat(g.da))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0)),
                (g, a) -> g.accumulate(a.d(0)))
            .twin(p -> {
              Gradient a = p.x(0);
              Gradient r = a;
              int k = 0;
              while (Math.abs(r.getValue() * r.getValue() - a.getValue()) > 1e-13 * a.getValue()
                  && k < 60) {
                r = r.add(a.divide(r)).multiply(0.5);
                k++;
              }
              return r;
            }),
        fn("ControlFlow.fixedPoint", real("c", 0.1, 0.6), real("b", -1, 1))
            .plain(a -> ControlFlow.fixedPoint(a.d(0), a.d(1)))
            .frame(ControlFlow_Grad.FixedPoint::new, ControlFlow_Grad.FixedPoint::zero,
                g -> flat(g.dc, g.db))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.d(1)),
                (g, a) -> g.accumulate(a.d(0), a.d(1)))
            .twin(p -> {
              // The implicit function theorem instead of the iteration: v = c cos v + b gives
              // dv = (cos v dc + db) / (1 + c sin v). Exact at the fixed point, which the
              // iteration reaches to rounding.
              double c = p.d(0);
              double v = ControlFlow.fixedPoint(c, p.d(1));
              double den = 1 + c * Math.sin(v);
              Gradient dc = p.x(0).subtract(c).multiply(Math.cos(v) / den);
              Gradient db = p.x(1).subtract(p.d(1)).divide(den);
              return dc.add(db).add(v);
            }),
        fn("ControlFlow.doWhileConsume", vector("x", "n", -1.5, 1.5), real("w", 0.5, 2),
                real("limit", 1, 6))
            .dim("n", 1, 7)
            .smoothWhere(a -> runningSumsAvoid(a.vec(0), a.d(1), a.d(2)))
            .plain(a -> ControlFlow.doWhileConsume(a.vec(0), a.d(1), a.d(2)))
            .frame(ControlFlow_Grad.DoWhileConsume::new, ControlFlow_Grad.DoWhileConsume::zero,
                g -> flat(g.dx, g.dw, g.dlimit))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.d(1), a.d(2)),
                (g, a) -> g.accumulate(a.vec(0), a.d(1), a.d(2)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient s = p.constant(0);
              int i = 0;
              do {
                s = s.add(p.x(1).multiply(x[i]).multiply(x[i]));
                i++;
              } while (i < x.length && s.getValue() < p.d(2));
              return s.multiply(i);
            }),
        fn("ControlFlow.whileStepping", vector("x", "n", -2, 2), integer("steps", 0, 12))
            .dim("n", 1, 5)
            .plain(a -> ControlFlow.whileStepping(a.vec(0), a.n(1)))
            .frame(ControlFlow_Grad.WhileStepping::new, ControlFlow_Grad.WhileStepping::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.n(1)),
                (g, a) -> g.accumulate(a.vec(0), a.n(1)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient s = p.constant(0);
              for (int i = 0; i < p.n(1); i++) {
                s = s.multiply(0.5).add(x[i % x.length].sin());
              }
              return s;
            }),
        fn("ControlFlow.rowsUntilNegative", matrix("A", "m", "n", -1, 1),
                vector("x", "n", -2, 2))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .smoothWhere(a -> productsAvoid(a.mat(0), a.vec(1), 0))
            .plain(a -> ControlFlow.rowsUntilNegative(a.mat(0), a.vec(1)))
            .frame(ControlFlow_Grad.RowsUntilNegative::new,
                ControlFlow_Grad.RowsUntilNegative::zero, g -> flat(g.dA, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> {
              Gradient[][] m = p.mat(0);
              Gradient[] x = p.vec(1);
              Gradient s = p.constant(0);
              for (Gradient[] row : m) {
                for (int j = 0; j < x.length && row[j].getValue() * x[j].getValue() >= 0; j++) {
                  s = s.add(row[j].multiply(x[j]).square());
                }
              }
              return s;
            }),
        fn("ControlFlow.shorterOnBranches", vector("x", "n", -2, 2), vector("y", "m", -2, 2),
                vector("u", "k", -2, 2))
            .dim("n", 2, 6)
            .dim("m", 1, 3)
            .dim("k", 1, 3)
            .plain(a -> ControlFlow.shorterOnBranches(a.vec(0), a.vec(1), a.vec(2)))
            .frame(ControlFlow_Grad.ShorterOnBranches::new,
                ControlFlow_Grad.ShorterOnBranches::zero, g -> flat(g.dx, g.dy, g.du))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.vec(1), a.vec(2)),
                (g, a) -> g.accumulate(a.vec(0), a.vec(1), a.vec(2)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient[] y = p.vec(1);
              Gradient[] u = p.vec(2);
              Gradient s = p.constant(0);
              for (int i = 0; i < x.length; i++) {
                s = s.add(x[i].square());
                if (i < y.length) {
                  s = s.add(y[i].multiply(x[i]));
                }
                if (i < u.length) {
                  s = s.add(u[i].multiply(x[i]).multiply(x[i]));
                }
              }
              return s;
            }),
        fn("ControlFlow.signedInteractions", matrix("A", "m", "n", -1, 1),
                vector("x", "n", -2, 2))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .smoothWhere(a -> productsAvoid(a.mat(0), a.vec(1), 0)
                && productsAvoid(a.mat(0), a.vec(1), -0.5))
            .plain(a -> ControlFlow.signedInteractions(a.mat(0), a.vec(1)))
            .frame(ControlFlow_Grad.SignedInteractions::new,
                ControlFlow_Grad.SignedInteractions::zero, g -> flat(g.dA, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> {
              Gradient s = p.constant(0);
              Gradient[] x = p.vec(1);
              for (Gradient[] row : p.mat(0)) {
                for (int j = 0; j < x.length; j++) {
                  Gradient q = row[j].multiply(x[j]);
                  if (q.getValue() > 0) {
                    s = s.add(q.log1p());
                  } else if (q.getValue() > -0.5) {
                    s = s.subtract(q.square());
                  } else {
                    s = s.subtract(q.exp());
                  }
                }
              }
              return s;
            }));
  }

  /**
   * Whether every running sum of {@code w x_i²} is at least {@link #MARGIN} away from
   * {@code limit}, so that a break or loop exit cannot move between nearby points.
   */
  static boolean runningSumsAvoid(double[] x, double w, double limit) {
    double s = 0;
    for (double v : x) {
      s += w * v * v;
      if (Math.abs(s - limit) < MARGIN) {
        return false;
      }
    }
    return true;
  }

  /** Whether every product {@code A_ij x_j} is at least {@link #MARGIN} away from t. */
  static boolean productsAvoid(double[][] a, double[] x, double t) {
    for (double[] row : a) {
      for (int j = 0; j < x.length; j++) {
        if (Math.abs(row[j] * x[j] - t) < MARGIN) {
          return false;
        }
      }
    }
    return true;
  }
}

package dev.tapeless.it.arrays;

import static dev.tapeless.it.arrays.ArrayCase.Param.matrix;
import static dev.tapeless.it.arrays.ArrayCase.Param.out;
import static dev.tapeless.it.arrays.ArrayCase.Param.vector;
import static dev.tapeless.it.arrays.ArrayCase.Param.withDiagonal;
import static dev.tapeless.it.arrays.ArrayCase.fn;
import static dev.tapeless.it.arrays.Flatten.flat;

import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;

/** Cases for {@link Triangular}, and twins of its functions in Hipparchus arithmetic. */
final class TriangularCases {
  private TriangularCases() {}

  static List<ArrayCase<?>> cases() {
    return List.of(
        fn("Triangular.lowerQuadratic", matrix("L", "n", "n", -1, 1), vector("x", "n", -2, 2))
            .dim("n", 1, 5)
            .plain(a -> Triangular.lowerQuadratic(a.mat(0), a.vec(1)))
            .frame(Triangular_Grad.LowerQuadratic::new, Triangular_Grad.LowerQuadratic::zero,
                g -> flat(g.dL, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> lowerQuadratic(p.mat(0), p.vec(1))),
        fn("Triangular.forwardSubstitution", withDiagonal("L", "n", -0.5, 0.5, 1, 2),
                vector("b", "n", -2, 2))
            .dim("n", 1, 5)
            .plain(a -> Triangular.forwardSubstitution(a.mat(0), a.vec(1)))
            .frame(Triangular_Grad.ForwardSubstitution::new,
                Triangular_Grad.ForwardSubstitution::zero, g -> flat(g.dL, g.db))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> {
              Gradient[] y = forwardSubstitution(p.mat(0), p.vec(1));
              return ReductionsCases.dot(y, y);
            }),
        fn("Triangular.backSubstitution", withDiagonal("U", "n", -0.5, 0.5, 1, 2),
                vector("b", "n", -2, 2))
            .dim("n", 1, 5)
            .plain(a -> Triangular.backSubstitution(a.mat(0), a.vec(1)))
            .frame(Triangular_Grad.BackSubstitution::new,
                Triangular_Grad.BackSubstitution::zero, g -> flat(g.dU, g.db))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> backSubstitution(p.mat(0), p.vec(1))),
        fn("Triangular.pairwiseDistances", vector("x", "n", -2, 2))
            .dim("n", 1, 6)
            .plain(a -> Triangular.pairwiseDistances(a.vec(0)))
            .frame(Triangular_Grad.PairwiseDistances::new,
                Triangular_Grad.PairwiseDistances::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> pairwiseDistances(p.vec(0))),
        fn("Triangular.choleskyLogDet", withDiagonal("A", "n", -0.5, 0.5, 2.5, 3.5))
            .dim("n", 1, 4)
            .plain(a -> Triangular.choleskyLogDet(a.mat(0)))
            .frame(Triangular_Grad.CholeskyLogDet::new, Triangular_Grad.CholeskyLogDet::zero,
                g -> flat(g.dA))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0)),
                (g, a) -> g.accumulate(a.mat(0)))
            .twin(p -> choleskyLogDet(p.mat(0))),
        fn("Triangular.weightedCumulative", vector("x", "n", -2, 2), out("y", "n"))
            .dim("n", 1, 6)
            .plainVoid(a -> Triangular.weightedCumulative(a.vec(0), a.vec(1)))
            .frame(Triangular_Grad.WeightedCumulative::new,
                Triangular_Grad.WeightedCumulative::zero, g -> flat(g.dx))
            .outputs((g, a, s) -> g.pullback(a.vec(0), a.vec(1), s.vec(0)),
                (g, a, j) -> g.jacobian(a.vec(0), a.vec(1), j))
            .outTwin(p -> weightedCumulative(p.vec(0))));
  }

  static Gradient lowerQuadratic(Gradient[][] l, Gradient[] x) {
    Gradient s = x[0].getField().getZero();
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j <= i; j++) {
        s = s.add(l[i][j].multiply(x[i]).multiply(x[j]));
      }
    }
    return s;
  }

  static Gradient[] forwardSubstitution(Gradient[][] l, Gradient[] b) {
    Gradient[] y = new Gradient[b.length];
    for (int i = 0; i < b.length; i++) {
      Gradient s = b[i];
      for (int j = 0; j < i; j++) {
        s = s.subtract(l[i][j].multiply(y[j]));
      }
      y[i] = s.divide(l[i][i]);
    }
    return y;
  }

  static Gradient backSubstitution(Gradient[][] u, Gradient[] b) {
    int n = b.length;
    Gradient[] y = new Gradient[n];
    for (int i = n - 1; i >= 0; i--) {
      Gradient s = b[i];
      for (int j = n - 1; j > i; j--) {
        s = s.subtract(u[i][j].multiply(y[j]));
      }
      y[i] = s.divide(u[i][i]);
    }
    Gradient r = b[0].getField().getZero();
    for (int i = 0; i < n; i++) {
      r = r.add(y[i].multiply(i + 1));
    }
    return r;
  }

  static Gradient pairwiseDistances(Gradient[] x) {
    Gradient s = x[0].getField().getZero();
    for (int i = 0; i < x.length; i++) {
      for (int j = i + 1; j < x.length; j++) {
        s = s.add(x[i].subtract(x[j]).hypot(x[0].getField().getOne()));
      }
    }
    return s;
  }

  /** Cholesky–Banachiewicz, row by row: another order than the corpus's column by column. */
  static Gradient choleskyLogDet(Gradient[][] a) {
    int n = a.length;
    Gradient[][] l = new Gradient[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        Gradient s = a[i][j];
        for (int k = 0; k < j; k++) {
          s = s.subtract(l[i][k].multiply(l[j][k]));
        }
        l[i][j] = i == j ? s.sqrt() : s.divide(l[j][j]);
      }
    }
    Gradient logDet = a[0][0].getField().getZero();
    for (int i = 0; i < n; i++) {
      logDet = logDet.add(l[i][i].log().multiply(2));
    }
    return logDet;
  }

  static Gradient[] weightedCumulative(Gradient[] x) {
    Gradient[] y = new Gradient[x.length];
    Gradient s = x[0].getField().getZero();
    for (int i = 0; i < x.length; i++) {
      s = s.add(x[i].square().multiply(i + 1));
      y[i] = s;
    }
    return y;
  }
}

package dev.tapeless.it.arrays;

import static dev.tapeless.it.arrays.ArrayCase.Param.matrix;
import static dev.tapeless.it.arrays.ArrayCase.Param.out;
import static dev.tapeless.it.arrays.ArrayCase.Param.outMatrix;
import static dev.tapeless.it.arrays.ArrayCase.Param.vector;
import static dev.tapeless.it.arrays.ArrayCase.fn;
import static dev.tapeless.it.arrays.Flatten.flat;

import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;

/** Cases for {@link Matrices}, and twins of its functions in Hipparchus arithmetic. */
final class MatricesCases {
  private MatricesCases() {}

  static List<ArrayCase<?>> cases() {
    return List.of(
        fn("Matrices.quadraticForm", matrix("A", "n", "n", -1, 1), vector("x", "n", -2, 2))
            .dim("n", 1, 5)
            .plain(a -> Matrices.quadraticForm(a.mat(0), a.vec(1)))
            .frame(Matrices_Grad.QuadraticForm::new, Matrices_Grad.QuadraticForm::zero,
                g -> flat(g.dA, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> quadraticForm(p.mat(0), p.vec(1))),
        fn("Matrices.bilinear", vector("u", "m", -2, 2), matrix("A", "m", "n", -1, 1),
                vector("v", "n", -2, 2))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .plain(a -> Matrices.bilinear(a.vec(0), a.mat(1), a.vec(2)))
            .frame(Matrices_Grad.Bilinear::new, Matrices_Grad.Bilinear::zero,
                g -> flat(g.du, g.dA, g.dv))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.mat(1), a.vec(2)),
                (g, a) -> g.accumulate(a.vec(0), a.mat(1), a.vec(2)))
            .twin(p -> ReductionsCases.dot(p.vec(0), matvec(p.mat(1), p.vec(2)))),
        fn("Matrices.matvecSquaredNorm", matrix("W", "m", "n", -1, 1), vector("x", "n", -2, 2))
            .dim("m", 1, 4)
            .dim("n", 1, 5)
            .plain(a -> Matrices.matvecSquaredNorm(a.mat(0), a.vec(1)))
            .frame(Matrices_Grad.MatvecSquaredNorm::new, Matrices_Grad.MatvecSquaredNorm::zero,
                g -> flat(g.dW, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> {
              Gradient[] y = matvec(p.mat(0), p.vec(1));
              return ReductionsCases.dot(y, y);
            }),
        fn("Matrices.productFrobenius", matrix("A", "m", "k", -1, 1),
                matrix("B", "k", "n", -1, 1))
            .dim("m", 1, 3)
            .dim("k", 1, 3)
            .dim("n", 1, 3)
            .plain(a -> Matrices.productFrobenius(a.mat(0), a.mat(1)))
            .frame(Matrices_Grad.ProductFrobenius::new, Matrices_Grad.ProductFrobenius::zero,
                g -> flat(g.dA, g.dB))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.mat(1)),
                (g, a) -> g.accumulate(a.mat(0), a.mat(1)))
            .twin(p -> {
              Gradient s = p.constant(0);
              for (Gradient[] row : multiply(p.mat(0), p.mat(1))) {
                s = s.add(ReductionsCases.dot(row, row));
              }
              return s;
            }),
        fn("Matrices.traceOfProduct", matrix("A", "m", "k", -1, 1),
                matrix("B", "k", "m", -1, 1))
            .dim("m", 1, 4)
            .dim("k", 1, 4)
            .plain(a -> Matrices.traceOfProduct(a.mat(0), a.mat(1)))
            .frame(Matrices_Grad.TraceOfProduct::new, Matrices_Grad.TraceOfProduct::zero,
                g -> flat(g.dA, g.dB))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.mat(1)),
                (g, a) -> g.accumulate(a.mat(0), a.mat(1)))
            .twin(p -> {
              Gradient[][] c = multiply(p.mat(0), p.mat(1));
              Gradient t = p.constant(0);
              for (int i = 0; i < c.length; i++) {
                t = t.add(c[i][i]);
              }
              return t;
            }),
        fn("Matrices.affine", matrix("W", "m", "n", -1, 1), vector("x", "n", -2, 2),
                vector("b", "m", -1, 1), out("y", "m"))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .plainVoid(a -> Matrices.affine(a.mat(0), a.vec(1), a.vec(2), a.vec(3)))
            .frame(Matrices_Grad.Affine::new, Matrices_Grad.Affine::zero,
                g -> flat(g.dW, g.dx, g.db))
            .outputs((g, a, s) -> g.pullback(a.mat(0), a.vec(1), a.vec(2), a.vec(3), s.vec(0)),
                (g, a, j) -> g.jacobian(a.mat(0), a.vec(1), a.vec(2), a.vec(3), j))
            .outTwin(p -> affine(p.mat(0), p.vec(1), p.vec(2))),
        fn("Matrices.multiply", matrix("A", "m", "k", -1, 1), matrix("B", "k", "n", -1, 1),
                outMatrix("C", "m", "n"))
            .dim("m", 1, 3)
            .dim("k", 1, 3)
            .dim("n", 1, 3)
            .plainVoid(a -> Matrices.multiply(a.mat(0), a.mat(1), a.mat(2)))
            .frame(Matrices_Grad.Multiply::new, Matrices_Grad.Multiply::zero,
                g -> flat(g.dA, g.dB))
            .outputs((g, a, s) -> g.pullback(a.mat(0), a.mat(1), a.mat(2), s.mat(0)),
                (g, a, j) -> g.jacobian(a.mat(0), a.mat(1), a.mat(2), j))
            .outTwin(p -> flatten(multiply(p.mat(0), p.mat(1)))),
        fn("Matrices.transposeTimes", matrix("W", "m", "n", -1, 1), vector("x", "m", -2, 2),
                out("y", "n"))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .plainVoid(a -> Matrices.transposeTimes(a.mat(0), a.vec(1), a.vec(2)))
            .frame(Matrices_Grad.TransposeTimes::new, Matrices_Grad.TransposeTimes::zero,
                g -> flat(g.dW, g.dx))
            .outputs((g, a, s) -> g.pullback(a.mat(0), a.vec(1), a.vec(2), s.vec(0)),
                (g, a, j) -> g.jacobian(a.mat(0), a.vec(1), a.vec(2), j))
            .outTwin(p -> matvec(transpose(p.mat(0)), p.vec(1))));
  }

  static Gradient[] matvec(Gradient[][] w, Gradient[] x) {
    Gradient[] y = new Gradient[w.length];
    for (int i = 0; i < w.length; i++) {
      y[i] = ReductionsCases.dot(w[i], x);
    }
    return y;
  }

  static Gradient[] affine(Gradient[][] w, Gradient[] x, Gradient[] b) {
    Gradient[] y = matvec(w, x);
    for (int i = 0; i < y.length; i++) {
      y[i] = y[i].add(b[i]);
    }
    return y;
  }

  static Gradient[][] transpose(Gradient[][] a) {
    Gradient[][] t = new Gradient[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  static Gradient[][] multiply(Gradient[][] a, Gradient[][] b) {
    Gradient[][] bt = transpose(b);
    Gradient[][] c = new Gradient[a.length][bt.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < bt.length; j++) {
        c[i][j] = ReductionsCases.dot(a[i], bt[j]);
      }
    }
    return c;
  }

  static Gradient quadraticForm(Gradient[][] a, Gradient[] x) {
    return ReductionsCases.dot(x, matvec(a, x));
  }

  /** Row-major, as the Jacobian's rows are ordered. */
  static Gradient[] flatten(Gradient[][] m) {
    int n = 0;
    for (Gradient[] row : m) {
      n += row.length;
    }
    Gradient[] out = new Gradient[n];
    int at = 0;
    for (Gradient[] row : m) {
      for (Gradient v : row) {
        out[at++] = v;
      }
    }
    return out;
  }
}

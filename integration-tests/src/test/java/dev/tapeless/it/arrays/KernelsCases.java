package dev.tapeless.it.arrays;

import static dev.tapeless.it.arrays.ArrayCase.Param.index;
import static dev.tapeless.it.arrays.ArrayCase.Param.matrix;
import static dev.tapeless.it.arrays.ArrayCase.Param.out;
import static dev.tapeless.it.arrays.ArrayCase.Param.passiveVector;
import static dev.tapeless.it.arrays.ArrayCase.Param.real;
import static dev.tapeless.it.arrays.ArrayCase.Param.vector;
import static dev.tapeless.it.arrays.ArrayCase.fn;
import static dev.tapeless.it.arrays.Flatten.flat;

import dev.tapeless.runtime.Linear;
import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Cases for {@link Kernels}. The twins compute the kernels' functions from their definitions,
 * not with the kernels' own formulas, so a wrong registered pullback cannot hide behind them.
 */
final class KernelsCases {
  private KernelsCases() {}

  static List<ArrayCase<?>> cases() {
    return List.of(
        fn("Kernels.mlpCrossEntropy", matrix("W1", "h", "n", -1, 1), vector("b1", "h", -1, 1),
                matrix("W2", "c", "h", -1, 1), vector("x", "n", -2, 2), index("target", "c"))
            .dim("n", 1, 4)
            .dim("h", 1, 4)
            .dim("c", 2, 4)
            .plain(a -> Kernels.mlpCrossEntropy(a.mat(0), a.vec(1), a.mat(2), a.vec(3), a.n(4)))
            .frame(Kernels_Grad.MlpCrossEntropy::new, Kernels_Grad.MlpCrossEntropy::zero,
                g -> flat(g.dW1, g.db1, g.dW2, g.dx))
            .calls(g -> g.value,
                (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1), a.mat(2), a.vec(3), a.n(4)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1), a.mat(2), a.vec(3), a.n(4)))
            .twin(p -> {
              Gradient[] a = MatricesCases.affine(p.mat(0), p.vec(3), p.vec(1));
              for (int i = 0; i < a.length; i++) {
                a[i] = a[i].tanh();
              }
              Gradient[] logits = MatricesCases.matvec(p.mat(2), a);
              return ReductionsCases.logSumExp(logits).subtract(logits[p.n(4)]);
            }),
        fn("Kernels.softmaxAttention", vector("scores", "n", -3, 3), vector("values", "n", -2, 2))
            .dim("n", 1, 6)
            .plain(a -> Kernels.softmaxAttention(a.vec(0), a.vec(1)))
            .frame(Kernels_Grad.SoftmaxAttention::new, Kernels_Grad.SoftmaxAttention::zero,
                g -> flat(g.dscores, g.dvalues))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.vec(1)),
                (g, a) -> g.accumulate(a.vec(0), a.vec(1)))
            .twin(p -> ReductionsCases.dot(softmax(p.vec(0)), p.vec(1))),
        fn("Kernels.temperedLogSumExp", vector("z", "n", -3, 3), real("temperature", 0.5, 2))
            .dim("n", 1, 6)
            .plain(a -> Kernels.temperedLogSumExp(a.vec(0), a.d(1)))
            .frame(Kernels_Grad.TemperedLogSumExp::new, Kernels_Grad.TemperedLogSumExp::zero,
                g -> flat(g.dz, g.dtemperature))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.d(1)),
                (g, a) -> g.accumulate(a.vec(0), a.d(1)))
            .twin(p -> {
              Gradient[] z = p.vec(0);
              Gradient t = p.x(1);
              Gradient[] s = new Gradient[z.length];
              for (int i = 0; i < z.length; i++) {
                s[i] = z[i].divide(t);
              }
              return ReductionsCases.logSumExp(s).multiply(t);
            }),
        fn("Kernels.linearRegressionLoss", matrix("W", "m", "n", -1, 1),
                vector("x", "n", -2, 2), passiveVector("target", "m", -2, 2))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .plain(a -> Kernels.linearRegressionLoss(a.mat(0), a.vec(1), a.vec(2)))
            .frame(Kernels_Grad.LinearRegressionLoss::new,
                Kernels_Grad.LinearRegressionLoss::zero, g -> flat(g.dW, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1), a.vec(2)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1), a.vec(2)))
            .twin(p -> {
              Gradient[] y = MatricesCases.matvec(p.mat(0), p.vec(1));
              Gradient s = p.constant(0);
              for (int i = 0; i < y.length; i++) {
                s = s.add(y[i].subtract(p.dvec(2)[i]).square());
              }
              return s.divide(y.length);
            }),
        fn("Kernels.sigmoidSoftplus", vector("z", "n", -3, 3))
            .dim("n", 2, 6)
            .plain(a -> Kernels.sigmoidSoftplus(a.vec(0)))
            .frame(Kernels_Grad.SigmoidSoftplus::new, Kernels_Grad.SigmoidSoftplus::zero,
                g -> flat(g.dz))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              Gradient[] z = p.vec(0);
              Gradient s = p.constant(0);
              for (Gradient v : z) {
                s = s.add(sigmoid(v));
              }
              return s.add(z[0].multiply(z[1]).exp().log1p());
            }),
        fn("Kernels.axpyNorm", real("a", -2, 2), vector("x", "n", -2, 2),
                vector("y", "n", -2, 2))
            .dim("n", 1, 6)
            .plain(a -> Kernels.axpyNorm(a.d(0), a.vec(1), a.vec(2)))
            .frame(Kernels_Grad.AxpyNorm::new, Kernels_Grad.AxpyNorm::zero,
                g -> flat(g.da, g.dx, g.dy))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.vec(1), a.vec(2)),
                (g, a) -> g.accumulate(a.d(0), a.vec(1), a.vec(2)))
            .twin(p -> {
              Gradient[] x = p.vec(1);
              Gradient[] y = p.vec(2);
              Gradient s = p.constant(0);
              for (int i = 0; i < x.length; i++) {
                s = s.add(p.x(0).multiply(x[i]).add(y[i]).square());
              }
              return s;
            }),
        fn("Kernels.outerWeighted", vector("u", "m", -1.5, 1.5), vector("v", "n", -1.5, 1.5))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .plain(a -> Kernels.outerWeighted(a.vec(0), a.vec(1)))
            .frame(Kernels_Grad.OuterWeighted::new, Kernels_Grad.OuterWeighted::zero,
                g -> flat(g.du, g.dv))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.vec(1)),
                (g, a) -> g.accumulate(a.vec(0), a.vec(1)))
            .twin(p -> {
              Gradient[] u = p.vec(0);
              Gradient[] v = p.vec(1);
              Gradient s = p.constant(0);
              for (int i = 0; i < u.length; i++) {
                for (int j = 0; j < v.length; j++) {
                  s = s.add(u[i].multiply(v[j]).sin().multiply(i + j + 1));
                }
              }
              return s;
            }),
        fn("Kernels.resultPullbacks", vector("z", "n", -1, 1), real("w", -1, 1))
            .dim("n", 1, 5)
            .smoothWhere(a -> ReductionsCases.awayFromZero(a.vec(0)))
            .plain(a -> Kernels.resultPullbacks(a.vec(0), a.d(1)))
            .frame(Kernels_Grad.ResultPullbacks::new, Kernels_Grad.ResultPullbacks::zero,
                g -> flat(g.dz, g.dw))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.d(1)),
                (g, a) -> g.accumulate(a.vec(0), a.d(1)))
            .twin(p -> {
              Gradient[] z = p.vec(0);
              Gradient w = p.x(1);
              Gradient s = p.constant(0);
              Gradient e = p.constant(0);
              for (Gradient zi : z) {
                e = w.multiply(zi).exp();
                s = s.add(e.multiply(zi));
                if (zi.getValue() > 0) {
                  e = sigmoid(zi.multiply(e));
                  s = s.add(e);
                }
              }
              return s.add(e.multiply(w));
            }),
        fn("Kernels.kernelAndElements", matrix("W", "m", "n", -1, 1),
                matrix("V", "k", "n", -1, 1), vector("x", "n", -2, 2))
            .dim("m", 1, 4)
            .dim("k", 1, 4)
            .dim("n", 1, 4)
            .plain(a -> Kernels.kernelAndElements(a.mat(0), a.mat(1), a.vec(2)))
            .frame(Kernels_Grad.KernelAndElements::new, Kernels_Grad.KernelAndElements::zero,
                g -> flat(g.dW, g.dV, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.mat(1), a.vec(2)),
                (g, a) -> g.accumulate(a.mat(0), a.mat(1), a.vec(2)))
            .twin(p -> {
              Gradient[][] w = p.mat(0);
              Gradient[][] v = p.mat(1);
              Gradient[] x = p.vec(2);
              Gradient before = v[0][0].multiply(v[v.length - 1][0]);
              Gradient[] y = MatricesCases.matvec(w, x);
              Gradient[] z = MatricesCases.matvec(v, x);
              Gradient after = w[0][0].multiply(w[w.length - 1][x.length - 1]);
              Gradient s = before.multiply(after);
              for (Gradient yi : y) {
                s = s.add(yi.square());
              }
              for (Gradient zi : z) {
                s = s.add(zi);
              }
              return s;
            }),
        fn("Kernels.transposedLayer", matrix("W", "m", "n", -1, 1), vector("delta", "m", -2, 2))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .smoothWhere(a -> {
              double[][] w = a.mat(0);
              double[] g = new double[w[0].length];
              Linear.matvecTransposed(w, a.vec(1), g);
              return ReductionsCases.awayFromZero(g);
            })
            .plain(a -> Kernels.transposedLayer(a.mat(0), a.vec(1)))
            .frame(Kernels_Grad.TransposedLayer::new, Kernels_Grad.TransposedLayer::zero,
                g -> flat(g.dW, g.ddelta))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> {
              Gradient[] g = MatricesCases.matvec(MatricesCases.transpose(p.mat(0)), p.vec(1));
              Gradient s = p.constant(0);
              for (Gradient v : g) {
                Gradient relu = v.getValue() > 0 ? v : p.constant(0);
                s = s.add(v.exp().log1p()).add(relu.multiply(sigmoid(v)));
              }
              return s;
            }),
        fn("Kernels.reluAndTanh", vector("z", "n", -2, 2), vector("w", "n", -2, 2))
            .dim("n", 1, 6)
            .smoothWhere(a -> ReductionsCases.awayFromZero(a.vec(0)))
            .plain(a -> Kernels.reluAndTanh(a.vec(0), a.vec(1)))
            .frame(Kernels_Grad.ReluAndTanh::new, Kernels_Grad.ReluAndTanh::zero,
                g -> flat(g.dz, g.dw))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.vec(1)),
                (g, a) -> g.accumulate(a.vec(0), a.vec(1)))
            .twin(p -> {
              Gradient[] z = p.vec(0);
              Gradient[] w = p.vec(1);
              Gradient s = p.constant(0);
              for (int i = 0; i < z.length; i++) {
                Gradient relu = z[i].getValue() > 0 ? z[i] : p.constant(0);
                s = s.add(w[i].multiply(relu)).add(w[i].multiply(z[i]).tanh());
              }
              return s;
            }),
        fn("Kernels.softmaxOut", vector("z", "n", -2, 2), real("scale", 0.5, 2), out("p", "n"))
            .dim("n", 1, 5)
            .plainVoid(a -> Kernels.softmaxOut(a.vec(0), a.d(1), a.vec(2)))
            .frame(Kernels_Grad.SoftmaxOut::new, Kernels_Grad.SoftmaxOut::zero,
                g -> flat(g.dz, g.dscale))
            .outputs((g, a, s) -> g.pullback(a.vec(0), a.d(1), a.vec(2), s.vec(0)),
                (g, a, j) -> g.jacobian(a.vec(0), a.d(1), a.vec(2), j))
            .outTwin(p -> {
              Gradient[] z = p.vec(0);
              Gradient[] s = new Gradient[z.length];
              for (int i = 0; i < z.length; i++) {
                s[i] = z[i].multiply(p.x(1));
              }
              return softmax(s);
            }),
        fn("Kernels.denseLayer", matrix("W", "m", "n", -1, 1), vector("b", "m", -1, 1),
                vector("x", "n", -2, 2), out("a", "m"))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .plain(a -> Kernels.denseLayer(a.mat(0), a.vec(1), a.vec(2), a.vec(3)))
            .frame(Kernels_Grad.DenseLayer::new, Kernels_Grad.DenseLayer::zero,
                g -> flat(g.dW, g.db, g.dx))
            .calls(g -> g.value,
                (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1), a.vec(2), a.vec(3)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1), a.vec(2), a.vec(3)))
            .outputs(
                (g, a, s) -> g.pullback(a.mat(0), a.vec(1), a.vec(2), a.vec(3), s.vec(0)),
                (g, a, j) -> g.jacobian(a.mat(0), a.vec(1), a.vec(2), a.vec(3), j))
            .twins(p -> {
              Gradient[] a = denseLayer(p.mat(0), p.vec(1), p.vec(2));
              return ReductionsCases.dot(a, a);
            }, p -> denseLayer(p.mat(0), p.vec(1), p.vec(2))));
  }

  static Gradient sigmoid(Gradient z) {
    return z.negate().exp().add(1).reciprocal();
  }

  static Gradient[] softmax(Gradient[] z) {
    Gradient[] p = new Gradient[z.length];
    Gradient s = z[0].getField().getZero();
    for (int i = 0; i < z.length; i++) {
      p[i] = z[i].exp();
      s = s.add(p[i]);
    }
    for (int i = 0; i < z.length; i++) {
      p[i] = p[i].divide(s);
    }
    return p;
  }

  static Gradient[] denseLayer(Gradient[][] w, Gradient[] b, Gradient[] x) {
    Gradient[] a = MatricesCases.affine(w, x, b);
    for (int i = 0; i < a.length; i++) {
      a[i] = sigmoid(a[i]);
    }
    return a;
  }
}

package dev.tapeless.it.arrays;

import static dev.tapeless.it.arrays.ArrayCase.Param.matrix;
import static dev.tapeless.it.arrays.ArrayCase.Param.out;
import static dev.tapeless.it.arrays.ArrayCase.Param.outMatrix;
import static dev.tapeless.it.arrays.ArrayCase.Param.passiveVector;
import static dev.tapeless.it.arrays.ArrayCase.Param.real;
import static dev.tapeless.it.arrays.ArrayCase.Param.vector;
import static dev.tapeless.it.arrays.ArrayCase.fn;
import static dev.tapeless.it.arrays.Flatten.flat;

import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;

/** Cases for {@link Outputs}, with twins that return the outputs flattened. */
final class OutputsCases {
  private OutputsCases() {}

  static List<ArrayCase<?>> cases() {
    return List.of(
        fn("Outputs.squash", vector("x", "n", -2, 2), out("y", "n"))
            .dim("n", 1, 6)
            .plainVoid(a -> Outputs.squash(a.vec(0), a.vec(1)))
            .frame(Outputs_Grad.Squash::new, Outputs_Grad.Squash::zero, g -> flat(g.dx))
            .outputs((g, a, s) -> g.pullback(a.vec(0), a.vec(1), s.vec(0)),
                (g, a, j) -> g.jacobian(a.vec(0), a.vec(1), j))
            .outTwin(p -> squash(p.vec(0))),
        fn("Outputs.normalize", vector("x", "n", -2, 2), out("y", "n"))
            .dim("n", 1, 6)
            .smoothWhere(a -> Reductions.norm(a.vec(0)) > 0.3)
            .plainVoid(a -> Outputs.normalize(a.vec(0), a.vec(1)))
            .frame(Outputs_Grad.Normalize::new, Outputs_Grad.Normalize::zero, g -> flat(g.dx))
            .outputs((g, a, s) -> g.pullback(a.vec(0), a.vec(1), s.vec(0)),
                (g, a, j) -> g.jacobian(a.vec(0), a.vec(1), j))
            .outTwin(p -> normalize(p.vec(0))),
        fn("Outputs.softmax", vector("z", "n", -3, 3), out("p", "n"))
            .dim("n", 1, 6)
            .plainVoid(a -> Outputs.softmax(a.vec(0), a.vec(1)))
            .frame(Outputs_Grad.Softmax::new, Outputs_Grad.Softmax::zero, g -> flat(g.dz))
            .outputs((g, a, s) -> g.pullback(a.vec(0), a.vec(1), s.vec(0)),
                (g, a, j) -> g.jacobian(a.vec(0), a.vec(1), j))
            .outTwin(p -> KernelsCases.softmax(p.vec(0))),
        fn("Outputs.polarToCartesian", real("r", 0.1, 3), real("theta", -3, 3), out("xy", "2"))
            .plainVoid(a -> Outputs.polarToCartesian(a.d(0), a.d(1), a.vec(2)))
            .frame(Outputs_Grad.PolarToCartesian::new, Outputs_Grad.PolarToCartesian::zero,
                g -> flat(g.dr, g.dtheta))
            .outputs((g, a, s) -> g.pullback(a.d(0), a.d(1), a.vec(2), s.vec(0)),
                (g, a, j) -> g.jacobian(a.d(0), a.d(1), a.vec(2), j))
            .outTwin(p -> new Gradient[] {
                p.x(0).multiply(p.x(1).cos()), p.x(0).multiply(p.x(1).sin())}),
        fn("Outputs.designExample", vector("x", "3", -2, 2), out("f", "2"))
            .plainVoid(a -> Outputs.designExample(a.vec(0), a.vec(1)))
            .frame(Outputs_Grad.DesignExample::new, Outputs_Grad.DesignExample::zero,
                g -> flat(g.dx))
            .outputs((g, a, s) -> g.pullback(a.vec(0), a.vec(1), s.vec(0)),
                (g, a, j) -> g.jacobian(a.vec(0), a.vec(1), j))
            .outTwin(p -> {
              Gradient[] x = p.vec(0);
              return new Gradient[] {x[0].add(x[1].multiply(x[2])), x[2].multiply(2)};
            }),
        fn("Outputs.twoOutputs", vector("x", "n", -2, 2), out("sums", "n"),
                out("mirrored", "n"))
            .dim("n", 1, 6)
            .plainVoid(a -> Outputs.twoOutputs(a.vec(0), a.vec(1), a.vec(2)))
            .frame(Outputs_Grad.TwoOutputs::new, Outputs_Grad.TwoOutputs::zero, g -> flat(g.dx))
            .outputs((g, a, s) -> g.pullback(a.vec(0), a.vec(1), a.vec(2), s.vec(0), s.vec(1)),
                (g, a, j) -> g.jacobian(a.vec(0), a.vec(1), a.vec(2), j))
            .outTwin(p -> {
              Gradient[] x = p.vec(0);
              int n = x.length;
              Gradient[] out = new Gradient[2 * n];
              Gradient s = p.constant(0);
              for (int i = 0; i < n; i++) {
                s = s.add(x[i]);
                out[i] = s;
                out[n + i] = x[i].multiply(x[n - 1 - i]);
              }
              return out;
            }),
        fn("Outputs.residuals", matrix("W", "m", "n", -1, 1), vector("x", "n", -2, 2),
                passiveVector("t", "m", -2, 2), out("r", "m"))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .plain(a -> Outputs.residuals(a.mat(0), a.vec(1), a.vec(2), a.vec(3)))
            .frame(Outputs_Grad.Residuals::new, Outputs_Grad.Residuals::zero,
                g -> flat(g.dW, g.dx))
            .calls(g -> g.value,
                (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1), a.vec(2), a.vec(3)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1), a.vec(2), a.vec(3)))
            .outputs(
                (g, a, s) -> g.pullback(a.mat(0), a.vec(1), a.vec(2), a.vec(3), s.vec(0)),
                (g, a, j) -> g.jacobian(a.mat(0), a.vec(1), a.vec(2), a.vec(3), j))
            .twins(p -> {
              Gradient[] r = residuals(p.mat(0), p.vec(1), p.dvec(2));
              return ReductionsCases.dot(r, r).multiply(0.5);
            }, p -> residuals(p.mat(0), p.vec(1), p.dvec(2))),
        fn("Outputs.outerSine", vector("u", "m", -1.5, 1.5), vector("v", "n", -1.5, 1.5),
                outMatrix("A", "m", "n"))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .plainVoid(a -> Outputs.outerSine(a.vec(0), a.vec(1), a.mat(2)))
            .frame(Outputs_Grad.OuterSine::new, Outputs_Grad.OuterSine::zero,
                g -> flat(g.du, g.dv))
            .outputs((g, a, s) -> g.pullback(a.vec(0), a.vec(1), a.mat(2), s.mat(0)),
                (g, a, j) -> g.jacobian(a.vec(0), a.vec(1), a.mat(2), j))
            .outTwin(p -> {
              Gradient[] u = p.vec(0);
              Gradient[] v = p.vec(1);
              Gradient[] out = new Gradient[u.length * v.length];
              for (int i = 0; i < u.length; i++) {
                for (int j = 0; j < v.length; j++) {
                  out[i * v.length + j] = u[i].multiply(v[j]).sin();
                }
              }
              return out;
            }));
  }

  static Gradient[] squash(Gradient[] x) {
    Gradient[] y = new Gradient[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i].tanh();
    }
    return y;
  }

  static Gradient[] normalize(Gradient[] x) {
    Gradient n = ReductionsCases.norm(x);
    Gradient[] y = new Gradient[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i].divide(n);
    }
    return y;
  }

  static Gradient[] residuals(Gradient[][] w, Gradient[] x, double[] t) {
    Gradient[] r = MatricesCases.matvec(w, x);
    for (int i = 0; i < r.length; i++) {
      r[i] = r[i].subtract(t[i]);
    }
    return r;
  }
}

package dev.tapeless.it.arrays;

import static dev.tapeless.it.arrays.ArrayCase.Param.integer;
import static dev.tapeless.it.arrays.ArrayCase.Param.matrix;
import static dev.tapeless.it.arrays.ArrayCase.Param.real;
import static dev.tapeless.it.arrays.ArrayCase.Param.vector;
import static dev.tapeless.it.arrays.ArrayCase.fn;
import static dev.tapeless.it.arrays.Flatten.flat;

import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;

/** Cases for {@link FreshArrays}; the twins create fresh arrays as the Java code does. */
final class FreshArraysCases {
  private FreshArraysCases() {}

  static List<ArrayCase<?>> cases() {
    return List.of(
        fn("FreshArrays.scratchPerIteration", vector("x", "n", -1.5, 1.5),
                integer("steps", 0, 3))
            .dim("n", 1, 5)
            .plain(a -> FreshArrays.scratchPerIteration(a.vec(0), a.n(1)))
            .frame(FreshArrays_Grad.ScratchPerIteration::new,
                FreshArrays_Grad.ScratchPerIteration::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.n(1)),
                (g, a) -> g.accumulate(a.vec(0), a.n(1)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient s = p.constant(0);
              for (int k = 0; k < p.n(1); k++) {
                Gradient[] t = new Gradient[x.length];
                for (int j = 0; j < x.length; j++) {
                  t[j] = x[j].multiply(k + 1).sin().add(s.multiply(0.1));
                }
                for (int j = 1; j < t.length; j++) {
                  t[j] = t[j].add(t[j - 1].multiply(0.5));
                }
                s = s.add(t[t.length - 1].multiply(t[0]));
              }
              return s;
            }),
        fn("FreshArrays.matrixPerIteration", matrix("W", "m", "n", -1.5, 1.5),
                vector("x", "n", -1.5, 1.5))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .plain(a -> FreshArrays.matrixPerIteration(a.mat(0), a.vec(1)))
            .frame(FreshArrays_Grad.MatrixPerIteration::new,
                FreshArrays_Grad.MatrixPerIteration::zero, g -> flat(g.dW, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> {
              Gradient[][] w = p.mat(0);
              Gradient[] x = p.vec(1);
              Gradient s = p.constant(0);
              for (int i = 0; i < w.length; i++) {
                for (int a = 0; a <= i && a < x.length; a++) {
                  for (Gradient xb : x) {
                    Gradient v = w[i][a].multiply(xb);
                    s = s.add(v.multiply(v));
                  }
                }
              }
              return s;
            }),
        fn("FreshArrays.createdInABranch", vector("x", "n", -1.5, 1.5),
                real("threshold", -0.5, 0.5))
            .dim("n", 1, 4)
            .smoothWhere(a -> Math.abs(a.vec(0)[0] - a.d(1)) > 1e-3)
            .plain(a -> FreshArrays.createdInABranch(a.vec(0), a.d(1)))
            .frame(FreshArrays_Grad.CreatedInABranch::new,
                FreshArrays_Grad.CreatedInABranch::zero,
                g -> flat(g.dx, new double[] {g.dthreshold}))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.d(1)),
                (g, a) -> g.accumulate(a.vec(0), a.d(1)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient s = x[0];
              if (x[0].getValue() > p.d(1)) {
                for (Gradient xj : x) {
                  Gradient v = xj.multiply(x[0]);
                  s = s.add(v.multiply(v).negate().exp());
                }
              }
              return s.add(p.x(1).multiply(0));
            }),
        fn("FreshArrays.copiesPerIteration", vector("x", "n", -1.5, 1.5),
                real("limit", 0.5, 4))
            .dim("n", 1, 4)
            .smoothWhere(a -> {
              double[] x = a.vec(0);
              double s = 0;
              for (int k = 0; k < 5; k++) {
                double c0 = s + x[k % x.length] * x[0];
                s += 0.25 * (c0 - x[0]);
                for (double v : x) {
                  s += 0.25 * v;
                }
                if (Math.abs(Math.abs(s) - a.d(1)) < 1e-3) {
                  return false;
                }
                if (Math.abs(s) > a.d(1)) {
                  break;
                }
              }
              return true;
            })
            .plain(a -> FreshArrays.copiesPerIteration(a.vec(0), a.d(1)))
            .frame(FreshArrays_Grad.CopiesPerIteration::new,
                FreshArrays_Grad.CopiesPerIteration::zero,
                g -> flat(g.dx, new double[] {g.dlimit}))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.d(1)),
                (g, a) -> g.accumulate(a.vec(0), a.d(1)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient s = p.constant(0);
              for (int k = 0; k < 5; k++) {
                Gradient[] c = x.clone();
                Gradient first = s;
                Gradient second = c[k % c.length].multiply(c[0]);
                c[0] = first.add(second);
                for (Gradient v : c) {
                  s = s.add(v.multiply(0.25));
                }
                if (Math.abs(s.getValue()) > p.d(1)) {
                  break;
                }
              }
              return s.add(p.x(1).multiply(0));
            }),
        fn("FreshArrays.nestedLoops", vector("x", "n", -1.5, 1.5), integer("m", 0, 3))
            .dim("n", 1, 4)
            .plain(a -> FreshArrays.nestedLoops(a.vec(0), a.n(1)))
            .frame(FreshArrays_Grad.NestedLoops::new, FreshArrays_Grad.NestedLoops::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.n(1)),
                (g, a) -> g.accumulate(a.vec(0), a.n(1)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient s = p.constant(0);
              int m = p.n(1);
              for (int i = 0; i < 2; i++) {
                for (int j = 0; j < m; j++) {
                  Gradient h = x[(i + j) % x.length];
                  s = s.add(h.multiply(h)).add(h.multiply(i + 1));
                }
              }
              return s;
            }));
  }
}

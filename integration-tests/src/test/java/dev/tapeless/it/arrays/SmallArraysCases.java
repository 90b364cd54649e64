package dev.tapeless.it.arrays;

import static dev.tapeless.it.arrays.ArrayCase.Param.integer;
import static dev.tapeless.it.arrays.ArrayCase.Param.real;
import static dev.tapeless.it.arrays.ArrayCase.Param.vector;
import static dev.tapeless.it.arrays.ArrayCase.fn;
import static dev.tapeless.it.arrays.Flatten.flat;

import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;

/** Cases for {@link SmallArrays}; the twins keep real arrays, as the Java code reads. */
final class SmallArraysCases {
  private SmallArraysCases() {}

  static List<ArrayCase<?>> cases() {
    return List.of(
        fn("SmallArrays.stages", vector("y0", "n", -1, 1), real("h", 0.05, 0.3),
                integer("steps", 0, 4))
            .dim("n", 2, 2)
            .plain(a -> SmallArrays.stages(a.vec(0), a.d(1), a.n(2)))
            .frame(SmallArrays_Grad.Stages::new, SmallArrays_Grad.Stages::zero,
                g -> flat(g.dy0, g.dh))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.d(1), a.n(2)),
                (g, a) -> g.accumulate(a.vec(0), a.d(1), a.n(2)))
            .twin(p -> {
              Gradient[] y = p.vec(0).clone();
              Gradient h = p.x(1);
              for (int s = 0; s < p.n(2); s++) {
                Gradient[] k = {p.constant(0), p.constant(0)};
                Gradient[] stage = {p.constant(0), p.constant(0)};
                k[0] = y[0].multiply(y[1]).subtract(k[1]);
                k[1] = y[0].sin().add(k[0].multiply(h));
                for (int i = 0; i < 2; i++) {
                  stage[i] = y[i].add(h.multiply(0.5).multiply(k[i]));
                }
                for (int i = 0; i < 2; i++) {
                  k[i] = k[i].add(stage[1 - i].multiply(stage[i]));
                  y[i] = y[i].add(h.multiply(k[i]));
                }
              }
              return y[0].multiply(y[0]).add(y[1]);
            }),
        fn("SmallArrays.mirrored", real("x", -1, 1), real("z", -1, 1))
            .plain(a -> SmallArrays.mirrored(a.d(0), a.d(1)))
            .frame(SmallArrays_Grad.Mirrored::new, SmallArrays_Grad.Mirrored::zero,
                g -> flat(g.dx, g.dz))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.d(1)),
                (g, a) -> g.accumulate(a.d(0), a.d(1)))
            .twin(p -> {
              Gradient x = p.x(0);
              Gradient z = p.x(1);
              Gradient[] w = {x, x.multiply(2), x.multiply(z)};
              Gradient s = p.constant(0);
              for (int i = 0; i < 3; i++) {
                s = s.add(w[i].multiply(w[2 - i]));
              }
              for (int i = 2; i >= 0; i--) {
                w[i] = w[i].subtract(s.multiply(0.1));
                s = s.multiply(0.5).add(w[i].multiply(z));
              }
              return s.add(w[1]);
            }),
        fn("SmallArrays.indexedByVariable", vector("x", "n", -1, 1), integer("pick", 0, 2))
            .dim("n", 1, 4)
            .plain(a -> SmallArrays.indexedByVariable(a.vec(0), a.n(1)))
            .frame(SmallArrays_Grad.IndexedByVariable::new,
                SmallArrays_Grad.IndexedByVariable::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.n(1)),
                (g, a) -> g.accumulate(a.vec(0), a.n(1)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient[] acc = new Gradient[3];
              for (int i = 0; i < 3; i++) {
                acc[i] = x[i % x.length].multiply(i + 1);
              }
              acc[p.n(1)] = acc[p.n(1)].add(x[0].multiply(x[0]));
              return acc[0].multiply(acc[1]).add(acc[2]);
            }),
        fn("SmallArrays.lengthOfAnotherArray", real("b", -1, 1), integer("k", 0, 3))
            .plain(a -> SmallArrays.lengthOfAnotherArray(a.d(0), a.n(1)))
            .frame(SmallArrays_Grad.LengthOfAnotherArray::new,
                SmallArrays_Grad.LengthOfAnotherArray::zero, g -> flat(g.db))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.n(1)),
                (g, a) -> g.accumulate(a.d(0), a.n(1)))
            .twin(p -> p.x(0).multiply(p.x(0)).multiply(p.x(0))));
  }
}

package dev.tapeless.it.arrays;

import static dev.tapeless.it.arrays.ArrayCase.Param.matrix;
import static dev.tapeless.it.arrays.ArrayCase.Param.real;
import static dev.tapeless.it.arrays.ArrayCase.Param.vector;
import static dev.tapeless.it.arrays.ArrayCase.fn;
import static dev.tapeless.it.arrays.Flatten.flat;

import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;

/** Cases for {@link Recurrences}, and twins of its functions in Hipparchus arithmetic. */
final class RecurrencesCases {
  private RecurrencesCases() {}

  static List<ArrayCase<?>> cases() {
    return List.of(
        fn("Recurrences.prefixSums", vector("x", "n", -2, 2))
            .dim("n", 1, 7)
            .plain(a -> Recurrences.prefixSums(a.vec(0)))
            .frame(Recurrences_Grad.PrefixSums::new, Recurrences_Grad.PrefixSums::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              Gradient s = p.constant(0);
              Gradient run = p.constant(0);
              for (Gradient v : p.vec(0)) {
                run = run.add(v);
                s = s.add(run.square());
              }
              return s;
            }),
        fn("Recurrences.scalarRnn", real("w", -1.5, 1.5), real("h0", -1, 1),
                vector("x", "n", -1, 1))
            .dim("n", 1, 8)
            .plain(a -> Recurrences.scalarRnn(a.d(0), a.d(1), a.vec(2)))
            .frame(Recurrences_Grad.ScalarRnn::new, Recurrences_Grad.ScalarRnn::zero,
                g -> flat(g.dw, g.dh0, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.d(1), a.vec(2)),
                (g, a) -> g.accumulate(a.d(0), a.d(1), a.vec(2)))
            .twin(p -> scalarRnn(p.x(0), p.x(1), p.vec(2))),
        fn("Recurrences.inPlaceUpdates", vector("x", "n", -2, 2))
            .dim("n", 1, 7)
            .plain(a -> Recurrences.inPlaceUpdates(a.vec(0)))
            .frame(Recurrences_Grad.InPlaceUpdates::new, Recurrences_Grad.InPlaceUpdates::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient s = p.constant(0);
              for (int i = 0; i < x.length; i++) {
                Gradient v = x[i].sin();
                s = s.add(v.multiply(v).add(v).multiply(i + 1));
              }
              return s;
            }),
        fn("Recurrences.compoundElementUpdates", vector("x", "n", -1.5, 1.5),
                real("c", -2, 2))
            .dim("n", 1, 6)
            .plain(a -> Recurrences.compoundElementUpdates(a.vec(0), a.d(1)))
            .frame(Recurrences_Grad.CompoundElementUpdates::new,
                Recurrences_Grad.CompoundElementUpdates::zero, g -> flat(g.dx, g.dc))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.d(1)),
                (g, a) -> g.accumulate(a.vec(0), a.d(1)))
            .twin(p -> {
              Gradient s = p.constant(0);
              for (Gradient x : p.vec(0)) {
                Gradient v = x.multiply(p.x(1)).add(x.square()).add(1);
                v = v.divide(x.square().add(1));
                v = v.subtract(v.square().multiply(0.5)).subtract(1);
                s = s.add(v.square());
              }
              return s;
            }),
        fn("Recurrences.movingAverage", real("alpha", 0.1, 0.9), vector("x", "n", -2, 2))
            .dim("n", 1, 8)
            .plain(a -> Recurrences.movingAverage(a.d(0), a.vec(1)))
            .frame(Recurrences_Grad.MovingAverage::new, Recurrences_Grad.MovingAverage::zero,
                g -> flat(g.dalpha, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.vec(1)),
                (g, a) -> g.accumulate(a.d(0), a.vec(1)))
            .twin(p -> {
              Gradient alpha = p.x(0);
              Gradient[] x = p.vec(1);
              Gradient m = x[0];
              for (int t = 1; t < x.length; t++) {
                m = alpha.multiply(m).add(alpha.negate().add(1).multiply(x[t]));
              }
              return m;
            }),
        fn("Recurrences.secondOrder", real("a", -1, 1), real("b", -0.5, 0.5),
                vector("x", "n", -1, 1))
            .dim("n", 2, 8)
            .plain(a -> Recurrences.secondOrder(a.d(0), a.d(1), a.vec(2)))
            .frame(Recurrences_Grad.SecondOrder::new, Recurrences_Grad.SecondOrder::zero,
                g -> flat(g.da, g.db, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.d(1), a.vec(2)),
                (g, a) -> g.accumulate(a.d(0), a.d(1), a.vec(2)))
            .twin(p -> secondOrder(p.x(0), p.x(1), p.vec(2))),
        fn("Recurrences.elmanRnn", matrix("Wh", "h", "h", -0.8, 0.8),
                matrix("Wx", "h", "k", -0.8, 0.8), matrix("xs", "t", "k", -1, 1))
            .dim("h", 1, 3)
            .dim("k", 1, 3)
            .dim("t", 1, 4)
            .plain(a -> Recurrences.elmanRnn(a.mat(0), a.mat(1), a.mat(2)))
            .frame(Recurrences_Grad.ElmanRnn::new, Recurrences_Grad.ElmanRnn::zero,
                g -> flat(g.dWh, g.dWx, g.dxs))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.mat(1), a.mat(2)),
                (g, a) -> g.accumulate(a.mat(0), a.mat(1), a.mat(2)))
            .twin(p -> elmanRnn(p.mat(0), p.mat(1), p.mat(2))));
  }

  static Gradient scalarRnn(Gradient w, Gradient h0, Gradient[] x) {
    Gradient h = h0;
    Gradient loss = h0.getField().getZero();
    for (Gradient xt : x) {
      h = w.multiply(h).add(xt).tanh();
      loss = loss.add(h.square());
    }
    return loss;
  }

  static Gradient secondOrder(Gradient a, Gradient b, Gradient[] x) {
    Gradient older = x[0];
    Gradient old = a.multiply(older).add(x[1]);
    for (int t = 2; t < x.length; t++) {
      Gradient next = a.multiply(old).subtract(b.multiply(older)).add(x[t]);
      older = old;
      old = next;
    }
    return old.square().add(older);
  }

  static Gradient elmanRnn(Gradient[][] wh, Gradient[][] wx, Gradient[][] xs) {
    Gradient[] h = new Gradient[wh.length];
    for (int i = 0; i < h.length; i++) {
      h[i] = wh[0][0].getField().getZero();
    }
    for (Gradient[] x : xs) {
      Gradient[] a = MatricesCases.matvec(wh, h);
      Gradient[] b = MatricesCases.matvec(wx, x);
      Gradient[] next = new Gradient[h.length];
      for (int i = 0; i < h.length; i++) {
        next[i] = a[i].add(b[i]).tanh();
      }
      h = next;
    }
    return ReductionsCases.sum(h);
  }
}

package dev.tapeless.it.arrays;

import static dev.tapeless.it.arrays.ArrayCase.Param.indices;
import static dev.tapeless.it.arrays.ArrayCase.Param.matrix;
import static dev.tapeless.it.arrays.ArrayCase.Param.outMatrix;
import static dev.tapeless.it.arrays.ArrayCase.Param.vector;
import static dev.tapeless.it.arrays.ArrayCase.fn;
import static dev.tapeless.it.arrays.Flatten.flat;

import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;

/** Cases for {@link RowVariables}, with twins that index the matrices directly. */
final class RowVariablesCases {
  private RowVariablesCases() {}

  static List<ArrayCase<?>> cases() {
    return List.of(
        fn("RowVariables.rowsRead", matrix("W", "m", "n", -1, 1), vector("x", "n", -1, 1))
            .dim("m", 1, 4)
            .dim("n", 1, 5)
            .plain(a -> RowVariables.rowsRead(a.mat(0), a.vec(1)))
            .frame(RowVariables_Grad.RowsRead::new, RowVariables_Grad.RowsRead::zero,
                g -> flat(g.dW, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> {
              Gradient[][] w = p.mat(0);
              Gradient[] x = p.vec(1);
              Gradient total = p.constant(0);
              for (int i = 0; i < w.length; i++) {
                total = total.add(ReductionsCases.dot(w[i], x).tanh().multiply(i + 1));
              }
              return total;
            }),
        fn("RowVariables.rowsLoopedOver", matrix("W", "m", "n", -1, 1),
                vector("x", "k", -1, 1))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .dim("k", 1, 3)
            .plain(a -> RowVariables.rowsLoopedOver(a.mat(0), a.vec(1)))
            .frame(RowVariables_Grad.RowsLoopedOver::new,
                RowVariables_Grad.RowsLoopedOver::zero, g -> flat(g.dW, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> {
              Gradient[][] w = p.mat(0);
              Gradient[] x = p.vec(1);
              Gradient total = p.constant(0);
              for (int i = 0; i < w.length; i++) {
                total = total.add(ReductionsCases.dot(w[i], w[i]).add(1).sqrt()
                    .multiply(x[i % x.length]));
              }
              for (Gradient v : x) {
                total = total.add(v.multiply(v).multiply(v));
              }
              return total;
            }),
        fn("RowVariables.rowsWritten", matrix("W", "m", "n", -1.5, 1.5),
                vector("x", "n", -1.5, 1.5))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .plain(a -> RowVariables.rowsWritten(a.mat(0), a.vec(1)))
            .frame(RowVariables_Grad.RowsWritten::new, RowVariables_Grad.RowsWritten::zero,
                g -> flat(g.dW, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> {
              Gradient[][] w = p.mat(0);
              Gradient[] x = p.vec(1);
              Gradient s = p.constant(0);
              for (Gradient[] row : w) {
                for (int j = 0; j < x.length; j++) {
                  Gradient h = row[j].multiply(x[j]).sin().multiply(row[j]);
                  s = s.add(h.multiply(h)).add(h);
                }
              }
              return s;
            }),
        fn("RowVariables.rowMoved", matrix("W", "m", "n", -1.5, 1.5))
            .dim("m", 1, 5)
            .dim("n", 1, 4)
            .plain(a -> RowVariables.rowMoved(a.mat(0)))
            .frame(RowVariables_Grad.RowMoved::new, RowVariables_Grad.RowMoved::zero,
                g -> flat(g.dW))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0)),
                (g, a) -> g.accumulate(a.mat(0)))
            .twin(p -> {
              Gradient[][] w = p.mat(0);
              Gradient s = p.constant(0);
              for (int t = 1; t < w.length; t++) {
                for (int j = 0; j < w[t].length; j++) {
                  s = s.add(w[t - 1][j].multiply(w[t][j]).multiply(Math.exp(-0.1 * t)));
                }
              }
              return s.add(ReductionsCases.dot(w[w.length - 1], w[w.length - 1]));
            }),
        fn("RowVariables.rowsByIndex", matrix("W", "m", "n", -2.5, 2.5),
                vector("x", "k", -1, 1), indices("pick", "p", "m"))
            .dim("m", 1, 4)
            .dim("n", 1, 3)
            .dim("k", 1, 3)
            .dim("p", 0, 6)
            .smoothWhere(a -> {
              int[] pick = a.ints(2);
              for (int k = 0; k < pick.length; k++) {
                double d = a.mat(0)[pick[k]][0] - a.vec(1)[k % a.vec(1).length];
                if (Math.abs(d * d - 9) < 1e-3) {
                  return false;
                }
              }
              return true;
            })
            .plain(a -> RowVariables.rowsByIndex(a.mat(0), a.vec(1), a.ints(2)))
            .frame(RowVariables_Grad.RowsByIndex::new, RowVariables_Grad.RowsByIndex::zero,
                g -> flat(g.dW, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1), a.ints(2)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1), a.ints(2)))
            .twin(p -> {
              Gradient[][] w = p.mat(0);
              Gradient[] x = p.vec(1);
              int[] pick = p.ints(2);
              Gradient s = p.constant(0);
              for (int k = 0; k < pick.length; k++) {
                Gradient[] row = w[pick[k]];
                Gradient d = row[0].subtract(x[k % x.length]);
                if (d.getValue() * d.getValue() > 9) {
                  break;
                }
                s = s.add(d.multiply(d).multiply(row[row.length - 1]));
              }
              return s;
            }),
        fn("RowVariables.rowsPassedOn", matrix("W", "m", "n", -1.5, 1.5),
                vector("x", "n", -1.5, 1.5))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .plain(a -> RowVariables.rowsPassedOn(a.mat(0), a.vec(1)))
            .frame(RowVariables_Grad.RowsPassedOn::new, RowVariables_Grad.RowsPassedOn::zero,
                g -> flat(g.dW, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> {
              Gradient[][] w = p.mat(0);
              Gradient[] x = p.vec(1);
              Gradient s = p.constant(0);
              Gradient[] h = null;
              for (Gradient[] row : w) {
                h = new Gradient[x.length];
                for (int j = 0; j < h.length; j++) {
                  h[j] = j < h.length - 1 ? row[j] : p.constant(0.5);
                }
                s = s.add(ReductionsCases.dot(h, x)).add(ReductionsCases.dot(row, h));
              }
              return s.add(ReductionsCases.dot(h, h));
            }),
        fn("RowVariables.slices", matrix("W", "m", "n", -1.5, 1.5), vector("x", "n", -1.5, 1.5))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .plain(a -> RowVariables.slices(a.mat(0), a.vec(1)))
            .frame(RowVariables_Grad.Slices::new, RowVariables_Grad.Slices::zero,
                g -> flat(g.dW, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> {
              Gradient[][] w = p.mat(0);
              Gradient[] x = p.vec(1);
              Gradient s = p.constant(0);
              for (int b = 0; b < 2; b++) {
                for (Gradient[] row : w) {
                  for (int j = 0; j < x.length; j++) {
                    Gradient t = row[j].multiply(b == 0 ? x[j] : x[j].multiply(x[j]));
                    s = s.add(t.multiply(t));
                  }
                }
              }
              return s;
            }),
        fn("RowVariables.rowsOut", matrix("W", "m", "n", -1.5, 1.5),
                vector("x", "n", -1.5, 1.5), outMatrix("Y", "m", "n"))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .plainVoid(a -> RowVariables.rowsOut(a.mat(0), a.vec(1), a.mat(2)))
            .frame(RowVariables_Grad.RowsOut::new, RowVariables_Grad.RowsOut::zero,
                g -> flat(g.dW, g.dx))
            .outputs((g, a, s) -> g.pullback(a.mat(0), a.vec(1), a.mat(2), s.mat(0)),
                (g, a, j) -> g.jacobian(a.mat(0), a.vec(1), a.mat(2), j))
            .outTwin(p -> {
              Gradient[][] w = p.mat(0);
              Gradient[] x = p.vec(1);
              Gradient[] out = new Gradient[w.length * x.length];
              for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < x.length; j++) {
                  out[i * x.length + j] = w[i][j].multiply(x[j].cos());
                }
              }
              return out;
            }));
  }
}

package dev.tapeless.it.arrays;

import static dev.tapeless.it.arrays.ArrayCase.Param.matrix;
import static dev.tapeless.it.arrays.ArrayCase.Param.vector;
import static dev.tapeless.it.arrays.ArrayCase.fn;
import static dev.tapeless.it.arrays.Flatten.flat;

import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Cases for {@link RowLoops}, with twins that take the row once before the loop, as Java does.
 */
final class RowLoopsCases {
  private RowLoopsCases() {}

  static List<ArrayCase<?>> cases() {
    return List.of(
        fn("RowLoops.overRowIndexMoved", matrix("A", "m", "n", -1, 1), vector("x", "k", -1, 1))
            .dim("m", 1, 4)
            .dim("n", 1, 5)
            .dim("k", 1, 3)
            .plain(a -> RowLoops.overRowIndexMoved(a.mat(0), a.vec(1)))
            .frame(RowLoops_Grad.OverRowIndexMoved::new, RowLoops_Grad.OverRowIndexMoved::zero,
                g -> flat(g.dA, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> {
              Gradient[][] a = p.mat(0);
              Gradient[] x = p.vec(1);
              Gradient s = p.constant(0);
              int i = 0;
              Gradient[] row = a[0];
              for (Gradient e : row) {
                s = s.add(e.multiply(x[i % x.length]).sin()).add(e.multiply(e));
                i = (i + 1) % a.length;
              }
              for (Gradient e : a[a.length - 1]) {
                s = s.add(e.multiply(x[0]));
              }
              return s.add(i);
            }),
        fn("RowLoops.overRowWritten", matrix("A", "m", "n", -1, 1), vector("x", "n", -1, 1))
            .dim("m", 1, 4)
            .dim("n", 1, 5)
            .plain(a -> RowLoops.overRowWritten(a.mat(0), a.vec(1)))
            .frame(RowLoops_Grad.OverRowWritten::new, RowLoops_Grad.OverRowWritten::zero,
                g -> flat(g.dA, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> {
              Gradient[][] a = p.mat(0);
              Gradient[] x = p.vec(1);
              int m = a.length;
              int n = a[0].length;
              Gradient[][] b = new Gradient[m][n];
              for (int r = 0; r < m; r++) {
                for (int c = 0; c < n; c++) {
                  b[r][c] = a[r][c].multiply(x[c]);
                }
              }
              Gradient s = p.constant(0);
              int i = 0;
              Gradient[] row = b[0];
              for (int j = 0; j < row.length; j++) {
                Gradient e = row[j];
                s = s.add(e.multiply(e));
                if (j + 1 < n) {
                  b[0][j + 1] = b[0][j + 1].add(e.sin());
                }
                i = (i + 1) % m;
                b[i][j] = b[i][j].multiply(e.add(1.5));
              }
              for (int r = 0; r < m; r++) {
                for (int c = 0; c < n; c++) {
                  s = s.add(b[r][c].multiply(b[r][c]).multiply(0.5));
                }
              }
              return s;
            }),
        fn("RowLoops.overRowUntil", matrix("A", "m", "n", -1.2, 1.2), vector("x", "k", -1, 1))
            .dim("m", 1, 4)
            .dim("n", 1, 5)
            .dim("k", 1, 3)
            .plain(a -> RowLoops.overRowUntil(a.mat(0), a.vec(1)))
            .frame(RowLoops_Grad.OverRowUntil::new, RowLoops_Grad.OverRowUntil::zero,
                g -> flat(g.dA, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> {
              Gradient[][] a = p.mat(0);
              Gradient[] x = p.vec(1);
              Gradient s = p.constant(0);
              int i = a.length / 2;
              for (Gradient e : a[i].clone()) {
                if (e.getValue() > 0.9) {
                  break;
                }
                s = s.add(e.multiply(e).multiply(x[i % x.length]));
                i = (i + 1) % a.length;
              }
              return s.add(i);
            }));
  }
}

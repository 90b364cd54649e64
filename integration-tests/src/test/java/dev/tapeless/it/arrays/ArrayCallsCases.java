package dev.tapeless.it.arrays;

import static dev.tapeless.it.arrays.ArrayCase.Param.matrix;
import static dev.tapeless.it.arrays.ArrayCase.Param.out;
import static dev.tapeless.it.arrays.ArrayCase.Param.vector;
import static dev.tapeless.it.arrays.ArrayCase.fn;
import static dev.tapeless.it.arrays.Flatten.flat;

import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Cases for {@link ArrayCalls}, and twins in Hipparchus arithmetic that call each other's twins
 * as the originals call each other.
 */
final class ArrayCallsCases {
  private ArrayCallsCases() {}

  static List<ArrayCase<?>> cases() {
    return List.of(
        fn("ArrayCalls.rowDotsTanh", matrix("W", "m", "n", -1, 1), vector("x", "n", -2, 2))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .plain(a -> ArrayCalls.rowDotsTanh(a.mat(0), a.vec(1)))
            .frame(ArrayCalls_Grad.RowDotsTanh::new, ArrayCalls_Grad.RowDotsTanh::zero,
                g -> flat(g.dW, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> {
              Gradient s = p.constant(0);
              for (Gradient[] row : p.mat(0)) {
                s = s.add(ReductionsCases.dot(row, p.vec(1)).tanh());
              }
              return s;
            }),
        fn("ArrayCalls.sumOfRowNorms", matrix("W", "m", "n", -1, 1))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .smoothWhere(a -> {
              for (double[] row : a.mat(0)) {
                if (Reductions.norm(row) < 0.2) {
                  return false;
                }
              }
              return true;
            })
            .plain(a -> ArrayCalls.sumOfRowNorms(a.mat(0)))
            .frame(ArrayCalls_Grad.SumOfRowNorms::new, ArrayCalls_Grad.SumOfRowNorms::zero,
                g -> flat(g.dW))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0)),
                (g, a) -> g.accumulate(a.mat(0)))
            .twin(p -> {
              Gradient s = p.constant(0);
              for (Gradient[] row : p.mat(0)) {
                s = s.add(ReductionsCases.norm(row));
              }
              return s;
            }),
        fn("ArrayCalls.callsInCompoundAssignments", matrix("W", "m", "n", -1, 1),
                vector("x", "n", -2, 2))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .smoothWhere(a -> Reductions.norm(a.vec(1)) > 0.2)
            .plain(a -> ArrayCalls.callsInCompoundAssignments(a.mat(0), a.vec(1)))
            .frame(ArrayCalls_Grad.CallsInCompoundAssignments::new,
                ArrayCalls_Grad.CallsInCompoundAssignments::zero, g -> flat(g.dW, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> {
              Gradient[] x = p.vec(1);
              Gradient s = p.constant(0);
              for (Gradient[] row : p.mat(0)) {
                s = s.add(ReductionsCases.dot(row, x))
                    .subtract(ReductionsCases.weightedPrefix(row, 1));
              }
              return s.subtract(ReductionsCases.norm(x)).add(x[0].exp().log1p());
            }),
        fn("ArrayCalls.matvecByRows", matrix("W", "m", "n", -1, 1), vector("x", "n", -2, 2),
                vector("b", "m", -1, 1), out("y", "m"))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .plainVoid(a -> ArrayCalls.matvecByRows(a.mat(0), a.vec(1), a.vec(2), a.vec(3)))
            .frame(ArrayCalls_Grad.MatvecByRows::new, ArrayCalls_Grad.MatvecByRows::zero,
                g -> flat(g.dW, g.dx, g.db))
            .outputs((g, a, s) -> g.pullback(a.mat(0), a.vec(1), a.vec(2), a.vec(3), s.vec(0)),
                (g, a, j) -> g.jacobian(a.mat(0), a.vec(1), a.vec(2), a.vec(3), j))
            .outTwin(p -> {
              Gradient[][] w = p.mat(0);
              Gradient[] y = MatricesCases.affine(w, p.vec(1), p.vec(2));
              for (int i = 0; i < y.length; i++) {
                y[i] = y[i].subtract(ReductionsCases.dot(w[i], w[i]).multiply(0.5));
              }
              return y;
            }),
        fn("ArrayCalls.valueAndOutputsOfCallee", matrix("W", "m", "n", -1, 1),
                vector("b", "m", -1, 1), vector("x", "n", -2, 2))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .plain(a -> ArrayCalls.valueAndOutputsOfCallee(a.mat(0), a.vec(1), a.vec(2)))
            .frame(ArrayCalls_Grad.ValueAndOutputsOfCallee::new,
                ArrayCalls_Grad.ValueAndOutputsOfCallee::zero, g -> flat(g.dW, g.db, g.dx))
            .calls(g -> g.value,
                (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1), a.vec(2)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1), a.vec(2)))
            .twin(p -> {
              Gradient[] a = KernelsCases.denseLayer(p.mat(0), p.vec(1), p.vec(2));
              return ReductionsCases.dot(a, a).multiply(ReductionsCases.sum(a))
                  .add(ReductionsCases.norm(a));
            }),
        fn("ArrayCalls.squashIntoOwnOutput", vector("x", "n", -2, 2), out("y", "n"))
            .dim("n", 1, 5)
            .smoothWhere(a -> Reductions.norm(a.vec(0)) > 0.3)
            .plain(a -> ArrayCalls.squashIntoOwnOutput(a.vec(0), a.vec(1)))
            .frame(ArrayCalls_Grad.SquashIntoOwnOutput::new,
                ArrayCalls_Grad.SquashIntoOwnOutput::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.vec(1)),
                (g, a) -> g.accumulate(a.vec(0), a.vec(1)))
            .outputs((g, a, s) -> g.pullback(a.vec(0), a.vec(1), s.vec(0)),
                (g, a, j) -> g.jacobian(a.vec(0), a.vec(1), j))
            .twins(p -> {
              Gradient[] y = OutputsCases.squash(p.vec(0));
              return ReductionsCases.sum(y).add(ReductionsCases.norm(y));
            }, p -> OutputsCases.squash(p.vec(0))),
        fn("ArrayCalls.chainOfOutCallees", vector("x", "n", -2, 2), out("z", "n"))
            .dim("n", 1, 5)
            .smoothWhere(a -> Reductions.norm(a.vec(0)) > 0.3)
            .plainVoid(a -> ArrayCalls.chainOfOutCallees(a.vec(0), a.vec(1)))
            .frame(ArrayCalls_Grad.ChainOfOutCallees::new,
                ArrayCalls_Grad.ChainOfOutCallees::zero, g -> flat(g.dx))
            .outputs((g, a, s) -> g.pullback(a.vec(0), a.vec(1), s.vec(0)),
                (g, a, j) -> g.jacobian(a.vec(0), a.vec(1), j))
            .outTwin(p -> OutputsCases.squash(
                OutputsCases.normalize(OutputsCases.squash(p.vec(0))))),
        fn("ArrayCalls.sameArrayTwice", vector("x", "n", 0.5, 2))
            .dim("n", 2, 6)
            .plain(a -> ArrayCalls.sameArrayTwice(a.vec(0)))
            .frame(ArrayCalls_Grad.SameArrayTwice::new, ArrayCalls_Grad.SameArrayTwice::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient q = ReductionsCases.dot(x, x);
              return q.multiply(ReductionsCases.weightedMean(x, x))
                  .add(ReductionsCases.variance(x).divide(q));
            }),
        fn("ArrayCalls.affineThenNorm", matrix("W", "m", "n", -1, 1), vector("x", "n", -2, 2),
                vector("b", "m", -1, 1))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .smoothWhere(a -> {
              double[] y = new double[a.mat(0).length];
              Matrices.affine(a.mat(0), a.vec(1), a.vec(2), y);
              return Reductions.norm(y) > 0.2;
            })
            .plain(a -> ArrayCalls.affineThenNorm(a.mat(0), a.vec(1), a.vec(2)))
            .frame(ArrayCalls_Grad.AffineThenNorm::new, ArrayCalls_Grad.AffineThenNorm::zero,
                g -> flat(g.dW, g.dx, g.db))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1), a.vec(2)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1), a.vec(2)))
            .twin(p -> ReductionsCases.norm(MatricesCases.affine(p.mat(0), p.vec(1), p.vec(2)))),
        fn("ArrayCalls.twoLayers", matrix("W1", "h", "n", -1, 1), vector("b1", "h", -1, 1),
                matrix("W2", "m", "h", -1, 1), vector("b2", "m", -1, 1),
                vector("x", "n", -2, 2))
            .dim("n", 1, 3)
            .dim("h", 1, 4)
            .dim("m", 1, 3)
            .plain(a -> ArrayCalls.twoLayers(a.mat(0), a.vec(1), a.mat(2), a.vec(3), a.vec(4)))
            .frame(ArrayCalls_Grad.TwoLayers::new, ArrayCalls_Grad.TwoLayers::zero,
                g -> flat(g.dW1, g.db1, g.dW2, g.db2, g.dx))
            .calls(g -> g.value,
                (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1), a.mat(2), a.vec(3), a.vec(4)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1), a.mat(2), a.vec(3), a.vec(4)))
            .twin(p -> {
              Gradient[] h = MatricesCases.affine(p.mat(0), p.vec(4), p.vec(1));
              for (int i = 0; i < h.length; i++) {
                h[i] = h[i].tanh();
              }
              Gradient[] out = MatricesCases.affine(p.mat(2), h, p.vec(3));
              return ReductionsCases.dot(out, out).multiply(0.5);
            }),
        fn("ArrayCalls.rowsOfLocalMatrix", matrix("W", "n", "n", -1, 1),
                vector("x0", "n", -1, 1))
            .dim("n", 1, 4)
            .plain(a -> ArrayCalls.rowsOfLocalMatrix(a.mat(0), a.vec(1)))
            .frame(ArrayCalls_Grad.RowsOfLocalMatrix::new,
                ArrayCalls_Grad.RowsOfLocalMatrix::zero, g -> flat(g.dW, g.dx0))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> {
              Gradient[][] w = p.mat(0);
              Gradient[] state = p.vec(1);
              for (int t = 0; t < 3; t++) {
                Gradient[] next = new Gradient[state.length];
                for (int j = 0; j < state.length; j++) {
                  next[j] = state[j].tanh().multiply(ReductionsCases.dot(w[j], state));
                }
                state = next;
              }
              return ReductionsCases.sum(state);
            }),
        fn("ArrayCalls.normalizedSquash", vector("x", "n", -2, 2), out("y", "n"))
            .dim("n", 1, 5)
            .smoothWhere(a -> Reductions.norm(a.vec(0)) > 0.3)
            .plainVoid(a -> ArrayCalls.normalizedSquash(a.vec(0), a.vec(1)))
            .frame(ArrayCalls_Grad.NormalizedSquash::new,
                ArrayCalls_Grad.NormalizedSquash::zero, g -> flat(g.dx))
            .outputs((g, a, s) -> g.pullback(a.vec(0), a.vec(1), s.vec(0)),
                (g, a, j) -> g.jacobian(a.vec(0), a.vec(1), j))
            .outTwin(p -> {
              Gradient[] t = OutputsCases.squash(p.vec(0));
              return OutputsCases.normalize(t);
            }));
  }
}

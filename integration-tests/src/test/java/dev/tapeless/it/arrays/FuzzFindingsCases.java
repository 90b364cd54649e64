package dev.tapeless.it.arrays;

import static dev.tapeless.it.arrays.ArrayCase.Param.indices;
import static dev.tapeless.it.arrays.ArrayCase.Param.out;
import static dev.tapeless.it.arrays.ArrayCase.Param.outMatrix;
import static dev.tapeless.it.arrays.ArrayCase.Param.passive;
import static dev.tapeless.it.arrays.ArrayCase.Param.real;
import static dev.tapeless.it.arrays.ArrayCase.Param.size;
import static dev.tapeless.it.arrays.ArrayCase.Param.vector;
import static dev.tapeless.it.arrays.ArrayCase.fn;
import static dev.tapeless.it.arrays.Flatten.flat;

import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;

/** Cases for {@link FuzzFindings}, each twin written from the method's meaning. */
final class FuzzFindingsCases {
  private FuzzFindingsCases() {}

  static List<ArrayCase<?>> cases() {
    return List.of(
        fn("FuzzFindings.intArrayGivenToHelper", vector("x", "n", -2, 2),
                indices("idx", "k", "n"))
            .dim("n", 1, 5)
            .dim("k", 1, 6)
            .plain(a -> FuzzFindings.intArrayGivenToHelper(a.vec(0), a.ints(1)))
            .frame(FuzzFindings_Grad.IntArrayGivenToHelper::new,
                FuzzFindings_Grad.IntArrayGivenToHelper::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.ints(1)),
                (g, a) -> g.accumulate(a.vec(0), a.ints(1)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              int[] idx = p.ints(1);
              Gradient s = p.constant(0);
              for (int i = 0; i < idx.length; i++) {
                s = s.add(x[idx[i]].square()).add(idx[0]);
              }
              return s;
            }),
        fn("FuzzFindings.cubesOfPrefix", vector("x", "n", -2, 2), size("m", "n"))
            .dim("n", 1, 5)
            .plain(a -> FuzzFindings.cubesOfPrefix(a.vec(0), a.n(1)))
            .frame(FuzzFindings_Grad.CubesOfPrefix::new, FuzzFindings_Grad.CubesOfPrefix::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.n(1)),
                (g, a) -> g.accumulate(a.vec(0), a.n(1)))
            .twin(p -> cubes(p.vec(0), p.n(1))),
        fn("FuzzFindings.fillFromOwnElement", vector("w", "n", -2, 2))
            .dim("n", 2, 5)
            .plain(a -> FuzzFindings.fillFromOwnElement(a.vec(0)))
            .frame(FuzzFindings_Grad.FillFromOwnElement::new,
                FuzzFindings_Grad.FillFromOwnElement::zero, g -> flat(g.dw))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> p.vec(0)[0].multiply(p.vec(0)[0]).add(p.vec(0)[0])),
        fn("FuzzFindings.prefixesOfTwoLengths", vector("x", "n", -2, 2))
            .dim("n", 1, 5)
            .plain(a -> FuzzFindings.prefixesOfTwoLengths(a.vec(0)))
            .frame(FuzzFindings_Grad.PrefixesOfTwoLengths::new,
                FuzzFindings_Grad.PrefixesOfTwoLengths::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              return cubes(x, 1).multiply(cubes(x, x.length));
            }),
        fn("FuzzFindings.operandIndexReadsTarget", vector("x", "n", -2, 2))
            .dim("n", 2, 4)
            .plain(a -> FuzzFindings.operandIndexReadsTarget(a.vec(0)))
            .frame(FuzzFindings_Grad.OperandIndexReadsTarget::new,
                FuzzFindings_Grad.OperandIndexReadsTarget::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> p.vec(0)[1].multiply(1.2)),
        fn("FuzzFindings.incrementIndexReadsTarget", vector("x", "n", -2, 2))
            .dim("n", 2, 4)
            .plain(a -> FuzzFindings.incrementIndexReadsTarget(a.vec(0)))
            .frame(FuzzFindings_Grad.IncrementIndexReadsTarget::new,
                FuzzFindings_Grad.IncrementIndexReadsTarget::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> p.vec(0)[1].multiply(2.0).add(1.2).square()),
        fn("FuzzFindings.copyBetweenAliasedRows", vector("x", "n", -2, 2))
            .dim("n", 1, 4)
            .plain(a -> FuzzFindings.copyBetweenAliasedRows(a.vec(0)))
            .frame(FuzzFindings_Grad.CopyBetweenAliasedRows::new,
                FuzzFindings_Grad.CopyBetweenAliasedRows::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> p.vec(0)[0].square().add(p.vec(0)[p.vec(0).length - 1].square())),
        fn("FuzzFindings.freshInBranchAndLoop", real("z", -2, 2), size("n", "k"))
            .dim("k", 0, 2)
            .plain(a -> FuzzFindings.freshInBranchAndLoop(a.d(0), a.n(1)))
            .frame(FuzzFindings_Grad.FreshInBranchAndLoop::new,
                FuzzFindings_Grad.FreshInBranchAndLoop::zero, g -> flat(g.dz))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.n(1)),
                (g, a) -> g.accumulate(a.d(0), a.n(1)))
            .twin(p -> freshInBranchAndLoop(p.x(0), p.n(1))),
        fn("FuzzFindings.callsFreshArraysNotCreated", real("x", -2, 2))
            .plain(a -> FuzzFindings.callsFreshArraysNotCreated(a.d(0)))
            .frame(FuzzFindings_Grad.CallsFreshArraysNotCreated::new,
                FuzzFindings_Grad.CallsFreshArraysNotCreated::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0)),
                (g, a) -> g.accumulate(a.d(0)))
            .twin(p -> freshInBranchAndLoop(p.x(0), 1)
                .add(freshInBranchAndLoop(p.x(0).negate(), 0)).multiply(p.x(0))),
        fn("FuzzFindings.storeIndexReadsItsArray", real("x", -2, 2))
            .plain(a -> FuzzFindings.storeIndexReadsItsArray(a.d(0)))
            .frame(FuzzFindings_Grad.StoreIndexReadsItsArray::new,
                FuzzFindings_Grad.StoreIndexReadsItsArray::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0)),
                (g, a) -> g.accumulate(a.d(0)))
            .twin(p -> p.x(0).square().multiply(3.0)),
        fn("FuzzFindings.incrementIndexReadsItsArray", real("x", -2, 2))
            .plain(a -> FuzzFindings.incrementIndexReadsItsArray(a.d(0)))
            .frame(FuzzFindings_Grad.IncrementIndexReadsItsArray::new,
                FuzzFindings_Grad.IncrementIndexReadsItsArray::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0)),
                (g, a) -> g.accumulate(a.d(0)))
            .twin(p -> p.x(0).square().add(0.5).multiply(p.x(0))),
        fn("FuzzFindings.addSquareInto", real("x", -2, 2), out("acc", "n"))
            .dim("n", 1, 3)
            .plainVoid(a -> FuzzFindings.addSquareInto(a.d(0), a.vec(1)))
            .frame(FuzzFindings_Grad.AddSquareInto::new, FuzzFindings_Grad.AddSquareInto::zero,
                g -> flat(g.dx))
            .outputs((g, a, s) -> g.pullback(a.d(0), a.vec(1), s.vec(0)),
                (g, a, j) -> g.jacobian(a.d(0), a.vec(1), j))
            .outTwin(p -> {
              Gradient[] acc = p.vec(1);
              acc[0] = acc[0].add(p.x(0).square());
              return acc;
            }),
        fn("FuzzFindings.accumulateThroughCallee", real("x", -2, 2))
            .plain(a -> FuzzFindings.accumulateThroughCallee(a.d(0)))
            .frame(FuzzFindings_Grad.AccumulateThroughCallee::new,
                FuzzFindings_Grad.AccumulateThroughCallee::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0)),
                (g, a) -> g.accumulate(a.d(0)))
            .twin(p -> p.x(0).multiply(3.0).add(p.x(0).square()).square()),
        fn("FuzzFindings.scalarArgumentFromItsOwnArray", vector("s", "n", -2, 2))
            .dim("n", 1, 4)
            .plain(a -> FuzzFindings.scalarArgumentFromItsOwnArray(a.vec(0)))
            .frame(FuzzFindings_Grad.ScalarArgumentFromItsOwnArray::new,
                FuzzFindings_Grad.ScalarArgumentFromItsOwnArray::zero, g -> flat(g.ds))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              Gradient[] s = p.vec(0);
              int last = s.length - 1;
              return s[0].multiply(s[last]).add(s[last]).add(s[0].multiply(s[0]).add(s[0]));
            }),
        fn("FuzzFindings.rowsOverwrittenInAWhileLoop", real("x", -2, 2))
            .plain(a -> FuzzFindings.rowsOverwrittenInAWhileLoop(a.d(0)))
            .frame(FuzzFindings_Grad.RowsOverwrittenInAWhileLoop::new,
                FuzzFindings_Grad.RowsOverwrittenInAWhileLoop::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0)),
                (g, a) -> g.accumulate(a.d(0)))
            .twin(p -> p.x(0).multiply(1.5)),
        fn("FuzzFindings.rowChosenByTheOutput", real("a", -2, 2), outMatrix("acc", "2", "m"),
                passive("c", -2, 2), vector("g", "m", -2, 2), out("out", "m"))
            .dim("m", 1, 3)
            .plainVoid(a -> FuzzFindings.rowChosenByTheOutput(a.d(0), a.mat(1), a.d(2),
                a.vec(3), a.vec(4)))
            .frame(FuzzFindings_Grad.RowChosenByTheOutput::new,
                FuzzFindings_Grad.RowChosenByTheOutput::zero, g -> flat(g.da, g.dg))
            .outputs((g, a, s) -> g.pullback(a.d(0), a.mat(1), a.d(2), a.vec(3), a.vec(4),
                    s.mat(0), s.vec(1)),
                (g, a, j) -> g.jacobian(a.d(0), a.mat(1), a.d(2), a.vec(3), a.vec(4), j))
            .outTwin(p -> {
              Gradient[][] acc = p.mat(1);
              Gradient c = p.x(2);
              Gradient[] g = p.vec(3);
              Gradient[] out = p.vec(4);
              int m = out.length;
              acc[1][m - 1] = acc[1][m - 1].subtract(p.x(0));
              int row = ((int) (1.5 + Math.abs(out[0].getValue()))) % acc.length;
              Gradient[] flat = new Gradient[3 * m];
              for (int i = 0; i < m; i++) {
                flat[i] = acc[0][i];
                flat[m + i] = acc[1][i];
                flat[2 * m + i] = c.multiply(g[i]).add(acc[row][i]);
              }
              return flat;
            }));
  }

  /** cubesOfPrefix: the sum of x[i]^3 over the first n elements. */
  static Gradient cubes(Gradient[] x, int n) {
    Gradient s = x[0].newInstance(0.0);
    for (int i = 0; i < n; i++) {
      s = s.add(x[i].multiply(x[i]).multiply(x[i]));
    }
    return s;
  }

  /**
   * {@link FuzzFindings#freshInBranchAndLoop}: the pair's product added, then half of z added
   * in even iterations (odd ones write u[1] of a fresh array, and u[0] is 0).
   */
  private static Gradient freshInBranchAndLoop(Gradient z, int n) {
    if (z.getValue() > 0) {
      z = z.add(z.square().multiply(2.0));
    }
    for (int i = 0; i < n; i += 2) {
      z = z.multiply(1.5);
    }
    return z;
  }
}

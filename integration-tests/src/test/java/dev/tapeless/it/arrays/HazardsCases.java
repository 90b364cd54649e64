package dev.tapeless.it.arrays;

import static dev.tapeless.it.arrays.ArrayCase.Param.bool;
import static dev.tapeless.it.arrays.ArrayCase.Param.indices;
import static dev.tapeless.it.arrays.ArrayCase.Param.integer;
import static dev.tapeless.it.arrays.ArrayCase.Param.jagged;
import static dev.tapeless.it.arrays.ArrayCase.Param.matrix;
import static dev.tapeless.it.arrays.ArrayCase.Param.out;
import static dev.tapeless.it.arrays.ArrayCase.Param.outJagged;
import static dev.tapeless.it.arrays.ArrayCase.Param.real;
import static dev.tapeless.it.arrays.ArrayCase.Param.vector;
import static dev.tapeless.it.arrays.ArrayCase.fn;
import static dev.tapeless.it.arrays.Flatten.flat;
import static dev.tapeless.it.arrays.ReductionsCases.awayFromZero;

import java.util.Arrays;
import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Cases for {@link Hazards}. The twins are straightforward forward-mode programs: forward mode
 * has none of these hazards (nothing is reversed, nothing restored), which is what makes it a
 * good oracle for them.
 */
final class HazardsCases {
  private HazardsCases() {}

  static List<ArrayCase<?>> cases() {
    return List.of(
        fn("Hazards.boundChangesAfterLoop", vector("x", "n", -2, 2))
            .dim("n", 1, 7)
            .plain(a -> Hazards.boundChangesAfterLoop(a.vec(0)))
            .frame(Hazards_Grad.BoundChangesAfterLoop::new,
                Hazards_Grad.BoundChangesAfterLoop::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient s = p.constant(0);
              for (int i = 0; i < x.length - 1; i++) {
                s = s.add(x[i].square().multiply(i + 1));
              }
              return s.add(x.length);
            }),
        fn("Hazards.lowerBoundChangesAfterLoop", vector("x", "n", -2, 2))
            .dim("n", 1, 7)
            .plain(a -> Hazards.lowerBoundChangesAfterLoop(a.vec(0)))
            .frame(Hazards_Grad.LowerBoundChangesAfterLoop::new,
                Hazards_Grad.LowerBoundChangesAfterLoop::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient s = p.constant(0);
              for (int i = 1; i < x.length; i++) {
                s = s.add(x[i].multiply(x[i - 1]));
              }
              return s;
            }),
        fn("Hazards.boundShrinksInLoop", vector("x", "n", -2, 2))
            .dim("n", 1, 7)
            .smoothWhere(a -> awayFromZero(a.vec(0)))
            .plain(a -> Hazards.boundShrinksInLoop(a.vec(0)))
            .frame(Hazards_Grad.BoundShrinksInLoop::new, Hazards_Grad.BoundShrinksInLoop::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient s = p.constant(0);
              int n = x.length;
              for (int i = 0; i < n; i++) {
                s = s.add(x[i].sin().multiply(i + 1));
                n -= x[i].getValue() > 0 ? 1 : 0;
              }
              return s;
            }),
        fn("Hazards.indexAdvancedInBody", vector("x", "n", -2, 2))
            .dim("n", 1, 7)
            .smoothWhere(a -> awayFromZero(a.vec(0)))
            .plain(a -> Hazards.indexAdvancedInBody(a.vec(0)))
            .frame(Hazards_Grad.IndexAdvancedInBody::new,
                Hazards_Grad.IndexAdvancedInBody::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient s = p.constant(0);
              int i = 0;
              while (i < x.length) {
                s = s.add(x[i].square().multiply(i + 1));
                i += x[i].getValue() > 0 ? 2 : 1;
              }
              return s;
            }),
        fn("Hazards.countedLoopWithBreak", vector("x", "n", -2, 2), real("limit", 0.5, 6))
            .dim("n", 1, 7)
            .smoothWhere(a -> ControlFlowCases.runningSumsAvoid(a.vec(0), 1, a.d(1)))
            .plain(a -> Hazards.countedLoopWithBreak(a.vec(0), a.d(1)))
            .frame(Hazards_Grad.CountedLoopWithBreak::new,
                Hazards_Grad.CountedLoopWithBreak::zero, g -> flat(g.dx, g.dlimit))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.d(1)),
                (g, a) -> g.accumulate(a.vec(0), a.d(1)))
            .twin(p -> {
              Gradient s = p.constant(0);
              for (Gradient x : p.vec(0)) {
                s = s.add(x.square());
                if (s.getValue() > p.d(1)) {
                  break;
                }
              }
              return s;
            }),
        fn("Hazards.arrayChangedAfterCall", vector("x", "n", -2, 2))
            .dim("n", 1, 6)
            .smoothWhere(a -> Reductions.norm(a.vec(0)) > 0.2)
            .plain(a -> Hazards.arrayChangedAfterCall(a.vec(0)))
            .frame(Hazards_Grad.ArrayChangedAfterCall::new,
                Hazards_Grad.ArrayChangedAfterCall::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              // a after iteration t is (1 + 2 + ... + (t + 1)) x.
              Gradient norm = ReductionsCases.norm(p.vec(0));
              return norm.multiply(1 + 3 + 6);
            }),
        fn("Hazards.arrayChangedAfterKernel", vector("x", "n", -2, 2), vector("v", "n", -2, 2))
            .dim("n", 1, 6)
            .plain(a -> Hazards.arrayChangedAfterKernel(a.vec(0), a.vec(1)))
            .frame(Hazards_Grad.ArrayChangedAfterKernel::new,
                Hazards_Grad.ArrayChangedAfterKernel::zero, g -> flat(g.dx, g.dv))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.vec(1)),
                (g, a) -> g.accumulate(a.vec(0), a.vec(1)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient xv = ReductionsCases.dot(x, p.vec(1));
              Gradient xx = ReductionsCases.dot(x, x);
              Gradient s = p.constant(0);
              for (int c : new int[] {1, 3, 6}) {
                s = s.add(xv.multiply(c).multiply(xx.multiply(c * c)));
              }
              return s;
            }),
        fn("Hazards.reusedKernelBuffer", vector("x", "n", -1, 1), real("w", -1.5, 1.5))
            .dim("n", 1, 6)
            .plain(a -> Hazards.reusedKernelBuffer(a.vec(0), a.d(1)))
            .frame(Hazards_Grad.ReusedKernelBuffer::new, Hazards_Grad.ReusedKernelBuffer::zero,
                g -> flat(g.dx, g.dw))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.d(1)),
                (g, a) -> g.accumulate(a.vec(0), a.d(1)))
            .twin(p -> {
              Gradient s = p.constant(0);
              for (Gradient x : p.vec(0)) {
                Gradient h = p.constant(0);
                for (int t = 0; t < 3; t++) {
                  h = p.x(1).multiply(h).add(x).tanh();
                }
                s = s.add(h);
              }
              return s;
            }),
        fn("Hazards.reusedCalleeBuffer", vector("x", "n", -1, 1), real("w", -1.5, 1.5))
            .dim("n", 1, 6)
            .plain(a -> Hazards.reusedCalleeBuffer(a.vec(0), a.d(1)))
            .frame(Hazards_Grad.ReusedCalleeBuffer::new, Hazards_Grad.ReusedCalleeBuffer::zero,
                g -> flat(g.dx, g.dw))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.d(1)),
                (g, a) -> g.accumulate(a.vec(0), a.d(1)))
            .twin(p -> {
              Gradient s = p.constant(0);
              for (Gradient x : p.vec(0)) {
                Gradient a = p.constant(0);
                for (int t = 0; t < 3; t++) {
                  a = p.x(1).multiply(a).add(x).tanh();
                }
                s = s.add(a);
              }
              return s;
            }),
        fn("Hazards.rotatingIndex", vector("x", "n", -1.5, 1.5), integer("m", 1, 3))
            .dim("n", 1, 7)
            .plain(a -> Hazards.rotatingIndex(a.vec(0), a.n(1)))
            .frame(Hazards_Grad.RotatingIndex::new, Hazards_Grad.RotatingIndex::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.n(1)),
                (g, a) -> g.accumulate(a.vec(0), a.n(1)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient[] a = new Gradient[p.n(1)];
              Arrays.fill(a, p.constant(1));
              for (int i = 0; i < x.length; i++) {
                int j = i % a.length;
                a[j] = a[j].multiply(x[i]).add(a[j].sin());
              }
              return ReductionsCases.dot(a, a);
            }),
        fn("Hazards.selfCompound", vector("x", "n", -2, 2))
            .dim("n", 1, 7)
            .plain(a -> Hazards.selfCompound(a.vec(0)))
            .frame(Hazards_Grad.SelfCompound::new, Hazards_Grad.SelfCompound::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              Gradient s = p.constant(0);
              for (Gradient x : p.vec(0)) {
                s = s.add(x.pow(4).multiply(4));
              }
              return s;
            }),
        fn("Hazards.insertionSort", vector("x", "n", -2, 2))
            .dim("n", 1, 7)
            .smoothWhere(a -> distinct(a.vec(0)))
            .plain(a -> Hazards.insertionSort(a.vec(0)))
            .frame(Hazards_Grad.InsertionSort::new, Hazards_Grad.InsertionSort::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              // Rank by counting: no permutation is ever applied in place.
              Gradient[] x = p.vec(0);
              Gradient s = p.constant(0);
              for (Gradient v : x) {
                int rank = 0;
                for (Gradient w : x) {
                  rank += w.getValue() < v.getValue() ? 1 : 0;
                }
                s = s.add(v.square().multiply(rank + 1));
              }
              return s;
            }),
        fn("Hazards.repeatedOverwrite", vector("x", "n", -1.5, 1.5), real("w", -1, 1))
            .dim("n", 1, 6)
            .plain(a -> Hazards.repeatedOverwrite(a.vec(0), a.d(1)))
            .frame(Hazards_Grad.RepeatedOverwrite::new, Hazards_Grad.RepeatedOverwrite::zero,
                g -> flat(g.dx, g.dw))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.d(1)),
                (g, a) -> g.accumulate(a.vec(0), a.d(1)))
            .twin(p -> {
              Gradient[] a = p.vec(0).clone();
              int n = a.length;
              for (int t = 0; t < 4; t++) {
                for (int j = 0; j < n; j++) {
                  a[j] = a[j].sin().multiply(p.x(1)).add(a[(j + 1) % n]);
                }
              }
              return ReductionsCases.sum(a);
            }),
        fn("Hazards.enhancedForOverChangingLocal", vector("x", "n", -1.5, 1.5))
            .dim("n", 1, 6)
            .plain(a -> Hazards.enhancedForOverChangingLocal(a.vec(0)))
            .frame(Hazards_Grad.EnhancedForOverChangingLocal::new,
                Hazards_Grad.EnhancedForOverChangingLocal::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              Gradient[] a = p.vec(0).clone();
              int n = a.length;
              Gradient s = p.constant(0);
              for (int k = 0; k < n; k++) {
                Gradient v = a[k];
                s = s.add(v.square());
                a[(k + 1) % n] = a[(k + 1) % n].multiply(v);
              }
              return s;
            }),
        fn("Hazards.maxPool", vector("x", "n", -2, 2))
            .dim("n", 1, 7)
            .smoothWhere(a -> distinct(a.vec(0)))
            .plain(a -> Hazards.maxPool(a.vec(0)))
            .frame(Hazards_Grad.MaxPool::new, Hazards_Grad.MaxPool::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              Gradient m = p.vec(0)[0];
              for (Gradient v : p.vec(0)) {
                m = v.getValue() > m.getValue() ? v : m;
              }
              return m.square();
            }),
        fn("Hazards.doubleCounter", real("a", -2, 2))
            .plain(a -> Hazards.doubleCounter(a.d(0)))
            .frame(Hazards_Grad.DoubleCounter::new, Hazards_Grad.DoubleCounter::zero,
                g -> flat(g.da))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0)),
                (g, a) -> g.accumulate(a.d(0)))
            .twin(p -> {
              Gradient s = p.constant(0);
              for (double t : new double[] {0, 0.25, 0.5, 0.75}) {
                s = s.add(p.x(0).multiply(t).sin());
              }
              return s;
            }),
        fn("Hazards.doWhileContinue", vector("x", "n", -2, 2))
            .dim("n", 1, 7)
            .smoothWhere(a -> awayFromZero(a.vec(0)))
            .plain(a -> Hazards.doWhileContinue(a.vec(0)))
            .frame(Hazards_Grad.DoWhileContinue::new, Hazards_Grad.DoWhileContinue::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              Gradient s = p.constant(0);
              for (Gradient x : p.vec(0)) {
                if (x.getValue() >= 0) {
                  s = s.add(x.square());
                }
              }
              return s;
            }),
        fn("Hazards.longEuler", real("k", 0.5, 2), real("y0", -2, 2))
            .plain(a -> Hazards.longEuler(a.d(0), a.d(1)))
            .frame(Hazards_Grad.LongEuler::new, Hazards_Grad.LongEuler::zero,
                g -> flat(g.dk, g.dy0))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.d(1)),
                (g, a) -> g.accumulate(a.d(0), a.d(1)))
            .twin(p -> {
              Gradient y = p.x(1);
              for (int i = 0; i < 20_000; i++) {
                y = y.add(p.x(0).negate().multiply(y).add(y.sin()).multiply(1e-4));
              }
              return y;
            }),
        fn("Hazards.parameterReassignedInLoop", real("x", -2, 2), integer("n", 0, 6))
            .plain(a -> Hazards.parameterReassignedInLoop(a.d(0), a.n(1)))
            .frame(Hazards_Grad.ParameterReassignedInLoop::new,
                Hazards_Grad.ParameterReassignedInLoop::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.d(0), a.n(1)),
                (g, a) -> g.accumulate(a.d(0), a.n(1)))
            .twin(p -> {
              Gradient x = p.x(0);
              Gradient s = p.constant(0);
              for (int i = 0; i < p.n(1); i++) {
                x = x.multiply(0.9).add(x.sin());
                s = s.add(x);
              }
              return s;
            }),
        fn("Hazards.kernelsOnLocalRows", matrix("W", "n", "n", -1, 1), vector("x0", "n", -1, 1))
            .dim("n", 1, 4)
            .plain(a -> Hazards.kernelsOnLocalRows(a.mat(0), a.vec(1)))
            .frame(Hazards_Grad.KernelsOnLocalRows::new, Hazards_Grad.KernelsOnLocalRows::zero,
                g -> flat(g.dW, g.dx0))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> {
              Gradient[] h = p.vec(1);
              for (int t = 0; t < 3; t++) {
                h = OutputsCases.squash(MatricesCases.matvec(p.mat(0), h));
              }
              return ReductionsCases.sum(h);
            }),
        fn("Hazards.jaggedRowsToCallee", jagged("J", "r", 1, 4, -2, 2))
            .dim("r", 1, 4)
            .smoothWhere(a -> {
              for (double[] row : a.mat(0)) {
                if (Reductions.norm(row) < 0.2) {
                  return false;
                }
              }
              return true;
            })
            .plain(a -> Hazards.jaggedRowsToCallee(a.mat(0)))
            .frame(Hazards_Grad.JaggedRowsToCallee::new, Hazards_Grad.JaggedRowsToCallee::zero,
                g -> flat(g.dJ))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0)),
                (g, a) -> g.accumulate(a.mat(0)))
            .twin(p -> {
              Gradient[][] j = p.mat(0);
              Gradient s = p.constant(0);
              for (int i = 0; i < j.length; i++) {
                s = s.add(ReductionsCases.norm(j[i]).multiply(i + 1));
              }
              return s;
            }),
        fn("Hazards.calleeWithWhileLoop", vector("x", "n", -2, 2))
            .dim("n", 1, 5)
            .plain(a -> Hazards.calleeWithWhileLoop(a.vec(0)))
            .frame(Hazards_Grad.CalleeWithWhileLoop::new,
                Hazards_Grad.CalleeWithWhileLoop::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              Gradient s = p.constant(0);
              for (Gradient x : p.vec(0)) {
                s = s.add(x.square().add(1).sqrt().multiply(x));
              }
              return s;
            }),
        fn("Hazards.whileConditionReadsArray", vector("x", "n", -2, 2))
            .dim("n", 1, 7)
            .smoothWhere(a -> Arrays.stream(a.vec(0)).allMatch(v -> Math.abs(v + 1) > 0.05))
            .plain(a -> Hazards.whileConditionReadsArray(a.vec(0)))
            .frame(Hazards_Grad.WhileConditionReadsArray::new,
                Hazards_Grad.WhileConditionReadsArray::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              Gradient s = p.constant(0);
              for (Gradient x : p.vec(0)) {
                if (x.getValue() <= -1) {
                  break;
                }
                s = s.add(x.pow(3));
              }
              return s;
            }),
        fn("Hazards.matrixElementCompound", matrix("W", "m", "n", -1, 1),
                vector("x", "n", -2, 2))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .plain(a -> Hazards.matrixElementCompound(a.mat(0), a.vec(1)))
            .frame(Hazards_Grad.MatrixElementCompound::new,
                Hazards_Grad.MatrixElementCompound::zero, g -> flat(g.dW, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> {
              Gradient[] x = p.vec(1);
              Gradient s = p.constant(0);
              for (Gradient[] row : p.mat(0)) {
                for (int j = 0; j < x.length; j++) {
                  s = s.add(row[j].multiply(x[j]).add(1).square().divide(x[j].square().add(1)));
                }
              }
              return s;
            }),
        fn("Hazards.possiblySameElement", vector("x", "n", -1.5, 1.5), indices("p", "k", "n"))
            .dim("n", 1, 4)
            .dim("k", 0, 8)
            .plain(a -> Hazards.possiblySameElement(a.vec(0), a.ints(1)))
            .frame(Hazards_Grad.PossiblySameElement::new,
                Hazards_Grad.PossiblySameElement::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.ints(1)),
                (g, a) -> g.accumulate(a.vec(0), a.ints(1)))
            .twin(p -> {
              Gradient[] a = p.vec(0).clone();
              int[] q = p.ints(1);
              for (int k = 0; k < q.length; k++) {
                int i = k % a.length;
                a[i] = a[q[k]].multiply(a[i]).add(a[q[k]].sin());
              }
              return ReductionsCases.sum(a);
            }),
        fn("Hazards.binaryMath", vector("x", "n", -2, 2))
            .dim("n", 1, 6)
            .smoothWhere(a -> awayFromZero(a.vec(0)))
            .plain(a -> Hazards.binaryMath(a.vec(0)))
            .frame(Hazards_Grad.BinaryMath::new, Hazards_Grad.BinaryMath::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient s = p.constant(0);
              for (int i = 0; i + 1 < x.length; i++) {
                s = s.add(x[i].atan2(x[i + 1])).add(x[i].hypot(x[i + 1]))
                    .add(x[i].abs().add(1).pow(x[i + 1]));
              }
              return s;
            }),
        fn("Hazards.flagChoosesLoop", vector("x", "n", -2, 2), bool("reverse"),
                integer("scale", 1, 3))
            .dim("n", 1, 6)
            .plain(a -> Hazards.flagChoosesLoop(a.vec(0), a.flag(1), a.n(2)))
            .frame(Hazards_Grad.FlagChoosesLoop::new, Hazards_Grad.FlagChoosesLoop::zero,
                g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0), a.flag(1), a.n(2)),
                (g, a) -> g.accumulate(a.vec(0), a.flag(1), a.n(2)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient s = p.constant(0);
              for (int k = 0; k < x.length; k++) {
                int i = p.flag(1) ? x.length - 1 - k : k;
                s = s.multiply(0.5).add(x[i].multiply(p.n(2)));
              }
              return s;
            }),
        fn("Hazards.breakInMiddleLoop", matrix("A", "m", "n", -1, 1), vector("x", "n", -2, 2))
            .dim("m", 1, 4)
            .dim("n", 1, 4)
            .smoothWhere(a -> {
              for (double[] row : a.mat(0)) {
                if (Math.abs(row[0] * a.vec(1)[0] + 0.5) < 0.1) {
                  return false;
                }
              }
              return true;
            })
            .plain(a -> Hazards.breakInMiddleLoop(a.mat(0), a.vec(1)))
            .frame(Hazards_Grad.BreakInMiddleLoop::new, Hazards_Grad.BreakInMiddleLoop::zero,
                g -> flat(g.dA, g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.mat(0), a.vec(1)),
                (g, a) -> g.accumulate(a.mat(0), a.vec(1)))
            .twin(p -> {
              Gradient[] x = p.vec(1);
              Gradient s = p.constant(0);
              for (int r = 0; r < 2; r++) {
                for (Gradient[] row : p.mat(0)) {
                  if (row[0].getValue() * x[0].getValue() < -0.5) {
                    break;
                  }
                  for (int j = 0; j < x.length; j++) {
                    s = s.add(row[j].multiply(x[j]).add(r).tanh());
                  }
                }
              }
              return s;
            }),
        fn("Hazards.strideTwo", vector("x", "n", -2, 2))
            .dim("n", 1, 7)
            .plain(a -> Hazards.strideTwo(a.vec(0)))
            .frame(Hazards_Grad.StrideTwo::new, Hazards_Grad.StrideTwo::zero, g -> flat(g.dx))
            .calls(g -> g.value, (g, a) -> g.valueAndGradient(a.vec(0)),
                (g, a) -> g.accumulate(a.vec(0)))
            .twin(p -> {
              Gradient[] x = p.vec(0);
              Gradient s = p.constant(0);
              for (int i = 0; i < x.length; i += 2) {
                s = s.add(x[i].square());
              }
              return s;
            }),
        fn("Hazards.rowsWrittenByCallee", jagged("X", "r", 1, 4, -2, 2),
                outJagged("Y", "r", "X"))
            .dim("r", 1, 4)
            .plainVoid(a -> Hazards.rowsWrittenByCallee(a.mat(0), a.mat(1)))
            .frame(Hazards_Grad.RowsWrittenByCallee::new,
                Hazards_Grad.RowsWrittenByCallee::zero, g -> flat(g.dX))
            .outputs((g, a, s) -> g.pullback(a.mat(0), a.mat(1), s.mat(0)),
                (g, a, j) -> g.jacobian(a.mat(0), a.mat(1), j))
            .outTwin(p -> {
              Gradient[][] x = p.mat(0);
              Gradient[][] y = new Gradient[x.length][];
              for (int i = 0; i < x.length; i++) {
                y[i] = OutputsCases.squash(x[i]);
              }
              return MatricesCases.flatten(y);
            }),
        fn("Hazards.cumulativeProduct", vector("x", "n", -1.5, 1.5), out("y", "n"))
            .dim("n", 1, 6)
            .plainVoid(a -> Hazards.cumulativeProduct(a.vec(0), a.vec(1)))
            .frame(Hazards_Grad.CumulativeProduct::new, Hazards_Grad.CumulativeProduct::zero,
                g -> flat(g.dx))
            .outputs((g, a, s) -> g.pullback(a.vec(0), a.vec(1), s.vec(0)),
                (g, a, j) -> g.jacobian(a.vec(0), a.vec(1), j))
            .outTwin(p -> {
              Gradient[] x = p.vec(0);
              Gradient[] y = new Gradient[x.length];
              y[0] = x[0];
              for (int i = 1; i < x.length; i++) {
                y[i] = y[i - 1].multiply(x[i]);
              }
              return y;
            }),
        fn("Hazards.jaggedOutput", jagged("X", "r", 0, 4, -2, 2), outJagged("Y", "r", "X"))
            .dim("r", 1, 4)
            .plainVoid(a -> Hazards.jaggedOutput(a.mat(0), a.mat(1)))
            .frame(Hazards_Grad.JaggedOutput::new, Hazards_Grad.JaggedOutput::zero,
                g -> flat(g.dX))
            .outputs((g, a, s) -> g.pullback(a.mat(0), a.mat(1), s.mat(0)),
                (g, a, j) -> g.jacobian(a.mat(0), a.mat(1), j))
            .outTwin(p -> {
              Gradient[][] x = p.mat(0);
              Gradient[][] y = new Gradient[x.length][];
              for (int i = 0; i < x.length; i++) {
                y[i] = new Gradient[x[i].length];
                for (int j = 0; j < x[i].length; j++) {
                  y[i][j] = x[i][j].square().multiply(i + 1);
                }
              }
              return MatricesCases.flatten(y);
            }),
        fn("Hazards.leakyRelu", vector("x", "n", -2, 2), out("y", "n"))
            .dim("n", 1, 6)
            .smoothWhere(a -> awayFromZero(a.vec(0)))
            .plainVoid(a -> Hazards.leakyRelu(a.vec(0), a.vec(1)))
            .frame(Hazards_Grad.LeakyRelu::new, Hazards_Grad.LeakyRelu::zero, g -> flat(g.dx))
            .outputs((g, a, s) -> g.pullback(a.vec(0), a.vec(1), s.vec(0)),
                (g, a, j) -> g.jacobian(a.vec(0), a.vec(1), j))
            .outTwin(p -> {
              Gradient[] x = p.vec(0);
              Gradient[] y = new Gradient[x.length];
              for (int i = 0; i < x.length; i++) {
                y[i] = x[i].getValue() > 0 ? x[i] : x[i].multiply(0.1);
              }
              return y;
            }));
  }

  /** Whether every two elements are farther apart than 0.05: no ties to break. */
  static boolean distinct(double[] x) {
    for (int i = 0; i < x.length; i++) {
      for (int j = i + 1; j < x.length; j++) {
        if (Math.abs(x[i] - x[j]) <= 0.05) {
          return false;
        }
      }
    }
    return true;
  }
}

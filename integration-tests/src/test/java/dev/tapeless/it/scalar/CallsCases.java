package dev.tapeless.it.scalar;

import static dev.tapeless.it.scalar.Case.Param.integer;
import static dev.tapeless.it.scalar.Case.Param.real;
import static dev.tapeless.it.scalar.Case.awayFrom;
import static dev.tapeless.it.scalar.Case.fn;

import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Cases for {@link Calls}, and its functions written again in Hipparchus arithmetic. The twins
 * call each other's twins as the originals call each other.
 */
final class CallsCases {
  private CallsCases() {}

  static List<Case<?>> cases() {
    return List.of(
        fn("Calls.square", real(-3, 3))
            .plain(a -> Calls.square(a[0]))
            .frame(Calls_Grad.Square::new, Calls_Grad.Square::zero, g -> g.value,
                g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> square(p.x(0))),
        fn("Calls.sumOfSquares", real(-3, 3), real(-3, 3))
            .plain(a -> Calls.sumOfSquares(a[0], a[1]))
            .frame(Calls_Grad.SumOfSquares::new, Calls_Grad.SumOfSquares::zero, g -> g.value,
                g -> new double[] {g.da, g.db})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> sumOfSquares(p.x(0), p.x(1))),
        fn("Calls.callTwice", real(-2, 2), real(-2, 2))
            .plain(a -> Calls.callTwice(a[0], a[1]))
            .frame(Calls_Grad.CallTwice::new, Calls_Grad.CallTwice::zero, g -> g.value,
                g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> callTwice(p.x(0), p.x(1))),
        fn("Calls.crossClass", real(-2, 2), real(-2, 2))
            .plain(a -> Calls.crossClass(a[0], a[1]))
            .frame(Calls_Grad.CrossClass::new, Calls_Grad.CrossClass::zero, g -> g.value,
                g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> crossClass(p.x(0), p.x(1))),
        fn("Calls.chainLeaf", real(-3, 3))
            .plain(a -> Calls.chainLeaf(a[0]))
            .frame(Calls_Grad.ChainLeaf::new, Calls_Grad.ChainLeaf::zero, g -> g.value,
                g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> chainLeaf(p.x(0))),
        fn("Calls.chainMiddle", real(-2, 2), real(-2, 2))
            .plain(a -> Calls.chainMiddle(a[0], a[1]))
            .frame(Calls_Grad.ChainMiddle::new, Calls_Grad.ChainMiddle::zero, g -> g.value,
                g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> chainMiddle(p.x(0), p.x(1))),
        fn("Calls.chainTop", real(-2, 2), real(-2, 2))
            .plain(a -> Calls.chainTop(a[0], a[1]))
            .frame(Calls_Grad.ChainTop::new, Calls_Grad.ChainTop::zero, g -> g.value,
                g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> chainTop(p.x(0), p.x(1))),
        fn("Calls.crossChain", real(-1, 1), real(-2, 2))
            .plain(a -> Calls.crossChain(a[0], a[1]))
            .frame(Calls_Grad.CrossChain::new, Calls_Grad.CrossChain::zero, g -> g.value,
                g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> crossChain(p.x(0), p.x(1))),
        fn("Calls.callInBranch", real(-3, 3))
            .smoothWhere(a -> awayFrom(a[0], 0))
            .plain(a -> Calls.callInBranch(a[0]))
            .frame(Calls_Grad.CallInBranch::new, Calls_Grad.CallInBranch::zero, g -> g.value,
                g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> callInBranch(p.x(0))),
        fn("Calls.callWithConstantArgument", real(-3, 3), real(-3, 3))
            .plain(a -> Calls.callWithConstantArgument(a[0], a[1]))
            .frame(Calls_Grad.CallWithConstantArgument::new,
                Calls_Grad.CallWithConstantArgument::zero, g -> g.value,
                g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> callWithConstantArgument(p.x(0), p.x(1))),
        fn("Calls.callWithIntArgument", real(-2, 2), integer(0, 4))
            .plain(a -> Calls.callWithIntArgument(a[0], (int) a[1]))
            .frame(Calls_Grad.CallWithIntArgument::new, Calls_Grad.CallWithIntArgument::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0], (int) a[1]),
                (g, a) -> g.accumulate(a[0], (int) a[1]))
            .twin(p -> callWithIntArgument(p.x(0), p.n(1))),
        fn("Calls.callResultReassigned", real(-1.5, 1.5))
            .plain(a -> Calls.callResultReassigned(a[0]))
            .frame(Calls_Grad.CallResultReassigned::new, Calls_Grad.CallResultReassigned::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> callResultReassigned(p.x(0))),
        fn("Calls.callIntoWrtSubset", real(-2, 2), real(-2, 2))
            .plain(a -> Calls.callIntoWrtSubset(a[0], a[1]))
            .frame(Calls_Grad.CallIntoWrtSubset::new, Calls_Grad.CallIntoWrtSubset::zero,
                g -> g.value, g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> callIntoWrtSubset(p.x(0), p.x(1))),
        fn("Calls.callIntoNoDerivative", real(-2, 2), real(-2, 2))
            .smoothWhere(a -> Math.abs(Math.abs(a[0] * a[1]) - 1.5) > 0.1)
            .plain(a -> Calls.callIntoNoDerivative(a[0], a[1]))
            .frame(Calls_Grad.CallIntoNoDerivative::new, Calls_Grad.CallIntoNoDerivative::zero,
                g -> g.value, g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> callIntoNoDerivative(p.x(0), p.x(1))),
        fn("Calls.sameArgumentTwice", real(-1, 3))
            .plain(a -> Calls.sameArgumentTwice(a[0]))
            .frame(Calls_Grad.SameArgumentTwice::new, Calls_Grad.SameArgumentTwice::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> sameArgumentTwice(p.x(0))),
        fn("Calls.nestedCalls", real(-2, 2))
            .plain(a -> Calls.nestedCalls(a[0]))
            .frame(Calls_Grad.NestedCalls::new, Calls_Grad.NestedCalls::zero, g -> g.value,
                g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> nestedCalls(p.x(0))),
        fn("Calls.callInCondition", real(-2, 2))
            .smoothWhere(a -> awayFrom(a[0], -1, 1))
            .plain(a -> Calls.callInCondition(a[0]))
            .frame(Calls_Grad.CallInCondition::new, Calls_Grad.CallInCondition::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> callInCondition(p.x(0))));
  }

  static Gradient square(Gradient x) {
    return x.multiply(x);
  }

  static Gradient sumOfSquares(Gradient a, Gradient b) {
    return square(a).add(square(b));
  }

  static Gradient callTwice(Gradient x, Gradient y) {
    return square(x).multiply(square(x.add(y)));
  }

  static Gradient crossClass(Gradient x, Gradient y) {
    return TranscendentalCases.sigmoid(x.multiply(y)).add(ArithmeticCases.e(x, y));
  }

  static Gradient chainLeaf(Gradient x) {
    return x.sin().multiply(x);
  }

  static Gradient chainMiddle(Gradient x, Gradient y) {
    return chainLeaf(x.multiply(y)).add(y);
  }

  static Gradient chainTop(Gradient x, Gradient y) {
    return chainMiddle(x, y).multiply(chainLeaf(y));
  }

  static Gradient crossChain(Gradient x, Gradient y) {
    return SharingCases.viaCalls(x.exp(), y).subtract(x);
  }

  static Gradient callInBranch(Gradient x) {
    return x.getValue() > 0 ? square(x) : TranscendentalCases.sigmoid(x);
  }

  static Gradient callWithConstantArgument(Gradient x, Gradient y) {
    return TranscendentalCases.sigmoid(x.newInstance(2.0)).multiply(x).add(square(y));
  }

  static Gradient callWithIntArgument(Gradient x, int n) {
    return MixedCases.intScale(x, n + 1).multiply(square(x));
  }

  static Gradient callResultReassigned(Gradient x) {
    Gradient t = square(x);
    t = square(t).add(t);
    return t.add(TranscendentalCases.softplus(t.divide(10)));
  }

  static Gradient callIntoWrtSubset(Gradient x, Gradient y) {
    return MixedCases.weighted(x, 2.0, 3.0).multiply(y);
  }

  static Gradient callIntoNoDerivative(Gradient x, Gradient y) {
    return MixedCases.huber(x.multiply(y), 1.5);
  }

  static Gradient sameArgumentTwice(Gradient x) {
    return ArithmeticCases.product(x, x, x).add(ArithmeticCases.quotient(x, x.add(2)));
  }

  static Gradient nestedCalls(Gradient x) {
    return square(square(x)).add(square(ArithmeticCases.quotient(x, x.newInstance(3.0))));
  }

  static Gradient callInCondition(Gradient x) {
    return square(x).getValue() > 1 ? x : x.multiply(x).multiply(x);
  }
}

package dev.tapeless.it.scalar;

import static dev.tapeless.it.scalar.Case.Param.real;
import static dev.tapeless.it.scalar.Case.fn;

import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;

/** Cases for {@link Arithmetic}, and its functions written again in Hipparchus arithmetic. */
final class ArithmeticCases {
  private ArithmeticCases() {}

  static List<Case<?>> cases() {
    return List.of(
        fn("Arithmetic.e", real(-3, 3), real(-3, 3))
            .plain(a -> Arithmetic.e(a[0], a[1]))
            .frame(Arithmetic_Grad.E::new, Arithmetic_Grad.E::zero, g -> g.value,
                g -> new double[] {g.da, g.db})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> e(p.x(0), p.x(1))),
        fn("Arithmetic.linear", real(-5, 5), real(-5, 5))
            .plain(a -> Arithmetic.linear(a[0], a[1]))
            .frame(Arithmetic_Grad.Linear::new, Arithmetic_Grad.Linear::zero, g -> g.value,
                g -> new double[] {g.da, g.db})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> linear(p.x(0), p.x(1))),
        fn("Arithmetic.product", real(-2, 2), real(-2, 2), real(-2, 2))
            .plain(a -> Arithmetic.product(a[0], a[1], a[2]))
            .frame(Arithmetic_Grad.Product::new, Arithmetic_Grad.Product::zero, g -> g.value,
                g -> new double[] {g.da, g.db, g.dc})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1], a[2]),
                (g, a) -> g.accumulate(a[0], a[1], a[2]))
            .twin(p -> product(p.x(0), p.x(1), p.x(2))),
        fn("Arithmetic.quotient", real(-3, 3), real(0.5, 3))
            .plain(a -> Arithmetic.quotient(a[0], a[1]))
            .frame(Arithmetic_Grad.Quotient::new, Arithmetic_Grad.Quotient::zero, g -> g.value,
                g -> new double[] {g.da, g.db})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> quotient(p.x(0), p.x(1))),
        fn("Arithmetic.horner", real(-2, 2))
            .plain(a -> Arithmetic.horner(a[0]))
            .frame(Arithmetic_Grad.Horner::new, Arithmetic_Grad.Horner::zero, g -> g.value,
                g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> horner(p.x(0))),
        fn("Arithmetic.negation", real(-3, 3), real(-3, 3))
            .plain(a -> Arithmetic.negation(a[0], a[1]))
            .frame(Arithmetic_Grad.Negation::new, Arithmetic_Grad.Negation::zero, g -> g.value,
                g -> new double[] {g.da, g.db})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> negation(p.x(0), p.x(1))),
        fn("Arithmetic.ratioOfSums", real(-2, 2), real(-1, 1), real(-1, 1))
            .plain(a -> Arithmetic.ratioOfSums(a[0], a[1], a[2]))
            .frame(Arithmetic_Grad.RatioOfSums::new, Arithmetic_Grad.RatioOfSums::zero,
                g -> g.value, g -> new double[] {g.da, g.db, g.dc})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1], a[2]),
                (g, a) -> g.accumulate(a[0], a[1], a[2]))
            .twin(p -> ratioOfSums(p.x(0), p.x(1), p.x(2))),
        // a / b stays in (1.1, 1.87): the truncated quotient is 1 everywhere in the domain.
        fn("Arithmetic.remainder", real(2.2, 2.8), real(1.5, 2.0))
            .plain(a -> Arithmetic.remainder(a[0], a[1]))
            .frame(Arithmetic_Grad.Remainder::new, Arithmetic_Grad.Remainder::zero, g -> g.value,
                g -> new double[] {g.da, g.db})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> remainder(p.x(0), p.x(1))),
        fn("Arithmetic.reciprocal", real(-3, 3))
            .plain(a -> Arithmetic.reciprocal(a[0]))
            .frame(Arithmetic_Grad.Reciprocal::new, Arithmetic_Grad.Reciprocal::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> reciprocal(p.x(0))),
        fn("Arithmetic.constants", real(-10, 10))
            .plain(a -> Arithmetic.constants(a[0]))
            .frame(Arithmetic_Grad.Constants::new, Arithmetic_Grad.Constants::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> constants(p.x(0))));
  }

  static Gradient e(Gradient a, Gradient b) {
    return a.add(b).multiply(b.add(1));
  }

  static Gradient linear(Gradient a, Gradient b) {
    return a.multiply(3).subtract(b.multiply(2)).add(1);
  }

  static Gradient product(Gradient a, Gradient b, Gradient c) {
    return a.multiply(b).multiply(c);
  }

  static Gradient quotient(Gradient a, Gradient b) {
    return a.divide(b);
  }

  static Gradient horner(Gradient x) {
    return x.multiply(2).subtract(3).multiply(x).add(1).multiply(x).subtract(5);
  }

  static Gradient negation(Gradient a, Gradient b) {
    return a.subtract(b).negate().multiply(a.negate()).add(b.negate());
  }

  static Gradient ratioOfSums(Gradient a, Gradient b, Gradient c) {
    return a.add(b).divide(b.multiply(c).add(2));
  }

  static Gradient remainder(Gradient a, Gradient b) {
    // Hipparchus's remainder is IEEE (rounds the quotient); Java's % truncates it.
    double truncatedQuotient = (long) (a.getValue() / b.getValue());
    return a.subtract(b.multiply(truncatedQuotient)).add(a.multiply(b));
  }

  static Gradient reciprocal(Gradient x) {
    return x.multiply(x).add(1).reciprocal();
  }

  static Gradient constants(Gradient x) {
    return x.multiply(0.5).add(1.0 / 3.0).subtract(x.divide(4)).add(2);
  }
}

package dev.tapeless.it.scalar;

import static dev.tapeless.it.scalar.Case.Param.integer;
import static dev.tapeless.it.scalar.Case.Param.passive;
import static dev.tapeless.it.scalar.Case.Param.real;
import static dev.tapeless.it.scalar.Case.fn;
import static dev.tapeless.it.scalar.Case.offGrid;

import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.util.FastMath;

/**
 * Cases for {@link Mixed}, and its functions written again in Hipparchus arithmetic. A parameter
 * that is not differentiated is a plain double in the twin, so it cannot leak a derivative.
 */
final class MixedCases {
  private MixedCases() {}

  static List<Case<?>> cases() {
    return List.of(
        fn("Mixed.intScale", real(-3, 3), integer(-3, 5))
            .plain(a -> Mixed.intScale(a[0], (int) a[1]))
            .frame(Mixed_Grad.IntScale::new, Mixed_Grad.IntScale::zero, g -> g.value,
                g -> new double[] {g.da})
            .calls((g, a) -> g.valueAndGradient(a[0], (int) a[1]),
                (g, a) -> g.accumulate(a[0], (int) a[1]))
            .twin(p -> intScale(p.x(0), p.n(1))),
        fn("Mixed.intDivision", real(-3, 3), integer(0, 7))
            .plain(a -> Mixed.intDivision(a[0], (int) a[1]))
            .frame(Mixed_Grad.IntDivision::new, Mixed_Grad.IntDivision::zero, g -> g.value,
                g -> new double[] {g.da})
            .calls((g, a) -> g.valueAndGradient(a[0], (int) a[1]),
                (g, a) -> g.accumulate(a[0], (int) a[1]))
            .twin(p -> intDivision(p.x(0), p.n(1))),
        fn("Mixed.intLocals", real(-3, 3), real(-3, 3), integer(0, 6))
            .plain(a -> Mixed.intLocals(a[0], a[1], (int) a[2]))
            .frame(Mixed_Grad.IntLocals::new, Mixed_Grad.IntLocals::zero, g -> g.value,
                g -> new double[] {g.da, g.db})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1], (int) a[2]),
                (g, a) -> g.accumulate(a[0], a[1], (int) a[2]))
            .twin(p -> intLocals(p.x(0), p.x(1), p.n(2))),
        fn("Mixed.intCompound", real(-3, 3), integer(-2, 4))
            .plain(a -> Mixed.intCompound(a[0], (int) a[1]))
            .frame(Mixed_Grad.IntCompound::new, Mixed_Grad.IntCompound::zero, g -> g.value,
                g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0], (int) a[1]),
                (g, a) -> g.accumulate(a[0], (int) a[1]))
            .twin(p -> intCompound(p.x(0), p.n(1))),
        fn("Mixed.castToInt", real(-4, 4), real(-2, 2))
            .smoothWhere(a -> offGrid(a[0], 1, 0.05))
            .plain(a -> Mixed.castToInt(a[0], a[1]))
            .frame(Mixed_Grad.CastToInt::new, Mixed_Grad.CastToInt::zero, g -> g.value,
                g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> castToInt(p.x(0), p.x(1))),
        fn("Mixed.intOverSmooth", real(-2, 2), integer(1, 5))
            .plain(a -> Mixed.intOverSmooth(a[0], (int) a[1]))
            .frame(Mixed_Grad.IntOverSmooth::new, Mixed_Grad.IntOverSmooth::zero, g -> g.value,
                g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0], (int) a[1]),
                (g, a) -> g.accumulate(a[0], (int) a[1]))
            .twin(p -> intOverSmooth(p.x(0), p.n(1))),
        fn("Mixed.powIntExponent", real(0.3, 2), integer(0, 4))
            .plain(a -> Mixed.powIntExponent(a[0], (int) a[1]))
            .frame(Mixed_Grad.PowIntExponent::new, Mixed_Grad.PowIntExponent::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0], (int) a[1]),
                (g, a) -> g.accumulate(a[0], (int) a[1]))
            .twin(p -> powIntExponent(p.x(0), p.n(1))),
        fn("Mixed.weighted", real(-2, 2), passive(-2, 2), passive(-2, 2))
            .plain(a -> Mixed.weighted(a[0], a[1], a[2]))
            .frame(Mixed_Grad.Weighted::new, Mixed_Grad.Weighted::zero, g -> g.value,
                g -> new double[] {g.da})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1], a[2]),
                (g, a) -> g.accumulate(a[0], a[1], a[2]))
            .twin(p -> weighted(p.x(0), p.v(1), p.v(2))),
        fn("Mixed.wrtTwoOfThree", real(-2, 2), passive(-2, 2), real(-2, 2))
            .plain(a -> Mixed.wrtTwoOfThree(a[0], a[1], a[2]))
            .frame(Mixed_Grad.WrtTwoOfThree::new, Mixed_Grad.WrtTwoOfThree::zero, g -> g.value,
                g -> new double[] {g.dx, g.dz})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1], a[2]),
                (g, a) -> g.accumulate(a[0], a[1], a[2]))
            .twin(p -> wrtTwoOfThree(p.x(0), p.v(1), p.x(2))),
        fn("Mixed.huber", real(-3, 3), passive(0.5, 2))
            .smoothWhere(a -> Math.abs(Math.abs(a[0]) - a[1]) > 0.05)
            .plain(a -> Mixed.huber(a[0], a[1]))
            .frame(Mixed_Grad.Huber::new, Mixed_Grad.Huber::zero, g -> g.value,
                g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> huber(p.x(0), p.v(1))),
        fn("Mixed.noDerivativeMiddle", real(-2, 2), passive(0.5, 2), real(-2, 2))
            .plain(a -> Mixed.noDerivativeMiddle(a[0], a[1], a[2]))
            .frame(Mixed_Grad.NoDerivativeMiddle::new, Mixed_Grad.NoDerivativeMiddle::zero,
                g -> g.value, g -> new double[] {g.da, g.db})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1], a[2]),
                (g, a) -> g.accumulate(a[0], a[1], a[2]))
            .twin(p -> noDerivativeMiddle(p.x(0), p.v(1), p.x(2))),
        fn("Mixed.intValuedTernary", real(-2, 2))
            .smoothWhere(a -> a[0] < -0.05 || a[0] > 0.05)
            .plain(a -> Mixed.intValuedTernary(a[0]))
            .frame(Mixed_Grad.IntValuedTernary::new, Mixed_Grad.IntValuedTernary::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> intValuedTernary(p.x(0))),
        fn("Mixed.intMathOverloads", real(-2, 2), integer(-1, 6))
            .plain(a -> Mixed.intMathOverloads(a[0], (int) a[1]))
            .frame(Mixed_Grad.IntMathOverloads::new, Mixed_Grad.IntMathOverloads::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0], (int) a[1]),
                (g, a) -> g.accumulate(a[0], (int) a[1]))
            .twin(p -> intMathOverloads(p.x(0), p.n(1))),
        // n is an integer, so n + x crosses an integer exactly where x does.
        fn("Mixed.intTargetCompound", real(-3, 3), integer(-2, 3))
            .smoothWhere(a -> offGrid(a[0], 1, 0.05))
            .plain(a -> Mixed.intTargetCompound(a[0], (int) a[1]))
            .frame(Mixed_Grad.IntTargetCompound::new, Mixed_Grad.IntTargetCompound::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0], (int) a[1]),
                (g, a) -> g.accumulate(a[0], (int) a[1]))
            .twin(p -> intTargetCompound(p.x(0), p.n(1))),
        fn("Mixed.staticConstant", real(-3, 3))
            .plain(a -> Mixed.staticConstant(a[0]))
            .frame(Mixed_Grad.StaticConstant::new, Mixed_Grad.StaticConstant::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> staticConstant(p.x(0))));
  }

  static Gradient intScale(Gradient a, int n) {
    return a.multiply(n + 1);
  }

  static Gradient intDivision(Gradient a, int n) {
    return a.multiply((double) n / 3).add(a.multiply(n / 2));
  }

  static Gradient intLocals(Gradient a, Gradient b, int n) {
    int m = n * 2 + 1;
    int k = m - n;
    return a.multiply(m).add(b.multiply(k)).add(m % 3);
  }

  static Gradient intCompound(Gradient x, int n) {
    int k = (n + 2) * 3;
    return x.multiply(k).subtract(n).multiply(x);
  }

  static Gradient castToInt(Gradient x, Gradient y) {
    int k = (int) x.getValue();
    return x.multiply(k).add(y.multiply(k + 1));
  }

  static Gradient intOverSmooth(Gradient x, int n) {
    return x.multiply(x).add(1).reciprocal().multiply(n * n);
  }

  static Gradient powIntExponent(Gradient x, int n) {
    return x.pow(n).add(x.multiply(n));
  }

  static Gradient weighted(Gradient a, double b, double c) {
    return a.multiply(b).add(b * c).add(a.multiply(c));
  }

  static Gradient wrtTwoOfThree(Gradient x, double y, Gradient z) {
    return x.multiply(y).multiply(z).add(x.multiply(FastMath.sin(y)));
  }

  static Gradient huber(Gradient x, double delta) {
    Gradient ax = x.abs();
    return ax.getValue() <= delta
        ? x.multiply(0.5).multiply(x)
        : ax.subtract(0.5 * delta).multiply(delta);
  }

  static Gradient noDerivativeMiddle(Gradient a, double scale, Gradient b) {
    return a.multiply(scale).multiply(a).add(b.divide(scale));
  }

  static Gradient intValuedTernary(Gradient x) {
    return x.multiply(x.getValue() > 0 ? 1 : -1);
  }

  static Gradient intMathOverloads(Gradient x, int n) {
    return x.multiply(Math.abs(n - 3))
        .add(x.multiply(x).multiply(Math.max(n, 2)))
        .subtract(Math.min(n, 1));
  }

  static Gradient intTargetCompound(Gradient x, int n) {
    int k = (int) (n + x.getValue());
    return x.multiply(k);
  }

  static Gradient staticConstant(Gradient x) {
    return x.multiply(x).multiply(2.5);
  }
}

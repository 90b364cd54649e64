package dev.tapeless.it.scalar;

import static dev.tapeless.it.scalar.Case.Param.real;
import static dev.tapeless.it.scalar.Case.awayFrom;
import static dev.tapeless.it.scalar.Case.fn;
import static dev.tapeless.it.scalar.Case.offGrid;

import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.util.FastMath;

/** Cases for {@link Transcendental}, and its functions written again in Hipparchus arithmetic. */
final class TranscendentalCases {
  private TranscendentalCases() {}

  static List<Case<?>> cases() {
    return List.of(
        fn("Transcendental.softplus", real(-4, 4))
            .plain(a -> Transcendental.softplus(a[0]))
            .frame(Transcendental_Grad.Softplus::new, Transcendental_Grad.Softplus::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> softplus(p.x(0))),
        fn("Transcendental.sigmoid", real(-4, 4))
            .plain(a -> Transcendental.sigmoid(a[0]))
            .frame(Transcendental_Grad.Sigmoid::new, Transcendental_Grad.Sigmoid::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> sigmoid(p.x(0))),
        fn("Transcendental.nestedTrig", real(-1.2, 1.2))
            .plain(a -> Transcendental.nestedTrig(a[0]))
            .frame(Transcendental_Grad.NestedTrig::new, Transcendental_Grad.NestedTrig::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> nestedTrig(p.x(0))),
        fn("Transcendental.roots", real(-2, 2), real(0.3, 3))
            .plain(a -> Transcendental.roots(a[0], a[1]))
            .frame(Transcendental_Grad.Roots::new, Transcendental_Grad.Roots::zero,
                g -> g.value, g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> roots(p.x(0), p.x(1))),
        fn("Transcendental.powBothActive", real(0.5, 3), real(-2, 2))
            .plain(a -> Transcendental.powBothActive(a[0], a[1]))
            .frame(Transcendental_Grad.PowBothActive::new,
                Transcendental_Grad.PowBothActive::zero, g -> g.value,
                g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> powBothActive(p.x(0), p.x(1))),
        fn("Transcendental.powConstantExponent", real(0.2, 3))
            .plain(a -> Transcendental.powConstantExponent(a[0]))
            .frame(Transcendental_Grad.PowConstantExponent::new,
                Transcendental_Grad.PowConstantExponent::zero, g -> g.value,
                g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> powConstantExponent(p.x(0))),
        fn("Transcendental.powIntegerExponent", real(-2, 2))
            .smoothWhere(a -> a[0] < -0.3 || a[0] > 0.3)
            .plain(a -> Transcendental.powIntegerExponent(a[0]))
            .frame(Transcendental_Grad.PowIntegerExponent::new,
                Transcendental_Grad.PowIntegerExponent::zero, g -> g.value,
                g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> powIntegerExponent(p.x(0))),
        fn("Transcendental.polarRadius", real(0.5, 3), real(-3, 3))
            .plain(a -> Transcendental.polarRadius(a[0], a[1]))
            .frame(Transcendental_Grad.PolarRadius::new, Transcendental_Grad.PolarRadius::zero,
                g -> g.value, g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> polarRadius(p.x(0), p.x(1))),
        // y > 0 keeps the points off atan2's branch cut, the negative x axis.
        fn("Transcendental.polarAngle", real(0.3, 3), real(-3, 3))
            .plain(a -> Transcendental.polarAngle(a[0], a[1]))
            .frame(Transcendental_Grad.PolarAngle::new, Transcendental_Grad.PolarAngle::zero,
                g -> g.value, g -> new double[] {g.dy, g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> polarAngle(p.x(0), p.x(1))),
        fn("Transcendental.logarithms", real(0.2, 5))
            .plain(a -> Transcendental.logarithms(a[0]))
            .frame(Transcendental_Grad.Logarithms::new, Transcendental_Grad.Logarithms::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> logarithms(p.x(0))),
        fn("Transcendental.hyperbolic", real(-2, 2), real(-2, 2))
            .plain(a -> Transcendental.hyperbolic(a[0], a[1]))
            .frame(Transcendental_Grad.Hyperbolic::new, Transcendental_Grad.Hyperbolic::zero,
                g -> g.value, g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> hyperbolic(p.x(0), p.x(1))),
        fn("Transcendental.expm1", real(-3, 3))
            .plain(a -> Transcendental.expm1(a[0]))
            .frame(Transcendental_Grad.Expm1::new, Transcendental_Grad.Expm1::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> expm1(p.x(0))),
        fn("Transcendental.inverseTrig", real(-0.9, 0.9))
            .plain(a -> Transcendental.inverseTrig(a[0]))
            .frame(Transcendental_Grad.InverseTrig::new, Transcendental_Grad.InverseTrig::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> inverseTrig(p.x(0))),
        fn("Transcendental.degrees", real(-90, 90))
            .plain(a -> Transcendental.degrees(a[0]))
            .frame(Transcendental_Grad.Degrees::new, Transcendental_Grad.Degrees::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> degrees(p.x(0))),
        fn("Transcendental.strictMath", real(-2, 2), real(-3, 3))
            .plain(a -> Transcendental.strictMath(a[0], a[1]))
            .frame(Transcendental_Grad.StrictMath::new, Transcendental_Grad.StrictMath::zero,
                g -> g.value, g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> strictMath(p.x(0), p.x(1))),
        // floor and ceil jump at integers, rint at half-integers, signum at 0.
        fn("Transcendental.rounding", real(-3, 3))
            .smoothWhere(a -> offGrid(a[0], 0.5, 0.02))
            .plain(a -> Transcendental.rounding(a[0]))
            .frame(Transcendental_Grad.Rounding::new, Transcendental_Grad.Rounding::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> rounding(p.x(0))),
        fn("Transcendental.absMaxMin", real(-2, 2), real(-2, 2))
            .smoothWhere(a -> awayFrom(a[0], 0, a[1], 2 * a[1]))
            .plain(a -> Transcendental.absMaxMin(a[0], a[1]))
            .frame(Transcendental_Grad.AbsMaxMin::new, Transcendental_Grad.AbsMaxMin::zero,
                g -> g.value, g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> absMaxMin(p.x(0), p.x(1))),
        fn("Transcendental.gaussian", real(-2, 2), real(-2, 2), real(0.5, 2))
            .plain(a -> Transcendental.gaussian(a[0], a[1], a[2]))
            .frame(Transcendental_Grad.Gaussian::new, Transcendental_Grad.Gaussian::zero,
                g -> g.value, g -> new double[] {g.dx, g.dmu, g.dsigma})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1], a[2]),
                (g, a) -> g.accumulate(a[0], a[1], a[2]))
            .twin(p -> gaussian(p.x(0), p.x(1), p.x(2))),
        fn("Transcendental.logSumExp", real(-3, 3), real(-3, 3), real(-3, 3))
            .plain(a -> Transcendental.logSumExp(a[0], a[1], a[2]))
            .frame(Transcendental_Grad.LogSumExp::new, Transcendental_Grad.LogSumExp::zero,
                g -> g.value, g -> new double[] {g.da, g.db, g.dc})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1], a[2]),
                (g, a) -> g.accumulate(a[0], a[1], a[2]))
            .twin(p -> logSumExp(p.x(0), p.x(1), p.x(2))));
  }

  /** Math.max, choosing an operand as the processor's rule does. */
  static Gradient max(Gradient a, Gradient b) {
    return a.getValue() >= b.getValue() ? a : b;
  }

  static Gradient min(Gradient a, Gradient b) {
    return a.getValue() <= b.getValue() ? a : b;
  }

  static Gradient softplus(Gradient x) {
    return x.exp().add(1).log();
  }

  static Gradient sigmoid(Gradient x) {
    return x.negate().exp().add(1).reciprocal();
  }

  static Gradient nestedTrig(Gradient x) {
    return x.tan().cos().sin();
  }

  static Gradient roots(Gradient x, Gradient y) {
    return x.multiply(x).add(1).sqrt().multiply(y.cbrt());
  }

  static Gradient powBothActive(Gradient x, Gradient y) {
    return x.pow(y);
  }

  static Gradient powConstantExponent(Gradient x) {
    return x.pow(3.5).add(x.pow(-0.5));
  }

  static Gradient powIntegerExponent(Gradient x) {
    return x.pow(3).subtract(x.pow(2));
  }

  static Gradient polarRadius(Gradient x, Gradient y) {
    return x.hypot(y);
  }

  static Gradient polarAngle(Gradient y, Gradient x) {
    return y.atan2(x);
  }

  static Gradient logarithms(Gradient x) {
    return x.log().add(x.log10()).add(x.log1p());
  }

  static Gradient hyperbolic(Gradient x, Gradient y) {
    return x.sinh().multiply(y.cosh()).add(x.multiply(y).tanh());
  }

  static Gradient expm1(Gradient x) {
    return x.expm1().multiply(x.negate().exp());
  }

  static Gradient inverseTrig(Gradient x) {
    return x.asin().add(x.divide(2).acos()).add(x.multiply(3).atan());
  }

  static Gradient degrees(Gradient x) {
    return x.toRadians().sin().add(x.divide(100).toDegrees());
  }

  static Gradient strictMath(Gradient x, Gradient y) {
    return x.exp().multiply(y.sin()).add(x.multiply(x).add(y.multiply(y)).add(1).sqrt());
  }

  static Gradient rounding(Gradient x) {
    return x.multiply(x.floor()).add(x.ceil()).add(x.rint().multiply(x)).add(x.sign());
  }

  static Gradient absMaxMin(Gradient x, Gradient y) {
    return x.abs().multiply(max(x, y)).subtract(min(x, y.multiply(2)));
  }

  static Gradient gaussian(Gradient x, Gradient mu, Gradient sigma) {
    Gradient z = x.subtract(mu).divide(sigma);
    return z.multiply(-0.5).multiply(z).exp().divide(sigma.multiply(FastMath.sqrt(2 * FastMath.PI)));
  }

  static Gradient logSumExp(Gradient a, Gradient b, Gradient c) {
    Gradient m = max(max(a, b), c);
    return m.add(a.subtract(m).exp().add(b.subtract(m).exp()).add(c.subtract(m).exp()).log());
  }
}

package dev.tapeless.samples.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.runtime.GradCheck;
import dev.tapeless.samples.ode.LotkaVolterra.Rates;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/**
 * The gradient of the RK4 misfit (rates in the record's twin, the initial state in
 * {@code dy0}) against central finite differences and against an independent RK4 in Hipparchus
 * forward mode; the step's Jacobian against finite differences.
 */
class LotkaVolterraGradientTest {

  private static final Rates AT = new Rates(0.95, 0.35, 0.12, 0.45);
  private static final double[][] OBSERVED =
      LotkaVolterraFit.observations(LotkaVolterraFit.TRUE, 0.2, 7);

  private static double misfit(double[] v) {
    return LotkaVolterra.misfit(new Rates(v[0], v[1], v[2], v[3]), new double[] {v[4], v[5]},
        OBSERVED, LotkaVolterraFit.SUBSTEPS, LotkaVolterraFit.H);
  }

  private static double[] generated(LotkaVolterra_Grad.Misfit frame) {
    return new double[] {frame.dk.alpha, frame.dk.beta, frame.dk.delta, frame.dk.gamma,
        frame.dy0[0], frame.dy0[1]};
  }

  @Test
  void misfitGradientMatchesFiniteDifferences() {
    LotkaVolterra_Grad.Misfit frame = new LotkaVolterra_Grad.Misfit();
    double[] y0 = LotkaVolterraFit.Y0.clone();
    double value = frame.valueAndGradient(AT, y0, OBSERVED, LotkaVolterraFit.SUBSTEPS,
        LotkaVolterraFit.H);
    assertEquals(LotkaVolterra.misfit(AT, y0, OBSERVED, LotkaVolterraFit.SUBSTEPS,
        LotkaVolterraFit.H), value, 1e-13 * value);
    double[] at = {AT.alpha(), AT.beta(), AT.delta(), AT.gamma(), y0[0], y0[1]};
    GradCheck.check(LotkaVolterraGradientTest::misfit, at, generated(frame),
        GradCheck.Options.DEFAULT.withStep(1e-5)).assertWithin(1e-7);
  }

  /** The same RK4 in Hipparchus's forward mode, six variables: the rates and y0. */
  private static Gradient hipparchusMisfit(double[] v) {
    int n = 6;
    Gradient alpha = Gradient.variable(n, 0, v[0]);
    Gradient beta = Gradient.variable(n, 1, v[1]);
    Gradient delta = Gradient.variable(n, 2, v[2]);
    Gradient gamma = Gradient.variable(n, 3, v[3]);
    Gradient x = Gradient.variable(n, 4, v[4]);
    Gradient y = Gradient.variable(n, 5, v[5]);
    double h = LotkaVolterraFit.H;
    Gradient sum = Gradient.constant(n, 0);
    for (double[] observed : OBSERVED) {
      for (int s = 0; s < LotkaVolterraFit.SUBSTEPS; s++) {
        Gradient k1x = alpha.multiply(x).subtract(beta.multiply(x).multiply(y));
        Gradient k1y = delta.multiply(x).multiply(y).subtract(gamma.multiply(y));
        Gradient x2 = x.add(k1x.multiply(h / 2));
        Gradient y2 = y.add(k1y.multiply(h / 2));
        Gradient k2x = alpha.multiply(x2).subtract(beta.multiply(x2).multiply(y2));
        Gradient k2y = delta.multiply(x2).multiply(y2).subtract(gamma.multiply(y2));
        Gradient x3 = x.add(k2x.multiply(h / 2));
        Gradient y3 = y.add(k2y.multiply(h / 2));
        Gradient k3x = alpha.multiply(x3).subtract(beta.multiply(x3).multiply(y3));
        Gradient k3y = delta.multiply(x3).multiply(y3).subtract(gamma.multiply(y3));
        Gradient x4 = x.add(k3x.multiply(h));
        Gradient y4 = y.add(k3y.multiply(h));
        Gradient k4x = alpha.multiply(x4).subtract(beta.multiply(x4).multiply(y4));
        Gradient k4y = delta.multiply(x4).multiply(y4).subtract(gamma.multiply(y4));
        x = x.add(k1x.add(k2x.multiply(2)).add(k3x.multiply(2)).add(k4x).multiply(h / 6));
        y = y.add(k1y.add(k2y.multiply(2)).add(k3y.multiply(2)).add(k4y).multiply(h / 6));
      }
      Gradient ex = x.subtract(observed[0]);
      Gradient ey = y.subtract(observed[1]);
      sum = sum.add(ex.multiply(ex)).add(ey.multiply(ey));
    }
    return sum.multiply(0.5);
  }

  @Test
  void misfitGradientMatchesHipparchusForwardMode() {
    LotkaVolterra_Grad.Misfit frame = new LotkaVolterra_Grad.Misfit();
    for (Rates rates : new Rates[] {AT, LotkaVolterraFit.TRUE, LotkaVolterraFit.START}) {
      double[] y0 = LotkaVolterraFit.Y0.clone();
      double value = frame.valueAndGradient(rates, y0, OBSERVED, LotkaVolterraFit.SUBSTEPS,
          LotkaVolterraFit.H);
      Gradient reference = hipparchusMisfit(new double[] {rates.alpha(), rates.beta(),
          rates.delta(), rates.gamma(), y0[0], y0[1]});
      assertEquals(reference.getValue(), value, 1e-12 * reference.getValue(), rates.toString());
      double[] expected = reference.getGradient();
      double[] actual = generated(frame);
      for (int i = 0; i < 6; i++) {
        assertEquals(expected[i], actual[i], 1e-9 * Math.max(1, Math.abs(expected[i])),
            rates + ", component " + i);
      }
    }
  }

  @Test
  void stepJacobianMatchesFiniteDifferences() {
    LotkaVolterra_Grad.Rk4Step frame = new LotkaVolterra_Grad.Rk4Step();
    double[] y = {7.5, 3.25};
    double[] next = new double[2];
    double[][] jacobian = new double[2][6];
    frame.jacobian(AT, y, 0.1, next, jacobian);
    for (int row = 0; row < 2; row++) {
      int r = row;
      GradCheck.check(v -> {
        double[] out = new double[2];
        LotkaVolterra.rk4Step(Rates.of(v), new double[] {v[4], v[5]}, 0.1, out);
        return out[r];
      }, new double[] {AT.alpha(), AT.beta(), AT.delta(), AT.gamma(), y[0], y[1]},
          jacobian[row]).assertWithin(1e-9);
    }
  }

  @Test
  void hessianOfTheMisfitIsSymmetricAndMatchesDifferencesOfTheGradient() {
    double[] y0 = LotkaVolterraFit.Y0.clone();
    LotkaVolterra_Grad.Misfit frame = new LotkaVolterra_Grad.Misfit();
    double[][] hessian = new double[6][6];
    frame.hessian(AT, y0, OBSERVED, LotkaVolterraFit.SUBSTEPS, LotkaVolterraFit.H, hessian);
    double[] at = {AT.alpha(), AT.beta(), AT.delta(), AT.gamma(), y0[0], y0[1]};
    double step = 1e-5;
    for (int j = 0; j < 6; j++) {
      double[] plus = at.clone();
      double[] minus = at.clone();
      plus[j] += step;
      minus[j] -= step;
      double[] up = gradientAt(plus);
      double[] down = gradientAt(minus);
      for (int i = 0; i < 6; i++) {
        double fd = (up[i] - down[i]) / (2 * step);
        assertEquals(fd, hessian[i][j], 1e-5 * (1 + Math.abs(fd)), "H[" + i + "][" + j + "]");
        assertEquals(hessian[j][i], hessian[i][j], 1e-9 * (1 + Math.abs(hessian[i][j])));
      }
    }
  }

  private static double[] gradientAt(double[] v) {
    LotkaVolterra_Grad.Misfit frame = new LotkaVolterra_Grad.Misfit();
    frame.valueAndGradient(new Rates(v[0], v[1], v[2], v[3]), new double[] {v[4], v[5]},
        OBSERVED, LotkaVolterraFit.SUBSTEPS, LotkaVolterraFit.H);
    return generated(frame);
  }
}

package dev.tapeless.samples.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.runtime.GradCheck;
import dev.tapeless.samples.calibration.Heston.Quotes;
import org.junit.jupiter.api.Test;

/**
 * The generated gradients of the Heston price, the calibration objective and the residuals'
 * Jacobian against central finite differences; the record's gradient in the adjoint twin
 * ({@code frame.dp.kappa}, ...).
 */
class HestonGradientTest {

  private static final GradCheck.Options STEP = GradCheck.Options.DEFAULT.withStep(1e-4);

  /** A point between the start and the truth, where no residual is zero. */
  private static final HestonParams P = new HestonParams(1.6, 0.055, 0.42, -0.55, 0.035);

  @Test
  void priceGradientInEveryInputMatchesFiniteDifferences() {
    Heston_Grad.Call frame = new Heston_Grad.Call();
    for (double t : new double[] {0.25, 1, 2}) {
      for (double k : new double[] {80, 100, 120}) {
        double value = frame.valueAndGradient(P, 100, k, 0.02, 0.01, t);
        assertEquals(Heston.call(P, 100, k, 0.02, 0.01, t), value, 1e-13 * value);
        double[] analytic = {frame.dp.kappa, frame.dp.theta, frame.dp.sigma, frame.dp.rho,
            frame.dp.v0, frame.dspot, frame.dstrike, frame.drate, frame.ddividend, frame.dt};
        double[] at = {P.kappa(), P.theta(), P.sigma(), P.rho(), P.v0(), 100, k, 0.02, 0.01, t};
        GradCheck.check(v -> Heston.call(new HestonParams(v[0], v[1], v[2], v[3], v[4]), v[5],
            v[6], v[7], v[8], v[9]), at, analytic, STEP).assertWithin(1e-7);
      }
    }
  }

  @Test
  void objectiveGradientInTheTwinMatchesFiniteDifferences() {
    Quotes quotes = HestonCalibration.surface(HestonCalibration.TRUE);
    Heston_Grad.Loss frame = new Heston_Grad.Loss();
    double value = frame.valueAndGradient(P, quotes);
    assertEquals(Heston.loss(P, quotes), value, 1e-13 * value);
    double[] analytic = {frame.dp.kappa, frame.dp.theta, frame.dp.sigma, frame.dp.rho,
        frame.dp.v0};
    GradCheck.check(v -> Heston.loss(HestonParams.of(v), quotes), P.toArray(), analytic, STEP)
        .assertWithin(1e-7);
  }

  @Test
  void jacobianOfTheResidualsMatchesFiniteDifferencesAndTheGradient() {
    Quotes quotes = HestonCalibration.surface(HestonCalibration.TRUE);
    int n = quotes.prices().length;
    double[] r = new double[n];
    double[][] jacobian = new double[n][5];
    Heston_Grad.Residuals frame = new Heston_Grad.Residuals();
    frame.jacobian(P, quotes, r, jacobian);
    double[] residuals = new double[n];
    Heston.residuals(P, quotes, residuals);
    for (int i = 0; i < n; i++) {
      int row = i;
      double[] at = P.toArray();
      GradCheck.check(v -> {
        double[] out = new double[n];
        Heston.residuals(HestonParams.of(v), quotes, out);
        return out[row];
      }, at, jacobian[row], STEP).assertWithin(1e-7);
    }
    // Jᵀr is the objective's gradient.
    Heston_Grad.Loss loss = new Heston_Grad.Loss();
    loss.valueAndGradient(P, quotes);
    double[] gradient = {loss.dp.kappa, loss.dp.theta, loss.dp.sigma, loss.dp.rho, loss.dp.v0};
    for (int a = 0; a < 5; a++) {
      double jtr = 0;
      for (int i = 0; i < n; i++) {
        jtr += jacobian[i][a] * residuals[i];
      }
      assertEquals(gradient[a], jtr, 1e-10 * Math.max(1, Math.abs(gradient[a])), "component " + a);
    }
  }
}

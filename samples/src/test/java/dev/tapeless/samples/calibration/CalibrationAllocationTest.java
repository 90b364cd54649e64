package dev.tapeless.samples.calibration;

import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;

import dev.tapeless.samples.calibration.BlackScholes.BsInputs;
import dev.tapeless.samples.calibration.Heston.Quotes;
import org.junit.jupiter.api.Test;

/**
 * The calibration's frames allocate nothing per call after warm-up: the records' components
 * are read into locals, the twins and buffers are reused. The POM runs this class a second time
 * under {@code -Xint}.
 */
class CalibrationAllocationTest {

  /** Keeps the results alive. */
  private static volatile double sink;

  @Test
  void hestonObjectiveGradientAndJacobianAllocateNothing() {
    Quotes quotes = HestonCalibration.surface(HestonCalibration.TRUE);
    HestonParams p = HestonCalibration.START;
    Heston_Grad.Loss loss = new Heston_Grad.Loss();
    Heston_Grad.Residuals residuals = new Heston_Grad.Residuals();
    double[] r = new double[quotes.prices().length];
    double[][] jacobian = new double[r.length][5];
    assertAllocatesNothing("Heston_Grad.Loss and Residuals", () -> {
      double s = loss.valueAndGradient(p, quotes);
      residuals.jacobian(p, quotes, r, jacobian);
      sink = s + jacobian[0][0];
    });
  }

  @Test
  void blackScholesGreeksAllocateNothing() {
    BsInputs option = new BsInputs(100, 90, 0.25, 0.02, 0.01, 0.5);
    BlackScholes_Grad.Call frame = new BlackScholes_Grad.Call();
    double[][] hessian = new double[6][6];
    assertAllocatesNothing("BlackScholes_Grad.Call", () -> {
      double s = 0;
      for (int i = 0; i < 20; i++) {
        s += frame.valueAndGradient(option) + frame.doption.vol;
      }
      frame.hessian(option, hessian);
      sink = s + hessian[0][0];
    });
  }
}

package dev.tapeless.samples.ode;

import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;

import org.junit.jupiter.api.Test;

/**
 * The RK4 misfit's gradient allocates nothing per call after warm-up: the stage arrays of
 * {@code rk4Step}, its callee, and the state arrays of the misfit are buffers of the frames,
 * and the values the backward sweep needs are saved in a buffer the frame reuses. The POM runs
 * this class a second time under {@code -Xint}.
 */
class OdeAllocationTest {

  /** Keeps the results alive. */
  private static volatile double sink;

  @Test
  void misfitGradientAllocatesNothing() {
    double[][] observed = LotkaVolterraFit.observations(LotkaVolterraFit.TRUE, 0.2, 7);
    double[] y0 = LotkaVolterraFit.Y0.clone();
    LotkaVolterra_Grad.Misfit frame = new LotkaVolterra_Grad.Misfit();
    assertAllocatesNothing("LotkaVolterra_Grad.Misfit", () -> {
      double s = 0;
      for (int i = 0; i < 5; i++) {
        s += frame.valueAndGradient(LotkaVolterraFit.START, y0, observed,
            LotkaVolterraFit.SUBSTEPS, LotkaVolterraFit.H) + frame.dk.alpha;
      }
      sink = s;
    });
  }
}

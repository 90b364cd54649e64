package dev.tapeless.samples.seed;

import static dev.tapeless.samples.seed.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.runtime.GradCheck;
import org.junit.jupiter.api.Test;

/** y = x·e^(x²): both uses of x contribute to dy/dx. */
class ParameterSharingTest {

  @Test
  void atOneTheGradientIsThreeE() {
    ParameterSharing_Grad.Y frame = new ParameterSharing_Grad.Y();
    frame.valueAndGradient(1.0);
    assertClose(3 * Math.E, frame.dx, "dy/dx at 1");
  }

  @Test
  void atZeroOnlyTheFactorContributes() {
    ParameterSharing_Grad.Y frame = new ParameterSharing_Grad.Y();
    assertEquals(0.0, frame.valueAndGradient(0.0));
    assertEquals(1.0, frame.dx);
  }

  @Test
  void gradientMatchesTheClosedForm() {
    ParameterSharing_Grad.Y frame = new ParameterSharing_Grad.Y();
    for (double x : new double[] {-2.0, -1.0, -0.25, 0.5, 1.5, 2.5}) {
      assertClose(x * Math.exp(x * x), frame.valueAndGradient(x), "y");
      assertClose(ParameterSharing.byHandDyDx(x), frame.dx, "dy/dx at " + x);
    }
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    ParameterSharing_Grad.Y frame = new ParameterSharing_Grad.Y();
    frame.valueAndGradient(0.7);
    GradCheck.check(v -> ParameterSharing.y(v[0]), new double[] {0.7}, new double[] {frame.dx})
        .assertWithin(1e-9);
  }
}

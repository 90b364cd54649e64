package dev.tapeless.samples.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.samples.calibration.HestonCalibration.Fit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Levenberg–Marquardt on the generated Jacobian finds the parameters that made the surface. */
class HestonCalibrationTest {

  @Test
  void recoversTheTrueParametersFromTheSyntheticSurface() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Fit fit = HestonCalibration.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("iter  0  objective"), printed);
    assertTrue(printed.contains("converged in"), printed);
    assertTrue(fit.iterations() <= 20, "iterations: " + fit.iterations());
    assertTrue(fit.gradientNorm() < 1e-10, "gradient norm " + fit.gradientNorm());
    double[] expected = HestonCalibration.TRUE.toArray();
    double[] actual = fit.params().toArray();
    for (int i = 0; i < 5; i++) {
      assertEquals(expected[i], actual[i], 1e-6 * Math.abs(expected[i]), "parameter " + i);
    }
  }

  @Test
  void eachAcceptedStepLowersTheObjective() {
    var quotes = HestonCalibration.surface(HestonCalibration.TRUE);
    double previous = Double.POSITIVE_INFINITY;
    HestonParams p = HestonCalibration.START;
    for (int k = 0; k < 4; k++) {
      Fit fit = HestonCalibration.calibrate(quotes, p, 1, 0, null);
      assertTrue(fit.objective() < previous, "step " + k + ": " + fit.objective());
      previous = fit.objective();
      p = fit.params();
    }
  }
}

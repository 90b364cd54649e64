package dev.tapeless.samples.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.samples.ode.LotkaVolterraFit.Fit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** L-BFGS on the generated gradient of the RK4 misfit finds the rates again. */
class LotkaVolterraFitTest {

  @Test
  void recoversTheRatesFromExactObservations() {
    double[][] observed = LotkaVolterraFit.observations(LotkaVolterraFit.TRUE, 0, 7);
    Fit fit = LotkaVolterraFit.fit(observed, LotkaVolterraFit.START, 300, 1e-10, null);
    assertTrue(fit.misfit() < 1e-12, "misfit " + fit.misfit());
    double[] expected = LotkaVolterraFit.TRUE.toArray();
    double[] actual = fit.rates().toArray();
    for (int i = 0; i < 4; i++) {
      assertEquals(expected[i], actual[i], 1e-6 * expected[i], "rate " + i);
    }
  }

  @Test
  void recoversTheRatesFromNoisyObservationsWithinOnePercent() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Fit fit = LotkaVolterraFit.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("iter   0  misfit"), printed);
    assertTrue(printed.contains("converged in"), printed);
    assertTrue(fit.iterations() < 200, "iterations: " + fit.iterations());
    double[] expected = LotkaVolterraFit.TRUE.toArray();
    double[] actual = fit.rates().toArray();
    for (int i = 0; i < 4; i++) {
      assertEquals(expected[i], actual[i], 0.01 * expected[i], "rate " + i);
    }
  }
}

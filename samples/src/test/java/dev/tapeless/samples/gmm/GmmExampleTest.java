package dev.tapeless.samples.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The benchmark's measurement and report on the smallest input (the full run is the demo). */
class GmmExampleTest {

  @Test
  void measuresAndPrintsTheSmallestInput() {
    GmmData data = GmmData.fromResource("gmm_d2_K5.txt");
    GmmExample.Measurement m = GmmExample.measure(data);
    assertEquals(GmmReference.objective(data), m.value(), 1e-9 * Math.abs(m.value()));
    assertEquals(m.value(), m.frameValue(), 1e-12 * Math.abs(m.value()));
    assertTrue(m.gradientNorm() > 0 && Double.isFinite(m.gradientNorm()));
    assertTrue(m.objectiveNanos() > 0 && m.gradientNanos() > 0);
    assertTrue(Double.isFinite(m.ratio()) && m.ratio() > 0, "ratio " + m.ratio());

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      GmmExample.print(out, m);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("  gmm_d2_K5.txt: D = 2, K = 5, N = 1000, 30 gradient entries\n"
        + "    objective f = -5240.590563   (frame's value -5240.590563, difference 0.0e+00)\n"
        + "    gradient norm |∇f| = 1277.188865\n"
        + "    objective "), text);
    assertTrue(text.contains("(median of " + GmmExample.REPETITIONS + " repetitions × "), text);
  }
}

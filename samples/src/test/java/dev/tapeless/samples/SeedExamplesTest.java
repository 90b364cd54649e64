package dev.tapeless.samples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The demo runs to the end and prints the numbers the README promises. */
class SeedExamplesTest {

  private static String demoOutput() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      SeedExamples.run(out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsEveryHeadingInOrder() {
    String out = demoOutput();
    String[] headings = {
      "== 1. A computational graph: e = (a + b)(b + 1) ==",
      "== 2. Chain rule, case 1: y = f(g(h(x))) ==",
      "== 3. Chain rule, case 2: z = k(g(s), h(s)) ==",
      "== 4. Parameter sharing: y = x·e^(x²) ==",
      "== 5. A sigmoid neuron with cross-entropy loss ==",
    };
    int from = 0;
    for (String heading : headings) {
      int at = out.indexOf(heading, from);
      assertTrue(at >= from, "missing or out of order: " + heading + "\n" + out);
      from = at + heading.length();
    }
  }

  @Test
  void printsTheKeyNumbers() {
    String out = demoOutput();
    String[] lines = {
      "  e = 15.000000   (by hand: (a + b)(b + 1) = 15, difference 0.0e+00)",
      "  ∂e/∂a = 3.000000   (by hand: d = b + 1 = 3, difference 0.0e+00)",
      "  ∂e/∂b = 8.000000   (by hand: d + c = (b + 1) + (a + b) = 8, difference 0.0e+00)",
      "    dy/dx = 2.506762   (by hand: f'(v)·g'(u)·h'(x) = 2.506762",
      "    dz/ds = 1.969502   (by hand: sum of both paths = 1.969502",
      "    dy/dx = 8.154845   (by hand: e^(x²) + 2x²·e^(x²) = 8.154845",
      "    ∂C/∂w = -1.321196   (by hand: (a − y)·x = -1.321196",
      "    ∂C/∂b = -0.880797   (by hand: a − y = -0.880797",
      "  after 8 steps: w = 1.020229, b = 0.846819, a = 0.915069, C = 0.088756 (from 2.126928)",
    };
    for (String line : lines) {
      assertTrue(out.contains(line), "missing: " + line + "\n" + out);
    }
  }

  @Test
  void printsNoNaNAndNoLargeDifference() {
    String out = demoOutput();
    assertFalse(out.contains("NaN"), out);
    assertFalse(out.contains("Infinity"), out);
    // Every difference is printed as d.de±XX; anything above 1e-12 would show an exponent > -13.
    Matcher m = Pattern.compile("difference (-?[0-9.]+e[-+][0-9]+)").matcher(out);
    int count = 0;
    while (m.find()) {
      count++;
      double d = Double.parseDouble(m.group(1));
      assertTrue(Math.abs(d) <= 1e-12, "difference " + d);
    }
    assertTrue(count >= 20, "only " + count + " comparisons printed");
  }
}

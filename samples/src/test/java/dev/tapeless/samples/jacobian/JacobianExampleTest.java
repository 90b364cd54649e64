package dev.tapeless.samples.jacobian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.GradCheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The generated Jacobians against their hand derivations, closed forms and finite differences. */
class JacobianExampleTest {

  private static final double[][] POINTS = {
    {1.5, -2.0, 0.5}, {0, 0, 0}, {-3.25, 7.0, 1e-3}, {10, 0.1, -4},
  };

  @Test
  void jacobianOfFIsTheHandDerivedMatrix() {
    for (double[] x : POINTS) {
      double[][] generated = JacobianExample.generatedJacobianOfF(x);
      double[][] byHand = JacobianExample.handJacobianOfF(x);
      for (int i = 0; i < 2; i++) {
        assertArrayEquals(byHand[i], generated[i], 0.0, "row " + i + " at x = " + x[0]);
      }
    }
  }

  @Test
  void forwardAndReverseModeGiveTheSameJacobianOfFExactly() {
    for (double[] x : POINTS) {
      double[][] columns = JacobianExample.forwardJacobianOfF(x);
      double[][] rows = JacobianExample.reverseJacobianOfF(x);
      double[][] byHand = JacobianExample.handJacobianOfF(x);
      for (int i = 0; i < 2; i++) {
        assertArrayEquals(rows[i], columns[i], 0.0, "row " + i + " at x = " + x[0]);
        assertArrayEquals(byHand[i], columns[i], 0.0, "row " + i + " at x = " + x[0]);
      }
    }
  }

  @Test
  void pullbackOfFIsSeedTransposeTimesJacobian() {
    double[][] seeds = {{1, 0}, {0, 1}, {0.7, -1.3}, {-2, 5}};
    for (double[] x : POINTS) {
      for (double[] s : seeds) {
        JacobianExample_Grad.F frame = new JacobianExample_Grad.F();
        frame.pullback(x, new double[2], s);
        double[] byHand = {s[0], s[0] * x[2], s[0] * x[1] + 2 * s[1]};
        assertArrayEquals(byHand, frame.dx, 1e-15);
      }
    }
  }

  private static double[][] logits() {
    return new double[][] {
      JacobianExample.Z, JacobianExample.LARGE_Z, {0.0}, {-3, -3, -3, -3}, {5, -5, 0.25, 2, -7, 1},
    };
  }

  @Test
  void softmaxJacobianEqualsTheClosedFormTo1e12() {
    for (double[] z : logits()) {
      double[][] generated = JacobianExample.generatedJacobianOfSoftmax(z);
      double[][] closedForm =
          JacobianExample.closedFormJacobianOfSoftmax(JacobianExample.softmaxOf(z));
      double difference = JacobianExample.maxDifference(generated, closedForm);
      assertTrue(difference <= 1e-12, "max difference " + difference + " for n = " + z.length);
    }
  }

  @Test
  void softmaxJacobianRowsMatchFiniteDifferences() {
    double[] z = JacobianExample.Z.clone();
    double[][] generated = JacobianExample.generatedJacobianOfSoftmax(z);
    for (int i = 0; i < z.length; i++) {
      int row = i;
      GradCheck.check(v -> JacobianExample.softmaxOf(v)[row], z, generated[row])
          .assertWithin(1e-9);
    }
  }

  @Test
  void softmaxIsAProbabilityVectorAlsoForLargeLogits() {
    double[] y = JacobianExample.softmaxOf(JacobianExample.LARGE_Z);
    double sum = 0;
    for (double v : y) {
      assertTrue(v > 0 && v < 1, "y = " + v);
      sum += v;
    }
    assertEquals(1.0, sum, 1e-15);
  }

  @Test
  void softmaxPullbackIsSeedTransposeTimesJacobian() {
    double[] z = JacobianExample.Z;
    double[] s = JacobianExample.SOFTMAX_SEED;
    JacobianExample_Grad.Softmax frame = new JacobianExample_Grad.Softmax();
    frame.pullback(z, new double[z.length], s);
    double[] y = JacobianExample.softmaxOf(z);
    double[] expected = JacobianExample.seedTimesJacobian(s,
        JacobianExample.closedFormJacobianOfSoftmax(y));
    assertArrayEquals(expected, frame.dz, 1e-15);
  }

  @Test
  void printsBothJacobiansWithSmallDifferences() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      JacobianExample.run(out);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    String[] lines = {
      "== Jacobian of f(x) = [x1 + x2·x3, 2·x3] ==",
      "  f(x) = [x1 + x2·x3, 2·x3] at x = (1.5, -2, 0.5): y = (0.5, 1)",
      "    [   1.000000   0.500000  -2.000000 ]   [   1.000000   0.500000  -2.000000 ]",
      "  pullback with seed s = (0.7, -1.3): dx = (0.7, 0.35, -4)",
      "== Jacobian of softmax: yᵢ(δᵢⱼ − yⱼ), dense ==",
      "  y = softmax(z) = (0.084394, 0.229406, 0.051187, 0.011421, 0.623591)",
    };
    for (String line : lines) {
      assertTrue(text.contains(line), "missing: " + line + "\n" + text);
    }
    assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
    Matcher m = Pattern.compile("difference (-?[0-9.]+e[-+][0-9]+)").matcher(text);
    int count = 0;
    while (m.find()) {
      count++;
      assertTrue(Math.abs(Double.parseDouble(m.group(1))) <= 1e-12, m.group());
    }
    assertEquals(5, count, text);
  }
}

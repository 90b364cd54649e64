package dev.tapeless.runtime;

import static dev.tapeless.runtime.KernelTesting.added;
import static dev.tapeless.runtime.KernelTesting.assertGradient;
import static dev.tapeless.runtime.KernelTesting.assertUnchanged;
import static dev.tapeless.runtime.KernelTesting.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LossesTest {

  private static final int TRIALS = 20;

  // ---- values ------------------------------------------------------------------------------

  @Test
  void values() {
    assertEquals(Math.log(Math.exp(1) + Math.exp(2)), Losses.logSumExp(new double[] {1, 2}), 1e-15);
    assertEquals(3.0, Losses.logSumExp(new double[] {3}));
    // −log softmax([1, 2, 3])[0] = log(e + e² + e³) − 1
    double lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    assertEquals(lse - 1, Losses.softmaxCrossEntropy(new double[] {1, 2, 3}, 0), 1e-15);
    assertEquals(lse - 3, Losses.softmaxCrossEntropy(new double[] {1, 2, 3}, 2), 1e-15);
    assertEquals(
        (1 + 4 + 0) / 3.0,
        Losses.meanSquaredError(new double[] {1, 2, 3}, new double[] {0, 4, 3}),
        1e-15);
  }

  @Test
  void edgeValuesOfLogSumExp() {
    assertEquals(Double.NEGATIVE_INFINITY, Losses.logSumExp(new double[0]));
    assertEquals(
        Double.NEGATIVE_INFINITY,
        Losses.logSumExp(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}));
    assertEquals(
        Double.POSITIVE_INFINITY, Losses.logSumExp(new double[] {1, Double.POSITIVE_INFINITY}));
    assertEquals(2.0, Losses.logSumExp(new double[] {Double.NEGATIVE_INFINITY, 2}));
    assertTrue(Double.isNaN(Losses.logSumExp(new double[] {Double.NaN})));
    assertTrue(Double.isNaN(Losses.logSumExp(new double[] {1, Double.NaN, 3})));
  }

  // ---- pullbacks against finite differences ------------------------------------------------

  @Test
  void logSumExpPullback() {
    Random r = new Random(41);
    for (int t = 0; t < TRIALS; t++) {
      int n = 1 + r.nextInt(7);
      double[] z = random(r, n);
      double d = 3 * r.nextGaussian();
      double[] dz0 = random(r, n);
      double[] dz = dz0.clone();
      double[] zCopy = z.clone();

      Losses.logSumExpPullback(z, d, dz);

      assertUnchanged("z", zCopy, z);
      assertGradient("logSumExp dz", added(dz, dz0), v -> d * Losses.logSumExp(v), z);
    }
  }

  @Test
  void softmaxCrossEntropyPullback() {
    Random r = new Random(42);
    for (int t = 0; t < TRIALS; t++) {
      int n = 1 + r.nextInt(7);
      int target = r.nextInt(n);
      double[] logits = random(r, n);
      double d = 3 * r.nextGaussian();
      double[] dl0 = random(r, n);
      double[] dl = dl0.clone();

      Losses.softmaxCrossEntropyPullback(
          logits, target, Losses.softmaxCrossEntropy(logits, target), d, dl);

      assertGradient(
          "softmaxCrossEntropy dlogits",
          added(dl, dl0),
          v -> d * Losses.softmaxCrossEntropy(v, target),
          logits);
    }
  }

  @Test
  void softmaxCrossEntropyGradientIsSoftmaxMinusOneHot() {
    double[] logits = {0.5, -1, 2, 0};
    double[] y = new double[4];
    Activations.softmax(logits, y);
    double[] dl = new double[4];
    Losses.softmaxCrossEntropyPullback(
        logits, 1, Losses.softmaxCrossEntropy(logits, 1), 1.0, dl);
    assertArrayEquals(new double[] {y[0], y[1] - 1, y[2], y[3]}, dl, 1e-15);
  }

  @Test
  void meanSquaredErrorPullback() {
    Random r = new Random(43);
    for (int t = 0; t < TRIALS; t++) {
      int n = 1 + r.nextInt(7);
      double[] p = random(r, n);
      double[] target = random(r, n);
      double d = 3 * r.nextGaussian();
      double[] dp0 = random(r, n);
      double[] dp = dp0.clone();
      double[] targetCopy = target.clone();

      Losses.meanSquaredErrorPullback(p, target, d, dp);

      assertUnchanged("target", targetCopy, target);
      assertGradient(
          "meanSquaredError dprediction",
          added(dp, dp0),
          v -> d * Losses.meanSquaredError(v, target),
          p);
    }
  }

  // ---- stability ---------------------------------------------------------------------------

  @Test
  void logSumExpOfLargeValuesIsFiniteAndRight() {
    assertEquals(1000 + Math.log(2), Losses.logSumExp(new double[] {1000, 1000}), 1e-12);
    assertEquals(-1000 + Math.log(2), Losses.logSumExp(new double[] {-1000, -1000}), 1e-12);
    assertEquals(1e308, Losses.logSumExp(new double[] {1e308, -1e308}));
    double[] dz = new double[2];
    Losses.logSumExpPullback(new double[] {1000, 1000}, 1.0, dz);
    assertArrayEquals(new double[] {0.5, 0.5}, dz, 1e-15);
  }

  @Test
  void softmaxCrossEntropyOfHugeLogitsIsFiniteAndRight() {
    double[] logits = {1000, 0, -1000};
    assertEquals(0.0, Losses.softmaxCrossEntropy(logits, 0));
    assertEquals(1000.0, Losses.softmaxCrossEntropy(logits, 1));
    assertEquals(2000.0, Losses.softmaxCrossEntropy(logits, 2));
    assertEquals(2e300, Losses.softmaxCrossEntropy(new double[] {1e300, -1e300}, 1), 1e285);

    double[] dl = new double[3];
    Losses.softmaxCrossEntropyPullback(logits, 2, Losses.softmaxCrossEntropy(logits, 2), 1.0, dl);
    assertArrayEquals(new double[] {1, 0, -1}, dl, 1e-15);

    // Large, close logits: the softmax from the result keeps full accuracy, 1/(1 + e) and
    // e/(1 + e), since only differences of logits meet the result.
    double[] close = {1e6, 1e6 + 1};
    dl = new double[2];
    Losses.softmaxCrossEntropyPullback(close, 0, Losses.softmaxCrossEntropy(close, 0), 1.0, dl);
    assertArrayEquals(new double[] {1 / (1 + Math.E) - 1, Math.E / (1 + Math.E)}, dl, 1e-15);

    // Two large, close logits: log(1 + e) with no cancellation between 1e6-sized numbers.
    assertEquals(
        Math.log1p(Math.E),
        Losses.softmaxCrossEntropy(new double[] {1e6, 1e6 + 1}, 0),
        1e-15);
  }

  // ---- argument errors ---------------------------------------------------------------------

  @Test
  void argumentErrorsNameTheParameter() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Losses.softmaxCrossEntropy(new double[3], 3));
    assertEquals(
        "softmaxCrossEntropy: target 3 is not an index of logits, which has length 3",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Losses.softmaxCrossEntropyPullback(new double[3], -1, 0.0, 1.0, new double[3]));
    assertTrue(e.getMessage().startsWith("softmaxCrossEntropyPullback: target -1"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Losses.meanSquaredError(new double[3], new double[2]));
    assertEquals("meanSquaredError: target has length 2 but prediction has length 3",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Losses.meanSquaredError(new double[0], new double[0]));
    assertEquals("meanSquaredError: prediction is empty", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Losses.logSumExpPullback(new double[3], 1.0, new double[2]));
    assertEquals("logSumExpPullback: dz has length 2 but z has length 3", e.getMessage());
  }
}

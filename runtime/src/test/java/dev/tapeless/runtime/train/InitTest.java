package dev.tapeless.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reproducibility with a seed, and the moments of each initializer. The statistical bounds are
 * loose (several standard errors of the sample variance at these sizes) so that they hold for
 * any seed, yet tight enough to catch a swapped fanIn/fanOut or a wrong constant.
 */
class InitTest {

  @Test
  void aFixedSeedGivesTheSameWeights() {
    double[][] a = new double[20][30];
    double[][] b = new double[20][30];
    Init.xavierUniform(a, new Random(7));
    Init.xavierUniform(b, new Random(7));
    assertTrue(Arrays.deepEquals(a, b));
    Init.heNormal(a, new Random(8));
    Init.heNormal(b, new Random(8));
    assertTrue(Arrays.deepEquals(a, b));
    double[] u = new double[50];
    double[] v = new double[50];
    Init.normal(u, 0.5, new Random(9));
    Init.normal(v, 0.5, new Random(9));
    assertArrayEquals(u, v);
    Init.uniform(u, -1, 2, new Random(10));
    Init.uniform(v, -1, 2, new Random(10));
    assertArrayEquals(u, v);
    Init.heNormal(b, new Random(11));
    assertFalse(Arrays.deepEquals(a, b), "another seed, other weights");
  }

  @Test
  void xavierUniformIsBoundedWithVarianceTwoOverFanInPlusFanOut() {
    double[][] W = new double[200][300];
    Init.xavierUniform(W, new Random(1));
    double limit = Math.sqrt(6.0 / 500);
    for (double[] row : W) {
      for (double x : row) {
        assertTrue(Math.abs(x) < limit, x + " outside ±" + limit);
      }
    }
    assertMoments(flatten(W), 0.0, 2.0 / 500);
  }

  @Test
  void heNormalTakesFanInFromTheColumns() {
    // W[out][in] with out = 40, in = 1000: variance 2/1000, not 2/40.
    double[][] W = new double[40][1000];
    Init.heNormal(W, new Random(2));
    assertMoments(flatten(W), 0.0, 2.0 / 1000);
    double[][] tall = new double[1000][40];
    Init.heNormal(tall, new Random(3));
    assertMoments(flatten(tall), 0.0, 2.0 / 40);
  }

  @Test
  void normalAndUniformHaveTheirMoments() {
    double[] a = new double[100_000];
    Init.normal(a, 3.0, new Random(4));
    assertMoments(a, 0.0, 9.0);
    double[][] m = new double[100][1000];
    Init.normal(m, 0.1, new Random(5));
    assertMoments(flatten(m), 0.0, 0.01);

    Init.uniform(a, -1.0, 3.0, new Random(6));
    for (double x : a) {
      assertTrue(x >= -1.0 && x < 3.0, x + " outside [-1, 3)");
    }
    assertMoments(a, 1.0, 16.0 / 12);
    Init.uniform(m, 2.0, 2.5, new Random(7));
    assertMoments(flatten(m), 2.25, 0.25 / 12);
  }

  @Test
  void constantFillsEveryElement() {
    double[] b = {1, 2, 3};
    Init.constant(b, 0.0);
    assertArrayEquals(new double[3], b);
    double[][] W = {{1}, {2, 3}};
    Init.constant(W, 0.5);
    assertArrayEquals(new double[] {0.5, 0.5}, W[1]);
    assertArrayEquals(new double[] {0.5}, W[0]);
  }

  @Test
  void badArgumentsAreRejected() {
    Random rng = new Random(0);
    IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
        () -> Init.xavierUniform(new double[][] {{1, 2}, {3}}, rng));
    assertEquals("xavierUniform: W is ragged: W[1] has length 1 but W[0] has length 2",
        ragged.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Init.heNormal(new double[0][], rng));
    assertThrows(IllegalArgumentException.class, () -> Init.heNormal(new double[3][0], rng));
    assertThrows(IllegalArgumentException.class, () -> Init.normal(new double[1], -1, rng));
    assertThrows(IllegalArgumentException.class,
        () -> Init.uniform(new double[1], 1, 0, rng));
  }

  /**
   * Mean within 5 standard errors, variance within 5%: with at least 40,000 draws the standard
   * error of a sample variance is at most 0.7% of it for these distributions.
   */
  private static void assertMoments(double[] x, double mean, double variance) {
    double sum = 0;
    for (double v : x) {
      sum += v;
    }
    double m = sum / x.length;
    double ss = 0;
    for (double v : x) {
      ss += (v - m) * (v - m);
    }
    double var = ss / (x.length - 1);
    assertEquals(mean, m, 5 * Math.sqrt(variance / x.length), "mean");
    assertEquals(variance, var, 0.05 * variance, "variance");
  }

  private static double[] flatten(double[][] m) {
    return Arrays.stream(m).flatMapToDouble(Arrays::stream).toArray();
  }
}

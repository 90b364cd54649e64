package dev.tapeless.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float initializers give, for the same seed, exactly the double initializers' values
 * rounded to float, so that a float model starts where its double twin does.
 */
class FloatInitTest {

  @Test
  void xavierUniformIsTheDoubleOneRounded() {
    double[][] d = new double[20][30];
    float[][] f = new float[20][30];
    Init.xavierUniform(d, new Random(7));
    Init.xavierUniform(f, new Random(7));
    assertRounded(d, f);
  }

  @Test
  void heNormalIsTheDoubleOneRounded() {
    double[][] d = new double[40][25];
    float[][] f = new float[40][25];
    Init.heNormal(d, new Random(8));
    Init.heNormal(f, new Random(8));
    assertRounded(d, f);
  }

  @Test
  void normalIsTheDoubleOneRounded() {
    double[] d = new double[500];
    float[] f = new float[500];
    Init.normal(d, 0.5, new Random(9));
    Init.normal(f, 0.5, new Random(9));
    assertRounded(new double[][] {d}, new float[][] {f});
    double[][] dm = {new double[3], new double[5]};
    float[][] fm = {new float[3], new float[5]};
    Init.normal(dm, 2.0, new Random(10));
    Init.normal(fm, 2.0, new Random(10));
    assertRounded(dm, fm);
  }

  @Test
  void uniformIsTheDoubleOneRounded() {
    double[] d = new double[500];
    float[] f = new float[500];
    Init.uniform(d, -1, 0.3, new Random(11));
    Init.uniform(f, -1, 0.3, new Random(11));
    assertRounded(new double[][] {d}, new float[][] {f});
    for (float x : f) {
      assertTrue(x >= -1f && x <= 0.3f, x + " outside [-1, 0.3f]");
    }
    double[][] dm = new double[4][6];
    float[][] fm = new float[4][6];
    Init.uniform(dm, 2, 2.5, new Random(12));
    Init.uniform(fm, 2, 2.5, new Random(12));
    assertRounded(dm, fm);
  }

  @Test
  void constantIsTheValueRounded() {
    float[] b = {1, 2, 3};
    Init.constant(b, 0.1);
    assertRounded(new double[][] {{0.1, 0.1, 0.1}}, new float[][] {b});
    float[][] W = {{1}, {2, 3}};
    Init.constant(W, 1.0 / 3);
    assertRounded(new double[][] {{1.0 / 3}, {1.0 / 3, 1.0 / 3}}, W);
    Init.constant(b, 0.25f);
    assertEquals(0.25f, b[2]);
  }

  @Test
  void badFloatArgumentsAreRejectedAsForDoubles() {
    Random rng = new Random(0);
    IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
        () -> Init.xavierUniform(new float[][] {{1, 2}, {3}}, rng));
    assertEquals("xavierUniform: W is ragged: W[1] has length 1 but W[0] has length 2",
        ragged.getMessage());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> Init.heNormal(new float[3][0], rng));
    assertEquals("heNormal: W must be a non-empty W[out][in] matrix, has 3 rows of length 0",
        empty.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Init.heNormal(new float[0][], rng));
    assertThrows(IllegalArgumentException.class, () -> Init.normal(new float[1], -1, rng));
    assertThrows(IllegalArgumentException.class, () -> Init.normal(new float[1][1], -1, rng));
    assertThrows(IllegalArgumentException.class,
        () -> Init.uniform(new float[1], 1, 0, rng));
    assertThrows(IllegalArgumentException.class,
        () -> Init.uniform(new float[1][1], 0, Double.POSITIVE_INFINITY, rng));
  }

  /** Every float is its double rounded to nearest, bit for bit. */
  private static void assertRounded(double[][] d, float[][] f) {
    assertEquals(d.length, f.length);
    for (int i = 0; i < d.length; i++) {
      assertEquals(d[i].length, f[i].length);
      for (int j = 0; j < d[i].length; j++) {
        assertEquals(Float.floatToRawIntBits((float) d[i][j]), Float.floatToRawIntBits(f[i][j]),
            "[" + i + "][" + j + "]: " + d[i][j] + " rounds to " + (float) d[i][j] + ", not "
                + f[i][j]);
      }
    }
  }
}

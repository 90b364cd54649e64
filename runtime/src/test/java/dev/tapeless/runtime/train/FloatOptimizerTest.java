package dev.tapeless.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Sgd, Adam and AdamW on float parameters: a float run of {@link Quadratic}'s problem, with
 * gradients computed in float as a float frame would, follows the double run from the same start
 * to float precision; in a mixed set the double parameters move exactly as in an all-double set,
 * which shows that float and double state do not get mixed up.
 */
class FloatOptimizerTest {

  private static final int STEPS = 20;

  /** Relative to the largest weight; float rounding gives about 1e-7 per step. */
  private static final double TOLERANCE = 1e-5;

  /** {@link Quadratic}'s problem over floats, or over doubles, from a seeded start. */
  static final class Problem {
    final float[][] fW = new float[2][3];
    final float[] fb = new float[2];
    final double[][] dW = new double[2][3];
    final double[] db = new double[2];
    final Parameters floats;
    final Parameters doubles;

    Problem(long seed) {
      Random rng = new Random(seed);
      Init.uniform(fW, -3, 3, rng);
      Init.uniform(fb, -3, 3, rng);
      for (int i = 0; i < fW.length; i++) {
        for (int j = 0; j < fW[i].length; j++) {
          dW[i][j] = fW[i][j];
        }
      }
      for (int i = 0; i < fb.length; i++) {
        db[i] = fb[i];
      }
      floats = new Parameters().add("W", fW).add("b", fb);
      doubles = new Parameters().add("W", dW).add("b", db);
    }

    /** The gradient in float arithmetic, into the float parameters' gradient arrays. */
    void floatGradient() {
      float[][] g = floats.floatMatrixGradient("W");
      for (int i = 0; i < fW.length; i++) {
        for (int j = 0; j < fW[i].length; j++) {
          g[i][j] = 2f * (fW[i][j] - (float) Quadratic.C[i][j]);
        }
      }
      float[] gb = floats.floatVectorGradient("b");
      for (int i = 0; i < fb.length; i++) {
        gb[i] = 2f * (fb[i] - (float) Quadratic.c[i]);
      }
    }

    void doubleGradient() {
      double[][] g = doubles.matrixGradient("W");
      for (int i = 0; i < dW.length; i++) {
        for (int j = 0; j < dW[i].length; j++) {
          g[i][j] = 2 * (dW[i][j] - Quadratic.C[i][j]);
        }
      }
      double[] gb = doubles.vectorGradient("b");
      for (int i = 0; i < db.length; i++) {
        gb[i] = 2 * (db[i] - Quadratic.c[i]);
      }
    }
  }

  @Test
  void plainSgdOnFloatsTracksDoubles() {
    assertFloatRunTracksDoubleRun(p -> new Sgd(p, 0.05));
  }

  @Test
  void sgdWithMomentumAndWeightDecayOnFloatsTracksDoubles() {
    assertFloatRunTracksDoubleRun(p -> new Sgd(p, 0.05, 0.9, 0.01));
  }

  @Test
  void adamOnFloatsTracksDoubles() {
    assertFloatRunTracksDoubleRun(p -> new Adam(p, 0.1));
    assertFloatRunTracksDoubleRun(p -> new Adam(p, 0.05, 0.8, 0.99, 1e-6));
  }

  @Test
  void adamWOnFloatsTracksDoubles() {
    assertFloatRunTracksDoubleRun(p -> new AdamW(p, 0.1, 0.05));
    assertFloatRunTracksDoubleRun(p -> new AdamW(p, 0.05, 0.8, 0.99, 1e-6, 0.2));
  }

  @Test
  void floatSgdWithMomentumMatchesTwoStepsByHand() {
    float[] w = {1.0f, -2.0f};
    Parameters p = new Parameters().add("w", w);
    float[] g = p.floatVectorGradient("w");
    Sgd sgd = new Sgd(p, 0.1, 0.9);
    g[0] = 0.5f;
    g[1] = -1.0f;
    sgd.step();
    assertArrayEquals(new float[] {0.95f, -1.9f}, w);
    g[0] = 0.25f;
    g[1] = 2.0f;
    sgd.step();
    // v2 = 0.9 v1 + g2 = (0.7, 1.1); w2 = w1 - 0.1 v2, rounded to float once
    assertArrayEquals(new float[] {0.88f, -2.01f}, w, Math.ulp(2.01f));
    assertArrayEquals(new float[] {0.25f, 2.0f}, g, "the gradient is read, not changed");
  }

  @Test
  void theFirstFloatAdamStepIsTheLearningRateTimesTheSignOfTheGradient() {
    float[] g0 = {0.25f, -3.0f, 1e4f, -0.1f, 0.0f, 1e-3f};
    float[] w = {1, 2, 3, 4, 5, 6};
    Parameters p = new Parameters().add("w", w);
    System.arraycopy(g0, 0, p.floatVectorGradient("w"), 0, g0.length);
    new Adam(p, 0.01).step();
    for (int i = 0; i < w.length; i++) {
      assertEquals((float) (i + 1 - 0.01 * Math.signum(g0[i])), w[i], Math.ulp(6f),
          "element " + i);
    }
  }

  @Test
  void inAMixedSetDoublesMoveAsInAnAllDoubleSet() {
    assertMixedRun(p -> new Sgd(p, 0.05, 0.9, 0.01));
    assertMixedRun(p -> new Sgd(p, 0.05));
    assertMixedRun(p -> new Adam(p, 0.1));
    assertMixedRun(p -> new AdamW(p, 0.1, 0.05));
  }

  @Test
  void floatParametersAddedAfterTheOptimizerAreAnError() {
    Parameters p = new Parameters().add("w", new float[2]);
    Sgd sgd = new Sgd(p, 0.1, 0.9);
    Adam adam = new Adam(p, 0.1);
    p.add("v", new float[1]);
    IllegalStateException e = assertThrows(IllegalStateException.class, sgd::step);
    assertTrue(e.getMessage().startsWith("Sgd: the parameters had 2 elements"), e.getMessage());
    assertThrows(IllegalStateException.class, adam::step);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static void assertFloatRunTracksDoubleRun(Function<Parameters, Optimizer> make) {
    Problem problem = new Problem(17);
    double[] start = new double[problem.doubles.elementCount()];
    problem.doubles.copyTo(start);
    Optimizer floatOptimizer = make.apply(problem.floats);
    Optimizer doubleOptimizer = make.apply(problem.doubles);
    for (int step = 0; step < STEPS; step++) {
      problem.floatGradient();
      floatOptimizer.step();
      problem.doubleGradient();
      doubleOptimizer.step();
    }
    double[] f = new double[start.length];
    double[] d = new double[start.length];
    problem.floats.copyTo(f);
    problem.doubles.copyTo(d);
    double scale = 0;
    double moved = 0;
    for (int i = 0; i < d.length; i++) {
      scale = Math.max(scale, Math.abs(d[i]));
      moved = Math.max(moved, Math.abs(d[i] - start[i]));
    }
    assertTrue(moved > 0.5, "the run moves the weights, by " + moved);
    for (int i = 0; i < d.length; i++) {
      assertEquals(d[i], f[i], TOLERANCE * scale, "element " + i);
    }
  }

  /**
   * Parameters of both kinds interleaved (float, double, float, double) against the same
   * problem all in double: identical double elements, float elements within tolerance.
   */
  private static void assertMixedRun(Function<Parameters, Optimizer> make) {
    double[][] start = {{0.5, -1.25, 2.0}, {1.5}, {-0.75, 3.0}, {0.25, -2.5}};
    float[][] fA = {toFloat(start[0])};
    double[] dB = start[1].clone();
    float[] fC = toFloat(start[2]);
    double[][] dD = {start[3].clone()};
    Parameters mixed = new Parameters().add("A", fA).add("B", dB).add("C", fC).add("D", dD);
    double[][] twinA = {start[0].clone()};
    double[] twinB = start[1].clone();
    double[] twinC = start[2].clone();
    double[][] twinD = {start[3].clone()};
    Parameters twin =
        new Parameters().add("A", twinA).add("B", twinB).add("C", twinC).add("D", twinD);
    Optimizer mixedOptimizer = make.apply(mixed);
    Optimizer twinOptimizer = make.apply(twin);
    double[] g = new double[twin.elementCount()];
    double[] target = {1.0, -2.0, 0.5, 3.0, -0.25, 4.0, 0.0, 1.0};
    double[] w = new double[g.length];
    for (int step = 0; step < STEPS; step++) {
      mixed.copyTo(w);
      for (int i = 0; i < g.length; i++) {
        g[i] = 2 * (w[i] - target[i]);
      }
      mixed.copyGradientsFrom(g);
      mixedOptimizer.step();
      twin.copyTo(w);
      for (int i = 0; i < g.length; i++) {
        g[i] = 2 * (w[i] - target[i]);
      }
      twin.copyGradientsFrom(g);
      twinOptimizer.step();
    }
    assertArrayEquals(twinB, dB, 0.0);
    assertArrayEquals(twinD[0], dD[0], 0.0);
    for (int j = 0; j < 3; j++) {
      assertEquals(twinA[0][j], fA[0][j], TOLERANCE * 4, "A" + j);
    }
    for (int j = 0; j < 2; j++) {
      assertEquals(twinC[j], fC[j], TOLERANCE * 4, "C" + j);
    }
  }

  private static float[] toFloat(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = (float) a[i];
    }
    return f;
  }
}

package dev.tapeless.it.checkpointing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.runtime.GradCheck;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code @Checkpoint} loop gives the gradient of its twin without the annotation to the last
 * bit (the same arithmetic in the same order), for trip counts that are 0, 1, a multiple of the
 * segment length and not; and that gradient is the one of central finite differences. Each
 * frame is called twice, so a checkpoint left on or taken off the save buffer too many shows.
 */
class CheckpointedGradientsTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 9, 10, 11, 100, 1000})
  void scalarStateInSquareRootSegments(int steps) {
    Checkpointed_Grad.Oscillator g = new Checkpointed_Grad.Oscillator();
    Checkpointed_Grad.OscillatorPlain plain = new Checkpointed_Grad.OscillatorPlain();
    for (int call = 0; call < 2; call++) {
      assertEquals(plain.valueAndGradient(0.3, 0.4, 1.2, steps),
          g.valueAndGradient(0.3, 0.4, 1.2, steps));
      assertArrayEquals(new double[] {plain.dk, plain.dc, plain.dx0},
          new double[] {g.dk, g.dc, g.dx0}, 0.0);
    }
    GradCheck.check(v -> Checkpointed.oscillator(v[0], v[1], v[2], steps),
        new double[] {0.3, 0.4, 1.2}, new double[] {g.dk, g.dc, g.dx0}).assertWithin(1e-7);
    assertEquals(g.dk, g.jvp(0.3, 0.4, 1.2, steps, 1, 0, 0), 1e-12 * (1 + Math.abs(g.dk)));
    g.hvp(0.3, 0.4, 1.2, steps, 0, 0, 1);
    double[] h = {g.dk, g.dc, g.dx0};
    plain.hvp(0.3, 0.4, 1.2, steps, 0, 0, 1);
    assertArrayEquals(new double[] {plain.dk, plain.dc, plain.dx0}, h, 0.0);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 6, 7, 8, 14, 50})
  void countingDownInSegmentsOfSevenWithABranch(int steps) {
    Checkpointed_Grad.Kinked g = new Checkpointed_Grad.Kinked();
    Checkpointed_Grad.KinkedPlain plain = new Checkpointed_Grad.KinkedPlain();
    for (double x0 : new double[] {0.7, -0.4}) {
      assertEquals(plain.valueAndGradient(0.9, 0.2, x0, steps),
          g.valueAndGradient(0.9, 0.2, x0, steps));
      assertArrayEquals(new double[] {plain.dk, plain.dc, plain.dx0},
          new double[] {g.dk, g.dc, g.dx0}, 0.0);
      GradCheck.check(v -> Checkpointed.kinked(v[0], v[1], v[2], steps),
          new double[] {0.9, 0.2, x0}, new double[] {g.dk, g.dc, g.dx0}).assertWithin(1e-7);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 5, 16, 17, 200})
  void arrayStateUpdatedInPlaceByRungeKutta(int steps) {
    double[] p = {0.8, 0.5};
    double[] x0 = {0.3, -0.2, 0.9, 0.1};
    Checkpointed_Grad.Rk4 g = new Checkpointed_Grad.Rk4();
    Checkpointed_Grad.Rk4Plain plain = new Checkpointed_Grad.Rk4Plain();
    for (int call = 0; call < 2; call++) {
      assertEquals(plain.valueAndGradient(p, x0, steps, 0.05),
          g.valueAndGradient(p, x0, steps, 0.05));
      assertArrayEquals(plain.dp, g.dp, 0.0);
      assertArrayEquals(plain.dx0, g.dx0, 0.0);
      assertEquals(plain.ddt, g.ddt, 0.0);
    }
    double[] all = {p[0], p[1], x0[0], x0[1], x0[2], x0[3], 0.05};
    GradCheck.check(v -> Checkpointed.rk4(new double[] {v[0], v[1]},
            new double[] {v[2], v[3], v[4], v[5]}, steps, v[6]), all,
        new double[] {g.dp[0], g.dp[1], g.dx0[0], g.dx0[1], g.dx0[2], g.dx0[3], g.ddt})
        .assertWithin(1e-6);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4, 5, 6, 23})
  void recurrentCellWithRollingStateArrays(int steps) {
    Random random = new Random(12);
    int n = 3;
    double[][] w = new double[n][n];
    double[] u = new double[n];
    double[] inputs = new double[4];
    for (int i = 0; i < n; i++) {
      u[i] = random.nextGaussian();
      for (int j = 0; j < n; j++) {
        w[i][j] = 0.7 * random.nextGaussian();
      }
    }
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = random.nextGaussian();
    }
    Checkpointed_Grad.Recurrent g = new Checkpointed_Grad.Recurrent();
    Checkpointed_Grad.RecurrentPlain plain = new Checkpointed_Grad.RecurrentPlain();
    for (int call = 0; call < 2; call++) {
      assertEquals(plain.valueAndGradient(w, u, inputs, steps),
          g.valueAndGradient(w, u, inputs, steps));
      for (int i = 0; i < n; i++) {
        assertArrayEquals(plain.dw[i], g.dw[i], 0.0);
      }
      assertArrayEquals(plain.du, g.du, 0.0);
      assertArrayEquals(plain.dinputs, g.dinputs, 0.0);
    }
    double[] flat = new double[n * n];
    double[] analytic = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        flat[i * n + j] = w[i][j];
        analytic[i * n + j] = g.dw[i][j];
      }
    }
    GradCheck.check(v -> {
      double[][] m = new double[n][n];
      for (int i = 0; i < n; i++) {
        System.arraycopy(v, i * n, m[i], 0, n);
      }
      return Checkpointed.recurrent(m, u, inputs, steps);
    }, flat, analytic).assertWithin(1e-6);
    GradCheck.check(v -> Checkpointed.recurrent(w, u, v, steps), inputs.clone(), g.dinputs)
        .assertWithin(1e-6);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 9, 10, 50})
  void loopCallingADifferentiableMethodInSplitMode(int steps) {
    Checkpointed_Grad.Logistic g = new Checkpointed_Grad.Logistic();
    Checkpointed_Grad.LogisticPlain plain = new Checkpointed_Grad.LogisticPlain();
    for (int call = 0; call < 2; call++) {
      assertEquals(plain.valueAndGradient(3.1, 0.4, steps), g.valueAndGradient(3.1, 0.4, steps));
      assertArrayEquals(new double[] {plain.dr, plain.dx0}, new double[] {g.dr, g.dx0}, 0.0);
    }
    GradCheck.check(v -> Checkpointed.logistic(v[0], v[1], steps), new double[] {3.1, 0.4},
        new double[] {g.dr, g.dx0}).assertWithin(1e-6);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 9, 10, 50})
  void checkpointedMethodCalledInSplitModeByAnother(int steps) {
    Checkpointed_Grad.Twice g = new Checkpointed_Grad.Twice();
    Checkpointed_Grad.TwicePlain plain = new Checkpointed_Grad.TwicePlain();
    for (int call = 0; call < 2; call++) {
      assertEquals(plain.valueAndGradient(2.9, 0.3, steps), g.valueAndGradient(2.9, 0.3, steps));
      assertArrayEquals(new double[] {plain.dr, plain.dx0}, new double[] {g.dr, g.dx0}, 0.0);
    }
    GradCheck.check(v -> Checkpointed.twice(v[0], v[1], steps), new double[] {2.9, 0.3},
        new double[] {g.dr, g.dx0}).assertWithin(1e-6);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 10})
  void valuesTheLoopReadsAreOverwrittenBeforeAndAfterIt(int steps) {
    Checkpointed_Grad.Between g = new Checkpointed_Grad.Between();
    Checkpointed_Grad.BetweenPlain plain = new Checkpointed_Grad.BetweenPlain();
    for (int call = 0; call < 2; call++) {
      assertEquals(plain.valueAndGradient(0.7, 1.1, steps), g.valueAndGradient(0.7, 1.1, steps));
      assertArrayEquals(new double[] {plain.dk, plain.dx0}, new double[] {g.dk, g.dx0}, 0.0);
    }
    GradCheck.check(v -> Checkpointed.between(v[0], v[1], steps), new double[] {0.7, 1.1},
        new double[] {g.dk, g.dx0}).assertWithin(1e-7);
  }
}

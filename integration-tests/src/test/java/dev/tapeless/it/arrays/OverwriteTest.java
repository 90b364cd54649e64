package dev.tapeless.it.arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code valueAndGradient} writes weight gradients through assigning pullbacks
 * ({@code Linear.matvecPullbackAssigning}) instead of zeroing and adding; {@code accumulate} must
 * still add, also after a {@code valueAndGradient} that failed.
 */
class OverwriteTest {
  private static final int H = 3;
  private static final int N = 4;
  private static final int C = 5;

  private final Random random = new Random(5);
  private final double[][] w1 = matrix(H, N);
  private final double[] b1 = vector(H);
  private final double[][] w2 = matrix(C, H);
  private final double[] x = vector(N);

  @Test
  void valueAndGradientReplacesWhateverTheWeightGradientsHeld() {
    Kernels_Grad.MlpCrossEntropy fresh = new Kernels_Grad.MlpCrossEntropy();
    fresh.valueAndGradient(w1, b1, w2, x, 2);

    Kernels_Grad.MlpCrossEntropy used = new Kernels_Grad.MlpCrossEntropy();
    used.dW1 = matrix(H, N);
    used.dW2 = matrix(C, H);
    used.db1 = vector(H);
    used.dx = vector(N);
    used.valueAndGradient(w1, b1, w2, x, 2);

    assertSame(fresh, used);
  }

  @Test
  void accumulateAddsAfterAValueAndGradientThatThrew() {
    Kernels_Grad.MlpCrossEntropy once = new Kernels_Grad.MlpCrossEntropy();
    once.valueAndGradient(w1, b1, w2, x, 1);

    Kernels_Grad.MlpCrossEntropy frame = new Kernels_Grad.MlpCrossEntropy();
    frame.valueAndGradient(w1, b1, w2, x, 4);
    assertThrows(IllegalArgumentException.class,
        () -> frame.valueAndGradient(w1, b1, w2, x, C)); // no class C
    frame.zero();
    frame.accumulate(w1, b1, w2, x, 1);
    frame.accumulate(w1, b1, w2, x, 1);

    for (int i = 0; i < H; i++) {
      for (int j = 0; j < N; j++) {
        once.dW1[i][j] *= 2;
      }
    }
    for (int k = 0; k < C; k++) {
      for (int i = 0; i < H; i++) {
        once.dW2[k][i] *= 2;
      }
    }
    for (int i = 0; i < H; i++) {
      once.db1[i] *= 2;
    }
    for (int j = 0; j < N; j++) {
      once.dx[j] *= 2;
    }
    assertSame(once, frame);
  }

  private static void assertSame(Kernels_Grad.MlpCrossEntropy expected,
      Kernels_Grad.MlpCrossEntropy actual) {
    for (int i = 0; i < H; i++) {
      assertArrayEquals(expected.dW1[i], actual.dW1[i], 0.0, "dW1 row " + i);
    }
    for (int k = 0; k < C; k++) {
      assertArrayEquals(expected.dW2[k], actual.dW2[k], 0.0, "dW2 row " + k);
    }
    assertArrayEquals(expected.db1, actual.db1, 0.0, "db1");
    assertArrayEquals(expected.dx, actual.dx, 0.0, "dx");
  }

  private double[][] matrix(int rows, int columns) {
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = vector(columns);
    }
    return m;
  }

  private double[] vector(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 2 * random.nextDouble() - 1;
    }
    return v;
  }
}

package dev.tapeless.runtime;

import static dev.tapeless.runtime.KernelTesting.added;
import static dev.tapeless.runtime.KernelTesting.assertAllZero;
import static dev.tapeless.runtime.KernelTesting.assertGradient;
import static dev.tapeless.runtime.KernelTesting.copy;
import static dev.tapeless.runtime.KernelTesting.random;
import static dev.tapeless.runtime.KernelTesting.weighted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Batched}'s kernels against a plain triple loop, their pullbacks, pushforwards and
 * pushforwards' pullbacks against central finite differences, over shapes that are 1, odd, or
 * cross the blocking of {@code Gemm} (4 rows of R, {@code KC} columns, {@code JC} rows of R).
 * Each pullback is called with adjoints that already hold values, to check that it adds.
 */
class BatchedTest {

  /** B × n inputs, m outputs: ones, odd sizes, and sizes past JC = 128 and KC = 256. */
  private static final int[][] SHAPES = {
    {1, 1, 1}, {1, 3, 2}, {3, 5, 7}, {17, 3, 19}, {4, 4, 4}, {5, 131, 6}, {3, 7, 260},
    {130, 2, 3},
  };

  @Test
  void gemmIsTheLayerProductOfEveryRow() {
    Random r = new Random(1);
    for (int[] s : SHAPES) {
      double[][] X = random(r, s[0], s[1]);
      double[][] W = random(r, s[2], s[1]);
      double[][] Y = random(r, s[0], s[2]);
      Batched.gemm(X, W, Y);
      assertClose("gemm " + shape(s), naive(X, W), Y, 1e-12);
    }
  }

  @Test
  void gemmPullbackAddsTheFiniteDifferenceGradients() {
    Random r = new Random(2);
    for (int[] s : SHAPES) {
      if (s[0] * s[1] + s[2] * s[1] > 1200) {
        continue; // finite differences over every element: keep them small
      }
      double[][] X = random(r, s[0], s[1]);
      double[][] W = random(r, s[2], s[1]);
      double[][] seed = random(r, s[0], s[2]);
      double[][] dX0 = random(r, s[0], s[1]);
      double[][] dW0 = random(r, s[2], s[1]);
      double[][] dY = copy(seed);
      double[][] dX = copy(dX0);
      double[][] dW = copy(dW0);
      Batched.gemmPullback(X, W, new double[s[0]][s[2]], dY, dX, dW);
      assertAllZero("dY", dY);
      assertGradient("dX " + shape(s), added(dX, dX0), x -> weighted(seed, naive(x, W)), X);
      assertGradient("dW " + shape(s), added(dW, dW0), w -> weighted(seed, naive(X, w)), W);

      double[][] onlyW = new double[s[2]][s[1]];
      Batched.gemmPullback(X, W, new double[s[0]][s[2]], copy(seed), null, onlyW);
      assertClose("dW alone", added(dW, dW0), onlyW, 1e-12);
    }
  }

  @Test
  void gemmPullbackOnLargeShapesMatchesTheNaiveTransposeProducts() {
    Random r = new Random(3);
    for (int[] s : SHAPES) {
      double[][] X = random(r, s[0], s[1]);
      double[][] W = random(r, s[2], s[1]);
      double[][] seed = random(r, s[0], s[2]);
      double[][] dX = new double[s[0]][s[1]];
      double[][] dW = new double[s[2]][s[1]];
      Batched.gemmPullback(X, W, new double[s[0]][s[2]], copy(seed), dX, dW);
      // dX = seed W (seed B×m, W m×n) and dW = seedᵀ X.
      assertClose("dX " + shape(s), naive(seed, transpose(W)), dX, 1e-11);
      assertClose("dW " + shape(s), naive(transpose(seed), transpose(X)), dW, 1e-11);
    }
  }

  /**
   * B × n × m: zero inner dimension, single rows and columns, odd row counts (the tiled loops
   * take rows in pairs and R in threes), and sizes just past both loops' blocks (the tiled
   * loops' 512 columns and 128 rows of R, the fallback's 256 and 128).
   */
  private static final int[][] SWEEP = {
    {1, 1, 1}, {2, 0, 3}, {0, 4, 3}, {1, 9, 1}, {9, 1, 1}, {1, 1, 9}, {2, 2, 2}, {3, 5, 7},
    {4, 6, 8}, {5, 129, 3}, {6, 3, 513}, {7, 130, 258}, {2, 131, 515}, {129, 4, 3},
    {11, 257, 9},
  };

  @Test
  void everyProductOfEveryShapeMatchesTheTripleLoopOnBothPaths() {
    Random r = new Random(6);
    for (int[] s : SWEEP) {
      int b = s[0];
      int n = s[1];
      int m = s[2];
      double[][] X = random(r, b, n);
      double[][] W = random(r, m, n);
      double[][] dY = random(r, b, m);
      double[][] Y0 = random(r, b, m);
      double[][] dX0 = random(r, b, n);
      double[][] dW0 = random(r, m, n);
      for (boolean tiled : new boolean[] {true, false}) {
        String what = shape(s) + (tiled ? " tiled" : " fallback");
        double[][] Y = copy(Y0);
        Gemm.xwt(X, W, Y, false, tiled);
        assertProduct("X Wᵀ " + what, new double[b][m], X, W, Y);
        Y = copy(Y0);
        Gemm.xwt(X, W, Y, true, tiled);
        assertProduct("Y + X Wᵀ " + what, Y0, X, W, Y);
        double[][] dX = copy(dX0);
        Gemm.addTimes(dY, W, dX, tiled);
        assertProduct("dX + dY W " + what, dX0, dY, transposed(W, n), dX);
        double[][] dW = copy(dW0);
        Gemm.addTransposedTimes(dY, X, dW, tiled);
        assertProduct("dW + dYᵀ X " + what, dW0, transposed(dY, m), transposed(X, n), dW);
      }
    }
  }

  /** The transpose of a matrix of {@code cols} columns, which may have no rows. */
  private static double[][] transposed(double[][] a, int cols) {
    double[][] t = new double[cols][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < cols; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  /**
   * {@code actual = start + A Bᵀ} by a triple loop, to 1e-12 of the sum of the terms' magnitudes
   * (the products sum in another order, and with {@code Math.fma} on the tiled path).
   */
  private static void assertProduct(
      String what, double[][] start, double[][] A, double[][] B, double[][] actual) {
    assertEquals(start.length, actual.length, what + " rows");
    for (int i = 0; i < start.length; i++) {
      for (int j = 0; j < start[i].length; j++) {
        double sum = start[i][j];
        double magnitude = Math.abs(sum);
        for (int k = 0; k < B[j].length; k++) {
          sum += A[i][k] * B[j][k];
          magnitude += Math.abs(A[i][k] * B[j][k]);
        }
        if (Math.abs(sum - actual[i][j]) > 1e-12 * magnitude) {
          throw new AssertionError(
              what + ": [" + i + "][" + j + "] is " + actual[i][j] + ", expected " + sum);
        }
      }
    }
  }

  @Test
  void gemmPushforwardIsTheDirectionalDerivative() {
    Random r = new Random(4);
    for (int[] s : SHAPES) {
      double[][] X = random(r, s[0], s[1]);
      double[][] W = random(r, s[2], s[1]);
      double[][] Xd = random(r, s[0], s[1]);
      double[][] Wd = random(r, s[2], s[1]);
      double[][] seed = random(r, s[0], s[2]);
      double[][] Y = new double[s[0]][s[2]];
      Batched.gemm(X, W, Y);
      double[][] Yd = random(r, s[0], s[2]);
      Batched.gemmPushforward(X, W, Y, Xd, Wd, Yd);
      double h = 1e-6;
      double fd = (weighted(seed, naive(plus(X, Xd, h), plus(W, Wd, h)))
          - weighted(seed, naive(plus(X, Xd, -h), plus(W, Wd, -h)))) / (2 * h);
      assertEquals(fd, weighted(seed, Yd), 1e-6 * Math.max(1, Math.abs(fd)), shape(s));

      Batched.gemmPushforward(X, W, Y, null, Wd, Yd);
      assertClose("W tangent only", naive(X, Wd), Yd, 1e-11);
      Batched.gemmPushforward(X, W, Y, Xd, null, Yd);
      assertClose("X tangent only", naive(Xd, W), Yd, 1e-11);
      Batched.gemmPushforward(X, W, Y, null, null, Yd);
      assertClose("no tangent", new double[s[0]][s[2]], Yd, 0);
    }
  }

  @Test
  void gemmPushforwardPullbackAddsTheFiniteDifferenceGradients() {
    Random r = new Random(5);
    int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {6, 4, 5}};
    for (int[] s : shapes) {
      double[][] X = random(r, s[0], s[1]);
      double[][] W = random(r, s[2], s[1]);
      double[][] Xd = random(r, s[0], s[1]);
      double[][] Wd = random(r, s[2], s[1]);
      double[][] G = random(r, s[0], s[2]);
      double[][] Y = new double[s[0]][s[2]];
      double[][] dX0 = random(r, s[0], s[1]);
      double[][] dX = copy(dX0);
      double[][] dW = new double[s[2]][s[1]];
      double[][] dXd = new double[s[0]][s[1]];
      double[][] dWd = new double[s[2]][s[1]];
      double[][] dY = new double[s[0]][s[2]];
      double[][] seed = copy(G);
      Batched.gemmPushforwardPullback(
          X, W, Y, Xd, Wd, new double[s[0]][s[2]], seed, dX, dW, dY, dXd, dWd);
      assertAllZero("dYDot", seed);
      assertAllZero("dY", dY);
      assertGradient("dX", added(dX, dX0), x -> weighted(G, tangent(x, W, Xd, Wd)), X);
      assertGradient("dW", dW, w -> weighted(G, tangent(X, w, Xd, Wd)), W);
      assertGradient("dXDot", dXd, xd -> weighted(G, tangent(X, W, xd, Wd)), Xd);
      assertGradient("dWDot", dWd, wd -> weighted(G, tangent(X, W, Xd, wd)), Wd);
    }
  }

  @Test
  void activationsPullBackAndPushForwardRowByRow() {
    Random r = new Random(6);
    double[][] Z = random(r, 5, 7);
    Z[1][2] = 0.5; // away from relu's kink, as every element of random() is with probability 1
    double[][] seed = random(r, 5, 7);
    double[][] dir = random(r, 5, 7);
    for (String f : new String[] {"relu", "tanh", "sigmoid"}) {
      double[][] A = new double[5][7];
      apply(f, Z, A);
      double[][] dZ0 = random(r, 5, 7);
      double[][] dZ = copy(dZ0);
      double[][] dA = copy(seed);
      pullback(f, Z, A, dA, dZ);
      assertAllZero(f + " dA", dA);
      assertGradient(f, added(dZ, dZ0), z -> weighted(seed, applied(f, z)), Z);

      double[][] Ad = new double[5][7];
      pushforward(f, Z, A, dir, Ad);
      double h = 1e-6;
      double fd = (weighted(seed, applied(f, plus(Z, dir, h)))
          - weighted(seed, applied(f, plus(Z, dir, -h)))) / (2 * h);
      assertEquals(fd, weighted(seed, Ad), 1e-6 * Math.max(1, Math.abs(fd)), f + " jvp");

      // The pushforward's pullback: the gradient of seed · ADot(Z, ZDot) in ZDot (and in A for
      // tanh and sigmoid, whose pushforwards read the output; in Z for none of them).
      double[][] dZd = new double[5][7];
      double[][] dAviaDot = new double[5][7];
      double[][] seed2 = copy(seed);
      secondOrder(f, Z, A, dir, Ad, seed2, null, dAviaDot, dZd);
      assertAllZero(f + " dADot", seed2);
      assertGradient(f + " dZDot", dZd, zd -> weighted(seed, pushed(f, Z, A, zd)), dir);
      if (!f.equals("relu")) {
        assertGradient(f + " dA", dAviaDot, a -> weighted(seed, pushed(f, Z, a, dir)), A);
      }
    }
  }

  @Test
  void softmaxCrossEntropyMeanIsTheMeanOfTheRowLosses() {
    Random r = new Random(7);
    double[][] Z = random(r, 6, 4);
    int[] labels = {0, 3, 1, 1, 2, 0};
    double sum = 0;
    for (int b = 0; b < 6; b++) {
      sum += Losses.softmaxCrossEntropy(Z[b], labels[b]);
    }
    assertEquals(sum / 6, Batched.softmaxCrossEntropyMean(Z, labels), 1e-15);

    double[][] dZ0 = random(r, 6, 4);
    double[][] dZ = copy(dZ0);
    Batched.softmaxCrossEntropyMeanPullback(Z, labels, 1.7, dZ);
    assertGradient("dZ", added(dZ, dZ0),
        z -> 1.7 * Batched.softmaxCrossEntropyMean(z, labels), Z);

    double[][] dir = random(r, 6, 4);
    double h = 1e-6;
    double fd = (Batched.softmaxCrossEntropyMean(plus(Z, dir, h), labels)
        - Batched.softmaxCrossEntropyMean(plus(Z, dir, -h), labels)) / (2 * h);
    assertEquals(fd, Batched.softmaxCrossEntropyMeanPushforward(Z, labels, dir), 1e-8);

    double[][] dZ2 = new double[6][4];
    double[][] dZd = new double[6][4];
    Batched.softmaxCrossEntropyMeanPushforwardPullback(Z, labels, dir, 0.9, dZ2, dZd);
    assertGradient("second order in Z", dZ2,
        z -> 0.9 * Batched.softmaxCrossEntropyMeanPushforward(z, labels, dir), Z);
    assertGradient("second order in ZDot", dZd,
        zd -> 0.9 * Batched.softmaxCrossEntropyMeanPushforward(Z, labels, zd), dir);
  }

  @Test
  void mismatchedShapesAndAliasedOutputsAreRejectedBeforeAnythingIsWritten() {
    double[][] X = new double[3][4];
    double[][] W = new double[2][4];
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> Batched.gemm(X, W, new double[3][3]));
    assertTrue(e.getMessage().startsWith("gemm: Y[0] has length 3"), e.getMessage());
    e = assertThrows(
        IllegalArgumentException.class, () -> Batched.gemm(X, new double[2][5], new double[3][2]));
    assertTrue(e.getMessage().startsWith("gemm: W[0] has length 5"), e.getMessage());
    double[][] square = new double[4][4];
    e = assertThrows(IllegalArgumentException.class, () -> Batched.gemm(square, square, square));
    assertTrue(e.getMessage().contains("must not be the same array"), e.getMessage());
    double[][] Z = new double[2][3];
    e = assertThrows(
        IllegalArgumentException.class, () -> Batched.relu(Z, new double[][] {Z[0], Z[1]}));
    assertTrue(e.getMessage().contains("A[0] must not be the same array as Z[0]"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Batched.softmaxCrossEntropyMean(new double[2][3], new int[] {0}));
    assertTrue(e.getMessage().contains("labels has length 1"), e.getMessage());
  }

  // ---- references ----------------------------------------------------------------------------

  /** {@code X Wᵀ} by the definition. */
  static double[][] naive(double[][] X, double[][] W) {
    double[][] Y = new double[X.length][W.length];
    for (int b = 0; b < X.length; b++) {
      for (int o = 0; o < W.length; o++) {
        double s = 0;
        for (int k = 0; k < W[o].length; k++) {
          s += X[b][k] * W[o][k];
        }
        Y[b][o] = s;
      }
    }
    return Y;
  }

  private static double[][] tangent(double[][] X, double[][] W, double[][] Xd, double[][] Wd) {
    double[][] a = naive(Xd, W);
    double[][] b = naive(X, Wd);
    return plus(a, b, 1);
  }

  static double[][] transpose(double[][] a) {
    int cols = a.length == 0 ? 0 : a[0].length;
    double[][] t = new double[cols][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < cols; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  static double[][] plus(double[][] a, double[][] d, double h) {
    double[][] c = copy(a);
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        c[i][j] += h * d[i][j];
      }
    }
    return c;
  }

  static void assertClose(String what, double[][] expected, double[][] actual, double tol) {
    assertEquals(expected.length, actual.length, what + " rows");
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        double e = expected[i][j];
        double a = actual[i][j];
        if (Math.abs(e - a) > tol * Math.max(1, Math.abs(e))) {
          throw new AssertionError(what + ": [" + i + "][" + j + "] is " + a + ", expected " + e);
        }
      }
    }
  }

  private static String shape(int[] s) {
    return "B=" + s[0] + " n=" + s[1] + " m=" + s[2];
  }

  private static void apply(String f, double[][] Z, double[][] A) {
    switch (f) {
      case "relu" -> Batched.relu(Z, A);
      case "tanh" -> Batched.tanh(Z, A);
      default -> Batched.sigmoid(Z, A);
    }
  }

  private static double[][] applied(String f, double[][] Z) {
    double[][] A = new double[Z.length][Z[0].length];
    apply(f, Z, A);
    return A;
  }

  private static void pullback(String f, double[][] Z, double[][] A, double[][] dA,
      double[][] dZ) {
    switch (f) {
      case "relu" -> Batched.reluPullback(Z, A, dA, dZ);
      case "tanh" -> Batched.tanhPullback(Z, A, dA, dZ);
      default -> Batched.sigmoidPullback(Z, A, dA, dZ);
    }
  }

  private static void pushforward(String f, double[][] Z, double[][] A, double[][] Zd,
      double[][] Ad) {
    switch (f) {
      case "relu" -> Batched.reluPushforward(Z, A, Zd, Ad);
      case "tanh" -> Batched.tanhPushforward(Z, A, Zd, Ad);
      default -> Batched.sigmoidPushforward(Z, A, Zd, Ad);
    }
  }

  private static double[][] pushed(String f, double[][] Z, double[][] A, double[][] Zd) {
    double[][] Ad = new double[Z.length][Z[0].length];
    pushforward(f, Z, A, Zd, Ad);
    return Ad;
  }

  private static void secondOrder(String f, double[][] Z, double[][] A, double[][] Zd,
      double[][] Ad, double[][] dAd, double[][] dZ, double[][] dA, double[][] dZd) {
    switch (f) {
      case "relu" -> Batched.reluPushforwardPullback(Z, A, Zd, Ad, dAd, dZ, dA, dZd);
      case "tanh" -> Batched.tanhPushforwardPullback(Z, A, Zd, Ad, dAd, dZ, dA, dZd);
      default -> Batched.sigmoidPushforwardPullback(Z, A, Zd, Ad, dAd, dZ, dA, dZd);
    }
  }
}

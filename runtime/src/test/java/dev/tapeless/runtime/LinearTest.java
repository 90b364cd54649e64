package dev.tapeless.runtime;

import static dev.tapeless.runtime.KernelTesting.added;
import static dev.tapeless.runtime.KernelTesting.assertAllZero;
import static dev.tapeless.runtime.KernelTesting.assertGradient;
import static dev.tapeless.runtime.KernelTesting.assertUnchanged;
import static dev.tapeless.runtime.KernelTesting.copy;
import static dev.tapeless.runtime.KernelTesting.random;
import static dev.tapeless.runtime.KernelTesting.weighted;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class LinearTest {

  private static final int TRIALS = 12;

  // ---- values ------------------------------------------------------------------------------

  @Test
  void kernelsComputeTheTextbookValues() {
    assertEquals(32.0, Linear.dot(new double[] {1, 2, 3}, new double[] {4, 5, 6}));
    assertEquals(6.0, Linear.sum(new double[] {1, 2, 3}));
    assertEquals(0.0, Linear.sum(new double[0]));

    double[][] w = {{1, 2, 3}, {4, 5, 6}};
    double[] y = {99, 99};
    Linear.matvec(w, new double[] {1, 0, -1}, y);
    assertArrayEquals(new double[] {-2, -2}, y);

    double[] yt = {99, 99, 99};
    Linear.matvecTransposed(w, new double[] {1, -1}, yt);
    assertArrayEquals(new double[] {-3, -3, -3}, yt);

    double[] z = new double[2];
    Linear.axpy(2, new double[] {1, 2}, new double[] {10, 20}, z);
    assertArrayEquals(new double[] {12, 24}, z);

    double[][] a = {{9, 9, 9}, {9, 9, 9}};
    Linear.outer(new double[] {1, 2}, new double[] {3, 4, 5}, a);
    assertArrayEquals(new double[] {3, 4, 5}, a[0]);
    assertArrayEquals(new double[] {6, 8, 10}, a[1]);

    Linear.outerAccumulate(new double[] {1, 0}, new double[] {1, 1, 1}, a);
    assertArrayEquals(new double[] {4, 5, 6}, a[0]);
    assertArrayEquals(new double[] {6, 8, 10}, a[1]);
  }

  @Test
  void emptyShapesAreFine() {
    Linear.matvec(new double[0][], new double[] {1, 2}, new double[0]);
    double[] y = {5, 5};
    Linear.matvecTransposed(new double[0][], new double[0], y);
    assertArrayEquals(new double[] {0, 0}, y);
    Linear.outer(new double[0], new double[] {1}, new double[0][]);
  }

  // ---- pullbacks against finite differences ------------------------------------------------

  @Test
  void dotPullback() {
    Random r = new Random(11);
    for (int t = 0; t < TRIALS; t++) {
      int n = 1 + r.nextInt(7);
      double[] x = random(r, n);
      double[] y = random(r, n);
      double dResult = 3 * r.nextGaussian();
      double[] dx0 = random(r, n);
      double[] dy0 = random(r, n);
      double[] dx = dx0.clone();
      double[] dy = dy0.clone();
      double[] xCopy = x.clone();
      double[] yCopy = y.clone();

      Linear.dotPullback(x, y, dResult, dx, dy);

      assertUnchanged("x", xCopy, x);
      assertUnchanged("y", yCopy, y);
      assertGradient("dot dx", added(dx, dx0), v -> dResult * Linear.dot(v, y), x);
      assertGradient("dot dy", added(dy, dy0), v -> dResult * Linear.dot(x, v), y);
    }
  }

  @Test
  void dotOfAVectorWithItselfGetsBothContributions() {
    double[] x = {1, -2, 3};
    double[] dx = new double[3];
    Linear.dotPullback(x, x, 1.0, dx, dx);
    assertArrayEquals(new double[] {2, -4, 6}, dx);
  }

  @Test
  void matvecPullback() {
    Random r = new Random(12);
    for (int t = 0; t < TRIALS; t++) {
      int m = 1 + r.nextInt(5);
      int n = 1 + r.nextInt(5);
      double[][] w = random(r, m, n);
      double[] x = random(r, n);
      double[] y = new double[m];
      Linear.matvec(w, x, y);
      double[] seed = random(r, m);
      for (int i = 0; i < m; i++) {
        if (r.nextInt(3) == 0) {
          seed[i] = 0.0; // a unit a ReLU switched off: the pullback skips its row
        }
      }
      double[] dy = seed.clone();
      double[][] dw0 = random(r, m, n);
      double[] dx0 = random(r, n);
      double[][] dw = copy(dw0);
      double[] dx = dx0.clone();
      double[][] wCopy = copy(w);
      double[] xCopy = x.clone();

      Linear.matvecPullback(w, x, y, dy, dw, dx);

      assertAllZero("matvec dy", dy);
      assertUnchanged("W", wCopy, w);
      assertUnchanged("x", xCopy, x);
      assertGradient("matvec dW", added(dw, dw0), v -> weighted(seed, matvec(v, x)), w);
      assertGradient("matvec dx", added(dx, dx0), v -> weighted(seed, matvec(w, v)), x);
    }
  }

  @Test
  void matvecPullbackAssigningSetsWhatMatvecPullbackAddsToZeros() {
    Random r = new Random(21);
    for (int t = 0; t < TRIALS; t++) {
      int m = 1 + r.nextInt(5);
      int n = 1 + r.nextInt(5);
      double[][] w = random(r, m, n);
      double[] x = random(r, n);
      double[] y = new double[m];
      Linear.matvec(w, x, y);
      double[] seed = random(r, m);
      seed[r.nextInt(m)] = 0.0; // a skipped row must still be set, to zero
      double[][] dwAdded = new double[m][n];
      double[] dxAdded = new double[n];
      Linear.matvecPullback(w, x, y, seed.clone(), dwAdded, dxAdded);
      double[][] dw = random(r, m, n); // what a d* field held before
      double[] dx = random(r, n);
      double[] dy = seed.clone();

      Linear.matvecPullbackAssigning(w, x, y, dy, dw, dx);

      assertAllZero("matvecPullbackAssigning dy", dy);
      for (int i = 0; i < m; i++) {
        assertArrayEquals(dwAdded[i], dw[i], 0.0, "dW row " + i);
      }
      assertArrayEquals(dxAdded, dx, 0.0, "dx");
      double[][] only = random(r, m, n);
      Linear.matvecPullbackAssigning(w, x, y, seed.clone(), only, null);
      for (int i = 0; i < m; i++) {
        assertArrayEquals(dwAdded[i], only[i], 0.0, "dW row " + i + " without dx");
      }
    }
  }

  @Test
  void matvecTransposedPullback() {
    Random r = new Random(13);
    for (int t = 0; t < TRIALS; t++) {
      int m = 1 + r.nextInt(5);
      int n = 1 + r.nextInt(5);
      double[][] w = random(r, m, n);
      double[] x = random(r, m);
      double[] y = new double[n];
      Linear.matvecTransposed(w, x, y);
      double[] seed = random(r, n);
      double[] dy = seed.clone();
      double[][] dw0 = random(r, m, n);
      double[] dx0 = random(r, m);
      double[][] dw = copy(dw0);
      double[] dx = dx0.clone();

      Linear.matvecTransposedPullback(w, x, y, dy, dw, dx);

      assertAllZero("matvecTransposed dy", dy);
      assertGradient(
          "matvecTransposed dW", added(dw, dw0), v -> weighted(seed, matvecT(v, x)), w);
      assertGradient(
          "matvecTransposed dx", added(dx, dx0), v -> weighted(seed, matvecT(w, v)), x);
    }
  }

  @Test
  void axpyPullback() {
    Random r = new Random(14);
    for (int t = 0; t < TRIALS; t++) {
      int n = 1 + r.nextInt(7);
      double a = 2 * r.nextGaussian();
      double[] x = random(r, n);
      double[] y = random(r, n);
      double[] z = new double[n];
      Linear.axpy(a, x, y, z);
      double[] seed = random(r, n);
      double[] dz = seed.clone();
      double[] dx0 = random(r, n);
      double[] dy0 = random(r, n);
      double[] dx = dx0.clone();
      double[] dy = dy0.clone();

      double da = Linear.axpyPullback(a, x, y, z, dz, dx, dy);

      assertAllZero("axpy dz", dz);
      assertGradient(
          "axpy da", new double[] {da}, v -> weighted(seed, axpy(v[0], x, y)), new double[] {a});
      assertGradient("axpy dx", added(dx, dx0), v -> weighted(seed, axpy(a, v, y)), x);
      assertGradient("axpy dy", added(dy, dy0), v -> weighted(seed, axpy(a, x, v)), y);
    }
  }

  @Test
  void sumPullback() {
    Random r = new Random(15);
    for (int t = 0; t < TRIALS; t++) {
      int n = 1 + r.nextInt(7);
      double[] x = random(r, n);
      double dResult = 3 * r.nextGaussian();
      double[] dx0 = random(r, n);
      double[] dx = dx0.clone();

      Linear.sumPullback(x, dResult, dx);

      assertGradient("sum dx", added(dx, dx0), v -> dResult * Linear.sum(v), x);
    }
  }

  @Test
  void outerPullback() {
    Random r = new Random(16);
    for (int t = 0; t < TRIALS; t++) {
      int m = 1 + r.nextInt(5);
      int n = 1 + r.nextInt(5);
      double[] u = random(r, m);
      double[] v = random(r, n);
      double[][] a = new double[m][n];
      Linear.outer(u, v, a);
      double[][] seed = random(r, m, n);
      double[][] da = copy(seed);
      double[] du0 = random(r, m);
      double[] dv0 = random(r, n);
      double[] du = du0.clone();
      double[] dv = dv0.clone();

      Linear.outerPullback(u, v, a, da, du, dv);

      assertAllZero("outer dA", da);
      assertGradient("outer du", added(du, du0), p -> weighted(seed, outer(p, v)), u);
      assertGradient("outer dv", added(dv, dv0), p -> weighted(seed, outer(u, p)), v);
    }
  }

  // ---- shapes and aliasing -----------------------------------------------------------------

  @Test
  void shapeErrorsNameTheParameter() {
    double[][] w34 = new double[3][4];
    assertMessage(
        "matvec: x has length 3 but W has 4 columns",
        () -> Linear.matvec(w34, new double[3], new double[3]));
    assertMessage(
        "matvec: y has length 2 but W has 3 rows",
        () -> Linear.matvec(w34, new double[4], new double[2]));
    double[][] ragged = {new double[4], new double[4], new double[5]};
    assertMessage(
        "matvec: W is ragged: W[2] has length 5 but W[0] has length 4",
        () -> Linear.matvec(ragged, new double[4], new double[3]));
    assertMessage(
        "matvecTransposed: x has length 4 but W has 3 rows",
        () -> Linear.matvecTransposed(w34, new double[4], new double[4]));
    assertMessage(
        "matvecTransposed: y has length 3 but W has 4 columns",
        () -> Linear.matvecTransposed(w34, new double[3], new double[3]));
    assertMessage(
        "dot: y has length 2 but x has length 3",
        () -> Linear.dot(new double[3], new double[2]));
    assertMessage(
        "axpy: z has length 2 but x has length 3",
        () -> Linear.axpy(1, new double[3], new double[3], new double[2]));
    assertMessage(
        "outer: v has length 2 but A has 3 columns",
        () -> Linear.outer(new double[2], new double[2], new double[2][3]));

    assertMessage(
        "matvecPullback: dW[1] has length 3 but W has 4 columns",
        () ->
            Linear.matvecPullback(
                w34,
                new double[4],
                new double[3],
                new double[3],
                new double[][] {new double[4], new double[3], new double[4]},
                new double[4]));
    assertMessage(
        "matvecPullback: dx has length 3 but x has length 4",
        () ->
            Linear.matvecPullback(
                w34, new double[4], new double[3], new double[3], new double[3][4],
                new double[3]));
    assertMessage(
        "outerPullback: dA has 2 rows but A has 3",
        () ->
            Linear.outerPullback(
                new double[3], new double[2], new double[3][2], new double[2][2],
                new double[3], new double[2]));
    assertMessage(
        "sumPullback: dx has length 1 but x has length 2",
        () -> Linear.sumPullback(new double[2], 1.0, new double[1]));
  }

  @Test
  void outputsMustNotAliasInputs() {
    double[] x = new double[3];
    double[][] w = {new double[3], new double[3], new double[3]};
    assertMessage("matvec: y must not be the same array as x", () -> Linear.matvec(w, x, x));
    assertMessage(
        "matvec: y must not be the same array as W[1]", () -> Linear.matvec(w, x, w[1]));
    assertMessage(
        "matvecTransposed: y must not be the same array as W[2]",
        () -> Linear.matvecTransposed(w, x, w[2]));
    assertMessage(
        "axpy: z must not be the same array as y",
        () -> Linear.axpy(1, new double[3], x, x));
    double[] u = new double[3];
    double[][] a = {new double[3], u, new double[3]};
    assertMessage("outer: u must not be the same array as A[1]", () -> Linear.outer(u, u, a));
    assertMessage(
        "outerAccumulate: v must not be the same array as A[1]",
        () -> Linear.outerAccumulate(new double[3], u, a));
  }

  private static void assertMessage(String expected, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(expected, e.getMessage());
  }

  // ---- fresh-array primal versions for the finite differences ------------------------------

  private static double[] matvec(double[][] w, double[] x) {
    double[] y = new double[w.length];
    Linear.matvec(w, x, y);
    return y;
  }

  private static double[] matvecT(double[][] w, double[] x) {
    double[] y = new double[w[0].length];
    Linear.matvecTransposed(w, x, y);
    return y;
  }

  private static double[] axpy(double a, double[] x, double[] y) {
    double[] z = new double[x.length];
    Linear.axpy(a, x, y, z);
    return z;
  }

  private static double[][] outer(double[] u, double[] v) {
    double[][] a = new double[u.length][v.length];
    Linear.outer(u, v, a);
    return a;
  }
}

package dev.tapeless.runtime;

import static dev.tapeless.runtime.FloatTwins.assertSameError;
import static dev.tapeless.runtime.FloatTwins.assertTwins;
import static dev.tapeless.runtime.FloatTwins.doubleMethod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Batched}'s float overloads against the double ones ({@link FloatTwins}: same point
 * rounded to float, same results to float precision, same errors word for word): every kernel,
 * pullback, pushforward and pushforward pullback, with {@code null} adjoints and tangents where
 * they are allowed, outputs filled with NaN (set, not added to) and input adjoints random
 * (added to). The float products are also checked on both paths ({@code TiledGemm} and the
 * fallback) over shapes that cross their blocks, against a double triple loop to the bound of
 * float rounding.
 */
class BatchedFloatTest {

  private static final int TRIALS = 10;

  /** A double method of {@link Batched} and a random point of its arguments. */
  record Call(String name, Function<Random, Object[]> point) {
    @Override
    public String toString() {
      return "Batched." + name;
    }
  }

  /**
   * Every float method of Batched. The products get positive entries, so that their float sums
   * do not cancel below the agreement {@code FloatTwins} asks for.
   */
  static Stream<Call> calls() {
    return Stream.of(
        new Call("gemm", r -> {
          int[] s = shape(r);
          return args(positive(r, s[0], s[1]), positive(r, s[2], s[1]), nans(s[0], s[2]));
        }),
        new Call("gemmPullback", r -> {
          int[] s = shape(r);
          return args(positive(r, s[0], s[1]), positive(r, s[2], s[1]), nans(s[0], s[2]),
              positive(r, s[0], s[2]), orNull(r, positive(r, s[0], s[1])),
              orNull(r, positive(r, s[2], s[1])));
        }),
        new Call("gemmPushforward", r -> {
          int[] s = shape(r);
          return args(positive(r, s[0], s[1]), positive(r, s[2], s[1]), nans(s[0], s[2]),
              orNull(r, positive(r, s[0], s[1])), orNull(r, positive(r, s[2], s[1])),
              nans(s[0], s[2]));
        }),
        new Call("gemmPushforwardPullback", r -> {
          int[] s = shape(r);
          int b = s[0];
          int n = s[1];
          int m = s[2];
          return args(positive(r, b, n), positive(r, m, n), nans(b, m),
              orNull(r, positive(r, b, n)), orNull(r, positive(r, m, n)), nans(b, m),
              positive(r, b, m), orNull(r, positive(r, b, n)), orNull(r, positive(r, m, n)),
              orNull(r, positive(r, b, m)), orNull(r, positive(r, b, n)),
              orNull(r, positive(r, m, n)));
        }),
        activation("relu"),
        activation("tanh"),
        activation("sigmoid"),
        pullback("reluPullback", Batched::relu),
        pullback("tanhPullback", Batched::tanh),
        pullback("sigmoidPullback", Batched::sigmoid),
        pushforward("reluPushforward", Batched::relu),
        pushforward("tanhPushforward", Batched::tanh),
        pushforward("sigmoidPushforward", Batched::sigmoid),
        secondOrder("reluPushforwardPullback", Batched::relu),
        secondOrder("tanhPushforwardPullback", Batched::tanh),
        secondOrder("sigmoidPushforwardPullback", Batched::sigmoid),
        new Call("softmaxCrossEntropyMean", r -> {
          int b = 1 + r.nextInt(6);
          int k = 1 + r.nextInt(6);
          return args(logits(r, b, k), labels(r, b, k));
        }),
        new Call("softmaxCrossEntropyMeanPullback", r -> {
          int b = 1 + r.nextInt(6);
          int k = 1 + r.nextInt(6);
          return args(logits(r, b, k), labels(r, b, k), mixed(r), mixed(r, b, k));
        }),
        new Call("softmaxCrossEntropyMeanPushforward", r -> {
          int b = 1 + r.nextInt(6);
          int k = 1 + r.nextInt(6);
          return args(logits(r, b, k), labels(r, b, k), mixed(r, b, k));
        }),
        new Call("softmaxCrossEntropyMeanPushforwardPullback", r -> {
          int b = 1 + r.nextInt(6);
          int k = 1 + r.nextInt(6);
          return args(logits(r, b, k), labels(r, b, k), mixed(r, b, k), mixed(r),
              orNull(r, mixed(r, b, k)), orNull(r, mixed(r, b, k)));
        }));
  }

  private interface Activation {
    void apply(double[][] Z, double[][] A);
  }

  /** {@code (Z, A)}, A NaN so that adding to it instead of setting it shows. */
  private static Call activation(String name) {
    return new Call(name, r -> {
      int b = 1 + r.nextInt(6);
      int n = 1 + r.nextInt(6);
      return args(wide(r, b, n), nans(b, n));
    });
  }

  /** {@code (Z, A, dA, dZ)} with A what the double kernel writes. */
  private static Call pullback(String name, Activation kernel) {
    return new Call(name, r -> {
      int b = 1 + r.nextInt(6);
      int n = 1 + r.nextInt(6);
      double[][] Z = wide(r, b, n);
      return args(Z, applied(kernel, Z), mixed(r, b, n), mixed(r, b, n));
    });
  }

  /** {@code (Z, A, ZDot, ADot)}, ADot NaN. */
  private static Call pushforward(String name, Activation kernel) {
    return new Call(name, r -> {
      int b = 1 + r.nextInt(6);
      int n = 1 + r.nextInt(6);
      double[][] Z = wide(r, b, n);
      return args(Z, applied(kernel, Z), mixed(r, b, n), nans(b, n));
    });
  }

  /** {@code (Z, A, ZDot, ADot, dADot, dZ, dA, dZDot)}, the adjoints random or null. */
  private static Call secondOrder(String name, Activation kernel) {
    return new Call(name, r -> {
      int b = 1 + r.nextInt(6);
      int n = 1 + r.nextInt(6);
      double[][] Z = wide(r, b, n);
      return args(Z, applied(kernel, Z), mixed(r, b, n), mixed(r, b, n), mixed(r, b, n),
          orNull(r, mixed(r, b, n)), orNull(r, mixed(r, b, n)), orNull(r, mixed(r, b, n)));
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void floatAgreesWithDouble(Call c) {
    Random r = new Random(c.name().hashCode());
    for (int trial = 0; trial < TRIALS; trial++) {
      Object[] args = c.point().apply(r);
      Method d = doubleMethod(Batched.class, c.name(), args.length);
      assertTwins(c + " trial " + trial + " at " + Arrays.deepToString(args), d, args);
    }
  }

  @Test
  void everyFloatMethodIsCompared() {
    Set<String> declared = new TreeSet<>();
    for (Method m : Batched.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && FloatTwins.isFloat(m)) {
        declared.add("Batched." + m.getName() + "/" + m.getParameterCount());
      }
    }
    Random r = new Random(1);
    Set<String> compared = calls()
        .map(c -> c + "/" + c.point().apply(r).length)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(declared, compared);
  }

  @Test
  void everyDoubleMethodHasAFloatOverload() {
    int doubles = 0;
    for (Method m : Batched.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && !FloatTwins.isFloat(m)) {
        FloatTwins.floatTwin(m);
        doubles++;
      }
    }
    assertEquals(20, doubles);
  }

  @Test
  void shapeAndAliasingErrorsAreTheDoubleOnes() {
    Method gemm = doubleMethod(Batched.class, "gemm", 3);
    assertSameError("Y columns", gemm, new double[3][4], new double[2][4], new double[3][3]);
    assertSameError("W columns", gemm, new double[3][4], new double[2][5], new double[3][2]);
    assertSameError("ragged X", gemm,
        new double[][] {new double[4], new double[3]}, new double[2][4], new double[2][2]);
    double[][] square = new double[4][4];
    assertSameError("Y is X", gemm, square, new double[4][4], square);
    double[][] X = new double[2][2];
    assertSameError("Y row is X row", gemm, X, new double[2][2],
        new double[][] {new double[2], X[1]});
    double[][] XDot = new double[3][2];
    assertSameError("YDot row is XDot row", doubleMethod(Batched.class, "gemmPushforward", 6),
        new double[3][2], new double[2][2], new double[3][2], XDot, null,
        new double[][] {new double[2], new double[2], XDot[2]});
    assertSameError("dW rows", doubleMethod(Batched.class, "gemmPullback", 6),
        new double[3][4], new double[2][4], new double[3][2], new double[3][2], null,
        new double[3][4]);
    double[][] Z = new double[2][3];
    assertSameError("A row is Z row", doubleMethod(Batched.class, "relu", 2), Z,
        new double[][] {Z[0], new double[3]});
    assertSameError("dZ rows", doubleMethod(Batched.class, "tanhPullback", 4),
        new double[2][3], new double[2][3], new double[2][3], new double[3][3]);
    assertSameError("dZDot rows", doubleMethod(Batched.class, "sigmoidPushforwardPullback", 8),
        new double[2][3], new double[2][3], new double[2][3], new double[2][3],
        new double[2][3], null, null, new double[1][3]);
    Method mean = doubleMethod(Batched.class, "softmaxCrossEntropyMean", 2);
    assertSameError("labels", mean, new double[2][3], new int[] {0});
    assertSameError("no rows", mean, new double[0][3], new int[0]);
    assertSameError("dZ columns", doubleMethod(Batched.class, "softmaxCrossEntropyMeanPullback",
        4), new double[2][3], new int[] {0, 1}, 1.0, new double[2][4]);
  }

  // ---- the products on both paths -------------------------------------------------------------

  /**
   * B × n × m: zero inner dimension, single rows and columns, odd row counts, and sizes just
   * past both loops' blocks, as {@code BatchedTest}'s sweep of the double products.
   */
  private static final int[][] SWEEP = {
    {1, 1, 1}, {2, 0, 3}, {0, 4, 3}, {1, 9, 1}, {9, 1, 1}, {1, 1, 9}, {2, 2, 2}, {3, 5, 7},
    {4, 6, 8}, {5, 129, 3}, {6, 3, 513}, {7, 130, 258}, {2, 131, 515}, {129, 4, 3},
    {11, 257, 9},
  };

  @Test
  void everyFloatProductOfEveryShapeIsWithinFloatRoundingOnBothPaths() {
    Random r = new Random(16);
    for (int[] s : SWEEP) {
      int b = s[0];
      int n = s[1];
      int m = s[2];
      float[][] X = floats(r, b, n);
      float[][] W = floats(r, m, n);
      float[][] dY = floats(r, b, m);
      float[][] Y0 = floats(r, b, m);
      float[][] dX0 = floats(r, b, n);
      float[][] dW0 = floats(r, m, n);
      for (boolean tiled : new boolean[] {true, false}) {
        String what = "B=" + b + " n=" + n + " m=" + m + (tiled ? " tiled" : " fallback");
        float[][] Y = copy(Y0);
        Gemm.xwt(X, W, Y, false, tiled);
        assertProduct("X Wᵀ " + what, new float[b][m], X, W, Y);
        Y = copy(Y0);
        Gemm.xwt(X, W, Y, true, tiled);
        assertProduct("Y + X Wᵀ " + what, Y0, X, W, Y);
        float[][] dX = copy(dX0);
        Gemm.addTimes(dY, W, dX, tiled);
        assertProduct("dX + dY W " + what, dX0, dY, transposed(W, n), dX);
        float[][] dW = copy(dW0);
        Gemm.addTransposedTimes(dY, X, dW, tiled);
        assertProduct("dW + dYᵀ X " + what, dW0, transposed(dY, m), transposed(X, n), dW);
      }
    }
  }

  /**
   * {@code actual = start + A Bᵀ}, the reference summed in double from the float entries, to
   * the bound of a float sum of {@code k + 1} terms: {@code (k + 2) · 2⁻²⁴} of the sum of their
   * magnitudes (one more unit for the rounding of the reference).
   */
  private static void assertProduct(
      String what, float[][] start, float[][] A, float[][] B, float[][] actual) {
    assertEquals(start.length, actual.length, what + " rows");
    for (int i = 0; i < start.length; i++) {
      for (int j = 0; j < start[i].length; j++) {
        double sum = start[i][j];
        double magnitude = Math.abs(sum);
        int k = B[j].length;
        for (int q = 0; q < k; q++) {
          sum += (double) A[i][q] * B[j][q];
          magnitude += Math.abs((double) A[i][q] * B[j][q]);
        }
        double bound = (k + 2) * 0x1p-24 * magnitude;
        if (!(Math.abs(sum - actual[i][j]) <= bound)) {
          throw new AssertionError(what + ": [" + i + "][" + j + "] is " + actual[i][j]
              + ", expected " + sum + " to " + bound);
        }
      }
    }
  }

  private static float[][] transposed(float[][] a, int cols) {
    float[][] t = new float[cols][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < cols; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  private static float[][] floats(Random r, int m, int n) {
    return FloatKernelTest.toFloat(KernelTesting.random(r, m, n));
  }

  private static float[][] copy(float[][] a) {
    float[][] c = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  // ---- values --------------------------------------------------------------------------------

  /** B, n, m, each 1 to 6. */
  private static int[] shape(Random r) {
    return new int[] {1 + r.nextInt(6), 1 + r.nextInt(6), 1 + r.nextInt(6)};
  }

  private static Object[] args(Object... args) {
    return args;
  }

  private static double[][] positive(Random r, int m, int n) {
    double[][] a = new double[m][n];
    for (double[] row : a) {
      for (int j = 0; j < n; j++) {
        row[j] = 0.5 + 1.5 * r.nextDouble();
      }
    }
    return a;
  }

  private static double mixed(Random r) {
    return 4 * r.nextDouble() - 2;
  }

  private static double[][] mixed(Random r, int m, int n) {
    return KernelTesting.random(r, m, n);
  }

  /** Into the tails of the activations as well. */
  private static double[][] wide(Random r, int m, int n) {
    double[][] a = new double[m][n];
    for (double[] row : a) {
      for (int j = 0; j < n; j++) {
        row[j] = 12 * r.nextGaussian();
      }
    }
    return a;
  }

  /** Logits whose softmax is neither uniform nor one-hot. */
  private static double[][] logits(Random r, int m, int n) {
    double[][] a = new double[m][n];
    for (double[] row : a) {
      for (int j = 0; j < n; j++) {
        row[j] = 3 * r.nextGaussian();
      }
    }
    return a;
  }

  private static int[] labels(Random r, int b, int k) {
    int[] labels = new int[b];
    for (int i = 0; i < b; i++) {
      labels[i] = r.nextInt(k);
    }
    return labels;
  }

  private static double[][] applied(Activation kernel, double[][] Z) {
    double[][] A = new double[Z.length][Z[0].length];
    kernel.apply(Z, A);
    return A;
  }

  /** {@code v} or, one time in three, {@code null}: an adjoint or tangent nobody needs. */
  private static <T> T orNull(Random r, T v) {
    return r.nextInt(3) == 0 ? null : v;
  }

  private static double[][] nans(int m, int n) {
    double[][] a = new double[m][n];
    for (double[] row : a) {
      Arrays.fill(row, Double.NaN);
    }
    return a;
  }
}

package dev.tapeless.runtime;

import static dev.tapeless.runtime.FloatTwins.assertSameError;
import static dev.tapeless.runtime.FloatTwins.assertTwins;
import static dev.tapeless.runtime.FloatTwins.doubleMethod;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float kernels and their pullbacks: against the double ones at random points
 * ({@link FloatTwins}), null adjoints included where a kernel skips them; against finite
 * differences of the float kernels themselves, with a step and bound fit for float; at the
 * values where float needs the double versions' care (tails, huge logits); and their errors,
 * which must be the double ones word for word. Pushforwards and their pullbacks are
 * {@link FloatSecondOrderKernelTest}'s.
 */
class FloatKernelTest {

  private static final int TRIALS = 12;

  /** A double method of {@code owner} and a random point of its arguments. */
  record Call(Class<?> owner, String name, Function<Random, Object[]> point) {
    @Override
    public String toString() {
      return owner.getSimpleName() + "." + name;
    }
  }

  private static Call linear(String name, Function<Random, Object[]> point) {
    return new Call(Linear.class, name, point);
  }

  private static Call activation(String name, Function<Random, Object[]> point) {
    return new Call(Activations.class, name, point);
  }

  private static Call loss(String name, Function<Random, Object[]> point) {
    return new Call(Losses.class, name, point);
  }

  /**
   * Every float kernel and pullback. Linear gets positive entries, so that the float sums it
   * takes do not cancel below the agreement {@code FloatTwins} asks for.
   */
  static Stream<Call> calls() {
    return Stream.of(
        linear("dot", r -> {
          int n = size(r);
          return args(positive(r, n), positive(r, n));
        }),
        linear("dotPullback", r -> {
          int n = size(r);
          return args(positive(r, n), positive(r, n), positive(r), orNull(r, positive(r, n)),
              orNull(r, positive(r, n)));
        }),
        linear("matvec", r -> {
          int m = size(r);
          int n = size(r);
          return args(positive(r, m, n), positive(r, n), nans(m));
        }),
        linear("matvecPullback", FloatKernelTest::matvecPullbackPoint),
        linear("matvecPullbackAssigning", FloatKernelTest::matvecPullbackPoint),
        linear("matvecTransposed", r -> {
          int m = size(r);
          int n = size(r);
          return args(positive(r, m, n), positive(r, m), nans(n));
        }),
        linear("matvecTransposedPullback", r -> {
          int m = size(r);
          int n = size(r);
          return args(positive(r, m, n), positive(r, m), positive(r, n), positive(r, n),
              orNull(r, positive(r, m, n)), orNull(r, positive(r, m)));
        }),
        linear("axpy", r -> {
          int n = size(r);
          return args(positive(r), positive(r, n), positive(r, n), nans(n));
        }),
        linear("axpyPullback", r -> {
          int n = size(r);
          return args(positive(r), positive(r, n), positive(r, n), positive(r, n),
              positive(r, n), orNull(r, positive(r, n)), orNull(r, positive(r, n)));
        }),
        linear("sum", r -> args(positive(r, size(r)))),
        linear("sumPullback", r -> {
          int n = size(r);
          return args(positive(r, n), positive(r), positive(r, n));
        }),
        linear("outer", r -> {
          int m = size(r);
          int n = size(r);
          return args(positive(r, m), positive(r, n), nans(m, n));
        }),
        linear("outerPullback", r -> {
          int m = size(r);
          int n = size(r);
          return args(positive(r, m), positive(r, n), positive(r, m, n), positive(r, m, n),
              orNull(r, positive(r, m)), orNull(r, positive(r, n)));
        }),
        linear("outerAccumulate", r -> {
          int m = size(r);
          int n = size(r);
          return args(positive(r, m), positive(r, n), positive(r, m, n));
        }),
        activation("sigmoid", r -> args(wide(r))),
        activation("sigmoidPullback", r -> {
          double z = wide(r);
          return args(z, Activations.sigmoid(z), mixed(r));
        }),
        activation("tanh", r -> args(wide(r))),
        activation("tanhPullback", r -> args(wide(r), mixed(r))),
        activation("relu", r -> args(wide(r))),
        activation("reluPullback", r -> args(wide(r), mixed(r))),
        activation("softplus", r -> args(wide(r))),
        activation("softplusPullback", r -> args(wide(r), mixed(r))),
        activation("sigmoid", FloatKernelTest::arrayKernel),
        activation("tanh", FloatKernelTest::arrayKernel),
        activation("relu", FloatKernelTest::arrayKernel),
        activation("softplus", FloatKernelTest::arrayKernel),
        activation("softmax", FloatKernelTest::arrayKernel),
        activation("sigmoidArrayPullback", r -> arrayPullback(r, Activations::sigmoid)),
        activation("tanhArrayPullback", r -> arrayPullback(r, Activations::tanh)),
        activation("reluArrayPullback", r -> arrayPullback(r, Activations::relu)),
        activation("softplusArrayPullback", r -> arrayPullback(r, Activations::softplus)),
        activation("softmaxPullback", r -> arrayPullback(r, Activations::softmax)),
        loss("logSumExp", r -> args(wide(r, size(r)))),
        loss("logSumExpPullback", r -> {
          int n = size(r);
          return args(wide(r, n), mixed(r), mixed(r, n));
        }),
        loss("softmaxCrossEntropy", r -> {
          int n = size(r);
          return args(wide(r, n), r.nextInt(n));
        }),
        loss("softmaxCrossEntropyPullback", r -> {
          int n = size(r);
          double[] logits = wide(r, n);
          int target = r.nextInt(n);
          return args(logits, target, Losses.softmaxCrossEntropy(logits, target), mixed(r),
              mixed(r, n));
        }),
        loss("meanSquaredError", r -> {
          int n = size(r);
          return args(mixed(r, n), mixed(r, n));
        }),
        loss("meanSquaredErrorPullback", r -> {
          int n = size(r);
          return args(mixed(r, n), mixed(r, n), mixed(r), mixed(r, n));
        }));
  }

  /** With some seed elements 0, which the pullback skips. */
  private static Object[] matvecPullbackPoint(Random r) {
    int m = size(r);
    int n = size(r);
    double[] dy = positive(r, m);
    dy[r.nextInt(m)] = 0.0;
    return args(positive(r, m, n), positive(r, n), positive(r, m), dy,
        orNull(r, positive(r, m, n)), orNull(r, positive(r, n)));
  }

  private interface ArrayKernel {
    void apply(double[] z, double[] out);
  }

  /** {@code (z, out)}, the output NaN so that adding to it instead of setting it shows. */
  private static Object[] arrayKernel(Random r) {
    int n = size(r);
    return args(wide(r, n), nans(n));
  }

  /** {@code (z, out, dOut, dz)} with {@code out} what the double kernel writes. */
  private static Object[] arrayPullback(Random r, ArrayKernel kernel) {
    int n = size(r);
    double[] z = wide(r, n);
    double[] out = new double[n];
    kernel.apply(z, out);
    return args(z, out, mixed(r, n), mixed(r, n));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void floatAgreesWithDouble(Call c) {
    Random r = new Random(c.name().hashCode());
    for (int trial = 0; trial < TRIALS; trial++) {
      Object[] args = c.point().apply(r);
      Method d = doubleMethod(c.owner(), c.name(), args.length);
      assertTwins(c + " trial " + trial + " at " + Arrays.deepToString(args), d, args);
    }
  }

  /**
   * The float overloads not compared here are pushforwards and their pullbacks, and the fused
   * jvps (compared with the float kernel and pushforward in {@code FusedJvpTest}).
   */
  @Test
  void everyFloatKernelAndPullbackIsCompared() {
    Set<String> declared = new TreeSet<>();
    for (Class<?> owner : List.of(Linear.class, Activations.class, Losses.class)) {
      for (Method m : owner.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers()) && FloatTwins.isFloat(m)
            && !m.getName().contains("Pushforward") && !m.getName().endsWith("Jvp")) {
          declared.add(owner.getSimpleName() + "." + m.getName() + "/" + m.getParameterCount());
        }
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
    for (Class<?> owner : List.of(Linear.class, Activations.class, Losses.class)) {
      for (Method m : owner.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers()) && !FloatTwins.isFloat(m)
            && !FloatTwins.isIntegerOverload(m)) {
          FloatTwins.floatTwin(m);
        }
      }
    }
  }

  // ---- finite differences of the float kernels -----------------------------------------------

  /**
   * Finite differences of a float kernel, evaluated in float at points rounded to float: a step
   * of 1e-2 keeps the float rounding of the function (1e-7 of it) below 1e-4 of the
   * differences, and the fourth-order stencil's truncation error is smaller still.
   */
  private static void assertFloatGradient(
      String what, double[] analytic, ToDoubleFunction<double[]> f, double[] x) {
    GradCheck.Report report =
        GradCheck.check(f, x, analytic, GradCheck.Options.DEFAULT.withStep(1e-2));
    assertTrue(report.isWithin(1e-3), () -> what + ": " + report);
  }

  @Test
  void matvecPullbackIsTheGradientOfFloatMatvec() {
    Random r = new Random(31);
    for (int trial = 0; trial < TRIALS; trial++) {
      int m = size(r);
      int n = size(r);
      float[][] w = toFloat(KernelTesting.random(r, m, n));
      float[] x = toFloat(KernelTesting.random(r, n));
      float[] seed = toFloat(KernelTesting.random(r, m));
      float[] y = new float[m];
      Linear.matvec(w, x, y);
      float[][] dw = new float[m][n];
      float[] dx = new float[n];
      Linear.matvecPullback(w, x, y, seed.clone(), dw, dx);
      assertFloatGradient("matvec dx", toDouble(dx), v -> {
        float[] out = new float[m];
        Linear.matvec(w, toFloat(v), out);
        return weighted(seed, out);
      }, toDouble(x));
      for (int i = 0; i < m; i++) {
        int row = i;
        assertFloatGradient("matvec dW row " + i, toDouble(dw[i]), v -> {
          float[][] wv = w.clone();
          wv[row] = toFloat(v);
          float[] out = new float[m];
          Linear.matvec(wv, x, out);
          return weighted(seed, out);
        }, toDouble(w[i]));
      }
    }
  }

  @Test
  void softmaxAndTanhPullbacksAreTheGradientsOfTheFloatKernels() {
    Random r = new Random(32);
    for (int trial = 0; trial < TRIALS; trial++) {
      int n = size(r);
      float[] z = toFloat(KernelTesting.random(r, n));
      float[] seed = toFloat(KernelTesting.random(r, n));
      float[] y = new float[n];
      Activations.softmax(z, y);
      float[] dz = new float[n];
      Activations.softmaxPullback(z, y, seed.clone(), dz);
      assertFloatGradient("softmax", toDouble(dz), v -> {
        float[] out = new float[n];
        Activations.softmax(toFloat(v), out);
        return weighted(seed, out);
      }, toDouble(z));
      Activations.tanh(z, y);
      dz = new float[n];
      Activations.tanhArrayPullback(z, y, seed.clone(), dz);
      assertFloatGradient("tanh", toDouble(dz), v -> {
        float[] out = new float[n];
        Activations.tanh(toFloat(v), out);
        return weighted(seed, out);
      }, toDouble(z));
    }
  }

  @Test
  void crossEntropyPullbackIsTheGradientOfTheFloatLoss() {
    Random r = new Random(33);
    for (int trial = 0; trial < TRIALS; trial++) {
      int n = size(r);
      float[] logits = toFloat(KernelTesting.random(r, n));
      int target = r.nextInt(n);
      float loss = Losses.softmaxCrossEntropy(logits, target);
      float[] dl = new float[n];
      Losses.softmaxCrossEntropyPullback(logits, target, loss, 1f, dl);
      assertFloatGradient("softmaxCrossEntropy", toDouble(dl),
          v -> Losses.softmaxCrossEntropy(toFloat(v), target), toDouble(logits));
    }
  }

  // ---- where float needs care ----------------------------------------------------------------

  @Test
  void tailsAndLargeArgumentsStayFiniteAndAccurate() {
    assertEquals(1f, Activations.sigmoid(1000f));
    assertEquals(0f, Activations.sigmoid(-1000f));
    assertEquals(1000f, Activations.softplus(1000f));
    assertEquals(0f, Activations.softplus(-1000f));
    assertRelative((float) Math.exp(-80), Activations.softplus(-80f));
    // σ'(40) ≈ e^-40 from exp(−z), not 1 − 1 = 0 from a float result.
    assertRelative((float) Math.exp(-40), Activations.sigmoidPullback(40f, 1f, 1f));
    assertRelative((float) (4 * Math.exp(-40)), Activations.tanhPullback(20f, 1f));
    assertEquals(0f, Activations.tanhPullback(1000f, 1f));
    assertTrue(Float.isNaN(Activations.relu(Float.NaN)));
    assertEquals(0f, Activations.reluPullback(-0f, 5f));
    assertEquals(5f, Activations.reluPullback(Float.MIN_VALUE, 5f));

    float[] y = new float[3];
    Activations.softmax(new float[] {1000f, 1000f, -1000f}, y);
    assertArrayEquals(new float[] {0.5f, 0.5f, 0f}, y);
    assertEquals((float) (1000 + Math.log(2)), Losses.logSumExp(new float[] {1000f, 1000f}));
    assertEquals(Float.NEGATIVE_INFINITY, Losses.logSumExp(new float[0]));
    assertEquals(0f, Losses.softmaxCrossEntropy(new float[] {1000f, -1000f}, 0));
    assertEquals(2000f, Losses.softmaxCrossEntropy(new float[] {1000f, -1000f}, 1));
  }

  /**
   * A small loss keeps the relative accuracy of its gradient, along the target too, where
   * {@code softmax_target − 1} is taken as {@code expm1(−loss)}: summed in float, it is 0.
   */
  @Test
  void aSmallCrossEntropyKeepsItsGradient() {
    float[] logits = {20f, 0f};
    float loss = Losses.softmaxCrossEntropy(logits, 0);
    assertRelative((float) Math.log1p(Math.exp(-20)), loss);
    float[] dl = new float[2];
    Losses.softmaxCrossEntropyPullback(logits, 0, loss, 1f, dl);
    double p = Math.exp(-20) / (1 + Math.exp(-20));
    assertRelative((float) -p, dl[0]);
    assertRelative((float) p, dl[1]);
  }

  private static void assertRelative(float expected, float actual) {
    assertEquals(expected, actual, 1e-6 * Math.abs(expected), "relative to " + expected);
  }

  // ---- errors --------------------------------------------------------------------------------

  @Test
  void shapeAndAliasingErrorsAreTheDoubleOnes() {
    double[][] w34 = new double[3][4];
    Method matvec = doubleMethod(Linear.class, "matvec", 3);
    assertSameError("x too short", matvec, w34, new double[3], new double[3]);
    assertSameError("y too short", matvec, w34, new double[4], new double[2]);
    assertSameError("ragged", matvec,
        new double[][] {new double[4], new double[4], new double[5]}, new double[4],
        new double[3]);
    double[] x = new double[3];
    double[][] w = {new double[3], new double[3], new double[3]};
    assertSameError("y is x", matvec, w, x, x);
    assertSameError("y is a row", matvec, w, x, w[1]);
    assertSameError("y is a row", doubleMethod(Linear.class, "matvecTransposed", 3), w, x, w[2]);
    assertSameError("z is y", doubleMethod(Linear.class, "axpy", 4), 1.0, new double[3], x, x);
    double[] u = new double[3];
    double[][] a = {new double[3], u, new double[3]};
    assertSameError("u is a row", doubleMethod(Linear.class, "outer", 3), u, u, a);
    assertSameError("v is a row", doubleMethod(Linear.class, "outerAccumulate", 3),
        new double[3], u, a);
    assertSameError("dW ragged", doubleMethod(Linear.class, "matvecPullback", 6), w34,
        new double[4], new double[3], new double[3],
        new double[][] {new double[4], new double[3], new double[4]}, new double[4]);
    assertSameError("dA rows", doubleMethod(Linear.class, "outerPullback", 6), new double[3],
        new double[2], new double[3][2], new double[2][2], new double[3], new double[2]);
    assertSameError("dz", doubleMethod(Activations.class, "tanhArrayPullback", 4),
        new double[3], new double[3], new double[3], new double[4]);
    assertSameError("a is z", doubleMethod(Activations.class, "relu", 2), x, x);
    assertSameError("target", doubleMethod(Losses.class, "softmaxCrossEntropy", 2),
        new double[3], 3);
    assertSameError("target", doubleMethod(Losses.class, "softmaxCrossEntropyPullback", 5),
        new double[3], -1, 0.0, 1.0, new double[3]);
    assertSameError("empty", doubleMethod(Losses.class, "meanSquaredError", 2), new double[0],
        new double[0]);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Linear.matvec(new float[3][4], new float[3], new float[3]));
    assertEquals("matvec: x has length 3 but W has 4 columns", e.getMessage());
  }

  // ---- values --------------------------------------------------------------------------------

  private static int size(Random r) {
    return 1 + r.nextInt(6);
  }

  private static Object[] args(Object... args) {
    return args;
  }

  private static double positive(Random r) {
    return 0.5 + 1.5 * r.nextDouble();
  }

  private static double[] positive(Random r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = positive(r);
    }
    return v;
  }

  private static double[][] positive(Random r, int m, int n) {
    double[][] a = new double[m][];
    for (int i = 0; i < m; i++) {
      a[i] = positive(r, n);
    }
    return a;
  }

  private static double mixed(Random r) {
    return 4 * r.nextDouble() - 2;
  }

  private static double[] mixed(Random r, int n) {
    return KernelTesting.random(r, n);
  }

  /** Into the tails of the activations as well. */
  private static double wide(Random r) {
    return 12 * r.nextGaussian();
  }

  private static double[] wide(Random r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = wide(r);
    }
    return v;
  }

  /** {@code v} or, one time in three, {@code null}: an adjoint nobody needs. */
  private static <T> T orNull(Random r, T v) {
    return r.nextInt(3) == 0 ? null : v;
  }

  private static double[] nans(int n) {
    double[] v = new double[n];
    Arrays.fill(v, Double.NaN);
    return v;
  }

  private static double[][] nans(int m, int n) {
    double[][] a = new double[m][];
    for (int i = 0; i < m; i++) {
      a[i] = nans(n);
    }
    return a;
  }

  static float[] toFloat(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  static float[][] toFloat(double[][] a) {
    float[][] f = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      f[i] = toFloat(a[i]);
    }
    return f;
  }

  static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  /** {@code Σ seed_i v_i}, in double. */
  private static double weighted(float[] seed, float[] v) {
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      s += (double) seed[i] * v[i];
    }
    return s;
  }

  /** An int argument stays in double: the float overloads must not round it silently. */
  @Test
  void integerArgumentsComputeInDoubleAsBeforeFloatOverloads() {
    int n = 3;
    long m = -2L;
    double sigmoid = Activations.sigmoid(n);
    assertEquals(Activations.sigmoid(3.0), sigmoid);
    assertEquals(Activations.tanh(-2.0), Activations.tanh(m));
    assertEquals(Activations.relu(3.0), Activations.relu(n));
    assertEquals(Activations.softplus(-2.0), Activations.softplus(m));
  }
}

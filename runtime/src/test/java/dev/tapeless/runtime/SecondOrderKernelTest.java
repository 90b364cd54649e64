package dev.tapeless.runtime;

import static dev.tapeless.runtime.KernelTesting.TOLERANCE;
import static dev.tapeless.runtime.KernelTesting.copy;
import static dev.tapeless.runtime.KernelTesting.flatten;
import static dev.tapeless.runtime.KernelTesting.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pullbacks of the pushforwards, which let reverse mode differentiate the tangent program
 * and so give second order through the kernels. Each pushforward is seen as a primal of all its
 * differentiated inputs (primal inputs, the primal's outputs passed in, the result where it
 * takes one, the input tangents), each an independent variable, flattened in parameter order;
 * its output (the returned tangent, or the output tangent it sets) flattened likewise. Its
 * pullback is checked against the fourth-order central finite differences of
 * {@code ⟨seed, pushforward⟩} ({@link GradCheck}, bound 1e-6), at random points with random
 * seeds, its adjoint arrays pre-filled at random so that setting instead of adding fails.
 *
 * <p>The pushforwards and pullbacks are called through reflection, their arguments laid out by
 * the {@code @CustomDerivative} convention from each pushforward's parameter types; which
 * parameters are output tangents ({@code @Out}) or {@code @NoDerivative}, marks invisible at
 * run time, each case states.
 */
class SecondOrderKernelTest {

  private static final int TRIALS = 8;

  /**
   * A pushforward as a primal: its last {@code outputs} parameters are output tangents; those in
   * {@code noDerivative} are not differentiated; those in {@code nullable} are tangents that may
   * be {@code null}. {@code point} gives all its arguments, output tangents included (any
   * contents: they are filled with NaN before each call).
   */
  record Case(Class<?> owner, String pushforward, int outputs, Set<Integer> noDerivative,
      Set<Integer> nullable, Function<Random, Object[]> point) {

    @Override
    public String toString() {
      return owner.getSimpleName() + "." + pushforward;
    }

    Method pushforwardMethod() {
      return byName(owner, pushforward);
    }

    Method pullbackMethod() {
      return byName(owner, pushforward + "Pullback");
    }

    boolean isOutput(int i) {
      return i >= pushforwardMethod().getParameterCount() - outputs;
    }

    /** A differentiated {@code double}, {@code double[]} or {@code double[][]} input. */
    boolean isDifferentiated(int i) {
      Class<?> t = pushforwardMethod().getParameterTypes()[i];
      boolean carries = t == double.class || t == double[].class || t == double[][].class;
      return carries && !isOutput(i) && !noDerivative.contains(i);
    }

    boolean returnsDouble() {
      return pushforwardMethod().getReturnType() == double.class;
    }

    int scalarCount() {
      int n = 0;
      for (int i = 0; i < pushforwardMethod().getParameterCount(); i++) {
        if (isDifferentiated(i) && pushforwardMethod().getParameterTypes()[i] == double.class) {
          n++;
        }
      }
      return n;
    }
  }

  private static Case of(Class<?> owner, String pushforward, int outputs,
      Function<Random, Object[]> point) {
    return new Case(owner, pushforward, outputs, Set.of(), Set.of(), point);
  }

  private static Case withNullable(Class<?> owner, String pushforward, int outputs,
      Set<Integer> nullable, Function<Random, Object[]> point) {
    return new Case(owner, pushforward, outputs, Set.of(), nullable, point);
  }

  static Stream<Case> cases() {
    return Stream.of(
        withNullable(Linear.class, "dotPushforward", 0, Set.of(2, 3), r -> {
          int n = size(r);
          return args(random(r, n), random(r, n), random(r, n), random(r, n));
        }),
        withNullable(Linear.class, "matvecPushforward", 1, Set.of(3, 4), r -> {
          int m = size(r);
          int n = size(r);
          double[][] w = random(r, m, n);
          double[] x = random(r, n);
          double[] y = new double[m];
          Linear.matvec(w, x, y);
          return args(w, x, y, random(r, m, n), random(r, n), new double[m]);
        }),
        withNullable(Linear.class, "matvecTransposedPushforward", 1, Set.of(3, 4), r -> {
          int m = size(r);
          int n = size(r);
          double[][] w = random(r, m, n);
          double[] x = random(r, m);
          double[] y = new double[n];
          Linear.matvecTransposed(w, x, y);
          return args(w, x, y, random(r, m, n), random(r, m), new double[n]);
        }),
        withNullable(Linear.class, "axpyPushforward", 1, Set.of(5, 6), r -> {
          int n = size(r);
          double a = 4 * r.nextDouble() - 2;
          double[] x = random(r, n);
          double[] y = random(r, n);
          double[] z = new double[n];
          Linear.axpy(a, x, y, z);
          return args(a, x, y, z, 4 * r.nextDouble() - 2, random(r, n), random(r, n),
              new double[n]);
        }),
        of(Linear.class, "sumPushforward", 0, r -> {
          int n = size(r);
          return args(random(r, n), random(r, n));
        }),
        withNullable(Linear.class, "outerPushforward", 1, Set.of(3, 4), r -> {
          int m = size(r);
          int n = size(r);
          double[] u = random(r, m);
          double[] v = random(r, n);
          double[][] a = new double[m][n];
          Linear.outer(u, v, a);
          return args(u, v, a, random(r, m), random(r, n), new double[m][n]);
        }),
        of(Activations.class, "sigmoidPushforward", 0, r -> {
          // Both branches, but not within a finite-difference step of where they meet.
          double z;
          do {
            z = 8 * r.nextDouble() - 4;
          } while (Math.abs(Activations.sigmoid(z) - 0.9375) < 0.01);
          return args(z, Activations.sigmoid(z), 4 * r.nextDouble() - 2);
        }),
        of(Activations.class, "tanhPushforward", 0,
            r -> args(8 * r.nextDouble() - 4, 4 * r.nextDouble() - 2)),
        of(Activations.class, "reluPushforward", 0,
            r -> args(offTheKink(8 * r.nextDouble() - 4), 4 * r.nextDouble() - 2)),
        of(Activations.class, "softplusPushforward", 0,
            r -> args(8 * r.nextDouble() - 4, 4 * r.nextDouble() - 2)),
        of(Activations.class, "sigmoidArrayPushforward", 1,
            r -> activation(r, Activations::sigmoid)),
        of(Activations.class, "tanhArrayPushforward", 1, r -> activation(r, Activations::tanh)),
        of(Activations.class, "reluArrayPushforward", 1, r -> activation(r, Activations::relu)),
        of(Activations.class, "softplusArrayPushforward", 1,
            r -> activation(r, Activations::softplus)),
        of(Activations.class, "softmaxPushforward", 1, r -> activation(r, Activations::softmax)),
        of(Losses.class, "logSumExpPushforward", 0, r -> {
          int n = size(r);
          return args(random(r, n), random(r, n));
        }),
        of(Losses.class, "softmaxCrossEntropyPushforward", 0, r -> {
          int n = size(r);
          double[] logits = random(r, n);
          int target = r.nextInt(n);
          return args(logits, target, Losses.softmaxCrossEntropy(logits, target),
              random(r, n));
        }),
        new Case(Losses.class, "meanSquaredErrorPushforward", 0, Set.of(1), Set.of(), r -> {
          int n = size(r);
          return args(random(r, n), random(r, n), random(r, n));
        }));
  }

  static Stream<Case> casesWithNullableTangents() {
    return cases().filter(c -> !c.nullable().isEmpty());
  }

  private interface ArrayKernel {
    void apply(double[] z, double[] out);
  }

  /** {@code (z, out, zDot, outDot)} of an array activation, {@code z} off relu's kink. */
  private static Object[] activation(Random r, ArrayKernel kernel) {
    int n = size(r);
    double[] z = random(r, n);
    for (int i = 0; i < n; i++) {
      z[i] = offTheKink(z[i]);
    }
    double[] out = new double[n];
    kernel.apply(z, out);
    return args(z, out, random(r, n), new double[n]);
  }

  private static double offTheKink(double z) {
    return Math.abs(z) < 0.1 ? z + 0.5 : z;
  }

  private static int size(Random r) {
    return 1 + r.nextInt(5);
  }

  private static Object[] args(Object... args) {
    return args;
  }

  // ---- the checks ----------------------------------------------------------------------------

  /**
   * The pullback against finite differences of the pushforward, with every combination of
   * {@code null} input tangents the pushforward allows (a {@code null} tangent is zero and no
   * variable).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void pullbackIsTheGradientOfThePushforwardByFiniteDifferences(Case c) {
    Random r = new Random(c.pushforward().hashCode());
    for (Set<Integer> nulls : subsets(c.nullable())) {
      for (int trial = 0; trial < TRIALS; trial++) {
        Object[] args = c.point().apply(r);
        Point p = new Point(c, args, nulls);
        double[] seed = random(r, p.outputSize());
        Adjoints init = Adjoints.random(c, args, r);
        Pulled pulled = p.pull(seed, init, Set.of());
        double[] numeric = GradCheck.numericGradient(
            x -> KernelTesting.weighted(seed, p.push(p.at(x))), p.flat());
        GradCheck.Report report = new GradCheck.Report(pulled.gradient(init), numeric);
        assertTrue(report.isWithin(TOLERANCE),
            () -> c + " with null tangents " + nulls + ": " + report);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void pullbackLeavesZeroInTheAdjointOfTheOutputTangent(Case c) {
    Random r = new Random(1 + c.pushforward().hashCode());
    for (int trial = 0; trial < TRIALS; trial++) {
      Point p = new Point(c, c.point().apply(r), Set.of());
      Pulled pulled = p.pull(random(r, p.outputSize()), Adjoints.random(c, p.args, r), Set.of());
      for (Object seed : pulled.outputSeeds) {
        assertArrayEquals(new double[flatten(seed).length], flatten(seed), 0.0,
            c + ": the output tangent's adjoint after the pullback");
      }
    }
  }

  /** Nor the output tangent, whose contents it does not read ({@code readsOutputs = false}). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void pullbackModifiesNoneOfThePushforwardsArguments(Case c) {
    Random r = new Random(2 + c.pushforward().hashCode());
    for (int trial = 0; trial < TRIALS; trial++) {
      Point p = new Point(c, c.point().apply(r), Set.of());
      Pulled pulled = p.pull(random(r, p.outputSize()), Adjoints.random(c, p.args, r), Set.of());
      for (int i = 0; i < p.args.length; i++) {
        assertDeepEquals(c + " argument " + i, pulled.argumentsBefore[i], pulled.arguments[i]);
      }
    }
  }

  /**
   * {@code skipsNullAdjoints}: each input adjoint array, and all of them, may be {@code null};
   * the others, the returned adjoint and {@code dScalars} come out bit for bit as with every
   * array present, and the output tangent's adjoint is still zeroed.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aNullInputAdjointSkipsOnlyItsOwnWork(Case c) {
    Random r = new Random(3 + c.pushforward().hashCode());
    List<Integer> arrays = new ArrayList<>();
    for (int i = 0; i < c.pushforwardMethod().getParameterCount(); i++) {
      if (c.isDifferentiated(i) && c.pushforwardMethod().getParameterTypes()[i] != double.class) {
        arrays.add(i);
      }
    }
    List<Set<Integer>> nullSets = new ArrayList<>();
    arrays.forEach(i -> nullSets.add(Set.of(i)));
    nullSets.add(Set.copyOf(arrays));
    for (int trial = 0; trial < TRIALS; trial++) {
      Point p = new Point(c, c.point().apply(r), Set.of());
      double[] seed = random(r, p.outputSize());
      Adjoints init = Adjoints.random(c, p.args, r);
      Pulled all = p.pull(seed, init, Set.of());
      for (Set<Integer> nulls : nullSets) {
        Pulled some = p.pull(seed, init, nulls);
        String what = c + " with null adjoints for parameters " + nulls;
        assertSameAdjoints(what, all, some, nulls);
        for (Object s : some.outputSeeds) {
          assertArrayEquals(new double[flatten(s).length], flatten(s), 0.0, what);
        }
      }
    }
  }

  /**
   * A {@code null} input tangent gives the pullback exactly what an array of zeros gives,
   * including the adjoint of that tangent (which does not depend on its value).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("casesWithNullableTangents")
  void aNullTangentIsZeroForThePullback(Case c) {
    Random r = new Random(4 + c.pushforward().hashCode());
    for (Set<Integer> nulls : subsets(c.nullable())) {
      if (nulls.isEmpty()) {
        continue;
      }
      for (int trial = 0; trial < TRIALS; trial++) {
        Object[] args = c.point().apply(r);
        Object[] zeros = deepCopy(args);
        for (int i : nulls) {
          zeros[i] = zerosLike(args[i]);
        }
        Point withNull = new Point(c, args, nulls);
        Point withZeros = new Point(c, zeros, Set.of());
        double[] seed = random(r, withNull.outputSize());
        Adjoints init = Adjoints.random(c, zeros, r);
        assertSameAdjoints(c + " with null tangents " + nulls,
            withZeros.pull(seed, init, Set.of()), withNull.pull(seed, init, Set.of()), Set.of());
      }
    }
  }

  /**
   * Every pushforward of the three kernel classes has a case here, so that a new kernel cannot
   * be added without the checks above for its pushforward's pullback.
   */
  @Test
  void everyPushforwardOfTheKernelClassesIsChecked() {
    Set<String> declared = new TreeSet<>();
    for (Class<?> owner : List.of(Linear.class, Activations.class, Losses.class)) {
      for (Method m : owner.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers()) && m.getName().endsWith("Pushforward")) {
          declared.add(owner.getSimpleName() + "." + m.getName());
        }
      }
    }
    Set<String> checked = new TreeSet<>();
    cases().forEach(c -> checked.add(c.toString()));
    assertEquals(declared, checked);
  }

  // ---- what the pullbacks send where ---------------------------------------------------------

  /**
   * The pushforward of a kernel that works from its output sends an adjoint to that output;
   * the kernel's own pullback carries it on to the input. Together they must give the second
   * derivative of the kernel along {@code zDot}: here each composition against finite
   * differences of the pushforward with the output recomputed from the input.
   */
  @Test
  void adjointsSentToTheOutputCompleteTheSecondDerivativeThroughTheKernelsPullback() {
    Random r = new Random(61);
    for (int trial = 0; trial < TRIALS; trial++) {
      double z = 8 * r.nextDouble() - 4;
      double zDot = 4 * r.nextDouble() - 2;
      double[] dScalars = new double[3];
      Activations.sigmoidPushforwardPullback(z, Activations.sigmoid(z), zDot, 1.0, dScalars);
      double total = dScalars[0]
          + Activations.sigmoidPullback(z, Activations.sigmoid(z), dScalars[1]);
      KernelTesting.assertDerivative("σ'' zDot", total,
          v -> Activations.sigmoidPushforward(v, Activations.sigmoid(v), zDot), z);

      int n = size(r);
      double[] zs = random(r, n);
      double[] zsDot = random(r, n);
      double[] seed = random(r, n);
      for (FromOutput k : FromOutput.values()) {
        double[] out = new double[n];
        k.primal(zs, out);
        double[] dz = new double[n];
        double[] dOut = new double[n];
        k.pushforwardPullback(zs, out, zsDot, new double[n], seed.clone(), dz, dOut);
        k.pullback(zs, out, dOut, dz);
        KernelTesting.assertGradient(k + " second derivative along zDot", dz,
            v -> {
              double[] o = new double[n];
              k.primal(v, o);
              double[] oDot = new double[n];
              k.pushforward(v, o, zsDot, oDot);
              return KernelTesting.weighted(seed, oDot);
            },
            zs);
      }

      int target = r.nextInt(n);
      double result = Losses.softmaxCrossEntropy(zs, target);
      double[] dLogits = new double[n];
      double dResult = Losses.softmaxCrossEntropyPushforwardPullback(
          zs, target, result, zsDot, 1.0, dLogits, null);
      Losses.softmaxCrossEntropyPullback(zs, target, result, dResult, dLogits);
      KernelTesting.assertGradient("softmaxCrossEntropy Hessian times zDot", dLogits,
          v -> Losses.softmaxCrossEntropyPushforward(
              v, target, Losses.softmaxCrossEntropy(v, target), zsDot),
          zs);
    }
  }

  /** {@code σ''(40) = e(e − 1)/(1 + e)³ ≈ −e^-40} with {@code e = e^-40}, not 0 or noise. */
  @Test
  void sigmoidSecondDerivativeKeepsFullRelativeAccuracyInTheTail() {
    for (double z : new double[] {3, 10, 40, 700}) {
      double e = Math.exp(-z);
      double exact = e * (e - 1) / ((1 + e) * (1 + e) * (1 + e));
      double[] dScalars = new double[3];
      Activations.sigmoidPushforwardPullback(z, Activations.sigmoid(z), 1.0, 1.0, dScalars);
      assertEquals(exact, dScalars[0], 4e-15 * Math.abs(exact), "z = " + z);
      assertEquals(0.0, dScalars[1], "the upper tail works from z, not from the result");
    }
    double[] dScalars = new double[2];
    Activations.softplusPushforwardPullback(40, 1.0, 1.0, dScalars);
    assertEquals(Math.exp(-40), dScalars[0], 1e-14 * Math.exp(-40), "softplus'' = σ'");
  }

  @Test
  void tanhSecondDerivativeIsFiniteForLargeArguments() {
    double[] dScalars = new double[2];
    Activations.tanhPushforwardPullback(800, 1.0, 1.0, dScalars);
    assertArrayEquals(new double[] {0, 0}, dScalars, 0.0);
    dScalars = new double[2];
    Activations.tanhPushforwardPullback(-20, 1.0, 1.0, dScalars);
    double sech2 = 1 / (Math.cosh(20) * Math.cosh(20));
    assertEquals(2 * Math.tanh(20) * sech2, dScalars[0], 1e-15 * sech2);
  }

  /**
   * relu's tangent is 0 at the kink and NaN for NaN; so is the derivative of the pushforward
   * with respect to the tangent, and with respect to {@code z} it is 0 (NaN for NaN).
   */
  @Test
  void reluSecondOrderIsZeroAtTheKinkAndNaNForNaN() {
    double[] zs = {0.0, -0.0, 2.0, -1.0, Double.NaN};
    double[] expectedDz = {0, 0, 0, 0, Double.NaN};
    double[] expectedDzDot = {0, 0, 5, 0, Double.NaN};
    for (int i = 0; i < zs.length; i++) {
      double[] dScalars = new double[2];
      Activations.reluPushforwardPullback(zs[i], 3.0, 5.0, dScalars);
      assertArrayEquals(new double[] {expectedDz[i], expectedDzDot[i]}, dScalars, 0.0,
          "z = " + zs[i]);
    }
    double[] a = new double[zs.length];
    Activations.relu(zs, a);
    double[] dz = new double[zs.length];
    double[] dzDot = new double[zs.length];
    double[] seed = {5, 5, 5, 5, 5};
    Activations.reluArrayPushforwardPullback(
        zs, a, new double[] {3, 3, 3, 3, 3}, new double[5], seed, dz, null, dzDot);
    assertArrayEquals(expectedDz, dz, 0.0);
    assertArrayEquals(expectedDzDot, dzDot, 0.0);
  }

  /**
   * The cross entropy's second-order pullback sums the non-target terms, as its pushforward
   * does: with the target's probability near 1 the adjoint along the target's tangent,
   * {@code −Σ_{i≠target} softmax_i}, keeps full relative accuracy.
   */
  @Test
  void crossEntropySecondOrderOfASmallLossKeepsFullRelativeAccuracy() {
    double[] logits = {30, 0};
    double e = Math.exp(-30);
    double[] dLogitsDot = new double[2];
    Losses.softmaxCrossEntropyPushforwardPullback(logits, 0,
        Losses.softmaxCrossEntropy(logits, 0), new double[2], 1.0, null, dLogitsDot);
    assertEquals(-e / (1 + e), dLogitsDot[0], 1e-14 * e);
    assertEquals(e / (1 + e), dLogitsDot[1], 1e-14 * e);
  }

  @Test
  void logSumExpSecondOrderOfLargeLogitsIsFinite() {
    double[] dz = new double[2];
    double[] dzDot = new double[2];
    Losses.logSumExpPushforwardPullback(
        new double[] {1000, 1000}, new double[] {1, 3}, 1.0, dz, dzDot);
    // p = (1/2, 1/2), t = 2: dz = p (zDot − t), dzDot = p.
    assertArrayEquals(new double[] {-0.5, 0.5}, dz, 1e-15);
    assertArrayEquals(new double[] {0.5, 0.5}, dzDot, 1e-15);
  }

  @Test
  void emptyShapesAreFine() {
    Linear.matvecPushforwardPullback(new double[0][], new double[] {1, 2}, new double[0], null,
        null, new double[0], new double[0], null, new double[2], null, null, new double[2]);
    Linear.outerPushforwardPullback(new double[0], new double[] {1}, new double[0][], null,
        null, new double[0][], new double[0][], null, new double[1], null, null, new double[1]);
    Losses.logSumExpPushforwardPullback(new double[0], new double[0], 1.0, new double[0], null);
    Linear.sumPushforwardPullback(new double[0], new double[0], 1.0, null, new double[0]);
    double[] dxDot = {7, 7};
    Linear.matvecTransposedPushforwardPullback(new double[2][0], new double[2], new double[0],
        null, null, new double[0], new double[0], null, null, null, null, dxDot);
    assertArrayEquals(new double[] {7, 7}, dxDot, "an empty seed adds nothing");
  }

  // ---- shapes and aliasing -------------------------------------------------------------------

  @Test
  void shapesAreCheckedBeforeAnythingIsWritten() {
    double[] dyDot = {7, 7, 7};
    double[] dx = {7, 7, 7, 7};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Linear.matvecPushforwardPullback(new double[3][4], new double[4], new double[3],
            null, null, new double[3], dyDot, null, dx, null, new double[3][5], null));
    assertEquals("matvecPushforwardPullback: dWDot[0] has length 5 but W has 4 columns",
        e.getMessage());
    assertArrayEquals(new double[] {7, 7, 7}, dyDot);
    assertArrayEquals(new double[] {7, 7, 7, 7}, dx);

    double[] dScalars = {7};
    e = assertThrows(IllegalArgumentException.class,
        () -> Linear.axpyPushforwardPullback(1, new double[2], new double[2], new double[2], 1,
            null, null, new double[2], new double[] {1, 1}, null, null, null, null, null,
            dScalars));
    assertEquals("axpyPushforwardPullback: dScalars has length 1 but there are 2"
        + " differentiated double parameters", e.getMessage());
    assertArrayEquals(new double[] {7}, dScalars);

    e = assertThrows(IllegalArgumentException.class,
        () -> Activations.softmaxPushforwardPullback(new double[3], new double[3],
            new double[3], new double[3], new double[3], null, null, new double[2]));
    assertEquals("softmaxPushforwardPullback: dzDot has length 2 but z has length 3",
        e.getMessage());
  }

  /**
   * A pullback that reads an input tangent cannot work after the call wrote the output tangent
   * over it (which the element-wise pushforwards allow): it says so instead of using the
   * output as the input.
   */
  @Test
  void anOutputTangentWrittenOverATangentThePullbackReadsIsRejected() {
    double[] t = new double[3];
    double[] seed = new double[3];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Activations.sigmoidArrayPushforwardPullback(new double[3], new double[3], t, t,
            seed, null, new double[3], new double[3]));
    assertEquals("sigmoidArrayPushforwardPullback: aDot must not be the same array as zDot",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Activations.softmaxPushforwardPullback(new double[3], new double[3], t, t,
            seed, null, new double[3], new double[3]));
    assertEquals("softmaxPushforwardPullback: yDot must not be the same array as zDot",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Linear.axpyPushforwardPullback(1, new double[3], new double[3], new double[3], 1,
            t, null, t, seed, null, null, null, null, null, new double[2]));
    assertEquals("axpyPushforwardPullback: zDot must not be the same array as xDot",
        e.getMessage());
    // relu's reads no tangent, and axpy's does not read yDot: either may have been written over.
    Activations.reluArrayPushforwardPullback(
        new double[3], new double[3], t, t, seed, null, null, new double[3]);
    Linear.axpyPushforwardPullback(1, new double[3], new double[3], new double[3], 1, null, t,
        t, seed, null, null, null, null, new double[3], new double[2]);
  }

  // ---- the harness ---------------------------------------------------------------------------

  /** A point of a case: the pushforward's arguments, with the tangents in {@code nulls} null. */
  private static final class Point {
    final Case c;
    final Object[] args;

    Point(Case c, Object[] args, Set<Integer> nulls) {
      this.c = c;
      this.args = args.clone();
      for (int i : nulls) {
        this.args[i] = null;
      }
    }

    /** The differentiated arguments that are not null, flattened in parameter order. */
    double[] flat() {
      List<double[]> parts = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        if (c.isDifferentiated(i) && args[i] != null) {
          parts.add(flatten(args[i]));
        }
      }
      return concat(parts);
    }

    /** Fresh arguments with the flat variables at {@code x}. */
    Object[] at(double[] x) {
      Object[] out = deepCopy(args);
      int k = 0;
      for (int i = 0; i < out.length; i++) {
        if (c.isDifferentiated(i) && out[i] != null) {
          k = unflatten(x, k, out, i);
        }
      }
      return out;
    }

    int outputSize() {
      return c.returnsDouble() ? 1 : push(deepCopy(args)).length;
    }

    /** The pushforward's output, flattened, its output tangents first filled with NaN. */
    double[] push(Object[] arguments) {
      List<double[]> outs = new ArrayList<>();
      for (int i = 0; i < arguments.length; i++) {
        if (c.isOutput(i)) {
          fill(arguments[i], Double.NaN);
        }
      }
      Object result = invoke(c.pushforwardMethod(), arguments);
      if (c.returnsDouble()) {
        return new double[] {(Double) result};
      }
      for (int i = 0; i < arguments.length; i++) {
        if (c.isOutput(i)) {
          outs.add(flatten(arguments[i]));
        }
      }
      return concat(outs);
    }

    /**
     * Calls the pullback after the pushforward at this point with {@code seed} on its output,
     * the input adjoints starting from {@code init}, {@code null} for the parameters in
     * {@code nullAdjoints}.
     */
    Pulled pull(double[] seed, Adjoints init, Set<Integer> nullAdjoints) {
      Object[] arguments = deepCopy(args);
      push(arguments);
      List<Object> call = new ArrayList<>(Arrays.asList(arguments));
      if (c.returnsDouble()) {
        call.add(seed[0]);
      }
      Pulled pulled = new Pulled(c, arguments, deepCopy(arguments));
      int k = 0;
      for (int i = 0; i < arguments.length; i++) {
        if (c.isOutput(i)) {
          Object s = deepCopy(arguments[i]);
          k = unflatten(seed, k, new Object[] {s}, 0);
          pulled.outputSeeds.add(s);
          call.add(s);
        }
      }
      for (int i = 0; i < arguments.length; i++) {
        if (c.isDifferentiated(i) && init.arrays[i] != null) {
          pulled.adjoints[i] = nullAdjoints.contains(i) ? null : deepCopy(init.arrays[i]);
          call.add(pulled.adjoints[i]);
        }
      }
      if (c.scalarCount() >= 2) {
        pulled.dScalars = init.dScalars.clone();
        call.add(pulled.dScalars);
      }
      Method pullback = c.pullbackMethod();
      assertEquals(pullback.getParameterCount(), call.size(), pullback + " arity");
      Object returned = invoke(pullback, call.toArray());
      if (c.scalarCount() == 1) {
        pulled.returned = (Double) returned;
      }
      return pulled;
    }
  }

  /** Starting values of a pullback's input adjoints: random, so that adding is checked. */
  private static final class Adjoints {
    final Object[] arrays;
    double[] dScalars;

    private Adjoints(int n) {
      arrays = new Object[n];
    }

    /** For the arguments {@code args} of case {@code c}, none of them null. */
    static Adjoints random(Case c, Object[] args, Random r) {
      Adjoints a = new Adjoints(args.length);
      for (int i = 0; i < args.length; i++) {
        if (c.isDifferentiated(i) && !(args[i] instanceof Double)) {
          a.arrays[i] = args[i] instanceof double[] v ? KernelTesting.random(r, v.length)
              : randomLike((double[][]) args[i], r);
        }
      }
      a.dScalars = KernelTesting.random(r, c.scalarCount());
      return a;
    }
  }

  /** What a pullback call left: the arguments and adjoint arrays it was given, what it returned. */
  private static final class Pulled {
    final Case c;
    final Object[] arguments;
    /** The arguments as the pullback got them: after the pushforward wrote its output. */
    final Object[] argumentsBefore;
    final Object[] adjoints;
    final List<Object> outputSeeds = new ArrayList<>();
    double[] dScalars;
    double returned = Double.NaN;

    Pulled(Case c, Object[] arguments, Object[] argumentsBefore) {
      this.c = c;
      this.arguments = arguments;
      this.argumentsBefore = argumentsBefore;
      this.adjoints = new Object[arguments.length];
    }

    /** What was added to the adjoint of each non-null differentiated input, in flat order. */
    double[] gradient(Adjoints init) {
      List<double[]> parts = new ArrayList<>();
      int scalar = 0;
      for (int i = 0; i < arguments.length; i++) {
        if (!c.isDifferentiated(i)) {
          continue;
        }
        if (arguments[i] instanceof Double) {
          parts.add(new double[] {c.scalarCount() == 1 ? returned
              : dScalars[scalar] - init.dScalars[scalar]});
          scalar++;
        } else if (arguments[i] != null) {
          double[] after = flatten(adjoints[i]);
          double[] before = flatten(init.arrays[i]);
          parts.add(KernelTesting.added(after, before));
        }
      }
      return concat(parts);
    }
  }

  /** {@code expected} and {@code actual} agree exactly except in the adjoints left null. */
  private static void assertSameAdjoints(String what, Pulled expected, Pulled actual,
      Set<Integer> nulls) {
    for (int i = 0; i < expected.adjoints.length; i++) {
      if (expected.adjoints[i] != null && !nulls.contains(i)) {
        assertArrayEquals(flatten(expected.adjoints[i]), flatten(actual.adjoints[i]), 0.0,
            what + ": adjoint of parameter " + i);
      }
    }
    if (expected.dScalars != null) {
      assertArrayEquals(expected.dScalars, actual.dScalars, 0.0, what + ": dScalars");
    }
    assertEquals(expected.returned, actual.returned, 0.0, what + ": returned adjoint");
  }

  // ---- values --------------------------------------------------------------------------------

  /** The double {@code name}: the float overloads are {@link FloatSecondOrderKernelTest}'s. */
  private static Method byName(Class<?> owner, String name) {
    Method found = null;
    for (Method m : owner.getDeclaredMethods()) {
      if (m.getName().equals(name) && !FloatTwins.isFloat(m)) {
        assertNull(found, "one method " + name);
        found = m;
      }
    }
    if (found == null) {
      fail(owner.getSimpleName() + " has no method " + name);
    }
    return found;
  }

  private static Object invoke(Method m, Object[] arguments) {
    try {
      return m.invoke(null, arguments);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new AssertionError(e.getCause());
    }
  }

  static List<Set<Integer>> subsets(Set<Integer> of) {
    List<Integer> items = new ArrayList<>(new TreeSet<>(of));
    List<Set<Integer>> out = new ArrayList<>();
    for (int mask = 0; mask < 1 << items.size(); mask++) {
      Set<Integer> s = new TreeSet<>();
      for (int b = 0; b < items.size(); b++) {
        if ((mask & 1 << b) != 0) {
          s.add(items.get(b));
        }
      }
      out.add(s);
    }
    return out;
  }

  private static double[] flatten(Object value) {
    if (value instanceof Double d) {
      return new double[] {d};
    } else if (value instanceof double[] v) {
      return v.clone();
    } else if (value instanceof double[][] a) {
      return KernelTesting.flatten(a);
    }
    throw new IllegalArgumentException("not a differentiated value: " + value);
  }

  /** Sets {@code into[i]} (of the type it has) from {@code flat} at {@code k}; the next k. */
  private static int unflatten(double[] flat, int k, Object[] into, int i) {
    if (into[i] instanceof Double) {
      into[i] = flat[k];
      return k + 1;
    } else if (into[i] instanceof double[] v) {
      System.arraycopy(flat, k, v, 0, v.length);
      return k + v.length;
    }
    for (double[] row : (double[][]) into[i]) {
      System.arraycopy(flat, k, row, 0, row.length);
      k += row.length;
    }
    return k;
  }

  private static void fill(Object array, double value) {
    if (array instanceof double[] v) {
      Arrays.fill(v, value);
    } else {
      for (double[] row : (double[][]) array) {
        Arrays.fill(row, value);
      }
    }
  }

  private static Object deepCopy(Object value) {
    if (value instanceof double[] v) {
      return v.clone();
    } else if (value instanceof double[][] a) {
      return copy(a);
    }
    return value; // immutable, or null
  }

  private static Object[] deepCopy(Object[] values) {
    Object[] out = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = deepCopy(values[i]);
    }
    return out;
  }

  private static Object zerosLike(Object value) {
    Object z = deepCopy(value);
    fill(z, 0.0);
    return z;
  }

  private static double[][] randomLike(double[][] like, Random r) {
    double[][] a = new double[like.length][];
    for (int i = 0; i < a.length; i++) {
      a[i] = KernelTesting.random(r, like[i].length);
    }
    return a;
  }

  private static double[] concat(List<double[]> parts) {
    int n = 0;
    for (double[] p : parts) {
      n += p.length;
    }
    double[] out = new double[n];
    int k = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, k, p.length);
      k += p.length;
    }
    return out;
  }

  private static void assertDeepEquals(String what, Object expected, Object actual) {
    if (expected instanceof double[] || expected instanceof double[][]) {
      assertArrayEquals(flatten(expected), flatten(actual), 0.0, what + " was modified");
    } else {
      assertEquals(expected, actual, what + " was modified");
    }
  }

  // ---- the array activations whose pushforwards work from the output -----------------------

  private enum FromOutput {
    SIGMOID, TANH, SOFTMAX;

    void primal(double[] z, double[] out) {
      switch (this) {
        case SIGMOID -> Activations.sigmoid(z, out);
        case TANH -> Activations.tanh(z, out);
        default -> Activations.softmax(z, out);
      }
    }

    void pushforward(double[] z, double[] out, double[] zDot, double[] outDot) {
      switch (this) {
        case SIGMOID -> Activations.sigmoidArrayPushforward(z, out, zDot, outDot);
        case TANH -> Activations.tanhArrayPushforward(z, out, zDot, outDot);
        default -> Activations.softmaxPushforward(z, out, zDot, outDot);
      }
    }

    /** Into {@code dz} and {@code dOut}; no adjoint for {@code zDot}. */
    void pushforwardPullback(double[] z, double[] out, double[] zDot, double[] outDot,
        double[] seed, double[] dz, double[] dOut) {
      switch (this) {
        case SIGMOID -> Activations.sigmoidArrayPushforwardPullback(
            z, out, zDot, outDot, seed, dz, dOut, null);
        case TANH -> Activations.tanhArrayPushforwardPullback(
            z, out, zDot, outDot, seed, dz, dOut, null);
        default -> Activations.softmaxPushforwardPullback(
            z, out, zDot, outDot, seed, dz, dOut, null);
      }
    }

    void pullback(double[] z, double[] out, double[] dOut, double[] dz) {
      switch (this) {
        case SIGMOID -> Activations.sigmoidArrayPullback(z, out, dOut, dz);
        case TANH -> Activations.tanhArrayPullback(z, out, dOut, dz);
        default -> Activations.softmaxPullback(z, out, dOut, dz);
      }
    }
  }
}

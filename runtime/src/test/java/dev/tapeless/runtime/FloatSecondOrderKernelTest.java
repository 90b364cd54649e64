package dev.tapeless.runtime;

import static dev.tapeless.runtime.FloatTwins.assertSameError;
import static dev.tapeless.runtime.FloatTwins.assertTwins;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.runtime.SecondOrderKernelTest.Case;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float pushforwards and their pullbacks (second order) against the double ones
 * ({@link FloatTwins}) at the points of {@link SecondOrderKernelTest}'s cases, rounded to float,
 * with every combination of {@code null} tangents a pushforward allows and random {@code null}
 * adjoints; the pullbacks' input adjoints start random, so that setting instead of adding shows.
 * Linear's points are taken in absolute value: its float sums then do not cancel below the
 * agreement asked for. Plus the tails where the double versions take care, in float.
 */
class FloatSecondOrderKernelTest {

  private static final int TRIALS = 8;

  static Stream<Case> cases() {
    return SecondOrderKernelTest.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void pushforwardAgreesWithDouble(Case c) {
    Random r = new Random(c.pushforward().hashCode());
    for (Set<Integer> nulls : SecondOrderKernelTest.subsets(c.nullable())) {
      for (int trial = 0; trial < TRIALS; trial++) {
        Object[] args = point(c, r);
        for (int i = 0; i < args.length; i++) {
          if (nulls.contains(i)) {
            args[i] = null;
          } else if (c.isOutput(i)) {
            fill(args[i], Double.NaN); // set, not added to
          }
        }
        assertTwins(c + " with null tangents " + nulls + " at " + Arrays.deepToString(args),
            c.pushforwardMethod(), args);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void pushforwardPullbackAgreesWithDouble(Case c) {
    Random r = new Random(1 + c.pushforward().hashCode());
    boolean positive = c.owner() == Linear.class;
    for (Set<Integer> nulls : SecondOrderKernelTest.subsets(c.nullable())) {
      for (int trial = 0; trial < TRIALS; trial++) {
        Object[] full = point(c, r);
        Object[] args = full.clone();
        nulls.forEach(i -> args[i] = null);
        List<Object> call = new ArrayList<>(Arrays.asList(args));
        if (c.returnsDouble()) {
          call.add(value(r, positive));
        }
        for (int i = 0; i < args.length; i++) {
          if (c.isOutput(i)) {
            call.add(randomLike(full[i], r, positive));
          }
        }
        for (int i = 0; i < args.length; i++) {
          if (c.isDifferentiated(i) && !(full[i] instanceof Double)) {
            call.add(r.nextInt(3) == 0 ? null : randomLike(full[i], r, positive));
          }
        }
        if (c.scalarCount() >= 2) {
          call.add(KernelTesting.random(r, c.scalarCount()));
        }
        assertTwins(c + " with null tangents " + nulls + " at " + Arrays.deepToString(args),
            c.pullbackMethod(), call.toArray());
      }
    }
  }

  /** Every float pushforward has a case, and so is compared with its pullback. */
  @Test
  void everyFloatPushforwardIsCompared() {
    Set<String> declared = new TreeSet<>();
    for (Class<?> owner : List.of(Linear.class, Activations.class, Losses.class)) {
      for (Method m : owner.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers()) && FloatTwins.isFloat(m)
            && m.getName().endsWith("Pushforward")) {
          declared.add(owner.getSimpleName() + "." + m.getName());
        }
      }
    }
    Set<String> compared = new TreeSet<>();
    cases().forEach(c -> compared.add(c.toString()));
    assertEquals(declared, compared);
  }

  @Test
  void tailsKeepTheirRelativeAccuracyInFloat() {
    double e = Math.exp(-40);
    double[] dScalars = new double[3];
    Activations.sigmoidPushforwardPullback(40f, 1f, 1f, 1f, dScalars);
    assertEquals(e * (e - 1) / ((1 + e) * (1 + e) * (1 + e)), dScalars[0], 1e-14 * e);
    dScalars = new double[2];
    Activations.tanhPushforwardPullback(800f, 1f, 1f, dScalars);
    assertArrayEquals(new double[] {0, 0}, dScalars, 0.0);
    dScalars = new double[2];
    Activations.reluPushforwardPullback(Float.NaN, 1f, 1f, dScalars);
    assertArrayEquals(new double[] {Double.NaN, Double.NaN}, dScalars, 0.0);

    float[] logits = {30f, 0f};
    float[] dLogitsDot = new float[2];
    Losses.softmaxCrossEntropyPushforwardPullback(logits, 0,
        Losses.softmaxCrossEntropy(logits, 0), new float[2], 1f, null, dLogitsDot);
    double p = Math.exp(-30) / (1 + Math.exp(-30));
    assertEquals((float) -p, dLogitsDot[0], 1e-6 * p);
    assertEquals((float) p, dLogitsDot[1], 1e-6 * p);

    float[] dz = new float[2];
    float[] dzDot = new float[2];
    Losses.logSumExpPushforwardPullback(
        new float[] {1000f, 1000f}, new float[] {1f, 3f}, 1f, dz, dzDot);
    assertArrayEquals(new float[] {-0.5f, 0.5f}, dz);
    assertArrayEquals(new float[] {0.5f, 0.5f}, dzDot);
  }

  @Test
  void shapeAndTangentAliasingErrorsAreTheDoubleOnes() {
    double[] t = new double[3];
    double[] seed = new double[3];
    assertSameError("dWDot columns", method(Linear.class, "matvecPushforwardPullback", 12),
        new double[3][4], new double[4], new double[3], null, null, new double[3],
        new double[3], null, new double[4], null, new double[3][5], null);
    assertSameError("dScalars", method(Linear.class, "axpyPushforwardPullback", 15), 1.0,
        new double[2], new double[2], new double[2], 1.0, null, null, new double[2],
        new double[] {1, 1}, null, null, null, null, null, new double[1]);
    assertSameError("zDot is xDot", method(Linear.class, "axpyPushforwardPullback", 15), 1.0,
        new double[3], new double[3], new double[3], 1.0, t, null, t, seed, null, null, null,
        null, null, new double[2]);
    assertSameError("aDot is zDot", method(Activations.class, "sigmoidArrayPushforwardPullback",
        8), new double[3], new double[3], t, t, seed, null, new double[3], new double[3]);
    assertSameError("yDot is zDot", method(Activations.class, "softmaxPushforwardPullback", 8),
        new double[3], new double[3], t, t, seed, null, new double[3], new double[3]);
    double[][] wDot = {new double[3], t};
    assertSameError("yDot is a row of WDot", method(Linear.class, "matvecPushforward", 6),
        new double[2][3], new double[3], new double[2], wDot, null, t);
    assertSameError("ADot row is uDot", method(Linear.class, "outerPushforward", 6),
        new double[3], new double[3], new double[3][3], t, null,
        new double[][] {new double[3], t, new double[3]});
    assertSameError("xDot", method(Linear.class, "dotPushforward", 4), new double[3],
        new double[3], new double[2], null);
  }

  private static Method method(Class<?> owner, String name, int arity) {
    return FloatTwins.doubleMethod(owner, name, arity);
  }

  // ---- values --------------------------------------------------------------------------------

  /** The case's point, in absolute value for Linear. */
  private static Object[] point(Case c, Random r) {
    Object[] args = c.point().apply(r);
    if (c.owner() == Linear.class) {
      for (int i = 0; i < args.length; i++) {
        args[i] = abs(args[i]);
      }
    }
    return args;
  }

  private static Object abs(Object a) {
    if (a instanceof Double v) {
      return Math.abs(v);
    } else if (a instanceof double[] v) {
      double[] out = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        out[i] = Math.abs(v[i]);
      }
      return out;
    } else if (a instanceof double[][] m) {
      double[][] out = new double[m.length][];
      for (int i = 0; i < m.length; i++) {
        out[i] = (double[]) abs(m[i]);
      }
      return out;
    }
    return a;
  }

  private static double value(Random r, boolean positive) {
    return positive ? 0.5 + 1.5 * r.nextDouble() : 4 * r.nextDouble() - 2;
  }

  private static Object randomLike(Object like, Random r, boolean positive) {
    if (like instanceof double[] v) {
      double[] out = new double[v.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = value(r, positive);
      }
      return out;
    }
    double[][] m = (double[][]) like;
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = (double[]) randomLike(m[i], r, positive);
    }
    return out;
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
}

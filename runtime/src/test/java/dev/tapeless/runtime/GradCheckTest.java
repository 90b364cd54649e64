package dev.tapeless.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class GradCheckTest {

  /** e = (a + b)(b + 1), the seed example: at (3, 2) the gradient is (3, 8). */
  private static final ToDoubleFunction<double[]> E = x -> (x[0] + x[1]) * (x[1] + 1);

  @Test
  void numericGradientOfSeedExampleIsExactForAQuadratic() {
    double[] numeric = GradCheck.numericGradient(E, new double[] {3, 2});
    assertArrayEquals(new double[] {3, 8}, numeric, 1e-12);
  }

  @Test
  void correctGradientPassesWithTinyError() {
    double[] x = {0.7, -1.3, 2.5};
    ToDoubleFunction<double[]> f = v -> Math.sin(v[0]) * Math.exp(v[1]) + v[2] * v[2] * v[0];
    double[] grad = {
      Math.cos(x[0]) * Math.exp(x[1]) + x[2] * x[2],
      Math.sin(x[0]) * Math.exp(x[1]),
      2 * x[2] * x[0]
    };
    GradCheck.Report report = GradCheck.check(f, x, grad);
    assertTrue(report.maxRelativeError() < 1e-10, report::toString);
    assertSame(report, report.assertWithin(1e-9));
  }

  @Test
  void wrongComponentIsCaughtAndNamedInTheMessage() {
    double[] x = {3, 2};
    GradCheck.Report report = GradCheck.check(E, x, new double[] {3, 7.5});
    assertEquals(1, report.worstIndex());
    assertEquals(0.5 / 8, report.maxRelativeError(), 1e-9);
    assertFalse(report.isWithin(1e-6));

    AssertionError error = assertThrows(AssertionError.class, () -> report.assertWithin(1e-6));
    String message = error.getMessage();
    assertTrue(message.contains("[1]"), message);
    assertTrue(message.contains("analytic 7.5"), message);
    assertTrue(message.contains("numeric 8.0") || message.contains("numeric 7.99999"), message);
  }

  @Test
  void worstOfSeveralWrongComponentsIsReported() {
    ToDoubleFunction<double[]> sum = v -> v[0] + 2 * v[1] + 3 * v[2] + 4 * v[3];
    GradCheck.Report report =
        GradCheck.check(sum, new double[] {1, 1, 1, 1}, new double[] {1.1, 2, 0, 4.01});
    assertEquals(2, report.worstIndex());
    assertEquals(1.0, report.maxRelativeError(), 1e-9);
  }

  @Test
  void errorIsAbsoluteBelowOneAndRelativeAbove() {
    assertEquals(1e-7, GradCheck.relativeError(1e-7, 0.0), 0.0);
    assertEquals(1e-7, GradCheck.relativeError(0.5, 0.5 + 1e-7), 1e-15);
    assertEquals(1e-3, GradCheck.relativeError(1000.0, 1001.0), 1e-6);
    assertEquals(0.0, GradCheck.relativeError(-4.0, -4.0), 0.0);
  }

  @Test
  void nanAndMismatchedInfinityAreTheWorstPossibleError() {
    assertEquals(Double.POSITIVE_INFINITY, GradCheck.relativeError(Double.NaN, 1.0));
    assertEquals(Double.POSITIVE_INFINITY, GradCheck.relativeError(Double.NaN, Double.NaN));
    assertEquals(
        Double.POSITIVE_INFINITY, GradCheck.relativeError(Double.POSITIVE_INFINITY, 1.0));
    assertEquals(0.0, GradCheck.relativeError(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY));

    GradCheck.Report report = new GradCheck.Report(new double[] {1, Double.NaN}, new double[] {1, 2});
    assertEquals(1, report.worstIndex());
    assertThrows(AssertionError.class, () -> report.assertWithin(1e300));
  }

  @Test
  void stepScalesWithTheCoordinateSoLargeInputsStayAccurate() {
    double[] x = {1e8, -3e-9};
    ToDoubleFunction<double[]> f = v -> Math.log(v[0]) + v[0] * v[1] + Math.exp(v[1]);
    double[] grad = {1 / x[0] + x[1], x[0] + Math.exp(x[1])};
    GradCheck.check(f, x, grad).assertWithin(1e-8);
  }

  @Test
  void fourthOrderStencilIsExactForAQuartic() {
    // The stencil's truncation error involves the fifth derivative, which a quartic lacks.
    ToDoubleFunction<double[]> quartic = v -> v[0] * v[0] * v[0] * v[0];
    double[] numeric =
        GradCheck.numericGradient(quartic, new double[] {1.5}, new GradCheck.Options(0.1));
    assertEquals(4 * 1.5 * 1.5 * 1.5, numeric[0], 1e-12);
  }

  @Test
  void inputIsRestoredAfterwards() {
    double[] x = {0.1, 0.2, 0.3};
    double[] before = x.clone();
    GradCheck.check(v -> v[0] * v[1] * v[2], x, new double[] {0.06, 0.03, 0.02});
    assertArrayEquals(before, x, 0.0);
  }

  @Test
  void inputIsRestoredWhenTheFunctionThrows() {
    double[] x = {0.1, 0.2};
    double[] before = x.clone();
    AtomicInteger calls = new AtomicInteger();
    ToDoubleFunction<double[]> failsOnFifthCall =
        v -> {
          if (calls.incrementAndGet() == 5) {
            throw new IllegalStateException("boom");
          }
          return v[0] + v[1];
        };
    assertThrows(
        IllegalStateException.class,
        () -> GradCheck.check(failsOnFifthCall, x, new double[] {1, 1}));
    assertArrayEquals(before, x, 0.0);
  }

  @Test
  void functionIsCalledFourTimesPerComponent() {
    AtomicInteger calls = new AtomicInteger();
    GradCheck.check(
        v -> {
          calls.incrementAndGet();
          return v[0] - v[1] + v[2];
        },
        new double[3],
        new double[] {1, -1, 1});
    assertEquals(12, calls.get());
  }

  @Test
  void mismatchedLengthsAreRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GradCheck.check(E, new double[] {1, 2}, new double[] {1}));
    assertTrue(e.getMessage().contains("2") && e.getMessage().contains("1"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new GradCheck.Report(new double[2], new double[3]));
  }

  @Test
  void nonPositiveOrInfiniteStepIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new GradCheck.Options(0));
    assertThrows(IllegalArgumentException.class, () -> new GradCheck.Options(-1e-3));
    assertThrows(IllegalArgumentException.class, () -> new GradCheck.Options(Double.NaN));
    assertThrows(
        IllegalArgumentException.class, () -> GradCheck.Options.DEFAULT.withStep(Double.POSITIVE_INFINITY));
    assertEquals(1e-4, GradCheck.Options.DEFAULT.withStep(1e-4).step());
  }

  @Test
  void nullArgumentsAreRejected() {
    assertThrows(NullPointerException.class, () -> GradCheck.check(null, new double[1], new double[1]));
    assertThrows(NullPointerException.class, () -> GradCheck.check(E, null, new double[1]));
    assertThrows(NullPointerException.class, () -> GradCheck.check(E, new double[1], null));
    assertThrows(
        NullPointerException.class,
        () -> GradCheck.check(E, new double[1], new double[1], null));
  }

  @Test
  void emptyGradientHasNoWorstComponentAndPasses() {
    GradCheck.Report report = GradCheck.check(v -> 42.0, new double[0], new double[0]);
    assertEquals(-1, report.worstIndex());
    assertEquals(0.0, report.maxRelativeError());
    report.assertWithin(0.0);
  }

  @Test
  void reportIsImmutable() {
    double[] analytic = {3, 8};
    GradCheck.Report report = GradCheck.check(E, new double[] {3, 2}, analytic);
    analytic[0] = 99;
    report.analytic()[1] = 99;
    report.numeric()[0] = 99;
    assertArrayEquals(new double[] {3, 8}, report.analytic(), 0.0);
    assertEquals(3.0, report.numeric()[0], 1e-12);
  }

  @Test
  void reportsWithEqualGradientsAreEqual() {
    GradCheck.Report a = new GradCheck.Report(new double[] {1, 2}, new double[] {1, 2.5});
    GradCheck.Report b = new GradCheck.Report(new double[] {1, 2}, new double[] {1, 2.5});
    GradCheck.Report c = new GradCheck.Report(new double[] {1, 2}, new double[] {1, 2});
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, c);
  }

  @Test
  void toStringShowsEveryComponentAndMarksTheWorst() {
    String text = new GradCheck.Report(new double[] {1, 2}, new double[] {1, 2.5}).toString();
    assertTrue(text.startsWith("GradCheck.Report[2 components, max relative error 0.2 at [1]]"), text);
    assertTrue(text.contains("[0] analytic 1.0"), text);
    assertTrue(text.contains("[1] analytic 2.0"), text);
    assertTrue(text.contains("numeric 2.5"), text);
    assertTrue(text.contains("<- worst"), text);
    assertEquals(3, text.lines().count(), text);
  }

  @Test
  void toStringOfALongGradientIsCut() {
    String text = new GradCheck.Report(new double[50], new double[50]).toString();
    assertTrue(text.contains("... 30 more"), text);
    assertEquals(22, text.lines().count(), text);
  }

  @Test
  void floatFunctionsAreCheckedToFloatPrecision() {
    float[] x = {0.7f, -1.3f, 2.5f};
    ToDoubleFunction<float[]> f =
        v -> (float) Math.sin(v[0]) * (float) Math.exp(v[1]) + v[2] * v[2] * v[0];
    float[] grad = {
      (float) (Math.cos(x[0]) * Math.exp(x[1]) + x[2] * x[2]),
      (float) (Math.sin(x[0]) * Math.exp(x[1])),
      2 * x[2] * x[0]
    };
    GradCheck.Report report = GradCheck.check(f, x, grad);
    assertTrue(report.maxRelativeError() < 1e-4, report::toString);
    assertArrayEquals(new float[] {0.7f, -1.3f, 2.5f}, x);
    grad[1] *= 1.01f;
    assertEquals(1, GradCheck.check(f, x, grad).worstIndex());
    assertTrue(GradCheck.check(f, x, grad).maxRelativeError() > 1e-3);
  }

  @Test
  void floatStepsAreMeasuredBetweenTheFloatsEvaluated() {
    // just below 1, where x + h and x - h round by different amounts
    float[] x = {Math.nextDown(1.0f)};
    double[] numeric = GradCheck.numericGradient(v -> 3.0 * v[0], x, GradCheck.Options.FLOAT_DEFAULT);
    assertEquals(3.0, numeric[0], 1e-12);
  }
}

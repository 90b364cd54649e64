package dev.tapeless.it.secondorder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tapeless.it.arrays.ArraySubjects;
import dev.tapeless.it.arrays.Flatten;
import dev.tapeless.it.scalar.ScalarSubjects;
import dev.tapeless.runtime.GradCheck;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code hessian} and {@code hvp} on every function of the scalar and array corpora whose frame
 * has them (found by reflection, so that none is left out), and on {@link Curvatures}: the
 * Hessian against central finite differences of the reverse-mode gradient, which shares no
 * generated code with second order; symmetric, though each row comes from its own sweep; and
 * {@code hvp} along a random direction equal to the Hessian times it. {@link Curvatures} is also
 * checked against Hipparchus second derivatives, an independent exact implementation. Functions
 * whose {@code hvp} refuses a call must say so, naming it.
 */
class HessianCorpusTest {

  /**
   * GradCheck's fourth-order differences of the gradient, with its relative step 1e-3 (the
   * corpora keep their points that far from kinks), and its error |a - n| / max(1, |a|, |n|).
   */
  private static final double FINITE_DIFFERENCES = 1e-6;

  /** Both sides exact: only rounding, in differently ordered sums, separates them. */
  private static final double ROUNDING = 1e-12;

  private static final double HIPPARCHUS = 1e-9;

  /** Every subject whose frame has {@code hvp}: a double result and no {@code @Out}. */
  static Stream<Subject> subjects() {
    return Stream.of(ScalarSubjects.all(), ArraySubjects.all(),
            CurvatureCases.cases().stream().map(CurvatureCase::subject))
        .flatMap(s -> s)
        .filter(HvpFrame::exists);
  }

  static Stream<Subject> supported() {
    return subjects().filter(HvpFrame::supported);
  }

  static Stream<Subject> unsupported() {
    return subjects().filter(s -> !HvpFrame.supported(s));
  }

  static Stream<CurvatureCase> curvatures() {
    return CurvatureCases.cases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("supported")
  void hessianMatchesFiniteDifferencesOfTheGradientAndIsSymmetric(Subject s) {
    HvpFrame frame = new HvpFrame(s);
    HvpFrame gradients = new HvpFrame(s);
    for (Point p : s.points()) {
      double[][] h = frame.hessian(p);
      Map<List<Double>, double[]> cache = new HashMap<>();
      double[] x = p.x();
      for (int i = 0; i < x.length; i++) {
        int row = i;
        double[] numeric = GradCheck.numericGradient(v -> cache.computeIfAbsent(
            Arrays.stream(v).boxed().toList(), k -> gradientAt(gradients, p, v))[row], x);
        GradCheck.Report report = new GradCheck.Report(h[i], numeric);
        if (!report.isWithin(FINITE_DIFFERENCES)) {
          fail(s + " at " + p + ": row " + i + " of the Hessian: " + report);
        }
      }
      assertSymmetric(s + " at " + p, h);
    }
  }

  /**
   * Also on a frame that ran {@code valueAndGradient} just before, whose gradient must come out
   * the same after the two {@code hvp} calls: the members share buffers and saved values. (One
   * such frame per point: across shapes they do not share a frame yet, see HvpContractTest.)
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("supported")
  void hvpIsTheHessianTimesTheDirection(Subject s) {
    HvpFrame hessians = new HvpFrame(s);
    Random random = new Random(s.name().hashCode() + 11);
    for (Point p : s.points()) {
      String at = s + " at " + p;
      double[][] h = hessians.hessian(p);
      double[] v = random.doubles(h.length, -1, 1).toArray();
      HvpFrame frame = new HvpFrame(s);
      double value = frame.valueAndGradient(p);
      double[] gradient = frame.gradient();
      assertEquals(value, frame.hvp(p, p.directions(v)), at + ": returned value");
      assertEquals(value, frame.value(), at + ": value field");
      assertClose(at, h, v, frame.gradient());

      // null for each array direction: the product with those parts of v zeroed
      Object[] directions = p.directions(v);
      double[] partial = v.clone();
      int from = 0;
      for (int k = 0; k < directions.length; k++) {
        int size = Flatten.size(directions[k]);
        if (!(directions[k] instanceof Double)) {
          directions[k] = null;
          Arrays.fill(partial, from, from + size, 0.0);
        }
        from += size;
      }
      frame.hvp(p, directions);
      assertClose(at + " with null array directions", h, partial, frame.gradient());

      assertEquals(value, frame.valueAndGradient(p), at + ": value after hvp");
      assertArrayEquals(gradient, frame.gradient(), at + ": gradient after hvp");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsupported")
  void hvpAndHessianThatDoNotGoThroughACallSaySoNamingIt(Subject s) {
    Point p = s.points().get(0);
    HvpFrame frame = new HvpFrame(s);
    String prefix = "hvp of " + s.name() + " is not supported yet: it calls ";
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> frame.hvp(p, p.directions(new double[p.x().length])));
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    e = assertThrows(UnsupportedOperationException.class, () -> frame.hessian(p));
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("curvatures")
  void hessianMatchesHipparchusSecondDerivatives(CurvatureCase c) {
    HvpFrame frame = new HvpFrame(c.subject());
    for (Point p : c.subject().points()) {
      double[][] twin = c.twinHessian(p);
      double value = frame.valueAndGradient(p);
      // Guards the twin itself: a typo in it would otherwise look like a processor bug.
      assertTrue(GradCheck.relativeError(value, twin[0][0]) <= ROUNDING,
          () -> c + " at " + p + ": the twin computes " + twin[0][0] + ", not " + value);
      double[][] h = frame.hessian(p);
      for (int i = 0; i < h.length; i++) {
        GradCheck.Report report = new GradCheck.Report(h[i], twin[i + 1]);
        if (!report.isWithin(HIPPARCHUS)) {
          fail(c + " at " + p + ": row " + i + " against Hipparchus: " + report);
        }
      }
    }
  }

  /**
   * Guards the parameterized tests against checking nothing: if the corpora lose functions, or
   * hvp stops going through functions it went through, the counts drop below what they were
   * when this test was written: 91 scalar and 139 array functions with an hvp, of which 2
   * are refused (named below), and the functions of {@code Curvatures} and
   * {@code SecondOrderCalls} with a Hipparchus twin, all checked.
   */
  @Test
  void everyCorpusFunctionWithAnHvpIsCheckedOrSaysWhyNot() {
    long scalar = ScalarSubjects.all().filter(HvpFrame::exists).count();
    long arrays = ArraySubjects.all().filter(HvpFrame::exists).count();
    long curvatures = CurvatureCases.cases().size();
    long checked = supported().count();
    long refused = unsupported().count();
    assertEquals(scalar + arrays + curvatures, checked + refused);
    assertTrue(scalar >= 91 && arrays >= 139, "with hvp: " + scalar + " scalar, " + arrays
        + " array functions");
    // the three refusals: a test kernel registered without a pullback for its pushforward,
    // and callees with local arrays called inside a loop or a branch
    assertEquals(List.of("FuzzFindings.callsFreshArraysNotCreated", "Kernels.resultPullbacks",
        "RegressionCalls.m36"),
        unsupported().map(Subject::name).sorted().toList());
    assertTrue(checked >= 256, "checked " + checked + ", refused " + refused);
    assertEquals(curvatures, curvatures().map(CurvatureCase::subject)
        .filter(HvpFrame::supported).count(), "every Curvatures function goes through");
  }

  private static double[] gradientAt(HvpFrame frame, Point p, double[] x) {
    frame.valueAndGradient(p.moved(x));
    return frame.gradient();
  }

  /** H[i][j] = H[j][i] up to rounding relative to the row sums it came from. */
  private static void assertSymmetric(String where, double[][] h) {
    for (int i = 0; i < h.length; i++) {
      for (int j = 0; j < i; j++) {
        double scale = Math.max(Math.abs(h[i][j]), Math.abs(h[j][i]));
        if (!(Math.abs(h[i][j] - h[j][i]) <= 1e-10 * Math.max(scale, 1e-3))) {
          fail(where + ": H[" + i + "][" + j + "] = " + h[i][j] + " but H[" + j + "][" + i
              + "] = " + h[j][i]);
        }
      }
    }
  }

  /** {@code actual} = H·v, each component within rounding of the terms it sums. */
  private static void assertClose(String where, double[][] h, double[] v, double[] actual) {
    assertEquals(h.length, actual.length, where);
    for (int i = 0; i < h.length; i++) {
      double expected = 0;
      double scale = 0;
      for (int j = 0; j < v.length; j++) {
        expected += h[i][j] * v[j];
        scale += Math.abs(h[i][j] * v[j]);
      }
      if (!(Math.abs(expected - actual[i]) <= ROUNDING * Math.max(scale, 1e-3))) {
        fail(where + ": (H·v)[" + i + "] is " + expected + " but hvp gave " + actual[i]
            + "\n  v   " + Arrays.toString(v) + "\n  hvp " + Arrays.toString(actual));
      }
    }
  }
}

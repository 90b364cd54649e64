package dev.tapeless.samples.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.AllocationMeter;
import dev.tapeless.runtime.GradCheck;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The GMM objective's value against an independent implementation, and its generated gradient
 * against central finite differences and Hipparchus forward-mode AD, on the ADBench inputs.
 */
class GmmObjectiveTest {

  private static double relative(double expected, double actual) {
    return Math.abs(actual - expected) / Math.abs(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gmm_d2_K5.txt", "gmm_d10_K25.txt", "gmm_d20_K50.txt"})
  void valueMatchesAnIndependentImplementationWithExplicitMatrices(String file) {
    GmmData data = GmmData.fromResource(file);
    double expected = GmmReference.objective(data);
    double actual = GmmExample.objective(data);
    assertTrue(relative(expected, actual) <= 1e-9,
        file + ": objective " + actual + ", reference " + expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gmm_d2_K5.txt", "gmm_d10_K25.txt"})
  void frameReturnsTheSameValueAsTheMethod(String file) {
    GmmData data = GmmData.fromResource(file);
    GmmObjective_Grad.Objective frame = new GmmObjective_Grad.Objective();
    double value = GmmExample.valueAndGradient(frame, data);
    assertEquals(GmmExample.objective(data), value, 1e-12 * Math.abs(value));
    assertEquals(value, frame.value);
  }

  /** Central finite differences of the objective, one parameter at a time, for {@code params}. */
  private static GradCheck.Report checkAgainstFiniteDifferences(
      GmmData data, List<Parameter> params) {
    GmmObjective_Grad.Objective frame = new GmmObjective_Grad.Objective();
    GmmExample.valueAndGradient(frame, data);
    double[] point = new double[params.size()];
    double[] analytic = new double[params.size()];
    for (int i = 0; i < params.size(); i++) {
      point[i] = params.get(i).get(data);
      analytic[i] = params.get(i).derivative(frame);
    }
    try {
      return GradCheck.check(v -> {
        for (int i = 0; i < params.size(); i++) {
          params.get(i).set(data, v[i]);
        }
        return GmmExample.objective(data);
      }, point, analytic);
    } finally {
      for (int i = 0; i < params.size(); i++) {
        params.get(i).set(data, point[i]);
      }
    }
  }

  @Test
  void gradientMatchesFiniteDifferencesOnEveryParameterOfD2K5() {
    GmmData data = GmmData.fromResource("gmm_d2_K5.txt");
    List<Parameter> all = Parameter.all(data);
    assertEquals(30, all.size());
    GradCheck.Report report = checkAgainstFiniteDifferences(data, all);
    assertTrue(report.isWithin(1e-6),
        "worst " + all.get(report.worstIndex()) + ": " + report);
  }

  @Test
  void gradientMatchesFiniteDifferencesOnThirtySampledParametersOfD10K25() {
    GmmData data = GmmData.fromResource("gmm_d10_K25.txt");
    List<Parameter> sample = Parameter.sample(data, 6, 8, 8, 8, 20_251_126L);
    assertEquals(30, sample.size());
    GradCheck.Report report = checkAgainstFiniteDifferences(data, sample);
    assertTrue(report.isWithin(1e-6),
        "worst " + sample.get(report.worstIndex()) + ": " + report);
  }

  @Test
  void gradientMatchesHipparchusForwardModeOnD2K5() {
    GmmData data = GmmData.fromResource("gmm_d2_K5.txt");
    GmmObjective_Grad.Objective frame = new GmmObjective_Grad.Objective();
    GmmExample.valueAndGradient(frame, data);
    double[] ours = GmmExample.flatGradient(frame);
    Gradient reference = GmmReference.forwardMode(data);
    double[] theirs = reference.getGradient();
    assertEquals(theirs.length, ours.length);
    for (Parameter p : Parameter.all(data)) {
      int i = p.flatIndex(data);
      assertEquals(ours[i], p.derivative(frame), "flat order of " + p);
      double error = GradCheck.relativeError(ours[i], theirs[i]);
      assertTrue(error <= 1e-9, p + ": Tapeless " + ours[i] + ", Hipparchus " + theirs[i]);
    }
  }

  @Test
  void onlyAlphaMeansAndIcfAreDifferentiated() {
    List<String> adjoints = Arrays.stream(GmmObjective_Grad.Objective.class.getFields())
        .map(f -> f.getName())
        .filter(n -> n.startsWith("d"))
        .sorted()
        .toList();
    assertEquals(List.of("dalpha", "dicf", "dmeans"), adjoints);
  }

  @Test
  void oneFrameServesInputsOfDifferentShapes() {
    GmmData small = GmmData.fromResource("gmm_d2_K5.txt");
    GmmData larger = GmmData.fromResource("gmm_d10_K25.txt");
    GmmObjective_Grad.Objective fresh = new GmmObjective_Grad.Objective();
    GmmExample.valueAndGradient(fresh, small);
    double[] expectedSmall = GmmExample.flatGradient(fresh);
    GmmObjective_Grad.Objective reused = new GmmObjective_Grad.Objective();
    GmmExample.valueAndGradient(reused, larger);
    GmmExample.valueAndGradient(reused, small);
    assertEquals(Arrays.toString(expectedSmall), Arrays.toString(GmmExample.flatGradient(reused)));
  }

  @Test
  void accumulateAddsTheGradient() {
    GmmData data = GmmData.fromResource("gmm_d2_K5.txt");
    GmmObjective_Grad.Objective frame = new GmmObjective_Grad.Objective();
    GmmExample.valueAndGradient(frame, data);
    double[] once = GmmExample.flatGradient(frame);
    frame.accumulate(data.alpha(), data.means(), data.icf(), data.x(), data.gamma(), data.m());
    double[] twice = GmmExample.flatGradient(frame);
    for (int i = 0; i < once.length; i++) {
      assertEquals(2 * once[i], twice[i], 1e-12 * Math.abs(once[i]), "component " + i);
    }
  }

  /** Keeps the results alive. */
  private static volatile double sink;

  @Test
  void frameAllocatesNothingPerCallAfterWarmUpOnD2K5() {
    GmmData data = GmmData.fromResource("gmm_d2_K5.txt");
    GmmObjective_Grad.Objective frame = new GmmObjective_Grad.Objective();
    AllocationMeter.assertAllocatesNothing("50 GMM gradient calls", () -> {
      double s = 0;
      for (int i = 0; i < 50; i++) {
        s += GmmExample.valueAndGradient(frame, data);
      }
      sink = s;
    });
    assertTrue(Double.isFinite(sink));
  }

  @Test
  void wishartConstantMatchesHipparchusLogGamma() {
    for (int d : new int[] {1, 2, 10, 20, 64}) {
      for (int m : new int[] {0, 3}) {
        for (double gamma : new double[] {1.0, 0.3}) {
          double nPrime = d + m + 1;
          double logMultigamma = d * (d - 1) / 4.0 * Math.log(Math.PI);
          for (int j = 1; j <= d; j++) {
            logMultigamma += Gamma.logGamma(0.5 * nPrime + (1 - j) / 2.0);
          }
          double expected =
              nPrime * d * (Math.log(gamma) - 0.5 * Math.log(2)) - logMultigamma;
          double actual = GmmObjective.wishartConstant(d, gamma, m);
          assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)),
              "C(" + d + ", " + gamma + ", " + m + ")");
        }
      }
    }
  }

  @Test
  void lanczosLogGammaMatchesHipparchus() {
    for (double x : new double[] {1e-3, 0.1, 0.5, 1, 1.5, 2, 3.7, 10, 33.5, 171, 1e4}) {
      double expected = Gamma.logGamma(x);
      assertEquals(expected, LogGamma.lgamma(x), 1e-13 * Math.max(1, Math.abs(expected)),
          "lgamma(" + x + ")");
    }
    assertThrows(IllegalArgumentException.class, () -> LogGamma.lgamma(0));
  }
}

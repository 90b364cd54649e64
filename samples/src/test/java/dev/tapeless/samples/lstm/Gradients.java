package dev.tapeless.samples.lstm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.GradCheck;
import dev.tapeless.runtime.train.Parameters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleSupplier;

/** Comparisons of whole gradients, flattened through a {@link Parameters}. */
public final class Gradients {
  private Gradients() {}

  /** The gradient of {@code p} as one flat vector. */
  public static double[] flat(Parameters p) {
    double[] g = new double[p.elementCount()];
    p.copyGradientsTo(g);
    return g;
  }

  /**
   * The largest {@code |a_i − b_i| / max|b|} over all components: the error relative to the
   * gradient's scale, which stays meaningful for components that are (nearly) zero.
   */
  public static double maxRelativeDifference(double[] a, double[] b) {
    double scale = 0.0;
    for (double x : b) {
      scale = Math.max(scale, Math.abs(x));
    }
    double worst = 0.0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]) / scale);
    }
    return worst;
  }

  /**
   * The largest {@code |a_i − b_i| / max(|a_i|, |b_i|)}: the relative error of each component on
   * its own (0 where both are 0).
   */
  public static double maxComponentRelativeDifference(double[] a, double[] b) {
    double worst = 0.0;
    for (int i = 0; i < a.length; i++) {
      double scale = Math.max(Math.abs(a[i]), Math.abs(b[i]));
      if (scale > 0.0) {
        worst = Math.max(worst, Math.abs(a[i] - b[i]) / scale);
      }
    }
    return worst;
  }

  /**
   * Checks the gradient that {@code p} holds against central finite differences of
   * {@code loss}, which must read the arrays {@code p} registers; with {@code sample} > 0 only
   * that many components drawn at random, else all. Fails above {@code tolerance} in
   * {@link GradCheck#relativeError}; returns the worst error.
   */
  public static double checkAgainstFiniteDifferences(Parameters p, DoubleSupplier loss,
      int sample, double tolerance, long seed) {
    double[] analyticAll = flat(p);
    double[] values = new double[p.elementCount()];
    p.copyTo(values);
    int[] picked = pick(values.length, sample, seed);
    double[] x = new double[picked.length];
    double[] analytic = new double[picked.length];
    for (int k = 0; k < picked.length; k++) {
      x[k] = values[picked[k]];
      analytic[k] = analyticAll[picked[k]];
    }
    double[] work = values.clone();
    GradCheck.Report report;
    try {
      report = GradCheck.check(y -> {
        for (int k = 0; k < picked.length; k++) {
          work[picked[k]] = y[k];
        }
        p.copyFrom(work);
        return loss.getAsDouble();
      }, x, analytic);
    } finally {
      p.copyFrom(values);
    }
    double worst = report.maxRelativeError();
    int at = report.worstIndex() < 0 ? -1 : picked[report.worstIndex()];
    assertTrue(report.isWithin(tolerance), String.format(Locale.ROOT,
        "worst component %d (%s): relative error %.3e > %.1e%n%s", at, where(p, at), worst,
        tolerance, report));
    return worst;
  }

  /** The name of the parameter holding flat component {@code index}, e.g. {@code U[17]}. */
  static String where(Parameters p, int index) {
    for (int k = p.parameterCount() - 1; k >= 0; k--) {
      int offset = p.offset(p.name(k));
      if (index >= offset) {
        return p.name(k) + "+" + (index - offset);
      }
    }
    return "?";
  }

  private static int[] pick(int n, int sample, long seed) {
    if (sample <= 0 || sample >= n) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      return all;
    }
    Random rng = new Random(seed);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = 0; i < sample; i++) {
      int j = i + rng.nextInt(n - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return Arrays.copyOf(order, sample);
  }
}

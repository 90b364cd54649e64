package dev.tapeless.runtime;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Checks a gradient against central finite differences, for use in a user's own tests.
 *
 * <p>The finite differences are an oracle that shares nothing with the code under test: they only
 * evaluate the function. They use the fourth-order stencil
 * {@code (-f(x+2h) + 8f(x+h) - 8f(x-h) + f(x-2h)) / 12h}, whose truncation error is O(h⁴): a
 * fairly large step keeps rounding error small too, and the total error for smooth functions is
 * typically 1e-10 or below, where the two-point formula reaches 1e-8 at best. The step scales with the coordinate, {@code h = step · max(1, |xᵢ|)}, so that
 * it is neither lost in rounding for large {@code xᵢ} nor absurdly small near zero.
 *
 * <pre>{@code
 * GradCheck.check(x -> MyModel.loss(x[0], x[1]), new double[] {3, 2}, new double[] {g.da, g.db})
 *     .assertWithin(1e-6);
 * }</pre>
 */
public final class GradCheck {

  private GradCheck() {}

  /**
   * Checks {@code analyticGradient} with the {@linkplain Options#DEFAULT default options}.
   *
   * @param f the function; called with x itself, one coordinate moved at a time
   * @param x the point, restored when this returns
   * @param analyticGradient the gradient to check, same length as x (not modified)
   * @return a report comparing the two gradients
   */
  public static Report check(
      ToDoubleFunction<double[]> f, double[] x, double[] analyticGradient) {
    return check(f, x, analyticGradient, Options.DEFAULT);
  }

  /**
   * Compares {@code analyticGradient} with the finite-difference gradient of {@code f} at
   * {@code x}.
   *
   * <p>{@code f} is called with {@code x} itself, one coordinate moved at a time, so that a
   * function reading a caller's buffer sees the perturbation; {@code x} holds its original values
   * again when this returns, also when {@code f} throws.
   *
   * @param f the function; called with x itself, one coordinate moved at a time
   * @param x the point, restored when this returns
   * @param analyticGradient the gradient to check, same length as x (not modified)
   * @param options the step of the finite differences
   * @return a report comparing the two gradients
   * @throws IllegalArgumentException if the two arrays differ in length
   */
  public static Report check(
      ToDoubleFunction<double[]> f, double[] x, double[] analyticGradient, Options options) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(analyticGradient, "analyticGradient");
    Objects.requireNonNull(options, "options");
    if (x.length != analyticGradient.length) {
      throw new IllegalArgumentException(
          "x has " + x.length + " components but analyticGradient has " + analyticGradient.length);
    }
    return new Report(analyticGradient, numericGradient(f, x, options));
  }

  /**
   * The finite-difference gradient with the {@linkplain Options#DEFAULT default options}.
   *
   * @param f the function; called with x itself, one coordinate moved at a time
   * @param x the point, restored when this returns
   * @return a new array with the finite-difference gradient, same length as x
   */
  public static double[] numericGradient(ToDoubleFunction<double[]> f, double[] x) {
    return numericGradient(f, x, Options.DEFAULT);
  }

  /**
   * The fourth-order central-difference gradient of {@code f} at {@code x}, which is restored.
   *
   * @param f the function; called with x itself, one coordinate moved at a time
   * @param x the point, restored when this returns
   * @param options the step of the finite differences
   * @return a new array with the finite-difference gradient, same length as x
   */
  public static double[] numericGradient(
      ToDoubleFunction<double[]> f, double[] x, Options options) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(options, "options");
    double[] numeric = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      // Round h so that xi + h is exact: the divisor then matches the step actually taken.
      double h = (xi + options.step() * Math.max(1.0, Math.abs(xi))) - xi;
      try {
        x[i] = xi + 2 * h;
        double f2 = f.applyAsDouble(x);
        x[i] = xi + h;
        double f1 = f.applyAsDouble(x);
        x[i] = xi - h;
        double fm1 = f.applyAsDouble(x);
        x[i] = xi - 2 * h;
        double fm2 = f.applyAsDouble(x);
        numeric[i] = (-f2 + 8 * f1 - 8 * fm1 + fm2) / (12 * h);
      } finally {
        x[i] = xi;
      }
    }
    return numeric;
  }

  /**
   * Checks the gradient of a float function with {@link Options#FLOAT_DEFAULT}: {@code f} sees
   * {@code x} itself, one coordinate moved at a time to a float, and returns its value as a
   * double (a float method's result widens exactly).
   *
   * <p>A float function is only known to float precision, so expect agreement to about 1e-4 of
   * the function's size, not 1e-8: check with a tolerance like 1e-3.
   *
   * @param f the function; called with x itself, one coordinate moved at a time
   * @param x the point, restored when this returns
   * @param analyticGradient the gradient to check, same length as x (not modified)
   * @return a report comparing the two gradients
   */
  public static Report check(ToDoubleFunction<float[]> f, float[] x, float[] analyticGradient) {
    return check(f, x, analyticGradient, Options.FLOAT_DEFAULT);
  }

  /**
   * As {@link #check(ToDoubleFunction, float[], float[])}, with the given step.
   *
   * @param f the function; called with x itself, one coordinate moved at a time
   * @param x the point, restored when this returns
   * @param analyticGradient the gradient to check, same length as x (not modified)
   * @param options the step of the finite differences
   * @return a report comparing the two gradients
   * @throws IllegalArgumentException if the two arrays differ in length
   */
  public static Report check(ToDoubleFunction<float[]> f, float[] x, float[] analyticGradient,
      Options options) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(analyticGradient, "analyticGradient");
    Objects.requireNonNull(options, "options");
    if (x.length != analyticGradient.length) {
      throw new IllegalArgumentException(
          "x has " + x.length + " components but analyticGradient has " + analyticGradient.length);
    }
    double[] analytic = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      analytic[i] = analyticGradient[i];
    }
    return new Report(analytic, numericGradient(f, x, options));
  }

  /**
   * The fourth-order central-difference gradient of a float function, as Richardson's
   * extrapolation {@code (4 D(h) - D(2h)) / 3} of two central differences, each divided by the
   * distance between the floats actually evaluated: {@code xᵢ ± h} rounds to a float, and the
   * two roundings need not be equal.
   *
   * @param f the function; called with x itself, one coordinate moved at a time
   * @param x the point, restored when this returns
   * @param options the step of the finite differences
   * @return a new array with the finite-difference gradient, same length as x
   */
  public static double[] numericGradient(ToDoubleFunction<float[]> f, float[] x,
      Options options) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(options, "options");
    double[] numeric = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      float xi = x[i];
      double h = options.step() * Math.max(1.0, Math.abs(xi));
      try {
        double near = centralDifference(f, x, i, xi, h);
        double far = centralDifference(f, x, i, xi, 2 * h);
        numeric[i] = (4 * near - far) / 3;
      } finally {
        x[i] = xi;
      }
    }
    return numeric;
  }

  private static double centralDifference(ToDoubleFunction<float[]> f, float[] x, int i,
      float xi, double h) {
    float up = (float) (xi + h);
    float down = (float) (xi - h);
    x[i] = up;
    double fUp = f.applyAsDouble(x);
    x[i] = down;
    double fDown = f.applyAsDouble(x);
    return (fUp - fDown) / ((double) up - down);
  }

  /**
   * The error measure of a {@link Report}: {@code |a - n| / max(1, |a|, |n|)}.
   *
   * <p>Relative above magnitude 1, absolute below it: a purely relative error explodes for
   * components that should be zero, where finite differences leave a residue near 1e-12, and a
   * purely absolute one is meaningless for large gradients. Equal values (also equal infinities)
   * give 0; NaN or a lone infinity gives {@code +Infinity}, so that it is always the worst.
   *
   * @param analytic a component of the checked gradient
   * @param numeric the same component of the finite-difference gradient
   * @return the error, 0 for equal values, positive infinity for NaN or a lone infinity
   */
  public static double relativeError(double analytic, double numeric) {
    if (analytic == numeric) {
      return 0.0;
    }
    double error =
        Math.abs(analytic - numeric)
            / Math.max(1.0, Math.max(Math.abs(analytic), Math.abs(numeric)));
    return Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
  }

  /**
   * How the finite differences are taken.
   *
   * @param step the step relative to {@code max(1, |xᵢ|)}; the default 1e-3 balances the O(h⁴)
   *     truncation error against rounding error, which grows like 1/h
   */
  public record Options(double step) {

    /** A relative step of 1e-3. */
    public static final Options DEFAULT = new Options(1e-3);

    /**
     * A relative step of 1/128 for float functions, whose rounding (about 6e-8 of the value)
     * would swamp a smaller step.
     */
    public static final Options FLOAT_DEFAULT = new Options(1.0 / 128);

    /**
     * Validates the step.
     *
     * @param step the relative step, positive and finite
     * @throws IllegalArgumentException if the step is not positive and finite
     */
    public Options {
      if (!(step > 0) || Double.isInfinite(step)) {
        throw new IllegalArgumentException("step must be positive and finite: " + step);
      }
    }

    /**
     * These options with another relative step.
     *
     * @param newStep the relative step, positive and finite
     * @return new options with that step
     * @throws IllegalArgumentException if the step is not positive and finite
     */
    public Options withStep(double newStep) {
      return new Options(newStep);
    }
  }

  /**
   * The outcome of a check: both gradients, and where they disagree most.
   *
   * <p>Immutable: the arrays are copied in and out.
   */
  public static final class Report {
    private static final int MAX_ROWS_SHOWN = 20;

    private final double[] analytic;
    private final double[] numeric;
    private final double maxRelativeError;
    private final int worstIndex;

    /**
     * Compares two gradients of the same length.
     *
     * @param analytic the checked gradient (copied)
     * @param numeric the finite-difference gradient, same length (copied)
     * @throws IllegalArgumentException if the lengths differ
     */
    public Report(double[] analytic, double[] numeric) {
      if (analytic.length != numeric.length) {
        throw new IllegalArgumentException(
            "analytic has " + analytic.length + " components but numeric has " + numeric.length);
      }
      this.analytic = analytic.clone();
      this.numeric = numeric.clone();
      double max = 0.0;
      int worst = -1;
      for (int i = 0; i < analytic.length; i++) {
        double error = relativeError(analytic[i], numeric[i]);
        if (worst < 0 || error > max) {
          max = error;
          worst = i;
        }
      }
      this.maxRelativeError = max;
      this.worstIndex = worst;
    }

    /**
     * The gradient that was checked.
     *
     * @return a copy of the checked gradient
     */
    public double[] analytic() {
      return analytic.clone();
    }

    /**
     * The finite-difference gradient.
     *
     * @return a copy of the finite-difference gradient
     */
    public double[] numeric() {
      return numeric.clone();
    }

    /**
     * The largest {@linkplain GradCheck#relativeError relative error}, 0 for no components.
     *
     * @return the largest relative error over the components
     */
    public double maxRelativeError() {
      return maxRelativeError;
    }

    /**
     * The component with the largest error (the first such), -1 for no components.
     *
     * @return the index of the worst component
     */
    public int worstIndex() {
      return worstIndex;
    }

    /**
     * Whether every component is within {@code tolerance}.
     *
     * @param tolerance the largest acceptable relative error
     * @return true if no component's error exceeds tolerance
     */
    public boolean isWithin(double tolerance) {
      return maxRelativeError <= tolerance;
    }

    /**
     * Throws unless every component is within {@code tolerance}; the message names the worst
     * component so that a failing test says where to look.
     *
     * @param tolerance the largest acceptable relative error
     * @return this report, for chaining
     * @throws AssertionError naming the worst component, its analytic and numeric values
     */
    public Report assertWithin(double tolerance) {
      if (!isWithin(tolerance)) {
        throw new AssertionError(
            "gradient component ["
                + worstIndex
                + "] is off: analytic "
                + analytic[worstIndex]
                + ", numeric "
                + numeric[worstIndex]
                + ", relative error "
                + maxRelativeError
                + " > tolerance "
                + tolerance
                + "\n"
                + this);
      }
      return this;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Report r
          && Arrays.equals(analytic, r.analytic)
          && Arrays.equals(numeric, r.numeric);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(analytic) + Arrays.hashCode(numeric);
    }

    /** A header with the worst component, then one row per component (the first 20). */
    @Override
    public String toString() {
      StringBuilder s = new StringBuilder("GradCheck.Report[")
          .append(analytic.length)
          .append(" components, max relative error ")
          .append(maxRelativeError);
      if (worstIndex >= 0) {
        s.append(" at [").append(worstIndex).append(']');
      }
      s.append(']');
      for (int i = 0; i < Math.min(analytic.length, MAX_ROWS_SHOWN); i++) {
        s.append(String.format(
            Locale.ROOT,
            "\n  [%d] analytic %-24s numeric %-24s error %.3e%s",
            i,
            analytic[i],
            numeric[i],
            relativeError(analytic[i], numeric[i]),
            i == worstIndex ? "  <- worst" : ""));
      }
      if (analytic.length > MAX_ROWS_SHOWN) {
        s.append("\n  ... ").append(analytic.length - MAX_ROWS_SHOWN).append(" more");
      }
      return s.toString();
    }
  }
}

package dev.tapeless.runtime;

import dev.tapeless.CustomDerivative;
import dev.tapeless.NoDerivative;

/**
 * Loss functions with registered pullbacks, written to stay finite and accurate where the
 * textbook formulas overflow or cancel (large logits).
 *
 * <p>Kernels and pullbacks allocate nothing; pullbacks ADD into the input adjoints, as
 * {@link CustomDerivative} requires. They recompute what they need (the maximum, the sum of
 * exponentials) from the inputs rather than keeping state.
 */
public final class Losses {

  private Losses() {}

  /**
   * {@code log Σ e^{z_i}}, as {@code m + log Σ e^{z_i − m}} with {@code m = max z}, so that
   * [1000, 1000] gives {@code 1000 + log 2}, not infinity. Empty gives {@code −∞} (log of an
   * empty sum); an infinite maximum is returned as it is; NaN anywhere gives NaN.
   */
  @CustomDerivative("logSumExpPullback")
  public static double logSumExp(double[] z) {
    double max = max(z);
    if (Double.isInfinite(max)) {
      return max;
    }
    return max + Math.log(sumExpMinus(z, max));
  }

  /** Pullback of {@link #logSumExp}: {@code dz_i += dResult · softmax(z)_i}. */
  public static void logSumExpPullback(double[] z, double dResult, double[] dz) {
    Checks.sameLength("logSumExpPullback", "dz", dz, "z", z);
    double max = max(z);
    double scale = dResult / sumExpMinus(z, max);
    for (int i = 0; i < z.length; i++) {
      dz[i] += scale * Math.exp(z[i] - max);
    }
  }

  /**
   * The cross entropy of the softmax of {@code logits} against class {@code target}:
   * {@code −log softmax(logits)_target = logSumExp(logits) − logits_target}, computed as
   * {@code log Σ e^{z_i − m} − (z_target − m)} so that huge logits give finite values and the
   * difference of two large numbers is never taken. Non-finite logits give NaN or infinity.
   *
   * @throws IllegalArgumentException if {@code target} is not an index of {@code logits}
   */
  @CustomDerivative(value = "softmaxCrossEntropyPullback", usesResult = true)
  public static double softmaxCrossEntropy(double[] logits, int target) {
    checkTarget("softmaxCrossEntropy", logits, target);
    double max = max(logits);
    return Math.log(sumExpMinus(logits, max)) - (logits[target] - max);
  }

  /**
   * Pullback of {@link #softmaxCrossEntropy}: {@code dlogits += dResult · (softmax(logits) −
   * onehot(target))}, the fused gradient, with no division by a small probability. The softmax
   * comes from the result: {@code softmax_i = e^{(z_i − z_target) − result}}, since the result
   * is the log of the sum less {@code z_target}; one {@code exp} per logit where recomputing the
   * sum took two, and differences of logits, not logits, set the rounding.
   */
  public static void softmaxCrossEntropyPullback(
      double[] logits, int target, double result, double dResult, double[] dlogits) {
    checkTarget("softmaxCrossEntropyPullback", logits, target);
    Checks.sameLength("softmaxCrossEntropyPullback", "dlogits", dlogits, "logits", logits);
    double zt = logits[target];
    for (int i = 0; i < logits.length; i++) {
      dlogits[i] += dResult * Math.exp((logits[i] - zt) - result);
    }
    dlogits[target] -= dResult;
  }

  /**
   * {@code (1/n) Σ (prediction_i − target_i)²}. The target is data, not a parameter: it has no
   * derivative.
   *
   * @throws IllegalArgumentException if the lengths differ or are 0 (the mean of nothing)
   */
  @CustomDerivative("meanSquaredErrorPullback")
  public static double meanSquaredError(double[] prediction, @NoDerivative double[] target) {
    checkMse("meanSquaredError", prediction, target);
    double s = 0.0;
    for (int i = 0; i < prediction.length; i++) {
      double r = prediction[i] - target[i];
      s += r * r;
    }
    return s / prediction.length;
  }

  /**
   * Pullback of {@link #meanSquaredError}:
   * {@code dprediction_i += dResult · 2 (prediction_i − target_i) / n}.
   */
  public static void meanSquaredErrorPullback(
      double[] prediction, double[] target, double dResult, double[] dprediction) {
    checkMse("meanSquaredErrorPullback", prediction, target);
    Checks.sameLength(
        "meanSquaredErrorPullback", "dprediction", dprediction, "prediction", prediction);
    double scale = 2.0 * dResult / prediction.length;
    for (int i = 0; i < prediction.length; i++) {
      dprediction[i] += scale * (prediction[i] - target[i]);
    }
  }

  /**
   * The largest element, {@code −∞} for none; NaN if any element is NaN ({@code Math.max}
   * propagates it), so that a NaN input is never hidden behind a finite maximum.
   */
  static double max(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < z.length; i++) {
      max = Math.max(max, z[i]);
    }
    return max;
  }

  /** {@code Σ e^{z_i − max}}: each term is at most 1, so the sum cannot overflow. */
  private static double sumExpMinus(double[] z, double max) {
    double s = 0.0;
    for (int i = 0; i < z.length; i++) {
      s += Math.exp(z[i] - max);
    }
    return s;
  }

  private static void checkTarget(String kernel, double[] logits, int target) {
    if (target < 0 || target >= logits.length) {
      throw new IllegalArgumentException(
          kernel + ": target " + target + " is not an index of logits, which has length "
              + logits.length);
    }
  }

  private static void checkMse(String kernel, double[] prediction, double[] target) {
    Checks.sameLength(kernel, "target", target, "prediction", prediction);
    if (prediction.length == 0) {
      throw new IllegalArgumentException(kernel + ": prediction is empty");
    }
  }
}

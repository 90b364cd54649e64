package dev.tapeless.runtime;

import dev.tapeless.CustomDerivative;
import dev.tapeless.NoDerivative;

/**
 * Loss functions with registered pullbacks and pushforwards, written to stay finite and accurate
 * where the textbook formulas overflow or cancel (large logits).
 *
 * <p>Kernels, pullbacks and pushforwards allocate nothing; pullbacks ADD into the input
 * adjoints, as {@link CustomDerivative} requires, and pushforwards return the tangent of the
 * loss (the directional derivative along the input tangent). They recompute what they need (the
 * maximum, the sum of exponentials) from the inputs or the result rather than keeping state.
 *
 * <p>Each pushforward is itself registered with a pullback, {@code <pushforward>Pullback}:
 * second order ({@code hvp}) runs reverse mode over the tangent program, which calls the
 * pushforward after the loss, so reverse mode must be able to differentiate that call. A
 * parameter without a derivative in the loss has none in its pushforward either.
 *
 * <p>Every loss has a {@code float} overload, with pullbacks and pushforwards of the same names
 * registered the same way; it sums in double, where float would lose the small terms.
 */
public final class Losses {

  private Losses() {}

  /**
   * {@code log Σ e^{z_i}}, as {@code m + log Σ e^{z_i − m}} with {@code m = max z}, so that
   * [1000, 1000] gives {@code 1000 + log 2}, not infinity. Empty gives {@code −∞} (log of an
   * empty sum); an infinite maximum is returned as it is; NaN anywhere gives NaN.
   *
   * @param z the values, read
   * @return log of the sum of e^z_i; negative infinity for an empty z
   */
  @CustomDerivative(value = "logSumExpPullback", pushforward = "logSumExpPushforward")
  public static double logSumExp(double[] z) {
    double max = max(z);
    if (Double.isInfinite(max)) {
      return max;
    }
    return max + Math.log(sumExpMinus(z, max));
  }

  /**
   * Pullback of {@link #logSumExp}: {@code dz_i += dResult · softmax(z)_i}.
   *
   * @param z the kernel's z, read
   * @param dResult adjoint of the result (the seed)
   * @param dz adjoint of z, added to
   */
  public static void logSumExpPullback(double[] z, double dResult, double[] dz) {
    Checks.sameLength("logSumExpPullback", "dz", dz, "z", z);
    double max = max(z);
    double scale = dResult / sumExpMinus(z, max);
    for (int i = 0; i < z.length; i++) {
      dz[i] += scale * Math.exp(z[i] - max);
    }
  }

  /**
   * Pushforward of {@link #logSumExp}: {@code Σ softmax(z)_i zDot_i}, as
   * {@code Σ e^{z_i − m} zDot_i / Σ e^{z_i − m}} with {@code m = max z}, so that no {@code exp}
   * overflows; one {@code exp} per element, both sums in one pass. 0 for an empty {@code z}
   * (no inputs, nothing to move).
   *
   * @param z the kernel's z, read
   * @param zDot tangent of z, read
   * @return the tangent of logSumExp(z); 0 for an empty z
   */
  @CustomDerivative(value = "logSumExpPushforwardPullback", skipsNullAdjoints = true)
  public static double logSumExpPushforward(double[] z, double[] zDot) {
    Checks.sameLength("logSumExpPushforward", "zDot", zDot, "z", z);
    if (z.length == 0) {
      return 0.0;
    }
    double max = max(z);
    double s = 0.0;
    double t = 0.0;
    for (int i = 0; i < z.length; i++) {
      double e = Math.exp(z[i] - max);
      s += e;
      t += e * zDot[i];
    }
    return t / s;
  }

  /**
   * Pullback of {@link #logSumExpPushforward}, with {@code p = softmax(z)} and
   * {@code t = Σ p_i zDot_i} (the pushforward's value): {@code dz_i += dResult · p_i (zDot_i − t)}
   * (the Hessian of logSumExp, {@code diag(p) − p pᵀ}, times {@code zDot}) and
   * {@code dzDot_i += dResult · p_i}. Overflow-free as the pushforward.
   *
   * @param z the kernel's z, read
   * @param zDot tangent of z, read
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dz adjoint of z, added to; null when not needed (skipsNullAdjoints)
   * @param dzDot adjoint of zDot, added to; null when not needed (skipsNullAdjoints)
   */
  public static void logSumExpPushforwardPullback(
      double[] z, double[] zDot, double dResult, double[] dz, double[] dzDot) {
    checkLogSumExpPushforwardPullback(z, zDot, dz, dzDot);
    if (z.length == 0) {
      return;
    }
    double max = max(z);
    double s = 0.0;
    double t = 0.0;
    for (int i = 0; i < z.length; i++) {
      double e = Math.exp(z[i] - max);
      s += e;
      t += e * zDot[i];
    }
    t /= s;
    double scale = dResult / s;
    for (int i = 0; i < z.length; i++) {
      double g = scale * Math.exp(z[i] - max);
      if (dz != null) {
        dz[i] += g * (zDot[i] - t);
      }
      if (dzDot != null) {
        dzDot[i] += g;
      }
    }
  }

  /**
   * The cross entropy of the softmax of {@code logits} against class {@code target}:
   * {@code −log softmax(logits)_target = logSumExp(logits) − logits_target}, computed as
   * {@code log Σ e^{z_i − m} − (z_target − m)} so that huge logits give finite values and the
   * difference of two large numbers is never taken. Non-finite logits give NaN or infinity.
   *
   * @param logits the unnormalized log-probabilities, read
   * @param target index of the true class in logits
   * @return the loss, -log softmax(logits)[target]
   * @throws IllegalArgumentException if {@code target} is not an index of {@code logits}
   */
  @CustomDerivative(value = "softmaxCrossEntropyPullback", usesResult = true,
      pushforward = "softmaxCrossEntropyPushforward")
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
   *
   * @param logits the kernel's logits, read
   * @param target the kernel's class index
   * @param result the kernel's result (the loss)
   * @param dResult adjoint of the loss (the seed)
   * @param dlogits adjoint of logits, added to
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
   * Pushforward of {@link #softmaxCrossEntropy}: {@code Σ_i softmax_i logitsDot_i −
   * logitsDot_target}, computed as {@code Σ_{i ≠ target} softmax_i (logitsDot_i −
   * logitsDot_target)}, equal since the softmax sums to 1, which does not cancel when
   * {@code softmax_target} is near 1 (a small loss, the end of training). The softmax comes from
   * the result as in the pullback: {@code softmax_i = e^{(z_i − z_target) − result}}.
   *
   * @param logits the kernel's logits, read
   * @param target the kernel's class index
   * @param result the kernel's result (the loss)
   * @param logitsDot tangent of logits, read
   * @return the tangent of the loss
   */
  @CustomDerivative(value = "softmaxCrossEntropyPushforwardPullback", skipsNullAdjoints = true)
  public static double softmaxCrossEntropyPushforward(
      double[] logits, int target, double result, double[] logitsDot) {
    checkTarget("softmaxCrossEntropyPushforward", logits, target);
    Checks.sameLength(
        "softmaxCrossEntropyPushforward", "logitsDot", logitsDot, "logits", logits);
    double zt = logits[target];
    double tt = logitsDot[target];
    double s = 0.0;
    for (int i = 0; i < logits.length; i++) {
      if (i != target) {
        s += Math.exp((logits[i] - zt) - result) * (logitsDot[i] - tt);
      }
    }
    return s;
  }

  /**
   * Pullback of {@link #softmaxCrossEntropyPushforward} as implemented, a function of
   * {@code logits}, {@code result} and {@code logitsDot} with
   * {@code p_i = e^{(z_i − z_target) − result}} and {@code q_i = p_i (logitsDot_i −
   * logitsDot_target)} for {@code i ≠ target}, {@code F = Σ q_i} (the pushforward's value):
   * {@code dlogits_i += dResult · q_i}, {@code dlogits_target −= dResult · F},
   * {@code dlogitsDot_i += dResult · p_i}, {@code dlogitsDot_target −= dResult · Σ p_i}, and it
   * returns the adjoint of {@code result}, {@code −dResult · F}. The sums leave out the target,
   * as in the pushforward, so nothing cancels when the loss is small.
   *
   * @param logits the kernel's logits, read
   * @param target the kernel's class index
   * @param result the kernel's result (the loss)
   * @param logitsDot tangent of logits, read
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dlogits adjoint of logits, added to; null when not needed (skipsNullAdjoints)
   * @param dlogitsDot adjoint of logitsDot, added to; null when not needed (skipsNullAdjoints)
   * @return the adjoint contribution to result, to be added to its adjoint
   */
  public static double softmaxCrossEntropyPushforwardPullback(double[] logits, int target,
      double result, double[] logitsDot, double dResult, double[] dlogits,
      double[] dlogitsDot) {
    checkCrossEntropyPushforwardPullback(logits, target, logitsDot, dlogits, dlogitsDot);
    double zt = logits[target];
    double tt = logitsDot[target];
    double f = 0.0;
    double others = 0.0;
    for (int i = 0; i < logits.length; i++) {
      if (i == target) {
        continue;
      }
      double p = Math.exp((logits[i] - zt) - result);
      double q = p * (logitsDot[i] - tt);
      f += q;
      others += p;
      if (dlogits != null) {
        dlogits[i] += dResult * q;
      }
      if (dlogitsDot != null) {
        dlogitsDot[i] += dResult * p;
      }
    }
    if (dlogits != null) {
      dlogits[target] -= dResult * f;
    }
    if (dlogitsDot != null) {
      dlogitsDot[target] -= dResult * others;
    }
    return -dResult * f;
  }

  /**
   * {@code (1/n) Σ (prediction_i − target_i)²}. The target is data, not a parameter: it has no
   * derivative.
   *
   * @param prediction the predicted values, read
   * @param target the expected values, same length, read; data, never differentiated
   * @return the mean of the squared differences
   * @throws IllegalArgumentException if the lengths differ or are 0 (the mean of nothing)
   */
  @CustomDerivative(value = "meanSquaredErrorPullback",
      pushforward = "meanSquaredErrorPushforward")
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
   *
   * @param prediction the kernel's prediction, read
   * @param target the kernel's target, read
   * @param dResult adjoint of the loss (the seed)
   * @param dprediction adjoint of prediction, added to
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
   * Pushforward of {@link #meanSquaredError}:
   * {@code (2/n) Σ (prediction_i − target_i) predictionDot_i}; the target has no tangent.
   *
   * @param prediction the kernel's prediction, read
   * @param target the kernel's target, read
   * @param predictionDot tangent of prediction, read
   * @return the tangent of the loss
   */
  @CustomDerivative(value = "meanSquaredErrorPushforwardPullback", skipsNullAdjoints = true)
  public static double meanSquaredErrorPushforward(
      double[] prediction, @NoDerivative double[] target, double[] predictionDot) {
    checkMse("meanSquaredErrorPushforward", prediction, target);
    Checks.sameLength("meanSquaredErrorPushforward", "predictionDot", predictionDot,
        "prediction", prediction);
    double s = 0.0;
    for (int i = 0; i < prediction.length; i++) {
      s += (prediction[i] - target[i]) * predictionDot[i];
    }
    return 2.0 * s / prediction.length;
  }

  /**
   * Pullback of {@link #meanSquaredErrorPushforward}:
   * {@code dprediction_i += dResult · 2 predictionDot_i / n},
   * {@code dpredictionDot_i += dResult · 2 (prediction_i − target_i) / n}. The target has no
   * derivative here either ({@link NoDerivative} as in the loss), so that second order agrees
   * with first order about it.
   *
   * @param prediction the kernel's prediction, read
   * @param target the kernel's target, read
   * @param predictionDot tangent of prediction, read
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dprediction adjoint of prediction, added to; null when not needed (skipsNullAdjoints)
   * @param dpredictionDot adjoint of predictionDot, added to; null when not needed
   *     (skipsNullAdjoints)
   */
  public static void meanSquaredErrorPushforwardPullback(double[] prediction, double[] target,
      double[] predictionDot, double dResult, double[] dprediction, double[] dpredictionDot) {
    checkMsePushforwardPullback(prediction, target, predictionDot, dprediction, dpredictionDot);
    double scale = 2.0 * dResult / prediction.length;
    for (int i = 0; i < prediction.length; i++) {
      if (dprediction != null) {
        dprediction[i] += scale * predictionDot[i];
      }
      if (dpredictionDot != null) {
        dpredictionDot[i] += scale * (prediction[i] - target[i]);
      }
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

  private static void checkTarget(String kernel, Object logits, int target) {
    int n = Checks.length(logits);
    if (target < 0 || target >= n) {
      throw new IllegalArgumentException(
          kernel + ": target " + target + " is not an index of logits, which has length " + n);
    }
  }

  private static void checkMse(String kernel, Object prediction, Object target) {
    Checks.sameLength(kernel, "target", target, "prediction", prediction);
    if (Checks.length(prediction) == 0) {
      throw new IllegalArgumentException(kernel + ": prediction is empty");
    }
  }

  private static void checkLogSumExpPushforwardPullback(
      Object z, Object zDot, Object dz, Object dzDot) {
    String name = "logSumExpPushforwardPullback";
    Checks.sameLength(name, "zDot", zDot, "z", z);
    Checks.sameLengthIfPresent(name, "dz", dz, "z", z);
    Checks.sameLengthIfPresent(name, "dzDot", dzDot, "z", z);
  }

  private static void checkCrossEntropyPushforwardPullback(
      Object logits, int target, Object logitsDot, Object dlogits, Object dlogitsDot) {
    String name = "softmaxCrossEntropyPushforwardPullback";
    checkTarget(name, logits, target);
    Checks.sameLength(name, "logitsDot", logitsDot, "logits", logits);
    Checks.sameLengthIfPresent(name, "dlogits", dlogits, "logits", logits);
    Checks.sameLengthIfPresent(name, "dlogitsDot", dlogitsDot, "logits", logits);
  }

  private static void checkMsePushforwardPullback(Object prediction, Object target,
      Object predictionDot, Object dprediction, Object dpredictionDot) {
    String name = "meanSquaredErrorPushforwardPullback";
    checkMse(name, prediction, target);
    Checks.sameLength(name, "predictionDot", predictionDot, "prediction", prediction);
    Checks.sameLengthIfPresent(name, "dprediction", dprediction, "prediction", prediction);
    Checks.sameLengthIfPresent(
        name, "dpredictionDot", dpredictionDot, "prediction", prediction);
  }

  // ---- float ---------------------------------------------------------------------------------
  //
  // The same losses over float[], registered the same way. Their sums are taken in double: a
  // float sum of exponentials or squares loses the small terms, and a loss is one number, so
  // the double accumulator costs little.

  /**
   * {@link #logSumExp(double[])} in float.
   *
   * @param z the values, read
   * @return log of the sum of e^z_i; negative infinity for an empty z
   */
  @CustomDerivative(value = "logSumExpPullback", pushforward = "logSumExpPushforward")
  public static float logSumExp(float[] z) {
    float max = max(z);
    if (Float.isInfinite(max)) {
      return max;
    }
    return (float) (max + Math.log(sumExpMinus(z, max)));
  }

  /**
   * As the double {@code logSumExpPullback}, in float.
   *
   * @param z the kernel's z, read
   * @param dResult adjoint of the result (the seed)
   * @param dz adjoint of z, added to
   */
  public static void logSumExpPullback(float[] z, float dResult, float[] dz) {
    Checks.sameLength("logSumExpPullback", "dz", dz, "z", z);
    double max = max(z);
    double scale = dResult / sumExpMinus(z, max);
    for (int i = 0; i < z.length; i++) {
      dz[i] += (float) (scale * Math.exp(z[i] - max));
    }
  }

  /**
   * As the double {@code logSumExpPushforward}, in float.
   *
   * @param z the kernel's z, read
   * @param zDot tangent of z, read
   * @return the tangent of logSumExp(z); 0 for an empty z
   */
  @CustomDerivative(value = "logSumExpPushforwardPullback", skipsNullAdjoints = true)
  public static float logSumExpPushforward(float[] z, float[] zDot) {
    Checks.sameLength("logSumExpPushforward", "zDot", zDot, "z", z);
    if (z.length == 0) {
      return 0f;
    }
    double max = max(z);
    double s = 0.0;
    double t = 0.0;
    for (int i = 0; i < z.length; i++) {
      double e = Math.exp(z[i] - max);
      s += e;
      t += e * zDot[i];
    }
    return (float) (t / s);
  }

  /**
   * As the double {@code logSumExpPushforwardPullback}, in float.
   *
   * @param z the kernel's z, read
   * @param zDot tangent of z, read
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dz adjoint of z, added to; null when not needed (skipsNullAdjoints)
   * @param dzDot adjoint of zDot, added to; null when not needed (skipsNullAdjoints)
   */
  public static void logSumExpPushforwardPullback(
      float[] z, float[] zDot, float dResult, float[] dz, float[] dzDot) {
    checkLogSumExpPushforwardPullback(z, zDot, dz, dzDot);
    if (z.length == 0) {
      return;
    }
    double max = max(z);
    double s = 0.0;
    double t = 0.0;
    for (int i = 0; i < z.length; i++) {
      double e = Math.exp(z[i] - max);
      s += e;
      t += e * zDot[i];
    }
    t /= s;
    double scale = dResult / s;
    for (int i = 0; i < z.length; i++) {
      double g = scale * Math.exp(z[i] - max);
      if (dz != null) {
        dz[i] += (float) (g * (zDot[i] - t));
      }
      if (dzDot != null) {
        dzDot[i] += (float) g;
      }
    }
  }

  /**
   * {@link #softmaxCrossEntropy(double[], int)} in float. The pullback and pushforward take the
   * softmax from the float result, which is off by up to half an ulp of the loss: a relative
   * error of {@code 2⁻²⁴·loss} in the gradient, float precision for losses up to a few.
   *
   * @param logits the unnormalized log-probabilities, read
   * @param target index of the true class in logits
   * @return the loss, -log softmax(logits)[target]
   */
  @CustomDerivative(value = "softmaxCrossEntropyPullback", usesResult = true,
      pushforward = "softmaxCrossEntropyPushforward")
  public static float softmaxCrossEntropy(float[] logits, int target) {
    checkTarget("softmaxCrossEntropy", logits, target);
    double max = max(logits);
    return (float) (Math.log(sumExpMinus(logits, max)) - (logits[target] - max));
  }

  /**
   * As the double {@code softmaxCrossEntropyPullback}, in float, except that the target's
   * element is {@code expm1(−result)}, taken whole before rounding.
   *
   * @param logits the kernel's logits, read
   * @param target the kernel's class index
   * @param result the kernel's result (the loss)
   * @param dResult adjoint of the loss (the seed)
   * @param dlogits adjoint of logits, added to
   */
  public static void softmaxCrossEntropyPullback(
      float[] logits, int target, float result, float dResult, float[] dlogits) {
    checkTarget("softmaxCrossEntropyPullback", logits, target);
    Checks.sameLength("softmaxCrossEntropyPullback", "dlogits", dlogits, "logits", logits);
    double zt = logits[target];
    for (int i = 0; i < logits.length; i++) {
      if (i != target) {
        dlogits[i] += (float) (dResult * Math.exp((logits[i] - zt) - result));
      }
    }
    // softmax_target − 1 as expm1(−result), rounded once: a float sum of the two terms would
    // give 0 for a loss below 2⁻²⁴, while the other elements keep their small values.
    dlogits[target] += (float) (dResult * Math.expm1(-result));
  }

  /**
   * As the double {@code softmaxCrossEntropyPushforward}, in float.
   *
   * @param logits the kernel's logits, read
   * @param target the kernel's class index
   * @param result the kernel's result (the loss)
   * @param logitsDot tangent of logits, read
   * @return the tangent of the loss
   */
  @CustomDerivative(value = "softmaxCrossEntropyPushforwardPullback", skipsNullAdjoints = true)
  public static float softmaxCrossEntropyPushforward(
      float[] logits, int target, float result, float[] logitsDot) {
    checkTarget("softmaxCrossEntropyPushforward", logits, target);
    Checks.sameLength(
        "softmaxCrossEntropyPushforward", "logitsDot", logitsDot, "logits", logits);
    double zt = logits[target];
    double tt = logitsDot[target];
    double s = 0.0;
    for (int i = 0; i < logits.length; i++) {
      if (i != target) {
        s += Math.exp((logits[i] - zt) - result) * (logitsDot[i] - tt);
      }
    }
    return (float) s;
  }

  /**
   * As the double {@code softmaxCrossEntropyPushforwardPullback}, in float.
   *
   * @param logits the kernel's logits, read
   * @param target the kernel's class index
   * @param result the kernel's result (the loss)
   * @param logitsDot tangent of logits, read
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dlogits adjoint of logits, added to; null when not needed (skipsNullAdjoints)
   * @param dlogitsDot adjoint of logitsDot, added to; null when not needed (skipsNullAdjoints)
   * @return the adjoint contribution to result, to be added to its adjoint
   */
  public static float softmaxCrossEntropyPushforwardPullback(float[] logits, int target,
      float result, float[] logitsDot, float dResult, float[] dlogits, float[] dlogitsDot) {
    checkCrossEntropyPushforwardPullback(logits, target, logitsDot, dlogits, dlogitsDot);
    double zt = logits[target];
    double tt = logitsDot[target];
    double f = 0.0;
    double others = 0.0;
    for (int i = 0; i < logits.length; i++) {
      if (i == target) {
        continue;
      }
      double p = Math.exp((logits[i] - zt) - result);
      double q = p * (logitsDot[i] - tt);
      f += q;
      others += p;
      if (dlogits != null) {
        dlogits[i] += (float) (dResult * q);
      }
      if (dlogitsDot != null) {
        dlogitsDot[i] += (float) (dResult * p);
      }
    }
    if (dlogits != null) {
      dlogits[target] -= (float) (dResult * f);
    }
    if (dlogitsDot != null) {
      dlogitsDot[target] -= (float) (dResult * others);
    }
    return (float) (-dResult * f);
  }

  /**
   * {@link #meanSquaredError(double[], double[])} in float.
   *
   * @param prediction the predicted values, read
   * @param target the expected values, same length, read; data, never differentiated
   * @return the mean of the squared differences
   */
  @CustomDerivative(value = "meanSquaredErrorPullback",
      pushforward = "meanSquaredErrorPushforward")
  public static float meanSquaredError(float[] prediction, @NoDerivative float[] target) {
    checkMse("meanSquaredError", prediction, target);
    double s = 0.0;
    for (int i = 0; i < prediction.length; i++) {
      double r = (double) prediction[i] - target[i];
      s += r * r;
    }
    return (float) (s / prediction.length);
  }

  /**
   * As the double {@code meanSquaredErrorPullback}, in float.
   *
   * @param prediction the kernel's prediction, read
   * @param target the kernel's target, read
   * @param dResult adjoint of the loss (the seed)
   * @param dprediction adjoint of prediction, added to
   */
  public static void meanSquaredErrorPullback(
      float[] prediction, float[] target, float dResult, float[] dprediction) {
    checkMse("meanSquaredErrorPullback", prediction, target);
    Checks.sameLength(
        "meanSquaredErrorPullback", "dprediction", dprediction, "prediction", prediction);
    float scale = 2f * dResult / prediction.length;
    for (int i = 0; i < prediction.length; i++) {
      dprediction[i] += scale * (prediction[i] - target[i]);
    }
  }

  /**
   * As the double {@code meanSquaredErrorPushforward}, in float.
   *
   * @param prediction the kernel's prediction, read
   * @param target the kernel's target, read
   * @param predictionDot tangent of prediction, read
   * @return the tangent of the loss
   */
  @CustomDerivative(value = "meanSquaredErrorPushforwardPullback", skipsNullAdjoints = true)
  public static float meanSquaredErrorPushforward(
      float[] prediction, @NoDerivative float[] target, float[] predictionDot) {
    checkMse("meanSquaredErrorPushforward", prediction, target);
    Checks.sameLength("meanSquaredErrorPushforward", "predictionDot", predictionDot,
        "prediction", prediction);
    double s = 0.0;
    for (int i = 0; i < prediction.length; i++) {
      s += ((double) prediction[i] - target[i]) * predictionDot[i];
    }
    return (float) (2.0 * s / prediction.length);
  }

  /**
   * As the double {@code meanSquaredErrorPushforwardPullback}, in float.
   *
   * @param prediction the kernel's prediction, read
   * @param target the kernel's target, read
   * @param predictionDot tangent of prediction, read
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dprediction adjoint of prediction, added to; null when not needed (skipsNullAdjoints)
   * @param dpredictionDot adjoint of predictionDot, added to; null when not needed
   *     (skipsNullAdjoints)
   */
  public static void meanSquaredErrorPushforwardPullback(float[] prediction, float[] target,
      float[] predictionDot, float dResult, float[] dprediction, float[] dpredictionDot) {
    checkMsePushforwardPullback(prediction, target, predictionDot, dprediction, dpredictionDot);
    float scale = 2f * dResult / prediction.length;
    for (int i = 0; i < prediction.length; i++) {
      if (dprediction != null) {
        dprediction[i] += scale * predictionDot[i];
      }
      if (dpredictionDot != null) {
        dpredictionDot[i] += scale * (prediction[i] - target[i]);
      }
    }
  }

  /** {@link #max(double[])} of a float array: the same NaN rule. */
  static float max(float[] z) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < z.length; i++) {
      max = Math.max(max, z[i]);
    }
    return max;
  }

  /** {@link #sumExpMinus(double[], double)} of a float array, in double. */
  private static double sumExpMinus(float[] z, double max) {
    double s = 0.0;
    for (int i = 0; i < z.length; i++) {
      s += Math.exp(z[i] - max);
    }
    return s;
  }
}

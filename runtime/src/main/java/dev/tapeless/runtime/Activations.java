package dev.tapeless.runtime;

import dev.tapeless.CustomDerivative;
import dev.tapeless.Out;

/**
 * Activation functions, scalar and element-wise, with registered pullbacks and pushforwards:
 * their derivatives have closed forms that are cheaper and more accurate than differentiating
 * the formulas.
 *
 * <p>Kernels, pullbacks and pushforwards allocate nothing. Array pullbacks follow
 * {@link CustomDerivative}: they ADD into {@code dz} and leave zero in the seed {@code da} (or
 * {@code dy}). They read the output array where that saves work, so it must hold what the call
 * wrote; an output may therefore not be the input array ({@link IllegalArgumentException}). The
 * element-wise pullbacks read each seed element before zeroing it and adding to {@code dz}, so
 * they are correct even when a caller passes one array as both seed and adjoint.
 *
 * <p>Pushforwards (forward mode) are called right after the kernel, with the tangent
 * {@code zDot} of the input: a scalar one returns the tangent of the result, an array one SETS
 * the output's tangent {@code aDot} (or {@code yDot}), from the output like the pullback. They
 * read each element of {@code zDot} before writing that element of the output tangent, so the
 * two may be one array (a tangent updated in place). For a scalar function of one variable the
 * pushforward and the pullback are the same product, {@code f'(z) · zDot}.
 */
public final class Activations {

  private Activations() {}

  /** The logistic function {@code 1 / (1 + e^-z)}, written so that {@code exp} cannot overflow. */
  @CustomDerivative(value = "sigmoidPullback", usesResult = true,
      pushforward = "sigmoidPushforward")
  public static double sigmoid(double z) {
    if (z >= 0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }

  /**
   * Pullback of {@link #sigmoid(double)}: {@code dResult · σ(z)(1 − σ(z))}. From the result
   * {@code s = σ(z)} while {@code 1 − s} is at least 1/16, where it has full relative accuracy
   * and needs no second {@code exp}; in the upper tail, where {@code 1 − s} would cancel, as
   * {@code e/(1+e)²} with {@code e = exp(−z)}.
   */
  public static double sigmoidPullback(double z, double result, double dResult) {
    if (result <= 0.9375) {
      return dResult * (result * (1.0 - result));
    }
    double e = Math.exp(-z);
    double d = 1.0 + e;
    return dResult * (e / (d * d));
  }

  /**
   * Pushforward of {@link #sigmoid(double)}: {@code σ(z)(1 − σ(z)) · zDot}, with the care of
   * {@link #sigmoidPullback} (from the result, or from {@code exp(−z)} in the upper tail).
   */
  public static double sigmoidPushforward(double z, double result, double zDot) {
    return sigmoidPullback(z, result, zDot);
  }

  /** {@code tanh(z)}. */
  @CustomDerivative(value = "tanhPullback", pushforward = "tanhPushforward")
  public static double tanh(double z) {
    return Math.tanh(z);
  }

  /**
   * Pullback of {@link #tanh(double)}: {@code dResult / cosh²(z)}, which, unlike
   * {@code 1 − tanh²}, keeps relative accuracy for large {@code |z|}.
   */
  public static double tanhPullback(double z, double dResult) {
    double c = Math.cosh(z);
    return dResult / (c * c);
  }

  /** Pushforward of {@link #tanh(double)}: {@code zDot / cosh²(z)}, as the pullback. */
  public static double tanhPushforward(double z, double zDot) {
    return tanhPullback(z, zDot);
  }

  /** {@code max(z, 0)}; NaN stays NaN. */
  @CustomDerivative(value = "reluPullback", pushforward = "reluPushforward")
  public static double relu(double z) {
    return Math.max(z, 0.0);
  }

  /**
   * Pullback of {@link #relu(double)}: {@code dResult} where {@code z > 0}, 0 where {@code z ≤ 0}
   * (the derivative at the kink is taken to be 0, as in the common libraries), NaN for NaN.
   */
  public static double reluPullback(double z, double dResult) {
    return z > 0.0 ? dResult : reluZeroOrNaN(z);
  }

  /**
   * Pushforward of {@link #relu(double)}: {@code zDot} where {@code z > 0}, 0 where
   * {@code z ≤ 0} (0 at the kink, as the pullback), NaN for NaN.
   */
  public static double reluPushforward(double z, double zDot) {
    return reluPullback(z, zDot);
  }

  /**
   * {@code log(1 + e^z)}, computed as {@code max(z, 0) + log1p(e^-|z|)} so that it neither
   * overflows for large {@code z} (softplus(1000) = 1000) nor loses the tail for very negative z.
   */
  @CustomDerivative(value = "softplusPullback", pushforward = "softplusPushforward")
  public static double softplus(double z) {
    return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
  }

  /** Pullback of {@link #softplus(double)}: {@code dResult · σ(z)}. */
  public static double softplusPullback(double z, double dResult) {
    return dResult * sigmoid(z);
  }

  /** Pushforward of {@link #softplus(double)}: {@code σ(z) · zDot}. */
  public static double softplusPushforward(double z, double zDot) {
    return softplusPullback(z, zDot);
  }

  /** {@code a_i = σ(z_i)}. */
  @CustomDerivative(value = "sigmoidArrayPullback", pushforward = "sigmoidArrayPushforward")
  public static void sigmoid(double[] z, @Out double[] a) {
    checkElementwise("sigmoid", z, a, "a");
    for (int i = 0; i < z.length; i++) {
      a[i] = sigmoid(z[i]);
    }
  }

  /**
   * Pullback of {@link #sigmoid(double[], double[])}: {@code dz_i += da_i · a_i(1 − a_i)} from
   * the output {@code a} (no second {@code exp}), then {@code da = 0}.
   */
  public static void sigmoidArrayPullback(double[] z, double[] a, double[] da, double[] dz) {
    checkElementwisePullback("sigmoidArrayPullback", z, a, "a", da, "da", dz);
    for (int i = 0; i < z.length; i++) {
      double ai = a[i];
      double g = da[i] * (ai * (1.0 - ai));
      da[i] = 0.0;
      dz[i] += g;
    }
  }

  /**
   * Pushforward of {@link #sigmoid(double[], double[])}: {@code aDot_i = a_i(1 − a_i) · zDot_i}
   * from the output {@code a} (no second {@code exp}).
   */
  public static void sigmoidArrayPushforward(
      double[] z, double[] a, double[] zDot, double[] aDot) {
    checkElementwisePushforward("sigmoidArrayPushforward", z, a, "a", zDot, aDot, "aDot");
    for (int i = 0; i < z.length; i++) {
      double ai = a[i];
      aDot[i] = zDot[i] * (ai * (1.0 - ai));
    }
  }

  /** {@code a_i = tanh(z_i)}. */
  @CustomDerivative(value = "tanhArrayPullback", pushforward = "tanhArrayPushforward")
  public static void tanh(double[] z, @Out double[] a) {
    checkElementwise("tanh", z, a, "a");
    for (int i = 0; i < z.length; i++) {
      a[i] = Math.tanh(z[i]);
    }
  }

  /**
   * Pullback of {@link #tanh(double[], double[])}: {@code dz_i += da_i · (1 − a_i²)} from the
   * output {@code a}, then {@code da = 0}.
   */
  public static void tanhArrayPullback(double[] z, double[] a, double[] da, double[] dz) {
    checkElementwisePullback("tanhArrayPullback", z, a, "a", da, "da", dz);
    for (int i = 0; i < z.length; i++) {
      double ai = a[i];
      double g = da[i] * (1.0 - ai * ai);
      da[i] = 0.0;
      dz[i] += g;
    }
  }

  /**
   * Pushforward of {@link #tanh(double[], double[])}: {@code aDot_i = (1 − a_i²) · zDot_i} from
   * the output {@code a}.
   */
  public static void tanhArrayPushforward(double[] z, double[] a, double[] zDot, double[] aDot) {
    checkElementwisePushforward("tanhArrayPushforward", z, a, "a", zDot, aDot, "aDot");
    for (int i = 0; i < z.length; i++) {
      double ai = a[i];
      aDot[i] = zDot[i] * (1.0 - ai * ai);
    }
  }

  /** {@code a_i = max(z_i, 0)}. */
  @CustomDerivative(value = "reluArrayPullback", readsOutputs = false,
      pushforward = "reluArrayPushforward")
  public static void relu(double[] z, @Out double[] a) {
    checkElementwise("relu", z, a, "a");
    for (int i = 0; i < z.length; i++) {
      a[i] = Math.max(z[i], 0.0);
    }
  }

  /**
   * Pullback of {@link #relu(double[], double[])}: {@code dz_i += da_i} where {@code z_i > 0}
   * (0 at the kink, as for the scalar), then {@code da = 0}.
   */
  public static void reluArrayPullback(double[] z, double[] a, double[] da, double[] dz) {
    checkElementwisePullback("reluArrayPullback", z, a, "a", da, "da", dz);
    for (int i = 0; i < z.length; i++) {
      double zi = z[i];
      double g = zi > 0.0 ? da[i] : reluZeroOrNaN(zi);
      da[i] = 0.0;
      dz[i] += g;
    }
  }

  /**
   * Pushforward of {@link #relu(double[], double[])}: {@code aDot_i = zDot_i} where
   * {@code z_i > 0}, 0 where {@code z_i ≤ 0} (0 at the kink, as the pullback), NaN for NaN. It
   * does not read {@code a}.
   */
  public static void reluArrayPushforward(double[] z, double[] a, double[] zDot, double[] aDot) {
    checkElementwisePushforward("reluArrayPushforward", z, a, "a", zDot, aDot, "aDot");
    for (int i = 0; i < z.length; i++) {
      double zi = z[i];
      aDot[i] = zi > 0.0 ? zDot[i] : reluZeroOrNaN(zi);
    }
  }

  /** {@code a_i = softplus(z_i)}, stable as the scalar. */
  @CustomDerivative(value = "softplusArrayPullback", pushforward = "softplusArrayPushforward")
  public static void softplus(double[] z, @Out double[] a) {
    checkElementwise("softplus", z, a, "a");
    for (int i = 0; i < z.length; i++) {
      double zi = z[i];
      a[i] = Math.max(zi, 0.0) + Math.log1p(Math.exp(-Math.abs(zi)));
    }
  }

  /**
   * Pullback of {@link #softplus(double[], double[])}: {@code dz_i += da_i · σ(z_i)}, then
   * {@code da = 0}.
   */
  public static void softplusArrayPullback(double[] z, double[] a, double[] da, double[] dz) {
    checkElementwisePullback("softplusArrayPullback", z, a, "a", da, "da", dz);
    for (int i = 0; i < z.length; i++) {
      double g = da[i] * sigmoid(z[i]);
      da[i] = 0.0;
      dz[i] += g;
    }
  }

  /**
   * Pushforward of {@link #softplus(double[], double[])}: {@code aDot_i = σ(z_i) · zDot_i}.
   */
  public static void softplusArrayPushforward(
      double[] z, double[] a, double[] zDot, double[] aDot) {
    checkElementwisePushforward("softplusArrayPushforward", z, a, "a", zDot, aDot, "aDot");
    for (int i = 0; i < z.length; i++) {
      aDot[i] = zDot[i] * sigmoid(z[i]);
    }
  }

  /**
   * {@code y_i = e^{z_i} / Σ_j e^{z_j}}, with the maximum subtracted first so that no
   * {@code exp} overflows: large logits give the right probabilities, not NaN.
   */
  @CustomDerivative(value = "softmaxPullback", pushforward = "softmaxPushforward")
  public static void softmax(double[] z, @Out double[] y) {
    checkElementwise("softmax", z, y, "y");
    double max = Losses.max(z);
    double s = 0.0;
    for (int i = 0; i < z.length; i++) {
      double e = Math.exp(z[i] - max);
      y[i] = e;
      s += e;
    }
    double inv = 1.0 / s;
    for (int i = 0; i < y.length; i++) {
      y[i] *= inv;
    }
  }

  /**
   * Pullback of {@link #softmax}: the Jacobian {@code diag(y) − y yᵀ} is dense, but its product
   * with the seed is {@code dz_i += y_i (dy_i − Σ_j dy_j y_j)}, O(n) from the output
   * {@code y}; then {@code dy = 0}.
   */
  public static void softmaxPullback(double[] z, double[] y, double[] dy, double[] dz) {
    checkElementwisePullback("softmaxPullback", z, y, "y", dy, "dy", dz);
    double s = 0.0;
    for (int i = 0; i < y.length; i++) {
      s += dy[i] * y[i];
    }
    for (int i = 0; i < y.length; i++) {
      double g = y[i] * (dy[i] - s);
      dy[i] = 0.0;
      dz[i] += g;
    }
  }

  /**
   * Pushforward of {@link #softmax}: {@code yDot = (diag(y) − y yᵀ) zDot}, that is
   * {@code yDot_i = y_i (zDot_i − Σ_j y_j zDot_j)}, O(n) from the output {@code y}. The sum is
   * taken before anything is written, so {@code yDot} may be {@code zDot}.
   */
  public static void softmaxPushforward(double[] z, double[] y, double[] zDot, double[] yDot) {
    checkElementwisePushforward("softmaxPushforward", z, y, "y", zDot, yDot, "yDot");
    double s = 0.0;
    for (int i = 0; i < y.length; i++) {
      s += y[i] * zDot[i];
    }
    for (int i = 0; i < y.length; i++) {
      yDot[i] = y[i] * (zDot[i] - s);
    }
  }

  private static double reluZeroOrNaN(double z) {
    return z <= 0.0 ? 0.0 : z;
  }

  private static void checkElementwise(String kernel, double[] z, double[] out, String outName) {
    Checks.sameLength(kernel, outName, out, "z", z);
    Checks.distinct(kernel, outName, out, "z", z);
  }

  private static void checkElementwisePullback(String kernel, double[] z, double[] out,
      String outName, double[] seed, String seedName, double[] dz) {
    Checks.sameLength(kernel, outName, out, "z", z);
    Checks.sameLength(kernel, seedName, seed, "z", z);
    Checks.sameLength(kernel, "dz", dz, "z", z);
  }

  private static void checkElementwisePushforward(String kernel, double[] z, double[] out,
      String outName, double[] zDot, double[] outDot, String outDotName) {
    Checks.sameLength(kernel, outName, out, "z", z);
    Checks.sameLength(kernel, "zDot", zDot, "z", z);
    Checks.sameLength(kernel, outDotName, outDot, "z", z);
  }
}

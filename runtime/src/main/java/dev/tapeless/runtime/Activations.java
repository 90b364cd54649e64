package dev.tapeless.runtime;

import dev.tapeless.CustomDerivative;
import dev.tapeless.Out;

/**
 * Activation functions, scalar and element-wise, with registered pullbacks: their derivatives
 * have closed forms that are cheaper and more accurate than differentiating the formulas.
 *
 * <p>Kernels and pullbacks allocate nothing. Array pullbacks follow {@link CustomDerivative}:
 * they ADD into {@code dz} and leave zero in the seed {@code da} (or {@code dy}). They read the
 * output array where that saves work, so it must hold what the call wrote; an output may
 * therefore not be the input array ({@link IllegalArgumentException}). The element-wise
 * pullbacks read each seed element before zeroing it and adding to {@code dz}, so they are
 * correct even when a caller passes one array as both seed and adjoint.
 */
public final class Activations {

  private Activations() {}

  /** The logistic function {@code 1 / (1 + e^-z)}, written so that {@code exp} cannot overflow. */
  @CustomDerivative(value = "sigmoidPullback", usesResult = true)
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

  /** {@code tanh(z)}. */
  @CustomDerivative("tanhPullback")
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

  /** {@code max(z, 0)}; NaN stays NaN. */
  @CustomDerivative("reluPullback")
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
   * {@code log(1 + e^z)}, computed as {@code max(z, 0) + log1p(e^-|z|)} so that it neither
   * overflows for large {@code z} (softplus(1000) = 1000) nor loses the tail for very negative z.
   */
  @CustomDerivative("softplusPullback")
  public static double softplus(double z) {
    return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
  }

  /** Pullback of {@link #softplus(double)}: {@code dResult · σ(z)}. */
  public static double softplusPullback(double z, double dResult) {
    return dResult * sigmoid(z);
  }

  /** {@code a_i = σ(z_i)}. */
  @CustomDerivative("sigmoidArrayPullback")
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

  /** {@code a_i = tanh(z_i)}. */
  @CustomDerivative("tanhArrayPullback")
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

  /** {@code a_i = max(z_i, 0)}. */
  @CustomDerivative(value = "reluArrayPullback", readsOutputs = false)
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

  /** {@code a_i = softplus(z_i)}, stable as the scalar. */
  @CustomDerivative("softplusArrayPullback")
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
   * {@code y_i = e^{z_i} / Σ_j e^{z_j}}, with the maximum subtracted first so that no
   * {@code exp} overflows: large logits give the right probabilities, not NaN.
   */
  @CustomDerivative("softmaxPullback")
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
}

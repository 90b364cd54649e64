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
 *
 * <p>Each pushforward is itself registered with a pullback, {@code <pushforward>Pullback}, its
 * output tangent {@link Out}: second order ({@code hvp}) runs reverse mode over the tangent
 * program, which calls the pushforward after the kernel, so reverse mode must be able to
 * differentiate that call. Such a pullback sends the adjoint to what its pushforward reads: to
 * the output {@code a} where the pushforward works from it, to {@code z} where from that. Those
 * that read {@code zDot} reject an output tangent that was written over it.
 *
 * <p>Every function has a {@code float} overload, with pullbacks and pushforwards of the same
 * names registered the same way. {@code exp}, {@code tanh} and {@code log1p} are taken in double
 * and rounded once, which keeps the care above; softmax sums in double.
 */
public final class Activations {

  private Activations() {}

  /**
   * The logistic function {@code 1 / (1 + e^-z)}, written so that {@code exp} cannot overflow.
   *
   * @param z the argument
   * @return sigmoid(z)
   */
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
   *
   * @param z the kernel's argument
   * @param result the kernel's result, sigmoid(z)
   * @param dResult adjoint of the result (the seed)
   * @return the adjoint contribution to z, to be added to its adjoint
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
   *
   * @param z the kernel's argument
   * @param result the kernel's result, sigmoid(z)
   * @param zDot tangent of z
   * @return the tangent of the result
   */
  @CustomDerivative("sigmoidPushforwardPullback")
  public static double sigmoidPushforward(double z, double result, double zDot) {
    return sigmoidPullback(z, result, zDot);
  }

  /**
   * Pullback of {@link #sigmoidPushforward}, with {@code dScalars} for {@code (z, result, zDot)}.
   * As the pushforward: from the result, {@code d/dresult = zDot (1 − 2 result)}; in the upper
   * tail, from {@code e = exp(−z)}, {@code d/dz = zDot · e (e − 1) / (1 + e)³}, which keeps its
   * relative accuracy there. {@code d/dzDot} is the pushforward's factor {@code σ'}.
   *
   * @param z the kernel's argument
   * @param result the kernel's result, sigmoid(z)
   * @param zDot tangent of z
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dScalars adjoints of (z, result, zDot), length 3, added to
   */
  public static void sigmoidPushforwardPullback(
      double z, double result, double zDot, double dResult, double[] dScalars) {
    Checks.scalarAdjoints("sigmoidPushforwardPullback", dScalars, 3);
    if (result <= 0.9375) {
      dScalars[1] += dResult * (zDot * (1.0 - 2.0 * result));
      dScalars[2] += dResult * (result * (1.0 - result));
      return;
    }
    double e = Math.exp(-z);
    double d = 1.0 + e;
    double slope = e / (d * d);
    dScalars[0] += dResult * (zDot * (slope * ((e - 1.0) / d)));
    dScalars[2] += dResult * slope;
  }

  /**
   * {@code tanh(z)}.
   *
   * @param z the argument
   * @return tanh(z)
   */
  @CustomDerivative(value = "tanhPullback", pushforward = "tanhPushforward")
  public static double tanh(double z) {
    return Math.tanh(z);
  }

  /**
   * Pullback of {@link #tanh(double)}: {@code dResult / cosh²(z)}, which, unlike
   * {@code 1 − tanh²}, keeps relative accuracy for large {@code |z|}.
   *
   * @param z the kernel's argument
   * @param dResult adjoint of the result (the seed)
   * @return the adjoint contribution to z, to be added to its adjoint
   */
  public static double tanhPullback(double z, double dResult) {
    double c = Math.cosh(z);
    return dResult / (c * c);
  }

  /**
   * Pushforward of {@link #tanh(double)}: {@code zDot / cosh²(z)}, as the pullback.
   *
   * @param z the kernel's argument
   * @param zDot tangent of z
   * @return the tangent of the result
   */
  @CustomDerivative("tanhPushforwardPullback")
  public static double tanhPushforward(double z, double zDot) {
    return tanhPullback(z, zDot);
  }

  /**
   * Pullback of {@link #tanhPushforward}, with {@code dScalars} for {@code (z, zDot)}:
   * {@code d/dz = −2 zDot tanh(z) / cosh²(z)}, {@code d/dzDot = 1 / cosh²(z)}, both from
   * {@code cosh} as the pushforward (no {@code 1 − tanh²} cancelling for large {@code |z|}).
   *
   * @param z the kernel's argument
   * @param zDot tangent of z
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dScalars adjoints of (z, zDot), length 2, added to
   */
  public static void tanhPushforwardPullback(
      double z, double zDot, double dResult, double[] dScalars) {
    Checks.scalarAdjoints("tanhPushforwardPullback", dScalars, 2);
    double c = Math.cosh(z);
    double sech2 = 1.0 / (c * c);
    dScalars[0] += dResult * (zDot * (-2.0 * Math.tanh(z) * sech2));
    dScalars[1] += dResult * sech2;
  }

  /**
   * {@code max(z, 0)}; NaN stays NaN.
   *
   * @param z the argument
   * @return max(z, 0)
   */
  @CustomDerivative(value = "reluPullback", pushforward = "reluPushforward")
  public static double relu(double z) {
    return Math.max(z, 0.0);
  }

  /**
   * Pullback of {@link #relu(double)}: {@code dResult} where {@code z > 0}, 0 where {@code z ≤ 0}
   * (the derivative at the kink is taken to be 0, as in the common libraries), NaN for NaN.
   *
   * @param z the kernel's argument
   * @param dResult adjoint of the result (the seed)
   * @return the adjoint contribution to z, to be added to its adjoint
   */
  public static double reluPullback(double z, double dResult) {
    return z > 0.0 ? dResult : reluZeroOrNaN(z);
  }

  /**
   * Pushforward of {@link #relu(double)}: {@code zDot} where {@code z > 0}, 0 where
   * {@code z ≤ 0} (0 at the kink, as the pullback), NaN for NaN.
   *
   * @param z the kernel's argument
   * @param zDot tangent of z
   * @return the tangent of the result
   */
  @CustomDerivative("reluPushforwardPullback")
  public static double reluPushforward(double z, double zDot) {
    return reluPullback(z, zDot);
  }

  /**
   * Pullback of {@link #reluPushforward}, with {@code dScalars} for {@code (z, zDot)}:
   * {@code d/dzDot} as {@link #reluPullback} (0 at the kink, NaN for NaN); {@code d/dz} is 0,
   * the pushforward being piecewise constant in {@code z}, and NaN for NaN.
   *
   * @param z the kernel's argument
   * @param zDot tangent of z
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dScalars adjoints of (z, zDot), length 2, added to
   */
  public static void reluPushforwardPullback(
      double z, double zDot, double dResult, double[] dScalars) {
    Checks.scalarAdjoints("reluPushforwardPullback", dScalars, 2);
    dScalars[0] += nanOrZero(z);
    dScalars[1] += reluPullback(z, dResult);
  }

  /**
   * {@code log(1 + e^z)}, computed as {@code max(z, 0) + log1p(e^-|z|)} so that it neither
   * overflows for large {@code z} (softplus(1000) = 1000) nor loses the tail for very negative z.
   *
   * @param z the argument
   * @return softplus(z)
   */
  @CustomDerivative(value = "softplusPullback", pushforward = "softplusPushforward")
  public static double softplus(double z) {
    return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
  }

  /**
   * Pullback of {@link #softplus(double)}: {@code dResult · σ(z)}.
   *
   * @param z the kernel's argument
   * @param dResult adjoint of the result (the seed)
   * @return the adjoint contribution to z, to be added to its adjoint
   */
  public static double softplusPullback(double z, double dResult) {
    return dResult * sigmoid(z);
  }

  /**
   * Pushforward of {@link #softplus(double)}: {@code σ(z) · zDot}.
   *
   * @param z the kernel's argument
   * @param zDot tangent of z
   * @return the tangent of the result
   */
  @CustomDerivative("softplusPushforwardPullback")
  public static double softplusPushforward(double z, double zDot) {
    return softplusPullback(z, zDot);
  }

  /**
   * Pullback of {@link #softplusPushforward}, with {@code dScalars} for {@code (z, zDot)}:
   * {@code d/dz = zDot σ'(z)}, by {@link #sigmoidPullback} for its tail accuracy, and
   * {@code d/dzDot = σ(z)}.
   *
   * @param z the kernel's argument
   * @param zDot tangent of z
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dScalars adjoints of (z, zDot), length 2, added to
   */
  public static void softplusPushforwardPullback(
      double z, double zDot, double dResult, double[] dScalars) {
    Checks.scalarAdjoints("softplusPushforwardPullback", dScalars, 2);
    double s = sigmoid(z);
    dScalars[0] += sigmoidPullback(z, s, dResult * zDot);
    dScalars[1] += dResult * s;
  }

  /**
   * {@code a_i = σ(z_i)}.
   *
   * @param z the arguments, read
   * @param a the results, same length as z, overwritten; not z
   */
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
   *
   * @param z the kernel's argument z, not read
   * @param a the kernel's output, read
   * @param da adjoint of a, the seed: read, then set to zero
   * @param dz adjoint of z, added to
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
   *
   * @param z the kernel's argument z, not read
   * @param a the kernel's output, read
   * @param zDot tangent of z, read
   * @param aDot tangent of a, overwritten
   */
  @CustomDerivative(value = "sigmoidArrayPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void sigmoidArrayPushforward(
      double[] z, double[] a, double[] zDot, @Out double[] aDot) {
    checkElementwisePushforward("sigmoidArrayPushforward", z, a, "a", zDot, aDot, "aDot");
    for (int i = 0; i < z.length; i++) {
      double ai = a[i];
      aDot[i] = zDot[i] * (ai * (1.0 - ai));
    }
  }

  /**
   * Pullback of {@link #sigmoidArrayPushforward}, seed {@code g = daDot}:
   * {@code da_i += g_i zDot_i (1 − 2 a_i)}, {@code dzDot_i += g_i a_i (1 − a_i)}, then
   * {@code daDot = 0}; the pushforward works from {@code a}, so {@code dz} gets nothing.
   *
   * @param z the kernel's argument z, not read
   * @param a the kernel's output, read
   * @param zDot tangent of z, read
   * @param aDot the pushforward's output tangent, not read
   * @param daDot adjoint of aDot, the seed: read, then set to zero
   * @param dz adjoint of z, left unchanged (the pushforward reads a, not z); null when not needed
   *     (skipsNullAdjoints)
   * @param da adjoint of a, added to; null when not needed (skipsNullAdjoints)
   * @param dzDot adjoint of zDot, added to; null when not needed (skipsNullAdjoints)
   */
  public static void sigmoidArrayPushforwardPullback(double[] z, double[] a, double[] zDot,
      double[] aDot, double[] daDot, double[] dz, double[] da, double[] dzDot) {
    String name = "sigmoidArrayPushforwardPullback";
    checkElementwisePushforwardPullback(name, z, a, "a", zDot, aDot, "aDot", daDot, "daDot", dz,
        da, "da", dzDot);
    Checks.distinct(name, "aDot", aDot, "zDot", zDot);
    for (int i = 0; i < z.length; i++) {
      double ai = a[i];
      double g = daDot[i];
      daDot[i] = 0.0;
      if (da != null) {
        da[i] += g * (zDot[i] * (1.0 - 2.0 * ai));
      }
      if (dzDot != null) {
        dzDot[i] += g * (ai * (1.0 - ai));
      }
    }
  }

  /**
   * {@code a_i = tanh(z_i)}.
   *
   * @param z the arguments, read
   * @param a the results, same length as z, overwritten; not z
   */
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
   *
   * @param z the kernel's argument z, not read
   * @param a the kernel's output, read
   * @param da adjoint of a, the seed: read, then set to zero
   * @param dz adjoint of z, added to
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
   *
   * @param z the kernel's argument z, not read
   * @param a the kernel's output, read
   * @param zDot tangent of z, read
   * @param aDot tangent of a, overwritten
   */
  @CustomDerivative(value = "tanhArrayPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void tanhArrayPushforward(
      double[] z, double[] a, double[] zDot, @Out double[] aDot) {
    checkElementwisePushforward("tanhArrayPushforward", z, a, "a", zDot, aDot, "aDot");
    for (int i = 0; i < z.length; i++) {
      double ai = a[i];
      aDot[i] = zDot[i] * (1.0 - ai * ai);
    }
  }

  /**
   * Pullback of {@link #tanhArrayPushforward}, seed {@code g = daDot}:
   * {@code da_i += −2 g_i zDot_i a_i}, {@code dzDot_i += g_i (1 − a_i²)}, then
   * {@code daDot = 0}; the pushforward works from {@code a}, so {@code dz} gets nothing.
   *
   * @param z the kernel's argument z, not read
   * @param a the kernel's output, read
   * @param zDot tangent of z, read
   * @param aDot the pushforward's output tangent, not read
   * @param daDot adjoint of aDot, the seed: read, then set to zero
   * @param dz adjoint of z, left unchanged (the pushforward reads a, not z); null when not needed
   *     (skipsNullAdjoints)
   * @param da adjoint of a, added to; null when not needed (skipsNullAdjoints)
   * @param dzDot adjoint of zDot, added to; null when not needed (skipsNullAdjoints)
   */
  public static void tanhArrayPushforwardPullback(double[] z, double[] a, double[] zDot,
      double[] aDot, double[] daDot, double[] dz, double[] da, double[] dzDot) {
    String name = "tanhArrayPushforwardPullback";
    checkElementwisePushforwardPullback(name, z, a, "a", zDot, aDot, "aDot", daDot, "daDot", dz,
        da, "da", dzDot);
    Checks.distinct(name, "aDot", aDot, "zDot", zDot);
    for (int i = 0; i < z.length; i++) {
      double ai = a[i];
      double g = daDot[i];
      daDot[i] = 0.0;
      if (da != null) {
        da[i] += g * (-2.0 * zDot[i] * ai);
      }
      if (dzDot != null) {
        dzDot[i] += g * (1.0 - ai * ai);
      }
    }
  }

  /**
   * {@code a_i = max(z_i, 0)}.
   *
   * @param z the arguments, read
   * @param a the results, same length as z, overwritten; not z
   */
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
   *
   * @param z the kernel's argument z, read
   * @param a the kernel's output, not read
   * @param da adjoint of a, the seed: read, then set to zero
   * @param dz adjoint of z, added to
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
   *
   * @param z the kernel's argument z, read
   * @param a the kernel's output, not read
   * @param zDot tangent of z, read
   * @param aDot tangent of a, overwritten
   */
  @CustomDerivative(value = "reluArrayPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void reluArrayPushforward(
      double[] z, double[] a, double[] zDot, @Out double[] aDot) {
    checkElementwisePushforward("reluArrayPushforward", z, a, "a", zDot, aDot, "aDot");
    for (int i = 0; i < z.length; i++) {
      double zi = z[i];
      aDot[i] = zi > 0.0 ? zDot[i] : reluZeroOrNaN(zi);
    }
  }

  /**
   * Pullback of {@link #reluArrayPushforward}, seed {@code g = daDot}: {@code dzDot_i += g_i}
   * where {@code z_i > 0} (0 at the kink, NaN for NaN), {@code dz_i} gets 0 (NaN for NaN),
   * then {@code daDot = 0}; {@code a} is not read, so {@code da} gets nothing. It reads no
   * tangent, so {@code aDot} may have been {@code zDot}.
   *
   * @param z the kernel's argument z, read
   * @param a the kernel's output, not read
   * @param zDot tangent of z, not read
   * @param aDot the pushforward's output tangent, not read
   * @param daDot adjoint of aDot, the seed: read, then set to zero
   * @param dz adjoint of z, added to (0, or NaN where z is NaN); null when not needed
   *     (skipsNullAdjoints)
   * @param da adjoint of a, left unchanged (a is not read); null when not needed
   *     (skipsNullAdjoints)
   * @param dzDot adjoint of zDot, added to; null when not needed (skipsNullAdjoints)
   */
  public static void reluArrayPushforwardPullback(double[] z, double[] a, double[] zDot,
      double[] aDot, double[] daDot, double[] dz, double[] da, double[] dzDot) {
    checkElementwisePushforwardPullback("reluArrayPushforwardPullback", z, a, "a", zDot, aDot,
        "aDot", daDot, "daDot", dz, da, "da", dzDot);
    for (int i = 0; i < z.length; i++) {
      double zi = z[i];
      double g = daDot[i];
      daDot[i] = 0.0;
      if (dz != null) {
        dz[i] += nanOrZero(zi);
      }
      if (dzDot != null) {
        dzDot[i] += zi > 0.0 ? g : reluZeroOrNaN(zi);
      }
    }
  }

  /**
   * {@code a_i = softplus(z_i)}, stable as the scalar.
   *
   * @param z the arguments, read
   * @param a the results, same length as z, overwritten; not z
   */
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
   *
   * @param z the kernel's argument z, read
   * @param a the kernel's output, not read
   * @param da adjoint of a, the seed: read, then set to zero
   * @param dz adjoint of z, added to
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
   *
   * @param z the kernel's argument z, read
   * @param a the kernel's output, not read
   * @param zDot tangent of z, read
   * @param aDot tangent of a, overwritten
   */
  @CustomDerivative(value = "softplusArrayPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void softplusArrayPushforward(
      double[] z, double[] a, double[] zDot, @Out double[] aDot) {
    checkElementwisePushforward("softplusArrayPushforward", z, a, "a", zDot, aDot, "aDot");
    for (int i = 0; i < z.length; i++) {
      aDot[i] = zDot[i] * sigmoid(z[i]);
    }
  }

  /**
   * Pullback of {@link #softplusArrayPushforward}, seed {@code g = daDot}:
   * {@code dz_i += g_i zDot_i σ'(z_i)} (by {@link #sigmoidPullback}, for its tail accuracy),
   * {@code dzDot_i += g_i σ(z_i)}, then {@code daDot = 0}; the pushforward works from {@code z},
   * so {@code da} gets nothing.
   *
   * @param z the kernel's argument z, read
   * @param a the kernel's output, not read
   * @param zDot tangent of z, read
   * @param aDot the pushforward's output tangent, not read
   * @param daDot adjoint of aDot, the seed: read, then set to zero
   * @param dz adjoint of z, added to; null when not needed (skipsNullAdjoints)
   * @param da adjoint of a, left unchanged (a is not read); null when not needed
   *     (skipsNullAdjoints)
   * @param dzDot adjoint of zDot, added to; null when not needed (skipsNullAdjoints)
   */
  public static void softplusArrayPushforwardPullback(double[] z, double[] a, double[] zDot,
      double[] aDot, double[] daDot, double[] dz, double[] da, double[] dzDot) {
    String name = "softplusArrayPushforwardPullback";
    checkElementwisePushforwardPullback(name, z, a, "a", zDot, aDot, "aDot", daDot, "daDot", dz,
        da, "da", dzDot);
    Checks.distinct(name, "aDot", aDot, "zDot", zDot);
    for (int i = 0; i < z.length; i++) {
      double zi = z[i];
      double g = daDot[i];
      daDot[i] = 0.0;
      double s = sigmoid(zi);
      if (dz != null) {
        dz[i] += sigmoidPullback(zi, s, g * zDot[i]);
      }
      if (dzDot != null) {
        dzDot[i] += g * s;
      }
    }
  }

  /**
   * {@code y_i = e^{z_i} / Σ_j e^{z_j}}, with the maximum subtracted first so that no
   * {@code exp} overflows: large logits give the right probabilities, not NaN.
   *
   * @param z the logits, read
   * @param y the probabilities, same length as z, overwritten; not z
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
   *
   * @param z the kernel's argument z, not read
   * @param y the kernel's output, read
   * @param dy adjoint of y, the seed: read, then set to zero
   * @param dz adjoint of z, added to
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
   *
   * @param z the kernel's argument z, not read
   * @param y the kernel's output, read
   * @param zDot tangent of z, read
   * @param yDot tangent of y, overwritten; may be zDot
   */
  @CustomDerivative(value = "softmaxPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void softmaxPushforward(
      double[] z, double[] y, double[] zDot, @Out double[] yDot) {
    checkElementwisePushforward("softmaxPushforward", z, y, "y", zDot, yDot, "yDot");
    double s = 0.0;
    for (int i = 0; i < y.length; i++) {
      s += y[i] * zDot[i];
    }
    for (int i = 0; i < y.length; i++) {
      yDot[i] = y[i] * (zDot[i] - s);
    }
  }

  /**
   * Pullback of {@link #softmaxPushforward}, seed {@code g = dyDot}, with
   * {@code s = Σ_j y_j zDot_j} and {@code r = Σ_j g_j y_j}:
   * {@code dy_i += g_i (zDot_i − s) − r zDot_i}, {@code dzDot_i += y_i (g_i − r)} (the
   * symmetric Jacobian again), then {@code dyDot = 0}; the pushforward works from {@code y},
   * so {@code dz} gets nothing. O(n), both sums taken before anything is written.
   *
   * @param z the kernel's argument z, not read
   * @param y the kernel's output, read
   * @param zDot tangent of z, read
   * @param yDot the pushforward's output tangent, not read
   * @param dyDot adjoint of yDot, the seed: read, then set to zero
   * @param dz adjoint of z, left unchanged (the pushforward reads y, not z); null when not needed
   *     (skipsNullAdjoints)
   * @param dy adjoint of y, added to; null when not needed (skipsNullAdjoints)
   * @param dzDot adjoint of zDot, added to; null when not needed (skipsNullAdjoints)
   */
  public static void softmaxPushforwardPullback(double[] z, double[] y, double[] zDot,
      double[] yDot, double[] dyDot, double[] dz, double[] dy, double[] dzDot) {
    String name = "softmaxPushforwardPullback";
    checkElementwisePushforwardPullback(name, z, y, "y", zDot, yDot, "yDot", dyDot, "dyDot", dz,
        dy, "dy", dzDot);
    Checks.distinct(name, "yDot", yDot, "zDot", zDot);
    double s = 0.0;
    double r = 0.0;
    for (int i = 0; i < y.length; i++) {
      s += y[i] * zDot[i];
      r += dyDot[i] * y[i];
    }
    for (int i = 0; i < y.length; i++) {
      double g = dyDot[i];
      dyDot[i] = 0.0;
      if (dy != null) {
        dy[i] += g * (zDot[i] - s) - r * zDot[i];
      }
      if (dzDot != null) {
        dzDot[i] += y[i] * (g - r);
      }
    }
  }

  private static double reluZeroOrNaN(double z) {
    return z <= 0.0 ? 0.0 : z;
  }

  /** NaN for NaN, else 0: the derivative of relu's pushforward with respect to {@code z}. */
  private static double nanOrZero(double z) {
    return Double.isNaN(z) ? z : 0.0;
  }

  private static void checkElementwise(String kernel, Object z, Object out, String outName) {
    Checks.sameLength(kernel, outName, out, "z", z);
    Checks.distinct(kernel, outName, out, "z", z);
  }

  private static void checkElementwisePullback(String kernel, Object z, Object out,
      String outName, Object seed, String seedName, Object dz) {
    Checks.sameLength(kernel, outName, out, "z", z);
    Checks.sameLength(kernel, seedName, seed, "z", z);
    Checks.sameLength(kernel, "dz", dz, "z", z);
  }

  private static void checkElementwisePushforward(String kernel, Object z, Object out,
      String outName, Object zDot, Object outDot, String outDotName) {
    Checks.sameLength(kernel, outName, out, "z", z);
    Checks.sameLength(kernel, "zDot", zDot, "z", z);
    Checks.sameLength(kernel, outDotName, outDot, "z", z);
  }

  private static void checkElementwisePushforwardPullback(String kernel, Object z, Object out,
      String outName, Object zDot, Object outDot, String outDotName, Object seed,
      String seedName, Object dz, Object dOut, String dOutName, Object dzDot) {
    checkElementwisePushforward(kernel, z, out, outName, zDot, outDot, outDotName);
    Checks.sameLength(kernel, seedName, seed, "z", z);
    Checks.sameLengthIfPresent(kernel, "dz", dz, "z", z);
    Checks.sameLengthIfPresent(kernel, dOutName, dOut, "z", z);
    Checks.sameLengthIfPresent(kernel, "dzDot", dzDot, "z", z);
  }

  // ---- integer arguments -----------------------------------------------------------------------
  //
  // With float overloads, Java would send sigmoid(n) for an int n to the float one (it prefers
  // float to double for an integer) and silently round the result to float. These overloads,
  // more specific still, keep integer arguments in double, as they were before float existed.
  // An integer carries no derivative, so they need none.

  /**
   * {@link #sigmoid(double)} of an integer, in double.
   *
   * @param z the argument, an integer
   * @return sigmoid(z), in double
   */
  public static double sigmoid(long z) {
    return sigmoid((double) z);
  }

  /**
   * {@link #tanh(double)} of an integer, in double.
   *
   * @param z the argument, an integer
   * @return tanh(z), in double
   */
  public static double tanh(long z) {
    return tanh((double) z);
  }

  /**
   * {@link #relu(double)} of an integer, in double.
   *
   * @param z the argument, an integer
   * @return max(z, 0), in double
   */
  public static double relu(long z) {
    return relu((double) z);
  }

  /**
   * {@link #softplus(double)} of an integer, in double.
   *
   * @param z the argument, an integer
   * @return softplus(z), in double
   */
  public static double softplus(long z) {
    return softplus((double) z);
  }

  // ---- float ---------------------------------------------------------------------------------
  //
  // The same functions over float and float[], registered the same way. exp, tanh and log1p
  // are computed in double and rounded once, which keeps the double versions' care against
  // overflow and cancellation (tanh and the scalar tanh's slope from exp, FloatTanh, where the
  // double versions call Math.tanh and Math.cosh); the element-wise derivatives from the
  // output are float arithmetic, which the JIT can vectorize.

  /**
   * {@link #sigmoid(double)} in float.
   *
   * @param z the argument
   * @return sigmoid(z)
   */
  @CustomDerivative(value = "sigmoidPullback", usesResult = true,
      pushforward = "sigmoidPushforward")
  public static float sigmoid(float z) {
    return (float) sigmoid((double) z);
  }

  /**
   * As the double {@code sigmoidPullback}, in float.
   *
   * @param z the kernel's argument
   * @param result the kernel's result, sigmoid(z)
   * @param dResult adjoint of the result (the seed)
   * @return the adjoint contribution to z, to be added to its adjoint
   */
  public static float sigmoidPullback(float z, float result, float dResult) {
    return (float) sigmoidPullback((double) z, (double) result, (double) dResult);
  }

  /**
   * As the double {@code sigmoidPushforward}, in float.
   *
   * @param z the kernel's argument
   * @param result the kernel's result, sigmoid(z)
   * @param zDot tangent of z
   * @return the tangent of the result
   */
  @CustomDerivative("sigmoidPushforwardPullback")
  public static float sigmoidPushforward(float z, float result, float zDot) {
    return sigmoidPullback(z, result, zDot);
  }

  /**
   * As the double {@code sigmoidPushforwardPullback}, in float.
   *
   * @param z the kernel's argument
   * @param result the kernel's result, sigmoid(z)
   * @param zDot tangent of z
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dScalars adjoints of (z, result, zDot), length 3, added to
   */
  public static void sigmoidPushforwardPullback(
      float z, float result, float zDot, float dResult, double[] dScalars) {
    sigmoidPushforwardPullback((double) z, (double) result, (double) zDot, (double) dResult,
        dScalars);
  }

  /**
   * {@link #tanh(double)} in float.
   *
   * @param z the argument
   * @return tanh(z)
   */
  @CustomDerivative(value = "tanhPullback", pushforward = "tanhPushforward")
  public static float tanh(float z) {
    return (float) FloatTanh.of(z);
  }

  /**
   * As the double {@code tanhPullback}, in float.
   *
   * @param z the kernel's argument
   * @param dResult adjoint of the result (the seed)
   * @return the adjoint contribution to z, to be added to its adjoint
   */
  public static float tanhPullback(float z, float dResult) {
    return (float) (dResult * FloatTanh.slope(z));
  }

  /**
   * As the double {@code tanhPushforward}, in float.
   *
   * @param z the kernel's argument
   * @param zDot tangent of z
   * @return the tangent of the result
   */
  @CustomDerivative("tanhPushforwardPullback")
  public static float tanhPushforward(float z, float zDot) {
    return tanhPullback(z, zDot);
  }

  /**
   * As the double {@code tanhPushforwardPullback}, in float.
   *
   * @param z the kernel's argument
   * @param zDot tangent of z
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dScalars adjoints of (z, zDot), length 2, added to
   */
  public static void tanhPushforwardPullback(
      float z, float zDot, float dResult, double[] dScalars) {
    Checks.scalarAdjoints("tanhPushforwardPullback", dScalars, 2);
    double sech2 = FloatTanh.slope(z);
    dScalars[0] += dResult * (zDot * (-2.0 * FloatTanh.of(z) * sech2));
    dScalars[1] += dResult * sech2;
  }

  /**
   * {@link #relu(double)} in float.
   *
   * @param z the argument
   * @return max(z, 0)
   */
  @CustomDerivative(value = "reluPullback", pushforward = "reluPushforward")
  public static float relu(float z) {
    return Math.max(z, 0f);
  }

  /**
   * As the double {@code reluPullback}, in float.
   *
   * @param z the kernel's argument
   * @param dResult adjoint of the result (the seed)
   * @return the adjoint contribution to z, to be added to its adjoint
   */
  public static float reluPullback(float z, float dResult) {
    return z > 0f ? dResult : reluZeroOrNaN(z);
  }

  /**
   * As the double {@code reluPushforward}, in float.
   *
   * @param z the kernel's argument
   * @param zDot tangent of z
   * @return the tangent of the result
   */
  @CustomDerivative("reluPushforwardPullback")
  public static float reluPushforward(float z, float zDot) {
    return reluPullback(z, zDot);
  }

  /**
   * As the double {@code reluPushforwardPullback}, in float.
   *
   * @param z the kernel's argument
   * @param zDot tangent of z
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dScalars adjoints of (z, zDot), length 2, added to
   */
  public static void reluPushforwardPullback(
      float z, float zDot, float dResult, double[] dScalars) {
    reluPushforwardPullback((double) z, (double) zDot, (double) dResult, dScalars);
  }

  /**
   * {@link #softplus(double)} in float.
   *
   * @param z the argument
   * @return softplus(z)
   */
  @CustomDerivative(value = "softplusPullback", pushforward = "softplusPushforward")
  public static float softplus(float z) {
    return (float) softplus((double) z);
  }

  /**
   * As the double {@code softplusPullback}, in float.
   *
   * @param z the kernel's argument
   * @param dResult adjoint of the result (the seed)
   * @return the adjoint contribution to z, to be added to its adjoint
   */
  public static float softplusPullback(float z, float dResult) {
    return (float) softplusPullback((double) z, (double) dResult);
  }

  /**
   * As the double {@code softplusPushforward}, in float.
   *
   * @param z the kernel's argument
   * @param zDot tangent of z
   * @return the tangent of the result
   */
  @CustomDerivative("softplusPushforwardPullback")
  public static float softplusPushforward(float z, float zDot) {
    return softplusPullback(z, zDot);
  }

  /**
   * As the double {@code softplusPushforwardPullback}, in float.
   *
   * @param z the kernel's argument
   * @param zDot tangent of z
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dScalars adjoints of (z, zDot), length 2, added to
   */
  public static void softplusPushforwardPullback(
      float z, float zDot, float dResult, double[] dScalars) {
    softplusPushforwardPullback((double) z, (double) zDot, (double) dResult, dScalars);
  }

  /**
   * {@link #sigmoid(double[], double[])} in float.
   *
   * @param z the arguments, read
   * @param a the results, same length as z, overwritten; not z
   */
  @CustomDerivative(value = "sigmoidArrayPullback", pushforward = "sigmoidArrayPushforward")
  public static void sigmoid(float[] z, @Out float[] a) {
    checkElementwise("sigmoid", z, a, "a");
    for (int i = 0; i < z.length; i++) {
      a[i] = (float) sigmoid((double) z[i]);
    }
  }

  /**
   * As the double {@code sigmoidArrayPullback}, in float.
   *
   * @param z the kernel's argument z, not read
   * @param a the kernel's output, read
   * @param da adjoint of a, the seed: read, then set to zero
   * @param dz adjoint of z, added to
   */
  public static void sigmoidArrayPullback(float[] z, float[] a, float[] da, float[] dz) {
    checkElementwisePullback("sigmoidArrayPullback", z, a, "a", da, "da", dz);
    for (int i = 0; i < z.length; i++) {
      float ai = a[i];
      float g = da[i] * (ai * (1f - ai));
      da[i] = 0f;
      dz[i] += g;
    }
  }

  /**
   * As the double {@code sigmoidArrayPushforward}, in float.
   *
   * @param z the kernel's argument z, not read
   * @param a the kernel's output, read
   * @param zDot tangent of z, read
   * @param aDot tangent of a, overwritten
   */
  @CustomDerivative(value = "sigmoidArrayPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void sigmoidArrayPushforward(
      float[] z, float[] a, float[] zDot, @Out float[] aDot) {
    checkElementwisePushforward("sigmoidArrayPushforward", z, a, "a", zDot, aDot, "aDot");
    for (int i = 0; i < z.length; i++) {
      float ai = a[i];
      aDot[i] = zDot[i] * (ai * (1f - ai));
    }
  }

  /**
   * As the double {@code sigmoidArrayPushforwardPullback}, in float.
   *
   * @param z the kernel's argument z, not read
   * @param a the kernel's output, read
   * @param zDot tangent of z, read
   * @param aDot the pushforward's output tangent, not read
   * @param daDot adjoint of aDot, the seed: read, then set to zero
   * @param dz adjoint of z, left unchanged (the pushforward reads a, not z); null when not needed
   *     (skipsNullAdjoints)
   * @param da adjoint of a, added to; null when not needed (skipsNullAdjoints)
   * @param dzDot adjoint of zDot, added to; null when not needed (skipsNullAdjoints)
   */
  public static void sigmoidArrayPushforwardPullback(float[] z, float[] a, float[] zDot,
      float[] aDot, float[] daDot, float[] dz, float[] da, float[] dzDot) {
    String name = "sigmoidArrayPushforwardPullback";
    checkElementwisePushforwardPullback(name, z, a, "a", zDot, aDot, "aDot", daDot, "daDot", dz,
        da, "da", dzDot);
    Checks.distinct(name, "aDot", aDot, "zDot", zDot);
    for (int i = 0; i < z.length; i++) {
      float ai = a[i];
      float g = daDot[i];
      daDot[i] = 0f;
      if (da != null) {
        da[i] += g * (zDot[i] * (1f - 2f * ai));
      }
      if (dzDot != null) {
        dzDot[i] += g * (ai * (1f - ai));
      }
    }
  }

  /**
   * {@link #tanh(double[], double[])} in float.
   *
   * @param z the arguments, read
   * @param a the results, same length as z, overwritten; not z
   */
  @CustomDerivative(value = "tanhArrayPullback", pushforward = "tanhArrayPushforward")
  public static void tanh(float[] z, @Out float[] a) {
    checkElementwise("tanh", z, a, "a");
    for (int i = 0; i < z.length; i++) {
      a[i] = (float) FloatTanh.of(z[i]);
    }
  }

  /**
   * As the double {@code tanhArrayPullback}, in float.
   *
   * @param z the kernel's argument z, not read
   * @param a the kernel's output, read
   * @param da adjoint of a, the seed: read, then set to zero
   * @param dz adjoint of z, added to
   */
  public static void tanhArrayPullback(float[] z, float[] a, float[] da, float[] dz) {
    checkElementwisePullback("tanhArrayPullback", z, a, "a", da, "da", dz);
    for (int i = 0; i < z.length; i++) {
      float ai = a[i];
      float g = da[i] * (1f - ai * ai);
      da[i] = 0f;
      dz[i] += g;
    }
  }

  /**
   * As the double {@code tanhArrayPushforward}, in float.
   *
   * @param z the kernel's argument z, not read
   * @param a the kernel's output, read
   * @param zDot tangent of z, read
   * @param aDot tangent of a, overwritten
   */
  @CustomDerivative(value = "tanhArrayPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void tanhArrayPushforward(
      float[] z, float[] a, float[] zDot, @Out float[] aDot) {
    checkElementwisePushforward("tanhArrayPushforward", z, a, "a", zDot, aDot, "aDot");
    for (int i = 0; i < z.length; i++) {
      float ai = a[i];
      aDot[i] = zDot[i] * (1f - ai * ai);
    }
  }

  /**
   * As the double {@code tanhArrayPushforwardPullback}, in float.
   *
   * @param z the kernel's argument z, not read
   * @param a the kernel's output, read
   * @param zDot tangent of z, read
   * @param aDot the pushforward's output tangent, not read
   * @param daDot adjoint of aDot, the seed: read, then set to zero
   * @param dz adjoint of z, left unchanged (the pushforward reads a, not z); null when not needed
   *     (skipsNullAdjoints)
   * @param da adjoint of a, added to; null when not needed (skipsNullAdjoints)
   * @param dzDot adjoint of zDot, added to; null when not needed (skipsNullAdjoints)
   */
  public static void tanhArrayPushforwardPullback(float[] z, float[] a, float[] zDot,
      float[] aDot, float[] daDot, float[] dz, float[] da, float[] dzDot) {
    String name = "tanhArrayPushforwardPullback";
    checkElementwisePushforwardPullback(name, z, a, "a", zDot, aDot, "aDot", daDot, "daDot", dz,
        da, "da", dzDot);
    Checks.distinct(name, "aDot", aDot, "zDot", zDot);
    for (int i = 0; i < z.length; i++) {
      float ai = a[i];
      float g = daDot[i];
      daDot[i] = 0f;
      if (da != null) {
        da[i] += g * (-2f * zDot[i] * ai);
      }
      if (dzDot != null) {
        dzDot[i] += g * (1f - ai * ai);
      }
    }
  }

  /**
   * {@link #relu(double[], double[])} in float.
   *
   * @param z the arguments, read
   * @param a the results, same length as z, overwritten; not z
   */
  @CustomDerivative(value = "reluArrayPullback", readsOutputs = false,
      pushforward = "reluArrayPushforward")
  public static void relu(float[] z, @Out float[] a) {
    checkElementwise("relu", z, a, "a");
    for (int i = 0; i < z.length; i++) {
      a[i] = Math.max(z[i], 0f);
    }
  }

  /**
   * As the double {@code reluArrayPullback}, in float.
   *
   * @param z the kernel's argument z, read
   * @param a the kernel's output, not read
   * @param da adjoint of a, the seed: read, then set to zero
   * @param dz adjoint of z, added to
   */
  public static void reluArrayPullback(float[] z, float[] a, float[] da, float[] dz) {
    checkElementwisePullback("reluArrayPullback", z, a, "a", da, "da", dz);
    for (int i = 0; i < z.length; i++) {
      float zi = z[i];
      float g = zi > 0f ? da[i] : reluZeroOrNaN(zi);
      da[i] = 0f;
      dz[i] += g;
    }
  }

  /**
   * As the double {@code reluArrayPushforward}, in float.
   *
   * @param z the kernel's argument z, read
   * @param a the kernel's output, not read
   * @param zDot tangent of z, read
   * @param aDot tangent of a, overwritten
   */
  @CustomDerivative(value = "reluArrayPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void reluArrayPushforward(
      float[] z, float[] a, float[] zDot, @Out float[] aDot) {
    checkElementwisePushforward("reluArrayPushforward", z, a, "a", zDot, aDot, "aDot");
    for (int i = 0; i < z.length; i++) {
      float zi = z[i];
      aDot[i] = zi > 0f ? zDot[i] : reluZeroOrNaN(zi);
    }
  }

  /**
   * As the double {@code reluArrayPushforwardPullback}, in float.
   *
   * @param z the kernel's argument z, read
   * @param a the kernel's output, not read
   * @param zDot tangent of z, not read
   * @param aDot the pushforward's output tangent, not read
   * @param daDot adjoint of aDot, the seed: read, then set to zero
   * @param dz adjoint of z, added to (0, or NaN where z is NaN); null when not needed
   *     (skipsNullAdjoints)
   * @param da adjoint of a, left unchanged (a is not read); null when not needed
   *     (skipsNullAdjoints)
   * @param dzDot adjoint of zDot, added to; null when not needed (skipsNullAdjoints)
   */
  public static void reluArrayPushforwardPullback(float[] z, float[] a, float[] zDot,
      float[] aDot, float[] daDot, float[] dz, float[] da, float[] dzDot) {
    checkElementwisePushforwardPullback("reluArrayPushforwardPullback", z, a, "a", zDot, aDot,
        "aDot", daDot, "daDot", dz, da, "da", dzDot);
    for (int i = 0; i < z.length; i++) {
      float zi = z[i];
      float g = daDot[i];
      daDot[i] = 0f;
      if (dz != null) {
        dz[i] += nanOrZero(zi);
      }
      if (dzDot != null) {
        dzDot[i] += zi > 0f ? g : reluZeroOrNaN(zi);
      }
    }
  }

  /**
   * {@link #softplus(double[], double[])} in float.
   *
   * @param z the arguments, read
   * @param a the results, same length as z, overwritten; not z
   */
  @CustomDerivative(value = "softplusArrayPullback", pushforward = "softplusArrayPushforward")
  public static void softplus(float[] z, @Out float[] a) {
    checkElementwise("softplus", z, a, "a");
    for (int i = 0; i < z.length; i++) {
      a[i] = (float) softplus((double) z[i]);
    }
  }

  /**
   * As the double {@code softplusArrayPullback}, in float.
   *
   * @param z the kernel's argument z, read
   * @param a the kernel's output, not read
   * @param da adjoint of a, the seed: read, then set to zero
   * @param dz adjoint of z, added to
   */
  public static void softplusArrayPullback(float[] z, float[] a, float[] da, float[] dz) {
    checkElementwisePullback("softplusArrayPullback", z, a, "a", da, "da", dz);
    for (int i = 0; i < z.length; i++) {
      float g = da[i] * (float) sigmoid((double) z[i]);
      da[i] = 0f;
      dz[i] += g;
    }
  }

  /**
   * As the double {@code softplusArrayPushforward}, in float.
   *
   * @param z the kernel's argument z, read
   * @param a the kernel's output, not read
   * @param zDot tangent of z, read
   * @param aDot tangent of a, overwritten
   */
  @CustomDerivative(value = "softplusArrayPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void softplusArrayPushforward(
      float[] z, float[] a, float[] zDot, @Out float[] aDot) {
    checkElementwisePushforward("softplusArrayPushforward", z, a, "a", zDot, aDot, "aDot");
    for (int i = 0; i < z.length; i++) {
      aDot[i] = zDot[i] * (float) sigmoid((double) z[i]);
    }
  }

  /**
   * As the double {@code softplusArrayPushforwardPullback}, in float.
   *
   * @param z the kernel's argument z, read
   * @param a the kernel's output, not read
   * @param zDot tangent of z, read
   * @param aDot the pushforward's output tangent, not read
   * @param daDot adjoint of aDot, the seed: read, then set to zero
   * @param dz adjoint of z, added to; null when not needed (skipsNullAdjoints)
   * @param da adjoint of a, left unchanged (a is not read); null when not needed
   *     (skipsNullAdjoints)
   * @param dzDot adjoint of zDot, added to; null when not needed (skipsNullAdjoints)
   */
  public static void softplusArrayPushforwardPullback(float[] z, float[] a, float[] zDot,
      float[] aDot, float[] daDot, float[] dz, float[] da, float[] dzDot) {
    String name = "softplusArrayPushforwardPullback";
    checkElementwisePushforwardPullback(name, z, a, "a", zDot, aDot, "aDot", daDot, "daDot", dz,
        da, "da", dzDot);
    Checks.distinct(name, "aDot", aDot, "zDot", zDot);
    for (int i = 0; i < z.length; i++) {
      double zi = z[i];
      float g = daDot[i];
      daDot[i] = 0f;
      double s = sigmoid(zi);
      if (dz != null) {
        dz[i] += (float) sigmoidPullback(zi, s, (double) g * zDot[i]);
      }
      if (dzDot != null) {
        dzDot[i] += g * (float) s;
      }
    }
  }

  /**
   * {@link #softmax(double[], double[])} in float; the sum of the exponentials is taken in
   * double, where a float sum of many small terms would lose the small ones.
   *
   * @param z the logits, read
   * @param y the probabilities, same length as z, overwritten; not z
   */
  @CustomDerivative(value = "softmaxPullback", pushforward = "softmaxPushforward")
  public static void softmax(float[] z, @Out float[] y) {
    checkElementwise("softmax", z, y, "y");
    double max = Losses.max(z);
    double s = 0.0;
    for (int i = 0; i < z.length; i++) {
      double e = Math.exp(z[i] - max);
      y[i] = (float) e;
      s += e;
    }
    double inv = 1.0 / s;
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) (y[i] * inv);
    }
  }

  /**
   * As the double {@code softmaxPullback}, in float, the sum in double.
   *
   * @param z the kernel's argument z, not read
   * @param y the kernel's output, read
   * @param dy adjoint of y, the seed: read, then set to zero
   * @param dz adjoint of z, added to
   */
  public static void softmaxPullback(float[] z, float[] y, float[] dy, float[] dz) {
    checkElementwisePullback("softmaxPullback", z, y, "y", dy, "dy", dz);
    double s = weightedSum(dy, y);
    for (int i = 0; i < y.length; i++) {
      float g = (float) (y[i] * (dy[i] - s));
      dy[i] = 0f;
      dz[i] += g;
    }
  }

  /**
   * As the double {@code softmaxPushforward}, in float, the sum in double.
   *
   * @param z the kernel's argument z, not read
   * @param y the kernel's output, read
   * @param zDot tangent of z, read
   * @param yDot tangent of y, overwritten; may be zDot
   */
  @CustomDerivative(value = "softmaxPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void softmaxPushforward(float[] z, float[] y, float[] zDot, @Out float[] yDot) {
    checkElementwisePushforward("softmaxPushforward", z, y, "y", zDot, yDot, "yDot");
    double s = weightedSum(y, zDot);
    for (int i = 0; i < y.length; i++) {
      yDot[i] = (float) (y[i] * (zDot[i] - s));
    }
  }

  /**
   * As the double {@code softmaxPushforwardPullback}, in float, the sums in double.
   *
   * @param z the kernel's argument z, not read
   * @param y the kernel's output, read
   * @param zDot tangent of z, read
   * @param yDot the pushforward's output tangent, not read
   * @param dyDot adjoint of yDot, the seed: read, then set to zero
   * @param dz adjoint of z, left unchanged (the pushforward reads y, not z); null when not needed
   *     (skipsNullAdjoints)
   * @param dy adjoint of y, added to; null when not needed (skipsNullAdjoints)
   * @param dzDot adjoint of zDot, added to; null when not needed (skipsNullAdjoints)
   */
  public static void softmaxPushforwardPullback(float[] z, float[] y, float[] zDot,
      float[] yDot, float[] dyDot, float[] dz, float[] dy, float[] dzDot) {
    String name = "softmaxPushforwardPullback";
    checkElementwisePushforwardPullback(name, z, y, "y", zDot, yDot, "yDot", dyDot, "dyDot", dz,
        dy, "dy", dzDot);
    Checks.distinct(name, "yDot", yDot, "zDot", zDot);
    double s = weightedSum(y, zDot);
    double r = weightedSum(dyDot, y);
    for (int i = 0; i < y.length; i++) {
      double g = dyDot[i];
      dyDot[i] = 0f;
      if (dy != null) {
        dy[i] += (float) (g * (zDot[i] - s) - r * zDot[i]);
      }
      if (dzDot != null) {
        dzDot[i] += (float) (y[i] * (g - r));
      }
    }
  }

  /** {@code Σ a_i b_i} in double. */
  private static double weightedSum(float[] a, float[] b) {
    double s = 0.0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  private static float reluZeroOrNaN(float z) {
    return z <= 0f ? 0f : z;
  }

  private static float nanOrZero(float z) {
    return Float.isNaN(z) ? z : 0f;
  }
}

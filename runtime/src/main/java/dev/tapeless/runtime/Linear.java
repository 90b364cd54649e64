package dev.tapeless.runtime;

import dev.tapeless.CustomDerivative;
import dev.tapeless.Out;
import java.util.Arrays;

/**
 * Small dense linear-algebra kernels over {@code double[]} vectors and row-major
 * {@code double[][]} matrices, each with a registered pullback so that differentiable code can
 * call them and get hand-tuned backward loops instead of element-by-element adjoints.
 *
 * <p>Kernels, pullbacks and pushforwards allocate nothing. Pullbacks follow
 * {@link CustomDerivative}: they ADD into the input adjoints and leave zero in the seed of each
 * {@link Out} array. An {@code Out} array must not be one of the inputs (nor a row of an input
 * matrix): the pullback reads the inputs after the call, so such calls are rejected with an
 * {@link IllegalArgumentException}. Shapes are checked before anything is written.
 *
 * <p>Pushforwards (forward mode) are called right after the kernel with the tangents of its
 * inputs, and return the tangent of the result ({@code dot}, {@code sum}) or SET the tangent of
 * the {@code Out} array ({@code yDot = WDot x + W xDot} for {@code matvec}). Where the kernel is
 * registered with {@code skipsNullAdjoints}, an input tangent array may be {@code null}: that
 * term is zero and skipped. An output tangent that would be written while an array it aliases is
 * still being read (for {@code matvec}: {@code x}, {@code xDot} or a row of {@code W} or
 * {@code WDot}) is rejected likewise; element-wise ones ({@code axpy}) may be an input tangent.
 *
 * <p>Each pushforward is itself registered with a pullback, {@code <pushforward>Pullback}, its
 * output tangent {@link Out}: second order ({@code hvp}) runs reverse mode over the tangent
 * program, which calls the pushforward after the kernel, so reverse mode must be able to
 * differentiate that call. These pullbacks take {@code null} for any input adjoint (the reverse
 * sweep passes {@code null} for the adjoint of a {@code null} tangent), treat a {@code null}
 * tangent as zero, and never read the output tangent's contents.
 *
 * <p>Every kernel has a {@code float} overload over {@code float[]} and {@code float[][]}, with
 * pullbacks and pushforwards of the same names registered the same way, for models that want
 * half the memory traffic; it accumulates in float, as single-precision BLAS does.
 */
public final class Linear {

  private Linear() {}

  /**
   * The inner product {@code Σ x_i y_i}.
   *
   * @param x first vector, read
   * @param y second vector, same length as x, read
   * @return the inner product of x and y
   */
  @CustomDerivative(value = "dotPullback", skipsNullAdjoints = true,
      pushforward = "dotPushforward")
  public static double dot(double[] x, double[] y) {
    Checks.sameLength("dot", "y", y, "x", x);
    double s = 0.0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  /**
   * Pullback of {@link #dot}: {@code dx += dResult·y}, {@code dy += dResult·x}.
   *
   * @param x the kernel's x, read
   * @param y the kernel's y, read
   * @param dResult adjoint of the result (the seed)
   * @param dx adjoint of x, added to; null when not needed (skipsNullAdjoints)
   * @param dy adjoint of y, added to; null when not needed (skipsNullAdjoints)
   */
  public static void dotPullback(
      double[] x, double[] y, double dResult, double[] dx, double[] dy) {
    Checks.sameLength("dotPullback", "y", y, "x", x);
    Checks.sameLengthIfPresent("dotPullback", "dx", dx, "x", x);
    Checks.sameLengthIfPresent("dotPullback", "dy", dy, "y", y);
    if (dx != null) {
      for (int i = 0; i < x.length; i++) {
        dx[i] += dResult * y[i];
      }
    }
    if (dy != null) {
      for (int i = 0; i < x.length; i++) {
        dy[i] += dResult * x[i];
      }
    }
  }

  /**
   * Pushforward of {@link #dot}: {@code Σ xDot_i y_i + x_i yDot_i}; a {@code null} tangent
   * contributes nothing.
   *
   * @param x the kernel's x, read
   * @param y the kernel's y, read
   * @param xDot tangent of x, read; null for a zero tangent
   * @param yDot tangent of y, read; null for a zero tangent
   * @return the tangent of the inner product
   */
  @CustomDerivative(value = "dotPushforwardPullback", skipsNullAdjoints = true)
  public static double dotPushforward(double[] x, double[] y, double[] xDot, double[] yDot) {
    Checks.sameLength("dotPushforward", "y", y, "x", x);
    Checks.sameLengthIfPresent("dotPushforward", "xDot", xDot, "x", x);
    Checks.sameLengthIfPresent("dotPushforward", "yDot", yDot, "y", y);
    double s = xDot == null ? 0.0 : dotRow(xDot, y);
    if (yDot != null) {
      s += dotRow(x, yDot);
    }
    return s;
  }

  /**
   * Pullback of {@link #dotPushforward}, which is bilinear: {@code dx += dResult·yDot},
   * {@code dy += dResult·xDot}, {@code dxDot += dResult·y}, {@code dyDot += dResult·x}.
   *
   * @param x the kernel's x, read
   * @param y the kernel's y, read
   * @param xDot tangent of x, read; null for a zero tangent
   * @param yDot tangent of y, read; null for a zero tangent
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dx adjoint of x, added to; null when not needed (skipsNullAdjoints)
   * @param dy adjoint of y, added to; null when not needed (skipsNullAdjoints)
   * @param dxDot adjoint of xDot, added to; null when not needed (skipsNullAdjoints)
   * @param dyDot adjoint of yDot, added to; null when not needed (skipsNullAdjoints)
   */
  public static void dotPushforwardPullback(double[] x, double[] y, double[] xDot,
      double[] yDot, double dResult, double[] dx, double[] dy, double[] dxDot, double[] dyDot) {
    checkDotPushforwardPullback(x, y, xDot, yDot, dx, dy, dxDot, dyDot);
    if (dx != null && yDot != null) {
      addScaled(dx, yDot, dResult);
    }
    if (dy != null && xDot != null) {
      addScaled(dy, xDot, dResult);
    }
    if (dxDot != null) {
      addScaled(dxDot, y, dResult);
    }
    if (dyDot != null) {
      addScaled(dyDot, x, dResult);
    }
  }

  private static void checkDotPushforwardPullback(Object x, Object y, Object xDot, Object yDot,
      Object dx, Object dy, Object dxDot, Object dyDot) {
    String name = "dotPushforwardPullback";
    Checks.sameLength(name, "y", y, "x", x);
    Checks.sameLengthIfPresent(name, "xDot", xDot, "x", x);
    Checks.sameLengthIfPresent(name, "yDot", yDot, "y", y);
    Checks.sameLengthIfPresent(name, "dx", dx, "x", x);
    Checks.sameLengthIfPresent(name, "dy", dy, "y", y);
    Checks.sameLengthIfPresent(name, "dxDot", dxDot, "x", x);
    Checks.sameLengthIfPresent(name, "dyDot", dyDot, "y", y);
  }

  /**
   * {@code y = W x} for an m × n matrix {@code W}: {@code y_i = Σ_j W_ij x_j}.
   *
   * @param W the m x n matrix, read
   * @param x vector of length n, read
   * @param y output of length m, overwritten; not x nor a row of W
   */
  @CustomDerivative(value = "matvecPullback", skipsNullAdjoints = true,
      assigning = "matvecPullbackAssigning", readsOutputs = false,
      pushforward = "matvecPushforward", jvp = "matvecJvp")
  public static void matvec(double[][] W, double[] x, @Out double[] y) {
    checkMatvec("matvec", W, x, y);
    RowProducts.of(W, x, y);
  }

  /**
   * Pullback of {@link #matvec}: {@code dW += dy xᵀ}, {@code dx += Wᵀ dy}, then {@code dy = 0}
   * (y's old contents do not reach the output). Rows with {@code dy_i = 0}, such as the units a
   * ReLU switched off, contribute nothing and are skipped.
   *
   * @param W the kernel's m x n matrix, read
   * @param x the kernel's x (length n), read
   * @param y the kernel's output (length m), not read
   * @param dy adjoint of y (length m), the seed: read, then set to zero
   * @param dW adjoint of W (m x n), added to; null when not needed (skipsNullAdjoints)
   * @param dx adjoint of x (length n), added to; null when not needed (skipsNullAdjoints)
   */
  public static void matvecPullback(
      double[][] W, double[] x, double[] y, double[] dy, double[][] dW, double[] dx) {
    checkMatvecPullback("matvecPullback", W, x, y, dy, dW, dx);
    for (int i = 0; i < W.length; i++) {
      double g = dy[i];
      if (g == 0.0) {
        continue;
      }
      if (dW != null) {
        double[] dwi = dW[i];
        for (int j = 0; j < x.length; j++) {
          dwi[j] += g * x[j];
        }
      }
      if (dx != null) {
        addScaled(dx, W[i], g);
      }
    }
    Arrays.fill(dy, 0.0);
  }

  /**
   * {@link #matvecPullback} that sets instead of adding: {@code dW = dy xᵀ},
   * {@code dx = Wᵀ dy}, then {@code dy = 0}. Tapeless calls it where {@code dW} and {@code dx}
   * hold nothing yet, so that a gradient is written once instead of zeroed and added to. (Its
   * own method rather than a flag of one shared method, so that the JIT compiles each loop for
   * what it does.)
   *
   * @param W the kernel's m x n matrix, read
   * @param x the kernel's x (length n), read
   * @param y the kernel's output (length m), not read
   * @param dy adjoint of y (length m), the seed: read, then set to zero
   * @param dW adjoint of W (m x n), overwritten; null when not needed (skipsNullAdjoints)
   * @param dx adjoint of x (length n), overwritten; null when not needed (skipsNullAdjoints)
   */
  public static void matvecPullbackAssigning(
      double[][] W, double[] x, double[] y, double[] dy, double[][] dW, double[] dx) {
    checkMatvecPullback("matvecPullbackAssigning", W, x, y, dy, dW, dx);
    if (dx != null) {
      Arrays.fill(dx, 0.0);
    }
    for (int i = 0; i < W.length; i++) {
      double g = dy[i];
      if (g == 0.0) {
        if (dW != null) {
          Arrays.fill(dW[i], 0.0); // as matvecPullback: a zero row contributes exactly zero
        }
        continue;
      }
      if (dW != null) {
        double[] dwi = dW[i];
        for (int j = 0; j < x.length; j++) {
          dwi[j] = g * x[j];
        }
      }
      if (dx != null) {
        addScaled(dx, W[i], g);
      }
    }
    Arrays.fill(dy, 0.0);
  }

  private static void checkMatvec(String name, Object[] W, Object x, Object y) {
    int m = W.length;
    Checks.lengthIsRows(name, "y", y, "W", m);
    Checks.distinct(name, "y", y, "x", x);
    Checks.matrix(name, "W", W, "y", m, "x", Checks.length(x), "y", y);
  }

  private static void checkMatvecPullback(
      String name, Object[] W, Object x, Object y, Object dy, Object[] dW, Object dx) {
    int m = W.length;
    int n = Checks.length(x);
    Checks.lengthIsRows(name, "y", y, "W", m);
    Checks.lengthIsRows(name, "dy", dy, "W", m);
    Checks.sameLengthIfPresent(name, "dx", dx, "x", x);
    Checks.matrix(name, "W", W, "y", m, "x", n, null, null);
    Checks.sameShapeIfPresent(name, "dW", dW, "W", m, n);
  }

  /**
   * Pushforward of {@link #matvec}: {@code yDot = WDot x + W xDot}, a {@code null} tangent
   * contributing nothing ({@code yDot = 0} when both are). {@code yDot} must not be {@code x},
   * {@code xDot} or a row of {@code W} or {@code WDot}, which are read after it is first written.
   *
   * @param W the kernel's m x n matrix, read
   * @param x the kernel's x (length n), read
   * @param y the kernel's output (length m), not read
   * @param WDot tangent of W (m x n), read; null for a zero tangent
   * @param xDot tangent of x (length n), read; null for a zero tangent
   * @param yDot tangent of y (length m), overwritten
   */
  @CustomDerivative(value = "matvecPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void matvecPushforward(double[][] W, double[] x, double[] y, double[][] WDot,
      double[] xDot, @Out double[] yDot) {
    checkMatvecPushforward("matvecPushforward", W, x, y, WDot, xDot, yDot);
    tangentRows(W, x, WDot, xDot, yDot);
  }

  /**
   * {@code yDot = WDot x + W xDot}, a null tangent contributing nothing; without a product each
   * element is the one sum, which starts from {@code +0.0} and so is never {@code -0.0}, as
   * {@code 0.0 + sum} was.
   */
  private static void tangentRows(double[][] W, double[] x, double[][] WDot, double[] xDot, double[] yDot) {
    if (WDot != null && xDot != null) {
      RowProducts.sum(WDot, x, W, xDot, yDot);
    } else if (WDot != null) {
      RowProducts.of(WDot, x, yDot);
    } else if (xDot != null) {
      RowProducts.of(W, xDot, yDot);
    } else {
      Arrays.fill(yDot, 0.0);
    }
  }

  /**
   * {@link #matvec(double[][], double[], double[])} and its pushforward in one pass, with the same
   * results bit for bit: {@code y = W x}, {@code yDot = WDot x + W xDot}. Forward mode calls it
   * in their place; with a tangent of {@code W} alone (a layer's input is data) the value's and
   * the tangent's rows share each load of {@code x}.
   *
   * @param W the m x n matrix, read
   * @param x vector of length n, read
   * @param y output of length m, overwritten
   * @param WDot tangent of W (m x n), read; null for a zero tangent
   * @param xDot tangent of x (length n), read; null for a zero tangent
   * @param yDot tangent of y (length m), overwritten
   */
  public static void matvecJvp(double[][] W, double[] x, double[] y, double[][] WDot, double[] xDot,
      double[] yDot) {
    checkMatvecJvp(W, x, y, WDot, xDot, yDot);
    if (WDot != null && xDot == null) {
      RowProducts.pair(W, WDot, x, y, yDot);
    } else {
      RowProducts.of(W, x, y);
      tangentRows(W, x, WDot, xDot, yDot);
    }
  }

  /**
   * Pullback of {@link #matvecPushforward}, seed {@code g = dyDot}: {@code dW += g xDotᵀ},
   * {@code dx += WDotᵀ g}, {@code dWDot += g xᵀ}, {@code dxDot += Wᵀ g}, then {@code dyDot = 0};
   * {@code y} is not read, so {@code dy} gets nothing. Rows with {@code g_i = 0} are skipped, as
   * in {@link #matvecPullback}.
   *
   * @param W the kernel's m x n matrix, read
   * @param x the kernel's x (length n), read
   * @param y the kernel's output (length m), not read
   * @param WDot tangent of W (m x n), read; null for a zero tangent
   * @param xDot tangent of x (length n), read; null for a zero tangent
   * @param yDot the pushforward's output tangent, not read
   * @param dyDot adjoint of yDot (length m), the seed: read, then set to zero
   * @param dW adjoint of W, added to; null when not needed (skipsNullAdjoints)
   * @param dx adjoint of x, added to; null when not needed (skipsNullAdjoints)
   * @param dy adjoint of y, left unchanged (y is not read); null when not needed
   *     (skipsNullAdjoints)
   * @param dWDot adjoint of WDot, added to; null when not needed (skipsNullAdjoints)
   * @param dxDot adjoint of xDot, added to; null when not needed (skipsNullAdjoints)
   */
  public static void matvecPushforwardPullback(double[][] W, double[] x, double[] y,
      double[][] WDot, double[] xDot, double[] yDot, double[] dyDot, double[][] dW, double[] dx,
      double[] dy, double[][] dWDot, double[] dxDot) {
    checkMatvecPushforwardPullback(W, x, y, WDot, xDot, yDot, dyDot, dW, dx, dy, dWDot, dxDot);
    for (int i = 0; i < W.length; i++) {
      double g = dyDot[i];
      if (g == 0.0) {
        continue;
      }
      if (dW != null && xDot != null) {
        addScaled(dW[i], xDot, g);
      }
      if (dx != null && WDot != null) {
        addScaled(dx, WDot[i], g);
      }
      if (dWDot != null) {
        addScaled(dWDot[i], x, g);
      }
      if (dxDot != null) {
        addScaled(dxDot, W[i], g);
      }
    }
    Arrays.fill(dyDot, 0.0);
  }

  private static void checkMatvecPushforward(String name,
      Object[] W, Object x, Object y, Object[] WDot, Object xDot, Object yDot) {
    int m = W.length;
    int n = Checks.length(x);
    Checks.lengthIsRows(name, "y", y, "W", m);
    Checks.lengthIsRows(name, "yDot", yDot, "W", m);
    Checks.sameLengthIfPresent(name, "xDot", xDot, "x", x);
    Checks.matrix(name, "W", W, "y", m, "x", n, "yDot", yDot);
    Checks.sameShapeIfPresent(name, "WDot", WDot, "W", m, n);
    Checks.distinct(name, "yDot", yDot, "x", x);
    Checks.distinct(name, "yDot", yDot, "xDot", xDot);
    Checks.notARow(name, "yDot", yDot, "WDot", WDot);
  }

  /** Both kernels' checks, and none of the four outputs' arrays read by the pass. */
  private static void checkMatvecJvp(
      Object[] W, Object x, Object y, Object[] WDot, Object xDot, Object yDot) {
    String name = "matvecJvp";
    checkMatvec(name, W, x, y);
    checkMatvecPushforward(name, W, x, y, WDot, xDot, yDot);
    Checks.distinct(name, "yDot", yDot, "y", y);
    Checks.distinct(name, "y", y, "xDot", xDot);
    Checks.notARow(name, "y", y, "WDot", WDot);
  }

  private static void checkMatvecPushforwardPullback(Object[] W, Object x, Object y,
      Object[] WDot, Object xDot, Object yDot, Object dyDot, Object[] dW, Object dx, Object dy,
      Object[] dWDot, Object dxDot) {
    String name = "matvecPushforwardPullback";
    int m = W.length;
    int n = Checks.length(x);
    Checks.lengthIsRows(name, "y", y, "W", m);
    Checks.lengthIsRows(name, "yDot", yDot, "W", m);
    Checks.lengthIsRows(name, "dyDot", dyDot, "W", m);
    Checks.matrix(name, "W", W, "y", m, "x", n, null, null);
    Checks.sameShapeIfPresent(name, "WDot", WDot, "W", m, n);
    Checks.sameLengthIfPresent(name, "xDot", xDot, "x", x);
    Checks.sameShapeIfPresent(name, "dW", dW, "W", m, n);
    Checks.sameLengthIfPresent(name, "dx", dx, "x", x);
    if (dy != null) {
      Checks.lengthIsRows(name, "dy", dy, "W", m);
    }
    Checks.sameShapeIfPresent(name, "dWDot", dWDot, "W", m, n);
    Checks.sameLengthIfPresent(name, "dxDot", dxDot, "x", x);
  }

  /** {@code Σ a_j b_j} over {@code a}'s length. */
  private static double dotRow(double[] a, double[] b) {
    double s = 0.0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }

  /** {@code a += g · row}. */
  private static void addScaled(double[] a, double[] row, double g) {
    for (int j = 0; j < a.length; j++) {
      a[j] += row[j] * g;
    }
  }

  /**
   * {@code y = Wᵀ x} for an m × n matrix {@code W}: {@code y_j = Σ_i W_ij x_i}, without forming
   * the transpose (the backward step of a dense layer, {@code δ = Wᵀ δ'}).
   *
   * @param W the m x n matrix, read
   * @param x vector of length m, read
   * @param y output of length n, overwritten; not x nor a row of W
   */
  @CustomDerivative(value = "matvecTransposedPullback", skipsNullAdjoints = true,
      readsOutputs = false, pushforward = "matvecTransposedPushforward")
  public static void matvecTransposed(double[][] W, double[] x, @Out double[] y) {
    checkMatvecTransposed(W, x, y);
    int m = W.length;
    int n = y.length;
    Arrays.fill(y, 0.0);
    // Row by row, so that W is read in memory order.
    for (int i = 0; i < m; i++) {
      double[] wi = W[i];
      double xi = x[i];
      for (int j = 0; j < n; j++) {
        y[j] += wi[j] * xi;
      }
    }
  }

  /**
   * Pullback of {@link #matvecTransposed}: {@code dW += x dyᵀ}, {@code dx += W dy}, then
   * {@code dy = 0}.
   *
   * @param W the kernel's m x n matrix, read
   * @param x the kernel's x (length m), read
   * @param y the kernel's output (length n), not read
   * @param dy adjoint of y (length n), the seed: read, then set to zero
   * @param dW adjoint of W (m x n), added to; null when not needed (skipsNullAdjoints)
   * @param dx adjoint of x (length m), added to; null when not needed (skipsNullAdjoints)
   */
  public static void matvecTransposedPullback(
      double[][] W, double[] x, double[] y, double[] dy, double[][] dW, double[] dx) {
    checkMatvecTransposedPullback(W, x, y, dy, dW, dx);
    int m = W.length;
    int n = y.length;
    for (int i = 0; i < m; i++) {
      double[] wi = W[i];
      double xi = x[i];
      if (dW != null) {
        double[] dwi = dW[i];
        for (int j = 0; j < n; j++) {
          dwi[j] += xi * dy[j];
        }
      }
      if (dx != null) {
        double s = 0.0;
        for (int j = 0; j < n; j++) {
          s += wi[j] * dy[j];
        }
        dx[i] += s;
      }
    }
    Arrays.fill(dy, 0.0);
  }

  /**
   * Pushforward of {@link #matvecTransposed}: {@code yDot = WDotᵀ x + Wᵀ xDot}, a {@code null}
   * tangent contributing nothing ({@code yDot = 0} when both are). {@code yDot} must not be
   * {@code x}, {@code xDot} or a row of {@code W} or {@code WDot}, which are read after it is
   * first written.
   *
   * @param W the kernel's m x n matrix, read
   * @param x the kernel's x (length m), read
   * @param y the kernel's output (length n), not read
   * @param WDot tangent of W (m x n), read; null for a zero tangent
   * @param xDot tangent of x (length m), read; null for a zero tangent
   * @param yDot tangent of y (length n), overwritten
   */
  @CustomDerivative(value = "matvecTransposedPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void matvecTransposedPushforward(double[][] W, double[] x, double[] y,
      double[][] WDot, double[] xDot, @Out double[] yDot) {
    checkMatvecTransposedPushforward(W, x, y, WDot, xDot, yDot);
    Arrays.fill(yDot, 0.0);
    // Row by row, so that W and WDot are read in memory order.
    for (int i = 0; i < W.length; i++) {
      if (WDot != null) {
        addScaled(yDot, WDot[i], x[i]);
      }
      if (xDot != null) {
        addScaled(yDot, W[i], xDot[i]);
      }
    }
  }

  /**
   * Pullback of {@link #matvecTransposedPushforward}, seed {@code g = dyDot}:
   * {@code dW += xDot gᵀ}, {@code dx += WDot g}, {@code dWDot += x gᵀ}, {@code dxDot += W g},
   * then {@code dyDot = 0}; {@code y} is not read, so {@code dy} gets nothing.
   *
   * @param W the kernel's m x n matrix, read
   * @param x the kernel's x (length m), read
   * @param y the kernel's output (length n), not read
   * @param WDot tangent of W (m x n), read; null for a zero tangent
   * @param xDot tangent of x (length m), read; null for a zero tangent
   * @param yDot the pushforward's output tangent, not read
   * @param dyDot adjoint of yDot (length n), the seed: read, then set to zero
   * @param dW adjoint of W, added to; null when not needed (skipsNullAdjoints)
   * @param dx adjoint of x, added to; null when not needed (skipsNullAdjoints)
   * @param dy adjoint of y, left unchanged (y is not read); null when not needed
   *     (skipsNullAdjoints)
   * @param dWDot adjoint of WDot, added to; null when not needed (skipsNullAdjoints)
   * @param dxDot adjoint of xDot, added to; null when not needed (skipsNullAdjoints)
   */
  public static void matvecTransposedPushforwardPullback(double[][] W, double[] x, double[] y,
      double[][] WDot, double[] xDot, double[] yDot, double[] dyDot, double[][] dW, double[] dx,
      double[] dy, double[][] dWDot, double[] dxDot) {
    checkMatvecTransposedPushforwardPullback(
        W, x, y, WDot, xDot, yDot, dyDot, dW, dx, dy, dWDot, dxDot);
    // Row by row, so that W and WDot are read in memory order.
    for (int i = 0; i < W.length; i++) {
      if (dW != null && xDot != null) {
        addScaled(dW[i], dyDot, xDot[i]);
      }
      if (dx != null && WDot != null) {
        dx[i] += dotRow(WDot[i], dyDot);
      }
      if (dWDot != null) {
        addScaled(dWDot[i], dyDot, x[i]);
      }
      if (dxDot != null) {
        dxDot[i] += dotRow(W[i], dyDot);
      }
    }
    Arrays.fill(dyDot, 0.0);
  }

  private static void checkMatvecTransposed(Object[] W, Object x, Object y) {
    int m = W.length;
    Checks.lengthIsRows("matvecTransposed", "x", x, "W", m);
    Checks.distinct("matvecTransposed", "y", y, "x", x);
    Checks.matrix("matvecTransposed", "W", W, "x", m, "y", Checks.length(y), "y", y);
  }

  private static void checkMatvecTransposedPullback(
      Object[] W, Object x, Object y, Object dy, Object[] dW, Object dx) {
    String name = "matvecTransposedPullback";
    int m = W.length;
    int n = Checks.length(y);
    Checks.lengthIsRows(name, "x", x, "W", m);
    if (dx != null) {
      Checks.lengthIsRows(name, "dx", dx, "W", m);
    }
    Checks.sameLength(name, "dy", dy, "y", y);
    Checks.matrix(name, "W", W, "x", m, "y", n, null, null);
    Checks.sameShapeIfPresent(name, "dW", dW, "W", m, n);
  }

  private static void checkMatvecTransposedPushforward(
      Object[] W, Object x, Object y, Object[] WDot, Object xDot, Object yDot) {
    String name = "matvecTransposedPushforward";
    int m = W.length;
    int n = Checks.length(y);
    Checks.lengthIsRows(name, "x", x, "W", m);
    if (xDot != null) {
      Checks.lengthIsRows(name, "xDot", xDot, "W", m);
    }
    Checks.sameLength(name, "yDot", yDot, "y", y);
    Checks.matrix(name, "W", W, "x", m, "y", n, "yDot", yDot);
    Checks.sameShapeIfPresent(name, "WDot", WDot, "W", m, n);
    Checks.distinct(name, "yDot", yDot, "x", x);
    Checks.distinct(name, "yDot", yDot, "xDot", xDot);
    Checks.notARow(name, "yDot", yDot, "WDot", WDot);
  }

  private static void checkMatvecTransposedPushforwardPullback(Object[] W, Object x, Object y,
      Object[] WDot, Object xDot, Object yDot, Object dyDot, Object[] dW, Object dx, Object dy,
      Object[] dWDot, Object dxDot) {
    String name = "matvecTransposedPushforwardPullback";
    int m = W.length;
    int n = Checks.length(y);
    Checks.lengthIsRows(name, "x", x, "W", m);
    Checks.sameLength(name, "yDot", yDot, "y", y);
    Checks.sameLength(name, "dyDot", dyDot, "y", y);
    Checks.matrix(name, "W", W, "x", m, "y", n, null, null);
    Checks.sameShapeIfPresent(name, "WDot", WDot, "W", m, n);
    if (xDot != null) {
      Checks.lengthIsRows(name, "xDot", xDot, "W", m);
    }
    Checks.sameShapeIfPresent(name, "dW", dW, "W", m, n);
    if (dx != null) {
      Checks.lengthIsRows(name, "dx", dx, "W", m);
    }
    Checks.sameLengthIfPresent(name, "dy", dy, "y", y);
    Checks.sameShapeIfPresent(name, "dWDot", dWDot, "W", m, n);
    if (dxDot != null) {
      Checks.lengthIsRows(name, "dxDot", dxDot, "W", m);
    }
  }

  /**
   * {@code z = a x + y}, element-wise.
   *
   * @param a the scale of x
   * @param x vector, read
   * @param y vector of the same length, read
   * @param z output of the same length, overwritten; neither x nor y
   */
  @CustomDerivative(value = "axpyPullback", skipsNullAdjoints = true, readsOutputs = false,
      pushforward = "axpyPushforward")
  public static void axpy(double a, double[] x, double[] y, @Out double[] z) {
    checkAxpy(x, y, z);
    for (int i = 0; i < z.length; i++) {
      z[i] = a * x[i] + y[i];
    }
  }

  /**
   * Pullback of {@link #axpy}: {@code dx += a·dz}, {@code dy += dz}, {@code dz = 0}; returns
   * {@code da = Σ dz_i x_i}.
   *
   * @param a the kernel's scale
   * @param x the kernel's x, read
   * @param y the kernel's y, not read
   * @param z the kernel's output, not read
   * @param dz adjoint of z, the seed: read, then set to zero
   * @param dx adjoint of x, added to; null when not needed (skipsNullAdjoints)
   * @param dy adjoint of y, added to; null when not needed (skipsNullAdjoints)
   * @return the adjoint contribution to a, {@code sum_i dz_i x_i}
   */
  public static double axpyPullback(
      double a, double[] x, double[] y, double[] z, double[] dz, double[] dx, double[] dy) {
    checkAxpyPullback(x, y, z, dz, dx, dy);
    double da = 0.0;
    for (int i = 0; i < dz.length; i++) {
      double g = dz[i];
      da += g * x[i];
      if (dx != null) {
        dx[i] += a * g;
      }
      if (dy != null) {
        dy[i] += g;
      }
    }
    Arrays.fill(dz, 0.0);
    return da;
  }

  /**
   * Pushforward of {@link #axpy}: {@code zDot = aDot·x + a·xDot + yDot}, a {@code null} xDot
   * or yDot contributing nothing. Element-wise, so {@code zDot} may be {@code xDot} or
   * {@code yDot}.
   *
   * @param a the kernel's scale
   * @param x the kernel's x, read
   * @param y the kernel's y, not read
   * @param z the kernel's output, not read
   * @param aDot tangent of a
   * @param xDot tangent of x, read; null for a zero tangent
   * @param yDot tangent of y, read; null for a zero tangent
   * @param zDot tangent of z, overwritten; may be xDot or yDot
   */
  @CustomDerivative(value = "axpyPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void axpyPushforward(double a, double[] x, double[] y, double[] z, double aDot,
      double[] xDot, double[] yDot, @Out double[] zDot) {
    checkAxpyPushforward(x, y, z, xDot, yDot, zDot);
    for (int i = 0; i < zDot.length; i++) {
      double t = aDot * x[i];
      if (xDot != null) {
        t += a * xDot[i];
      }
      if (yDot != null) {
        t += yDot[i];
      }
      zDot[i] = t;
    }
  }

  /**
   * Pullback of {@link #axpyPushforward}, seed {@code g = dzDot}: {@code dx += aDot·g},
   * {@code dxDot += a·g}, {@code dyDot += g}, {@code dScalars[0] += Σ g_i xDot_i} (for
   * {@code a}), {@code dScalars[1] += Σ g_i x_i} (for {@code aDot}), then {@code dzDot = 0};
   * {@code y} and {@code z} are not read, so {@code dy} and {@code dz} get nothing. It reads
   * {@code xDot}, so the call must not have written {@code zDot} over it.
   *
   * @param a the kernel's scale
   * @param x the kernel's x, read
   * @param y the kernel's y, not read
   * @param z the kernel's output, not read
   * @param aDot tangent of a
   * @param xDot tangent of x, read; null for a zero tangent
   * @param yDot tangent of y, not read; null for a zero tangent
   * @param zDot the pushforward's output tangent, not read
   * @param dzDot adjoint of zDot, the seed: read, then set to zero
   * @param dx adjoint of x, added to; null when not needed (skipsNullAdjoints)
   * @param dy adjoint of y, left unchanged (y is not read); null when not needed
   *     (skipsNullAdjoints)
   * @param dz adjoint of z, left unchanged (z is not read); null when not needed
   *     (skipsNullAdjoints)
   * @param dxDot adjoint of xDot, added to; null when not needed (skipsNullAdjoints)
   * @param dyDot adjoint of yDot, added to; null when not needed (skipsNullAdjoints)
   * @param dScalars adjoints of the scalar inputs, added to: [0] for a, [1] for aDot
   */
  public static void axpyPushforwardPullback(double a, double[] x, double[] y, double[] z,
      double aDot, double[] xDot, double[] yDot, double[] zDot, double[] dzDot, double[] dx,
      double[] dy, double[] dz, double[] dxDot, double[] dyDot, double[] dScalars) {
    checkAxpyPushforwardPullback(x, y, z, xDot, yDot, zDot, dzDot, dx, dy, dz, dxDot, dyDot,
        dScalars);
    double da = 0.0;
    double daDot = 0.0;
    for (int i = 0; i < dzDot.length; i++) {
      double g = dzDot[i];
      dzDot[i] = 0.0;
      daDot += g * x[i];
      if (xDot != null) {
        da += g * xDot[i];
      }
      if (dx != null) {
        dx[i] += aDot * g;
      }
      if (dxDot != null) {
        dxDot[i] += a * g;
      }
      if (dyDot != null) {
        dyDot[i] += g;
      }
    }
    dScalars[0] += da;
    dScalars[1] += daDot;
  }

  private static void checkAxpy(Object x, Object y, Object z) {
    Checks.sameLength("axpy", "y", y, "x", x);
    Checks.sameLength("axpy", "z", z, "x", x);
    Checks.distinct("axpy", "z", z, "x", x);
    Checks.distinct("axpy", "z", z, "y", y);
  }

  private static void checkAxpyPullback(
      Object x, Object y, Object z, Object dz, Object dx, Object dy) {
    Checks.sameLength("axpyPullback", "y", y, "x", x);
    Checks.sameLength("axpyPullback", "z", z, "x", x);
    Checks.sameLength("axpyPullback", "dz", dz, "z", z);
    Checks.sameLengthIfPresent("axpyPullback", "dx", dx, "x", x);
    Checks.sameLengthIfPresent("axpyPullback", "dy", dy, "y", y);
  }

  private static void checkAxpyPushforward(
      Object x, Object y, Object z, Object xDot, Object yDot, Object zDot) {
    String name = "axpyPushforward";
    Checks.sameLength(name, "y", y, "x", x);
    Checks.sameLength(name, "z", z, "x", x);
    Checks.sameLength(name, "zDot", zDot, "z", z);
    Checks.sameLengthIfPresent(name, "xDot", xDot, "x", x);
    Checks.sameLengthIfPresent(name, "yDot", yDot, "y", y);
  }

  private static void checkAxpyPushforwardPullback(Object x, Object y, Object z, Object xDot,
      Object yDot, Object zDot, Object dzDot, Object dx, Object dy, Object dz, Object dxDot,
      Object dyDot, double[] dScalars) {
    String name = "axpyPushforwardPullback";
    Checks.sameLength(name, "y", y, "x", x);
    Checks.sameLength(name, "z", z, "x", x);
    Checks.sameLength(name, "zDot", zDot, "z", z);
    Checks.sameLength(name, "dzDot", dzDot, "z", z);
    Checks.sameLengthIfPresent(name, "xDot", xDot, "x", x);
    Checks.sameLengthIfPresent(name, "yDot", yDot, "y", y);
    Checks.sameLengthIfPresent(name, "dx", dx, "x", x);
    Checks.sameLengthIfPresent(name, "dy", dy, "y", y);
    Checks.sameLengthIfPresent(name, "dz", dz, "z", z);
    Checks.sameLengthIfPresent(name, "dxDot", dxDot, "x", x);
    Checks.sameLengthIfPresent(name, "dyDot", dyDot, "y", y);
    Checks.scalarAdjoints(name, dScalars, 2);
    Checks.distinct(name, "zDot", zDot, "xDot", xDot);
  }

  /**
   * {@code Σ x_i}.
   *
   * @param x vector, read
   * @return the sum of the elements of x
   */
  @CustomDerivative(value = "sumPullback", pushforward = "sumPushforward")
  public static double sum(double[] x) {
    double s = 0.0;
    for (int i = 0; i < x.length; i++) {
      s += x[i];
    }
    return s;
  }

  /**
   * Pullback of {@link #sum}: {@code dx_i += dResult}.
   *
   * @param x the kernel's x, not read but for its length
   * @param dResult adjoint of the sum (the seed)
   * @param dx adjoint of x, added to
   */
  public static void sumPullback(double[] x, double dResult, double[] dx) {
    Checks.sameLength("sumPullback", "dx", dx, "x", x);
    for (int i = 0; i < dx.length; i++) {
      dx[i] += dResult;
    }
  }

  /**
   * Pushforward of {@link #sum}: {@code Σ xDot_i}.
   *
   * @param x the kernel's x, not read but for its length
   * @param xDot tangent of x, same length, read
   * @return the tangent of the sum
   */
  @CustomDerivative(value = "sumPushforwardPullback", skipsNullAdjoints = true)
  public static double sumPushforward(double[] x, double[] xDot) {
    Checks.sameLength("sumPushforward", "xDot", xDot, "x", x);
    double s = 0.0;
    for (int i = 0; i < xDot.length; i++) {
      s += xDot[i];
    }
    return s;
  }

  /**
   * Pullback of {@link #sumPushforward}: {@code dxDot_i += dResult}; the pushforward does not
   * depend on {@code x}, so {@code dx} gets nothing.
   *
   * @param x the kernel's x, not read but for its length
   * @param xDot tangent of x, not read but for its length
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dx adjoint of x, left unchanged; null when not needed (skipsNullAdjoints)
   * @param dxDot adjoint of xDot, added to; null when not needed (skipsNullAdjoints)
   */
  public static void sumPushforwardPullback(
      double[] x, double[] xDot, double dResult, double[] dx, double[] dxDot) {
    String name = "sumPushforwardPullback";
    Checks.sameLength(name, "xDot", xDot, "x", x);
    Checks.sameLengthIfPresent(name, "dx", dx, "x", x);
    Checks.sameLengthIfPresent(name, "dxDot", dxDot, "x", x);
    if (dxDot != null) {
      for (int i = 0; i < dxDot.length; i++) {
        dxDot[i] += dResult;
      }
    }
  }

  /**
   * The outer product {@code A = u vᵀ}: {@code A_ij = u_i v_j}.
   *
   * @param u left vector, length m, read
   * @param v right vector, length n, read
   * @param A output m x n matrix, overwritten; no row may be u or v
   */
  @CustomDerivative(value = "outerPullback", skipsNullAdjoints = true, readsOutputs = false,
      pushforward = "outerPushforward")
  public static void outer(double[] u, double[] v, @Out double[][] A) {
    int m = u.length;
    int n = v.length;
    checkOuter("outer", u, v, A);
    for (int i = 0; i < m; i++) {
      double[] ai = A[i];
      double ui = u[i];
      for (int j = 0; j < n; j++) {
        ai[j] = ui * v[j];
      }
    }
  }

  /**
   * Pullback of {@link #outer}: {@code du += dA v}, {@code dv += dAᵀ u}, then {@code dA = 0}.
   *
   * @param u the kernel's u (length m), read
   * @param v the kernel's v (length n), read
   * @param A the kernel's output, not read
   * @param dA adjoint of A (m x n), the seed: read, then set to zero
   * @param du adjoint of u, added to; null when not needed (skipsNullAdjoints)
   * @param dv adjoint of v, added to; null when not needed (skipsNullAdjoints)
   */
  public static void outerPullback(
      double[] u, double[] v, double[][] A, double[][] dA, double[] du, double[] dv) {
    checkOuterPullback(u, v, A, dA, du, dv);
    int m = u.length;
    int n = v.length;
    for (int i = 0; i < m; i++) {
      double[] dai = dA[i];
      double ui = u[i];
      double s = 0.0;
      for (int j = 0; j < n; j++) {
        double g = dai[j];
        s += g * v[j];
        if (dv != null) {
          dv[j] += g * ui;
        }
      }
      if (du != null) {
        du[i] += s;
      }
      Arrays.fill(dai, 0.0);
    }
  }

  /**
   * Pushforward of {@link #outer}: {@code ADot = uDot vᵀ + u vDotᵀ}, a {@code null} tangent
   * contributing nothing ({@code ADot = 0} when both are). No row of {@code ADot} may be
   * {@code u}, {@code v}, {@code uDot} or {@code vDot}, which are read while it is written.
   *
   * @param u the kernel's u (length m), read
   * @param v the kernel's v (length n), read
   * @param A the kernel's output, not read
   * @param uDot tangent of u, read; null for a zero tangent
   * @param vDot tangent of v, read; null for a zero tangent
   * @param ADot tangent of A (m x n), overwritten
   */
  @CustomDerivative(value = "outerPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void outerPushforward(double[] u, double[] v, double[][] A, double[] uDot,
      double[] vDot, @Out double[][] ADot) {
    checkOuterPushforward(u, v, A, uDot, vDot, ADot);
    int m = u.length;
    int n = v.length;
    for (int i = 0; i < m; i++) {
      double[] ri = ADot[i];
      if (uDot == null && vDot == null) {
        Arrays.fill(ri, 0.0);
      } else if (vDot == null) {
        double g = uDot[i];
        for (int j = 0; j < n; j++) {
          ri[j] = g * v[j];
        }
      } else if (uDot == null) {
        double ui = u[i];
        for (int j = 0; j < n; j++) {
          ri[j] = ui * vDot[j];
        }
      } else {
        double g = uDot[i];
        double ui = u[i];
        for (int j = 0; j < n; j++) {
          ri[j] = g * v[j] + ui * vDot[j];
        }
      }
    }
  }

  /**
   * Pullback of {@link #outerPushforward}, seed {@code G = dADot}: {@code du += G vDot},
   * {@code dv += Gᵀ uDot}, {@code duDot += G v}, {@code dvDot += Gᵀ u}, then {@code dADot = 0};
   * {@code A} is not read, so {@code dA} gets nothing.
   *
   * @param u the kernel's u (length m), read
   * @param v the kernel's v (length n), read
   * @param A the kernel's output, not read
   * @param uDot tangent of u, read; null for a zero tangent
   * @param vDot tangent of v, read; null for a zero tangent
   * @param ADot the pushforward's output tangent, not read
   * @param dADot adjoint of ADot (m x n), the seed: read, then set to zero
   * @param du adjoint of u, added to; null when not needed (skipsNullAdjoints)
   * @param dv adjoint of v, added to; null when not needed (skipsNullAdjoints)
   * @param dA adjoint of A, left unchanged (A is not read); null when not needed
   *     (skipsNullAdjoints)
   * @param duDot adjoint of uDot, added to; null when not needed (skipsNullAdjoints)
   * @param dvDot adjoint of vDot, added to; null when not needed (skipsNullAdjoints)
   */
  public static void outerPushforwardPullback(double[] u, double[] v, double[][] A,
      double[] uDot, double[] vDot, double[][] ADot, double[][] dADot, double[] du, double[] dv,
      double[][] dA, double[] duDot, double[] dvDot) {
    checkOuterPushforwardPullback(u, v, A, uDot, vDot, ADot, dADot, du, dv, dA, duDot, dvDot);
    for (int i = 0; i < u.length; i++) {
      double[] gi = dADot[i];
      if (du != null && vDot != null) {
        du[i] += dotRow(gi, vDot);
      }
      if (dv != null && uDot != null) {
        addScaled(dv, gi, uDot[i]);
      }
      if (duDot != null) {
        duDot[i] += dotRow(gi, v);
      }
      if (dvDot != null) {
        addScaled(dvDot, gi, u[i]);
      }
      Arrays.fill(gi, 0.0);
    }
  }

  /**
   * {@code A += u vᵀ}, in place: the weight-gradient update of a dense layer, for hand-written
   * backward code and optimizers.
   *
   * <p>Not differentiable, and deliberately without a {@link CustomDerivative}: {@code A} is read
   * and written, which the {@link Out} convention cannot express (an {@code Out} array's incoming
   * contents are not differentiated). In differentiable code write {@code outer} into a fresh
   * array and add it.
   *
   * @param u left vector, length m, read
   * @param v right vector, length n, read
   * @param A m x n matrix, added to; no row may be u or v
   */
  public static void outerAccumulate(double[] u, double[] v, double[][] A) {
    int m = u.length;
    int n = v.length;
    checkOuter("outerAccumulate", u, v, A);
    for (int i = 0; i < m; i++) {
      double[] ai = A[i];
      double ui = u[i];
      for (int j = 0; j < n; j++) {
        ai[j] += ui * v[j];
      }
    }
  }

  private static void checkOuter(String kernel, Object u, Object v, Object[] A) {
    // A row that is u or v would change the factors while they are being read.
    int m = Checks.length(u);
    int n = Checks.length(v);
    Checks.matrix(kernel, "A", A, "u", m, "v", n, "u", u);
    if (v != u) {
      Checks.matrix(kernel, "A", A, "u", m, "v", n, "v", v);
    }
  }

  private static void checkOuterPullback(
      Object u, Object v, Object[] A, Object[] dA, Object du, Object dv) {
    int m = Checks.length(u);
    int n = Checks.length(v);
    Checks.matrix("outerPullback", "A", A, "u", m, "v", n, null, null);
    Checks.sameShape("outerPullback", "dA", dA, "A", m, n);
    Checks.sameLengthIfPresent("outerPullback", "du", du, "u", u);
    Checks.sameLengthIfPresent("outerPullback", "dv", dv, "v", v);
  }

  private static void checkOuterPushforward(
      Object u, Object v, Object[] A, Object uDot, Object vDot, Object[] ADot) {
    String name = "outerPushforward";
    int m = Checks.length(u);
    int n = Checks.length(v);
    Checks.matrix(name, "A", A, "u", m, "v", n, null, null);
    Checks.sameShape(name, "ADot", ADot, "A", m, n);
    Checks.sameLengthIfPresent(name, "uDot", uDot, "u", u);
    Checks.sameLengthIfPresent(name, "vDot", vDot, "v", v);
    Checks.notARow(name, "u", u, "ADot", ADot);
    Checks.notARow(name, "v", v, "ADot", ADot);
    Checks.notARow(name, "uDot", uDot, "ADot", ADot);
    Checks.notARow(name, "vDot", vDot, "ADot", ADot);
  }

  private static void checkOuterPushforwardPullback(Object u, Object v, Object[] A, Object uDot,
      Object vDot, Object[] ADot, Object[] dADot, Object du, Object dv, Object[] dA,
      Object duDot, Object dvDot) {
    String name = "outerPushforwardPullback";
    int m = Checks.length(u);
    int n = Checks.length(v);
    Checks.matrix(name, "A", A, "u", m, "v", n, null, null);
    Checks.sameShape(name, "ADot", ADot, "A", m, n);
    Checks.sameShape(name, "dADot", dADot, "A", m, n);
    Checks.sameLengthIfPresent(name, "uDot", uDot, "u", u);
    Checks.sameLengthIfPresent(name, "vDot", vDot, "v", v);
    Checks.sameLengthIfPresent(name, "du", du, "u", u);
    Checks.sameLengthIfPresent(name, "dv", dv, "v", v);
    Checks.sameShapeIfPresent(name, "dA", dA, "A", m, n);
    Checks.sameLengthIfPresent(name, "duDot", duDot, "u", u);
    Checks.sameLengthIfPresent(name, "dvDot", dvDot, "v", v);
  }

  // ---- float ---------------------------------------------------------------------------------
  //
  // The same kernels over float[] and float[][], registered the same way. They accumulate in
  // float, as BLAS does for single precision: a double accumulator would convert every product
  // and keep the loops from vectorizing, which is what float is for.

  /**
   * {@link #dot(double[], double[])} in float.
   *
   * @param x first vector, read
   * @param y second vector, same length as x, read
   * @return the inner product of x and y
   */
  @CustomDerivative(value = "dotPullback", skipsNullAdjoints = true,
      pushforward = "dotPushforward")
  public static float dot(float[] x, float[] y) {
    Checks.sameLength("dot", "y", y, "x", x);
    return dotRow(x, y);
  }

  /**
   * As the double {@code dotPullback}, in float.
   *
   * @param x the kernel's x, read
   * @param y the kernel's y, read
   * @param dResult adjoint of the result (the seed)
   * @param dx adjoint of x, added to; null when not needed (skipsNullAdjoints)
   * @param dy adjoint of y, added to; null when not needed (skipsNullAdjoints)
   */
  public static void dotPullback(float[] x, float[] y, float dResult, float[] dx, float[] dy) {
    Checks.sameLength("dotPullback", "y", y, "x", x);
    Checks.sameLengthIfPresent("dotPullback", "dx", dx, "x", x);
    Checks.sameLengthIfPresent("dotPullback", "dy", dy, "y", y);
    if (dx != null) {
      addScaled(dx, y, dResult);
    }
    if (dy != null) {
      addScaled(dy, x, dResult);
    }
  }

  /**
   * As the double {@code dotPushforward}, in float.
   *
   * @param x the kernel's x, read
   * @param y the kernel's y, read
   * @param xDot tangent of x, read; null for a zero tangent
   * @param yDot tangent of y, read; null for a zero tangent
   * @return the tangent of the inner product
   */
  @CustomDerivative(value = "dotPushforwardPullback", skipsNullAdjoints = true)
  public static float dotPushforward(float[] x, float[] y, float[] xDot, float[] yDot) {
    Checks.sameLength("dotPushforward", "y", y, "x", x);
    Checks.sameLengthIfPresent("dotPushforward", "xDot", xDot, "x", x);
    Checks.sameLengthIfPresent("dotPushforward", "yDot", yDot, "y", y);
    float s = xDot == null ? 0f : dotRow(xDot, y);
    if (yDot != null) {
      s += dotRow(x, yDot);
    }
    return s;
  }

  /**
   * As the double {@code dotPushforwardPullback}, in float.
   *
   * @param x the kernel's x, read
   * @param y the kernel's y, read
   * @param xDot tangent of x, read; null for a zero tangent
   * @param yDot tangent of y, read; null for a zero tangent
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dx adjoint of x, added to; null when not needed (skipsNullAdjoints)
   * @param dy adjoint of y, added to; null when not needed (skipsNullAdjoints)
   * @param dxDot adjoint of xDot, added to; null when not needed (skipsNullAdjoints)
   * @param dyDot adjoint of yDot, added to; null when not needed (skipsNullAdjoints)
   */
  public static void dotPushforwardPullback(float[] x, float[] y, float[] xDot, float[] yDot,
      float dResult, float[] dx, float[] dy, float[] dxDot, float[] dyDot) {
    checkDotPushforwardPullback(x, y, xDot, yDot, dx, dy, dxDot, dyDot);
    if (dx != null && yDot != null) {
      addScaled(dx, yDot, dResult);
    }
    if (dy != null && xDot != null) {
      addScaled(dy, xDot, dResult);
    }
    if (dxDot != null) {
      addScaled(dxDot, y, dResult);
    }
    if (dyDot != null) {
      addScaled(dyDot, x, dResult);
    }
  }

  /**
   * {@link #matvec(double[][], double[], double[])} in float.
   *
   * @param W the m x n matrix, read
   * @param x vector of length n, read
   * @param y output of length m, overwritten; not x nor a row of W
   */
  @CustomDerivative(value = "matvecPullback", skipsNullAdjoints = true,
      assigning = "matvecPullbackAssigning", readsOutputs = false,
      pushforward = "matvecPushforward", jvp = "matvecJvp")
  public static void matvec(float[][] W, float[] x, @Out float[] y) {
    checkMatvec("matvec", W, x, y);
    RowProducts.of(W, x, y);
  }

  /**
   * As the double {@code matvecPullback}, in float.
   *
   * @param W the kernel's m x n matrix, read
   * @param x the kernel's x (length n), read
   * @param y the kernel's output (length m), not read
   * @param dy adjoint of y (length m), the seed: read, then set to zero
   * @param dW adjoint of W (m x n), added to; null when not needed (skipsNullAdjoints)
   * @param dx adjoint of x (length n), added to; null when not needed (skipsNullAdjoints)
   */
  public static void matvecPullback(
      float[][] W, float[] x, float[] y, float[] dy, float[][] dW, float[] dx) {
    checkMatvecPullback("matvecPullback", W, x, y, dy, dW, dx);
    for (int i = 0; i < W.length; i++) {
      float g = dy[i];
      if (g == 0f) {
        continue;
      }
      if (dW != null) {
        addScaled(dW[i], x, g);
      }
      if (dx != null) {
        addScaled(dx, W[i], g);
      }
    }
    Arrays.fill(dy, 0f);
  }

  /**
   * As the double {@code matvecPullbackAssigning}, in float.
   *
   * @param W the kernel's m x n matrix, read
   * @param x the kernel's x (length n), read
   * @param y the kernel's output (length m), not read
   * @param dy adjoint of y (length m), the seed: read, then set to zero
   * @param dW adjoint of W (m x n), overwritten; null when not needed (skipsNullAdjoints)
   * @param dx adjoint of x (length n), overwritten; null when not needed (skipsNullAdjoints)
   */
  public static void matvecPullbackAssigning(
      float[][] W, float[] x, float[] y, float[] dy, float[][] dW, float[] dx) {
    checkMatvecPullback("matvecPullbackAssigning", W, x, y, dy, dW, dx);
    if (dx != null) {
      Arrays.fill(dx, 0f);
    }
    for (int i = 0; i < W.length; i++) {
      float g = dy[i];
      if (g == 0f) {
        if (dW != null) {
          Arrays.fill(dW[i], 0f); // as matvecPullback: a zero row contributes exactly zero
        }
        continue;
      }
      if (dW != null) {
        float[] dwi = dW[i];
        for (int j = 0; j < x.length; j++) {
          dwi[j] = g * x[j];
        }
      }
      if (dx != null) {
        addScaled(dx, W[i], g);
      }
    }
    Arrays.fill(dy, 0f);
  }

  /**
   * As the double {@code matvecPushforward}, in float.
   *
   * @param W the kernel's m x n matrix, read
   * @param x the kernel's x (length n), read
   * @param y the kernel's output (length m), not read
   * @param WDot tangent of W (m x n), read; null for a zero tangent
   * @param xDot tangent of x (length n), read; null for a zero tangent
   * @param yDot tangent of y (length m), overwritten
   */
  @CustomDerivative(value = "matvecPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void matvecPushforward(float[][] W, float[] x, float[] y, float[][] WDot,
      float[] xDot, @Out float[] yDot) {
    checkMatvecPushforward("matvecPushforward", W, x, y, WDot, xDot, yDot);
    tangentRows(W, x, WDot, xDot, yDot);
  }

  /**
   * {@code yDot = WDot x + W xDot}, a null tangent contributing nothing; without a product each
   * element is the one sum, which starts from {@code +0.0} and so is never {@code -0.0}, as
   * {@code 0.0 + sum} was.
   */
  private static void tangentRows(float[][] W, float[] x, float[][] WDot, float[] xDot, float[] yDot) {
    if (WDot != null && xDot != null) {
      RowProducts.sum(WDot, x, W, xDot, yDot);
    } else if (WDot != null) {
      RowProducts.of(WDot, x, yDot);
    } else if (xDot != null) {
      RowProducts.of(W, xDot, yDot);
    } else {
      Arrays.fill(yDot, 0f);
    }
  }

  /**
   * {@link #matvec(float[][], float[], float[])} and its pushforward in one pass, with the same
   * results bit for bit: {@code y = W x}, {@code yDot = WDot x + W xDot}. Forward mode calls it
   * in their place; with a tangent of {@code W} alone (a layer's input is data) the value's and
   * the tangent's rows share each load of {@code x}.
   *
   * @param W the m x n matrix, read
   * @param x vector of length n, read
   * @param y output of length m, overwritten
   * @param WDot tangent of W (m x n), read; null for a zero tangent
   * @param xDot tangent of x (length n), read; null for a zero tangent
   * @param yDot tangent of y (length m), overwritten
   */
  public static void matvecJvp(float[][] W, float[] x, float[] y, float[][] WDot, float[] xDot,
      float[] yDot) {
    checkMatvecJvp(W, x, y, WDot, xDot, yDot);
    if (WDot != null && xDot == null) {
      RowProducts.pair(W, WDot, x, y, yDot);
    } else {
      RowProducts.of(W, x, y);
      tangentRows(W, x, WDot, xDot, yDot);
    }
  }

  /**
   * As the double {@code matvecPushforwardPullback}, in float.
   *
   * @param W the kernel's m x n matrix, read
   * @param x the kernel's x (length n), read
   * @param y the kernel's output (length m), not read
   * @param WDot tangent of W (m x n), read; null for a zero tangent
   * @param xDot tangent of x (length n), read; null for a zero tangent
   * @param yDot the pushforward's output tangent, not read
   * @param dyDot adjoint of yDot (length m), the seed: read, then set to zero
   * @param dW adjoint of W, added to; null when not needed (skipsNullAdjoints)
   * @param dx adjoint of x, added to; null when not needed (skipsNullAdjoints)
   * @param dy adjoint of y, left unchanged (y is not read); null when not needed
   *     (skipsNullAdjoints)
   * @param dWDot adjoint of WDot, added to; null when not needed (skipsNullAdjoints)
   * @param dxDot adjoint of xDot, added to; null when not needed (skipsNullAdjoints)
   */
  public static void matvecPushforwardPullback(float[][] W, float[] x, float[] y,
      float[][] WDot, float[] xDot, float[] yDot, float[] dyDot, float[][] dW, float[] dx,
      float[] dy, float[][] dWDot, float[] dxDot) {
    checkMatvecPushforwardPullback(W, x, y, WDot, xDot, yDot, dyDot, dW, dx, dy, dWDot, dxDot);
    for (int i = 0; i < W.length; i++) {
      float g = dyDot[i];
      if (g == 0f) {
        continue;
      }
      if (dW != null && xDot != null) {
        addScaled(dW[i], xDot, g);
      }
      if (dx != null && WDot != null) {
        addScaled(dx, WDot[i], g);
      }
      if (dWDot != null) {
        addScaled(dWDot[i], x, g);
      }
      if (dxDot != null) {
        addScaled(dxDot, W[i], g);
      }
    }
    Arrays.fill(dyDot, 0f);
  }

  /**
   * {@link #matvecTransposed(double[][], double[], double[])} in float.
   *
   * @param W the m x n matrix, read
   * @param x vector of length m, read
   * @param y output of length n, overwritten; not x nor a row of W
   */
  @CustomDerivative(value = "matvecTransposedPullback", skipsNullAdjoints = true,
      readsOutputs = false, pushforward = "matvecTransposedPushforward")
  public static void matvecTransposed(float[][] W, float[] x, @Out float[] y) {
    checkMatvecTransposed(W, x, y);
    Arrays.fill(y, 0f);
    // Row by row, so that W is read in memory order.
    for (int i = 0; i < W.length; i++) {
      addScaled(y, W[i], x[i]);
    }
  }

  /**
   * As the double {@code matvecTransposedPullback}, in float.
   *
   * @param W the kernel's m x n matrix, read
   * @param x the kernel's x (length m), read
   * @param y the kernel's output (length n), not read
   * @param dy adjoint of y (length n), the seed: read, then set to zero
   * @param dW adjoint of W (m x n), added to; null when not needed (skipsNullAdjoints)
   * @param dx adjoint of x (length m), added to; null when not needed (skipsNullAdjoints)
   */
  public static void matvecTransposedPullback(
      float[][] W, float[] x, float[] y, float[] dy, float[][] dW, float[] dx) {
    checkMatvecTransposedPullback(W, x, y, dy, dW, dx);
    for (int i = 0; i < W.length; i++) {
      if (dW != null) {
        addScaled(dW[i], dy, x[i]);
      }
      if (dx != null) {
        dx[i] += dotRow(W[i], dy);
      }
    }
    Arrays.fill(dy, 0f);
  }

  /**
   * As the double {@code matvecTransposedPushforward}, in float.
   *
   * @param W the kernel's m x n matrix, read
   * @param x the kernel's x (length m), read
   * @param y the kernel's output (length n), not read
   * @param WDot tangent of W (m x n), read; null for a zero tangent
   * @param xDot tangent of x (length m), read; null for a zero tangent
   * @param yDot tangent of y (length n), overwritten
   */
  @CustomDerivative(value = "matvecTransposedPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void matvecTransposedPushforward(float[][] W, float[] x, float[] y,
      float[][] WDot, float[] xDot, @Out float[] yDot) {
    checkMatvecTransposedPushforward(W, x, y, WDot, xDot, yDot);
    Arrays.fill(yDot, 0f);
    // Row by row, so that W and WDot are read in memory order.
    for (int i = 0; i < W.length; i++) {
      if (WDot != null) {
        addScaled(yDot, WDot[i], x[i]);
      }
      if (xDot != null) {
        addScaled(yDot, W[i], xDot[i]);
      }
    }
  }

  /**
   * As the double {@code matvecTransposedPushforwardPullback}, in float.
   *
   * @param W the kernel's m x n matrix, read
   * @param x the kernel's x (length m), read
   * @param y the kernel's output (length n), not read
   * @param WDot tangent of W (m x n), read; null for a zero tangent
   * @param xDot tangent of x (length m), read; null for a zero tangent
   * @param yDot the pushforward's output tangent, not read
   * @param dyDot adjoint of yDot (length n), the seed: read, then set to zero
   * @param dW adjoint of W, added to; null when not needed (skipsNullAdjoints)
   * @param dx adjoint of x, added to; null when not needed (skipsNullAdjoints)
   * @param dy adjoint of y, left unchanged (y is not read); null when not needed
   *     (skipsNullAdjoints)
   * @param dWDot adjoint of WDot, added to; null when not needed (skipsNullAdjoints)
   * @param dxDot adjoint of xDot, added to; null when not needed (skipsNullAdjoints)
   */
  public static void matvecTransposedPushforwardPullback(float[][] W, float[] x, float[] y,
      float[][] WDot, float[] xDot, float[] yDot, float[] dyDot, float[][] dW, float[] dx,
      float[] dy, float[][] dWDot, float[] dxDot) {
    checkMatvecTransposedPushforwardPullback(
        W, x, y, WDot, xDot, yDot, dyDot, dW, dx, dy, dWDot, dxDot);
    // Row by row, so that W and WDot are read in memory order.
    for (int i = 0; i < W.length; i++) {
      if (dW != null && xDot != null) {
        addScaled(dW[i], dyDot, xDot[i]);
      }
      if (dx != null && WDot != null) {
        dx[i] += dotRow(WDot[i], dyDot);
      }
      if (dWDot != null) {
        addScaled(dWDot[i], dyDot, x[i]);
      }
      if (dxDot != null) {
        dxDot[i] += dotRow(W[i], dyDot);
      }
    }
    Arrays.fill(dyDot, 0f);
  }

  /**
   * {@link #axpy(double, double[], double[], double[])} in float.
   *
   * @param a the scale of x
   * @param x vector, read
   * @param y vector of the same length, read
   * @param z output of the same length, overwritten; neither x nor y
   */
  @CustomDerivative(value = "axpyPullback", skipsNullAdjoints = true, readsOutputs = false,
      pushforward = "axpyPushforward")
  public static void axpy(float a, float[] x, float[] y, @Out float[] z) {
    checkAxpy(x, y, z);
    for (int i = 0; i < z.length; i++) {
      z[i] = a * x[i] + y[i];
    }
  }

  /**
   * As the double {@code axpyPullback}, in float.
   *
   * @param a the kernel's scale
   * @param x the kernel's x, read
   * @param y the kernel's y, not read
   * @param z the kernel's output, not read
   * @param dz adjoint of z, the seed: read, then set to zero
   * @param dx adjoint of x, added to; null when not needed (skipsNullAdjoints)
   * @param dy adjoint of y, added to; null when not needed (skipsNullAdjoints)
   * @return the adjoint contribution to a, {@code sum_i dz_i x_i}
   */
  public static float axpyPullback(
      float a, float[] x, float[] y, float[] z, float[] dz, float[] dx, float[] dy) {
    checkAxpyPullback(x, y, z, dz, dx, dy);
    float da = 0f;
    for (int i = 0; i < dz.length; i++) {
      float g = dz[i];
      da += g * x[i];
      if (dx != null) {
        dx[i] += a * g;
      }
      if (dy != null) {
        dy[i] += g;
      }
    }
    Arrays.fill(dz, 0f);
    return da;
  }

  /**
   * As the double {@code axpyPushforward}, in float.
   *
   * @param a the kernel's scale
   * @param x the kernel's x, read
   * @param y the kernel's y, not read
   * @param z the kernel's output, not read
   * @param aDot tangent of a
   * @param xDot tangent of x, read; null for a zero tangent
   * @param yDot tangent of y, read; null for a zero tangent
   * @param zDot tangent of z, overwritten; may be xDot or yDot
   */
  @CustomDerivative(value = "axpyPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void axpyPushforward(float a, float[] x, float[] y, float[] z, float aDot,
      float[] xDot, float[] yDot, @Out float[] zDot) {
    checkAxpyPushforward(x, y, z, xDot, yDot, zDot);
    for (int i = 0; i < zDot.length; i++) {
      float t = aDot * x[i];
      if (xDot != null) {
        t += a * xDot[i];
      }
      if (yDot != null) {
        t += yDot[i];
      }
      zDot[i] = t;
    }
  }

  /**
   * As the double {@code axpyPushforwardPullback}, in float; the scalar adjoints still go to a
   * {@code double[] dScalars}, as the convention has it.
   *
   * @param a the kernel's scale
   * @param x the kernel's x, read
   * @param y the kernel's y, not read
   * @param z the kernel's output, not read
   * @param aDot tangent of a
   * @param xDot tangent of x, read; null for a zero tangent
   * @param yDot tangent of y, not read; null for a zero tangent
   * @param zDot the pushforward's output tangent, not read
   * @param dzDot adjoint of zDot, the seed: read, then set to zero
   * @param dx adjoint of x, added to; null when not needed (skipsNullAdjoints)
   * @param dy adjoint of y, left unchanged (y is not read); null when not needed
   *     (skipsNullAdjoints)
   * @param dz adjoint of z, left unchanged (z is not read); null when not needed
   *     (skipsNullAdjoints)
   * @param dxDot adjoint of xDot, added to; null when not needed (skipsNullAdjoints)
   * @param dyDot adjoint of yDot, added to; null when not needed (skipsNullAdjoints)
   * @param dScalars adjoints of the scalar inputs, added to: [0] for a, [1] for aDot
   */
  public static void axpyPushforwardPullback(float a, float[] x, float[] y, float[] z,
      float aDot, float[] xDot, float[] yDot, float[] zDot, float[] dzDot, float[] dx,
      float[] dy, float[] dz, float[] dxDot, float[] dyDot, double[] dScalars) {
    checkAxpyPushforwardPullback(x, y, z, xDot, yDot, zDot, dzDot, dx, dy, dz, dxDot, dyDot,
        dScalars);
    float da = 0f;
    float daDot = 0f;
    for (int i = 0; i < dzDot.length; i++) {
      float g = dzDot[i];
      dzDot[i] = 0f;
      daDot += g * x[i];
      if (xDot != null) {
        da += g * xDot[i];
      }
      if (dx != null) {
        dx[i] += aDot * g;
      }
      if (dxDot != null) {
        dxDot[i] += a * g;
      }
      if (dyDot != null) {
        dyDot[i] += g;
      }
    }
    dScalars[0] += da;
    dScalars[1] += daDot;
  }

  /**
   * {@link #sum(double[])} in float.
   *
   * @param x vector, read
   * @return the sum of the elements of x
   */
  @CustomDerivative(value = "sumPullback", pushforward = "sumPushforward")
  public static float sum(float[] x) {
    float s = 0f;
    for (int i = 0; i < x.length; i++) {
      s += x[i];
    }
    return s;
  }

  /**
   * As the double {@code sumPullback}, in float.
   *
   * @param x the kernel's x, not read but for its length
   * @param dResult adjoint of the sum (the seed)
   * @param dx adjoint of x, added to
   */
  public static void sumPullback(float[] x, float dResult, float[] dx) {
    Checks.sameLength("sumPullback", "dx", dx, "x", x);
    addConstant(dx, dResult);
  }

  /**
   * As the double {@code sumPushforward}, in float.
   *
   * @param x the kernel's x, not read but for its length
   * @param xDot tangent of x, same length, read
   * @return the tangent of the sum
   */
  @CustomDerivative(value = "sumPushforwardPullback", skipsNullAdjoints = true)
  public static float sumPushforward(float[] x, float[] xDot) {
    Checks.sameLength("sumPushforward", "xDot", xDot, "x", x);
    return sum(xDot);
  }

  /**
   * As the double {@code sumPushforwardPullback}, in float.
   *
   * @param x the kernel's x, not read but for its length
   * @param xDot tangent of x, not read but for its length
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dx adjoint of x, left unchanged; null when not needed (skipsNullAdjoints)
   * @param dxDot adjoint of xDot, added to; null when not needed (skipsNullAdjoints)
   */
  public static void sumPushforwardPullback(
      float[] x, float[] xDot, float dResult, float[] dx, float[] dxDot) {
    String name = "sumPushforwardPullback";
    Checks.sameLength(name, "xDot", xDot, "x", x);
    Checks.sameLengthIfPresent(name, "dx", dx, "x", x);
    Checks.sameLengthIfPresent(name, "dxDot", dxDot, "x", x);
    if (dxDot != null) {
      addConstant(dxDot, dResult);
    }
  }

  /**
   * {@link #outer(double[], double[], double[][])} in float.
   *
   * @param u left vector, length m, read
   * @param v right vector, length n, read
   * @param A output m x n matrix, overwritten; no row may be u or v
   */
  @CustomDerivative(value = "outerPullback", skipsNullAdjoints = true, readsOutputs = false,
      pushforward = "outerPushforward")
  public static void outer(float[] u, float[] v, @Out float[][] A) {
    checkOuter("outer", u, v, A);
    for (int i = 0; i < u.length; i++) {
      float[] ai = A[i];
      float ui = u[i];
      for (int j = 0; j < v.length; j++) {
        ai[j] = ui * v[j];
      }
    }
  }

  /**
   * As the double {@code outerPullback}, in float.
   *
   * @param u the kernel's u (length m), read
   * @param v the kernel's v (length n), read
   * @param A the kernel's output, not read
   * @param dA adjoint of A (m x n), the seed: read, then set to zero
   * @param du adjoint of u, added to; null when not needed (skipsNullAdjoints)
   * @param dv adjoint of v, added to; null when not needed (skipsNullAdjoints)
   */
  public static void outerPullback(
      float[] u, float[] v, float[][] A, float[][] dA, float[] du, float[] dv) {
    checkOuterPullback(u, v, A, dA, du, dv);
    for (int i = 0; i < u.length; i++) {
      float[] dai = dA[i];
      if (du != null) {
        du[i] += dotRow(dai, v);
      }
      if (dv != null) {
        addScaled(dv, dai, u[i]);
      }
      Arrays.fill(dai, 0f);
    }
  }

  /**
   * As the double {@code outerPushforward}, in float.
   *
   * @param u the kernel's u (length m), read
   * @param v the kernel's v (length n), read
   * @param A the kernel's output, not read
   * @param uDot tangent of u, read; null for a zero tangent
   * @param vDot tangent of v, read; null for a zero tangent
   * @param ADot tangent of A (m x n), overwritten
   */
  @CustomDerivative(value = "outerPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void outerPushforward(float[] u, float[] v, float[][] A, float[] uDot,
      float[] vDot, @Out float[][] ADot) {
    checkOuterPushforward(u, v, A, uDot, vDot, ADot);
    for (int i = 0; i < u.length; i++) {
      float[] ri = ADot[i];
      if (uDot == null && vDot == null) {
        Arrays.fill(ri, 0f);
      } else if (vDot == null) {
        float g = uDot[i];
        for (int j = 0; j < ri.length; j++) {
          ri[j] = g * v[j];
        }
      } else if (uDot == null) {
        float ui = u[i];
        for (int j = 0; j < ri.length; j++) {
          ri[j] = ui * vDot[j];
        }
      } else {
        float g = uDot[i];
        float ui = u[i];
        for (int j = 0; j < ri.length; j++) {
          ri[j] = g * v[j] + ui * vDot[j];
        }
      }
    }
  }

  /**
   * As the double {@code outerPushforwardPullback}, in float.
   *
   * @param u the kernel's u (length m), read
   * @param v the kernel's v (length n), read
   * @param A the kernel's output, not read
   * @param uDot tangent of u, read; null for a zero tangent
   * @param vDot tangent of v, read; null for a zero tangent
   * @param ADot the pushforward's output tangent, not read
   * @param dADot adjoint of ADot (m x n), the seed: read, then set to zero
   * @param du adjoint of u, added to; null when not needed (skipsNullAdjoints)
   * @param dv adjoint of v, added to; null when not needed (skipsNullAdjoints)
   * @param dA adjoint of A, left unchanged (A is not read); null when not needed
   *     (skipsNullAdjoints)
   * @param duDot adjoint of uDot, added to; null when not needed (skipsNullAdjoints)
   * @param dvDot adjoint of vDot, added to; null when not needed (skipsNullAdjoints)
   */
  public static void outerPushforwardPullback(float[] u, float[] v, float[][] A,
      float[] uDot, float[] vDot, float[][] ADot, float[][] dADot, float[] du, float[] dv,
      float[][] dA, float[] duDot, float[] dvDot) {
    checkOuterPushforwardPullback(u, v, A, uDot, vDot, ADot, dADot, du, dv, dA, duDot, dvDot);
    for (int i = 0; i < u.length; i++) {
      float[] gi = dADot[i];
      if (du != null && vDot != null) {
        du[i] += dotRow(gi, vDot);
      }
      if (dv != null && uDot != null) {
        addScaled(dv, gi, uDot[i]);
      }
      if (duDot != null) {
        duDot[i] += dotRow(gi, v);
      }
      if (dvDot != null) {
        addScaled(dvDot, gi, u[i]);
      }
      Arrays.fill(gi, 0f);
    }
  }

  /**
   * {@link #outerAccumulate(double[], double[], double[][])} in float; not differentiable.
   *
   * @param u left vector, length m, read
   * @param v right vector, length n, read
   * @param A m x n matrix, added to; no row may be u or v
   */
  public static void outerAccumulate(float[] u, float[] v, float[][] A) {
    checkOuter("outerAccumulate", u, v, A);
    for (int i = 0; i < u.length; i++) {
      addScaled(A[i], v, u[i]);
    }
  }

  /** {@code Σ a_j b_j} over {@code a}'s length. */
  private static float dotRow(float[] a, float[] b) {
    float s = 0f;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }

  /** {@code a += g · row}. */
  private static void addScaled(float[] a, float[] row, float g) {
    for (int j = 0; j < a.length; j++) {
      a[j] += row[j] * g;
    }
  }

  /** {@code a += c}. */
  private static void addConstant(float[] a, float c) {
    for (int j = 0; j < a.length; j++) {
      a[j] += c;
    }
  }
}

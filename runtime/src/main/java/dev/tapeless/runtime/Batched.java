package dev.tapeless.runtime;

import dev.tapeless.CustomDerivative;
import dev.tapeless.Out;
import java.util.Arrays;

/**
 * Kernels over a minibatch: a {@code double[][]} whose rows are the examples. One call does the
 * work of a loop of {@link Linear#matvec} calls (one per example) as a matrix–matrix product,
 * whose blocked loops ({@code Gemm}) reuse each weight loaded from memory for several examples
 * and run along contiguous rows that C2 vectorizes; the activations and the loss are the
 * per-example kernels of {@link Activations} and {@link Losses} over the rows, so that a
 * minibatch loss needs no loop of its own and costs one call per layer.
 *
 * <p>The conventions are {@link Linear}'s: pullbacks ADD into the input adjoints and leave zero
 * in the seed of each {@link Out} matrix, pushforwards SET the output tangent, each pushforward
 * has a pullback of its own (second order), nothing allocates after the first call of a given
 * size (the products use a per-thread scratch panel, grown once), and shapes are checked before
 * anything is written. An {@code Out} matrix must not be an input: the whole matrix and each of
 * its rows against the input row of the same index are checked; sharing a row with some other
 * row of an input is not checked and gives wrong results.
 *
 * <p>Every kernel, pullback, pushforward and pushforward pullback has a {@code float[][]}
 * overload registered as its double one, for minibatches in single precision (half the memory
 * traffic, twice the elements per vector); its products accumulate in float.
 */
public final class Batched {

  private Batched() {}

  /**
   * The layer product {@code Y = X Wᵀ}: {@code Y_b,o = Σ_k X_b,k W_o,k}, for each example
   * {@code b} the matrix–vector product {@code W x_b} of {@link Linear#matvec}.
   *
   * @param X the B × n inputs, one example per row, read
   * @param W the m × n weights, read
   * @param Y the B × m outputs, overwritten; not X, W nor a row of them
   * @throws IllegalArgumentException if the shapes do not match or Y aliases an input
   */
  @CustomDerivative(value = "gemmPullback", skipsNullAdjoints = true, readsOutputs = false,
      pushforward = "gemmPushforward")
  public static void gemm(double[][] X, double[][] W, @Out double[][] Y) {
    checkGemm("gemm", X, W, Y);
    Gemm.xwt(X, W, Y, false);
  }

  /**
   * Pullback of {@link #gemm}: {@code dX += dY W}, {@code dW += dYᵀ X}, then {@code dY = 0}.
   *
   * @param X the kernel's B × n inputs, read
   * @param W the kernel's m × n weights, read
   * @param Y the kernel's output, not read
   * @param dY adjoint of Y (B × m), the seed: read, then set to zero
   * @param dX adjoint of X, added to; null when not needed (skipsNullAdjoints)
   * @param dW adjoint of W, added to; null when not needed (skipsNullAdjoints)
   * @throws IllegalArgumentException if the shapes do not match
   */
  public static void gemmPullback(double[][] X, double[][] W, double[][] Y, double[][] dY,
      double[][] dX, double[][] dW) {
    String name = "gemmPullback";
    checkGemm(name, X, W, Y);
    checkSeed(name, "dY", dY, Y);
    checkAdjoint(name, "dX", dX, X);
    checkAdjoint(name, "dW", dW, W);
    if (dX != null) {
      Gemm.addTimes(dY, W, dX);
    }
    if (dW != null) {
      Gemm.addTransposedTimes(dY, X, dW);
    }
    zero(dY);
  }

  /**
   * Pushforward of {@link #gemm}: {@code YDot = XDot Wᵀ + X WDotᵀ}, a {@code null} tangent
   * contributing nothing.
   *
   * @param X the kernel's B × n inputs, read
   * @param W the kernel's m × n weights, read
   * @param Y the kernel's output, not read
   * @param XDot tangent of X, read; null for a zero tangent
   * @param WDot tangent of W, read; null for a zero tangent
   * @param YDot tangent of Y (B × m), overwritten; not an input nor a tangent
   * @throws IllegalArgumentException if the shapes do not match or YDot aliases an input
   */
  @CustomDerivative(value = "gemmPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void gemmPushforward(double[][] X, double[][] W, double[][] Y, double[][] XDot,
      double[][] WDot, @Out double[][] YDot) {
    String name = "gemmPushforward";
    checkGemm(name, X, W, Y);
    checkAdjoint(name, "XDot", XDot, X);
    checkAdjoint(name, "WDot", WDot, W);
    checkOutput(name, "YDot", YDot, Y);
    checkNotInput(name, "YDot", YDot, "X", X);
    checkNotInput(name, "YDot", YDot, "XDot", XDot);
    if (XDot != null) {
      Gemm.xwt(XDot, W, YDot, false);
    } else {
      zero(YDot);
    }
    if (WDot != null) {
      Gemm.xwt(X, WDot, YDot, true);
    }
  }

  /**
   * Pullback of {@link #gemmPushforward}, which is bilinear, seed {@code G = dYDot}:
   * {@code dX += G WDot}, {@code dW += Gᵀ XDot}, {@code dXDot += G W}, {@code dWDot += Gᵀ X},
   * then {@code dYDot = 0}; {@code Y} is not read, so {@code dY} gets nothing.
   *
   * @param X the kernel's B × n inputs, read
   * @param W the kernel's m × n weights, read
   * @param Y the kernel's output, not read
   * @param XDot tangent of X, read; null for a zero tangent
   * @param WDot tangent of W, read; null for a zero tangent
   * @param YDot the pushforward's output tangent, not read
   * @param dYDot adjoint of YDot (B × m), the seed: read, then set to zero
   * @param dX adjoint of X, added to; null when not needed (skipsNullAdjoints)
   * @param dW adjoint of W, added to; null when not needed (skipsNullAdjoints)
   * @param dY adjoint of Y, left unchanged (Y is not read); null when not needed
   *     (skipsNullAdjoints)
   * @param dXDot adjoint of XDot, added to; null when not needed (skipsNullAdjoints)
   * @param dWDot adjoint of WDot, added to; null when not needed (skipsNullAdjoints)
   * @throws IllegalArgumentException if the shapes do not match
   */
  public static void gemmPushforwardPullback(double[][] X, double[][] W, double[][] Y,
      double[][] XDot, double[][] WDot, double[][] YDot, double[][] dYDot, double[][] dX,
      double[][] dW, double[][] dY, double[][] dXDot, double[][] dWDot) {
    String name = "gemmPushforwardPullback";
    checkGemm(name, X, W, Y);
    checkAdjoint(name, "XDot", XDot, X);
    checkAdjoint(name, "WDot", WDot, W);
    checkSeed(name, "dYDot", dYDot, Y);
    checkAdjoint(name, "dX", dX, X);
    checkAdjoint(name, "dW", dW, W);
    checkAdjoint(name, "dY", dY, Y);
    checkAdjoint(name, "dXDot", dXDot, X);
    checkAdjoint(name, "dWDot", dWDot, W);
    if (dX != null && WDot != null) {
      Gemm.addTimes(dYDot, WDot, dX);
    }
    if (dW != null && XDot != null) {
      Gemm.addTransposedTimes(dYDot, XDot, dW);
    }
    if (dXDot != null) {
      Gemm.addTimes(dYDot, W, dXDot);
    }
    if (dWDot != null) {
      Gemm.addTransposedTimes(dYDot, X, dWDot);
    }
    zero(dYDot);
  }

  /**
   * {@code A_b,i = max(Z_b,i, 0)}: {@link Activations#relu(double[], double[])} on each row.
   *
   * @param Z the B × n pre-activations, read
   * @param A the B × n activations, overwritten; not Z nor a row of it
   * @throws IllegalArgumentException if the shapes differ or A aliases Z
   */
  @CustomDerivative(value = "reluPullback", readsOutputs = false,
      pushforward = "reluPushforward")
  public static void relu(double[][] Z, @Out double[][] A) {
    checkElementwise("relu", Z, A);
    for (int b = 0; b < Z.length; b++) {
      Activations.relu(Z[b], A[b]);
    }
  }

  /**
   * Pullback of {@link #relu}: {@code dZ += dA} where {@code Z > 0}, then {@code dA = 0}.
   *
   * @param Z the kernel's pre-activations, read
   * @param A the kernel's output, not read
   * @param dA adjoint of A, the seed: read, then set to zero
   * @param dZ adjoint of Z, added to
   * @throws IllegalArgumentException if the shapes differ
   */
  public static void reluPullback(double[][] Z, double[][] A, double[][] dA, double[][] dZ) {
    checkRows("reluPullback", Z, A, dA, dZ);
    for (int b = 0; b < Z.length; b++) {
      Activations.reluArrayPullback(Z[b], A[b], dA[b], dZ[b]);
    }
  }

  /**
   * Pushforward of {@link #relu}: {@code ADot = ZDot} where {@code Z > 0}, 0 elsewhere.
   *
   * @param Z the kernel's pre-activations, read
   * @param A the kernel's output, not read
   * @param ZDot tangent of Z, read
   * @param ADot tangent of A, overwritten
   * @throws IllegalArgumentException if the shapes differ
   */
  @CustomDerivative(value = "reluPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void reluPushforward(
      double[][] Z, double[][] A, double[][] ZDot, @Out double[][] ADot) {
    checkRows("reluPushforward", Z, A, ZDot, ADot);
    for (int b = 0; b < Z.length; b++) {
      Activations.reluArrayPushforward(Z[b], A[b], ZDot[b], ADot[b]);
    }
  }

  /**
   * Pullback of {@link #reluPushforward}: {@code dZDot += dADot} where {@code Z > 0},
   * {@code dZ} gets 0 (NaN where Z is NaN), then {@code dADot = 0}.
   *
   * @param Z the kernel's pre-activations, read
   * @param A the kernel's output, not read
   * @param ZDot tangent of Z, not read
   * @param ADot the pushforward's output tangent, not read
   * @param dADot adjoint of ADot, the seed: read, then set to zero
   * @param dZ adjoint of Z, added to; null when not needed (skipsNullAdjoints)
   * @param dA adjoint of A, left unchanged; null when not needed (skipsNullAdjoints)
   * @param dZDot adjoint of ZDot, added to; null when not needed (skipsNullAdjoints)
   * @throws IllegalArgumentException if the shapes differ
   */
  public static void reluPushforwardPullback(double[][] Z, double[][] A, double[][] ZDot,
      double[][] ADot, double[][] dADot, double[][] dZ, double[][] dA, double[][] dZDot) {
    checkRows("reluPushforwardPullback", Z, A, ZDot, ADot, dADot, dZ, dA, dZDot);
    for (int b = 0; b < Z.length; b++) {
      Activations.reluArrayPushforwardPullback(Z[b], A[b], ZDot[b], ADot[b], dADot[b],
          row(dZ, b), row(dA, b), row(dZDot, b));
    }
  }

  /**
   * {@code A_b,i = tanh(Z_b,i)}: {@link Activations#tanh(double[], double[])} on each row.
   *
   * @param Z the B × n pre-activations, read
   * @param A the B × n activations, overwritten; not Z nor a row of it
   * @throws IllegalArgumentException if the shapes differ or A aliases Z
   */
  @CustomDerivative(value = "tanhPullback", pushforward = "tanhPushforward")
  public static void tanh(double[][] Z, @Out double[][] A) {
    checkElementwise("tanh", Z, A);
    for (int b = 0; b < Z.length; b++) {
      Activations.tanh(Z[b], A[b]);
    }
  }

  /**
   * Pullback of {@link #tanh}: {@code dZ += dA (1 − A²)} from the output, then {@code dA = 0}.
   *
   * @param Z the kernel's pre-activations, not read but for their shape
   * @param A the kernel's output, read
   * @param dA adjoint of A, the seed: read, then set to zero
   * @param dZ adjoint of Z, added to
   * @throws IllegalArgumentException if the shapes differ
   */
  public static void tanhPullback(double[][] Z, double[][] A, double[][] dA, double[][] dZ) {
    checkRows("tanhPullback", Z, A, dA, dZ);
    for (int b = 0; b < Z.length; b++) {
      Activations.tanhArrayPullback(Z[b], A[b], dA[b], dZ[b]);
    }
  }

  /**
   * Pushforward of {@link #tanh}: {@code ADot = (1 − A²) ZDot}.
   *
   * @param Z the kernel's pre-activations, not read but for their shape
   * @param A the kernel's output, read
   * @param ZDot tangent of Z, read
   * @param ADot tangent of A, overwritten
   * @throws IllegalArgumentException if the shapes differ
   */
  @CustomDerivative(value = "tanhPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void tanhPushforward(
      double[][] Z, double[][] A, double[][] ZDot, @Out double[][] ADot) {
    checkRows("tanhPushforward", Z, A, ZDot, ADot);
    for (int b = 0; b < Z.length; b++) {
      Activations.tanhArrayPushforward(Z[b], A[b], ZDot[b], ADot[b]);
    }
  }

  /**
   * Pullback of {@link #tanhPushforward}, row by row
   * ({@link Activations#tanhArrayPushforwardPullback}).
   *
   * @param Z the kernel's pre-activations, not read
   * @param A the kernel's output, read
   * @param ZDot tangent of Z, read
   * @param ADot the pushforward's output tangent, not read
   * @param dADot adjoint of ADot, the seed: read, then set to zero
   * @param dZ adjoint of Z, left unchanged; null when not needed (skipsNullAdjoints)
   * @param dA adjoint of A, added to; null when not needed (skipsNullAdjoints)
   * @param dZDot adjoint of ZDot, added to; null when not needed (skipsNullAdjoints)
   * @throws IllegalArgumentException if the shapes differ
   */
  public static void tanhPushforwardPullback(double[][] Z, double[][] A, double[][] ZDot,
      double[][] ADot, double[][] dADot, double[][] dZ, double[][] dA, double[][] dZDot) {
    checkRows("tanhPushforwardPullback", Z, A, ZDot, ADot, dADot, dZ, dA, dZDot);
    for (int b = 0; b < Z.length; b++) {
      Activations.tanhArrayPushforwardPullback(Z[b], A[b], ZDot[b], ADot[b], dADot[b],
          row(dZ, b), row(dA, b), row(dZDot, b));
    }
  }

  /**
   * {@code A_b,i = σ(Z_b,i)}: {@link Activations#sigmoid(double[], double[])} on each row.
   *
   * @param Z the B × n pre-activations, read
   * @param A the B × n activations, overwritten; not Z nor a row of it
   * @throws IllegalArgumentException if the shapes differ or A aliases Z
   */
  @CustomDerivative(value = "sigmoidPullback", pushforward = "sigmoidPushforward")
  public static void sigmoid(double[][] Z, @Out double[][] A) {
    checkElementwise("sigmoid", Z, A);
    for (int b = 0; b < Z.length; b++) {
      Activations.sigmoid(Z[b], A[b]);
    }
  }

  /**
   * Pullback of {@link #sigmoid}: {@code dZ += dA A (1 − A)} from the output, then
   * {@code dA = 0}.
   *
   * @param Z the kernel's pre-activations, not read but for their shape
   * @param A the kernel's output, read
   * @param dA adjoint of A, the seed: read, then set to zero
   * @param dZ adjoint of Z, added to
   * @throws IllegalArgumentException if the shapes differ
   */
  public static void sigmoidPullback(double[][] Z, double[][] A, double[][] dA, double[][] dZ) {
    checkRows("sigmoidPullback", Z, A, dA, dZ);
    for (int b = 0; b < Z.length; b++) {
      Activations.sigmoidArrayPullback(Z[b], A[b], dA[b], dZ[b]);
    }
  }

  /**
   * Pushforward of {@link #sigmoid}: {@code ADot = A (1 − A) ZDot}.
   *
   * @param Z the kernel's pre-activations, not read but for their shape
   * @param A the kernel's output, read
   * @param ZDot tangent of Z, read
   * @param ADot tangent of A, overwritten
   * @throws IllegalArgumentException if the shapes differ
   */
  @CustomDerivative(value = "sigmoidPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void sigmoidPushforward(
      double[][] Z, double[][] A, double[][] ZDot, @Out double[][] ADot) {
    checkRows("sigmoidPushforward", Z, A, ZDot, ADot);
    for (int b = 0; b < Z.length; b++) {
      Activations.sigmoidArrayPushforward(Z[b], A[b], ZDot[b], ADot[b]);
    }
  }

  /**
   * Pullback of {@link #sigmoidPushforward}, row by row
   * ({@link Activations#sigmoidArrayPushforwardPullback}).
   *
   * @param Z the kernel's pre-activations, not read
   * @param A the kernel's output, read
   * @param ZDot tangent of Z, read
   * @param ADot the pushforward's output tangent, not read
   * @param dADot adjoint of ADot, the seed: read, then set to zero
   * @param dZ adjoint of Z, left unchanged; null when not needed (skipsNullAdjoints)
   * @param dA adjoint of A, added to; null when not needed (skipsNullAdjoints)
   * @param dZDot adjoint of ZDot, added to; null when not needed (skipsNullAdjoints)
   * @throws IllegalArgumentException if the shapes differ
   */
  public static void sigmoidPushforwardPullback(double[][] Z, double[][] A, double[][] ZDot,
      double[][] ADot, double[][] dADot, double[][] dZ, double[][] dA, double[][] dZDot) {
    checkRows("sigmoidPushforwardPullback", Z, A, ZDot, ADot, dADot, dZ, dA, dZDot);
    for (int b = 0; b < Z.length; b++) {
      Activations.sigmoidArrayPushforwardPullback(Z[b], A[b], ZDot[b], ADot[b], dADot[b],
          row(dZ, b), row(dA, b), row(dZDot, b));
    }
  }

  /**
   * The mean over the batch of {@link Losses#softmaxCrossEntropy}:
   * {@code (1/B) Σ_b −log softmax(Z_b)[labels_b]}, the usual minibatch loss, so that a step
   * size does not depend on the batch size.
   *
   * @param Z the B × k logits, one example per row, read
   * @param labels the B true classes, each an index of a row of Z
   * @return the mean cross entropy
   * @throws IllegalArgumentException if Z is empty, a label is out of range or the lengths differ
   */
  @CustomDerivative(value = "softmaxCrossEntropyMeanPullback",
      pushforward = "softmaxCrossEntropyMeanPushforward")
  public static double softmaxCrossEntropyMean(double[][] Z, int[] labels) {
    checkLabels("softmaxCrossEntropyMean", Z, labels);
    double s = 0.0;
    for (int b = 0; b < Z.length; b++) {
      s += Losses.softmaxCrossEntropy(Z[b], labels[b]);
    }
    return s / Z.length;
  }

  /**
   * Pullback of {@link #softmaxCrossEntropyMean}:
   * {@code dZ_b += (dResult / B)(softmax(Z_b) − onehot(labels_b))}.
   *
   * @param Z the kernel's logits, read
   * @param labels the kernel's classes
   * @param dResult adjoint of the mean loss (the seed)
   * @param dZ adjoint of Z, added to
   * @throws IllegalArgumentException if the shapes differ or a label is out of range
   */
  public static void softmaxCrossEntropyMeanPullback(
      double[][] Z, int[] labels, double dResult, double[][] dZ) {
    String name = "softmaxCrossEntropyMeanPullback";
    checkLabels(name, Z, labels);
    checkAdjoint(name, "dZ", dZ, Z);
    double g = dResult / Z.length;
    for (int b = 0; b < Z.length; b++) {
      double loss = Losses.softmaxCrossEntropy(Z[b], labels[b]);
      Losses.softmaxCrossEntropyPullback(Z[b], labels[b], loss, g, dZ[b]);
    }
  }

  /**
   * Pushforward of {@link #softmaxCrossEntropyMean}: the mean of
   * {@link Losses#softmaxCrossEntropyPushforward} over the rows.
   *
   * @param Z the kernel's logits, read
   * @param labels the kernel's classes
   * @param ZDot tangent of Z, read
   * @return the tangent of the mean loss
   * @throws IllegalArgumentException if the shapes differ or a label is out of range
   */
  @CustomDerivative(value = "softmaxCrossEntropyMeanPushforwardPullback",
      skipsNullAdjoints = true)
  public static double softmaxCrossEntropyMeanPushforward(
      double[][] Z, int[] labels, double[][] ZDot) {
    String name = "softmaxCrossEntropyMeanPushforward";
    checkLabels(name, Z, labels);
    checkAdjoint(name, "ZDot", ZDot, Z);
    double s = 0.0;
    for (int b = 0; b < Z.length; b++) {
      double loss = Losses.softmaxCrossEntropy(Z[b], labels[b]);
      s += Losses.softmaxCrossEntropyPushforward(Z[b], labels[b], loss, ZDot[b]);
    }
    return s / Z.length;
  }

  /**
   * Pullback of {@link #softmaxCrossEntropyMeanPushforward}: row by row,
   * {@link Losses#softmaxCrossEntropyPushforwardPullback} with seed {@code dResult / B}, whose
   * adjoint of the row's loss goes on into the row's logits through
   * {@link Losses#softmaxCrossEntropyPullback}.
   *
   * @param Z the kernel's logits, read
   * @param labels the kernel's classes
   * @param ZDot tangent of Z, read
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dZ adjoint of Z, added to; null when not needed (skipsNullAdjoints)
   * @param dZDot adjoint of ZDot, added to; null when not needed (skipsNullAdjoints)
   * @throws IllegalArgumentException if the shapes differ or a label is out of range
   */
  public static void softmaxCrossEntropyMeanPushforwardPullback(double[][] Z, int[] labels,
      double[][] ZDot, double dResult, double[][] dZ, double[][] dZDot) {
    String name = "softmaxCrossEntropyMeanPushforwardPullback";
    checkLabels(name, Z, labels);
    checkAdjoint(name, "ZDot", ZDot, Z);
    checkAdjoint(name, "dZ", dZ, Z);
    checkAdjoint(name, "dZDot", dZDot, Z);
    double g = dResult / Z.length;
    for (int b = 0; b < Z.length; b++) {
      double[] z = Z[b];
      int label = labels[b];
      double loss = Losses.softmaxCrossEntropy(z, label);
      double dLoss = Losses.softmaxCrossEntropyPushforwardPullback(
          z, label, loss, ZDot[b], g, row(dZ, b), row(dZDot, b));
      if (dZ != null) {
        Losses.softmaxCrossEntropyPullback(z, label, loss, dLoss, dZ[b]);
      }
    }
  }

  // ---- float ---------------------------------------------------------------------------------
  //
  // The same kernels over float[][], registered the same way, for minibatches in single
  // precision: half the memory traffic and twice the elements per vector of the double ones.
  // The products accumulate in float (Gemm's float loops, as BLAS's SGEMM); the activations and
  // the loss are the float overloads of Activations and Losses, row by row; the mean loss sums
  // the row losses in double, as Losses sums in double, and rounds once.

  /**
   * {@link #gemm(double[][], double[][], double[][])} in float.
   *
   * @param X the B × n inputs, one example per row, read
   * @param W the m × n weights, read
   * @param Y the B × m outputs, overwritten; not X, W nor a row of them
   * @throws IllegalArgumentException if the shapes do not match or Y aliases an input
   */
  @CustomDerivative(value = "gemmPullback", skipsNullAdjoints = true, readsOutputs = false,
      pushforward = "gemmPushforward")
  public static void gemm(float[][] X, float[][] W, @Out float[][] Y) {
    checkGemm("gemm", X, W, Y);
    Gemm.xwt(X, W, Y, false);
  }

  /**
   * As the double {@code gemmPullback}, in float.
   *
   * @param X the kernel's B × n inputs, read
   * @param W the kernel's m × n weights, read
   * @param Y the kernel's output, not read
   * @param dY adjoint of Y (B × m), the seed: read, then set to zero
   * @param dX adjoint of X, added to; null when not needed (skipsNullAdjoints)
   * @param dW adjoint of W, added to; null when not needed (skipsNullAdjoints)
   * @throws IllegalArgumentException if the shapes do not match
   */
  public static void gemmPullback(float[][] X, float[][] W, float[][] Y, float[][] dY,
      float[][] dX, float[][] dW) {
    String name = "gemmPullback";
    checkGemm(name, X, W, Y);
    checkSeed(name, "dY", dY, Y);
    checkAdjoint(name, "dX", dX, X);
    checkAdjoint(name, "dW", dW, W);
    if (dX != null) {
      Gemm.addTimes(dY, W, dX);
    }
    if (dW != null) {
      Gemm.addTransposedTimes(dY, X, dW);
    }
    zero(dY);
  }

  /**
   * As the double {@code gemmPushforward}, in float.
   *
   * @param X the kernel's B × n inputs, read
   * @param W the kernel's m × n weights, read
   * @param Y the kernel's output, not read
   * @param XDot tangent of X, read; null for a zero tangent
   * @param WDot tangent of W, read; null for a zero tangent
   * @param YDot tangent of Y (B × m), overwritten; not an input nor a tangent
   * @throws IllegalArgumentException if the shapes do not match or YDot aliases an input
   */
  @CustomDerivative(value = "gemmPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void gemmPushforward(float[][] X, float[][] W, float[][] Y, float[][] XDot,
      float[][] WDot, @Out float[][] YDot) {
    String name = "gemmPushforward";
    checkGemm(name, X, W, Y);
    checkAdjoint(name, "XDot", XDot, X);
    checkAdjoint(name, "WDot", WDot, W);
    checkOutput(name, "YDot", YDot, Y);
    checkNotInput(name, "YDot", YDot, "X", X);
    checkNotInput(name, "YDot", YDot, "XDot", XDot);
    if (XDot != null) {
      Gemm.xwt(XDot, W, YDot, false);
    } else {
      zero(YDot);
    }
    if (WDot != null) {
      Gemm.xwt(X, WDot, YDot, true);
    }
  }

  /**
   * As the double {@code gemmPushforwardPullback}, in float.
   *
   * @param X the kernel's B × n inputs, read
   * @param W the kernel's m × n weights, read
   * @param Y the kernel's output, not read
   * @param XDot tangent of X, read; null for a zero tangent
   * @param WDot tangent of W, read; null for a zero tangent
   * @param YDot the pushforward's output tangent, not read
   * @param dYDot adjoint of YDot (B × m), the seed: read, then set to zero
   * @param dX adjoint of X, added to; null when not needed (skipsNullAdjoints)
   * @param dW adjoint of W, added to; null when not needed (skipsNullAdjoints)
   * @param dY adjoint of Y, left unchanged (Y is not read); null when not needed
   *     (skipsNullAdjoints)
   * @param dXDot adjoint of XDot, added to; null when not needed (skipsNullAdjoints)
   * @param dWDot adjoint of WDot, added to; null when not needed (skipsNullAdjoints)
   * @throws IllegalArgumentException if the shapes do not match
   */
  public static void gemmPushforwardPullback(float[][] X, float[][] W, float[][] Y,
      float[][] XDot, float[][] WDot, float[][] YDot, float[][] dYDot, float[][] dX,
      float[][] dW, float[][] dY, float[][] dXDot, float[][] dWDot) {
    String name = "gemmPushforwardPullback";
    checkGemm(name, X, W, Y);
    checkAdjoint(name, "XDot", XDot, X);
    checkAdjoint(name, "WDot", WDot, W);
    checkSeed(name, "dYDot", dYDot, Y);
    checkAdjoint(name, "dX", dX, X);
    checkAdjoint(name, "dW", dW, W);
    checkAdjoint(name, "dY", dY, Y);
    checkAdjoint(name, "dXDot", dXDot, X);
    checkAdjoint(name, "dWDot", dWDot, W);
    if (dX != null && WDot != null) {
      Gemm.addTimes(dYDot, WDot, dX);
    }
    if (dW != null && XDot != null) {
      Gemm.addTransposedTimes(dYDot, XDot, dW);
    }
    if (dXDot != null) {
      Gemm.addTimes(dYDot, W, dXDot);
    }
    if (dWDot != null) {
      Gemm.addTransposedTimes(dYDot, X, dWDot);
    }
    zero(dYDot);
  }

  /**
   * {@link #relu(double[][], double[][])} in float.
   *
   * @param Z the B × n pre-activations, read
   * @param A the B × n activations, overwritten; not Z nor a row of it
   * @throws IllegalArgumentException if the shapes differ or A aliases Z
   */
  @CustomDerivative(value = "reluPullback", readsOutputs = false,
      pushforward = "reluPushforward")
  public static void relu(float[][] Z, @Out float[][] A) {
    checkElementwise("relu", Z, A);
    for (int b = 0; b < Z.length; b++) {
      Activations.relu(Z[b], A[b]);
    }
  }

  /**
   * As the double {@code reluPullback}, in float.
   *
   * @param Z the kernel's pre-activations, read
   * @param A the kernel's output, not read
   * @param dA adjoint of A, the seed: read, then set to zero
   * @param dZ adjoint of Z, added to
   * @throws IllegalArgumentException if the shapes differ
   */
  public static void reluPullback(float[][] Z, float[][] A, float[][] dA, float[][] dZ) {
    checkRows("reluPullback", Z, A, dA, dZ);
    for (int b = 0; b < Z.length; b++) {
      Activations.reluArrayPullback(Z[b], A[b], dA[b], dZ[b]);
    }
  }

  /**
   * As the double {@code reluPushforward}, in float.
   *
   * @param Z the kernel's pre-activations, read
   * @param A the kernel's output, not read
   * @param ZDot tangent of Z, read
   * @param ADot tangent of A, overwritten
   * @throws IllegalArgumentException if the shapes differ
   */
  @CustomDerivative(value = "reluPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void reluPushforward(
      float[][] Z, float[][] A, float[][] ZDot, @Out float[][] ADot) {
    checkRows("reluPushforward", Z, A, ZDot, ADot);
    for (int b = 0; b < Z.length; b++) {
      Activations.reluArrayPushforward(Z[b], A[b], ZDot[b], ADot[b]);
    }
  }

  /**
   * As the double {@code reluPushforwardPullback}, in float.
   *
   * @param Z the kernel's pre-activations, read
   * @param A the kernel's output, not read
   * @param ZDot tangent of Z, not read
   * @param ADot the pushforward's output tangent, not read
   * @param dADot adjoint of ADot, the seed: read, then set to zero
   * @param dZ adjoint of Z, added to; null when not needed (skipsNullAdjoints)
   * @param dA adjoint of A, left unchanged; null when not needed (skipsNullAdjoints)
   * @param dZDot adjoint of ZDot, added to; null when not needed (skipsNullAdjoints)
   * @throws IllegalArgumentException if the shapes differ
   */
  public static void reluPushforwardPullback(float[][] Z, float[][] A, float[][] ZDot,
      float[][] ADot, float[][] dADot, float[][] dZ, float[][] dA, float[][] dZDot) {
    checkRows("reluPushforwardPullback", Z, A, ZDot, ADot, dADot, dZ, dA, dZDot);
    for (int b = 0; b < Z.length; b++) {
      Activations.reluArrayPushforwardPullback(Z[b], A[b], ZDot[b], ADot[b], dADot[b],
          row(dZ, b), row(dA, b), row(dZDot, b));
    }
  }

  /**
   * {@link #tanh(double[][], double[][])} in float.
   *
   * @param Z the B × n pre-activations, read
   * @param A the B × n activations, overwritten; not Z nor a row of it
   * @throws IllegalArgumentException if the shapes differ or A aliases Z
   */
  @CustomDerivative(value = "tanhPullback", pushforward = "tanhPushforward")
  public static void tanh(float[][] Z, @Out float[][] A) {
    checkElementwise("tanh", Z, A);
    for (int b = 0; b < Z.length; b++) {
      Activations.tanh(Z[b], A[b]);
    }
  }

  /**
   * As the double {@code tanhPullback}, in float.
   *
   * @param Z the kernel's pre-activations, not read but for their shape
   * @param A the kernel's output, read
   * @param dA adjoint of A, the seed: read, then set to zero
   * @param dZ adjoint of Z, added to
   * @throws IllegalArgumentException if the shapes differ
   */
  public static void tanhPullback(float[][] Z, float[][] A, float[][] dA, float[][] dZ) {
    checkRows("tanhPullback", Z, A, dA, dZ);
    for (int b = 0; b < Z.length; b++) {
      Activations.tanhArrayPullback(Z[b], A[b], dA[b], dZ[b]);
    }
  }

  /**
   * As the double {@code tanhPushforward}, in float.
   *
   * @param Z the kernel's pre-activations, not read but for their shape
   * @param A the kernel's output, read
   * @param ZDot tangent of Z, read
   * @param ADot tangent of A, overwritten
   * @throws IllegalArgumentException if the shapes differ
   */
  @CustomDerivative(value = "tanhPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void tanhPushforward(
      float[][] Z, float[][] A, float[][] ZDot, @Out float[][] ADot) {
    checkRows("tanhPushforward", Z, A, ZDot, ADot);
    for (int b = 0; b < Z.length; b++) {
      Activations.tanhArrayPushforward(Z[b], A[b], ZDot[b], ADot[b]);
    }
  }

  /**
   * As the double {@code tanhPushforwardPullback}, in float.
   *
   * @param Z the kernel's pre-activations, not read
   * @param A the kernel's output, read
   * @param ZDot tangent of Z, read
   * @param ADot the pushforward's output tangent, not read
   * @param dADot adjoint of ADot, the seed: read, then set to zero
   * @param dZ adjoint of Z, left unchanged; null when not needed (skipsNullAdjoints)
   * @param dA adjoint of A, added to; null when not needed (skipsNullAdjoints)
   * @param dZDot adjoint of ZDot, added to; null when not needed (skipsNullAdjoints)
   * @throws IllegalArgumentException if the shapes differ
   */
  public static void tanhPushforwardPullback(float[][] Z, float[][] A, float[][] ZDot,
      float[][] ADot, float[][] dADot, float[][] dZ, float[][] dA, float[][] dZDot) {
    checkRows("tanhPushforwardPullback", Z, A, ZDot, ADot, dADot, dZ, dA, dZDot);
    for (int b = 0; b < Z.length; b++) {
      Activations.tanhArrayPushforwardPullback(Z[b], A[b], ZDot[b], ADot[b], dADot[b],
          row(dZ, b), row(dA, b), row(dZDot, b));
    }
  }

  /**
   * {@link #sigmoid(double[][], double[][])} in float.
   *
   * @param Z the B × n pre-activations, read
   * @param A the B × n activations, overwritten; not Z nor a row of it
   * @throws IllegalArgumentException if the shapes differ or A aliases Z
   */
  @CustomDerivative(value = "sigmoidPullback", pushforward = "sigmoidPushforward")
  public static void sigmoid(float[][] Z, @Out float[][] A) {
    checkElementwise("sigmoid", Z, A);
    for (int b = 0; b < Z.length; b++) {
      Activations.sigmoid(Z[b], A[b]);
    }
  }

  /**
   * As the double {@code sigmoidPullback}, in float.
   *
   * @param Z the kernel's pre-activations, not read but for their shape
   * @param A the kernel's output, read
   * @param dA adjoint of A, the seed: read, then set to zero
   * @param dZ adjoint of Z, added to
   * @throws IllegalArgumentException if the shapes differ
   */
  public static void sigmoidPullback(float[][] Z, float[][] A, float[][] dA, float[][] dZ) {
    checkRows("sigmoidPullback", Z, A, dA, dZ);
    for (int b = 0; b < Z.length; b++) {
      Activations.sigmoidArrayPullback(Z[b], A[b], dA[b], dZ[b]);
    }
  }

  /**
   * As the double {@code sigmoidPushforward}, in float.
   *
   * @param Z the kernel's pre-activations, not read but for their shape
   * @param A the kernel's output, read
   * @param ZDot tangent of Z, read
   * @param ADot tangent of A, overwritten
   * @throws IllegalArgumentException if the shapes differ
   */
  @CustomDerivative(value = "sigmoidPushforwardPullback", skipsNullAdjoints = true,
      readsOutputs = false)
  public static void sigmoidPushforward(
      float[][] Z, float[][] A, float[][] ZDot, @Out float[][] ADot) {
    checkRows("sigmoidPushforward", Z, A, ZDot, ADot);
    for (int b = 0; b < Z.length; b++) {
      Activations.sigmoidArrayPushforward(Z[b], A[b], ZDot[b], ADot[b]);
    }
  }

  /**
   * As the double {@code sigmoidPushforwardPullback}, in float.
   *
   * @param Z the kernel's pre-activations, not read
   * @param A the kernel's output, read
   * @param ZDot tangent of Z, read
   * @param ADot the pushforward's output tangent, not read
   * @param dADot adjoint of ADot, the seed: read, then set to zero
   * @param dZ adjoint of Z, left unchanged; null when not needed (skipsNullAdjoints)
   * @param dA adjoint of A, added to; null when not needed (skipsNullAdjoints)
   * @param dZDot adjoint of ZDot, added to; null when not needed (skipsNullAdjoints)
   * @throws IllegalArgumentException if the shapes differ
   */
  public static void sigmoidPushforwardPullback(float[][] Z, float[][] A, float[][] ZDot,
      float[][] ADot, float[][] dADot, float[][] dZ, float[][] dA, float[][] dZDot) {
    checkRows("sigmoidPushforwardPullback", Z, A, ZDot, ADot, dADot, dZ, dA, dZDot);
    for (int b = 0; b < Z.length; b++) {
      Activations.sigmoidArrayPushforwardPullback(Z[b], A[b], ZDot[b], ADot[b], dADot[b],
          row(dZ, b), row(dA, b), row(dZDot, b));
    }
  }

  /**
   * {@link #softmaxCrossEntropyMean(double[][], int[])} in float.
   *
   * @param Z the B × k logits, one example per row, read
   * @param labels the B true classes, each an index of a row of Z
   * @return the mean cross entropy
   * @throws IllegalArgumentException if Z is empty, a label is out of range or the lengths differ
   */
  @CustomDerivative(value = "softmaxCrossEntropyMeanPullback",
      pushforward = "softmaxCrossEntropyMeanPushforward")
  public static float softmaxCrossEntropyMean(float[][] Z, int[] labels) {
    checkLabels("softmaxCrossEntropyMean", Z, labels);
    double s = 0.0;
    for (int b = 0; b < Z.length; b++) {
      s += Losses.softmaxCrossEntropy(Z[b], labels[b]);
    }
    return (float) (s / Z.length);
  }

  /**
   * As the double {@code softmaxCrossEntropyMeanPullback}, in float.
   *
   * @param Z the kernel's logits, read
   * @param labels the kernel's classes
   * @param dResult adjoint of the mean loss (the seed)
   * @param dZ adjoint of Z, added to
   * @throws IllegalArgumentException if the shapes differ or a label is out of range
   */
  public static void softmaxCrossEntropyMeanPullback(
      float[][] Z, int[] labels, float dResult, float[][] dZ) {
    String name = "softmaxCrossEntropyMeanPullback";
    checkLabels(name, Z, labels);
    checkAdjoint(name, "dZ", dZ, Z);
    float g = dResult / Z.length;
    for (int b = 0; b < Z.length; b++) {
      float loss = Losses.softmaxCrossEntropy(Z[b], labels[b]);
      Losses.softmaxCrossEntropyPullback(Z[b], labels[b], loss, g, dZ[b]);
    }
  }

  /**
   * As the double {@code softmaxCrossEntropyMeanPushforward}, in float.
   *
   * @param Z the kernel's logits, read
   * @param labels the kernel's classes
   * @param ZDot tangent of Z, read
   * @return the tangent of the mean loss
   * @throws IllegalArgumentException if the shapes differ or a label is out of range
   */
  @CustomDerivative(value = "softmaxCrossEntropyMeanPushforwardPullback",
      skipsNullAdjoints = true)
  public static float softmaxCrossEntropyMeanPushforward(
      float[][] Z, int[] labels, float[][] ZDot) {
    String name = "softmaxCrossEntropyMeanPushforward";
    checkLabels(name, Z, labels);
    checkAdjoint(name, "ZDot", ZDot, Z);
    double s = 0.0;
    for (int b = 0; b < Z.length; b++) {
      float loss = Losses.softmaxCrossEntropy(Z[b], labels[b]);
      s += Losses.softmaxCrossEntropyPushforward(Z[b], labels[b], loss, ZDot[b]);
    }
    return (float) (s / Z.length);
  }

  /**
   * As the double {@code softmaxCrossEntropyMeanPushforwardPullback}, in float.
   *
   * @param Z the kernel's logits, read
   * @param labels the kernel's classes
   * @param ZDot tangent of Z, read
   * @param dResult adjoint of the pushforward's result (the seed)
   * @param dZ adjoint of Z, added to; null when not needed (skipsNullAdjoints)
   * @param dZDot adjoint of ZDot, added to; null when not needed (skipsNullAdjoints)
   * @throws IllegalArgumentException if the shapes differ or a label is out of range
   */
  public static void softmaxCrossEntropyMeanPushforwardPullback(float[][] Z, int[] labels,
      float[][] ZDot, float dResult, float[][] dZ, float[][] dZDot) {
    String name = "softmaxCrossEntropyMeanPushforwardPullback";
    checkLabels(name, Z, labels);
    checkAdjoint(name, "ZDot", ZDot, Z);
    checkAdjoint(name, "dZ", dZ, Z);
    checkAdjoint(name, "dZDot", dZDot, Z);
    float g = dResult / Z.length;
    for (int b = 0; b < Z.length; b++) {
      float[] z = Z[b];
      int label = labels[b];
      float loss = Losses.softmaxCrossEntropy(z, label);
      float dLoss = Losses.softmaxCrossEntropyPushforwardPullback(
          z, label, loss, ZDot[b], g, row(dZ, b), row(dZDot, b));
      if (dZ != null) {
        Losses.softmaxCrossEntropyPullback(z, label, loss, dLoss, dZ[b]);
      }
    }
  }

  // ---- shapes --------------------------------------------------------------------------------
  //
  // The checks read only lengths and identities, so they take Object[] (a double[][] or a
  // float[][]) and serve both precisions with the same messages.

  private static double[] row(double[][] m, int b) {
    return m == null ? null : m[b];
  }

  private static float[] row(float[][] m, int b) {
    return m == null ? null : m[b];
  }

  private static void zero(double[][] m) {
    for (double[] row : m) {
      Arrays.fill(row, 0.0);
    }
  }

  private static void zero(float[][] m) {
    for (float[] row : m) {
      Arrays.fill(row, 0f);
    }
  }

  private static int columns(Object[] m, int ifEmpty) {
    return m.length == 0 ? ifEmpty : Checks.length(m[0]);
  }

  private static void checkGemm(String kernel, Object[] X, Object[] W, Object[] Y) {
    int n = columns(X, columns(W, 0));
    shape(kernel, "X", X, X.length, n);
    shape(kernel, "W", W, W.length, n);
    shape(kernel, "Y", Y, X.length, W.length);
    checkNotInput(kernel, "Y", Y, "X", X);
    checkNotInput(kernel, "Y", Y, "W", W);
  }

  /** Requires {@code m} to be {@code rows × cols}, naming the first row that is not. */
  private static void shape(String kernel, String name, Object[] m, int rows, int cols) {
    if (m.length != rows) {
      throw new IllegalArgumentException(
          kernel + ": " + name + " has " + m.length + " rows but should have " + rows);
    }
    for (int i = 0; i < rows; i++) {
      int length = Checks.length(m[i]);
      if (length != cols) {
        throw new IllegalArgumentException(kernel + ": " + name + "[" + i + "] has length "
            + length + " but should have " + cols);
      }
    }
  }

  private static void checkSeed(String kernel, String name, Object[] seed, Object[] of) {
    shape(kernel, name, seed, of.length, columns(of, 0));
  }

  private static void checkAdjoint(String kernel, String name, Object[] a, Object[] of) {
    if (a != null) {
      shape(kernel, name, a, of.length, columns(of, 0));
    }
  }

  private static void checkOutput(String kernel, String name, Object[] out, Object[] of) {
    shape(kernel, name, out, of.length, columns(of, 0));
  }

  /**
   * Requires that {@code out} is not {@code in} and that no row of {@code out} is the row of
   * {@code in} with the same index (the aliasing a caller can make by accident, cheaply
   * checked).
   */
  private static void checkNotInput(
      String kernel, String outName, Object[] out, String inName, Object[] in) {
    if (in == null) {
      return;
    }
    Checks.distinct(kernel, outName, out, inName, in);
    int rows = Math.min(out.length, in.length);
    for (int i = 0; i < rows; i++) {
      if (out[i] == in[i]) {
        throw new IllegalArgumentException(kernel + ": " + outName + "[" + i
            + "] must not be the same array as " + inName + "[" + i + "]");
      }
    }
  }

  private static void checkElementwise(String kernel, Object[] Z, Object[] A) {
    shape(kernel, "A", A, Z.length, columns(Z, 0));
    shape(kernel, "Z", Z, Z.length, columns(Z, 0));
    checkNotInput(kernel, "A", A, "Z", Z);
  }

  private static void checkRows(String kernel, Object[] Z) {
    shape(kernel, "Z", Z, Z.length, columns(Z, 0));
  }

  /**
   * The checks of an element-wise pullback or pushforward: Z's rows, then as many rows as Z in
   * the others (fixed arities rather than varargs, which would allocate an array per call).
   */
  private static void checkRows(String kernel, Object[] Z, Object[] a, Object[] b, Object[] c) {
    checkRows(kernel, Z);
    sameRows(kernel, Z, a);
    sameRows(kernel, Z, b);
    sameRows(kernel, Z, c);
  }

  /** {@link #checkRows(String, Object[], Object[], Object[], Object[])} for a second order. */
  private static void checkRows(String kernel, Object[] Z, Object[] a, Object[] b, Object[] c,
      Object[] d, Object[] e, Object[] f, Object[] g) {
    checkRows(kernel, Z, a, b, c);
    sameRows(kernel, Z, d);
    sameRows(kernel, Z, e);
    sameRows(kernel, Z, f);
    sameRows(kernel, Z, g);
  }

  /** Requires as many rows as Z; null (an adjoint not needed) passes. Rows check per call. */
  private static void sameRows(String kernel, Object[] Z, Object[] m) {
    if (m != null && m.length != Z.length) {
      throw new IllegalArgumentException(
          kernel + ": a matrix has " + m.length + " rows but Z has " + Z.length);
    }
  }

  private static void checkLabels(String kernel, Object[] Z, int[] labels) {
    if (Z.length == 0) {
      throw new IllegalArgumentException(kernel + ": Z has no rows (the mean of nothing)");
    }
    if (labels.length != Z.length) {
      throw new IllegalArgumentException(kernel + ": labels has length " + labels.length
          + " but Z has " + Z.length + " rows");
    }
  }
}

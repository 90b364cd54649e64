package dev.tapeless.it.arrays;

import dev.tapeless.CustomDerivative;
import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.Out;
import dev.tapeless.runtime.Activations;
import dev.tapeless.runtime.Linear;
import dev.tapeless.runtime.Losses;

/** Calls to the runtime kernels, whose registered pullbacks replace element-wise adjoints. */
public final class Kernels {
  private Kernels() {}

  /** A one-hidden-layer classifier: matvec, tanh, matvec, fused softmax cross entropy. */
  @Differentiable
  public static double mlpCrossEntropy(
      double[][] W1, double[] b1, double[][] W2, double[] x, int target) {
    double[] z = new double[W1.length];
    double[] a = new double[W1.length];
    double[] logits = new double[W2.length];
    Linear.matvec(W1, x, z);
    for (int i = 0; i < z.length; i++) {
      z[i] += b1[i];
    }
    Activations.tanh(z, a);
    Linear.matvec(W2, a, logits);
    return Losses.softmaxCrossEntropy(logits, target);
  }

  /** Softmax into a local, then a dot product with values: attention over scalars. */
  @Differentiable
  public static double softmaxAttention(double[] scores, double[] values) {
    double[] p = new double[scores.length];
    Activations.softmax(scores, p);
    return Linear.dot(p, values);
  }

  /** log-sum-exp of a scaled local copy, at a differentiated temperature. */
  @Differentiable
  public static double temperedLogSumExp(double[] z, double temperature) {
    double[] s = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      s[i] = z[i] / temperature;
    }
    return temperature * Losses.logSumExp(s);
  }

  /** Mean squared error of a linear model against data that is not differentiated. */
  @Differentiable
  public static double linearRegressionLoss(
      double[][] W, double[] x, @NoDerivative double[] target) {
    double[] prediction = new double[W.length];
    Linear.matvec(W, x, prediction);
    return Losses.meanSquaredError(prediction, target);
  }

  /** Element-wise sigmoid kernel, sum kernel and the scalar softplus kernel. */
  @Differentiable
  public static double sigmoidSoftplus(double[] z) {
    double[] a = new double[z.length];
    Activations.sigmoid(z, a);
    return Linear.sum(a) + Activations.softplus(z[0] * z[1]);
  }

  /** {@code ‖a x + y‖²} through the axpy kernel. */
  @Differentiable
  public static double axpyNorm(double a, double[] x, double[] y) {
    double[] z = new double[x.length];
    Linear.axpy(a, x, y, z);
    return Linear.dot(z, z);
  }

  /** The outer product kernel into a local matrix, then a weighted sum of its elements. */
  @Differentiable
  public static double outerWeighted(double[] u, double[] v) {
    double[][] A = new double[u.length][v.length];
    Linear.outer(u, v, A);
    double s = 0;
    for (int i = 0; i < u.length; i++) {
      for (int j = 0; j < v.length; j++) {
        s += Math.sin(A[i][j]) * (i + j + 1);
      }
    }
    return s;
  }

  /** {@code Wᵀ δ} as in a backward layer, through the transposed kernel; relu and softplus. */
  @Differentiable
  public static double transposedLayer(double[][] W, double[] delta) {
    int n = W[0].length;
    double[] g = new double[n];
    double[] r = new double[n];
    Linear.matvecTransposed(W, delta, g);
    Activations.softplus(g, r);
    double s = 0;
    for (int j = 0; j < n; j++) {
      s += r[j] + Activations.relu(g[j]) * Activations.sigmoid(g[j]);
    }
    return s;
  }

  /** The element-wise relu kernel and the scalar tanh kernel, element by element. */
  @Differentiable
  public static double reluAndTanh(double[] z, double[] w) {
    double[] r = new double[z.length];
    Activations.relu(z, r);
    double s = 0;
    for (int i = 0; i < z.length; i++) {
      s += w[i] * r[i] + Activations.tanh(w[i] * z[i]);
    }
    return s;
  }

  /** A softmax written straight into the method's own {@code @Out} parameter. */
  @Differentiable
  public static void softmaxOut(double[] z, double scale, @Out double[] p) {
    double[] s = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      s[i] = scale * z[i];
    }
    Activations.softmax(s, p);
  }

  /** A dense layer with activation into an output, returning its squared norm as well. */
  @Differentiable
  public static double denseLayer(double[][] W, double[] b, double[] x, @Out double[] a) {
    double[] z = new double[W.length];
    Linear.matvec(W, x, z);
    for (int i = 0; i < z.length; i++) {
      z[i] += b[i];
    }
    Activations.sigmoid(z, a);
    return Linear.dot(a, a);
  }

  /** {@code e^x}, registered with a pullback that takes the result: {@code dx = dResult · e^x}. */
  @CustomDerivative(value = "expFromResultPullback", usesResult = true,
      pushforward = "expFromResultPushforward")
  static double expFromResult(double x) {
    return Math.exp(x);
  }

  /** Pullback of {@link #expFromResult(double)}: reads the result, computes no exponential. */
  static double expFromResultPullback(double x, double result, double dResult) {
    return dResult * result;
  }

  /** Pushforward of {@link #expFromResult(double)}: the tangent from the result alone. */
  static double expFromResultPushforward(double x, double result, double xDot) {
    return result * xDot;
  }

  /**
   * Pullbacks that read their call's result, where the variable holding it is overwritten later
   * in the iteration and again by the next one, and on one branch only: each reversal must see
   * the result of its own call.
   */
  @Differentiable
  public static double resultPullbacks(double[] z, double w) {
    double s = 0;
    double e = 0;
    for (int i = 0; i < z.length; i++) {
      e = expFromResult(w * z[i]);
      s += e * z[i];
      if (z[i] > 0) {
        e = Activations.sigmoid(z[i] * e);
        s += e;
      }
    }
    return s + e * w;
  }

  /**
   * Weight gradients from a kernel and from element reads, in both orders: where an element read
   * comes after the kernel, the backward sweep adds to {@code dW} before the kernel's pullback
   * runs, which must then add too; where it comes before, the pullback may set {@code dW} first.
   */
  @Differentiable
  public static double kernelAndElements(double[][] W, double[][] V, double[] x) {
    double before = V[0][0] * V[V.length - 1][0];
    double[] y = new double[W.length];
    double[] z = new double[V.length];
    Linear.matvec(W, x, y);
    Linear.matvec(V, x, z);
    double after = W[0][0] * W[W.length - 1][x.length - 1];
    return Linear.dot(y, y) + Linear.sum(z) + before * after;
  }
}

package dev.tapeless.it.arrays;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.Out;

/** Methods that write {@code @Out} arrays: vector-valued functions, void and double-returning. */
public final class Outputs {
  private Outputs() {}

  /** Element-wise: a diagonal Jacobian. */
  @Differentiable
  public static void squash(double[] x, @Out double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.tanh(x[i]);
    }
  }

  /** {@code y = x / ‖x‖}: a dense Jacobian. */
  @Differentiable
  public static void normalize(double[] x, @Out double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i];
    }
    double n = Math.sqrt(s);
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] / n;
    }
  }

  /** The softmax written out: running max by a branch, exponentials, normalization in place. */
  @Differentiable
  public static void softmax(double[] z, @Out double[] p) {
    double m = z[0];
    for (int i = 1; i < z.length; i++) {
      if (z[i] > m) {
        m = z[i];
      }
    }
    double s = 0;
    for (int i = 0; i < z.length; i++) {
      p[i] = Math.exp(z[i] - m);
      s += p[i];
    }
    for (int i = 0; i < z.length; i++) {
      p[i] /= s;
    }
  }

  /** Scalars in, a vector out. */
  @Differentiable
  public static void polarToCartesian(double r, double theta, @Out double[] xy) {
    xy[0] = r * Math.cos(theta);
    xy[1] = r * Math.sin(theta);
  }

  /**
   * The Jacobian example of the design: {@code f(x) = [x1 + x2·x3, 2·x3]} with
   * {@code J = [[1, x3, x2], [0, 0, 2]]}.
   */
  @Differentiable
  public static void designExample(double[] x, @Out double[] f) {
    f[0] = x[0] + x[1] * x[2];
    f[1] = 2 * x[2];
  }

  /** Two outputs: running sums, and products of mirrored elements. */
  @Differentiable
  public static void twoOutputs(double[] x, @Out double[] sums, @Out double[] mirrored) {
    int n = x.length;
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += x[i];
      sums[i] = s;
    }
    for (int i = 0; i < n; i++) {
      mirrored[i] = x[i] * x[n - 1 - i];
    }
  }

  /** The residuals {@code W x − t} as an output, and half their squared norm as the value. */
  @Differentiable
  public static double residuals(
      double[][] W, double[] x, @NoDerivative double[] t, @Out double[] r) {
    double loss = 0;
    for (int i = 0; i < W.length; i++) {
      double z = -t[i];
      for (int j = 0; j < x.length; j++) {
        z += W[i][j] * x[j];
      }
      r[i] = z;
      loss += 0.5 * z * z;
    }
    return loss;
  }

  /** An outer product into a 2-D output, each element through a sine. */
  @Differentiable
  public static void outerSine(double[] u, double[] v, @Out double[][] A) {
    for (int i = 0; i < u.length; i++) {
      for (int j = 0; j < v.length; j++) {
        A[i][j] = Math.sin(u[i] * v[j]);
      }
    }
  }
}

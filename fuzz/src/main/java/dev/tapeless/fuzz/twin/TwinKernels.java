package dev.tapeless.fuzz.twin;

import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Forward-mode twins of the runtime kernels ({@code Linear}, {@code Activations},
 * {@code Losses}), written from their definitions, not from their pullbacks: the oracle must not
 * share a derivative with the code it checks. Values follow the kernels' own evaluation order
 * where it is cheap to (sums from index 0), so values agree to rounding.
 */
public final class TwinKernels {
  private TwinKernels() {}

  public static Gradient dot(Ctx c, Gradient[] x, Gradient[] y) {
    Gradient s = c.k(0.0);
    for (int i = 0; i < x.length; i++) {
      s = s.add(x[i].multiply(y[i]));
    }
    return s;
  }

  public static Gradient sum(Ctx c, Gradient[] x) {
    Gradient s = c.k(0.0);
    for (Gradient v : x) {
      s = s.add(v);
    }
    return s;
  }

  /** y = W x. */
  public static void matvec(Ctx c, Gradient[][] w, Gradient[] x, Gradient[] y) {
    for (int i = 0; i < w.length; i++) {
      Gradient s = c.k(0.0);
      for (int j = 0; j < x.length; j++) {
        s = s.add(w[i][j].multiply(x[j]));
      }
      y[i] = s;
    }
  }

  /** y = Wᵀ x. */
  public static void matvecTransposed(Ctx c, Gradient[][] w, Gradient[] x, Gradient[] y) {
    for (int j = 0; j < y.length; j++) {
      y[j] = c.k(0.0);
    }
    for (int i = 0; i < w.length; i++) {
      for (int j = 0; j < y.length; j++) {
        y[j] = y[j].add(w[i][j].multiply(x[i]));
      }
    }
  }

  /** z = a x + y. */
  public static void axpy(Ctx c, Gradient a, Gradient[] x, Gradient[] y, Gradient[] z) {
    for (int i = 0; i < z.length; i++) {
      z[i] = a.multiply(x[i]).add(y[i]);
    }
  }

  /** A = u vᵀ. */
  public static void outer(Ctx c, Gradient[] u, Gradient[] v, Gradient[][] a) {
    for (int i = 0; i < u.length; i++) {
      for (int j = 0; j < v.length; j++) {
        a[i][j] = u[i].multiply(v[j]);
      }
    }
  }

  /** 1 / (1 + e^-z), in the branch form that does not overflow. */
  public static Gradient sigmoid(Ctx c, Gradient z) {
    if (z.getValue() >= 0) {
      return z.negate().exp().add(1.0).reciprocal();
    }
    Gradient e = z.exp();
    return e.divide(e.add(1.0));
  }

  public static Gradient tanh(Ctx c, Gradient z) {
    return z.tanh();
  }

  public static Gradient relu(Ctx c, Gradient z) {
    return c.relu(z);
  }

  /** log(1 + e^z), smooth everywhere. */
  public static Gradient softplus(Ctx c, Gradient z) {
    if (z.getValue() > 0) {
      return z.add(z.negate().exp().log1p());
    }
    return z.exp().log1p();
  }

  public static void sigmoid(Ctx c, Gradient[] z, Gradient[] a) {
    for (int i = 0; i < z.length; i++) {
      a[i] = sigmoid(c, z[i]);
    }
  }

  public static void tanh(Ctx c, Gradient[] z, Gradient[] a) {
    for (int i = 0; i < z.length; i++) {
      a[i] = z[i].tanh();
    }
  }

  public static void relu(Ctx c, Gradient[] z, Gradient[] a) {
    for (int i = 0; i < z.length; i++) {
      a[i] = c.relu(z[i]);
    }
  }

  public static void softplus(Ctx c, Gradient[] z, Gradient[] a) {
    for (int i = 0; i < z.length; i++) {
      a[i] = softplus(c, z[i]);
    }
  }

  /**
   * softmax; the shift by the largest value is a constant (softmax does not depend on it), so
   * it can be taken on values.
   */
  public static void softmax(Ctx c, Gradient[] z, Gradient[] y) {
    double max = maxValue(z);
    Gradient s = c.k(0.0);
    Gradient[] e = new Gradient[z.length];
    for (int i = 0; i < z.length; i++) {
      e[i] = z[i].subtract(max).exp();
      s = s.add(e[i]);
    }
    for (int i = 0; i < z.length; i++) {
      y[i] = e[i].divide(s);
    }
  }

  public static Gradient logSumExp(Ctx c, Gradient[] z) {
    double max = maxValue(z);
    Gradient s = c.k(0.0);
    for (Gradient v : z) {
      s = s.add(v.subtract(max).exp());
    }
    return s.log().add(max);
  }

  /** −log softmax(logits)[target]. */
  public static Gradient softmaxCrossEntropy(Ctx c, Gradient[] logits, int target) {
    double max = maxValue(logits);
    Gradient s = c.k(0.0);
    for (Gradient v : logits) {
      s = s.add(v.subtract(max).exp());
    }
    return s.log().subtract(logits[target].subtract(max));
  }

  /** Σ (p − t)² / n; the target is not differentiated. */
  public static Gradient meanSquaredError(Ctx c, Gradient[] prediction, Gradient[] target) {
    Gradient s = c.k(0.0);
    for (int i = 0; i < prediction.length; i++) {
      Gradient r = prediction[i].subtract(target[i].getValue());
      s = s.add(r.multiply(r));
    }
    return s.divide(prediction.length);
  }

  private static double maxValue(Gradient[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (Gradient v : z) {
      max = Math.max(max, v.getValue());
    }
    return max;
  }
}

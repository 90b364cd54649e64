package dev.tapeless.fuzz.twin;

import dev.tapeless.runtime.Activations;
import org.hipparchus.analysis.differentiation.Derivative;

/**
 * Forward-mode twins of the runtime kernels ({@code Linear}, {@code Activations},
 * {@code Losses}), written from their definitions, not from their pullbacks: the oracle must not
 * share a derivative with the code it checks. Values follow the kernels' own evaluation order
 * where it is cheap to (sums from index 0), so values agree to rounding. Generic over the
 * twin's number type, as twins are (see {@link Ctx}).
 */
public final class TwinKernels {
  private TwinKernels() {}

  public static <T extends Derivative<T>> T dot(Ctx<T> c, T[] x, T[] y) {
    T s = c.k(0.0);
    for (int i = 0; i < x.length; i++) {
      s = s.add(c.product(x[i], y[i]));
    }
    return s;
  }

  public static <T extends Derivative<T>> T sum(Ctx<T> c, T[] x) {
    T s = c.k(0.0);
    for (T v : x) {
      s = s.add(v);
    }
    return s;
  }

  /** y = W x. */
  public static <T extends Derivative<T>> void matvec(Ctx<T> c, T[][] w, T[] x, T[] y) {
    for (int i = 0; i < w.length; i++) {
      T s = c.k(0.0);
      for (int j = 0; j < x.length; j++) {
        s = s.add(c.product(w[i][j], x[j]));
      }
      y[i] = s;
    }
  }

  /** y = Wᵀ x. */
  public static <T extends Derivative<T>> void matvecTransposed(Ctx<T> c, T[][] w, T[] x,
      T[] y) {
    for (int j = 0; j < y.length; j++) {
      y[j] = c.k(0.0);
    }
    for (int i = 0; i < w.length; i++) {
      for (int j = 0; j < y.length; j++) {
        y[j] = y[j].add(c.product(w[i][j], x[i]));
      }
    }
  }

  /** z = a x + y. */
  public static <T extends Derivative<T>> void axpy(Ctx<T> c, T a, T[] x, T[] y, T[] z) {
    for (int i = 0; i < z.length; i++) {
      z[i] = c.product(a, x[i]).add(y[i]);
    }
  }

  /** A = u vᵀ. */
  public static <T extends Derivative<T>> void outer(Ctx<T> c, T[] u, T[] v, T[][] a) {
    for (int i = 0; i < u.length; i++) {
      for (int j = 0; j < v.length; j++) {
        a[i][j] = c.product(u[i], v[j]);
      }
    }
  }

  /**
   * 1 / (1 + e^-z), in the branch form that does not overflow, with the kernel's value: FastMath
   * may differ from Math in the last place, and a comparison of the result with a constant (a
   * tanh of -19 against -1) can then go the other way in the twin without any margin showing it.
   */
  public static <T extends Derivative<T>> T sigmoid(Ctx<T> c, T z) {
    T r;
    if (z.getValue() >= 0) {
      r = z.negate().exp().add(1.0).reciprocal();
    } else {
      T e = z.exp();
      r = e.divide(e.add(1.0));
    }
    return r.withValue(Activations.sigmoid(z.getValue()));
  }

  /** tanh with the kernel's value (see {@link #sigmoid(Ctx, Derivative)}). */
  public static <T extends Derivative<T>> T tanh(Ctx<T> c, T z) {
    return z.tanh().withValue(Activations.tanh(z.getValue()));
  }

  public static <T extends Derivative<T>> T relu(Ctx<T> c, T z) {
    return c.relu(z);
  }

  /** log(1 + e^z), smooth everywhere, with the kernel's value. */
  public static <T extends Derivative<T>> T softplus(Ctx<T> c, T z) {
    T r = z.getValue() > 0 ? z.add(z.negate().exp().log1p()) : z.exp().log1p();
    return r.withValue(Activations.softplus(z.getValue()));
  }

  public static <T extends Derivative<T>> void sigmoid(Ctx<T> c, T[] z, T[] a) {
    for (int i = 0; i < z.length; i++) {
      a[i] = sigmoid(c, z[i]);
    }
  }

  public static <T extends Derivative<T>> void tanh(Ctx<T> c, T[] z, T[] a) {
    for (int i = 0; i < z.length; i++) {
      a[i] = tanh(c, z[i]);
    }
  }

  public static <T extends Derivative<T>> void relu(Ctx<T> c, T[] z, T[] a) {
    for (int i = 0; i < z.length; i++) {
      a[i] = c.relu(z[i]);
    }
  }

  public static <T extends Derivative<T>> void softplus(Ctx<T> c, T[] z, T[] a) {
    for (int i = 0; i < z.length; i++) {
      a[i] = softplus(c, z[i]);
    }
  }

  /**
   * softmax; the shift by the largest value is a constant (softmax does not depend on it), so
   * it can be taken on values.
   */
  public static <T extends Derivative<T>> void softmax(Ctx<T> c, T[] z, T[] y) {
    double max = maxValue(z);
    T s = c.k(0.0);
    T[] e = c.newArray(z.length);
    for (int i = 0; i < z.length; i++) {
      e[i] = z[i].subtract(max).exp();
      s = s.add(e[i]);
    }
    for (int i = 0; i < z.length; i++) {
      y[i] = e[i].divide(s);
    }
  }

  public static <T extends Derivative<T>> T logSumExp(Ctx<T> c, T[] z) {
    double max = maxValue(z);
    T s = c.k(0.0);
    for (T v : z) {
      s = s.add(v.subtract(max).exp());
    }
    return s.log().add(max);
  }

  /** −log softmax(logits)[target]. */
  public static <T extends Derivative<T>> T softmaxCrossEntropy(Ctx<T> c, T[] logits,
      int target) {
    double max = maxValue(logits);
    T s = c.k(0.0);
    for (T v : logits) {
      s = s.add(v.subtract(max).exp());
    }
    return s.log().subtract(logits[target].subtract(max));
  }

  /** Σ (p − t)² / n; the target is not differentiated. */
  public static <T extends Derivative<T>> T meanSquaredError(Ctx<T> c, T[] prediction,
      T[] target) {
    T s = c.k(0.0);
    for (int i = 0; i < prediction.length; i++) {
      T r = prediction[i].subtract(target[i].getValue());
      s = s.add(c.product(r, r));
    }
    // DerivativeStructure divides by a double as a product with its reciprocal: Java's value
    return s.divide(prediction.length).withValue(s.getValue() / prediction.length);
  }

  private static <T extends Derivative<T>> double maxValue(T[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (T v : z) {
      max = Math.max(max, v.getValue());
    }
    return max;
  }
}

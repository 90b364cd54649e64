package dev.tapeless.it.floats;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.Out;
import dev.tapeless.runtime.Losses;

/**
 * Float programs. Each is checked against finite differences of itself, and its forward and
 * second-order members against its gradient; the random tester checks float programs against
 * their double twins.
 */
public final class Floats {
  private Floats() {}

  /** Float arithmetic with float literals, a compound update and a negation. */
  @Differentiable
  public static float arithmetic(float x, float y) {
    float a = x * y + 1.5f;
    float b = a / (y * y + 2f) - x;
    b *= a;
    b -= 0.25f * y;
    return -b + x % 0.75f;
  }

  /** Math functions of floats: those returning double cast back, abs/max/min float overloads. */
  @Differentiable
  public static float mathOfFloats(float x, float y) {
    float s = (float) Math.sin(x * y) + (float) Math.exp(0.5f * x);
    float r = (float) Math.sqrt(x * x + y * y + 1f);
    float p = (float) Math.pow(r, y) + (float) Math.tanh(s);
    return Math.abs(x - y) * p + Math.max(x, y) - Math.min(x * x, r);
  }

  /** Floats widened into double arithmetic and narrowed back: the casts keep derivatives. */
  @Differentiable
  public static double mixed(float x, double d, float[] w) {
    double acc = x * d;
    for (int i = 0; i < w.length; i++) {
      acc += w[i] * Math.log(1.0 + d * d) + (double) (w[i] * x);
    }
    float narrowed = (float) acc;
    return narrowed * x + d / (1 + narrowed * narrowed);
  }

  /** A float dot product and sum of squares, the inner loop of every layer. */
  @Differentiable
  public static float dotAndNorm(float[] a, float[] b) {
    float dot = 0f;
    float norm = 0f;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      norm += a[i] * a[i];
    }
    return dot / (float) Math.sqrt(norm + 1e-3f);
  }

  /** A float layer: matrix-vector product, bias, tanh, written with a local float array. */
  @Differentiable
  public static float layer(float[][] W, float[] b, float[] x) {
    float[] h = new float[b.length];
    for (int i = 0; i < b.length; i++) {
      float z = b[i];
      for (int j = 0; j < x.length; j++) {
        z += W[i][j] * x[j];
      }
      h[i] = (float) Math.tanh(z);
    }
    float out = 0f;
    for (int i = 0; i < h.length; i++) {
      out += h[i] * h[i];
    }
    return out;
  }

  /** A recurrence that overwrites its state each step: the saved values are floats. */
  @Differentiable
  public static float recurrence(float[] xs, float a) {
    float h = 0.1f;
    for (int t = 0; t < xs.length; t++) {
      h = (float) Math.tanh(a * h + xs[t]);
      h = h * h + 0.5f * h;
    }
    return h;
  }

  /** A while loop and a branch on float values. */
  @Differentiable
  public static float loopAndBranch(float x, float y) {
    float v = x;
    int k = 0;
    while (v < 4f && k < 10) {
      v = v * 1.5f + y * y;
      k++;
    }
    if (v > 5f) {
      return v - x * y;
    }
    return v * y;
  }

  /** Float outputs: element-wise square plus a softsign, and a running sum. */
  @Differentiable
  public static void outputs(float[] x, float s, @Out float[] y, @Out float[] running) {
    float total = 0f;
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] * x[i] * s + x[i] / (1f + Math.abs(x[i]));
      total += y[i];
      running[i] = total;
    }
  }

  /** A float method called from another, through its frame. */
  @Differentiable
  public static float softplus(float z) {
    return (float) Math.log1p(Math.exp(z));
  }

  @Differentiable
  public static float callsSoftplus(float[] x, float scale) {
    float s = 0f;
    for (int i = 0; i < x.length; i++) {
      s += softplus(scale * x[i]);
    }
    return s / x.length;
  }

  /** A {@code @NoDerivative} float array and an int parameter beside differentiated ones. */
  @Differentiable
  public static float weighted(float[] x, @NoDerivative float[] weights, int n) {
    float s = 0f;
    for (int i = 0; i < n; i++) {
      s += weights[i] * (float) Math.cos(x[i]);
    }
    return s;
  }

  /** An int cast to float and a float literal with an exponent. */
  @Differentiable
  public static float intsAndExponents(float x, int n) {
    float s = 0f;
    for (int i = 1; i <= n; i++) {
      s += x / (float) i + 2.5e-1f * i * x * x;
    }
    return s;
  }

  /**
   * Elements of a local float array overwritten while the backward sweep still needs them,
   * updated with double values ({@code +=} and {@code *=} narrow implicitly).
   */
  @Differentiable
  public static double savedElements(float x, double d) {
    float[] h = new float[2];
    h[0] = x * x;
    double y = h[0] * h[0] * d;
    h[0] += d * 2.0;
    h[1] = h[0] * h[0];
    h[0] *= d;
    y += h[0] * h[1];
    return y + h[0] * h[0];
  }

  /**
   * A float kernel whose pullback takes its result, called in a double conditional: the
   * conditional's temporary is double and holds the kernel's float result widened (random
   * tester, seed 2601: the generated pullback call did not compile).
   */
  @Differentiable
  public static double floatKernelInDoubleConditional(float[] u, boolean pick) {
    double v = pick ? Math.exp(u[0]) : Losses.softmaxCrossEntropy(u, 0);
    return v * v + u[1];
  }
}

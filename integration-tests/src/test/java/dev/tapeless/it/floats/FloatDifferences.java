package dev.tapeless.it.floats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;

/**
 * Finite differences of float programs. A float function is only known to float precision, so
 * the differences use a wide step, h = 2^-7 (for double inputs of float programs too), with the five-point formula (error O(h^4)), at
 * dyadic points where x ± 2h is exact in float: rounding of the function, about 1e-7 of its
 * size, then moves the difference by about 1e-5 of it, which the tolerance allows.
 */
final class FloatDifferences {
  private FloatDifferences() {}

  static final double STEP = 1.0 / 128;

  /** One input: its values (float[] or double[]) and the frame's gradient for them. */
  record Input(String name, Object values, Object gradient) {
    double get(int i) {
      return values instanceof float[] f ? f[i] : ((double[]) values)[i];
    }

    void set(int i, double v) {
      if (values instanceof float[] f) {
        f[i] = (float) v;
        if (f[i] != v) {
          throw new IllegalArgumentException(name + "[" + i + "] + step is not a float: " + v);
        }
      } else {
        ((double[]) values)[i] = v;
      }
    }

    double gradient(int i) {
      return gradient instanceof float[] f ? f[i] : ((double[]) gradient)[i];
    }

    int length() {
      return values instanceof float[] f ? f.length : ((double[]) values).length;
    }
  }

  static Input of(String name, float[] values, float[] gradient) {
    return new Input(name, values, gradient);
  }

  static Input of(String name, double[] values, double[] gradient) {
    return new Input(name, values, gradient);
  }

  /** Checks every element of every input against the five-point difference of {@code f}. */
  static void assertGradient(String method, DoubleSupplier f, Input... inputs) {
    double value = Math.abs(f.getAsDouble());
    for (Input in : inputs) {
      for (int k = 0; k < in.length(); k++) {
        int i = k;
        double fd = difference(f, in, i);
        double tolerance = 2e-4 * (1 + value + Math.abs(fd));
        double g = in.gradient(i);
        assertTrue(Math.abs(g - fd) <= tolerance, () -> method + ": d" + in.name() + "[" + i + "]"
            + " is " + g + ", finite differences give " + fd + " (tolerance " + tolerance + ")");
      }
    }
  }

  static double difference(DoubleSupplier f, Input in, int i) {
    double x = in.get(i);
    double h = STEP;
    double[] at = new double[5];
    for (int k = -2; k <= 2; k++) {
      in.set(i, x + k * h);
      at[k + 2] = f.getAsDouble();
    }
    in.set(i, x);
    return (at[0] - 8 * at[1] + 8 * at[3] - at[4]) / (12 * h);
  }
}

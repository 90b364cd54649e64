package dev.tapeless.it.secondorder;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import java.util.Arrays;

/**
 * Functions with curvature everywhere, written so that the Hessian has cross terms: second order
 * differentiates each rule's derivative again, so a rule whose first derivative is right can
 * still have a wrong second one.
 */
public final class Curvatures {
  private Curvatures() {}

  /**
   * q·(q − q) + 0.06·q + y with q = x², whose Hessian is 0.12 in x alone: at a large q, the
   * tangent of {@code q - q} and its transpose must cancel before they reach {@code q}'s
   * adjoints, not in them (random tester seed 2603).
   */
  @Differentiable
  public static double cancellingUses(double x, double y) {
    double q = x * x;
    return q * (q - q) + 0.06 * q + y;
  }

  /** exp, log, log10, log1p and expm1. */
  @Differentiable
  public static double exponentials(double x, double y) {
    return Math.exp(x * y) + Math.log(x) * Math.log10(y) + Math.log1p(x * y)
        - Math.expm1(y - x);
  }

  /** sqrt, cbrt and hypot, whose rules read their result. */
  @Differentiable
  public static double roots(double x, double y) {
    return Math.sqrt(x * x + y) * Math.cbrt(x + 2 * y) + Math.hypot(x, y * y);
  }

  /** pow with the base, the exponent, or both varying, and a constant exponent. */
  @Differentiable
  public static double powers(double x, double y) {
    return Math.pow(x, y) + Math.pow(x, 3.0) * y + Math.pow(2.5, y * x) + Math.pow(x * y, 0.5);
  }

  /** sin, cos and tan. */
  @Differentiable
  public static double trigonometric(double x, double y) {
    return Math.sin(x * y) * Math.cos(x) + Math.tan(x - y);
  }

  /** asin, acos, atan and atan2. */
  @Differentiable
  public static double inverseTrigonometric(double x, double y) {
    return Math.asin(x * y) + Math.acos(0.5 * (x - y)) * Math.atan(x + y)
        + Math.atan2(y, x + 2);
  }

  /** sinh, cosh and tanh. */
  @Differentiable
  public static double hyperbolic(double x, double y) {
    return Math.sinh(x) * Math.cosh(y) + Math.tanh(x * y);
  }

  /** abs, max and min: off their kinks, the Hessian is the one of the piece they select. */
  @Differentiable
  public static double kinks(double x, double y) {
    return Math.abs(x - y) * x + Math.max(x * x, y) * Math.min(x, y * y);
  }

  /** toRadians and toDegrees: linear maps, which scale the curvature of what reads them. */
  @Differentiable
  public static double angles(double x, double y) {
    return Math.sin(Math.toRadians(30 * x)) * Math.toDegrees(x * y) / 100;
  }

  /** Division and Java's {@code %}, which is {@code a - b·k} with k constant between jumps. */
  @Differentiable
  public static double quotients(double x, double y) {
    return x * x / (y + 3) + (x * y) % (y + 2) - y / x;
  }

  /**
   * floor, ceil, rint and signum, whose derivative is 0 between their jumps, as factors of
   * curved terms; and a {@code StrictMath} call, which has Math's rules.
   */
  @Differentiable
  public static double steps(double x, double y) {
    return Math.floor(2 * x) * y * y + Math.ceil(y) * x * x + Math.rint(x + y) * x * y
        + Math.signum(x - y) * StrictMath.exp(x * y);
  }

  /** An early return and a ternary, both deciding on values that carry a derivative. */
  @Differentiable
  public static double branches(double x, double y) {
    if (x * y > 1) {
      return x * x * y;
    }
    double t = x > y ? Math.exp(x - y) : x * y * y;
    return t * x + y;
  }

  /**
   * Compound assignment, a reassigned parameter, and rules that read their result assigned to
   * their own operand ({@code s = tanh(s)}, {@code x = exp(x)}).
   */
  @Differentiable
  public static double compound(double x, double y) {
    double s = x;
    s *= y;
    s += x * x;
    s -= y / x;
    s /= 1 + y * y;
    x += s;
    x = Math.exp(x);
    s = Math.tanh(s);
    return s * x;
  }

  /** A loop that skips negative elements and stops once the sum passes a varying limit. */
  @Differentiable
  public static double loopBreakContinue(double[] x, double limit) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] < 0) {
        continue;
      }
      s += x[i] * x[i] * limit;
      if (s > 3 * limit) {
        break;
      }
    }
    return s * s + limit;
  }

  /** Newton's iteration for the cube root: a while loop whose trip count depends on a. */
  @Differentiable
  public static double newtonCubeRoot(double a) {
    double r = a > 1 ? a : 1;
    int k = 0;
    while (Math.abs(r * r * r - a) > 1e-14 * a && k < 100) {
      r = r - (r * r * r - a) / (3 * r * r);
      k++;
    }
    return r * r;
  }

  /** A do-while that may return from inside the loop. */
  @Differentiable
  public static double doWhileEarlyReturn(double[] x, double t) {
    double s = 0;
    int i = 0;
    do {
      s = s * t + Math.sin(x[i]);
      if (s > 2) {
        return s * t;
      }
      i++;
    } while (i < x.length);
    return s + t * t;
  }

  /**
   * A recurrence through a local array, with a compound store and a store whose rule reads its
   * result into the element it reads ({@code h[i] = exp(h[i])}).
   */
  @Differentiable
  public static double recurrence(double[] x, double a) {
    double[] h = new double[x.length + 1];
    for (int i = 0; i < x.length; i++) {
      h[i + 1] = Math.tanh(a * h[i] + x[i]);
      h[i + 1] *= 1 + 0.1 * x[i];
      h[i] = Math.exp(h[i]);
    }
    double s = 0;
    for (double v : h) {
      s += v * v;
    }
    return s;
  }

  /** A quadratic form plus its square: the matrix and the vector meet in cross terms. */
  @Differentiable
  public static double quadraticForm(double[][] A, double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        s += x[i] * A[i][j] * x[j];
      }
    }
    return s + 0.1 * s * s;
  }

  /** A layer accumulated into a local vector, then a log-sum-exp shifted by its maximum. */
  @Differentiable
  public static double logSumExpOfLayer(double[][] W, double[] x) {
    double[] y = new double[W.length];
    for (int i = 0; i < W.length; i++) {
      for (int j = 0; j < x.length; j++) {
        y[i] += W[i][j] * x[j];
      }
    }
    double m = y[0];
    for (int i = 1; i < y.length; i++) {
      if (y[i] > m) {
        m = y[i];
      }
    }
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += Math.exp(y[i] - m);
    }
    return m + Math.log(s);
  }

  /** Jagged rows copied into a local buffer that Arrays.fill first fills with a varying c. */
  @Differentiable
  public static double jaggedWithCopies(double[][] z, double c) {
    double[] buffer = new double[4];
    double s = 0;
    for (int i = 0; i < z.length; i++) {
      Arrays.fill(buffer, c);
      System.arraycopy(z[i], 0, buffer, 0, z[i].length);
      for (int j = 0; j < buffer.length; j++) {
        s += buffer[j] * buffer[j] * (j + 1) + Math.cos(buffer[j] * c);
      }
    }
    return s;
  }

  /** An int and a {@code @NoDerivative} parameter between two differentiated ones. */
  @Differentiable
  public static double polynomial(double x, int degree, @NoDerivative double w, double y) {
    double p = 0;
    for (int k = 0; k <= degree; k++) {
      p = p * x + w * (k + 1) * y;
    }
    return p * y;
  }

  /** √(x² + 1): the rule of sqrt at a zero tangent must still give the Hessian 1 at x = 0. */
  @Differentiable
  public static double hyperbola(double x) {
    return Math.sqrt(x * x + 1);
  }

  /** x^y with both varying: the mixed derivative is x^(y-1)·(1 + y·ln x). */
  @Differentiable
  public static double power(double x, double y) {
    return Math.pow(x, y);
  }
}

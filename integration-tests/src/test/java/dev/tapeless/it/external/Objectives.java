package dev.tapeless.it.external;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;

/**
 * The objectives of OptimTestProblems.jl ({@code src/optim_tests/multivariate/from_optim.jl},
 * {@code more_testing.jl}, {@code quad_transforms.jl}), written as a Java user would write them:
 * loops over {@code double[] x}, scratch arrays where the Julia code keeps its {@code xt} holder,
 * {@code Math.pow} for {@code ^}. Julia is 1-based: where an index enters the formula (Large
 * Polynomial, Trigonometric, Beale) it is {@code i + 1} here. Nothing is reshaped for Tapeless;
 * the gradients these get are checked against the package's own hand-written ones in
 * {@link Oracles}.
 */
final class Objectives {
  private Objectives() {}

  /** Penalty Function I's default {@code alpha = sqrt(1e-5)}. */
  static final double PENALTY_ALPHA = Math.sqrt(1e-5);

  @Differentiable
  static double exponential(double[] x) {
    return Math.exp(Math.pow(2.0 - x[0], 2)) + Math.exp(Math.pow(3.0 - x[1], 2));
  }

  /** The Julia code's nested {@code theta}: a helper, copied into the caller by Tapeless. */
  static double theta(double[] x) {
    if (x[0] > 0) {
      return Math.atan(x[1] / x[0]) / (2.0 * Math.PI);
    } else {
      return (Math.PI + Math.atan(x[1] / x[0])) / (2.0 * Math.PI);
    }
  }

  @Differentiable
  static double fletcherPowell(double[] x) {
    return 100.0 * (Math.pow(x[2] - 10.0 * theta(x), 2)
        + Math.pow(Math.sqrt(x[0] * x[0] + x[1] * x[1]) - 1.0, 2)) + x[2] * x[2];
  }

  @Differentiable
  static double himmelblau(double[] x) {
    return Math.pow(x[0] * x[0] + x[1] - 11, 2) + Math.pow(x[0] + x[1] * x[1] - 7, 2);
  }

  @Differentiable
  static double hosaki(double[] x) {
    double a = 1.0 - 8.0 * x[0] + 7.0 * Math.pow(x[0], 2) - (7.0 / 3.0) * Math.pow(x[0], 3)
        + (1.0 / 4.0) * Math.pow(x[0], 4);
    return a * Math.pow(x[1], 2) * Math.exp(-x[1]);
  }

  /** Julia sums over {@code 1:250}; here over the length of {@code x} (250 in the tests). */
  @Differentiable
  static double largePolynomial(double[] x) {
    double res = 0;
    for (int i = 0; i < x.length; i++) {
      res += Math.pow((i + 1) - x[i], 2);
    }
    return res;
  }

  @Differentiable
  static double parabola(double[] x) {
    return Math.pow(1.0 - x[0], 2) + Math.pow(2.0 - x[1], 2) + Math.pow(3.0 - x[2], 2)
        + Math.pow(5.0 - x[3], 2) + Math.pow(8.0 - x[4], 2);
  }

  @Differentiable
  static double polynomial(double[] x) {
    return Math.pow(10.0 - x[0], 2) + Math.pow(7.0 - x[1], 4) + Math.pow(108.0 - x[2], 4);
  }

  @Differentiable
  static double powell(double[] x) {
    return Math.pow(x[0] + 10.0 * x[1], 2) + 5.0 * Math.pow(x[2] - x[3], 2)
        + Math.pow(x[1] - 2.0 * x[2], 4) + 10.0 * Math.pow(x[0] - x[3], 4);
  }

  @Differentiable
  static double rosenbrock(double[] x) {
    return Math.pow(1.0 - x[0], 2) + 100.0 * Math.pow(x[1] - x[0] * x[0], 2);
  }

  /** MGH problem 21, the residuals in a scratch array as the Julia code keeps them. */
  @Differentiable
  static double extendedRosenbrock(double[] x) {
    int n = x.length;
    double[] xt = new double[n];
    for (int j = 0; j + 1 < n; j += 2) {
      xt[j] = 10.0 * (x[j + 1] - x[j] * x[j]);
      xt[j + 1] = 1.0 - x[j];
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += xt[i] * xt[i];
    }
    return 0.5 * sum;
  }

  /** MGH problem 22. */
  @Differentiable
  static double extendedPowell(double[] x) {
    int n = x.length;
    double[] xt = new double[n];
    for (int j = 0; j + 3 < n; j += 4) {
      xt[j] = x[j] + 10 * x[j + 1];
      xt[j + 1] = Math.sqrt(5) * (x[j + 2] - x[j + 3]);
      xt[j + 2] = Math.pow(x[j + 1] - 2 * x[j + 2], 2);
      xt[j + 3] = Math.sqrt(10) * Math.pow(x[j] - x[j + 3], 2);
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += xt[i] * xt[i];
    }
    return 0.5 * sum;
  }

  /** MGH problem 23 with the package's scaling: one half of the MGH sum of squares. */
  @Differentiable
  static double penaltyI(double[] x) {
    int n = x.length;
    double[] xt = new double[n];
    double sumSquares = 0;
    for (int i = 0; i < n; i++) {
      xt[i] = PENALTY_ALPHA * (x[i] - 1.0);
      sumSquares += x[i] * x[i];
    }
    double xtend = sumSquares - 0.25;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += xt[i] * xt[i];
    }
    return 0.5 * (sum + xtend * xtend);
  }

  /** MGH problem 26. */
  @Differentiable
  static double trigonometric(double[] x) {
    int n = x.length;
    double scos = 0;
    for (int i = 0; i < n; i++) {
      scos += Math.cos(x[i]);
    }
    double[] xt = new double[n];
    for (int i = 0; i < n; i++) {
      xt[i] = n + (i + 1) * (1.0 - Math.cos(x[i])) - Math.sin(x[i]) - scos;
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += xt[i] * xt[i];
    }
    return 0.5 * sum;
  }

  static final double[] BEALE_Y = {1.5, 2.25, 2.625};

  /** MGH problem 5, {@code sum(beale_f(x).^2)} with {@code beale_f} inlined. */
  @Differentiable
  static double beale(double[] x) {
    double sum = 0;
    for (int i = 1; i <= 3; i++) {
      double f = BEALE_Y[i - 1] - x[0] * (1 - Math.pow(x[1], i));
      sum += f * f;
    }
    return sum;
  }

  /** Quadratic Diagonal: {@code 0.5 * dot(xt, mat * xt)} with {@code xt = x - vec}. */
  @Differentiable
  static double quad(double[] x, @NoDerivative double[][] mat, @NoDerivative double[] vec) {
    int n = x.length;
    double[] xt = new double[n];
    for (int i = 0; i < n; i++) {
      xt[i] = x[i] - vec[i];
    }
    double dot = 0;
    for (int i = 0; i < n; i++) {
      double row = 0;
      for (int j = 0; j < n; j++) {
        row += mat[i][j] * xt[j];
      }
      dot += xt[i] * row;
    }
    return 0.5 * dot;
  }

  /**
   * Paraboloid Diagonal and Paraboloid Random Matrix: {@code xt[2:end] .-= alpha * xt[1]^2}
   * reads the first element of the array it is changing, in the loop that changes it.
   */
  @Differentiable
  static double paraboloid(double[] x, @NoDerivative double[][] mat, @NoDerivative double[] vec,
      @NoDerivative double alpha) {
    int n = x.length;
    double[] xt = new double[n];
    for (int i = 0; i < n; i++) {
      xt[i] = x[i] - vec[i];
    }
    for (int i = 1; i < n; i++) {
      xt[i] -= alpha * Math.pow(xt[0], 2);
    }
    double dot = 0;
    for (int i = 0; i < n; i++) {
      double row = 0;
      for (int j = 0; j < n; j++) {
        row += mat[i][j] * xt[j];
      }
      dot += xt[i] * row;
    }
    return 0.5 * dot;
  }
}

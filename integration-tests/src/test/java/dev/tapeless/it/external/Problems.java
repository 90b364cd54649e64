package dev.tapeless.it.external;

import static dev.tapeless.it.external.Problem.frame;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Every problem of OptimTestProblems.jl's {@code UnconstrainedProblems.examples} that is a
 * function of {@code x} alone (Hosaki, Himmelblau and the others of {@code from_optim.jl}, the
 * Moré–Garbow–Hillstrom problems of {@code more_testing.jl}, the quadratics of
 * {@code quad_transforms.jl}), with the package's sizes (100, 250 for Large Polynomial),
 * starting points and stated solutions. Seventeen problems; the package has no others
 * (Wood, Helical valley and the rest of MGH are not in it).
 */
final class Problems {
  private Problems() {}

  static final int N = 100;

  static List<Problem> all() {
    double[][] diagonal = diagonal(N);
    double[][] random = randomMatrix(N);
    double[] ones = filled(N, 1.0);
    return List.of(
        new Problem("Exponential", new double[] {0.0, 0.0}, new double[] {2.0, 3.0},
            Objectives.exponential(new double[] {2.0, 3.0}), 0.5, Objectives::exponential,
            frame(Objectives_Grad.Exponential::new, (f, x) -> f.valueAndGradient(x), f -> f.dx,
                (f, x, v) -> f.jvp(x, v), (f, x, v) -> f.hvp(x, v),
                (f, x, h) -> f.hessian(x, h)),
            Oracles::exponentialGradient, Oracles::exponentialHessian),
        // The package's fletcher_powell_hessian! is an empty "TODO: Implement".
        new Problem("Fletcher-Powell", new double[] {-1.0, 0.0, 0.0},
            new double[] {1.0, 0.0, 0.0}, 0.0, 0.4, Objectives::fletcherPowell,
            frame(Objectives_Grad.FletcherPowell::new, (f, x) -> f.valueAndGradient(x),
                f -> f.dx, (f, x, v) -> f.jvp(x, v), (f, x, v) -> f.hvp(x, v),
                (f, x, h) -> f.hessian(x, h)),
            Oracles::fletcherPowellGradient, null),
        new Problem("Himmelblau", new double[] {2.0, 2.0}, new double[] {3.0, 2.0},
            Objectives.himmelblau(new double[] {3.0, 2.0}), 1.0, Objectives::himmelblau,
            frame(Objectives_Grad.Himmelblau::new, (f, x) -> f.valueAndGradient(x), f -> f.dx,
                (f, x, v) -> f.jvp(x, v), (f, x, v) -> f.hvp(x, v),
                (f, x, h) -> f.hessian(x, h)),
            Oracles::himmelblauGradient, Oracles::himmelblauHessian),
        new Problem("Hosaki", new double[] {3.6, 1.9}, new double[] {4.0, 2.0},
            Objectives.hosaki(new double[] {4.0, 2.0}), 0.5, Objectives::hosaki,
            frame(Objectives_Grad.Hosaki::new, (f, x) -> f.valueAndGradient(x), f -> f.dx,
                (f, x, v) -> f.jvp(x, v), (f, x, v) -> f.hvp(x, v),
                (f, x, h) -> f.hessian(x, h)),
            Oracles::hosakiGradient, Oracles::hosakiHessian),
        new Problem("Large Polynomial", new double[250], oneToN(250), 0.0, 1.0,
            Objectives::largePolynomial,
            frame(Objectives_Grad.LargePolynomial::new, (f, x) -> f.valueAndGradient(x),
                f -> f.dx, (f, x, v) -> f.jvp(x, v), (f, x, v) -> f.hvp(x, v),
                (f, x, h) -> f.hessian(x, h)),
            Oracles::largePolynomialGradient, Oracles::largePolynomialHessian),
        new Problem("Parabola", new double[5], new double[] {1.0, 2.0, 3.0, 5.0, 8.0}, 0.0, 1.0,
            Objectives::parabola,
            frame(Objectives_Grad.Parabola::new, (f, x) -> f.valueAndGradient(x), f -> f.dx,
                (f, x, v) -> f.jvp(x, v), (f, x, v) -> f.hvp(x, v),
                (f, x, h) -> f.hessian(x, h)),
            Oracles::parabolaGradient, Oracles::parabolaHessian),
        new Problem("Polynomial", new double[3], new double[] {10.0, 7.0, 108.0}, 0.0, 1.0,
            Objectives::polynomial,
            frame(Objectives_Grad.Polynomial::new, (f, x) -> f.valueAndGradient(x), f -> f.dx,
                (f, x, v) -> f.jvp(x, v), (f, x, v) -> f.hvp(x, v),
                (f, x, h) -> f.hessian(x, h)),
            Oracles::polynomialGradient, Oracles::polynomialHessian),
        new Problem("Powell", new double[] {3.0, -1.0, 0.0, 1.0}, new double[4], 0.0, 1.0,
            Objectives::powell,
            frame(Objectives_Grad.Powell::new, (f, x) -> f.valueAndGradient(x), f -> f.dx,
                (f, x, v) -> f.jvp(x, v), (f, x, v) -> f.hvp(x, v),
                (f, x, h) -> f.hessian(x, h)),
            Oracles::powellGradient, Oracles::powellHessian),
        new Problem("Rosenbrock", new double[] {-1.2, 1.0}, new double[] {1.0, 1.0}, 0.0, 0.5,
            Objectives::rosenbrock,
            frame(Objectives_Grad.Rosenbrock::new, (f, x) -> f.valueAndGradient(x), f -> f.dx,
                (f, x, v) -> f.jvp(x, v), (f, x, v) -> f.hvp(x, v),
                (f, x, h) -> f.hessian(x, h)),
            Oracles::rosenbrockGradient, Oracles::rosenbrockHessian),
        // repeat([-1.2, 1]; inner = 50): fifty -1.2 then fifty 1.0, not MGH's alternating
        // start; transcribed as the package has it.
        new Problem("Extended Rosenbrock", inner(new double[] {-1.2, 1.0}, N / 2), ones, 0.0,
            0.5, Objectives::extendedRosenbrock,
            frame(Objectives_Grad.ExtendedRosenbrock::new, (f, x) -> f.valueAndGradient(x),
                f -> f.dx, (f, x, v) -> f.jvp(x, v), (f, x, v) -> f.hvp(x, v),
                (f, x, h) -> f.hessian(x, h)),
            Oracles::extendedRosenbrockGradient, null),
        // repeat(float([3, -1, 0, 1]); inner = 25), likewise blocks rather than MGH's pattern.
        new Problem("Extended Powell", inner(new double[] {3.0, -1.0, 0.0, 1.0}, N / 4),
            new double[N], 0.0, 0.5, Objectives::extendedPowell,
            frame(Objectives_Grad.ExtendedPowell::new, (f, x) -> f.valueAndGradient(x),
                f -> f.dx, (f, x, v) -> f.jvp(x, v), (f, x, v) -> f.hvp(x, v),
                (f, x, h) -> f.hessian(x, h)),
            Oracles::extendedPowellGradient, null),
        // fsol and xsol "calculated numerically to high precision |g(x)|<1e-15" (N = 100).
        new Problem("Penalty Function I", oneToN(N), filled(N, 0.05000949719895305),
            0.00045124548840214817, 0.5, Objectives::penaltyI,
            frame(Objectives_Grad.PenaltyI::new, (f, x) -> f.valueAndGradient(x), f -> f.dx,
                (f, x, v) -> f.jvp(x, v), (f, x, v) -> f.hvp(x, v),
                (f, x, h) -> f.hessian(x, h)),
            Oracles::penaltyIGradient, null),
        new Problem("Trigonometric", filled(N, 1.0 / N), new double[N], 0.0, 0.5,
            Objectives::trigonometric,
            frame(Objectives_Grad.Trigonometric::new, (f, x) -> f.valueAndGradient(x),
                f -> f.dx, (f, x, v) -> f.jvp(x, v), (f, x, v) -> f.hvp(x, v),
                (f, x, h) -> f.hessian(x, h)),
            Oracles::trigonometricGradient, null),
        new Problem("Beale", new double[] {1.0, 1.0}, new double[] {3.0, 0.5},
            Objectives.beale(new double[] {3.0, 0.5}), 0.4, Objectives::beale,
            frame(Objectives_Grad.Beale::new, (f, x) -> f.valueAndGradient(x), f -> f.dx,
                (f, x, v) -> f.jvp(x, v), (f, x, v) -> f.hvp(x, v),
                (f, x, h) -> f.hessian(x, h)),
            Oracles::bealeGradient, Oracles::bealeHessian),
        new Problem("Quadratic Diagonal", new double[N], ones, 0.0, 1.0,
            x -> Objectives.quad(x, diagonal, ones),
            frame(Objectives_Grad.Quad::new, (f, x) -> f.valueAndGradient(x, diagonal, ones),
                f -> f.dx, (f, x, v) -> f.jvp(x, diagonal, ones, v),
                (f, x, v) -> f.hvp(x, diagonal, ones, v),
                (f, x, h) -> f.hessian(x, diagonal, ones, h)),
            (g, x) -> Oracles.quadGradient(g, x, diagonal, ones),
            (h, x) -> Oracles.quadHessian(h, diagonal)),
        paraboloid("Paraboloid Diagonal", diagonal, ones),
        // guardseed(0) with Julia's randn: a stream Java cannot replay. Same construction
        // (Q' diag(1:N) Q, Q from the QR of a Gaussian matrix) from java.util.Random(0).
        paraboloid("Paraboloid Random Matrix (Java seed)", random, ones));
  }

  private static Problem paraboloid(String name, double[][] mat, double[] x0) {
    double alpha = 10.0;
    return new Problem(name, new double[N], x0, 0.0, 0.3,
        x -> Objectives.paraboloid(x, mat, x0, alpha),
        frame(Objectives_Grad.Paraboloid::new,
            (f, x) -> f.valueAndGradient(x, mat, x0, alpha), f -> f.dx,
            (f, x, v) -> f.jvp(x, mat, x0, alpha, v), (f, x, v) -> f.hvp(x, mat, x0, alpha, v),
            (f, x, h) -> f.hessian(x, mat, x0, alpha, h)),
        (g, x) -> Oracles.paraboloidGradient(g, x, mat, x0, alpha), null);
  }

  static Problem named(String name) {
    return all().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  static double[] oneToN(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i + 1;
    }
    return x;
  }

  static double[] filled(int n, double v) {
    double[] x = new double[n];
    Arrays.fill(x, v);
    return x;
  }

  /** Julia's {@code repeat(v; inner = k)}: each element k times in a row. */
  static double[] inner(double[] v, int k) {
    double[] x = new double[v.length * k];
    for (int i = 0; i < x.length; i++) {
      x[i] = v[i / k];
    }
    return x;
  }

  /** {@code sparse(Diagonal(float(1:N)))}, dense. */
  static double[][] diagonal(int n) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      m[i][i] = i + 1;
    }
    return m;
  }

  /**
   * {@code _randommatrix(N)}: Q' diag(1:N) Q with Q orthonormal from a Gaussian matrix
   * (modified Gram–Schmidt in place of Householder QR: any orthonormal Q serves), made exactly
   * symmetric, since the package's gradient {@code mat * xt} is the gradient only for a
   * symmetric {@code mat}.
   */
  static double[][] randomMatrix(int n) {
    Random rng = new Random(0);
    double[][] q = new double[n][n]; // columns q[.][k]
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        q[i][k] = rng.nextGaussian();
      }
    }
    for (int k = 0; k < n; k++) {
      for (int p = 0; p < k; p++) {
        double d = 0;
        for (int i = 0; i < n; i++) {
          d += q[i][p] * q[i][k];
        }
        for (int i = 0; i < n; i++) {
          q[i][k] -= d * q[i][p];
        }
      }
      double norm = 0;
      for (int i = 0; i < n; i++) {
        norm += q[i][k] * q[i][k];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < n; i++) {
        q[i][k] /= norm;
      }
    }
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += q[k][i] * (k + 1) * q[k][j];
        }
        m[i][j] = s;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double s = 0.5 * (m[i][j] + m[j][i]);
        m[i][j] = s;
        m[j][i] = s;
      }
    }
    return m;
  }
}

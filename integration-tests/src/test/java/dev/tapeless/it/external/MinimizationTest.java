package dev.tapeless.it.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated derivatives used as an optimizer would use them, from the package's starting
 * point to its stated minimizer and minimum: Newton's method with a backtracking line search on
 * {@code valueAndGradient} and {@code hessian}, and plain gradient descent. Reaching the
 * package's numbers (Penalty Function I's were computed by its authors to |g| < 1e-15) checks
 * the derivatives along a whole path, not at a few points.
 */
class MinimizationTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Rosenbrock", "Himmelblau", "Hosaki", "Beale", "Penalty Function I",
      "Extended Rosenbrock"})
  void newtonReachesTheStatedMinimum(String name) {
    Problem p = Problems.named(name);
    Problem.Derivatives frame = p.frame().get();
    int n = p.dimension();
    double[] x = p.start().clone();
    double[] g = new double[n];
    double[][] h = new double[n][n];
    int iterations = 0;
    double f = frame.valueAndGradient(x, g);
    while (OptimTestProblemsTest.maxAbs(g) > 1e-13 && iterations < 200) {
      frame.hessian(x, h);
      double[] d = solve(h, g);
      double slope = dot(g, d);
      if (d == null || !(slope < 0)) {
        d = negated(g); // not a descent direction (Beale's start): steepest descent
        slope = dot(g, d);
      }
      double t = 1;
      double[] next = step(x, t, d);
      while (p.objective().applyAsDouble(next) > f + 1e-4 * t * slope && t > 1e-12) {
        t /= 2;
        next = step(x, t, d);
      }
      x = next;
      f = frame.valueAndGradient(x, g);
      iterations++;
    }
    assertTrue(iterations < 200, name + " did not converge: |g| = "
        + OptimTestProblemsTest.maxAbs(g));
    for (int i = 0; i < n; i++) {
      assertEquals(p.solution()[i], x[i], 1e-8 * Math.max(1, Math.abs(p.solution()[i])),
          name + " x[" + i + "] after " + iterations + " Newton steps");
    }
    assertEquals(p.minimum(), f, 1e-12 * Math.max(1e-3, Math.abs(p.minimum())), name);
  }

  /** Step 1/L on Quadratic Diagonal (L = 100, the largest eigenvalue): error x 0.99 a step. */
  @Test
  void gradientDescentReachesTheQuadraticsMinimizer() {
    Problem p = Problems.named("Quadratic Diagonal");
    Problem.Derivatives frame = p.frame().get();
    double[] x = p.start().clone();
    double[] g = new double[x.length];
    double f = Double.NaN;
    for (int k = 0; k < 4000; k++) {
      f = frame.valueAndGradient(x, g);
      for (int i = 0; i < x.length; i++) {
        x[i] -= g[i] / 100;
      }
    }
    for (int i = 0; i < x.length; i++) {
      assertEquals(p.solution()[i], x[i], 1e-12, "x[" + i + "]");
    }
    assertEquals(p.minimum(), f, 1e-20);
  }

  private static double[] step(double[] x, double t, double[] d) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] + t * d[i];
    }
    return y;
  }

  private static double dot(double[] a, double[] b) {
    if (a == null || b == null) {
      return Double.NaN;
    }
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double[] negated(double[] g) {
    double[] d = new double[g.length];
    for (int i = 0; i < g.length; i++) {
      d[i] = -g[i];
    }
    return d;
  }

  /** The Newton step -H⁻¹g by Gaussian elimination with partial pivoting; null if singular. */
  private static double[] solve(double[][] hessian, double[] g) {
    int n = g.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = new double[n + 1];
      System.arraycopy(hessian[i], 0, a[i], 0, n);
      a[i][n] = -g[i];
    }
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
          pivot = r;
        }
      }
      if (a[pivot][c] == 0) {
        return null;
      }
      double[] swap = a[c];
      a[c] = a[pivot];
      a[pivot] = swap;
      for (int r = c + 1; r < n; r++) {
        double m = a[r][c] / a[c][c];
        if (m != 0) {
          for (int k = c; k <= n; k++) {
            a[r][k] -= m * a[c][k];
          }
        }
      }
    }
    double[] d = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = a[r][n];
      for (int k = r + 1; k < n; k++) {
        s -= a[r][k] * d[k];
      }
      d[r] = s / a[r][r];
    }
    return d;
  }
}

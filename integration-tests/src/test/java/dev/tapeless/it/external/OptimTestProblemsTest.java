package dev.tapeless.it.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated derivatives of every {@link Problems} objective against OptimTestProblems.jl's
 * own hand-written gradients and Hessians ({@link Oracles}) and against central finite
 * differences, at the package's starting point and at seeded random points around it and
 * around the stated minimizer.
 *
 * <p>Tolerances. Oracle and generated code compute the same real number along different
 * sequences of at most a few thousand roundings (the n = 100 problems sum 100 terms, the
 * paraboloid's {@code x'Mx} 10,000), each off by at most 2^-53 of the value it rounds; so they
 * may differ by a few thousand ulps of the largest intermediate, about 1e-13 of it, but by no
 * more. The comparisons are therefore relative to that scale (the largest component of the
 * oracle gradient; the sum of |g_i v_i| for {@code jvp}; the row sums of |H_ij v_j| for
 * {@code hvp}), with {@link #EXACT} = 1e-12: loose enough for reordered rounding, a factor of
 * 1e10 or more below any wrong term. Finite differences ({@link #derivativeAlong}) carry
 * truncation and cancellation error of about 1e-9 here, so they are held to 1e-6, DESIGN.md's
 * bar.
 */
class OptimTestProblemsTest {

  /** Agreement of two exact derivatives computed in different orders (see the class doc). */
  static final double EXACT = 1e-12;

  /** Agreement with central differences. */
  static final double FINITE_DIFFERENCES = 1e-6;

  static Stream<Problem> problems() {
    return Problems.all().stream();
  }

  /** The starting point, two random points near it and two near the stated minimizer. */
  static List<double[]> points(Problem p) {
    Random rng = new Random(p.name().hashCode());
    List<double[]> points = new ArrayList<>();
    points.add(p.start().clone());
    for (double[] centre : new double[][] {p.start(), p.start(), p.solution(), p.solution()}) {
      double[] x = centre.clone();
      for (int i = 0; i < x.length; i++) {
        x[i] += p.radius() * (2 * rng.nextDouble() - 1);
      }
      points.add(x);
    }
    return points;
  }

  static double[] direction(Random rng, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 2 * rng.nextDouble() - 1;
    }
    return v;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void valueIsThePlainMethods(Problem p) {
    Problem.Derivatives frame = p.frame().get();
    for (double[] x : points(p)) {
      assertEquals(p.objective().applyAsDouble(x),
          frame.valueAndGradient(x, new double[x.length]), 0.0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void gradientIsThePackagesHandWrittenGradient(Problem p) {
    Problem.Derivatives frame = p.frame().get();
    for (double[] x : points(p)) {
      double[] g = new double[x.length];
      frame.valueAndGradient(x, g);
      assertClose(p.oracleGradientAt(x), g, EXACT, p + " gradient at " + brief(x));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void gradientIsCentralDifferencesOfTheObjective(Problem p) {
    Problem.Derivatives frame = p.frame().get();
    for (double[] x : points(p)) {
      double[] g = new double[x.length];
      frame.valueAndGradient(x, g);
      double[] fd = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        double[] e = new double[x.length];
        e[i] = 1;
        fd[i] = derivativeAlong(y -> new double[] {p.objective().applyAsDouble(y)}, x, e,
            step(x[i]))[0];
      }
      assertClose(fd, g, FINITE_DIFFERENCES, p + " gradient vs finite differences at "
          + brief(x));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void jvpIsTheHandWrittenGradientTimesTheTangent(Problem p) {
    Problem.Derivatives frame = p.frame().get();
    Random rng = new Random(~p.name().hashCode());
    for (double[] x : points(p)) {
      double[] v = direction(rng, x.length);
      double[] g = p.oracleGradientAt(x);
      double expected = 0;
      double scale = 0;
      for (int i = 0; i < x.length; i++) {
        expected += g[i] * v[i];
        scale += Math.abs(g[i] * v[i]);
      }
      double jvp = frame.jvp(x, v);
      assertTrue(Math.abs(jvp - expected) <= EXACT * scale,
          p + " jvp " + jvp + " but g.v = " + expected + " at " + brief(x));
    }
  }

  /**
   * H·v against the package's Hessian where it has one, else against central differences of
   * the package's gradient along v: the oracle stays the package's code either way.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void hvpIsThePackagesHessianTimesTheDirection(Problem p) {
    Problem.Derivatives frame = p.frame().get();
    Random rng = new Random(31 * p.name().hashCode());
    for (double[] x : points(p)) {
      int n = x.length;
      double[] v = direction(rng, n);
      double[] hv = new double[n];
      assertEquals(p.objective().applyAsDouble(x), frame.hvp(x, v, hv), 0.0);
      if (p.oracleHessian() != null) {
        double[][] h = new double[n][n];
        p.oracleHessian().into(h, x);
        for (int i = 0; i < n; i++) {
          double expected = 0;
          double scale = 0;
          for (int j = 0; j < n; j++) {
            expected += h[i][j] * v[j];
            scale += Math.abs(h[i][j] * v[j]);
          }
          assertTrue(Math.abs(hv[i] - expected) <= EXACT * Math.max(scale, Double.MIN_NORMAL),
              p + " (Hv)[" + i + "] = " + hv[i] + " but the package's H.v = " + expected
                  + " at " + brief(x));
        }
      } else {
        double[] fd = derivativeAlong(p::oracleGradientAt, x, v, step(maxAbs(x)));
        assertClose(fd, hv, FINITE_DIFFERENCES,
            p + " H.v vs differences of the package's gradient at " + brief(x));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void hessianIsThePackagesHessian(Problem p) {
    Problem.Derivatives frame = p.frame().get();
    for (double[] x : points(p)) {
      int n = x.length;
      double[][] h = new double[n][n];
      frame.hessian(x, h);
      double size = 0;
      for (double[] row : h) {
        size = Math.max(size, maxAbs(row));
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < i; j++) {
          assertTrue(Math.abs(h[i][j] - h[j][i]) <= EXACT * size,
              p + " Hessian not symmetric at (" + i + ", " + j + ")");
        }
      }
      if (p.oracleHessian() != null) {
        double[][] expected = new double[n][n];
        p.oracleHessian().into(expected, x);
        for (int i = 0; i < n; i++) {
          assertClose(expected[i], h[i], EXACT, p + " Hessian row " + i + " at " + brief(x));
        }
      } else {
        // column j from differences of the package's gradient along e_j
        for (int j = 0; j < n; j++) {
          double[] e = new double[n];
          e[j] = 1;
          double[] fd = derivativeAlong(p::oracleGradientAt, x, e, step(x[j]));
          double[] column = new double[n];
          for (int i = 0; i < n; i++) {
            column[i] = h[i][j];
          }
          assertClose(fd, column, FINITE_DIFFERENCES,
              p + " Hessian column " + j + " vs differences of the package's gradient at "
                  + brief(x));
        }
      }
    }
  }

  /** The package's stated minimum is the objective at its stated minimizer. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void statedMinimumIsTheObjectiveAtTheStatedMinimizer(Problem p) {
    double f = p.objective().applyAsDouble(p.solution());
    assertEquals(p.minimum(), f, 1e-12 * Math.max(1, Math.abs(p.minimum())), p.toString());
    double[] g = p.oracleGradientAt(p.solution());
    double[] generated = new double[g.length];
    p.frame().get().valueAndGradient(p.solution(), generated);
    // |g| < 1e-15 is what the package claims for Penalty Function I's numerical solution
    assertTrue(maxAbs(generated) <= 1e-12 * Math.max(1, maxAbs(p.solution())),
        p + " gradient at the stated minimizer " + maxAbs(generated));
  }

  /** A step for differences at a coordinate of this size. */
  static double step(double coordinate) {
    return 1e-4 * Math.max(1, Math.abs(coordinate));
  }

  /**
   * d/dt f(x + t v) at 0 by central differences with one Richardson step,
   * (4 D(h/2) - D(h)) / 3: truncation error of order h^4, so a step of 1e-4 keeps the
   * cancellation error of the large objectives (Large Polynomial is 5e6 at its start, Penalty
   * Function I 6e10) near 1e-10 of the derivative instead of 1e-6 with a plain 1e-6 step.
   */
  static double[] derivativeAlong(Function<double[], double[]> f, double[] x, double[] v,
      double h) {
    double[] whole = centralDifference(f, x, v, h);
    double[] half = centralDifference(f, x, v, h / 2);
    double[] d = new double[whole.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = (4 * half[i] - whole[i]) / 3;
    }
    return d;
  }

  private static double[] centralDifference(Function<double[], double[]> f, double[] x,
      double[] v, double h) {
    double[] up = x.clone();
    double[] down = x.clone();
    for (int i = 0; i < x.length; i++) {
      up[i] += h * v[i];
      down[i] -= h * v[i];
    }
    double[] fUp = f.apply(up);
    double[] fDown = f.apply(down);
    double[] d = new double[fUp.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = (fUp[i] - fDown[i]) / (2 * h);
    }
    return d;
  }

  static void assertClose(double[] expected, double[] actual, double tolerance,
      String message) {
    double scale = Math.max(maxAbs(expected), Double.MIN_NORMAL);
    int worst = 0;
    double worstError = -1;
    for (int i = 0; i < expected.length; i++) {
      double e = Math.abs(expected[i] - actual[i]);
      if (!(e <= worstError) || Double.isNaN(actual[i])) {
        worstError = Double.isNaN(actual[i]) ? Double.POSITIVE_INFINITY : e;
        worst = i;
      }
    }
    assertTrue(worstError <= tolerance * scale,
        message + ": component " + worst + " is " + actual[worst] + ", expected "
            + expected[worst] + " (error " + worstError / scale + " of the largest, "
            + scale + ")");
  }

  static double maxAbs(double[] v) {
    double m = 0;
    for (double d : v) {
      m = Math.max(m, Math.abs(d));
    }
    return m;
  }

  private static String brief(double[] x) {
    Function<double[], String> head = v -> {
      StringBuilder s = new StringBuilder("[");
      for (int i = 0; i < Math.min(4, v.length); i++) {
        s.append(i == 0 ? "" : ", ").append(v[i]);
      }
      return s.append(v.length > 4 ? ", ... (" + v.length + ")]" : "]").toString();
    };
    return head.apply(x);
  }
}

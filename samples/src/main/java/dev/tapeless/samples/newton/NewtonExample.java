package dev.tapeless.samples.newton;

import static dev.tapeless.samples.DenseAlgebra.distance;
import static dev.tapeless.samples.DenseAlgebra.dot;
import static dev.tapeless.samples.DenseAlgebra.norm;
import static dev.tapeless.samples.DenseAlgebra.solve;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.Out;
import dev.tapeless.samples.mlp.Digits;
import java.io.PrintStream;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Second derivatives from the generated frames: Newton's method, which needs the Hessian, and
 * Gauss–Newton, which needs only the Jacobian of the residuals.
 *
 * <p>Newton's method on L2-regularized logistic regression (handwritten digits: is it a 3 or an
 * 8?): each step solves H d = g with the exact Hessian from {@code hessian} (65 Hessian-vector
 * products, each reverse mode applied to forward mode), solved directly and converges quadratically: the
 * gradient's norm roughly squares from one step to the next, where gradient descent would
 * shrink it by a constant factor. The same step is also found without ever forming H, by
 * conjugate gradients that only ask for products H·v ({@code hvp}): Newton-CG, the method
 * for models whose Hessian would not fit in memory.
 *
 * <p>Gauss–Newton fits y = a·exp(−k·t) + c to noisy measurements: its step solves
 * (JᵀJ) d = −Jᵀr with the Jacobian J of the residuals r from {@code jacobian}, and needs no
 * second derivatives at all; beside it, the exact Newton step on the sum of squares.
 */
public final class NewtonExample {
  private NewtonExample() {}

  /**
   * Mean logistic loss of labels {@code y} (±1) under the linear model {@code w·x + b}, plus
   * {@code λ/2 ‖w‖²}. log(1 + e^m) is written as m + log1p(e^(−m)) for positive m, which never
   * overflows; both branches are the same smooth function, so the derivatives agree at m = 0
   * (where {@code max(m, 0) + log1p(e^(−|m|))} would give the kinks' conventional derivatives,
   * 1 and 0, instead of the true 1/2 and 1/4).
   */
  @Differentiable
  public static double logisticLoss(double[] w, double b, @NoDerivative double[][] x,
      @NoDerivative double[] y, @NoDerivative double lambda) {
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double z = b;
      for (int j = 0; j < w.length; j++) {
        z += w[j] * x[i][j];
      }
      double m = -y[i] * z;
      if (m > 0) {
        total += m + Math.log1p(Math.exp(-m));
      } else {
        total += Math.log1p(Math.exp(m));
      }
    }
    double norm = 0;
    for (int j = 0; j < w.length; j++) {
      norm += w[j] * w[j];
    }
    return total / x.length + 0.5 * lambda * norm;
  }

  /** Residuals of y ≈ a·exp(−k·t) + c, with p = [a, k, c]. */
  @Differentiable
  public static void residuals(double[] p, @NoDerivative double[] t, @NoDerivative double[] y,
      @Out double[] r) {
    for (int i = 0; i < t.length; i++) {
      r[i] = p[0] * Math.exp(-p[1] * t[i]) + p[2] - y[i];
    }
  }

  /** Half the sum of squared residuals, for the exact Newton step beside Gauss–Newton's. */
  @Differentiable
  public static double halfSquares(double[] p, @NoDerivative double[] t,
      @NoDerivative double[] y) {
    double sum = 0;
    for (int i = 0; i < t.length; i++) {
      double r = p[0] * Math.exp(-p[1] * t[i]) + p[2] - y[i];
      sum += r * r;
    }
    return 0.5 * sum;
  }

  /** The regularization of the logistic regression. */
  static final double LAMBDA = 1e-3;

  /** What one Newton iteration saw: the loss and gradient norm before its step. */
  record Iterate(double loss, double gradientNorm) {}

  /** The images of 3s and 8s with labels +1 and −1. */
  record Binary(double[][] x, double[] y) {}

  static Binary threesAndEights(Digits.Examples all) {
    int n = 0;
    for (int label : all.labels()) {
      n += label == 3 || label == 8 ? 1 : 0;
    }
    double[][] x = new double[n][];
    double[] y = new double[n];
    int k = 0;
    for (int i = 0; i < all.size(); i++) {
      if (all.labels()[i] == 3 || all.labels()[i] == 8) {
        x[k] = all.images()[i];
        y[k++] = all.labels()[i] == 3 ? 1 : -1;
      }
    }
    return new Binary(x, y);
  }

  /**
   * Newton's method from w = 0, b = 0 until the gradient's norm is below 1e-12; returns the
   * iterates, and leaves the solution in {@code w} (all but the last) and the bias last.
   */
  static java.util.List<Iterate> newton(Binary data, double[] wb, PrintStream out) {
    int n = wb.length - 1;
    double[] w = new double[n];
    NewtonExample_Grad.LogisticLoss frame = new NewtonExample_Grad.LogisticLoss();
    double[][] h = new double[n + 1][n + 1];
    double b = 0;
    java.util.List<Iterate> iterates = new java.util.ArrayList<>();
    for (int step = 0; step < 20; step++) {
      double loss = frame.valueAndGradient(w, b, data.x(), data.y(), LAMBDA);
      double[] g = new double[n + 1];
      System.arraycopy(frame.dw, 0, g, 0, n);
      g[n] = frame.db;
      double norm = norm(g);
      iterates.add(new Iterate(loss, norm));
      out.printf(Locale.ROOT, "  step %2d   loss %.15f   |gradient| %.3e%n", step, loss, norm);
      if (norm < 1e-12) {
        break;
      }
      frame.hessian(w, b, data.x(), data.y(), LAMBDA, h);
      double[] d = solve(h, g);
      for (int j = 0; j < n; j++) {
        w[j] -= d[j];
      }
      b -= d[n];
    }
    System.arraycopy(w, 0, wb, 0, n);
    wb[n] = b;
    return iterates;
  }

  /**
   * Solves H d = g by conjugate gradients, asking the frame only for products H·v: at most
   * {@code iterations} products, never H itself.
   */
  static double[] newtonCgStep(NewtonExample_Grad.LogisticLoss frame, double[] w, double b,
      Binary data, double[] g, int iterations) {
    int n = g.length;
    double[] d = new double[n];
    double[] r = g.clone();
    double[] p = r.clone();
    double[] vw = new double[n - 1];
    double rr = dot(r, r);
    for (int k = 0; k < iterations && Math.sqrt(rr) > 1e-14; k++) {
      System.arraycopy(p, 0, vw, 0, n - 1);
      frame.hvp(w, b, data.x(), data.y(), LAMBDA, vw, p[n - 1]);
      double[] hp = new double[n];
      System.arraycopy(frame.dw, 0, hp, 0, n - 1);
      hp[n - 1] = frame.db;
      double alpha = rr / dot(p, hp);
      for (int i = 0; i < n; i++) {
        d[i] += alpha * p[i];
        r[i] -= alpha * hp[i];
      }
      double next = dot(r, r);
      for (int i = 0; i < n; i++) {
        p[i] = r[i] + next / rr * p[i];
      }
      rr = next;
    }
    return d;
  }

  static void runNewton(PrintStream out) {
    Digits.Split split = Digits.split(Digits.load(), 0.8, 42);
    Binary train = threesAndEights(split.train());
    Binary test = threesAndEights(split.test());
    out.printf(Locale.ROOT, "Newton's method: logistic regression, 3 vs 8, %d training images,"
        + " %d parameters, lambda %.0e%n", train.y().length, Digits.FEATURES + 1, LAMBDA);
    double[] wb = new double[Digits.FEATURES + 1];
    java.util.List<Iterate> iterates = newton(train, wb, out);
    out.printf(Locale.ROOT, "  converged in %d Newton steps; held-out accuracy %.1f%% (%d images)"
        + "%n", iterates.size() - 1, 100 * accuracy(wb, test), test.y().length);

    // Newton-CG: the first step again, from Hessian-vector products only
    NewtonExample_Grad.LogisticLoss frame = new NewtonExample_Grad.LogisticLoss();
    double[] w = new double[Digits.FEATURES];
    frame.valueAndGradient(w, 0, train.x(), train.y(), LAMBDA);
    double[] g = new double[Digits.FEATURES + 1];
    System.arraycopy(frame.dw, 0, g, 0, Digits.FEATURES);
    g[Digits.FEATURES] = frame.db;
    double[][] h = new double[g.length][g.length];
    frame.hessian(w, 0, train.x(), train.y(), LAMBDA, h);
    double[] exact = solve(h, g);
    out.printf(Locale.ROOT, "Newton-CG, first step from hvp alone (never forming H):%n");
    for (int iterations : new int[] {5, 20, 65}) {
      double[] cg = newtonCgStep(frame, w, 0, train, g, iterations);
      out.printf(Locale.ROOT, "  %2d products H·v: step differs from the direct solve's by %.1e"
          + " (relative)%n", iterations, distance(cg, exact) / norm(exact));
    }
  }

  /** Synthetic decay measurements: a = 5, k = 1.3, c = 0.5, with noise of 0.01. */
  record Decay(double[] t, double[] y) {}

  static Decay decay() {
    SplittableRandom random = new SplittableRandom(7);
    int m = 40;
    double[] t = new double[m];
    double[] y = new double[m];
    for (int i = 0; i < m; i++) {
      t[i] = 0.1 * i;
      y[i] = 5 * Math.exp(-1.3 * t[i]) + 0.5 + 0.01 * (2 * random.nextDouble() - 1);
    }
    return new Decay(t, y);
  }

  /**
   * Gauss–Newton from p = [1, 0.5, 0], each step halved until the cost goes down; returns the
   * fitted parameters. The exact Newton step is shown beside it: the two agree as the residuals
   * become small, since H = JᵀJ + Σ rᵢ ∇²rᵢ.
   */
  static double[] gaussNewton(Decay data, PrintStream out) {
    double[] p = {1, 0.5, 0};
    int m = data.t().length;
    double[] r = new double[m];
    double[][] j = new double[m][3];
    NewtonExample_Grad.Residuals residuals = new NewtonExample_Grad.Residuals();
    NewtonExample_Grad.HalfSquares squares = new NewtonExample_Grad.HalfSquares();
    double[][] h = new double[3][3];
    for (int step = 0; step < 12; step++) {
      residuals.jacobian(p, data.t(), data.y(), r, j);
      double[] jtr = new double[3];
      double[][] jtj = new double[3][3];
      for (int i = 0; i < m; i++) {
        for (int a = 0; a < 3; a++) {
          jtr[a] += j[i][a] * r[i];
          for (int c = 0; c < 3; c++) {
            jtj[a][c] += j[i][a] * j[i][c];
          }
        }
      }
      double[] gn = solve(jtj, jtr);
      double cost = squares.valueAndGradient(p, data.t(), data.y());
      squares.hessian(p, data.t(), data.y(), h);
      double[] newton = solve(h, jtr);
      out.printf(Locale.ROOT, "  step %2d   a %.6f  k %.6f  c %.6f   cost %.10f   |J^T r| %.2e"
          + "   Newton step differs by %.0e%n", step, p[0], p[1], p[2], cost, norm(jtr),
          distance(gn, newton) / Math.max(norm(gn), 1e-300));
      if (norm(jtr) < 1e-8) { // the rounding floor of a sum of 40 residual terms
        break;
      }
      // damped: halve the step until the cost goes down (far from the fit, a full step
      // overshoots)
      double[] next = new double[3];
      for (double scale = 1; scale > 1e-6; scale /= 2) {
        for (int i = 0; i < 3; i++) {
          next[i] = p[i] - scale * gn[i];
        }
        if (squares.primal(next, data.t(), data.y()) < cost) {
          break;
        }
      }
      p = next;
    }
    return p;
  }

  static void runGaussNewton(PrintStream out) {
    out.printf(Locale.ROOT, "Gauss-Newton: y = a exp(-k t) + c, 40 noisy points (true a = 5,"
        + " k = 1.3, c = 0.5)%n");
    double[] p = gaussNewton(decay(), out);
    out.printf(Locale.ROOT, "  fitted a = %.4f, k = %.4f, c = %.4f%n", p[0], p[1], p[2]);
  }

  public static void run(PrintStream out) {
    runNewton(out);
    out.println();
    runGaussNewton(out);
  }

  public static void main(String[] args) {
    run(System.out);
  }

  static double accuracy(double[] wb, Binary data) {
    int right = 0;
    int n = wb.length - 1;
    for (int i = 0; i < data.y().length; i++) {
      double z = wb[n];
      for (int j = 0; j < n; j++) {
        z += wb[j] * data.x()[i][j];
      }
      right += z * data.y()[i] > 0 ? 1 : 0;
    }
    return (double) right / data.y().length;
  }
}

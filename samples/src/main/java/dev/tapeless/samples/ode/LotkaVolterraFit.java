package dev.tapeless.samples.ode;

import static dev.tapeless.samples.DenseAlgebra.dot;

import dev.tapeless.samples.ode.LotkaVolterra.Rates;
import java.io.PrintStream;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Fits the rates of the Lotka–Volterra equations to noisy observations of both populations by
 * L-BFGS, with the gradient of the RK4 simulation's misfit from the generated
 * {@code LotkaVolterra_Grad.Misfit} ({@code frame.dk.alpha}, ...). The observations are
 * simulated with known rates ({@link #TRUE}) and Gaussian noise; the fit starts at
 * {@link #START} and should land close to the true rates, as close as the noise allows.
 */
public final class LotkaVolterraFit {
  private LotkaVolterraFit() {}

  /** The rates that made the observations. */
  public static final Rates TRUE = new Rates(1.1, 0.4, 0.1, 0.4);

  /** Where the fit starts. */
  public static final Rates START = new Rates(0.8, 0.3, 0.13, 0.5);

  /** The initial populations (known). */
  static final double[] Y0 = {10, 10};

  /** 30 observations, one every 0.5 time units, each 10 RK4 steps of 0.05 after the last. */
  static final int OBSERVATIONS = 30;
  static final int SUBSTEPS = 10;
  static final double H = 0.05;

  /** The fit's result. */
  public record Fit(Rates rates, int iterations, double misfit, double gradientNorm) {}

  /** The trajectory of {@code rates} with Gaussian noise of standard deviation {@code noise}. */
  public static double[][] observations(Rates rates, double noise, long seed) {
    double[][] y = LotkaVolterra.simulate(rates, Y0, OBSERVATIONS, SUBSTEPS, H);
    SplittableRandom random = new SplittableRandom(seed);
    for (double[] row : y) {
      for (int j = 0; j < row.length; j++) {
        row[j] += noise * gaussian(random);
      }
    }
    return y;
  }

  private static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * L-BFGS (memory 6) with a backtracking line search on the misfit, from {@code start} until
   * the gradient's norm is below {@code tolerance} times its norm at the start (or a step no
   * longer lowers the misfit); one line per iteration to {@code out} (null: silent).
   */
  public static Fit fit(double[][] observed, Rates start, int maxIterations, double tolerance,
      PrintStream out) {
    int n = 4;
    int memory = 6;
    LotkaVolterra_Grad.Misfit frame = new LotkaVolterra_Grad.Misfit();
    double[][] s = new double[memory][n];
    double[][] y = new double[memory][n];
    double[] rho = new double[memory];
    double[] alpha = new double[memory];
    int stored = 0;
    double[] x = start.toArray();
    double value = frame.valueAndGradient(start, Y0, observed, SUBSTEPS, H);
    double[] g = gradient(frame);
    double startNorm = Math.sqrt(dot(g, g));
    int iteration = 0;
    for (; ; iteration++) {
      double gradientNorm = Math.sqrt(dot(g, g));
      if (out != null) {
        out.printf(Locale.ROOT, "  iter %3d  misfit %.8e  |gradient| %.3e   alpha %.6f  beta %.6f"
            + "  delta %.6f  gamma %.6f%n", iteration, value, gradientNorm, x[0], x[1], x[2],
            x[3]);
      }
      if (gradientNorm < tolerance * startNorm || iteration == maxIterations) {
        return new Fit(Rates.of(x), iteration, value, gradientNorm);
      }
      // The two-loop recursion: d = -H g with the last pairs (s, y).
      double[] d = g.clone();
      for (int m = stored - 1; m >= 0; m--) {
        alpha[m] = rho[m] * dot(s[m], d);
        axpy(-alpha[m], y[m], d);
      }
      double scale = stored > 0 ? dot(s[stored - 1], y[stored - 1])
          / dot(y[stored - 1], y[stored - 1]) : 1e-3 / gradientNorm;
      for (int i = 0; i < n; i++) {
        d[i] *= scale;
      }
      for (int m = 0; m < stored; m++) {
        double beta = rho[m] * dot(y[m], d);
        axpy(alpha[m] - beta, s[m], d);
      }
      for (int i = 0; i < n; i++) {
        d[i] = -d[i];
      }
      double slope = dot(g, d);
      if (slope >= 0) {
        // Not a descent direction: forget the history and go down the gradient.
        stored = 0;
        for (int i = 0; i < n; i++) {
          d[i] = -1e-3 * g[i] / gradientNorm;
        }
        slope = dot(g, d);
      }
      double step = 1;
      double[] trial = new double[n];
      double trialValue = Double.NaN;
      for (int backtrack = 0; backtrack < 60; backtrack++) {
        for (int i = 0; i < n; i++) {
          trial[i] = x[i] + step * d[i];
        }
        boolean positive = trial[0] > 0 && trial[1] > 0 && trial[2] > 0 && trial[3] > 0;
        if (positive) {
          trialValue = frame.valueAndGradient(Rates.of(trial), Y0, observed, SUBSTEPS, H);
          if (trialValue <= value + 1e-4 * step * slope) {
            break;
          }
        }
        step *= 0.5;
        trialValue = Double.NaN;
      }
      if (Double.isNaN(trialValue) || !(trialValue < value)) {
        return new Fit(Rates.of(x), iteration, value, gradientNorm);
      }
      double[] trialGradient = gradient(frame);
      double[] sk = new double[n];
      double[] yk = new double[n];
      for (int i = 0; i < n; i++) {
        sk[i] = trial[i] - x[i];
        yk[i] = trialGradient[i] - g[i];
      }
      double curvature = dot(sk, yk);
      if (curvature > 1e-300) {
        if (stored == memory) {
          for (int m = 1; m < memory; m++) {
            s[m - 1] = s[m];
            y[m - 1] = y[m];
            rho[m - 1] = rho[m];
          }
          stored--;
        }
        s[stored] = sk;
        y[stored] = yk;
        rho[stored] = 1 / curvature;
        stored++;
      }
      x = trial;
      value = trialValue;
      g = trialGradient;
    }
  }

  private static double[] gradient(LotkaVolterra_Grad.Misfit frame) {
    return new double[] {frame.dk.alpha, frame.dk.beta, frame.dk.delta, frame.dk.gamma};
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += a * x[i];
    }
  }

  /** Runs the fit and prints its progress and the recovered rates. */
  public static void main(String[] args) {
    run(System.out);
  }

  static Fit run(PrintStream out) {
    double noise = 0.2;
    double[][] observed = observations(TRUE, noise, 7);
    out.printf(Locale.ROOT, "Lotka-Volterra fit: %d noisy observations of prey and predators "
        + "(noise sd %.1f), RK4 with h = %.2f, %d steps between observations%n", OBSERVATIONS,
        noise, H, SUBSTEPS);
    out.println("  L-BFGS on the misfit, gradient from LotkaVolterra_Grad.Misfit "
        + "(frame.dk.alpha, ...):");
    long begin = System.nanoTime();
    Fit fit = fit(observed, START, 200, 1e-7, out);
    long millis = (System.nanoTime() - begin) / 1_000_000;
    out.printf(Locale.ROOT, "  converged in %d iterations (%d ms): misfit %.6e, |gradient| %.3e%n",
        fit.iterations(), millis, fit.misfit(), fit.gradientNorm());
    out.println("  rate       true   recovered      start");
    String[] names = {"alpha", "beta", "delta", "gamma"};
    double[] t = TRUE.toArray();
    double[] f = fit.rates().toArray();
    double[] s = START.toArray();
    for (int i = 0; i < 4; i++) {
      out.printf(Locale.ROOT, "  %-7s %7.4f %11.6f %10.4f   (%+.2f%%)%n", names[i], t[i], f[i],
          s[i], 100 * (f[i] - t[i]) / t[i]);
    }
    return fit;
  }
}

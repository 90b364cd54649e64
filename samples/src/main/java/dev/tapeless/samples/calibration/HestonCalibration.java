package dev.tapeless.samples.calibration;

import static dev.tapeless.samples.DenseAlgebra.dot;
import static dev.tapeless.samples.DenseAlgebra.norm;
import static dev.tapeless.samples.DenseAlgebra.solve;

import dev.tapeless.samples.calibration.BlackScholes.BsInputs;
import dev.tapeless.samples.calibration.Heston.Quotes;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Calibrates the Heston model to a surface of call prices by Levenberg–Marquardt.
 *
 * <p>The surface is synthetic: 7 strikes × 4 maturities priced with known parameters
 * ({@link #TRUE}); the fit starts far from them ({@link #START}) and must find them again. Each
 * iteration takes the residuals' 28 × 5 Jacobian from the generated
 * {@code Heston_Grad.Residuals.jacobian} (5 forward-mode sweeps, one per parameter, since there
 * are fewer parameters than quotes) and the objective's gradient from
 * {@code Heston_Grad.Loss.valueAndGradient(params, quotes)}, whose components come back in the
 * record's adjoint twin, {@code frame.dp.kappa} and so on. It solves
 * (JᵀJ + λ·diag(JᵀJ)) δ = −Jᵀr, takes the step when it lowers the objective and stays inside
 * the model's domain, and otherwise raises λ and tries again.
 */
public final class HestonCalibration {
  private HestonCalibration() {}

  /** The parameters that priced the synthetic surface. */
  public static final HestonParams TRUE = new HestonParams(2.0, 0.04, 0.5, -0.7, 0.05);

  /** Where the fit starts. */
  public static final HestonParams START = new HestonParams(1.0, 0.09, 0.3, -0.2, 0.02);

  static final double SPOT = 100;
  static final double RATE = 0.02;
  static final double DIVIDEND = 0.01;
  static final double[] STRIKES = {80, 90, 95, 100, 105, 110, 120};
  static final double[] MATURITIES = {0.25, 0.5, 1, 2};

  /** The fit's result: the parameters, how many iterations, the objective and gradient norm. */
  public record Fit(HestonParams params, int iterations, double objective, double gradientNorm) {}

  /** Calls priced by the Heston model with parameters {@code p} on the sample's grid. */
  public static Quotes surface(HestonParams p) {
    int n = STRIKES.length * MATURITIES.length;
    double[] strikes = new double[n];
    double[] maturities = new double[n];
    double[] prices = new double[n];
    int i = 0;
    for (double t : MATURITIES) {
      for (double k : STRIKES) {
        strikes[i] = k;
        maturities[i] = t;
        prices[i] = Heston.call(p, SPOT, k, RATE, DIVIDEND, t);
        i++;
      }
    }
    return new Quotes(SPOT, RATE, DIVIDEND, strikes, maturities, prices);
  }

  /**
   * Levenberg–Marquardt from {@code start} until the gradient's norm is below
   * {@code tolerance} or {@code maxIterations} steps were taken; prints one line per iteration
   * to {@code out} (null: silent).
   */
  public static Fit calibrate(Quotes quotes, HestonParams start, int maxIterations,
      double tolerance, PrintStream out) {
    int n = quotes.prices().length;
    Heston_Grad.Residuals residuals = new Heston_Grad.Residuals();
    Heston_Grad.Loss loss = new Heston_Grad.Loss();
    double[] r = new double[n];
    double[] trial = new double[n];
    double[][] jacobian = new double[n][5];
    double[][] normal = new double[5][5];
    double[] rhs = new double[5];
    double lambda = 1e-3;
    HestonParams p = start;
    double objective = 0;
    double gradientNorm = Double.NaN;
    int iteration = 0;
    for (; ; iteration++) {
      objective = loss.valueAndGradient(p, quotes);
      double[] gradient = {loss.dp.kappa, loss.dp.theta, loss.dp.sigma, loss.dp.rho, loss.dp.v0};
      gradientNorm = norm(gradient);
      if (out != null) {
        out.printf(Locale.ROOT, "  iter %2d  objective %.6e  |gradient| %.3e  lambda %.1e   "
            + "kappa %.6f  theta %.6f  sigma %.6f  rho %+.6f  v0 %.6f%n", iteration, objective,
            gradientNorm, lambda, p.kappa(), p.theta(), p.sigma(), p.rho(), p.v0());
      }
      if (gradientNorm < tolerance || iteration == maxIterations) {
        break;
      }
      residuals.jacobian(p, quotes, r, jacobian);
      residuals.primal(p, quotes, r);
      for (int a = 0; a < 5; a++) {
        rhs[a] = 0;
        for (int i = 0; i < n; i++) {
          rhs[a] -= jacobian[i][a] * r[i];
        }
        for (int b = 0; b < 5; b++) {
          double sum = 0;
          for (int i = 0; i < n; i++) {
            sum += jacobian[i][a] * jacobian[i][b];
          }
          normal[a][b] = sum;
        }
      }
      boolean stepped = false;
      while (!stepped && lambda < 1e12) {
        double[][] damped = new double[5][5];
        for (int a = 0; a < 5; a++) {
          damped[a] = normal[a].clone();
          damped[a][a] *= 1 + lambda;
        }
        double[] delta = solve(damped, rhs);
        double[] next = p.toArray();
        for (int a = 0; a < 5; a++) {
          next[a] += delta[a];
        }
        HestonParams candidate = HestonParams.of(next);
        if (candidate.admissible()) {
          residuals.primal(candidate, quotes, trial);
          double trialObjective = 0.5 * dot(trial, trial);
          if (trialObjective < objective) {
            p = candidate;
            lambda = Math.max(lambda / 3, 1e-12);
            stepped = true;
            continue;
          }
        }
        lambda *= 4;
      }
      if (!stepped) {
        break;
      }
    }
    return new Fit(p, iteration, objective, gradientNorm);
  }

  /** Runs the calibration and prints its progress and the recovered parameters. */
  public static void main(String[] args) {
    run(System.out);
  }

  static Fit run(PrintStream out) {
    Quotes quotes = surface(TRUE);
    out.printf(Locale.ROOT, "Heston calibration: %d calls (strikes 80..120 x maturities "
        + "0.25..2 years), spot %.0f, rate %.2f, dividend %.2f%n", quotes.prices().length, SPOT,
        RATE, DIVIDEND);
    out.println("  the synthetic surface's Black-Scholes implied volatilities (the smile the "
        + "fit must reproduce):");
    BlackScholes_Grad.Call bs = new BlackScholes_Grad.Call();
    for (int m = 0; m < MATURITIES.length; m++) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "    T = %.2f:", MATURITIES[m]));
      for (int k = 0; k < STRIKES.length; k++) {
        int i = m * STRIKES.length + k;
        double vol = BlackScholes.impliedVol(bs, quotes.prices()[i],
            new BsInputs(SPOT, STRIKES[k], 0.2, RATE, DIVIDEND, MATURITIES[m]));
        line.append(String.format(Locale.ROOT, "  K%.0f %.2f%%", STRIKES[k], 100 * vol));
      }
      out.println(line);
    }
    out.println("  Levenberg-Marquardt, Jacobian from Heston_Grad.Residuals.jacobian, gradient "
        + "from Heston_Grad.Loss (frame.dp.kappa, ...):");
    long begin = System.nanoTime();
    Fit fit = calibrate(quotes, START, 100, 1e-10, out);
    long millis = (System.nanoTime() - begin) / 1_000_000;
    out.printf(Locale.ROOT, "  converged in %d iterations (%d ms): objective %.3e, |gradient| "
        + "%.3e%n", fit.iterations(), millis, fit.objective(), fit.gradientNorm());
    out.println("  parameter      true   recovered       start");
    String[] names = {"kappa", "theta", "sigma", "rho", "v0"};
    double[] t = TRUE.toArray();
    double[] f = fit.params().toArray();
    double[] s = START.toArray();
    for (int i = 0; i < 5; i++) {
      out.printf(Locale.ROOT, "  %-9s %9.6f %11.8f %11.6f%n", names[i], t[i], f[i], s[i]);
    }
    return fit;
  }
}

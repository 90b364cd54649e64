package dev.tapeless.samples.gmm;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;

/**
 * The ADBench Gaussian-mixture-model objective (the points' log-likelihood plus Wishart-prior
 * terms, exactly as ADBench defines it), written once as a plain {@code @Differentiable} method.
 * Tapeless generates {@code GmmObjective_Grad.Objective}, whose gradient with respect to alpha,
 * means and icf is the benchmark's "objective and gradient" task.
 *
 * <p>With Q_k the lower-triangular matrix whose diagonal is exp(q_k) and whose strict lower part
 * is l_k filled column by column, so that Q_kᵀQ_k is the inverse covariance of component k and
 * Σ q_k its log-determinant:
 *
 * <pre>
 *   f = Σ_i logsumexp_k(α_k + Σ q_k − ½‖Q_k(x_i − μ_k)‖²) − N·logsumexp(α)
 *       + Σ_k (½γ²(‖exp(q_k)‖² + ‖l_k‖²) − m·Σ q_k) − N·D·½·log 2π − K·C(D, γ, m)
 * </pre>
 *
 * <p>Written from the math in {@code src/main/resources/adbench-gmm/README.md}, with the two
 * things a careful hand implementation does: logsumexp subtracts the maximum first (for a point
 * far from every component all terms are below −745, where exp underflows to 0 and the log of
 * the sum would be −∞), and Q_k(x − μ) is computed from the packed icf row directly, never
 * forming Q_k.
 */
public final class GmmObjective {
  private GmmObjective() {}

  /**
   * The GMM objective for parameters (alpha, means, icf) and points x.
   *
   * @param alpha K mixture weights, before the softmax that makes them probabilities
   * @param means K × D component means
   * @param icf K × (D + D(D−1)/2): per component, q_k (log of Q_k's diagonal), then l_k (Q_k's
   *     strict lower triangle, column 0 rows 1..D−1 first, then column 1 rows 2..D−1, ...)
   * @param x N × D data points: data, not parameters, so not differentiated
   * @param wishartGamma γ of the Wishart prior: a fixed hyper-parameter, not differentiated
   * @param wishartM m of the Wishart prior (an int, so never differentiated)
   */
  @Differentiable
  public static double objective(double[] alpha, double[][] means, double[][] icf,
      @NoDerivative double[][] x, @NoDerivative double wishartGamma, int wishartM) {
    int k = alpha.length;
    int d = means[0].length;
    int n = x.length;
    double[] sumQs = new double[k];
    double[] mainTerm = new double[k];
    double[] xcentered = new double[d];
    double[] qxc = new double[d];

    // Σ q_k = log det Q_k, used for every point.
    for (int c = 0; c < k; c++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += icf[c][j];
      }
      sumQs[c] = s;
    }

    double slse = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          xcentered[j] = x[i][j] - means[c][j];
        }
        // Q_k (x_i − μ_k): the diagonal part, then the packed strict lower triangle by columns.
        for (int j = 0; j < d; j++) {
          qxc[j] = Math.exp(icf[c][j]) * xcentered[j];
        }
        int lIndex = d;
        for (int col = 0; col < d; col++) {
          for (int row = col + 1; row < d; row++) {
            qxc[row] += icf[c][lIndex] * xcentered[col];
            lIndex++;
          }
        }
        double sq = 0;
        for (int j = 0; j < d; j++) {
          sq += qxc[j] * qxc[j];
        }
        mainTerm[c] = alpha[c] + sumQs[c] - 0.5 * sq;
      }
      // logsumexp over the components, with the maximum subtracted so that nothing underflows.
      double max = mainTerm[0];
      for (int c = 1; c < k; c++) {
        if (mainTerm[c] > max) {
          max = mainTerm[c];
        }
      }
      double sumExp = 0;
      for (int c = 0; c < k; c++) {
        sumExp += Math.exp(mainTerm[c] - max);
      }
      slse += max + Math.log(sumExp);
    }

    double maxAlpha = alpha[0];
    for (int c = 1; c < k; c++) {
      if (alpha[c] > maxAlpha) {
        maxAlpha = alpha[c];
      }
    }
    double sumExpAlpha = 0;
    for (int c = 0; c < k; c++) {
      sumExpAlpha += Math.exp(alpha[c] - maxAlpha);
    }
    double lseAlpha = maxAlpha + Math.log(sumExpAlpha);

    // The Wishart prior: ‖exp(q_k)‖² + ‖l_k‖² is the squared Frobenius norm of Q_k.
    double prior = 0;
    for (int c = 0; c < k; c++) {
      double frobenius = 0;
      for (int j = 0; j < d; j++) {
        double diag = Math.exp(icf[c][j]);
        frobenius += diag * diag;
      }
      for (int j = d; j < icf[c].length; j++) {
        frobenius += icf[c][j] * icf[c][j];
      }
      prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[c];
    }

    // The constants change no derivative, but keep the value the real objective. The call is
    // allowed because none of its arguments depends on a differentiated parameter.
    return slse - n * lseAlpha + prior
        - n * d * 0.5 * Math.log(2 * Math.PI)
        - k * wishartConstant(d, wishartGamma, wishartM);
  }

  /**
   * The Wishart prior's constant C(D, γ, m) = n'·D·(log γ − ½ log 2) − log Γ_D(n'/2) with
   * n' = D + m + 1, where log Γ_D(a) = D(D−1)/4·log π + Σ_{j=1..D} log Γ(a + (1 − j)/2).
   *
   * <p>Plain Java, not differentiated: it depends on no parameter, and {@code lgamma} is not in
   * {@code java.lang.Math}, hence {@link LogGamma}.
   */
  public static double wishartConstant(int d, double gamma, int m) {
    double nPrime = d + m + 1;
    double logMultigamma = d * (d - 1) / 4.0 * Math.log(Math.PI);
    for (int j = 1; j <= d; j++) {
      logMultigamma += LogGamma.lgamma(0.5 * nPrime + (1 - j) / 2.0);
    }
    return nPrime * d * (Math.log(gamma) - 0.5 * Math.log(2)) - logMultigamma;
  }
}

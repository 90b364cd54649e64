package dev.tapeless.samples.gmm;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;

/** GMM objective. */
public final class GmmObjective {
  private GmmObjective() {}

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

    return slse - n * lseAlpha + prior
        - n * d * 0.5 * Math.log(2 * Math.PI)
        - k * logWishartConstant(d, wishartGamma, wishartM);
  }

  static double logWishartConstant(int d, double gamma, int m) {
    double np = d + m + 1;
    double lmg = d * (d - 1) / 4.0 * Math.log(Math.PI);
    for (int j = 1; j <= d; j++) {
      lmg += LogGamma.lgamma(0.5 * np + (1 - j) / 2.0);
    }
    return np * d * (Math.log(gamma) - 0.5 * Math.log(2)) - lmg;
  }
}

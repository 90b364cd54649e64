package dev.tapeless.samples.gmm;

import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.special.Gamma;

/**
 * Independent implementations of the GMM objective for the tests, written from the README's
 * math in a different way from {@link GmmObjective}, so that a shared mistake is unlikely.
 *
 * <p>{@link #objective} builds every Q_k as an explicit matrix (Hipparchus linear algebra): the
 * quadratic form is (x − μ)ᵀ(Q_kᵀQ_k)(x − μ) with the precision matrix formed, the
 * log-determinant comes from an LU decomposition, the prior from the Frobenius norm, and log Γ
 * from Hipparchus. {@link #forwardMode} evaluates the objective on Hipparchus {@link Gradient}
 * numbers (forward-mode AD, exact to rounding), one variable per parameter.
 */
final class GmmReference {
  private GmmReference() {}

  /** Q_k as a D × D matrix: diagonal exp(q_k), strict lower triangle from l_k by columns. */
  static RealMatrix q(double[] icf, int d) {
    RealMatrix q = MatrixUtils.createRealMatrix(d, d);
    for (int j = 0; j < d; j++) {
      q.setEntry(j, j, Math.exp(icf[j]));
    }
    int next = d;
    for (int col = 0; col < d; col++) {
      for (int row = col + 1; row < d; row++) {
        q.setEntry(row, col, icf[next++]);
      }
    }
    return q;
  }

  /** The full objective, constants included. */
  static double objective(GmmData data) {
    int d = data.d();
    int k = data.k();
    RealMatrix[] precision = new RealMatrix[k];
    double[] logDet = new double[k];
    double prior = 0;
    for (int c = 0; c < k; c++) {
      RealMatrix q = q(data.icf()[c], d);
      precision[c] = q.transpose().multiply(q);
      logDet[c] = Math.log(new LUDecomposition(q).getDeterminant());
      double frobenius = q.getFrobeniusNorm();
      prior += 0.5 * data.gamma() * data.gamma() * frobenius * frobenius - data.m() * logDet[c];
    }
    double likelihood = 0;
    double[] terms = new double[k];
    for (double[] point : data.x()) {
      for (int c = 0; c < k; c++) {
        RealVector centered = MatrixUtils.createRealVector(point)
            .subtract(MatrixUtils.createRealVector(data.means()[c]));
        terms[c] = data.alpha()[c] + logDet[c]
            - 0.5 * centered.dotProduct(precision[c].operate(centered));
      }
      likelihood += logSumExp(terms);
    }
    double nPrime = d + data.m() + 1;
    double logMultigamma = d * (d - 1) / 4.0 * Math.log(Math.PI);
    for (int j = 1; j <= d; j++) {
      logMultigamma += Gamma.logGamma(0.5 * nPrime + (1 - j) / 2.0);
    }
    double c = nPrime * d * (Math.log(data.gamma()) - 0.5 * Math.log(2)) - logMultigamma;
    return likelihood - data.n() * logSumExp(data.alpha()) + prior
        - data.n() * d * 0.5 * Math.log(2 * Math.PI) - k * c;
  }

  private static double logSumExp(double[] v) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      max = Math.max(max, x);
    }
    double sum = 0;
    for (double x : v) {
      sum += Math.exp(x - max);
    }
    return max + Math.log(sum);
  }

  /**
   * The objective without its constant terms, on forward-mode AD numbers: variable i is
   * parameter i in the order alpha, means, icf, so {@code getGradient()} is the whole gradient.
   */
  static Gradient forwardMode(GmmData data) {
    int d = data.d();
    int k = data.k();
    int count = data.parameterCount();
    int next = 0;
    Gradient[] alpha = new Gradient[k];
    for (int c = 0; c < k; c++) {
      alpha[c] = Gradient.variable(count, next++, data.alpha()[c]);
    }
    Gradient[][] means = new Gradient[k][d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        means[c][j] = Gradient.variable(count, next++, data.means()[c][j]);
      }
    }
    Gradient[][] icf = new Gradient[k][GmmData.icfLength(d)];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < icf[c].length; j++) {
        icf[c][j] = Gradient.variable(count, next++, data.icf()[c][j]);
      }
    }
    Gradient zero = Gradient.constant(count, 0);
    // Q_k as full matrices of AD numbers, zero above the diagonal.
    Gradient[][][] q = new Gradient[k][d][d];
    Gradient[] logDet = new Gradient[k];
    Gradient prior = zero;
    for (int c = 0; c < k; c++) {
      logDet[c] = zero;
      for (int row = 0; row < d; row++) {
        for (int col = 0; col < d; col++) {
          q[c][row][col] = zero;
        }
      }
      for (int j = 0; j < d; j++) {
        q[c][j][j] = icf[c][j].exp();
        logDet[c] = logDet[c].add(icf[c][j]);
      }
      int l = d;
      for (int col = 0; col < d; col++) {
        for (int row = col + 1; row < d; row++) {
          q[c][row][col] = icf[c][l++];
        }
      }
      Gradient frobenius = zero;
      for (Gradient[] row : q[c]) {
        for (Gradient e : row) {
          frobenius = frobenius.add(e.multiply(e));
        }
      }
      prior = prior.add(frobenius.multiply(0.5 * data.gamma() * data.gamma()))
          .subtract(logDet[c].multiply(data.m()));
    }
    Gradient likelihood = zero;
    Gradient[] terms = new Gradient[k];
    for (double[] point : data.x()) {
      for (int c = 0; c < k; c++) {
        Gradient squaredNorm = zero;
        for (int row = 0; row < d; row++) {
          Gradient y = zero;
          for (int col = 0; col < d; col++) {
            y = y.add(q[c][row][col].multiply(means[c][col].negate().add(point[col])));
          }
          squaredNorm = squaredNorm.add(y.multiply(y));
        }
        terms[c] = alpha[c].add(logDet[c]).subtract(squaredNorm.multiply(0.5));
      }
      likelihood = likelihood.add(logSumExp(terms, zero));
    }
    return likelihood.subtract(logSumExp(alpha, zero).multiply(data.n())).add(prior);
  }

  private static Gradient logSumExp(Gradient[] v, Gradient zero) {
    double max = Double.NEGATIVE_INFINITY;
    for (Gradient x : v) {
      max = Math.max(max, x.getValue());
    }
    Gradient sum = zero;
    for (Gradient x : v) {
      sum = sum.add(x.subtract(max).exp());
    }
    return sum.log().add(max);
  }
}

package dev.tapeless.runtime.train;

/**
 * The test problem f(W, b) = Σ (W_ij − C_ij)² + Σ (b_i − c_i)², minimum at (C, c), with its
 * gradient written by hand, over a matrix and a vector so that optimizers see several rows.
 */
final class Quadratic {

  static final double[][] C = {{1.0, -2.0, 0.5}, {3.0, 0.0, -1.5}};
  static final double[] c = {-0.25, 4.0};

  final double[][] W = {{0.0, 0.0, 0.0}, {0.0, 0.0, 0.0}};
  final double[] b = {0.0, 0.0};
  final Parameters parameters = new Parameters().add("W", W).add("b", b);

  /** Writes ∇f at the current point into the registered gradient arrays; returns f. */
  double gradient() {
    double[][] dW = parameters.matrixGradient("W");
    double[] db = parameters.vectorGradient("b");
    double f = 0;
    for (int i = 0; i < W.length; i++) {
      for (int j = 0; j < W[i].length; j++) {
        double e = W[i][j] - C[i][j];
        f += e * e;
        dW[i][j] = 2 * e;
      }
    }
    for (int i = 0; i < b.length; i++) {
      double e = b[i] - c[i];
      f += e * e;
      db[i] = 2 * e;
    }
    return f;
  }

  /** The largest distance of a coordinate from the minimum. */
  double maxError() {
    double max = 0;
    for (int i = 0; i < W.length; i++) {
      for (int j = 0; j < W[i].length; j++) {
        max = Math.max(max, Math.abs(W[i][j] - C[i][j]));
      }
    }
    for (int i = 0; i < b.length; i++) {
      max = Math.max(max, Math.abs(b[i] - c[i]));
    }
    return max;
  }
}

package dev.tapeless.samples.calibration;

/**
 * Gauss–Legendre nodes and weights on an interval, computed once (Newton's method on the
 * Legendre polynomial from the Chebyshev guesses, the textbook way). Plain Java: the pricing
 * code reads the results as constant tables, {@code static final double[]} fields.
 */
final class GaussLegendre {
  private GaussLegendre() {}

  /**
   * {nodes, weights} of the composite rule: {@code perPanel} points on each panel
   * [breaks[i], breaks[i + 1]], nodes ascending.
   */
  static double[][] composite(double[] breaks, int perPanel) {
    int panels = breaks.length - 1;
    double[] x = new double[panels * perPanel];
    double[] w = new double[panels * perPanel];
    for (int i = 0; i < panels; i++) {
      double[][] panel = rule(perPanel, breaks[i], breaks[i + 1]);
      System.arraycopy(panel[0], 0, x, i * perPanel, perPanel);
      System.arraycopy(panel[1], 0, w, i * perPanel, perPanel);
    }
    return new double[][] {x, w};
  }

  /** {nodes, weights} of the n-point rule on [a, b]. */
  static double[][] rule(int n, double a, double b) {
    double[] x = new double[n];
    double[] w = new double[n];
    double mid = 0.5 * (a + b);
    double half = 0.5 * (b - a);
    for (int i = 0; i < (n + 1) / 2; i++) {
      double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
      double derivative = 0;
      for (int iteration = 0; iteration < 100; iteration++) {
        double p0 = 1;
        double p1 = 0;
        for (int j = 1; j <= n; j++) {
          double p2 = p1;
          p1 = p0;
          p0 = ((2.0 * j - 1) * z * p1 - (j - 1.0) * p2) / j;
        }
        derivative = n * (z * p0 - p1) / (z * z - 1);
        double previous = z;
        z = previous - p0 / derivative;
        if (Math.abs(z - previous) < 1e-15) {
          break;
        }
      }
      double weight = 2 / ((1 - z * z) * derivative * derivative);
      x[i] = mid - half * z;
      x[n - 1 - i] = mid + half * z;
      w[i] = half * weight;
      w[n - 1 - i] = half * weight;
    }
    return new double[][] {x, w};
  }
}

package dev.tapeless.benchmarks;

import dev.tapeless.samples.ode.LotkaVolterra;

/**
 * The gradient of {@link LotkaVolterra#misfit} written by hand, as an expert would for a
 * two-element state: scalars instead of stage arrays, the state saved once per step, the
 * stages computed again in the backward sweep, every adjoint in a register. The reference
 * the generated gradient is timed against.
 */
final class LotkaVolterraBackprop {
  /** The state before each step, two values per step, reused across calls. */
  private double[] states = new double[0];
  /** The state at each observation. */
  private double[] ends = new double[0];
  /** The gradient with respect to alpha, beta, delta, gamma, then y0[0] and y0[1]. */
  final double[] gradient = new double[6];

  /** The misfit, with its gradient left in {@link #gradient}. */
  double valueAndGradient(LotkaVolterra.Rates k, double[] y0, double[][] observed,
      int substeps, double h) {
    double a = k.alpha();
    double b = k.beta();
    double d = k.delta();
    double g = k.gamma();
    int steps = observed.length * substeps;
    if (states.length < 2 * steps) {
      states = new double[2 * steps];
    }
    double y0v = y0[0];
    double y1v = y0[1];
    double sum = 0;
    int top = 0;
    if (ends.length < 2 * observed.length) {
      ends = new double[2 * observed.length];
    }
    for (int i = 0; i < observed.length; i++) {
      for (int s = 0; s < substeps; s++) {
        states[top++] = y0v;
        states[top++] = y1v;
        double k10 = a * y0v - b * y0v * y1v;
        double k11 = d * y0v * y1v - g * y1v;
        double s0 = y0v + 0.5 * h * k10;
        double s1 = y1v + 0.5 * h * k11;
        double k20 = a * s0 - b * s0 * s1;
        double k21 = d * s0 * s1 - g * s1;
        s0 = y0v + 0.5 * h * k20;
        s1 = y1v + 0.5 * h * k21;
        double k30 = a * s0 - b * s0 * s1;
        double k31 = d * s0 * s1 - g * s1;
        s0 = y0v + h * k30;
        s1 = y1v + h * k31;
        double k40 = a * s0 - b * s0 * s1;
        double k41 = d * s0 * s1 - g * s1;
        y0v += h / 6 * (k10 + 2 * k20 + 2 * k30 + k40);
        y1v += h / 6 * (k11 + 2 * k21 + 2 * k31 + k41);
      }
      ends[2 * i] = y0v;
      ends[2 * i + 1] = y1v;
      double e0 = y0v - observed[i][0];
      double e1 = y1v - observed[i][1];
      sum += e0 * e0 + e1 * e1;
    }
    double ab = 0;
    double bb = 0;
    double db = 0;
    double gb = 0;
    double yb0 = 0;
    double yb1 = 0;
    for (int i = observed.length - 1; i >= 0; i--) {
      yb0 += ends[2 * i] - observed[i][0];
      yb1 += ends[2 * i + 1] - observed[i][1];
      for (int s = substeps - 1; s >= 0; s--) {
        top -= 2;
        double x0 = states[top];
        double x1 = states[top + 1];
        double k10 = a * x0 - b * x0 * x1;
        double k11 = d * x0 * x1 - g * x1;
        double s20 = x0 + 0.5 * h * k10;
        double s21 = x1 + 0.5 * h * k11;
        double k20 = a * s20 - b * s20 * s21;
        double k21 = d * s20 * s21 - g * s21;
        double s30 = x0 + 0.5 * h * k20;
        double s31 = x1 + 0.5 * h * k21;
        double k30 = a * s30 - b * s30 * s31;
        double k31 = d * s30 * s31 - g * s31;
        double s40 = x0 + h * k30;
        double s41 = x1 + h * k31;
        double c = h / 6;
        double k1b0 = c * yb0;
        double k1b1 = c * yb1;
        double k2b0 = 2 * c * yb0;
        double k2b1 = 2 * c * yb1;
        double k3b0 = k2b0;
        double k3b1 = k2b1;
        double k4b0 = k1b0;
        double k4b1 = k1b1;
        double xb0 = yb0;
        double xb1 = yb1;
        // k4 = f(s4), s4 = x + h k3
        ab += k4b0 * s40;
        bb -= k4b0 * s40 * s41;
        db += k4b1 * s40 * s41;
        gb -= k4b1 * s41;
        double sb0 = k4b0 * (a - b * s41) + k4b1 * d * s41;
        double sb1 = -k4b0 * b * s40 + k4b1 * (d * s40 - g);
        xb0 += sb0;
        xb1 += sb1;
        k3b0 += h * sb0;
        k3b1 += h * sb1;
        // k3 = f(s3), s3 = x + h/2 k2
        ab += k3b0 * s30;
        bb -= k3b0 * s30 * s31;
        db += k3b1 * s30 * s31;
        gb -= k3b1 * s31;
        sb0 = k3b0 * (a - b * s31) + k3b1 * d * s31;
        sb1 = -k3b0 * b * s30 + k3b1 * (d * s30 - g);
        xb0 += sb0;
        xb1 += sb1;
        k2b0 += 0.5 * h * sb0;
        k2b1 += 0.5 * h * sb1;
        // k2 = f(s2), s2 = x + h/2 k1
        ab += k2b0 * s20;
        bb -= k2b0 * s20 * s21;
        db += k2b1 * s20 * s21;
        gb -= k2b1 * s21;
        sb0 = k2b0 * (a - b * s21) + k2b1 * d * s21;
        sb1 = -k2b0 * b * s20 + k2b1 * (d * s20 - g);
        xb0 += sb0;
        xb1 += sb1;
        k1b0 += 0.5 * h * sb0;
        k1b1 += 0.5 * h * sb1;
        // k1 = f(x)
        ab += k1b0 * x0;
        bb -= k1b0 * x0 * x1;
        db += k1b1 * x0 * x1;
        gb -= k1b1 * x1;
        yb0 = xb0 + k1b0 * (a - b * x1) + k1b1 * d * x1;
        yb1 = xb1 - k1b0 * b * x0 + k1b1 * (d * x0 - g);
      }
    }
    gradient[0] = ab;
    gradient[1] = bb;
    gradient[2] = db;
    gradient[3] = gb;
    gradient[4] = yb0;
    gradient[5] = yb1;
    return 0.5 * sum;
  }
}

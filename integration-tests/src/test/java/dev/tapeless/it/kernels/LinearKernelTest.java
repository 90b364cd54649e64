package dev.tapeless.it.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.runtime.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * Kernels declared linear need no pushforward: the gradient goes through their pullbacks,
 * {@code jvp} calls them on tangents (checked against the gradient along the tangent), and
 * {@code hvp} reverses that call with the pullback (checked against differences of the
 * gradient).
 */
class LinearKernelTest {

  private static final double[] X = {0.3, -0.7, 0.5, 0.2};
  private static final double A = 0.8;
  private static final double[] W = {1.0, -0.5, 0.25, 2.0};

  @Test
  void gradientMatchesFiniteDifferences() {
    LinearKernels_Grad.Model g = new LinearKernels_Grad.Model();
    g.valueAndGradient(X, A, W);
    double[] all = {X[0], X[1], X[2], X[3], A};
    double[] analytic = {g.dx[0], g.dx[1], g.dx[2], g.dx[3], g.da};
    GradCheck.check(v -> LinearKernels.model(new double[] {v[0], v[1], v[2], v[3]}, v[4], W),
        all, analytic).assertWithin(1e-8);
  }

  @Test
  void jvpIsTheGradientAlongTheTangent() {
    LinearKernels_Grad.Model g = new LinearKernels_Grad.Model();
    g.valueAndGradient(X, A, W);
    double[] t = {0.5, 1.0, -0.25, 0.75};
    double expected = g.da * -1.5;
    for (int i = 0; i < 4; i++) {
      expected += g.dx[i] * t[i];
    }
    assertEquals(expected, g.jvp(X, A, W, t, -1.5), 1e-12 * (1 + Math.abs(expected)));
  }

  @Test
  void hvpMatchesDifferencesOfTheGradient() {
    double[] t = {0.5, 1.0, -0.25, 0.75};
    double ta = -1.5;
    LinearKernels_Grad.Model g = new LinearKernels_Grad.Model();
    g.hvp(X, A, W, t, ta);
    double[] hv = {g.dx[0], g.dx[1], g.dx[2], g.dx[3], g.da};
    double h = 1e-5;
    double[] plus = gradientAt(h, t, ta);
    double[] minus = gradientAt(-h, t, ta);
    for (int k = 0; k < 5; k++) {
      double fd = (plus[k] - minus[k]) / (2 * h);
      assertEquals(fd, hv[k], 1e-6 * (1 + Math.abs(fd)), "Hv[" + k + "]");
    }
  }

  private static double[] gradientAt(double step, double[] t, double ta) {
    double[] x = new double[4];
    for (int i = 0; i < 4; i++) {
      x[i] = X[i] + step * t[i];
    }
    LinearKernels_Grad.Model g = new LinearKernels_Grad.Model();
    g.valueAndGradient(x, A + step * ta, W);
    return new double[] {g.dx[0], g.dx[1], g.dx[2], g.dx[3], g.da};
  }
}

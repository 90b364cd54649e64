package dev.tapeless.samples.newton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.samples.DenseAlgebra;
import dev.tapeless.samples.mlp.Digits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Newton's method and Gauss–Newton on the generated second derivatives: the Hessian against
 * finite differences of the generated gradient, quadratic convergence, the fits.
 */
class NewtonExampleTest {

  static NewtonExample.Binary small() {
    NewtonExample.Binary all = NewtonExample.threesAndEights(Digits.load());
    int n = 60;
    return new NewtonExample.Binary(java.util.Arrays.copyOf(all.x(), n),
        java.util.Arrays.copyOf(all.y(), n));
  }

  private static double[] gradient(NewtonExample_Grad.LogisticLoss frame, double[] w, double b,
      NewtonExample.Binary data) {
    frame.valueAndGradient(w, b, data.x(), data.y(), NewtonExample.LAMBDA);
    double[] g = java.util.Arrays.copyOf(frame.dw, w.length + 1);
    g[w.length] = frame.db;
    return g;
  }

  @Test
  void hessianOfTheLogisticLossIsTheFiniteDifferenceOfItsGradient() {
    NewtonExample.Binary data = small();
    SplittableRandom random = new SplittableRandom(3);
    double[] w = new double[Digits.FEATURES];
    for (int j = 0; j < w.length; j++) {
      w[j] = random.nextDouble(-0.5, 0.5);
    }
    double b = 0.2;
    NewtonExample_Grad.LogisticLoss frame = new NewtonExample_Grad.LogisticLoss();
    int n = w.length + 1;
    double[][] h = new double[n][n];
    frame.hessian(w, b, data.x(), data.y(), NewtonExample.LAMBDA, h);
    double step = 1e-5;
    for (int j = 0; j < n; j++) {
      double[] wp = w.clone();
      double[] wm = w.clone();
      double bp = b;
      double bm = b;
      if (j < w.length) {
        wp[j] += step;
        wm[j] -= step;
      } else {
        bp += step;
        bm -= step;
      }
      double[] gp = gradient(frame, wp, bp, data);
      double[] gm = gradient(frame, wm, bm, data);
      for (int i = 0; i < n; i++) {
        double fd = (gp[i] - gm[i]) / (2 * step);
        assertEquals(fd, h[j][i], 1e-7 * Math.max(1, Math.abs(fd)), "H[" + j + "][" + i + "]");
        assertEquals(h[i][j], h[j][i], 1e-15, "symmetry at " + i + ", " + j);
      }
    }
  }

  @Test
  void newtonsMethodConvergesQuadratically() {
    double[] wb = new double[Digits.FEATURES + 1];
    List<NewtonExample.Iterate> iterates = NewtonExample.newton(small(), wb,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    int last = iterates.size() - 1;
    assertTrue(last <= 12, "steps: " + last);
    assertTrue(iterates.get(last).gradientNorm() < 1e-12, "final " + iterates.get(last));
    // in the quadratic phase each gradient norm is about the square of the one before (times
    // a constant), far below what a linear rate (a constant factor) would give
    boolean quadratic = false;
    for (int k = 1; k < last; k++) {
      double before = iterates.get(k - 1).gradientNorm();
      double after = iterates.get(k).gradientNorm();
      if (before < 1e-2 && after < 1e-6 && after < 100 * before * before) {
        quadratic = true;
      }
    }
    assertTrue(quadratic, "no quadratic step in " + iterates);
  }

  @Test
  void newtonCgFromHessianVectorProductsFindsTheDirectStep() {
    NewtonExample.Binary data = small();
    NewtonExample_Grad.LogisticLoss frame = new NewtonExample_Grad.LogisticLoss();
    double[] w = new double[Digits.FEATURES];
    double[] g = gradient(frame, w, 0, data);
    double[][] h = new double[g.length][g.length];
    frame.hessian(w, 0, data.x(), data.y(), NewtonExample.LAMBDA, h);
    double[] direct = DenseAlgebra.solve(h, g);
    double[] cg = NewtonExample.newtonCgStep(frame, w, 0, data, g, 2 * g.length);
    assertTrue(DenseAlgebra.distance(cg, direct) < 1e-8 * DenseAlgebra.norm(direct),
        "CG step off by " + DenseAlgebra.distance(cg, direct));
  }

  @Test
  void gaussNewtonFitsTheDecayWithinTheNoise() {
    double[] p = NewtonExample.gaussNewton(NewtonExample.decay(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(5, p[0], 0.05);
    assertEquals(1.3, p[1], 0.05);
    assertEquals(0.5, p[2], 0.05);
  }

  @Test
  void exampleRunsAndPrintsBothMethods() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    NewtonExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("Newton's method") && out.contains("Gauss-Newton")
        && out.contains("held-out accuracy"), out);
  }
}

package dev.tapeless.it.helpers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.ToDoubleFunction;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/**
 * Methods whose helpers carry no {@code @Differentiable} get the gradient, {@code jvp} and
 * {@code hvp} of the whole computation: checked against central differences, Hipparchus, and
 * the same computation through annotated helpers.
 */
class HelperGradientsTest {
  private static final double H = 1e-6;

  static final double[][] W = {{0.3, -0.7, 0.2}, {-0.4, 0.5, 0.9}};
  static final double[] B = {0.1, -0.2};
  static final double[] X = {0.6, -0.3, 0.8};

  @Test
  void aVoidHelperWritingAnOutArrayCarriesTheDerivativeThroughIt() {
    Helpers_Grad.ThroughOutArray g = new Helpers_Grad.ThroughOutArray();
    double b = -1.07;
    assertEquals(Helpers.throughOutArray(b), g.valueAndGradient(b), 1e-15);
    assertEquals(7 * 2 * b, g.db, 1e-12, "t = {y^2, 2 y^2}, t[0] + 3 t[1] = 7 y^2, y = b % 2.5");
    assertEquals(central(v -> Helpers.throughOutArray(v[0]), new double[] {b})[0], g.db, 1e-7);
  }

  @Test
  void anUnannotatedSquareHelperGivesTwoXPlusOne() {
    Helpers_Grad.UseHelper g = new Helpers_Grad.UseHelper();
    assertEquals(1.5 * 1.5 + 1.5, g.valueAndGradient(1.5));
    assertEquals(4.0, g.dx);
  }

  @Test
  void scalarHelpersAndAHelperChainMatchDifferencesAndHipparchus() {
    double x = 0.7;
    double y = -0.4;
    Helpers_Grad.Scalar g = new Helpers_Grad.Scalar();
    double value = g.valueAndGradient(x, y);
    Gradient t = scalarTwin(Gradient.variable(2, 0, x), Gradient.variable(2, 1, y));
    assertEquals(t.getValue(), value, 1e-15);
    assertEquals(t.getGradient()[0], g.dx, 1e-14);
    assertEquals(t.getGradient()[1], g.dy, 1e-14);
    assertEquals(central(v -> Helpers.scalar(v[0], v[1]), new double[] {x, y})[0], g.dx, 1e-8);
    assertEquals(central(v -> Helpers.scalar(v[0], v[1]), new double[] {x, y})[1], g.dy, 1e-8);
  }

  /** {@link Helpers#scalar} in Hipparchus forward-mode arithmetic. */
  private static Gradient scalarTwin(Gradient x, Gradient y) {
    Gradient xy = x.multiply(y);
    Gradient logistic = xy.negate().exp().add(1).reciprocal();
    Gradient s = x.multiply(x).add(y.multiply(y.multiply(y)).multiply(logistic));
    Gradient d = x.subtract(y);
    Gradient softplus = d.getValue() > 30 ? d : d.exp().log1p();
    return s.add(softplus.multiply(1.5));
  }

  @Test
  void helpersGivenRowsInALoopMatchCentralDifferences() {
    Helpers_Grad.Layer g = new Helpers_Grad.Layer();
    g.valueAndGradient(W, B, X);
    double[] numeric = central(HelperGradientsTest::layerOfFlat, flat(W, B, X));
    assertArrayEquals(numeric, flat(g.dw, g.db, g.dx), 1e-8);
  }

  @Test
  void unannotatedHelpersGiveExactlyTheGradientOfTheSameHelpersAnnotated() {
    Helpers_Grad.Layer helpers = new Helpers_Grad.Layer();
    Helpers_Grad.LayerAnnotated annotated = new Helpers_Grad.LayerAnnotated();
    assertEquals(annotated.valueAndGradient(W, B, X), helpers.valueAndGradient(W, B, X), 0.0);
    assertArrayEquals(flat(annotated.dw, annotated.db, annotated.dx),
        flat(helpers.dw, helpers.db, helpers.dx), 0.0);
    double[][] wv = {{1, 0.5, -1}, {0.2, 0.3, 0.4}};
    double[] bv = {-0.5, 1};
    double[] xv = {0.7, -0.1, 0.2};
    assertEquals(annotated.jvp(W, B, X, wv, bv, xv), helpers.jvp(W, B, X, wv, bv, xv), 0.0);
    annotated.hvp(W, B, X, wv, bv, xv);
    helpers.hvp(W, B, X, wv, bv, xv);
    assertArrayEquals(flat(annotated.dw, annotated.db, annotated.dx),
        flat(helpers.dw, helpers.db, helpers.dx), 0.0);
  }

  @Test
  void jvpThroughHelpersMatchesADirectionalDifference() {
    double[][] wv = {{1, 0.5, -1}, {0.2, 0.3, 0.4}};
    double[] bv = {-0.5, 1};
    double[] xv = {0.7, -0.1, 0.2};
    double[] base = flat(W, B, X);
    double[] dir = flat(wv, bv, xv);
    double fd = (layerOfFlat(step(base, dir, H)) - layerOfFlat(step(base, dir, -H))) / (2 * H);
    assertEquals(fd, new Helpers_Grad.Layer().jvp(W, B, X, wv, bv, xv), 1e-8);
    double scalarFd = (Helpers.scalar(0.7 + H * 0.3, -0.4 - H)
        - Helpers.scalar(0.7 - H * 0.3, -0.4 + H)) / (2 * H);
    assertEquals(scalarFd, new Helpers_Grad.Scalar().jvp(0.7, -0.4, 0.3, -1), 1e-8);
  }

  @Test
  void hvpThroughHelpersMatchesDifferencesOfTheGradient() {
    double[][] wv = {{1, 0.5, -1}, {0.2, 0.3, 0.4}};
    double[] bv = {-0.5, 1};
    double[] xv = {0.7, -0.1, 0.2};
    double[] base = flat(W, B, X);
    double[] dir = flat(wv, bv, xv);
    double[] plus = layerGradient(step(base, dir, H));
    double[] minus = layerGradient(step(base, dir, -H));
    Helpers_Grad.Layer g = new Helpers_Grad.Layer();
    g.hvp(W, B, X, wv, bv, xv);
    double[] hv = flat(g.dw, g.db, g.dx);
    for (int k = 0; k < hv.length; k++) {
      double fd = (plus[k] - minus[k]) / (2 * H);
      assertEquals(fd, hv[k], 1e-6 * (1 + Math.abs(fd)), "Hv[" + k + "]");
    }
    Helpers_Grad.Scalar s = new Helpers_Grad.Scalar();
    s.hvp(0.7, -0.4, 0.3, -1);
    Helpers_Grad.Scalar p = new Helpers_Grad.Scalar();
    p.valueAndGradient(0.7 + H * 0.3, -0.4 - H);
    Helpers_Grad.Scalar m = new Helpers_Grad.Scalar();
    m.valueAndGradient(0.7 - H * 0.3, -0.4 + H);
    assertEquals((p.dx - m.dx) / (2 * H), s.dx, 1e-6);
    assertEquals((p.dy - m.dy) / (2 * H), s.dy, 1e-6);
  }

  @Test
  void aHelperWritingAnOutArrayGivesThePullbackAndJvpOfTheJacobian() {
    double a = 0.8;
    double[] x = {0.3, -1.1, 0.5};
    double[] dy = {1.0, -2.0, 0.5};
    Helpers_Grad.Affine g = new Helpers_Grad.Affine();
    double[] y = new double[3];
    g.pullback(a, x, y, dy);
    // y = sin(x) + (a + a^2) x
    for (int i = 0; i < 3; i++) {
      assertEquals(Math.sin(x[i]) + (a + a * a) * x[i], y[i], 1e-15);
      assertEquals(dy[i] * (Math.cos(x[i]) + a + a * a), g.dx[i], 1e-14);
    }
    double da = 0;
    for (int i = 0; i < 3; i++) {
      da += dy[i] * (1 + 2 * a) * x[i];
    }
    assertEquals(da, g.da, 1e-14);
    double[] xv = {1, 0.5, -0.25};
    double[] yv = new double[3];
    g.jvp(a, x, y, 0.1, xv, yv);
    for (int i = 0; i < 3; i++) {
      double fd = (affine(a + 0.1 * H, x, xv, H, i) - affine(a - 0.1 * H, x, xv, -H, i))
          / (2 * H);
      assertEquals(fd, yv[i], 1e-8, "y'[" + i + "]");
    }
  }

  private static double affine(double a, double[] x, double[] xv, double h, int i) {
    double[] y = new double[x.length];
    Helpers.affine(a, step(x, xv, h), y);
    return y[i];
  }

  @Test
  void aHelperReturningFromInsideALoopMatchesCentralDifferences() {
    double[] a = {0.2, 0.4, 0.9, 0.7};
    Helpers_Grad.Early g = new Helpers_Grad.Early();
    g.valueAndGradient(a);
    assertArrayEquals(central(Helpers::early, a), g.da, 1e-8);
    assertArrayEquals(new double[] {2 * 0.2 * 0.4, 0.2 * 0.2, 2 * 0.9, 0}, g.da, 1e-15);
  }

  @Test
  void aHelperInsideAnIntegerCastStaysAPlainCallAndTheGradientMatchesDifferences() {
    double[] w = {0.31, -0.52, 0.17};
    Helpers_Grad.IndexedByHelper g = new Helpers_Grad.IndexedByHelper();
    assertEquals(Helpers.indexedByHelper(w), g.valueAndGradient(w), 0.0);
    assertArrayEquals(central(Helpers::indexedByHelper, w), g.dw, 1e-8);
    assertEquals(central(Helpers::indexedByHelper, w)[0], new Helpers_Grad.IndexedByHelper()
        .jvp(w, new double[] {1, 0, 0}), 1e-8);
  }

  @Test
  void floatHelpersAndAFloatGivenToADoubleHelperDifferentiateInFloat() {
    Helpers_Grad.Floats g = new Helpers_Grad.Floats();
    // x^2 / 2 + x^3 at 1.5: 1.125 + 3.375; derivative x + 3 x^2 = 8.25, exact in float
    assertEquals(4.5f, g.valueAndGradient(1.5f));
    assertEquals(8.25f, g.dx);
    assertEquals(8.25f * 2, new Helpers_Grad.Floats().jvp(1.5f, 2f));
    Helpers_Grad.Floats h = new Helpers_Grad.Floats();
    h.hvp(1.5f, 1f);
    assertEquals(1 + 6 * 1.5f, h.dx); // second derivative 1 + 6x
  }

  @Test
  void aHelperCallingAKernelAndAnAnnotatedMethodMatchesDifferencesInEveryMode() {
    double[] a = {0.4, -0.3, 0.9};
    double[] b = {-0.2, 0.7, 0.5};
    double[] va = {1, -0.5, 0.25};
    double[] vb = {0.3, 0.2, -1};
    ToDoubleFunction<double[]> f = v -> Helpers.throughKernels(
        new double[] {v[0], v[1], v[2]}, new double[] {v[3], v[4], v[5]});
    double[] at = {a[0], a[1], a[2], b[0], b[1], b[2]};
    double[] dir = {va[0], va[1], va[2], vb[0], vb[1], vb[2]};
    Helpers_Grad.ThroughKernels g = new Helpers_Grad.ThroughKernels();
    g.valueAndGradient(a, b);
    double[] grad = {g.da[0], g.da[1], g.da[2], g.db[0], g.db[1], g.db[2]};
    assertArrayEquals(central(f, at), grad, 1e-8);
    double fd = (f.applyAsDouble(step(at, dir, H)) - f.applyAsDouble(step(at, dir, -H))) / (2 * H);
    assertEquals(fd, new Helpers_Grad.ThroughKernels().jvp(a, b, va, vb), 1e-8);
    Helpers_Grad.ThroughKernels h = new Helpers_Grad.ThroughKernels();
    h.hvp(a, b, va, vb);
    double[] hv = {h.da[0], h.da[1], h.da[2], h.db[0], h.db[1], h.db[2]};
    double[] plus = kernelGradient(step(at, dir, H));
    double[] minus = kernelGradient(step(at, dir, -H));
    for (int k = 0; k < 6; k++) {
      assertEquals((plus[k] - minus[k]) / (2 * H), hv[k], 1e-6, "Hv[" + k + "]");
    }
  }

  private static double[] kernelGradient(double[] v) {
    Helpers_Grad.ThroughKernels g = new Helpers_Grad.ThroughKernels();
    g.valueAndGradient(new double[] {v[0], v[1], v[2]}, new double[] {v[3], v[4], v[5]});
    return new double[] {g.da[0], g.da[1], g.da[2], g.db[0], g.db[1], g.db[2]};
  }

  // ---------------------------------------------------------------- numerics

  private static double[] central(ToDoubleFunction<double[]> f, double[] at) {
    double[] out = new double[at.length];
    for (int k = 0; k < at.length; k++) {
      double[] p = at.clone();
      double[] m = at.clone();
      p[k] += H;
      m[k] -= H;
      out[k] = (f.applyAsDouble(p) - f.applyAsDouble(m)) / (2 * H);
    }
    return out;
  }

  private static double[] step(double[] base, double[] dir, double h) {
    double[] out = base.clone();
    for (int k = 0; k < out.length; k++) {
      out[k] += h * dir[k];
    }
    return out;
  }

  static double[] flat(double[][] w, double[] b, double[] x) {
    double[] out = new double[w.length * w[0].length + b.length + x.length];
    int k = 0;
    for (double[] row : w) {
      for (double v : row) {
        out[k++] = v;
      }
    }
    for (double v : b) {
      out[k++] = v;
    }
    for (double v : x) {
      out[k++] = v;
    }
    return out;
  }

  private static double layerOfFlat(double[] v) {
    double[][] w = new double[2][3];
    double[] b = new double[2];
    double[] x = new double[3];
    unflat(v, w, b, x);
    return Helpers.layer(w, b, x);
  }

  private static double[] layerGradient(double[] v) {
    double[][] w = new double[2][3];
    double[] b = new double[2];
    double[] x = new double[3];
    unflat(v, w, b, x);
    Helpers_Grad.Layer g = new Helpers_Grad.Layer();
    g.valueAndGradient(w, b, x);
    return flat(g.dw, g.db, g.dx);
  }

  private static void unflat(double[] v, double[][] w, double[] b, double[] x) {
    int k = 0;
    for (double[] row : w) {
      for (int j = 0; j < row.length; j++) {
        row[j] = v[k++];
      }
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = v[k++];
    }
    for (int i = 0; i < x.length; i++) {
      x[i] = v[k++];
    }
  }
}

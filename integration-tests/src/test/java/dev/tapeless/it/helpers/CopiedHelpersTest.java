package dev.tapeless.it.helpers;

import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.ToDoubleFunction;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/**
 * Helpers the gradient class cannot call (private ones, instance helpers of a model, helpers
 * given a record) have their bodies copied in: the result must be the gradient, {@code jvp}
 * and {@code hvp} of the same method through annotated helpers, bit for bit, and agree with
 * central differences and Hipparchus, allocating nothing after warm-up.
 */
class CopiedHelpersTest {
  private static final double H = 1e-6;
  private static final double[][] W = HelperGradientsTest.W;
  private static final double[] B = HelperGradientsTest.B;
  private static final double[] X = HelperGradientsTest.X;
  private static final double[][] WV = {{1, 0.5, -1}, {0.2, 0.3, 0.4}};
  private static final double[] BV = {-0.5, 1};
  private static final double[] XV = {0.7, -0.1, 0.2};

  /** Keeps results alive in the allocation test. */
  private static volatile double sink;

  // ---------------------------------------------------------------- private static helpers

  @Test
  void privateHelpersGiveExactlyTheAnnotatedGradientJvpAndHvp() {
    PrivateHelpers_Grad.Layer copied = new PrivateHelpers_Grad.Layer();
    Helpers_Grad.LayerAnnotated annotated = new Helpers_Grad.LayerAnnotated();
    assertEquals(annotated.valueAndGradient(W, B, X), copied.valueAndGradient(W, B, X), 0.0);
    assertArrayEquals(flat(annotated.dw, annotated.db, annotated.dx),
        flat(copied.dw, copied.db, copied.dx), 0.0);
    assertEquals(annotated.jvp(W, B, X, WV, BV, XV), copied.jvp(W, B, X, WV, BV, XV), 0.0);
    annotated.hvp(W, B, X, WV, BV, XV);
    copied.hvp(W, B, X, WV, BV, XV);
    assertArrayEquals(flat(annotated.dw, annotated.db, annotated.dx),
        flat(copied.dw, copied.db, copied.dx), 0.0);
  }

  @Test
  void aMethodWithPrivateHelpersCalledFromAnotherIsExactInSplitMode() {
    PrivateHelpers_Grad.TwoLayers copied = new PrivateHelpers_Grad.TwoLayers();
    PrivateHelpers_Grad.TwoLayersAnnotated annotated =
        new PrivateHelpers_Grad.TwoLayersAnnotated();
    assertEquals(annotated.valueAndGradient(W, B, X), copied.valueAndGradient(W, B, X), 0.0);
    assertArrayEquals(flat(annotated.dw, annotated.db, annotated.dx),
        flat(copied.dw, copied.db, copied.dx), 0.0);
    double[] numeric = central(CopiedHelpersTest::twoLayersOfFlat, flat(W, B, X));
    assertArrayEquals(numeric, flat(copied.dw, copied.db, copied.dx), 1e-7);
    assertEquals(annotated.jvp(W, B, X, WV, BV, XV), copied.jvp(W, B, X, WV, BV, XV), 0.0);
    annotated.hvp(W, B, X, WV, BV, XV);
    copied.hvp(W, B, X, WV, BV, XV);
    assertArrayEquals(flat(annotated.dw, annotated.db, annotated.dx),
        flat(copied.dw, copied.db, copied.dx), 0.0);
  }

  @Test
  void privateHelpersMatchCentralDifferencesAndHipparchus() {
    PrivateHelpers_Grad.Layer g = new PrivateHelpers_Grad.Layer();
    double value = g.valueAndGradient(W, B, X);
    double[] at = flat(W, B, X);
    assertArrayEquals(central(CopiedHelpersTest::layerOfFlat, at), flat(g.dw, g.db, g.dx), 1e-8);
    Gradient t = layerTwin(at);
    assertEquals(t.getValue(), value, 1e-14);
    assertArrayEquals(t.getGradient(), flat(g.dw, g.db, g.dx), 1e-14);
    double[] dir = flat(WV, BV, XV);
    double fd = (layerOfFlat(step(at, dir, H)) - layerOfFlat(step(at, dir, -H))) / (2 * H);
    assertEquals(fd, new PrivateHelpers_Grad.Layer().jvp(W, B, X, WV, BV, XV), 1e-8);
    double[] plus = layerGradient(step(at, dir, H));
    double[] minus = layerGradient(step(at, dir, -H));
    g.hvp(W, B, X, WV, BV, XV);
    double[] hv = flat(g.dw, g.db, g.dx);
    for (int k = 0; k < hv.length; k++) {
      double d = (plus[k] - minus[k]) / (2 * H);
      assertEquals(d, hv[k], 1e-6 * (1 + Math.abs(d)), "Hv[" + k + "]");
    }
  }

  @Test
  void privateHelpersInConditionsGiveExactlyTheAnnotatedResultsAndMatchDifferences() {
    double[][] points = {{0.6, -0.3, 0.8}, {1.2, 0.4, -0.9}, {0.1, 0.2, 0.3}};
    double[] v = {0.7, -0.1, 0.2};
    for (double[] x : points) {
      PrivateHelpers_Grad.Guarded copied = new PrivateHelpers_Grad.Guarded();
      PrivateHelpers_Grad.GuardedAnnotated annotated = new PrivateHelpers_Grad.GuardedAnnotated();
      assertEquals(annotated.valueAndGradient(x), copied.valueAndGradient(x), 0.0);
      assertArrayEquals(annotated.dx, copied.dx, 0.0);
      assertArrayEquals(central(PrivateHelpers::guarded, x), copied.dx, 1e-8);
      assertEquals(annotated.jvp(x, v), copied.jvp(x, v), 0.0);
      annotated.hvp(x, v);
      copied.hvp(x, v);
      assertArrayEquals(annotated.dx, copied.dx, 0.0);
    }
  }

  @Test
  void aHelperWithAnArrayLocalCalledInALoopGivesExactlyTheAnnotatedResults() {
    double[] a = {0.3, -0.8, 1.1, 0.2};
    double[] v = {1, -0.5, 0.25, 0.75};
    PrivateHelpers_Grad.Annealed copied = new PrivateHelpers_Grad.Annealed();
    PrivateHelpers_Grad.AnnealedAnnotated annotated = new PrivateHelpers_Grad.AnnealedAnnotated();
    assertEquals(annotated.valueAndGradient(a), copied.valueAndGradient(a), 0.0);
    assertArrayEquals(annotated.da, copied.da, 0.0);
    assertArrayEquals(central(PrivateHelpers::annealed, a), copied.da, 1e-8);
    assertEquals(annotated.jvp(a, v), copied.jvp(a, v), 0.0);
    double fd = (PrivateHelpers.annealed(step(a, v, H)) - PrivateHelpers.annealed(step(a, v, -H)))
        / (2 * H);
    assertEquals(fd, copied.jvp(a, v), 1e-8);
    annotated.hvp(a, v);
    copied.hvp(a, v);
    assertArrayEquals(annotated.da, copied.da, 0.0);
    PrivateHelpers_Grad.Annealed p = new PrivateHelpers_Grad.Annealed();
    p.valueAndGradient(step(a, v, H));
    PrivateHelpers_Grad.Annealed m = new PrivateHelpers_Grad.Annealed();
    m.valueAndGradient(step(a, v, -H));
    for (int k = 0; k < a.length; k++) {
      assertEquals((p.da[k] - m.da[k]) / (2 * H), copied.da[k], 1e-6, "Hv[" + k + "]");
    }
  }

  @Test
  void publicHelpersOfAnotherPackageGiveExactlyTheAnnotatedResultsAndMatchDifferences() {
    OtherPackageHelpers_Grad.Scores copied = new OtherPackageHelpers_Grad.Scores();
    OtherPackageHelpers_Grad.ScoresAnnotated annotated =
        new OtherPackageHelpers_Grad.ScoresAnnotated();
    assertEquals(annotated.valueAndGradient(W, X), copied.valueAndGradient(W, X), 0.0);
    assertArrayEquals(flat(annotated.dw, new double[0], annotated.dx),
        flat(copied.dw, new double[0], copied.dx), 0.0);
    double[] at = flat(W, new double[0], X);
    ToDoubleFunction<double[]> f = v -> OtherPackageHelpers.scores(
        new double[][] {{v[0], v[1], v[2]}, {v[3], v[4], v[5]}}, new double[] {v[6], v[7], v[8]});
    assertArrayEquals(central(f, at), flat(copied.dw, new double[0], copied.dx), 1e-8);
    assertEquals(annotated.jvp(W, X, WV, XV), copied.jvp(W, X, WV, XV), 0.0);
    annotated.hvp(W, X, WV, XV);
    copied.hvp(W, X, WV, XV);
    assertArrayEquals(flat(annotated.dw, new double[0], annotated.dx),
        flat(copied.dw, new double[0], copied.dx), 0.0);
  }

  /** {@link PrivateHelpers#layer} in Hipparchus forward-mode arithmetic. */
  private static Gradient layerTwin(double[] v) {
    int n = v.length;
    Gradient[] g = new Gradient[n];
    for (int k = 0; k < n; k++) {
      g[k] = Gradient.variable(n, k, v[k]);
    }
    Gradient s = Gradient.constant(n, 0);
    for (int i = 0; i < 2; i++) {
      Gradient z = g[6 + i];
      for (int j = 0; j < 3; j++) {
        z = z.add(g[3 * i + j].multiply(g[8 + j]));
      }
      Gradient logistic = z.negate().exp().add(1).reciprocal();
      s = s.add(logistic.multiply(z));
    }
    Gradient norm = g[8].multiply(g[8]).add(g[9].multiply(g[9])).add(g[10].multiply(g[10]))
        .sqrt();
    return s.add(norm.multiply(0.1));
  }

  // ---------------------------------------------------------------- instance helpers

  static HelperModel model() {
    return new HelperModel(new double[][] {{0.3, -0.7, 0.2}, {-0.4, 0.5, 0.9}},
        new double[] {0.1, -0.2}, 1.3);
  }

  static HelperModel direction() {
    return new HelperModel(new double[][] {{1, 0.5, -1}, {0.2, 0.3, 0.4}},
        new double[] {-0.5, 1}, 0.25);
  }

  @Test
  void instanceHelpersGiveTheAnnotatedAndTheInlineGradientJvpAndHvp() {
    // the annotated twin exactly; the method written inline is another program whose operations
    // come in another order, so its last bits may differ: they do on JDK 25, whose Math.tanh
    // differs from JDK 17's in the last place for some arguments (1e-14)
    HelperModel m = model();
    HelperModel_Grad.Energy copied = new HelperModel_Grad.Energy();
    HelperModel_Grad.EnergyAnnotated annotated = new HelperModel_Grad.EnergyAnnotated();
    HelperModel_Grad.EnergyInline inline = new HelperModel_Grad.EnergyInline();
    double value = copied.valueAndGradient(m, X);
    assertEquals(annotated.valueAndGradient(m, X), value, 0.0);
    assertEquals(inline.valueAndGradient(m, X), value, 1e-14);
    double[] grad = flat(copied.dw, copied.db, new double[] {copied.dgain});
    assertArrayEquals(flat(annotated.dw, annotated.db, new double[] {annotated.dgain}), grad, 0.0);
    assertArrayEquals(flat(inline.dw, inline.db, new double[] {inline.dgain}), grad, 1e-14);
    double jvp = copied.jvp(m, X, direction());
    assertEquals(annotated.jvp(m, X, direction()), jvp, 0.0);
    assertEquals(inline.jvp(m, X, direction()), jvp, 1e-14);
    copied.hvp(m, X, direction());
    annotated.hvp(m, X, direction());
    inline.hvp(m, X, direction());
    double[] hv = flat(copied.dw, copied.db, new double[] {copied.dgain});
    assertArrayEquals(flat(annotated.dw, annotated.db, new double[] {annotated.dgain}), hv, 0.0);
    assertArrayEquals(flat(inline.dw, inline.db, new double[] {inline.dgain}), hv, 1e-14);
  }

  @Test
  void instanceHelpersMatchCentralDifferencesAndHipparchus() {
    HelperModel_Grad.Energy g = new HelperModel_Grad.Energy();
    double value = g.valueAndGradient(model(), X);
    double[] at = flat(model().w, model().b, new double[] {model().gain});
    double[] grad = flat(g.dw, g.db, new double[] {g.dgain});
    assertArrayEquals(central(CopiedHelpersTest::energyOfFlat, at), grad, 1e-8);
    Gradient t = energyTwin(at);
    assertEquals(t.getValue(), value, 1e-14);
    assertArrayEquals(t.getGradient(), grad, 1e-14);
    HelperModel d = direction();
    double[] dir = flat(d.w, d.b, new double[] {d.gain});
    double fd = (energyOfFlat(step(at, dir, H)) - energyOfFlat(step(at, dir, -H))) / (2 * H);
    assertEquals(fd, new HelperModel_Grad.Energy().jvp(model(), X, d), 1e-8);
    double[] plus = energyGradient(step(at, dir, H));
    double[] minus = energyGradient(step(at, dir, -H));
    g.hvp(model(), X, d);
    double[] hv = flat(g.dw, g.db, new double[] {g.dgain});
    for (int k = 0; k < hv.length; k++) {
      double dd = (plus[k] - minus[k]) / (2 * H);
      assertEquals(dd, hv[k], 1e-6 * (1 + Math.abs(dd)), "Hv[" + k + "]");
    }
  }

  /** {@link HelperModel#energy} over (w, b, gain) in Hipparchus forward-mode arithmetic. */
  private static Gradient energyTwin(double[] v) {
    int n = v.length;
    Gradient[] g = new Gradient[n];
    for (int k = 0; k < n; k++) {
      g[k] = Gradient.variable(n, k, v[k]);
    }
    Gradient s = Gradient.constant(n, 0);
    for (int i = 0; i < 2; i++) {
      Gradient z = g[6 + i];
      for (int j = 0; j < 3; j++) {
        z = z.add(g[3 * i + j].multiply(X[j]));
      }
      Gradient u = g[8].multiply(z.tanh());
      s = s.add(u.multiply(u));
    }
    return s;
  }

  // ---------------------------------------------------------------- record parameters

  private static final RecordHelpers.Reversion P = new RecordHelpers.Reversion(0.8, 1.5);
  private static final RecordHelpers.Reversion PV = new RecordHelpers.Reversion(0.3, -0.6);

  @Test
  void aHelperGivenARecordGivesExactlyTheAnnotatedGradientJvpAndHvp() {
    RecordHelpers_Grad.Path copied = new RecordHelpers_Grad.Path();
    RecordHelpers_Grad.PathAnnotated annotated = new RecordHelpers_Grad.PathAnnotated();
    assertEquals(annotated.valueAndGradient(P, 0.2, 20, 0.05),
        copied.valueAndGradient(P, 0.2, 20, 0.05), 0.0);
    assertArrayEquals(new double[] {annotated.dp.kappa, annotated.dp.theta, annotated.dx0,
        annotated.ddt}, new double[] {copied.dp.kappa, copied.dp.theta, copied.dx0, copied.ddt},
        0.0);
    assertEquals(annotated.jvp(P, 0.2, 20, 0.05, PV, 0.4, 0.01),
        copied.jvp(P, 0.2, 20, 0.05, PV, 0.4, 0.01), 0.0);
    annotated.hvp(P, 0.2, 20, 0.05, PV, 0.4, 0.01);
    copied.hvp(P, 0.2, 20, 0.05, PV, 0.4, 0.01);
    assertArrayEquals(new double[] {annotated.dp.kappa, annotated.dp.theta, annotated.dx0,
        annotated.ddt}, new double[] {copied.dp.kappa, copied.dp.theta, copied.dx0, copied.ddt},
        0.0);
  }

  @Test
  void aHelperGivenARecordMatchesCentralDifferencesAndHipparchus() {
    RecordHelpers_Grad.Path g = new RecordHelpers_Grad.Path();
    double value = g.valueAndGradient(P, 0.2, 20, 0.05);
    double[] at = {0.8, 1.5, 0.2, 0.05};
    double[] grad = {g.dp.kappa, g.dp.theta, g.dx0, g.ddt};
    assertArrayEquals(central(CopiedHelpersTest::pathOfFlat, at), grad, 1e-7);
    Gradient k = Gradient.variable(4, 0, 0.8);
    Gradient th = Gradient.variable(4, 1, 1.5);
    Gradient x = Gradient.variable(4, 2, 0.2);
    Gradient dt = Gradient.variable(4, 3, 0.05);
    for (int s = 0; s < 20; s++) {
      x = x.add(k.multiply(th.subtract(x)).multiply(dt));
    }
    Gradient t = x.multiply(x);
    assertEquals(t.getValue(), value, 1e-14);
    assertArrayEquals(t.getGradient(), grad, 1e-13);
    double[] dir = {0.3, -0.6, 0.4, 0.01};
    double fd = (pathOfFlat(step(at, dir, H)) - pathOfFlat(step(at, dir, -H))) / (2 * H);
    assertEquals(fd, new RecordHelpers_Grad.Path().jvp(P, 0.2, 20, 0.05, PV, 0.4, 0.01), 1e-8);
  }

  // ---------------------------------------------------------------- allocation

  @Test
  void copiedHelpersAllocateNothingInAnyMode() {
    PrivateHelpers_Grad.Layer layer = new PrivateHelpers_Grad.Layer();
    PrivateHelpers_Grad.TwoLayers two = new PrivateHelpers_Grad.TwoLayers();
    PrivateHelpers_Grad.Guarded guarded = new PrivateHelpers_Grad.Guarded();
    OtherPackageHelpers_Grad.Scores scores = new OtherPackageHelpers_Grad.Scores();
    PrivateHelpers_Grad.Annealed annealed = new PrivateHelpers_Grad.Annealed();
    double[] a4 = {0.3, -0.8, 1.1, 0.2};
    double[] v4 = {1, -0.5, 0.25, 0.75};
    double[] v = {0.7, -0.1, 0.2};
    HelperModel_Grad.Energy energy = new HelperModel_Grad.Energy();
    RecordHelpers_Grad.Path path = new RecordHelpers_Grad.Path();
    HelperModel m = model();
    HelperModel d = direction();
    assertAllocatesNothing("copied helpers", () -> {
      double s = 0;
      for (int k = 0; k < 500; k++) {
        s += layer.valueAndGradient(W, B, X) + layer.jvp(W, B, X, WV, BV, XV)
            + layer.hvp(W, B, X, WV, BV, XV);
        s += two.valueAndGradient(W, B, X) + two.jvp(W, B, X, WV, BV, XV)
            + two.hvp(W, B, X, WV, BV, XV);
        s += annealed.valueAndGradient(a4) + annealed.jvp(a4, v4) + annealed.hvp(a4, v4);
        s += scores.valueAndGradient(W, X) + scores.jvp(W, X, WV, XV) + scores.hvp(W, X, WV, XV);
        s += guarded.valueAndGradient(X) + guarded.jvp(X, v) + guarded.hvp(X, v);
        s += energy.valueAndGradient(m, X) + energy.jvp(m, X, d) + energy.hvp(m, X, d);
        s += path.valueAndGradient(P, 0.2, 20, 0.05) + path.jvp(P, 0.2, 20, 0.05, PV, 0.4, 0.01)
            + path.hvp(P, 0.2, 20, 0.05, PV, 0.4, 0.01);
      }
      sink = s;
    });
  }

  // ---------------------------------------------------------------- flat views

  private static double layerOfFlat(double[] v) {
    return PrivateHelpers.layer(new double[][] {{v[0], v[1], v[2]}, {v[3], v[4], v[5]}},
        new double[] {v[6], v[7]}, new double[] {v[8], v[9], v[10]});
  }

  private static double twoLayersOfFlat(double[] v) {
    return PrivateHelpers.twoLayers(new double[][] {{v[0], v[1], v[2]}, {v[3], v[4], v[5]}},
        new double[] {v[6], v[7]}, new double[] {v[8], v[9], v[10]});
  }

  private static double[] layerGradient(double[] v) {
    PrivateHelpers_Grad.Layer g = new PrivateHelpers_Grad.Layer();
    g.valueAndGradient(new double[][] {{v[0], v[1], v[2]}, {v[3], v[4], v[5]}},
        new double[] {v[6], v[7]}, new double[] {v[8], v[9], v[10]});
    return flat(g.dw, g.db, g.dx);
  }

  private static HelperModel modelOfFlat(double[] v) {
    return new HelperModel(new double[][] {{v[0], v[1], v[2]}, {v[3], v[4], v[5]}},
        new double[] {v[6], v[7]}, v[8]);
  }

  private static double energyOfFlat(double[] v) {
    return modelOfFlat(v).energy(X);
  }

  private static double[] energyGradient(double[] v) {
    HelperModel_Grad.Energy g = new HelperModel_Grad.Energy();
    g.valueAndGradient(modelOfFlat(v), X);
    return flat(g.dw, g.db, new double[] {g.dgain});
  }

  private static double pathOfFlat(double[] v) {
    return RecordHelpers.path(new RecordHelpers.Reversion(v[0], v[1]), v[2], 20, v[3]);
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

  private static double[] step(double[] at, double[] dir, double h) {
    double[] out = at.clone();
    for (int k = 0; k < out.length; k++) {
      out[k] += h * dir[k];
    }
    return out;
  }

  private static double[] central(ToDoubleFunction<double[]> f, double[] at) {
    double[] g = new double[at.length];
    for (int k = 0; k < at.length; k++) {
      double[] p = at.clone();
      double[] m = at.clone();
      p[k] += H;
      m[k] -= H;
      g[k] = (f.applyAsDouble(p) - f.applyAsDouble(m)) / (2 * H);
    }
    return g;
  }
}

package dev.tapeless.it.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.it.records.Decays.Curve;
import dev.tapeless.it.records.Layers.Dense;
import dev.tapeless.it.records.Layers.Net;
import dev.tapeless.it.records.Surfaces.Market;
import dev.tapeless.it.records.Surfaces.Shape;
import dev.tapeless.it.records.Surfaces.Surface;
import dev.tapeless.runtime.GradCheck;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;

/**
 * Records as inputs: the gradient lands in the frame's adjoint twin, component by component,
 * and matches central differences of the record's components (and Hipparchus where a closed
 * form is at hand); records nested, of arrays, passed to other methods, not differentiated.
 */
class RecordGradientsTest {

  static final Market MARKET = new Market(100.0, 0.02,
      new double[] {80, 90, 100, 110, 120, 95, 105},
      new double[] {0.5, 0.5, 1.0, 1.0, 2.0, 0.25, 3.0},
      new double[] {22.1, 13.4, 9.0, 5.2, 7.4, 6.1, 14.9});
  static final Surface SURFACE = new Surface(0.22, 0.18, 1.3, new Shape(-0.12, 0.35));

  static final double[] T = {0.0, 0.5, 1.0, 1.5, 2.5, 4.0};
  static final double[] Y = {3.1, 2.2, 1.7, 1.3, 1.0, 0.85};
  static final Curve CURVE = new Curve(2.4, 0.9, 0.7);

  static Net net() {
    return new Net(
        new Dense(new double[][] {{0.5, -0.3, 0.2}, {0.1, 0.4, -0.6}, {-0.2, 0.3, 0.7},
            {0.25, -0.45, 0.15}}, new double[] {0.1, -0.2, 0.05, 0.3}),
        new Dense(new double[][] {{0.3, -0.2, 0.5, 0.1}, {-0.4, 0.6, 0.2, -0.3}},
            new double[] {0.05, -0.1}),
        1.5);
  }

  static final double[] X = {0.7, -0.4, 1.1};
  static final double[] TARGET = {0.3, -0.2};

  static Surface surfaceOf(double[] v) {
    return new Surface(v[0], v[1], v[2], new Shape(v[3], v[4]));
  }

  @Test
  void calibrationGradientFillsTheNestedTwinAndMatchesDifferences() {
    Surfaces_Grad.Loss g = new Surfaces_Grad.Loss();
    double value = g.valueAndGradient(SURFACE, MARKET);
    assertEquals(Surfaces.loss(SURFACE, MARKET), value, 1e-12 * value);
    double[] analytic = {g.ds.level, g.ds.longRun, g.ds.decay, g.ds.shape.skew,
        g.ds.shape.smile};
    double[] at = {0.22, 0.18, 1.3, -0.12, 0.35};
    GradCheck.check(v -> Surfaces.loss(surfaceOf(v), MARKET), at, analytic,
        GradCheck.Options.DEFAULT.withStep(1e-5)).assertWithin(1e-7);
  }

  @Test
  void accumulateAddsIntoTheTwinAndZeroClearsItNestedRecordsToo() {
    Surfaces_Grad.Loss g = new Surfaces_Grad.Loss();
    g.valueAndGradient(SURFACE, MARKET);
    double skew = g.ds.shape.skew;
    g.accumulate(SURFACE, MARKET);
    assertEquals(2 * skew, g.ds.shape.skew, 1e-12 * Math.abs(skew));
    g.zero();
    assertEquals(0.0, g.ds.shape.skew);
    assertEquals(0.0, g.ds.level);
  }

  @Test
  void decayGradientAndHessianMatchHipparchus() {
    DSFactory factory = new DSFactory(3, 2);
    DerivativeStructure a = factory.variable(0, CURVE.amplitude());
    DerivativeStructure k = factory.variable(1, CURVE.rate());
    DerivativeStructure c = factory.variable(2, CURVE.offset());
    DerivativeStructure sum = factory.constant(0);
    for (int i = 0; i < T.length; i++) {
      DerivativeStructure r = a.multiply(k.multiply(-T[i]).exp()).add(c).subtract(Y[i]);
      sum = sum.add(r.multiply(r));
    }
    Decays_Grad.FitCurveOnly g = new Decays_Grad.FitCurveOnly();
    g.valueAndGradient(CURVE, T, Y);
    double[] gradient = {g.dc.amplitude, g.dc.rate, g.dc.offset};
    double[][] hessian = new double[3][3];
    g.hessian(CURVE, T, Y, hessian);
    for (int i = 0; i < 3; i++) {
      int[] first = new int[3];
      first[i] = 1;
      double expected = sum.getPartialDerivative(first);
      assertEquals(expected, gradient[i], 1e-13 * (1 + Math.abs(expected)), "gradient " + i);
      for (int j = 0; j < 3; j++) {
        int[] second = new int[3];
        second[i]++;
        second[j]++;
        double h = sum.getPartialDerivative(second);
        assertEquals(h, hessian[i][j], 1e-12 * (1 + Math.abs(h)), "H[" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void recordsOfArraysPassedToACalleeWithOutputs() {
    Net net = net();
    Layers_Grad.Loss g = new Layers_Grad.Loss();
    g.valueAndGradient(net, X, TARGET);
    double[] flat = flatten(net);
    double[] analytic = concat(flatten(g.dnet.hidden.weights), g.dnet.hidden.bias,
        flatten(g.dnet.output.weights), g.dnet.output.bias, new double[] {g.dnet.scale});
    GradCheck.check(v -> Layers.loss(unflatten(v), X, TARGET), flat, analytic,
        GradCheck.Options.DEFAULT.withStep(1e-5)).assertWithin(1e-7);
    double[] dx = g.dx.clone();
    GradCheck.check(v -> Layers.loss(net, v, TARGET), X.clone(), dx,
        GradCheck.Options.DEFAULT.withStep(1e-5)).assertWithin(1e-7);
  }

  @Test
  void rowVariablesOfRecordComponentsGiveTheGradientOfIndexingThem() {
    Net net = net();
    Layers_Grad.Loss indexed = new Layers_Grad.Loss();
    Layers_Grad.LossWithRows rows = new Layers_Grad.LossWithRows();
    assertEquals(indexed.valueAndGradient(net, X, TARGET), rows.valueAndGradient(net, X, TARGET));
    assertArrayEquals(concat(flatten(indexed.dnet.hidden.weights), indexed.dnet.hidden.bias,
            flatten(indexed.dnet.output.weights), indexed.dnet.output.bias, indexed.dx),
        concat(flatten(rows.dnet.hidden.weights), rows.dnet.hidden.bias,
            flatten(rows.dnet.output.weights), rows.dnet.output.bias, rows.dx));
    GradCheck.check(v -> Layers.lossWithRows(unflatten(v), X, TARGET), flatten(net),
        concat(flatten(rows.dnet.hidden.weights), rows.dnet.hidden.bias,
            flatten(rows.dnet.output.weights), rows.dnet.output.bias,
            new double[] {rows.dnet.scale}),
        GradCheck.Options.DEFAULT.withStep(1e-5)).assertWithin(1e-7);
  }

  @Test
  void aRecordOfAnotherClassPassedOnKeepsItsDerivative() {
    Net net = net();
    Layers_Grad.WithPrior g = new Layers_Grad.WithPrior();
    g.valueAndGradient(net, X, TARGET, CURVE);
    double[] analytic = {g.dprior.amplitude, g.dprior.rate, g.dprior.offset};
    GradCheck.check(v -> Layers.withPrior(net, X, TARGET, new Curve(v[0], v[1], v[2])),
        new double[] {CURVE.amplitude(), CURVE.rate(), CURVE.offset()}, analytic,
        GradCheck.Options.DEFAULT.withStep(1e-5)).assertWithin(1e-7);
    assertEquals(net.scale(), 1.5);
    double dscale = g.dnet.scale;
    Layers_Grad.Loss plain = new Layers_Grad.Loss();
    plain.valueAndGradient(net, X, TARGET);
    assertEquals(plain.dnet.scale, dscale, 1e-14);
  }

  @Test
  void floatRecordMatchesHipparchusToFloatPrecision() {
    Decays.FloatCurve curve = new Decays.FloatCurve(2.5f, 0.875f, 0.75f, 2);
    float[] t = {0f, 0.5f, 1f, 1.5f, 2.5f, 4f};
    float[] y = {3.125f, 2.25f, 1.75f, 1.25f, 1f, 0.875f};
    DSFactory factory = new DSFactory(3, 1);
    DerivativeStructure a = factory.variable(0, curve.amplitude());
    DerivativeStructure k = factory.variable(1, curve.rate());
    DerivativeStructure c = factory.variable(2, curve.offset());
    DerivativeStructure sum = factory.constant(0);
    for (int i = 0; i < t.length; i++) {
      DerivativeStructure r = a.multiply(k.multiply(-t[i]).exp()).add(c).subtract(y[i]);
      sum = sum.add(r.multiply(r).multiply(i >= t.length - 2 ? 2 : 1));
    }
    Decays_Grad.FitFloat g = new Decays_Grad.FitFloat();
    float value = g.valueAndGradient(curve, t, y);
    assertEquals(sum.getValue(), value, 1e-5 * Math.abs(sum.getValue()));
    float[] analytic = {g.dc.amplitude, g.dc.rate, g.dc.offset};
    for (int i = 0; i < 3; i++) {
      int[] order = new int[3];
      order[i] = 1;
      double expected = sum.getPartialDerivative(order);
      assertEquals(expected, analytic[i], 1e-4 * (1 + Math.abs(expected)), "gradient " + i);
    }
  }

  static double[] flatten(Net n) {
    return concat(flatten(n.hidden().weights()), n.hidden().bias(), flatten(n.output().weights()),
        n.output().bias(), new double[] {n.scale()});
  }

  static Net unflatten(double[] v) {
    int[] k = {0};
    Dense hidden = new Dense(take(v, k, 4, 3), take(v, k, 4));
    Dense output = new Dense(take(v, k, 2, 4), take(v, k, 2));
    return new Net(hidden, output, v[k[0]]);
  }

  private static double[][] take(double[] v, int[] k, int rows, int cols) {
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = take(v, k, cols);
    }
    return m;
  }

  private static double[] take(double[] v, int[] k, int n) {
    double[] out = java.util.Arrays.copyOfRange(v, k[0], k[0] + n);
    k[0] += n;
    return out;
  }

  static double[] flatten(double[][] m) {
    return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
  }

  static double[] concat(double[]... parts) {
    return java.util.Arrays.stream(parts).flatMapToDouble(java.util.Arrays::stream).toArray();
  }
}

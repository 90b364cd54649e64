package dev.tapeless.it.models;

import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.GradCheck;
import dev.tapeless.runtime.train.Adam;
import dev.tapeless.runtime.train.Parameters;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Instance methods of model classes: the frame takes the object, the gradient of each input
 * field lands in {@code d<field>} (a twin for a record field), matching differences of the
 * fields; calls between the object's methods keep it; {@code parameters} binds the weights to
 * the frame so an optimizer trains the object itself.
 */
class ModelClassTest {

  static Classifier classifier() {
    return new Classifier(
        new double[][] {{0.5, -0.3, 0.2}, {0.1, 0.4, -0.6}, {-0.2, 0.3, 0.7}},
        new double[] {0.1, -0.2, 0.05},
        new Classifier.Output(new double[][] {{0.3, -0.2, 0.5}, {-0.4, 0.6, 0.2}},
            new double[] {0.05, -0.1}),
        1.25, new double[] {1.0, 0.5, 1.0});
  }

  static final double[] X = {0.7, -0.4, 1.1};

  /** Moves every input field of {@code c} to {@code v}, in the frame's flattening order. */
  static void set(Classifier c, double[] v) {
    int[] k = {0};
    Consumer<double[]> row = r -> {
      for (int j = 0; j < r.length; j++) {
        r[j] = v[k[0]++];
      }
    };
    Arrays.stream(c.hidden).forEach(row);
    row.accept(c.hiddenBias);
    Arrays.stream(c.output.weights()).forEach(row);
    row.accept(c.output.bias());
    c.temperature = v[k[0]];
  }

  static double[] flatGradient(Classifier_Grad.Loss g) {
    double[] out = new double[9 + 3 + 6 + 2 + 1];
    int k = 0;
    for (double[] r : g.dhidden) {
      for (double d : r) {
        out[k++] = d;
      }
    }
    for (double d : g.dhiddenBias) {
      out[k++] = d;
    }
    for (double[] r : g.doutput.weights) {
      for (double d : r) {
        out[k++] = d;
      }
    }
    for (double d : g.doutput.bias) {
      out[k++] = d;
    }
    out[k] = g.dtemperature;
    return out;
  }

  @Test
  void aRowVariableOfAFieldGivesTheGradientOfIndexingIt() {
    Classifier c = classifier();
    for (int i = 0; i < 3; i++) {
      Classifier_Grad.Unit indexed = new Classifier_Grad.Unit();
      Classifier_Grad.UnitWithRow row = new Classifier_Grad.UnitWithRow();
      assertEquals(indexed.valueAndGradient(c, X, i), row.valueAndGradient(c, X, i));
      for (int r = 0; r < 3; r++) {
        assertArrayEquals(indexed.dhidden[r], row.dhidden[r]);
      }
      assertArrayEquals(indexed.dhiddenBias, row.dhiddenBias);
    }
  }

  @Test
  void gradientOfEveryFieldMatchesDifferences() {
    Classifier c = classifier();
    Classifier_Grad.Loss g = new Classifier_Grad.Loss();
    double value = g.valueAndGradient(c, X, 1);
    assertEquals(c.loss(X, 1), value, 1e-14);
    double[] analytic = flatGradient(g);
    Classifier probe = classifier();
    GradCheck.check(v -> {
      set(probe, v);
      return probe.loss(X, 1);
    }, flatCopy(classifier()), analytic, GradCheck.Options.DEFAULT.withStep(1e-5))
        .assertWithin(1e-7);
  }

  private static double[] flatCopy(Classifier c) {
    Classifier_Grad.Loss g = new Classifier_Grad.Loss();
    g.valueAndGradient(c, X, 1);
    double[] v = new double[21];
    int k = 0;
    for (double[] r : c.hidden) {
      for (double d : r) {
        v[k++] = d;
      }
    }
    for (double d : c.hiddenBias) {
      v[k++] = d;
    }
    for (double[] r : c.output.weights()) {
      for (double d : r) {
        v[k++] = d;
      }
    }
    for (double d : c.output.bias()) {
      v[k++] = d;
    }
    v[k] = c.temperature;
    return v;
  }

  @Test
  void hvpAlongAModelDirectionMatchesDifferencesOfTheGradient() {
    Classifier c = classifier();
    Classifier direction = classifier();
    Classifier_Grad.Loss g = new Classifier_Grad.Loss();
    g.hvp(c, X, 0, direction);
    double[] hv = flatGradient(g);
    double[] base = flatCopy(c);
    double[] dir = flatCopy(direction);
    double h = 1e-6;
    double[] plus = gradientAt(base, dir, h);
    double[] minus = gradientAt(base, dir, -h);
    for (int k = 0; k < hv.length; k++) {
      double fd = (plus[k] - minus[k]) / (2 * h);
      assertEquals(fd, hv[k], 1e-5 * (1 + Math.abs(fd)), "Hv[" + k + "]");
    }
    double jvp = new Classifier_Grad.Loss().jvp(c, X, 0, direction);
    Classifier_Grad.Loss plain = new Classifier_Grad.Loss();
    plain.valueAndGradient(c, X, 0);
    double expected = 0;
    double[] grad = flatGradient(plain);
    for (int k = 0; k < grad.length; k++) {
      expected += grad[k] * dir[k];
    }
    assertEquals(expected, jvp, 1e-12 * (1 + Math.abs(expected)));
  }

  private static double[] gradientAt(double[] base, double[] dir, double step) {
    double[] v = base.clone();
    for (int k = 0; k < v.length; k++) {
      v[k] += step * dir[k];
    }
    Classifier c = classifier();
    set(c, v);
    Classifier_Grad.Loss g = new Classifier_Grad.Loss();
    g.valueAndGradient(c, X, 0);
    return flatGradient(g);
  }

  @Test
  void aRecordsInstanceMethodDifferentiatesItsComponents() {
    Oscillator o = new Oscillator(4.0, 0.3, 1.5);
    Oscillator_Grad.Miss g = new Oscillator_Grad.Miss();
    g.valueAndGradient(o, 1.0, 50, 0.05, 0.2);
    double[] analytic = {g.dstiffness, g.ddamping, g.dmass};
    GradCheck.check(v -> new Oscillator(v[0], v[1], v[2]).miss(1.0, 50, 0.05, 0.2),
        new double[] {4.0, 0.3, 1.5}, analytic, GradCheck.Options.DEFAULT.withStep(1e-5))
        .assertWithin(1e-7);
    double[][] hessian = new double[6][6];
    g.hessian(o, 1.0, 50, 0.05, 0.2, hessian);
    g.hvp(o, 1.0, 50, 0.05, 0.2, new Oscillator(0, 1, 0), 0, 0, 0);
    assertEquals(hessian[1][0], g.dstiffness, 1e-12 * (1 + Math.abs(hessian[1][0])));
  }

  @Test
  void parametersBindTheWeightsSoAdamTrainsTheObject() {
    SplittableRandom random = new SplittableRandom(7);
    double[][] xs = new double[64][3];
    int[] labels = new int[64];
    for (int n = 0; n < xs.length; n++) {
      for (int j = 0; j < 3; j++) {
        xs[n][j] = random.nextDouble(-1, 1);
      }
      labels[n] = xs[n][0] + 0.5 * xs[n][2] > 0 ? 1 : 0;
    }
    Classifier c = classifier();
    Classifier_Grad.Loss g = new Classifier_Grad.Loss();
    Parameters p = g.parameters(c);
    assertSame(g.dhidden, p.matrixGradient("hidden"));
    assertSame(g.doutput.bias, p.vectorGradient("output.bias"));
    Adam adam = new Adam(p, 0.05);
    double before = meanLoss(c, xs, labels);
    for (int epoch = 0; epoch < 60; epoch++) {
      p.zeroGradients();
      for (int n = 0; n < xs.length; n++) {
        g.accumulate(c, xs[n], labels[n]);
      }
      adam.step();
    }
    double after = meanLoss(c, xs, labels);
    assertTrue(after < 0.3 * before, "mean loss " + before + " -> " + after);
    assertAllocatesNothing("Classifier.loss", () -> {
      for (int k = 0; k < 200; k++) {
        g.accumulate(c, xs[k % 64], labels[k % 64]);
        g.hvp(c, xs[k % 64], labels[k % 64], c);
      }
    });
  }

  private static double meanLoss(Classifier c, double[][] xs, int[] labels) {
    double s = 0;
    for (int n = 0; n < xs.length; n++) {
      s += c.loss(xs[n], labels[n]);
    }
    return s / xs.length;
  }

  @Test
  void floatModelGradientAndParametersAreFloat() {
    FloatModel m = new FloatModel(new float[][] {{0.5f, -0.25f}, {0.125f, 0.75f}},
        new float[] {0.0625f, -0.125f});
    float[] x = {0.25f, -0.5f};
    float[] y = {0.5f, 0.25f};
    FloatModel_Grad.Loss g = new FloatModel_Grad.Loss();
    Parameters p = g.parameters(m, x, y);
    assertTrue(p.isFloat("weights"));
    g.valueAndGradient(m, x, y);
    float z0 = m.bias[0] + m.weights[0][0] * x[0] + m.weights[0][1] * x[1];
    assertEquals((z0 - y[0]) * x[1], g.dweights[0][1], 1e-6f);
    assertEquals(z0 - y[0], g.dbias[0], 1e-6f);
    assertSame(g.dweights, p.floatMatrixGradient("weights"));
  }
}

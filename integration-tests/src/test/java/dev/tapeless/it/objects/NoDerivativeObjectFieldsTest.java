package dev.tapeless.it.objects;

import static dev.tapeless.it.objects.ObjectParameterGradientsTest.assertClose;
import static dev.tapeless.it.objects.ObjectParameterGradientsTest.centralDifferences;
import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code @NoDerivative} object fields of a model class ({@link NoisySim}): the gradient in the
 * numeric fields and the parameter matches central differences with fresh objects per
 * evaluation, each entry point that evaluates the body once draws exactly what the plain method
 * draws (the objects' next draws and call counts agree), {@code jvp} and {@code hvp} match the
 * gradient and its differences, {@code parameters} holds only the numeric fields, and nothing
 * is allocated after warm-up.
 */
class NoDerivativeObjectFieldsTest {
  static final double[] W = {0.6, -0.4, 0.9};
  static final double SCALE = 1.3;
  static final double[] X = {0.5, 1.2, -0.7};
  static final long SEED = 11;

  /** A model at {@code w} and {@code scale} with fresh objects from the same seeds. */
  static NoisySim sim(double[] w, double scale) {
    return new NoisySim(w.clone(), scale, new Random(SEED), new SplittableRandom(SEED + 1),
        new CountingSource(0.75));
  }

  /** loss at v = [w..., scale, x...], fresh objects. */
  static double lossAt(double[] v) {
    double[] w = java.util.Arrays.copyOfRange(v, 0, 3);
    double[] x = java.util.Arrays.copyOfRange(v, 4, 7);
    return sim(w, v[3]).loss(x);
  }

  static double[] point() {
    return new double[] {W[0], W[1], W[2], SCALE, X[0], X[1], X[2]};
  }

  static double[] gradient(NoisySim_Grad.Loss g) {
    return new double[] {g.dw[0], g.dw[1], g.dw[2], g.dscale, g.dx[0], g.dx[1], g.dx[2]};
  }

  /** The plain method's objects after one call, as a test compares them. */
  static NoisySim plainRun(double[] value) {
    NoisySim s = sim(W, SCALE);
    value[0] = s.loss(X.clone());
    return s;
  }

  static void assertSameDraws(String entry, NoisySim plain, NoisySim frame) {
    assertEquals(plain.rng.nextLong(), frame.rng.nextLong(), entry + ": the Random's next draw");
    assertEquals(plain.split.nextLong(), frame.split.nextLong(),
        entry + ": the SplittableRandom's next draw");
    assertEquals(plain.src.calls, frame.src.calls, entry + ": the source's calls");
  }

  @Test
  void gradientMatchesCentralDifferencesWithFreshObjectsPerEvaluation() {
    NoisySim_Grad.Loss g = new NoisySim_Grad.Loss();
    double[] value = new double[1];
    NoisySim plain = plainRun(value);
    NoisySim s = sim(W, SCALE);
    assertEquals(value[0], g.valueAndGradient(s, X.clone()), 1e-12);
    assertSameDraws("valueAndGradient", plain, s);
    double[] fd = centralDifferences(NoDerivativeObjectFieldsTest::lossAt, point());
    double[] got = gradient(g);
    for (int i = 0; i < fd.length; i++) {
      assertClose(fd[i], got[i], 1e-6, "component " + i);
    }
  }

  @Test
  void everyEntryPointThatEvaluatesOnceDrawsLikeThePlainMethod() {
    double[] value = new double[1];
    NoisySim_Grad.Loss g = new NoisySim_Grad.Loss();
    NoisySim s = sim(W, SCALE);
    g.accumulate(s, X.clone());
    assertSameDraws("accumulate", plainRun(value), s);
    s = sim(W, SCALE);
    assertEquals(value[0], g.primal(s, X.clone()), 1e-12);
    assertSameDraws("primal", plainRun(value), s);
    s = sim(W, SCALE);
    g.jvp(s, X.clone(), sim(W, 0.5), new double[] {1, 0, 0});
    assertSameDraws("jvp", plainRun(value), s);
    s = sim(W, SCALE);
    g.hvp(s, X.clone(), sim(W, 0.5), new double[] {1, 0, 0});
    assertSameDraws("hvp", plainRun(value), s);
  }

  @Test
  void jvpAndHvpMatchTheGradientAndItsDifferences() {
    double[] tw = {1.0, -0.5, 0.25};
    double ts = 0.5;
    double[] tx = {0.3, 0.0, -1.0};
    double[] dir = {tw[0], tw[1], tw[2], ts, tx[0], tx[1], tx[2]};
    NoisySim_Grad.Loss g = new NoisySim_Grad.Loss();
    g.valueAndGradient(sim(W, SCALE), X.clone());
    double[] grad = gradient(g);
    double expected = 0;
    for (int i = 0; i < grad.length; i++) {
      expected += grad[i] * dir[i];
    }
    assertClose(expected, g.jvp(sim(W, SCALE), X.clone(), sim(tw, ts), tx), 1e-12, "jvp");
    g.hvp(sim(W, SCALE), X.clone(), sim(tw, ts), tx);
    double[] hv = gradient(g);
    double h = 1e-5;
    double[] plus = gradientAt(dir, h);
    double[] minus = gradientAt(dir, -h);
    for (int i = 0; i < hv.length; i++) {
      assertClose((plus[i] - minus[i]) / (2 * h), hv[i], 1e-6, "Hv[" + i + "]");
    }
  }

  private static double[] gradientAt(double[] dir, double step) {
    double[] w = W.clone();
    double[] x = X.clone();
    for (int i = 0; i < 3; i++) {
      w[i] += step * dir[i];
      x[i] += step * dir[4 + i];
    }
    NoisySim_Grad.Loss g = new NoisySim_Grad.Loss();
    g.valueAndGradient(sim(w, SCALE + step * dir[3]), x);
    return gradient(g);
  }

  @Test
  void parametersHoldOnlyTheNumericFields() {
    dev.tapeless.runtime.train.Parameters p = new NoisySim_Grad.Loss().parameters(sim(W, SCALE),
        X.clone());
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < p.parameterCount(); i++) {
      names.add(p.name(i));
    }
    org.junit.jupiter.api.Assertions.assertTrue(names.contains("w"), names.toString());
    for (String object : new String[] {"rng", "split", "src"}) {
      org.junit.jupiter.api.Assertions.assertFalse(names.contains(object), names.toString());
    }
  }

  @Test
  void gradientJvpAndHvpAllocateNothingAfterWarmUp() {
    NoisySim_Grad.Loss g = new NoisySim_Grad.Loss();
    NoisySim s = sim(W, SCALE);
    NoisySim t = sim(W, 0.5);
    double[] x = X.clone();
    double[] tx = {1, 0, 0};
    assertAllocatesNothing("NoisySim.loss", () -> {
      double sum = 0;
      for (int k = 0; k < 500; k++) {
        s.rng.setSeed(k);
        sum += g.valueAndGradient(s, x) + g.jvp(s, x, t, tx) + g.hvp(s, x, t, tx);
      }
      sink = sum;
    });
  }

  /** Keeps the results alive. */
  private static volatile double sink;
}

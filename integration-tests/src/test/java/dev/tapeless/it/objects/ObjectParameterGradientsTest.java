package dev.tapeless.it.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * A {@code @NoDerivative} object parameter is called by every entry point that evaluates the
 * body once exactly as the plain method calls it: a frame given {@code new Random(42)} returns
 * the plain method's value with {@code new Random(42)}, leaves the generator in the same state,
 * and its gradient is the central difference of the method with a fresh {@code Random(42)} per
 * evaluation (the draws are constants).
 */
class ObjectParameterGradientsTest {

  static final long SEED = 42;
  static final double[] W = {0.7, -0.4, 1.1, 0.25};
  static final double S = 0.8;
  static final int STEPS = 12;

  /** Central differences of {@code f} at {@code x}, one fresh object per evaluation inside f. */
  static double[] centralDifferences(ToDoubleFunction<double[]> f, double[] x) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double h = 1e-6 * Math.max(1, Math.abs(x[i]));
      double[] p = x.clone();
      double[] m = x.clone();
      p[i] += h;
      m[i] -= h;
      g[i] = (f.applyAsDouble(p) - f.applyAsDouble(m)) / (2 * h);
    }
    return g;
  }

  static void assertClose(double expected, double actual, double rel, String what) {
    assertEquals(expected, actual, rel * (1 + Math.abs(expected)), what);
  }

  /** walk(w, s) with a fresh Random(SEED): x = [w..., s]. */
  static double walkAt(double[] x) {
    double[] w = java.util.Arrays.copyOf(x, W.length);
    return Draws.walk(w, x[W.length], new Random(SEED), STEPS);
  }

  static double[] walkPoint() {
    double[] x = java.util.Arrays.copyOf(W, W.length + 1);
    x[W.length] = S;
    return x;
  }

  @Test
  void noisyValueAndGradientDrawWhatThePlainMethodDraws() {
    Draws_Grad.Noisy g = new Draws_Grad.Noisy();
    double x = 1.3;
    double value = g.valueAndGradient(x, new Random(SEED));
    assertEquals(Draws.noisy(x, new Random(SEED)), value);
    double fd = (Draws.noisy(x + 1e-6, new Random(SEED))
        - Draws.noisy(x - 1e-6, new Random(SEED))) / 2e-6;
    assertClose(fd, g.dx, 1e-7, "dx");
    assertEquals(new Random(SEED).nextGaussian(), g.dx, 1e-15);
  }

  @Test
  void walkGradientMatchesCentralDifferencesWithAFreshRandomPerEvaluation() {
    Draws_Grad.Walk g = new Draws_Grad.Walk();
    Random rng = new Random(SEED);
    double value = g.valueAndGradient(W, S, rng, STEPS);
    Random plain = new Random(SEED);
    assertEquals(Draws.walk(W, S, plain, STEPS), value);
    assertEquals(plain.nextLong(), rng.nextLong(), "the generator is left where the plain"
        + " method leaves it");
    double[] fd = centralDifferences(ObjectParameterGradientsTest::walkAt, walkPoint());
    for (int i = 0; i < W.length; i++) {
      assertClose(fd[i], g.dw[i], 1e-6, "dw[" + i + "]");
    }
    assertClose(fd[W.length], g.ds, 1e-6, "ds");
  }

  @Test
  void walkPrimalAccumulateAndBackpropagateDrawLikeThePlainMethod() {
    Draws_Grad.Walk g = new Draws_Grad.Walk();
    double plain = Draws.walk(W, S, new Random(SEED), STEPS);
    assertEquals(plain, g.primal(W, S, new Random(SEED), STEPS));
    g.zero();
    assertEquals(plain, g.accumulate(W, S, new Random(SEED), STEPS));
    double ds = g.ds;
    assertEquals(plain, g.accumulate(W, S, new Random(SEED), STEPS));
    assertClose(2 * ds, g.ds, 1e-12, "accumulated ds");
  }

  @Test
  void walkJvpIsTheGradientAlongTheTangentWithTheSameDraws() {
    Draws_Grad.Walk g = new Draws_Grad.Walk();
    g.valueAndGradient(W, S, new Random(SEED), STEPS);
    double[] wt = {0.3, -1.0, 0.5, 2.0};
    double st = -0.7;
    double expected = st * g.ds;
    for (int i = 0; i < W.length; i++) {
      expected += wt[i] * g.dw[i];
    }
    Random rng = new Random(SEED);
    assertClose(expected, g.jvp(W, S, rng, STEPS, wt, st), 1e-12, "jvp");
    Random plain = new Random(SEED);
    Draws.walk(W, S, plain, STEPS);
    assertEquals(plain.nextLong(), rng.nextLong(), "jvp draws what the plain method draws");
  }

  @Test
  void walkHvpMatchesDifferencesOfGradientsWithAFreshRandomEach() {
    double[] wv = {1.0, 0.5, -0.5, 0.25};
    double sv = 0.4;
    Draws_Grad.Walk g = new Draws_Grad.Walk();
    Random rng = new Random(SEED);
    double value = g.hvp(W, S, rng, STEPS, wv, sv);
    Random plain = new Random(SEED);
    assertEquals(Draws.walk(W, S, plain, STEPS), value);
    assertEquals(plain.nextLong(), rng.nextLong(), "hvp draws what the plain method draws");
    double[] hv = java.util.Arrays.copyOf(g.dw, W.length + 1);
    hv[W.length] = g.ds;
    double h = 1e-5;
    double[] plus = walkGradient(h, wv, sv);
    double[] minus = walkGradient(-h, wv, sv);
    for (int i = 0; i <= W.length; i++) {
      double fd = (plus[i] - minus[i]) / (2 * h);
      assertClose(fd, hv[i], 1e-6, "Hv[" + i + "]");
    }
  }

  private static double[] walkGradient(double step, double[] wv, double sv) {
    double[] w = W.clone();
    for (int i = 0; i < w.length; i++) {
      w[i] += step * wv[i];
    }
    Draws_Grad.Walk g = new Draws_Grad.Walk();
    g.valueAndGradient(w, S + step * sv, new Random(SEED), STEPS);
    double[] out = java.util.Arrays.copyOf(g.dw, W.length + 1);
    out[W.length] = g.ds;
    return out;
  }

  @Test
  void hessianRowsAreHvpsOfSuccessiveDrawsAsItsJavadocSays() {
    int n = W.length + 1;
    double[][] hessian = new double[n][n];
    Random rng = new Random(SEED);
    new Draws_Grad.Walk().hessian(W, S, rng, STEPS, hessian);
    Random successive = new Random(SEED);
    Draws_Grad.Walk g = new Draws_Grad.Walk();
    for (int k = 0; k < n; k++) {
      double[] wv = new double[W.length];
      double sv = 0;
      if (k < W.length) {
        wv[k] = 1;
      } else {
        sv = 1;
      }
      g.hvp(W, S, successive, STEPS, wv, sv);
      for (int j = 0; j < W.length; j++) {
        assertEquals(g.dw[j], hessian[k][j], 1e-12 * (1 + Math.abs(g.dw[j])), "H[" + k + "]");
      }
      assertEquals(g.ds, hessian[k][W.length], 1e-12 * (1 + Math.abs(g.ds)), "H[" + k + "]");
    }
    assertEquals(successive.nextLong(), rng.nextLong(), "one evaluation per row");
  }

  @Test
  void aCalleeTakingTheSameRandomDrawsOnceInSplitMode() {
    Draws_Grad.Shock g = new Draws_Grad.Shock();
    Random rng = new Random(SEED);
    assertEquals(Draws.shock(0.9, new Random(SEED)), g.valueAndGradient(0.9, rng));
    Random plain = new Random(SEED);
    Draws.shock(0.9, plain);
    assertEquals(plain.nextLong(), rng.nextLong());
  }

  @Test
  void splittableRandomGradientMatchesCentralDifferences() {
    Draws_Grad.Splittable g = new Draws_Grad.Splittable();
    double value = g.valueAndGradient(0.6, -1.2, new SplittableRandom(SEED));
    assertEquals(Draws.splittable(0.6, -1.2, new SplittableRandom(SEED)), value);
    double[] fd = centralDifferences(
        x -> Draws.splittable(x[0], x[1], new SplittableRandom(SEED)), new double[] {0.6, -1.2});
    assertClose(fd[0], g.dx, 1e-7, "dx");
    assertClose(fd[1], g.dy, 1e-7, "dy");
  }

  @Test
  void anObjectPassedToAnInlinedHelperGivesTheGradientOfCentralDifferencesAlsoInSplitMode() {
    double[] w = {0.7, -0.4};
    double y = 0.9;
    double[] point = {y, w[0], w[1]};
    Draws_Grad.ThroughAHelper g = new Draws_Grad.ThroughAHelper();
    Random rng = new Random(SEED);
    assertEquals(Draws.throughAHelper(y, w.clone(), new Random(SEED)),
        g.valueAndGradient(y, w.clone(), rng));
    Random plain = new Random(SEED);
    Draws.throughAHelper(y, w.clone(), plain);
    assertEquals(plain.nextLong(), rng.nextLong(), "the frame draws what the plain method draws");
    double[] fd = centralDifferences(x -> Draws.throughAHelper(x[0], new double[] {x[1], x[2]},
        new Random(SEED)), point);
    assertClose(fd[0], g.dy, 1e-6, "dy");
    assertClose(fd[1], g.dw[0], 1e-6, "dw[0]");
    assertClose(fd[2], g.dw[1], 1e-6, "dw[1]");
    Draws_Grad.CallsThroughAHelper split = new Draws_Grad.CallsThroughAHelper();
    split.valueAndGradient(y, w.clone(), new Random(SEED));
    fd = centralDifferences(x -> Draws.callsThroughAHelper(x[0],
        new double[] {x[1], x[2]}, new Random(SEED)), point);
    assertClose(fd[0], split.dy, 1e-6, "split dy");
    assertClose(fd[1], split.dw[0], 1e-6, "split dw[0]");
    assertClose(fd[2], split.dw[1], 1e-6, "split dw[1]");
  }
}

package dev.tapeless.it.objects;

import static dev.tapeless.it.objects.ObjectParameterGradientsTest.assertClose;
import static dev.tapeless.it.objects.ObjectParameterGradientsTest.centralDifferences;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A counting object records every call: each entry point that evaluates the body once makes
 * exactly the calls the plain method makes (in order, since each call returns the next value of
 * a sequence and the values must agree); the backward sweep and second order reuse the stored
 * results. {@code hessian} evaluates the body once per input, and says so in its Javadoc.
 */
class CountedCallsTest {

  static final double[] W = {0.6, -0.9, 0.4};
  static final double A = 0.7;

  /** The plain method's value and call count, from a fresh source. */
  private static CountingSource plainRun(double[] holder) {
    CountingSource src = new CountingSource(1.5);
    holder[0] = Draws.counted(W, A, src);
    return src;
  }

  private static void assertSameCallsAsThePlainMethod(String entry,
      Function<CountingSource, Double> run) {
    double[] value = new double[1];
    int plainCalls = plainRun(value).calls;
    CountingSource src = new CountingSource(1.5);
    double got = run.apply(src);
    assertEquals(plainCalls, src.calls, entry + " makes the plain method's calls");
    assertEquals(value[0], got, 1e-12 * (1 + Math.abs(value[0])),
        entry + " gets the plain method's answers");
  }

  @Test
  void everyEntryPointThatEvaluatesOnceCallsLikeThePlainMethod() {
    Draws_Grad.Counted g = new Draws_Grad.Counted();
    assertSameCallsAsThePlainMethod("valueAndGradient", s -> g.valueAndGradient(W, A, s));
    assertSameCallsAsThePlainMethod("accumulate", s -> g.accumulate(W, A, s));
    assertSameCallsAsThePlainMethod("primal", s -> g.primal(W, A, s));
    assertSameCallsAsThePlainMethod("backpropagate", s -> g.backpropagate(W, A, s, 1.0));
    assertSameCallsAsThePlainMethod("jvp", s -> {
      g.jvp(W, A, s, new double[] {1, 0, 0}, 1.0);
      return g.value;
    });
    assertSameCallsAsThePlainMethod("hvp", s -> g.hvp(W, A, s, new double[] {1, 0, 0}, 1.0));
  }

  @Test
  void countedGradientMatchesCentralDifferencesWithAFreshSourcePerEvaluation() {
    Draws_Grad.Counted g = new Draws_Grad.Counted();
    g.valueAndGradient(W, A, new CountingSource(1.5));
    double[] fd = centralDifferences(x -> Draws.counted(new double[] {x[0], x[1], x[2]}, x[3],
        new CountingSource(1.5)), new double[] {W[0], W[1], W[2], A});
    for (int i = 0; i < W.length; i++) {
      assertClose(fd[i], g.dw[i], 1e-6, "dw[" + i + "]");
    }
    assertClose(fd[3], g.da, 1e-6, "da");
  }

  @Test
  void countedJvpAndHvpMatchTheGradientAndItsDifferences() {
    double[] wt = {0.5, 1.0, -2.0};
    double at = 0.3;
    Draws_Grad.Counted g = new Draws_Grad.Counted();
    g.valueAndGradient(W, A, new CountingSource(1.5));
    double expected = at * g.da;
    for (int i = 0; i < W.length; i++) {
      expected += wt[i] * g.dw[i];
    }
    assertClose(expected, g.jvp(W, A, new CountingSource(1.5), wt, at), 1e-12, "jvp");
    g.hvp(W, A, new CountingSource(1.5), wt, at);
    double[] hv = {g.dw[0], g.dw[1], g.dw[2], g.da};
    double h = 1e-5;
    double[] plus = gradientAt(h, wt, at);
    double[] minus = gradientAt(-h, wt, at);
    for (int i = 0; i < 4; i++) {
      assertClose((plus[i] - minus[i]) / (2 * h), hv[i], 1e-6, "Hv[" + i + "]");
    }
  }

  private static double[] gradientAt(double step, double[] wt, double at) {
    double[] w = W.clone();
    for (int i = 0; i < w.length; i++) {
      w[i] += step * wt[i];
    }
    Draws_Grad.Counted g = new Draws_Grad.Counted();
    g.valueAndGradient(w, A + step * at, new CountingSource(1.5));
    return new double[] {g.dw[0], g.dw[1], g.dw[2], g.da};
  }

  @Test
  void hessianEvaluatesTheBodyOncePerInputAsItsJavadocSays() {
    CountingSource plain = new CountingSource(1.5);
    for (int column = 0; column < 4; column++) {
      Draws.counted(W, A, plain); // one evaluation per column, the source running on
    }
    Draws_Grad.Counted g = new Draws_Grad.Counted();
    CountingSource src = new CountingSource(1.5);
    g.hessian(W, A, src, new double[4][4]);
    assertEquals(plain.calls, src.calls);
  }

  @Test
  void aCalleeGivenTheSameSourceCallsItOncePerCall() {
    Draws_Grad.Counter g = new Draws_Grad.Counter();
    CountingSource src = new CountingSource(1.0);
    g.valueAndGradient(0.4, src);
    assertEquals(1, src.calls);
    g.hvp(0.4, src, 1.0);
    assertEquals(2, src.calls);
  }
}

package dev.tapeless.samples.seed;

import static dev.tapeless.samples.seed.Close.assertClose;

import dev.tapeless.runtime.GradCheck;
import org.junit.jupiter.api.Test;

/** y = f(g(h(x))): the generated dy/dx is the product of the local derivatives. */
class ChainRuleCase1Test {

  private static final double[] XS = {-2.0, -0.3, 0.0, 0.5, 1.0, 1.5, 3.0};

  @Test
  void eachLinkHasItsHandDerivative() {
    ChainRuleCase1_Grad.H h = new ChainRuleCase1_Grad.H();
    ChainRuleCase1_Grad.G g = new ChainRuleCase1_Grad.G();
    ChainRuleCase1_Grad.F f = new ChainRuleCase1_Grad.F();
    for (double x : XS) {
      h.valueAndGradient(x);
      g.valueAndGradient(x);
      f.valueAndGradient(x);
      assertClose(2 * x, h.dx, "h'");
      assertClose(Math.cos(x), g.du, "g'");
      assertClose(Math.exp(x), f.dv, "f'");
    }
  }

  @Test
  void chainGradientIsTheProductOfTheLocalDerivatives() {
    ChainRuleCase1_Grad.Chain frame = new ChainRuleCase1_Grad.Chain();
    for (double x : XS) {
      assertClose(Math.exp(Math.sin(x * x)), frame.valueAndGradient(x), "y");
      assertClose(ChainRuleCase1.byHandDyDx(x), frame.dx, "dy/dx at " + x);
    }
  }

  @Test
  void chainGradientMatchesFiniteDifferences() {
    ChainRuleCase1_Grad.Chain frame = new ChainRuleCase1_Grad.Chain();
    frame.valueAndGradient(0.8);
    GradCheck.check(v -> ChainRuleCase1.chain(v[0]), new double[] {0.8}, new double[] {frame.dx})
        .assertWithin(1e-9);
  }
}

package dev.tapeless.samples.seed;

import static dev.tapeless.samples.seed.Close.assertClose;

import dev.tapeless.runtime.GradCheck;
import org.junit.jupiter.api.Test;

/** z = k(g(s), h(s)): the generated dz/ds is the sum over both paths. */
class ChainRuleCase2Test {

  private static final double[] SS = {-2.5, -1.0, 0.0, 0.5, 2.0, 4.0};

  @Test
  void partialsOfKAreTheHandPartials() {
    ChainRuleCase2_Grad.K k = new ChainRuleCase2_Grad.K();
    k.valueAndGradient(1.5, -0.5);
    assertClose(Math.exp(-0.5), k.dx, "∂k/∂x");
    assertClose(1.5 * Math.exp(-0.5), k.dy, "∂k/∂y");
  }

  @Test
  void gradientIsTheSumOverBothPaths() {
    ChainRuleCase2_Grad.Z frame = new ChainRuleCase2_Grad.Z();
    for (double s : SS) {
      assertClose(s * s * Math.exp(Math.sin(s)), frame.valueAndGradient(s), "z");
      double expected =
          ChainRuleCase2.byHandPathThroughX(s) + ChainRuleCase2.byHandPathThroughY(s);
      assertClose(expected, frame.ds, "dz/ds at " + s);
    }
  }

  @Test
  void pathsAgreeWithTheClosedFormOfTheComposition() {
    // z = s²·e^(sin s), so dz/ds = 2s·e^(sin s) + s²·cos s·e^(sin s).
    for (double s : SS) {
      double closedForm = (2 * s + s * s * Math.cos(s)) * Math.exp(Math.sin(s));
      assertClose(closedForm,
          ChainRuleCase2.byHandPathThroughX(s) + ChainRuleCase2.byHandPathThroughY(s),
          "paths at " + s);
    }
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    ChainRuleCase2_Grad.Z frame = new ChainRuleCase2_Grad.Z();
    frame.valueAndGradient(1.3);
    GradCheck.check(v -> ChainRuleCase2.z(v[0]), new double[] {1.3}, new double[] {frame.ds})
        .assertWithin(1e-9);
  }
}

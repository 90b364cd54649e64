package dev.tapeless.it.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.runtime.GradCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Switches lowered to if/else chains: gradient, jvp and hvp for trip counts that reach every
 * case.
 */
class SwitchesTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 5, 6, 9})
  void gradientJvpAndHvpThroughSwitches(int n) {
    Switches_Grad.Cases g = new Switches_Grad.Cases();
    double value = g.valueAndGradient(0.7, 1.3, n);
    assertEquals(Switches.cases(0.7, 1.3, n), value);
    GradCheck.check(v -> Switches.cases(v[0], v[1], n), new double[] {0.7, 1.3},
        new double[] {g.dx, g.dy}).assertWithin(1e-8);
    assertEquals(0.5 * g.dx - 2 * g.dy, g.jvp(0.7, 1.3, n, 0.5, -2.0),
        1e-12 * (1 + Math.abs(g.dx) + Math.abs(g.dy)));
    double h = 1e-6;
    g.hvp(0.7, 1.3, n, 1.0, 0.0);
    double[] hv = {g.dx, g.dy};
    Switches_Grad.Cases p = new Switches_Grad.Cases();
    p.valueAndGradient(0.7 + h, 1.3, n);
    double[] plus = {p.dx, p.dy};
    p.valueAndGradient(0.7 - h, 1.3, n);
    assertEquals((plus[0] - p.dx) / (2 * h), hv[0], 1e-6 * (1 + Math.abs(hv[0])));
    assertEquals((plus[1] - p.dy) / (2 * h), hv[1], 1e-6 * (1 + Math.abs(hv[1])));
  }
}

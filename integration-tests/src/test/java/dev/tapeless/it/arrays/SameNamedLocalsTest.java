package dev.tapeless.it.arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;

/** Callees' locals of one name and two types, inlined together: compiles, right gradient. */
class SameNamedLocalsTest {

  @Test
  void inlinedLocalsOfOneNameAndTwoTypesGetTheirOwnBuffersAndTheGradientMatchesHipparchus() {
    for (double b : new double[] {-1.3, 0.4, 2.2}) {
      SameNamedLocals_Grad.Both g = new SameNamedLocals_Grad.Both();
      double value = g.valueAndGradient(b, 3);
      DerivativeStructure x = new DSFactory(1, 1).variable(0, b);
      DerivativeStructure expected = x.multiply(x).multiply(1.7).add(x.sin());
      assertEquals(expected.getValue(), value, 1e-14 * (1 + Math.abs(value)));
      assertEquals(expected.getPartialDerivative(1), g.db, 1e-14 * (1 + Math.abs(g.db)));
      assertEquals(SameNamedLocals.both(b, 3), value);
    }
  }
}

package dev.tapeless.it.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.it.records.Gates.Knob;
import dev.tapeless.it.records.Gates.Spring;
import dev.tapeless.runtime.GradCheck;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;

/**
 * A record (or the object itself) passed whole to a {@code @Differentiable} method inside a
 * condition, a loop's test or an index: the generated code compiles, computes the method's
 * value, and its gradient matches Hipparchus and central differences on both sides of the
 * decision.
 */
class RecordCallsInConditionsTest {

  /** Level 1.96: above every gate. */
  static final Knob HIGH = new Knob(2.0, 0.5);
  /** Level 0.21: below every gate. */
  static final Knob LOW = new Knob(0.5, 0.3);
  /** Level 3.52: index 3. */
  static final Knob THIRD = new Knob(2.5, 0.9);

  static final GradCheck.Options FD = GradCheck.Options.DEFAULT.withStep(1e-6);

  static double[] knobAndX(Knob k, double x) {
    return new double[] {k.gain(), k.bias(), x};
  }

  @Test
  void aRecordCallInATernaryConditionTakesEachBranchAndMatchesHipparchus() {
    assertTrue(Gates.level(HIGH) > 1 && Gates.level(LOW) < 1);
    for (Knob k : new Knob[] {HIGH, LOW}) {
      double x = 0.8;
      Gates_Grad.Gated g = new Gates_Grad.Gated();
      double value = g.valueAndGradient(k, x);
      assertEquals(Gates.gated(k, x), value);
      DSFactory f = new DSFactory(3, 1);
      DerivativeStructure a = f.variable(0, k.gain());
      DerivativeStructure b = f.variable(1, k.bias());
      DerivativeStructure v = f.variable(2, x);
      DerivativeStructure expected = Gates.level(k) > 1 ? v.multiply(a).add(b.exp())
          : v.multiply(v).multiply(2).subtract(b);
      assertEquals(expected.getValue(), value, 1e-14);
      double[] analytic = {g.dk.gain, g.dk.bias, g.dx};
      for (int i = 0; i < 3; i++) {
        int[] order = new int[3];
        order[i] = 1;
        assertEquals(expected.getPartialDerivative(order), analytic[i], 1e-14, "d" + i);
      }
    }
  }

  @Test
  void aRecordCallInAnIfConditionMatchesDifferencesOnBothSides() {
    for (Knob k : new Knob[] {HIGH, LOW}) {
      double x = 1.1;
      Gates_Grad.Branched g = new Gates_Grad.Branched();
      assertEquals(Gates.branched(k, x), g.valueAndGradient(k, x));
      GradCheck.check(v -> Gates.branched(new Knob(v[0], v[1]), v[2]), knobAndX(k, x),
          new double[] {g.dk.gain, g.dk.bias, g.dx}, FD).assertWithin(1e-7);
    }
    assertTrue(Gates.level(HIGH) * 1.21 >= 2 && Gates.level(LOW) * 1.21 < 2);
  }

  @Test
  void aRecordCallAsAnIndexReadsAndWritesTheElementItNames() {
    double[] t = {0.3, -1.2, 0.7, 2.5};
    for (Knob k : new Knob[] {LOW, HIGH, THIRD}) {
      Gates_Grad.Indexed g = new Gates_Grad.Indexed();
      assertEquals(Gates.indexed(k, t), g.valueAndGradient(k, t));
      GradCheck.check(v -> Gates.indexed(new Knob(v[0], v[1]), t), new double[] {k.gain(),
          k.bias()}, new double[] {g.dk.gain, g.dk.bias}, FD).assertWithin(1e-7);
      double[] dt = g.dt.clone();
      GradCheck.check(v -> Gates.indexed(k, v), t.clone(), dt, FD).assertWithin(1e-7);
      assertTrue(dt[(int) Gates.level(k)] != 0);
    }
  }

  @Test
  void aRecordCallInALoopTestIsEvaluatedInEveryIteration() {
    for (Knob k : new Knob[] {HIGH, LOW}) {
      double x = 0.4;
      Gates_Grad.Looped g = new Gates_Grad.Looped();
      assertEquals(Gates.looped(k, x), g.valueAndGradient(k, x));
      GradCheck.check(v -> Gates.looped(new Knob(v[0], v[1]), v[2]), knobAndX(k, x),
          new double[] {g.dk.gain, g.dk.bias, g.dx}, FD).assertWithin(1e-7);
    }
  }

  @Test
  void aRecordCallRightOfAndOrInABranchOfATernaryMatchesDifferencesOnEveryPath() {
    Object[][] points = {{HIGH, 0.8, true}, {LOW, 0.8, false}, {HIGH, -1.5, false},
        {THIRD, -1.5, true}, {LOW, 1.6, true}};
    for (Object[] at : points) {
      Knob k = (Knob) at[0];
      double x = (Double) at[1];
      assertEquals(at[2], Gates.shortCircuited(k, x) == x * k.gain());
      Gates_Grad.ShortCircuited g = new Gates_Grad.ShortCircuited();
      assertEquals(Gates.shortCircuited(k, x), g.valueAndGradient(k, x));
      GradCheck.check(v -> Gates.shortCircuited(new Knob(v[0], v[1]), v[2]), knobAndX(k, x),
          new double[] {g.dk.gain, g.dk.bias, g.dx}, FD).assertWithin(1e-7);
    }
  }

  @Test
  void anInstanceMethodOfARecordGatedByAnotherTakesBothBranches() {
    Spring s = new Spring(3.0, 0.5);
    for (double x : new double[] {0.9, 2.0}) {
      Gates_Spring_Grad.Capped g = new Gates_Spring_Grad.Capped();
      assertEquals(s.capped(x), g.valueAndGradient(s, x));
      GradCheck.check(v -> new Spring(v[0], v[1]).capped(v[2]), new double[] {3.0, 0.5, x},
          new double[] {g.dstiffness, g.drest, g.dx}, FD).assertWithin(1e-7);
    }
    assertTrue(s.energy(0.9) < 1 && s.energy(2.0) > 1);
  }

  @Test
  void aModelMethodGatedByAnotherOnTheSameObjectTakesBothBranches() {
    for (double x : new double[] {0.9, 0.2, -0.5}) {
      Gates.Meter m = new Gates.Meter(1.5, new double[] {0.3, -0.8});
      Gates_Meter_Grad.Clipped g = new Gates_Meter_Grad.Clipped();
      assertEquals(m.clipped(x), g.valueAndGradient(m, x));
      GradCheck.check(v -> new Gates.Meter(v[0], new double[] {v[1], v[2]}).clipped(v[3]),
          new double[] {1.5, 0.3, -0.8, x}, new double[] {g.dgain, g.dw[0], g.dw[1], g.dx}, FD)
          .assertWithin(1e-7);
    }
  }

  @Test
  void aModelMethodWithNoParameterGatedByAnotherMatchesDifferences() {
    for (double gain : new double[] {1.5, 0.5}) {
      Gates.Meter m = new Gates.Meter(gain, new double[] {0.3, -0.8});
      Gates_Meter_Grad.Offset g = new Gates_Meter_Grad.Offset();
      assertEquals(m.offset(), g.valueAndGradient(m));
      GradCheck.check(v -> new Gates.Meter(v[0], new double[] {v[1], v[2]}).offset(),
          new double[] {gain, 0.3, -0.8}, new double[] {g.dgain, g.dw[0], g.dw[1]}, FD)
          .assertWithin(1e-7);
    }
  }

  @Test
  void aGateThatDrawsSeesTheSameDrawsAsThePlainMethod() {
    for (Knob k : new Knob[] {HIGH, LOW}) {
      double x = 0.6;
      Gates_Grad.Jittered g = new Gates_Grad.Jittered();
      java.util.Random rng = new java.util.Random(7);
      assertEquals(Gates.jittered(k, x, new java.util.Random(7)), g.valueAndGradient(k, x, rng));
      java.util.Random plain = new java.util.Random(7);
      plain.nextDouble();
      assertEquals(plain.nextInt(), rng.nextInt());
      GradCheck.check(v -> Gates.jittered(new Knob(v[0], v[1]), v[2], new java.util.Random(7)),
          knobAndX(k, x), new double[] {g.dk.gain, g.dk.bias, g.dx}, FD).assertWithin(1e-7);
    }
  }

  @Test
  void forwardModeAgreesWithTheGradientThroughTheGate() {
    for (Knob k : new Knob[] {HIGH, LOW}) {
      Gates_Grad.Gated g = new Gates_Grad.Gated();
      g.valueAndGradient(k, 0.8);
      double expected = 0.3 * g.dk.gain - 0.7 * g.dk.bias + 0.2 * g.dx;
      double jvp = g.jvp(k, 0.8, new Knob(0.3, -0.7), 0.2);
      assertEquals(expected, jvp, 1e-14 * (1 + Math.abs(expected)));
    }
  }
}

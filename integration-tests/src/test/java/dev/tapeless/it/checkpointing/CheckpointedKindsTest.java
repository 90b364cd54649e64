package dev.tapeless.it.checkpointing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.runtime.GradCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code @Checkpoint} beyond double static methods: float state with a {@code continue} in the
 * body, and an instance method of a model object whose fields the loop reads. Gradients are
 * identical to the twins without the annotation and agree with finite differences.
 */
class CheckpointedKindsTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 4, 5, 8, 30})
  void floatStateWithContinue(int steps) {
    Checkpointed_Grad.Skipping g = new Checkpointed_Grad.Skipping();
    Checkpointed_Grad.SkippingPlain plain = new Checkpointed_Grad.SkippingPlain();
    for (int call = 0; call < 2; call++) {
      assertEquals(plain.valueAndGradient(0.9f, 0.6f, steps),
          g.valueAndGradient(0.9f, 0.6f, steps));
      assertArrayEquals(new float[] {plain.dk, plain.dx0}, new float[] {g.dk, g.dx0}, 0f);
    }
    GradCheck.check(v -> Checkpointed.skipping(v[0], v[1], steps), new float[] {0.9f, 0.6f},
        new float[] {g.dk, g.dx0}).assertWithin(1e-2);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4, 10, 37})
  void instanceMethodReadingTheModelsFields(int steps) {
    Damper damper = new Damper(new double[] {0.5, 1.5, 0.8}, 0.2);
    double[] x0 = {0.4, -0.9, 1.3};
    Damper_Grad.Settle g = new Damper_Grad.Settle();
    Damper_Grad.SettlePlain plain = new Damper_Grad.SettlePlain();
    for (int call = 0; call < 2; call++) {
      assertEquals(plain.valueAndGradient(damper, x0, steps),
          g.valueAndGradient(damper, x0, steps));
      assertArrayEquals(plain.dgains, g.dgains, 0.0);
      assertArrayEquals(plain.dx0, g.dx0, 0.0);
      assertEquals(plain.drate, g.drate, 0.0);
    }
    GradCheck.check(v -> damper.settle(v, steps), x0.clone(), g.dx0).assertWithin(1e-7);
    GradCheck.check(v -> new Damper(v, 0.2).settle(x0, steps), damper.gains.clone(), g.dgains)
        .assertWithin(1e-7);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 7, 10, 31})
  void outArrayWrittenInTheLoopKeepsTheForwardValues(int steps) {
    Checkpointed_Grad.Trajectory g = new Checkpointed_Grad.Trajectory();
    Checkpointed_Grad.TrajectoryPlain plain = new Checkpointed_Grad.TrajectoryPlain();
    double[] expected = new double[steps];
    double value = Checkpointed.trajectory(0.7, 0.4, expected);
    double[] seed = new double[steps];
    for (int i = 0; i < steps; i++) {
      seed[i] = 0.3 - 0.1 * i;
    }
    for (int call = 0; call < 2; call++) {
      double[] xs = new double[steps];
      double[] xsPlain = new double[steps];
      assertEquals(value, g.valueAndGradient(0.7, 0.4, xs), 0.0);
      assertEquals(value, plain.valueAndGradient(0.7, 0.4, xsPlain), 0.0);
      assertArrayEquals(expected, xs, 0.0, "outputs after valueAndGradient");
      assertArrayEquals(new double[] {plain.dk, plain.dx0}, new double[] {g.dk, g.dx0}, 0.0);
      java.util.Arrays.fill(xs, 99.0);
      g.pullback(0.7, 0.4, xs, seed.clone());
      plain.pullback(0.7, 0.4, xsPlain, seed.clone());
      assertArrayEquals(expected, xs, 0.0, "outputs after pullback");
      assertArrayEquals(new double[] {plain.dk, plain.dx0}, new double[] {g.dk, g.dx0}, 0.0);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 4, 7, 10, 31})
  void callerOfACheckpointedCalleeGetsItsArrayBack(int steps) {
    Checkpointed_Grad.TrajectoryCaller g = new Checkpointed_Grad.TrajectoryCaller();
    Checkpointed_Grad.TrajectoryCallerPlain plain = new Checkpointed_Grad.TrajectoryCallerPlain();
    for (int call = 0; call < 2; call++) {
      assertEquals(plain.valueAndGradient(0.7, 0.4, steps), g.valueAndGradient(0.7, 0.4, steps));
      assertArrayEquals(new double[] {plain.dk, plain.dx0}, new double[] {g.dk, g.dx0}, 0.0);
    }
    GradCheck.check(v -> Checkpointed.trajectoryCaller(v[0], v[1], steps),
        new double[] {0.7, 0.4}, new double[] {g.dk, g.dx0}).assertWithin(1e-7);
  }
}

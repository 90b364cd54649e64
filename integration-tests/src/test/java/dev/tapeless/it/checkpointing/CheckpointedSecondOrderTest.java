package dev.tapeless.it.checkpointing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Forward mode and second order ignore {@code @Checkpoint}: {@code jvp} and {@code hvp} of a
 * checkpointed method, called directly or through a caller, equal its twin's to the last bit.
 */
class CheckpointedSecondOrderTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 9, 10, 23})
  void jvpAndHvpOfTheLoopAndOfItsCallerAreTheTwins(int steps) {
    Checkpointed_Grad.Logistic g = new Checkpointed_Grad.Logistic();
    Checkpointed_Grad.LogisticPlain plain = new Checkpointed_Grad.LogisticPlain();
    assertEquals(plain.jvp(3.1, 0.4, steps, 0.3, 1.0), g.jvp(3.1, 0.4, steps, 0.3, 1.0));
    g.hvp(3.1, 0.4, steps, 0.3, 1.0);
    plain.hvp(3.1, 0.4, steps, 0.3, 1.0);
    assertArrayEquals(new double[] {plain.dr, plain.dx0}, new double[] {g.dr, g.dx0}, 0.0);

    Checkpointed_Grad.Twice twice = new Checkpointed_Grad.Twice();
    Checkpointed_Grad.TwicePlain twicePlain = new Checkpointed_Grad.TwicePlain();
    assertEquals(twicePlain.jvp(2.9, 0.3, steps, 1.0, -0.5),
        twice.jvp(2.9, 0.3, steps, 1.0, -0.5));
    twice.hvp(2.9, 0.3, steps, 1.0, -0.5);
    twicePlain.hvp(2.9, 0.3, steps, 1.0, -0.5);
    assertArrayEquals(new double[] {twicePlain.dr, twicePlain.dx0},
        new double[] {twice.dr, twice.dx0}, 0.0);
    // the gradient after second order, on the same frames: their buffers are still balanced
    twice.valueAndGradient(2.9, 0.3, steps);
    twicePlain.valueAndGradient(2.9, 0.3, steps);
    assertArrayEquals(new double[] {twicePlain.dr, twicePlain.dx0},
        new double[] {twice.dr, twice.dx0}, 0.0);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 5, 16})
  void hvpOfAnArrayStateLoop(int steps) {
    double[] p = {0.8, 0.5};
    double[] x0 = {0.3, -0.2, 0.9, 0.1};
    double[] dp = {1.0, -0.5};
    double[] dx0 = {0.2, 0.0, -0.3, 1.0};
    Checkpointed_Grad.Rk4 g = new Checkpointed_Grad.Rk4();
    Checkpointed_Grad.Rk4Plain plain = new Checkpointed_Grad.Rk4Plain();
    g.hvp(p, x0, steps, 0.05, dp, dx0, 0.0);
    plain.hvp(p, x0, steps, 0.05, dp, dx0, 0.0);
    assertArrayEquals(plain.dp, g.dp, 0.0);
    assertArrayEquals(plain.dx0, g.dx0, 0.0);
  }
}

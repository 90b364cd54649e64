package dev.tapeless.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScheduledTest {

  @Test
  void eachStepUsesTheScheduledRate() {
    // Plain SGD on a constant gradient of 1 moves w by exactly the rate of each step.
    double[] w = {0.0};
    Parameters p = new Parameters().add("w", w);
    p.vectorGradient("w")[0] = 1.0;
    Scheduled sgd = new Scheduled(new Sgd(p, 99.0), LearningRateSchedule.stepDecay(0.5, 0.5, 2));
    double[] expected = {-0.5, -1.0, -1.25, -1.5, -1.625};
    for (int step = 0; step < expected.length; step++) {
      sgd.step();
      assertEquals(expected[step], w[0], "after step " + step);
    }
    assertEquals(5, sgd.steps());
    assertEquals(0.125, sgd.learningRate(), "the rate of the last step");
  }

  @Test
  void anyOptimizerCanBeScheduled() {
    double[] w = {0.0};
    Parameters p = new Parameters().add("w", w);
    p.vectorGradient("w")[0] = 1.0;
    Adam adam = new Adam(p, 0.0);
    Scheduled scheduled =
        new Scheduled(adam, LearningRateSchedule.cosine(0.1, 0.0, 2).withWarmup(1));
    assertSame(adam, scheduled.optimizer());
    scheduled.step();
    assertEquals(0.05, adam.learningRate());
    scheduled.step();
    assertEquals(0.1, adam.learningRate());
    scheduled.step();
    assertEquals(0.05, adam.learningRate(), 1e-17);
    // A constant gradient keeps m̂/sqrt(v̂) = 1: each step moves w by its rate.
    assertEquals(-0.2, w[0], 1e-8);
    assertEquals(3, adam.steps());
  }

  @Test
  void theScheduleOwnsTheRate() {
    Parameters p = new Parameters().add("w", new double[1]);
    Scheduled scheduled = new Scheduled(new Sgd(p, 0.1), LearningRateSchedule.constant(0.1));
    UnsupportedOperationException set =
        assertThrows(UnsupportedOperationException.class, () -> scheduled.setLearningRate(1));
    assertTrue(set.getMessage().contains("change the schedule"), set.getMessage());
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> new Scheduled(scheduled, LearningRateSchedule.constant(0.2)));
    assertTrue(twice.getMessage().startsWith("Scheduled: optimizer is already scheduled"),
        twice.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Scheduled(null, step -> 0.1));
    assertThrows(IllegalArgumentException.class, () -> new Scheduled(new Sgd(p, 0.1), null));
  }

  @Test
  void aRateThatIsNoRateStopsTheStepBeforeItRuns() {
    double[] w = {1.0};
    Parameters p = new Parameters().add("w", w);
    p.vectorGradient("w")[0] = 1.0;
    Sgd sgd = new Sgd(p, 0.1);
    Scheduled scheduled = new Scheduled(sgd, step -> step == 0 ? 0.5 : Double.NaN);
    scheduled.step();
    IllegalStateException e = assertThrows(IllegalStateException.class, scheduled::step);
    assertEquals("Scheduled: the schedule's learningRate for step 1 is NaN; it must be finite"
        + " and >= 0", e.getMessage());
    assertEquals(0.5, w[0]);
    assertEquals(1, scheduled.steps());
    assertEquals(0.5, sgd.learningRate());
  }
}

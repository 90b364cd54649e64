package dev.tapeless.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Each schedule's rate at chosen steps, exact where the arithmetic is. */
class LearningRateScheduleTest {

  @Test
  void aConstantScheduleNeverChanges() {
    LearningRateSchedule s = LearningRateSchedule.constant(0.1);
    assertEquals(0.1, s.rate(0));
    assertEquals(0.1, s.rate(1));
    assertEquals(0.1, s.rate(Long.MAX_VALUE));
  }

  @Test
  void stepDecayDropsByTheFactorEveryPeriod() {
    LearningRateSchedule s = LearningRateSchedule.stepDecay(0.8, 0.5, 3);
    assertEquals(0.8, s.rate(0));
    assertEquals(0.8, s.rate(2));
    assertEquals(0.4, s.rate(3));
    assertEquals(0.4, s.rate(5));
    assertEquals(0.2, s.rate(6));
    assertEquals(0.8 / 1024, s.rate(30));
    assertEquals(0.8 / 1024, s.rate(32));
  }

  @Test
  void exponentialShrinksByTheFactorEveryStep() {
    LearningRateSchedule s = LearningRateSchedule.exponential(3.0, 0.5);
    assertEquals(3.0, s.rate(0));
    assertEquals(1.5, s.rate(1));
    assertEquals(0.1875, s.rate(4));
    assertEquals(3.0 * 0x1p-100, s.rate(100));
    assertEquals(0.0, s.rate(2000), "underflows to 0, not NaN");
    assertEquals(1e-3 * Math.pow(0.99, 10), LearningRateSchedule.exponential(1e-3, 0.99)
        .rate(10));
  }

  @Test
  void cosineFallsFromInitialToMinimumAndStaysThere() {
    LearningRateSchedule s = LearningRateSchedule.cosine(1.25, 0.25, 4);
    assertEquals(1.25, s.rate(0));
    assertEquals(0.25 + (1 + Math.sqrt(0.5)) / 2, s.rate(1), 1e-15);
    assertEquals(0.75, s.rate(2), "halfway is the mean");
    assertEquals(0.25 + (1 - Math.sqrt(0.5)) / 2, s.rate(3), 1e-15);
    assertEquals(0.25, s.rate(4));
    assertEquals(0.25, s.rate(5), "no restart");
    assertEquals(0.25, s.rate(Long.MAX_VALUE));
    LearningRateSchedule toZero = LearningRateSchedule.cosine(1e-3, 0.0, 1000);
    assertEquals(5e-4, toZero.rate(500), 1e-19);
    assertEquals(0.0, toZero.rate(1000));
  }

  @Test
  void warmupClimbsInEqualStepsToTheScheduleWhichThenStarts() {
    LearningRateSchedule s = LearningRateSchedule.cosine(1.0, 0.0, 4).withWarmup(3);
    assertEquals(0.25, s.rate(0), "no step has rate 0");
    assertEquals(0.5, s.rate(1));
    assertEquals(0.75, s.rate(2));
    assertEquals(1.0, s.rate(3), "the cosine's step 0");
    assertEquals(0.5, s.rate(5), "the cosine's step 2");
    assertEquals(0.0, s.rate(7), "the cosine's step 4, its end");
    assertEquals(0.0, s.rate(1000));
  }

  @Test
  void warmupWorksInFrontOfAnySchedule() {
    LearningRateSchedule s = LearningRateSchedule.stepDecay(0.4, 0.5, 2).withWarmup(1);
    assertEquals(0.2, s.rate(0));
    assertEquals(0.4, s.rate(1));
    assertEquals(0.4, s.rate(2));
    assertEquals(0.2, s.rate(3));
    LearningRateSchedule lambda = step -> 1.0 / (step + 1);
    LearningRateSchedule warmed = lambda.withWarmup(4);
    assertEquals(0.2, warmed.rate(0));
    assertEquals(0.8, warmed.rate(3));
    assertEquals(1.0, warmed.rate(4));
    assertEquals(0.5, warmed.rate(5));
    assertSame(lambda, lambda.withWarmup(0), "no warmup is the schedule itself");
  }

  @Test
  void argumentsAreChecked() {
    assertMessage("constant: rate must be finite and >= 0, was NaN",
        () -> LearningRateSchedule.constant(Double.NaN));
    assertMessage("stepDecay: factor must be in (0, 1], was 1.5",
        () -> LearningRateSchedule.stepDecay(0.1, 1.5, 10));
    assertMessage("stepDecay: every must be >= 1, was 0",
        () -> LearningRateSchedule.stepDecay(0.1, 0.5, 0));
    assertMessage("exponential: factor must be in (0, 1], was 0.0",
        () -> LearningRateSchedule.exponential(0.1, 0.0));
    assertMessage("exponential: initial must be finite and >= 0, was -1.0",
        () -> LearningRateSchedule.exponential(-1.0, 0.5));
    assertMessage("cosine: minimum must be <= initial, was 0.2 > 0.1",
        () -> LearningRateSchedule.cosine(0.1, 0.2, 10));
    assertMessage("cosine: steps must be >= 1, was 0",
        () -> LearningRateSchedule.cosine(0.1, 0.0, 0));
    assertMessage("withWarmup: warmupSteps must be >= 0, was -1",
        () -> LearningRateSchedule.constant(0.1).withWarmup(-1));
    assertMessage("a schedule's step must be >= 0, was -1",
        () -> LearningRateSchedule.cosine(0.1, 0.0, 10).rate(-1));
  }

  private static void assertMessage(String message, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertEquals(message, e.getMessage());
  }
}

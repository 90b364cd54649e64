package dev.tapeless.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.train.FloatParametersTest.FakeFloatFrame;
import dev.tapeless.runtime.train.ParametersTest.FakeFrame;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A frame that adds into its own d-fields instead of the registered gradient arrays leaves those
 * 0; every optimizer refuses such a first step, saying how to wire the frame, where it would
 * otherwise train nothing forever. A correctly wired set trains, and a gradient that is 0 after
 * the first step is accepted.
 */
class UnwiredGradientsTest {

  private static final List<Function<Parameters, Optimizer>> OPTIMIZERS = List.of(
      p -> new Sgd(p, 0.1),
      p -> new Sgd(p, 0.1, 0.9, 0.01),
      p -> new Adam(p, 0.1),
      p -> new AdamW(p, 0.1, 0.01),
      p -> new Scheduled(new Adam(p, 0.1), LearningRateSchedule.constant(0.1)));

  @Test
  void aFrameNeverHandedTheRegisteredGradientsIsAnError() {
    for (Function<Parameters, Optimizer> make : OPTIMIZERS) {
      double[][] W = {{1, 2, 3}, {4, 5, 6}};
      double[] b = {7, 8};
      Parameters p = new Parameters().add("W", W).add("b", b);
      Optimizer optimizer = make.apply(p);
      FakeFrame frame = new FakeFrame();
      frame.accumulate(W, b);
      IllegalStateException e = assertThrows(IllegalStateException.class, optimizer::step);
      String message = e.getMessage();
      assertTrue(message.matches("(Sgd|Adam|AdamW): every gradient is 0 at the first step, so"
          + " nothing would train\\..*"), message);
      assertTrue(message.contains("Parameters[W[2][3], b[2]]"), message);
      assertTrue(message.contains("frame.dW = p.matrixGradient(\"W\")"), message);
      assertTrue(message.contains("add(\"W\", W, frame.dW)"), message);
      assertArrayEquals(new double[] {4, 5, 6}, W[1], "nothing moved");
      assertArrayEquals(new double[] {7, 8}, b);
    }
  }

  @Test
  void theMessageNamesTheFloatAccessorForFloatParameters() {
    float[][] W = {{1, 2}};
    float[] b = {3};
    Parameters p = new Parameters().add("W", W).add("b", b);
    FakeFloatFrame frame = new FakeFloatFrame();
    frame.accumulate(W, b);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new AdamW(p, 0.1, 0.01).step());
    assertTrue(e.getMessage().contains("frame.dW = p.floatMatrixGradient(\"W\")"),
        e.getMessage());
  }

  @Test
  void anEmptySetIsAnErrorToo() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new Sgd(new Parameters(), 0.1).step());
    assertEquals("Sgd: there are no parameters to train in Parameters[]; register them before"
        + " making the optimizer", e.getMessage());
  }

  @Test
  void aCorrectlyWiredSetTrains() {
    for (Function<Parameters, Optimizer> make : OPTIMIZERS) {
      double[][] W = {{1, 2, 3}, {4, 5, 6}};
      double[] b = {7, 8};
      Parameters p = new Parameters().add("W", W).add("b", b);
      Optimizer optimizer = make.apply(p);
      FakeFrame frame = new FakeFrame();
      frame.dW = p.matrixGradient("W");
      frame.db = p.vectorGradient("b");
      for (int step = 0; step < 3; step++) {
        p.zeroGradients();
        frame.accumulate(W, b);
        optimizer.step();
      }
      // The fake loss Σ W + 2 Σ b falls as every weight falls.
      for (int i = 0; i < W.length; i++) {
        for (int j = 0; j < W[i].length; j++) {
          assertTrue(W[i][j] < 3 * i + j + 1, "W" + i + j + " moved: " + W[i][j]);
        }
      }
      assertTrue(b[0] < 7 && b[1] < 8, "b moved");
    }
  }

  @Test
  void afterTheErrorTheSameOptimizerTrainsOnceTheFrameIsWired() {
    double[][] W = {{1, 2}};
    double[] b = {3};
    Parameters p = new Parameters().add("W", W).add("b", b);
    Adam adam = new Adam(p, 0.1);
    FakeFrame frame = new FakeFrame();
    frame.accumulate(W, b);
    assertThrows(IllegalStateException.class, adam::step);
    assertEquals(0, adam.steps());
    frame.dW = p.matrixGradient("W");
    frame.db = p.vectorGradient("b");
    frame.accumulate(W, b);
    adam.step();
    assertEquals(1, adam.steps());
    assertEquals(0.9, W[0][0], 1e-8, "Adam's first step: the learning rate against the sign");
  }

  @Test
  void aGradientThatIsZeroAfterTheFirstStepIsAccepted() {
    for (Function<Parameters, Optimizer> make : OPTIMIZERS) {
      double[] w = {1.0, -1.0};
      Parameters p = new Parameters().add("w", w);
      Optimizer optimizer = make.apply(p);
      double[] g = p.vectorGradient("w");
      g[0] = 0.5;
      optimizer.step();
      p.zeroGradients();
      for (int step = 0; step < 3; step++) {
        optimizer.step();
      }
      assertTrue(Double.isFinite(w[0]) && Double.isFinite(w[1]));
    }
  }
}

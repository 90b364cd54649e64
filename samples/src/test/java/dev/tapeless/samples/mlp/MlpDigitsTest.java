package dev.tapeless.samples.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Minibatch Adam on the generated gradient: the loss falls fast, and the demo reaches 96%. */
class MlpDigitsTest {

  private static final Digits.Split SPLIT = Digits.split(Digits.load(), 0.8, 42);

  @Test
  void threeEpochsTakeTheLossWellBelowItsStart() {
    // 3 epochs of 90 minibatches: 270 Adam steps.
    MlpDigits.Config config = new MlpDigits.Config(64, 3, 16, 0.01, 42);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    MlpDigits.History h =
        MlpDigits.train(SPLIT, config, new PrintStream(text, true, StandardCharsets.UTF_8));
    assertTrue(h.initialLoss() > 2.0, "initial loss " + h.initialLoss());
    double last = h.trainLoss()[2];
    assertTrue(last < h.initialLoss() / 10, "loss " + h.initialLoss() + " -> " + last);
    assertTrue(h.trainLoss()[2] < h.trainLoss()[0], "loss rose: " + h.trainLoss()[0] + " -> "
        + last);
    assertTrue(h.testAccuracy()[2] > 0.85, "test accuracy " + h.testAccuracy()[2]);
    String[] lines = text.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(3, lines.length);
    assertTrue(lines[0].matches("epoch  1  train loss \\d\\.\\d{4}  train accuracy +\\d+\\.\\d\\d%"
        + "  test accuracy +\\d+\\.\\d\\d%  +\\d+ ms"), lines[0]);
  }

  @Test
  void theDemoReachesNinetySixPercentOnTheTestSet() {
    MlpDigits.History h = MlpDigits.train(SPLIT, MlpDigits.Config.DEFAULT,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertTrue(h.finalTestAccuracy() >= 0.96, "test accuracy " + h.finalTestAccuracy());
  }
}

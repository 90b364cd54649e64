package dev.tapeless.samples.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Training by BPTT: the cost falls well below its start and the echoed steps are learned. */
class RnnExampleTest {

  @Test
  void threeHundredStepsLearnTheEcho() {
    RnnExample.Config demo = RnnExample.Config.DEFAULT;
    RnnExample.Config config = new RnnExample.Config(demo.task(), demo.hidden(), 300,
        demo.batchSize(), demo.learningRate(), demo.clipNorm(), 100, demo.seed());
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    RnnExample.History h =
        RnnExample.train(config, new PrintStream(text, true, StandardCharsets.UTF_8));

    assertTrue(h.initialCost() > 2.0, "initial cost per step " + h.initialCost());
    double last = h.cost()[h.cost().length - 1];
    assertTrue(last < h.initialCost() / 5, "cost per step " + h.initialCost() + " -> " + last);
    assertTrue(h.cost()[2] < h.cost()[0], "cost rose");

    // The last echoed step needs the symbol of 4 steps ago: far above chance (1/8) at the end.
    int lastStep = config.task().steps() - 1;
    assertTrue(h.accuracyAtStep()[2][lastStep] > 0.9,
        "accuracy at the last step " + h.accuracyAtStep()[2][lastStep]);
    assertTrue(h.finalAccuracy() > h.accuracy()[0], "accuracy did not rise");

    String[] lines = text.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(3, lines.length);
    assertTrue(lines[0].startsWith("step  100  cost/step "), lines[0]);
  }
}

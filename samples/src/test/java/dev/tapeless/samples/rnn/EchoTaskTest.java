package dev.tapeless.samples.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The echo task's sequences: the target is the input {@code delay} steps back, blank before. */
class EchoTaskTest {

  @Test
  void targetsAreTheInputsDelayedWithBlanksFirst() {
    EchoTask task = new EchoTask(5, 10, 3);
    for (EchoTask.Sequence s : task.sample(20, new Random(1))) {
      for (int t = 0; t < 10; t++) {
        int input = s.inputs()[t];
        assertTrue(input >= 1 && input <= 4, "input " + input);
        for (int k = 0; k < 5; k++) {
          assertEquals(k == input ? 1.0 : 0.0, s.x()[t][k]);
        }
        assertEquals(t < 3 ? EchoTask.BLANK : s.inputs()[t - 3], s.targets()[t]);
      }
    }
  }

  @Test
  void chanceAccuracyCountsBlanksAsKnown() {
    // 4 blanks of 12, and 8 echoed steps at 1/8: (4 + 1) / 12.
    assertEquals(5.0 / 12, new EchoTask(9, 12, 4).chanceAccuracy(), 1e-15);
  }

  @Test
  void rejectsADelayAsLongAsTheSequence() {
    assertThrows(IllegalArgumentException.class, () -> new EchoTask(5, 4, 4));
  }
}

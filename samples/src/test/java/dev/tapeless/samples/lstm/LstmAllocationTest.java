package dev.tapeless.samples.lstm;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tapeless.samples.gru.Gru;
import dev.tapeless.samples.gru.Gru_Grad;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One BPTT gradient call allocates nothing after warm-up, generated or hand-written. The POM runs
 * this class a second time under {@code -Xint}, so that a pass cannot come from the JIT's escape
 * analysis removing allocations that the code does make.
 */
class LstmAllocationTest {

  private static final int STEPS = 50;
  private static final int HIDDEN = 16;
  private static final int CALLS = 20;
  private static final int MEASURED_RUNS = 5;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Keeps the results alive. */
  private static volatile double sink;

  private final Random rng = new Random(11);
  private final SequenceModel lstm = SequenceModel.lstm(2, HIDDEN, rng);
  private final SequenceModel gru = SequenceModel.gru(2, HIDDEN, rng);
  private final double[][] xs = new double[STEPS][2];
  private final double target = AddingProblem.fill(xs, rng);

  @BeforeAll
  static void counterIsAvailable() {
    assertTrue(THREADS.isThreadAllocatedMemorySupported());
    THREADS.setThreadAllocatedMemoryEnabled(true);
  }

  @Test
  void counterSeesAnAllocatingCall() {
    long bytes = allocatedBy(() -> sink = Lstm.sequenceLoss(lstm.W, lstm.U, lstm.b, lstm.v,
        lstm.bY, xs, target));
    assertTrue(bytes >= 2L * (STEPS + 1) * HIDDEN * 8, "only " + bytes + " bytes counted");
  }

  @Test
  void generatedLstmGradientAllocatesNothing() {
    Lstm_Grad.SequenceLoss frame = new Lstm_Grad.SequenceLoss();
    assertAllocatesNothing("Lstm_Grad.SequenceLoss", () -> {
      double s = 0;
      for (int i = 0; i < CALLS; i++) {
        s += frame.valueAndGradient(lstm.W, lstm.U, lstm.b, lstm.v, lstm.bY, xs, target);
      }
      sink = s;
    });
  }

  @Test
  void handWrittenLstmGradientAllocatesNothing() {
    LstmBptt bptt = new LstmBptt(2, HIDDEN, STEPS);
    assertAllocatesNothing("LstmBptt", () -> {
      double s = 0;
      for (int i = 0; i < CALLS; i++) {
        s += bptt.valueAndGradient(lstm.W, lstm.U, lstm.b, lstm.v, lstm.bY, xs, target);
      }
      sink = s;
    });
  }

  @Test
  void generatedGruGradientAllocatesNothing() {
    Gru_Grad.SequenceLoss frame = new Gru_Grad.SequenceLoss();
    assertAllocatesNothing("Gru_Grad.SequenceLoss", () -> {
      double s = 0;
      for (int i = 0; i < CALLS; i++) {
        s += frame.valueAndGradient(gru.W, gru.U, gru.b, gru.v, gru.bY, xs, target);
      }
      sink = s + Gru.class.hashCode();
    });
  }

  @Test
  void generatedCharacterLossGradientAllocatesNothing() {
    int vocabulary = 10;
    double[][] E = new double[vocabulary][2];
    double[][] Wy = new double[vocabulary][HIDDEN];
    double[] by = new double[vocabulary];
    int[] text = new int[STEPS + 1];
    for (int i = 0; i < text.length; i++) {
      text[i] = rng.nextInt(vocabulary);
    }
    Lstm_Grad.CharacterLoss frame = new Lstm_Grad.CharacterLoss();
    assertAllocatesNothing("Lstm_Grad.CharacterLoss", () -> {
      double s = 0;
      for (int i = 0; i < CALLS; i++) {
        s += frame.valueAndGradient(E, lstm.W, lstm.U, lstm.b, Wy, by, text, 0, STEPS);
      }
      sink = s;
    });
  }

  /**
   * Runs the calls twice to warm up (first-call buffers, the save stack growing, class loading),
   * then measures up to {@value #MEASURED_RUNS} runs and requires one of them, the minimum, to
   * allocate 0 bytes: a one-off event of the JVM on this thread can land in any run, while an
   * allocation per call shows in every run.
   */
  private static void assertAllocatesNothing(String what, Runnable calls) {
    calls.run();
    calls.run();
    long[] runs = new long[MEASURED_RUNS];
    for (int i = 0; i < MEASURED_RUNS; i++) {
      runs[i] = allocatedBy(calls);
      if (runs[i] == 0) {
        return;
      }
    }
    fail(what + ": every run of " + CALLS + " calls allocated: " + Arrays.toString(runs)
        + " bytes");
  }

  private static long allocatedBy(Runnable r) {
    long before = THREADS.getCurrentThreadAllocatedBytes();
    r.run();
    return THREADS.getCurrentThreadAllocatedBytes() - before;
  }
}

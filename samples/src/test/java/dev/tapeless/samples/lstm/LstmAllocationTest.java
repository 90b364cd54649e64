package dev.tapeless.samples.lstm;

import static dev.tapeless.runtime.AllocationMeter.allocatedBy;
import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.train.Parameters;
import dev.tapeless.samples.gru.Gru;
import dev.tapeless.samples.gru.Gru_Grad;
import java.util.Random;
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

  /** Keeps the results alive. */
  private static volatile double sink;

  private final Random rng = new Random(11);
  private final SequenceModel lstm = SequenceModel.lstm(2, HIDDEN, rng);
  private final SequenceModel gru = SequenceModel.gru(2, HIDDEN, rng);
  private final double[][] xs = new double[STEPS][2];
  private final double target = AddingProblem.fill(xs, rng);

  @Test
  void counterSeesAnAllocatingCall() {
    long bytes = allocatedBy(() -> sink = Lstm.sequenceLoss(lstm.W, lstm.U, lstm.b, lstm.v,
        lstm.bY, xs, target));
    assertTrue(bytes >= 2L * (STEPS + 1) * HIDDEN * 8, "only " + bytes + " bytes counted");
  }

  @Test
  void generatedFloatLstmGradientAllocatesNothing() {
    float[][] w = FloatWeights.of(lstm.W);
    float[][] u = FloatWeights.of(lstm.U);
    float[] b = FloatWeights.of(lstm.b);
    float[] v = FloatWeights.of(lstm.v);
    float[] bY = FloatWeights.of(lstm.bY);
    float[][] fxs = FloatWeights.of(xs);
    LstmFloat_Grad.SequenceLoss frame = new LstmFloat_Grad.SequenceLoss();
    assertAllocatesNothing("LstmFloat_Grad.SequenceLoss", () -> {
      double s = 0;
      for (int i = 0; i < CALLS; i++) {
        s += frame.valueAndGradient(w, u, b, v, bY, fxs, (float) target);
      }
      sink = s;
    });
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
  void generatedLstmJvpAllocatesNothing() {
    Lstm_Grad.SequenceLoss frame = new Lstm_Grad.SequenceLoss();
    assertAllocatesNothing("Lstm_Grad.SequenceLoss jvp", () -> {
      double s = 0;
      for (int i = 0; i < CALLS; i++) {
        // the weights as their own direction; null: no tangent for U
        s += frame.jvp(lstm.W, lstm.U, lstm.b, lstm.v, lstm.bY, xs, target, lstm.W, null,
            lstm.b, lstm.v, lstm.bY);
      }
      sink = s;
    });
  }

  @Test
  void generatedGruJvpAllocatesNothing() {
    Gru_Grad.SequenceLoss frame = new Gru_Grad.SequenceLoss();
    assertAllocatesNothing("Gru_Grad.SequenceLoss jvp", () -> {
      double s = 0;
      for (int i = 0; i < CALLS; i++) {
        s += frame.jvp(gru.W, gru.U, gru.b, gru.v, gru.bY, xs, target, gru.W, gru.U, gru.b,
            gru.v, gru.bY);
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
  void generatedCharacterModelGradientAllocatesNothing() {
    int vocabulary = 10;
    CharModel model = new CharModel(vocabulary, 2, HIDDEN, rng);
    int[] text = new int[STEPS + 1];
    for (int i = 0; i < text.length; i++) {
      text[i] = rng.nextInt(vocabulary);
    }
    CharModel_Grad.Loss frame = new CharModel_Grad.Loss();
    Parameters p = frame.parameters(model);
    assertAllocatesNothing("CharModel_Grad.Loss", () -> {
      p.zeroGradients();
      double s = 0;
      for (int i = 0; i < CALLS; i++) {
        s += frame.accumulate(model, text, 0, STEPS);
      }
      sink = s;
    });
  }
}

package dev.tapeless.samples.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.train.Parameters;
import dev.tapeless.samples.gru.Gru;
import dev.tapeless.samples.gru.Gru_Grad;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Short training runs with fixed seeds: the adding problem with T = 10 (LSTM, GRU, and the
 * hand-written BPTT, which must follow the generated frame's trajectory), and the character
 * model. Each must end far below where it started.
 */
class TrainingTest {

  /** T = 10, 8 units, 600 updates of 16 sequences: about a second. */
  private static final AddingProblem.Config SHORT =
      new AddingProblem.Config(10, 8, 16, 0.01, 1.0, 600, 100, 0.0, 500, 3);

  private static final PrintStream QUIET =
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @Test
  void lstmLearnsTheAddingProblem() {
    SequenceModel m = SequenceModel.lstm(2, SHORT.hiddenSize(), new Random(SHORT.seed()));
    Lstm_Grad.SequenceLoss frame = new Lstm_Grad.SequenceLoss();
    Parameters p = withNewGradients(m);
    frame.dW = p.matrixGradient("W");
    frame.dU = p.matrixGradient("U");
    frame.db = p.vectorGradient("b");
    frame.dv = p.vectorGradient("v");
    frame.dbY = p.vectorGradient("bY");
    AddingProblem.Result r =
        AddingProblem.train(m, p, frame::accumulate, Lstm::sequenceLoss, SHORT, QUIET);
    assertLearned("LSTM", r);
  }

  @Test
  void gruLearnsTheAddingProblem() {
    SequenceModel m = SequenceModel.gru(2, SHORT.hiddenSize(), new Random(SHORT.seed()));
    Gru_Grad.SequenceLoss frame = new Gru_Grad.SequenceLoss();
    Parameters p = withNewGradients(m);
    frame.dW = p.matrixGradient("W");
    frame.dU = p.matrixGradient("U");
    frame.db = p.vectorGradient("b");
    frame.dv = p.vectorGradient("v");
    frame.dbY = p.vectorGradient("bY");
    AddingProblem.Result r =
        AddingProblem.train(m, p, frame::accumulate, Gru::sequenceLoss, SHORT, QUIET);
    assertLearned("GRU", r);
  }

  @Test
  void handWrittenBpttFollowsTheGeneratedTrajectory() {
    AddingProblem.Config config = new AddingProblem.Config(10, 8, 16, 0.01, 1.0, 100, 100, 0.0,
        200, 5);
    SequenceModel a = SequenceModel.lstm(2, 8, new Random(5));
    Lstm_Grad.SequenceLoss frame = new Lstm_Grad.SequenceLoss();
    Parameters pa = withNewGradients(a);
    frame.dW = pa.matrixGradient("W");
    frame.dU = pa.matrixGradient("U");
    frame.db = pa.vectorGradient("b");
    frame.dv = pa.vectorGradient("v");
    frame.dbY = pa.vectorGradient("bY");
    double generated = AddingProblem.train(a, pa, frame::accumulate, Lstm::sequenceLoss, config,
        QUIET).testMse();

    SequenceModel b = SequenceModel.lstm(2, 8, new Random(5));
    LstmBptt bptt = new LstmBptt(2, 8, config.steps());
    Parameters pb = b.parameters(bptt.dW, bptt.dU, bptt.db, bptt.dv, bptt.dbY);
    double byHand = AddingProblem.train(b, pb, bptt::accumulate, Lstm::sequenceLoss, config,
        QUIET).testMse();

    assertEquals(generated, byHand, 1e-9 * generated);
    assertEquals(a.U[3][2], b.U[3][2], 1e-9 * Math.abs(a.U[3][2]));
  }

  @Test
  void characterModelLossPerCharacterFalls() {
    CharLstm.Config config = new CharLstm.Config(8, 32, 24, 8, 0.01, 5.0, 200, 100, 7);
    CharLstm model = new CharLstm(CharLstm.bundledText(), config);
    String before = model.sample(CharLstm.PROMPT, 60, CharLstm.TEMPERATURE, new Random(1));
    CharLstm.Result r = model.train(QUIET);
    String after = model.sample(CharLstm.PROMPT, 60, CharLstm.TEMPERATURE, new Random(1));
    assertTrue(r.startLoss() > 3.5, "starts near uniform guessing: " + r.startLoss());
    assertTrue(r.endLoss() < 0.6 * r.startLoss(),
        "loss per character " + r.startLoss() + " → " + r.endLoss());
    assertTrue(!before.equals(after));
  }

  private static Parameters withNewGradients(SequenceModel m) {
    return new Parameters().add("W", m.W).add("U", m.U).add("b", m.b).add("v", m.v)
        .add("bY", m.bY);
  }

  private static void assertLearned(String what, AddingProblem.Result r) {
    assertTrue(r.testMse() < 0.02 && r.testMse() < r.startMse() / 20, what
        + ": test MSE " + r.startMse() + " → " + r.testMse() + " (answering 1.0 always: "
        + AddingProblem.BASELINE_MSE + ")");
  }
}

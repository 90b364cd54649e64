package dev.tapeless.samples.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.train.Parameters;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated LSTM gradients against the hand-written BPTT (to 1e-10 of the gradient's scale:
 * only rounding separates them) and against central finite differences (1e-6).
 */
class LstmGradientTest {

  private static final int INPUT = 2;

  /** A random sequence of {@code steps} inputs, each component N(0, 1). */
  static double[][] sequence(int steps, Random rng) {
    double[][] xs = new double[steps][INPUT];
    for (double[] x : xs) {
      for (int j = 0; j < INPUT; j++) {
        x[j] = rng.nextGaussian();
      }
    }
    return xs;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 50})
  void generatedMatchesHandWrittenBptt(int steps) {
    Random rng = new Random(1000 + steps);
    int n = 6;
    SequenceModel m = SequenceModel.gaussian(4, INPUT, n, 0.5, rng);
    double[][] xs = sequence(steps, rng);
    double target = 0.7;

    Lstm_Grad.SequenceLoss frame = new Lstm_Grad.SequenceLoss();
    double generated = frame.valueAndGradient(m.W, m.U, m.b, m.v, m.bY, xs, target);
    LstmBptt bptt = new LstmBptt(INPUT, n, steps);
    double byHand = bptt.valueAndGradient(m.W, m.U, m.b, m.v, m.bY, xs, target);

    assertEquals(Lstm.sequenceLoss(m.W, m.U, m.b, m.v, m.bY, xs, target), generated, 0.0);
    assertEquals(byHand, generated, 1e-14 * Math.abs(byHand));
    double[] g = Gradients.flat(m.parameters(frame.dW, frame.dU, frame.db, frame.dv, frame.dbY));
    double[] h = Gradients.flat(m.parameters(bptt.dW, bptt.dU, bptt.db, bptt.dv, bptt.dbY));
    double difference = Gradients.maxComponentRelativeDifference(g, h);
    System.out.printf("LSTM T = %d: generated vs hand-written BPTT, %d components, max relative"
        + " difference %.2e (%.2e of the gradient's scale)%n", steps, g.length, difference,
        Gradients.maxRelativeDifference(g, h));
    assertTrue(difference <= 1e-10, "generated and hand-written differ by " + difference);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 20})
  void generatedMatchesFiniteDifferences(int steps) {
    Random rng = new Random(2000 + steps);
    SequenceModel m = SequenceModel.gaussian(4, INPUT, 4, 0.5, rng);
    double[][] xs = sequence(steps, rng);
    Lstm_Grad.SequenceLoss frame = new Lstm_Grad.SequenceLoss();
    frame.valueAndGradient(m.W, m.U, m.b, m.v, m.bY, xs, 1.1);
    Parameters p = m.parameters(frame.dW, frame.dU, frame.db, frame.dv, frame.dbY);
    double worst = Gradients.checkAgainstFiniteDifferences(p,
        () -> Lstm.sequenceLoss(m.W, m.U, m.b, m.v, m.bY, xs, 1.1), 0, 1e-6, steps);
    System.out.printf("LSTM T = %d: generated vs finite differences, %d components, worst"
        + " relative error %.2e%n", steps, p.elementCount(), worst);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 20})
  void handWrittenMatchesFiniteDifferences(int steps) {
    Random rng = new Random(3000 + steps);
    SequenceModel m = SequenceModel.gaussian(4, INPUT, 4, 0.5, rng);
    double[][] xs = sequence(steps, rng);
    LstmBptt bptt = new LstmBptt(INPUT, 4, steps);
    bptt.valueAndGradient(m.W, m.U, m.b, m.v, m.bY, xs, 1.1);
    Parameters p = m.parameters(bptt.dW, bptt.dU, bptt.db, bptt.dv, bptt.dbY);
    double worst = Gradients.checkAgainstFiniteDifferences(p,
        () -> Lstm.sequenceLoss(m.W, m.U, m.b, m.v, m.bY, xs, 1.1), 0, 1e-6, steps);
    System.out.printf("LSTM T = %d: hand-written vs finite differences, %d components, worst"
        + " relative error %.2e%n", steps, p.elementCount(), worst);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void accumulateAddsAndValueAndGradientOverwrites(int calls) {
    Random rng = new Random(4000);
    SequenceModel m = SequenceModel.gaussian(4, INPUT, 3, 0.5, rng);
    double[][] xs = sequence(5, rng);
    Lstm_Grad.SequenceLoss frame = new Lstm_Grad.SequenceLoss();
    frame.valueAndGradient(m.W, m.U, m.b, m.v, m.bY, xs, 0.2);
    double once = frame.dU[5][1];
    for (int i = 1; i < calls; i++) {
      frame.accumulate(m.W, m.U, m.b, m.v, m.bY, xs, 0.2);
    }
    assertEquals(calls * once, frame.dU[5][1], 1e-15 * calls * Math.abs(once));
    frame.valueAndGradient(m.W, m.U, m.b, m.v, m.bY, xs, 0.2);
    assertEquals(once, frame.dU[5][1], 0.0);
  }
}

package dev.tapeless.samples.gru;

import dev.tapeless.runtime.train.Parameters;
import dev.tapeless.samples.lstm.Gradients;
import dev.tapeless.samples.lstm.SequenceModel;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generated GRU gradient against central finite differences, over 2 and over T steps. */
class GruGradientTest {

  @ParameterizedTest
  @ValueSource(ints = {2, 20})
  void generatedMatchesFiniteDifferences(int steps) {
    Random rng = new Random(5000 + steps);
    SequenceModel m = SequenceModel.gaussian(3, 2, 4, 0.5, rng);
    double[][] xs = new double[steps][2];
    for (double[] x : xs) {
      x[0] = rng.nextGaussian();
      x[1] = rng.nextGaussian();
    }
    Gru_Grad.SequenceLoss frame = new Gru_Grad.SequenceLoss();
    frame.valueAndGradient(m.W, m.U, m.b, m.v, m.bY, xs, 0.9);
    Parameters p = m.parameters(frame.dW, frame.dU, frame.db, frame.dv, frame.dbY);
    double worst = Gradients.checkAgainstFiniteDifferences(p,
        () -> Gru.sequenceLoss(m.W, m.U, m.b, m.v, m.bY, xs, 0.9), 0, 1e-6, steps);
    System.out.printf("GRU T = %d: generated vs finite differences, %d components, worst"
        + " relative error %.2e%n", steps, p.elementCount(), worst);
  }
}

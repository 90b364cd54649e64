package dev.tapeless.samples.lstm;

import dev.tapeless.runtime.train.Init;
import dev.tapeless.runtime.train.Parameters;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generated gradient of the character model's loss against central finite differences. */
class CharacterLossGradientTest {

  @ParameterizedTest
  @ValueSource(ints = {2, 12})
  void generatedMatchesFiniteDifferences(int steps) {
    Random rng = new Random(6000 + steps);
    int vocabulary = 5;
    int d = 3;
    int n = 4;
    SequenceModel lstm = SequenceModel.gaussian(4, d, n, 0.5, rng);
    double[][] E = new double[vocabulary][d];
    double[][] Wy = new double[vocabulary][n];
    double[] by = new double[vocabulary];
    Init.normal(E, 0.5, rng);
    Init.normal(Wy, 0.5, rng);
    Init.normal(by, 0.5, rng);
    int[] text = new int[steps + 3];
    for (int i = 0; i < text.length; i++) {
      text[i] = rng.nextInt(vocabulary);
    }
    int start = 2;
    Lstm_Grad.CharacterLoss frame = new Lstm_Grad.CharacterLoss();
    frame.valueAndGradient(E, lstm.W, lstm.U, lstm.b, Wy, by, text, start, steps);
    Parameters p = new Parameters().add("E", E, frame.dE).add("W", lstm.W, frame.dW)
        .add("U", lstm.U, frame.dU).add("b", lstm.b, frame.db).add("Wy", Wy, frame.dWy)
        .add("by", by, frame.dby);
    double worst = Gradients.checkAgainstFiniteDifferences(p,
        () -> Lstm.characterLoss(E, lstm.W, lstm.U, lstm.b, Wy, by, text, start, steps), 0, 1e-6,
        steps);
    System.out.printf("LSTM character loss, T = %d: generated vs finite differences, %d"
        + " components, worst relative error %.2e%n", steps, p.elementCount(), worst);
  }
}

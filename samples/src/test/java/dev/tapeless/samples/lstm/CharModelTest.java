package dev.tapeless.samples.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.train.Adam;
import dev.tapeless.runtime.train.Init;
import dev.tapeless.runtime.train.Parameters;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The character model as a model class: the generated gradient of {@link CharModel#loss} (an
 * instance method calling the instance method {@link CharModel#cell} once per step) against
 * central finite differences, {@code parameters(model)} registering exactly the six weight
 * fields with the frame's gradient arrays, and Adam steps through them lowering the loss.
 */
class CharModelTest {

  /** A small model with every weight random, biases included. */
  static CharModel model(int vocabulary, int d, int n, Random rng) {
    CharModel m = new CharModel(vocabulary, d, n, rng);
    Init.normal(m.E, 0.5, rng);
    Init.normal(m.W, 0.5, rng);
    Init.normal(m.U, 0.5, rng);
    Init.normal(m.b, 0.5, rng);
    Init.normal(m.Wy, 0.5, rng);
    Init.normal(m.by, 0.5, rng);
    return m;
  }

  static int[] text(int length, int vocabulary, Random rng) {
    int[] text = new int[length];
    for (int i = 0; i < text.length; i++) {
      text[i] = rng.nextInt(vocabulary);
    }
    return text;
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 12})
  void generatedMatchesFiniteDifferences(int steps) {
    Random rng = new Random(6000 + steps);
    CharModel m = model(5, 3, 4, rng);
    int[] text = text(steps + 3, 5, rng);
    int start = 2;
    CharModel_Grad.Loss frame = new CharModel_Grad.Loss();
    Parameters p = frame.parameters(m);
    double value = frame.valueAndGradient(m, text, start, steps);
    assertEquals(m.loss(text, start, steps), value, 1e-14 * value);
    double worst = Gradients.checkAgainstFiniteDifferences(p,
        () -> m.loss(text, start, steps), 0, 1e-6, steps);
    System.out.printf("LSTM character model, T = %d: generated vs finite differences, %d"
        + " components, worst relative error %.2e%n", steps, p.elementCount(), worst);
  }

  @Test
  void cellIsTheStaticLstmCell() {
    Random rng = new Random(3);
    CharModel m = model(5, 3, 4, rng);
    double[] x = {0.3, -0.7, 1.1};
    double[] hPrev = {0.1, -0.2, 0.3, -0.4};
    double[] cPrev = {0.5, 0.6, -0.7, 0.8};
    double[] h = new double[4];
    double[] c = new double[4];
    double[] h2 = new double[4];
    double[] c2 = new double[4];
    m.cell(x, hPrev, cPrev, h, c);
    Lstm.cell(m.W, m.U, m.b, x, hPrev, cPrev, h2, c2);
    assertArrayEquals(h2, h);
    assertArrayEquals(c2, c);
  }

  @Test
  void parametersRegisterExactlyTheWeightFieldsWithTheFramesGradients() {
    CharModel m = model(7, 3, 4, new Random(5));
    CharModel_Grad.Loss frame = new CharModel_Grad.Loss();
    Parameters p = frame.parameters(m);

    assertEquals(6, p.parameterCount());
    String[] names = new String[6];
    for (int k = 0; k < 6; k++) {
      names[k] = p.name(k);
    }
    assertArrayEquals(new String[] {"E", "W", "U", "b", "Wy", "by"}, names);
    assertEquals(7 * 3 + 16 * 3 + 16 * 4 + 16 + 7 * 4 + 7, p.elementCount());
    assertSame(frame.dE, p.matrixGradient("E"));
    assertSame(frame.dW, p.matrixGradient("W"));
    assertSame(frame.dU, p.matrixGradient("U"));
    assertSame(frame.db, p.vectorGradient("b"));
    assertSame(frame.dWy, p.matrixGradient("Wy"));
    assertSame(frame.dby, p.vectorGradient("by"));

    // Rows in registration order: the model's own arrays beside the frame's gradient arrays.
    double[][][] values = {m.E, m.W, m.U, {m.b}, m.Wy, {m.by}};
    double[][][] gradients = {frame.dE, frame.dW, frame.dU, {frame.db}, frame.dWy, {frame.dby}};
    int row = 0;
    for (int k = 0; k < values.length; k++) {
      for (int i = 0; i < values[k].length; i++, row++) {
        assertSame(values[k][i], p.valueRow(row), names[k] + " row " + i);
        assertSame(gradients[k][i], p.gradientRow(row), names[k] + " row " + i);
      }
    }
    assertEquals(p.rowCount(), row);

    int[] text = text(10, 7, new Random(6));
    frame.accumulate(m, text, 0, 9);
    assertSame(frame.dU, p.matrixGradient("U"), "later calls keep the registered arrays");
    assertTrue(p.gradientNorm() > 0, "the registered gradient is the frame's");
  }

  @Test
  void aFewAdamStepsThroughTheParametersLowerTheLoss() {
    Random rng = new Random(8);
    CharModel m = new CharModel(6, 4, 8, rng);
    int[] text = new int[60];
    for (int i = 0; i < text.length; i++) {
      text[i] = (i * i + i / 3) % 6; // a fixed pattern to learn
    }
    CharModel_Grad.Loss frame = new CharModel_Grad.Loss();
    Parameters p = frame.parameters(m);
    Adam adam = new Adam(p, 0.05);
    double before = m.loss(text, 0, text.length - 1);
    for (int step = 0; step < 15; step++) {
      p.zeroGradients();
      frame.accumulate(m, text, 0, text.length - 1);
      adam.step();
    }
    double after = m.loss(text, 0, text.length - 1);
    assertTrue(after < 0.8 * before, "loss per character " + before + " -> " + after);
  }
}

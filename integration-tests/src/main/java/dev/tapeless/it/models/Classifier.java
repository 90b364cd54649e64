package dev.tapeless.it.models;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;

/**
 * A one-hidden-layer classifier as a class: its weight fields are what the frames
 * differentiate, a record field holds the output layer, a mask field is excluded with
 * {@code @NoDerivative}, and a name field is not an input at all.
 */
public final class Classifier {
  /** The output layer. */
  public record Output(double[][] weights, double[] bias) {}

  double[][] hidden;
  double[] hiddenBias;
  Output output;
  double temperature;
  @NoDerivative double[] inputMask;
  final String name;

  Classifier(double[][] hidden, double[] hiddenBias, Output output, double temperature,
      double[] inputMask) {
    this.hidden = hidden;
    this.hiddenBias = hiddenBias;
    this.output = output;
    this.temperature = temperature;
    this.inputMask = inputMask;
    this.name = "classifier";
  }

  /** Unit {@code i} of the hidden layer. */
  @Differentiable
  double unit(@NoDerivative double[] x, int i) {
    double z = hiddenBias[i];
    for (int j = 0; j < x.length; j++) {
      z += this.hidden[i][j] * (x[j] * inputMask[j]);
    }
    return Math.tanh(z);
  }

  /** {@link #unit} with the field's row in a variable, as people write it. */
  @Differentiable
  double unitWithRow(@NoDerivative double[] x, int i) {
    double[] row = hidden[i];
    double z = hiddenBias[i];
    int j = 0;
    for (double w : row) {
      z += w * (x[j] * inputMask[j]);
      j++;
    }
    return Math.tanh(z);
  }

  /** The logit of class {@code k}. */
  @Differentiable
  double logit(@NoDerivative double[] x, int k) {
    double z = output.bias()[k];
    for (int i = 0; i < hiddenBias.length; i++) {
      z += output.weights()[k][i] * unit(x, i);
    }
    return z / temperature;
  }

  /** Cross-entropy of the softmax of the logits against class {@code label}. */
  @Differentiable
  public double loss(@NoDerivative double[] x, int label) {
    double max = -1e300;
    double[] logits = new double[output.bias().length];
    for (int k = 0; k < logits.length; k++) {
      logits[k] = logit(x, k);
      max = Math.max(max, logits[k]);
    }
    double sum = 0;
    for (int k = 0; k < logits.length; k++) {
      sum += Math.exp(logits[k] - max);
    }
    return Math.log(sum) + max - logits[label];
  }
}

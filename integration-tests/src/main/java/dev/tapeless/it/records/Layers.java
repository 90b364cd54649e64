package dev.tapeless.it.records;

import dev.tapeless.Differentiable;
import dev.tapeless.Out;

/**
 * A small network as records of weight arrays: each layer a record, the network a record of
 * layers, a layer passed whole to another {@code @Differentiable} method that writes an
 * {@code @Out} array.
 */
public final class Layers {
  private Layers() {}

  /** Weights and biases of one dense layer. */
  public record Dense(double[][] weights, double[] bias) {}

  /** Two dense layers and an output scale. */
  public record Net(Dense hidden, Dense output, double scale) {}

  /** {@code out = tanh(W x + b)}. */
  @Differentiable
  public static void dense(Dense layer, double[] x, @Out double[] out) {
    for (int i = 0; i < out.length; i++) {
      double z = layer.bias()[i];
      for (int j = 0; j < x.length; j++) {
        z += layer.weights()[i][j] * x[j];
      }
      out[i] = Math.tanh(z);
    }
  }

  /** Squared error of the network's output against {@code target}. */
  @Differentiable
  public static double loss(Net net, double[] x, double[] target) {
    double[] h = new double[net.hidden().bias().length];
    double[] y = new double[net.output().bias().length];
    dense(net.hidden(), x, h);
    dense(net.output(), h, y);
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      double e = net.scale() * y[i] - target[i];
      sum += e * e;
    }
    return 0.5 * sum;
  }

  /** The same loss through {@link Decays#fit}'s class: a record passed across classes. */
  @Differentiable
  public static double withPrior(Net net, double[] x, double[] target, Decays.Curve prior) {
    return loss(net, x, target) + 0.01 * Decays.fit(prior, target, target);
  }

  /** {@link #loss} written with row variables: the layer's arrays and rows named once. */
  @Differentiable
  public static double lossWithRows(Net net, double[] x, double[] target) {
    double[] h = new double[net.hidden().bias().length];
    double[] y = new double[net.output().bias().length];
    denseWithRows(net.hidden(), x, h);
    denseWithRows(net.output(), h, y);
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      double e = net.scale() * y[i] - target[i];
      sum += e * e;
    }
    return 0.5 * sum;
  }

  /** {@link #dense} with the weights, bias and each row in a variable. */
  @Differentiable
  public static void denseWithRows(Dense layer, double[] x, @Out double[] out) {
    double[][] weights = layer.weights();
    double[] bias = layer.bias();
    for (int i = 0; i < out.length; i++) {
      double[] row = weights[i];
      double z = bias[i];
      for (int j = 0; j < x.length; j++) {
        z += row[j] * x[j];
      }
      out[i] = Math.tanh(z);
    }
  }
}

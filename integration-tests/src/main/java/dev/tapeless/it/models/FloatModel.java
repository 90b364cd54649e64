package dev.tapeless.it.models;

import dev.tapeless.Differentiable;

/** A float linear model with a float bias: adjoints and {@code parameters} in float. */
public final class FloatModel {
  float[][] weights;
  float[] bias;

  FloatModel(float[][] weights, float[] bias) {
    this.weights = weights;
    this.bias = bias;
  }

  /** Squared error of {@code W x + b} against {@code y}. */
  @Differentiable
  public float loss(float[] x, float[] y) {
    float sum = 0f;
    for (int i = 0; i < bias.length; i++) {
      float z = bias[i];
      for (int j = 0; j < x.length; j++) {
        z += weights[i][j] * x[j];
      }
      float e = z - y[i];
      sum += e * e;
    }
    return 0.5f * sum;
  }
}

package dev.tapeless.it.helpers;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;

/**
 * A model whose {@code @Differentiable} methods call instance helpers of the same object
 * without the annotation (one private), which read its fields: copied in with the fields as
 * the same inputs, next to the same computation through annotated methods and written inline.
 */
public final class HelperModel {
  double[][] w;
  double[] b;
  double gain;

  HelperModel(double[][] w, double[] b, double gain) {
    this.w = w;
    this.b = b;
    this.gain = gain;
  }

  double unit(double[] x, int i) {
    double z = b[i];
    for (int j = 0; j < x.length; j++) {
      z += this.w[i][j] * x[j];
    }
    return squash(z);
  }

  private double squash(double z) {
    return gain * Math.tanh(z);
  }

  /** Sum of squared units, through the instance helpers. */
  @Differentiable
  public double energy(@NoDerivative double[] x) {
    double s = 0;
    for (int i = 0; i < b.length; i++) {
      double u = this.unit(x, i);
      s += u * u;
    }
    return s;
  }

  @Differentiable
  double unitAnnotated(@NoDerivative double[] x, int i) {
    double z = b[i];
    for (int j = 0; j < x.length; j++) {
      z += this.w[i][j] * x[j];
    }
    return squashAnnotated(z);
  }

  @Differentiable
  double squashAnnotated(double z) {
    return gain * Math.tanh(z);
  }

  /** {@link #energy} through annotated methods. */
  @Differentiable
  public double energyAnnotated(@NoDerivative double[] x) {
    double s = 0;
    for (int i = 0; i < b.length; i++) {
      double u = this.unitAnnotated(x, i);
      s += u * u;
    }
    return s;
  }

  /** {@link #energy} written inline. */
  @Differentiable
  public double energyInline(@NoDerivative double[] x) {
    double s = 0;
    for (int i = 0; i < b.length; i++) {
      double z = b[i];
      for (int j = 0; j < x.length; j++) {
        z += this.w[i][j] * x[j];
      }
      double u = gain * Math.tanh(z);
      s += u * u;
    }
    return s;
  }
}

package dev.tapeless.it.floats;

import dev.tapeless.Differentiable;
import dev.tapeless.Out;

/** Three-dimensional arrays: a convolution over channels, a batch of sequences, 3-D locals. */
public final class Blocks {
  private Blocks() {}

  /** A 3x3 "valid" convolution of a [channels][rows][cols] image with a [channels][3][3] kernel. */
  @Differentiable
  public static double convolution(double[][][] image, double[][][] kernel) {
    double loss = 0;
    for (int r = 0; r + 2 < image[0].length; r++) {
      for (int c = 0; c + 2 < image[0][0].length; c++) {
        double z = 0;
        for (int ch = 0; ch < image.length; ch++) {
          for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
              z += image[ch][r + i][c + j] * kernel[ch][i][j];
            }
          }
        }
        loss += Math.log1p(Math.exp(z));
      }
    }
    return loss;
  }

  /** A batch of sequences [batch][time][features] through one recurrence with a 3-D local. */
  @Differentiable
  public static double sequences(double[][][] batch, double[] w, double decay) {
    double[][][] states = new double[batch.length][batch[0].length][w.length];
    double loss = 0;
    for (int b = 0; b < batch.length; b++) {
      for (int t = 0; t < batch[b].length; t++) {
        for (int k = 0; k < w.length; k++) {
          double previous = t == 0 ? 0.0 : states[b][t - 1][k];
          states[b][t][k] = Math.tanh(decay * previous + w[k] * batch[b][t][k]);
        }
      }
      for (int k = 0; k < w.length; k++) {
        loss += states[b][batch[b].length - 1][k] * states[b][batch[b].length - 1][k];
      }
    }
    return loss;
  }

  /** Float blocks with a 3-D output. */
  @Differentiable
  public static void scaledBlocks(float[][][] x, float s, @Out float[][][] y) {
    for (int a = 0; a < x.length; a++) {
      for (int b = 0; b < x[a].length; b++) {
        for (int c = 0; c < x[a][b].length; c++) {
          y[a][b][c] = s * x[a][b][c] * x[a][b][c] + (float) Math.sin(x[a][b][c]);
        }
      }
    }
  }

  /** A callee with a 3-D local and a float local: its callers run it in split mode. */
  @Differentiable
  public static double withLocals(double[] w, double a) {
    double[][][] s = new double[2][3][w.length];
    float[] f = new float[w.length];
    double t = 0;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < w.length; k++) {
          s[i][j][k] = Math.sin(w[k] * a * (i + 1) + j);
          t += s[i][j][k] * s[i][j][k];
        }
      }
    }
    for (int k = 0; k < w.length; k++) {
      f[k] = (float) (w[k] * t);
      t += f[k] * f[k];
    }
    return t;
  }

  /** Calls it three times, so that its split state (shapes included) is saved and restored. */
  @Differentiable
  public static double callsWithLocals(double[] w, double a) {
    double r = 0;
    for (int n = 0; n < 3; n++) {
      r += withLocals(w, a + n) * (n + 1);
    }
    return r;
  }
}

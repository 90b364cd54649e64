package dev.tapeless.samples.lstm;

/**
 * Rounding double weights and inputs to float, so that the float LSTM starts from the double
 * one's initialization and the two can be compared at the same point.
 */
public final class FloatWeights {
  private FloatWeights() {}

  public static float[] of(double[] a) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (float) a[i];
    }
    return out;
  }

  public static float[][] of(double[][] a) {
    float[][] out = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = of(a[i]);
    }
    return out;
  }

  /** The float values widened back, to evaluate the double model at exactly the float point. */
  public static double[] widened(float[] a) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }

  public static double[][] widened(float[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = widened(a[i]);
    }
    return out;
  }
}

package dev.tapeless.it.objects;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import java.util.List;

/**
 * Data passed as {@code List<double[]>} (and {@code List<double[][]>}): read-only inputs the
 * gradient never differentiates, read by index, by an enhanced {@code for}, and passed row by
 * row to a callee's {@code @NoDerivative} array parameter.
 */
public final class Batches {
  private Batches() {}

  /** The example: a dot product with every sample. */
  @Differentiable
  public static double sumList(double[] w, @NoDerivative List<double[]> xs) {
    double s = 0;
    for (double[] x : xs) {
      for (int j = 0; j < w.length; j++) {
        s += w[j] * x[j];
      }
    }
    return s;
  }

  /** Least squares of a linear model over samples and targets, read with get, size and length. */
  @Differentiable
  public static double leastSquares(double[] w, double b, List<double[]> xs,
      @NoDerivative double[] y) {
    double loss = 0;
    for (int i = 0; i < xs.size(); i++) {
      double p = b;
      for (int j = 0; j < xs.get(i).length; j++) {
        p += w[j] * xs.get(i)[j];
      }
      double r = Math.tanh(p) - y[i];
      loss += r * r;
    }
    return loss / xs.size();
  }

  /** A sample's loss, its inputs not differentiated. */
  @Differentiable
  public static double sampleLoss(double[] w, @NoDerivative double[] x) {
    double p = 0;
    for (int j = 0; j < w.length; j++) {
      p += w[j] * x[j];
    }
    return Math.log(1 + Math.exp(-p));
  }

  /**
   * Rows passed to a callee, an enhanced for that leaves early (a while loop in the gradient),
   * and the list passed whole to another method.
   */
  @Differentiable
  public static double logistic(double[] w, List<double[]> xs, int limit) {
    double total = 0;
    int seen = 0;
    for (double[] x : xs) {
      if (seen >= limit) {
        break;
      }
      total += sampleLoss(w, x) * x.length;
      seen++;
    }
    return total + 0.5 * sumList(w, xs);
  }

  /** A list of matrices: a quadratic form per element. */
  @Differentiable
  public static double quadratic(double[] v, List<double[][]> ms) {
    double s = 0;
    for (int k = 0; k < ms.size(); k++) {
      for (int i = 0; i < ms.get(k).length; i++) {
        for (int j = 0; j < ms.get(k)[i].length; j++) {
          s += v[i] * ms.get(k)[i][j] * v[j];
        }
      }
      s += sampleLoss(v, ms.get(k)[0]);
    }
    return s;
  }

  /**
   * A list's element passed where the callee differentiates its parameter: what the callee
   * gives back for it is dropped, as for a constant (found by the random tester: the frame gave
   * the list an adjoint buffer, which did not compile).
   */
  @Differentiable
  public static double elementsToACallee(double a, List<double[]> xs) {
    double s = 0;
    for (int i = 0; i < xs.size(); i++) {
      s += both(a, xs.get(i)[i % xs.get(i).length]);
    }
    return s;
  }

  /**
   * Each row's elements by an enhanced for over the row: for-each over a list's row reads
   * {@code x[k]} for each {@code k}, as indexing does (found by the random tester: the row was
   * rejected as a use a list does not allow).
   */
  @Differentiable
  public static double elementsOfRows(double w, List<double[]> xs) {
    double s = 0;
    for (double[] x : xs) {
      for (double v : x) {
        s += w * v * v + Math.sin(w * v);
      }
    }
    return s;
  }

  /** Differentiates both parameters. */
  @Differentiable
  public static double both(double a, double p) {
    return Math.sin(a * p) + a * a * p;
  }
}

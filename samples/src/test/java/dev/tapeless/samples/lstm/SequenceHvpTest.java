package dev.tapeless.samples.lstm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.AllocationMeter;
import dev.tapeless.samples.gru.Gru_Grad;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Second order through backpropagation through time: {@code hvp} of the LSTM's and the GRU's
 * sequence losses (the cell inlined at each step, its kernels through their pushforwards)
 * against the central finite difference of the generated gradient along the same direction.
 */
class SequenceHvpTest {

  /**
   * One loss's frame, the LSTM's or the GRU's: the two generated classes have the same members
   * (and no common type), so they are called by name.
   */
  private record Loss(Object frame) {
    static Loss of(String cell) {
      return new Loss(cell.equals("LSTM") ? new Lstm_Grad.SequenceLoss()
          : new Gru_Grad.SequenceLoss());
    }

    double[] gradient(SequenceModel m) {
      call("valueAndGradient", m.W, m.U, m.b, m.v, m.bY, XS, 0.9);
      return derivatives();
    }

    double[] hvp(SequenceModel m, SequenceModel d) {
      call("hvp", m.W, m.U, m.b, m.v, m.bY, XS, 0.9, d.W, d.U, d.b, d.v, d.bY);
      return derivatives();
    }

    private void call(String name, Object... args) {
      try {
        for (java.lang.reflect.Method method : frame.getClass().getMethods()) {
          if (method.getName().equals(name)) {
            method.invoke(frame, args);
            return;
          }
        }
        throw new AssertionError("no " + name + " on " + frame.getClass());
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }

    private double[] derivatives() {
      try {
        Class<?> c = frame.getClass();
        return flat((double[][]) c.getField("dW").get(frame),
            (double[][]) c.getField("dU").get(frame), (double[]) c.getField("db").get(frame),
            (double[]) c.getField("dv").get(frame), (double[]) c.getField("dbY").get(frame));
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
  }

  private static final double[][] XS = inputs(12);

  private static double[][] inputs(int steps) {
    Random rng = new Random(77);
    double[][] xs = new double[steps][2];
    for (double[] x : xs) {
      x[0] = rng.nextGaussian();
      x[1] = rng.nextGaussian();
    }
    return xs;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"LSTM", "GRU"})
  void hvpIsTheFiniteDifferenceOfTheGradientAlongTheDirection(String cell) {
    int gates = cell.equals("LSTM") ? 4 : 3;
    Loss loss = Loss.of(cell);
    Random rng = new Random(gates);
    SequenceModel m = SequenceModel.gaussian(gates, 2, 4, 0.5, rng);
    SequenceModel d = SequenceModel.gaussian(gates, 2, 4, 1.0, rng);
    double[] hv = loss.hvp(m, d);
    double h = 1e-5;
    double[] up = loss.gradient(moved(m, d, h, gates));
    double[] down = loss.gradient(moved(m, d, -h, gates));
    double[] fd = new double[up.length];
    for (int i = 0; i < fd.length; i++) {
      fd[i] = (up[i] - down[i]) / (2 * h);
    }
    double error = Gradients.maxRelativeDifference(hv, fd);
    System.out.printf("%s: hvp vs finite differences of the gradient, %d components, worst"
        + " error relative to the largest %.2e%n", cell, fd.length, error);
    assertTrue(error < 1e-6, cell + ": " + error);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"LSTM", "GRU"})
  void hvpAllocatesNothingAfterWarmUp(String cell) {
    int gates = cell.equals("LSTM") ? 4 : 3;
    Random rng = new Random(gates);
    SequenceModel m = SequenceModel.gaussian(gates, 2, 4, 0.5, rng);
    SequenceModel d = SequenceModel.gaussian(gates, 2, 4, 1.0, rng);
    Lstm_Grad.SequenceLoss lstm = new Lstm_Grad.SequenceLoss();
    Gru_Grad.SequenceLoss gru = new Gru_Grad.SequenceLoss();
    Runnable hvp = cell.equals("LSTM")
        ? () -> lstm.hvp(m.W, m.U, m.b, m.v, m.bY, XS, 0.9, d.W, d.U, d.b, d.v, d.bY)
        : () -> gru.hvp(m.W, m.U, m.b, m.v, m.bY, XS, 0.9, d.W, d.U, d.b, d.v, d.bY);
    hvp.run();
    AllocationMeter.assertAllocatesNothing(cell + " hvp", hvp);
  }

  private static SequenceModel moved(SequenceModel m, SequenceModel d, double h, int gates) {
    SequenceModel out = SequenceModel.gaussian(gates, 2, 4, 0.0, new Random(0));
    move(m.W, d.W, h, out.W);
    move(m.U, d.U, h, out.U);
    move(m.b, d.b, h, out.b);
    move(m.v, d.v, h, out.v);
    move(m.bY, d.bY, h, out.bY);
    return out;
  }

  private static void move(double[][] a, double[][] d, double h, double[][] out) {
    for (int i = 0; i < a.length; i++) {
      move(a[i], d[i], h, out[i]);
    }
  }

  private static void move(double[] a, double[] d, double h, double[] out) {
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + h * d[i];
    }
  }

  private static double[] flat(double[][] w, double[][] u, double[] b, double[] v,
      double[] bY) {
    int n = b.length + v.length + bY.length;
    for (double[] row : w) {
      n += row.length;
    }
    for (double[] row : u) {
      n += row.length;
    }
    double[] out = new double[n];
    int k = 0;
    for (double[][] m : new double[][][] {w, u}) {
      for (double[] row : m) {
        for (double x : row) {
          out[k++] = x;
        }
      }
    }
    for (double[] a : new double[][] {b, v, bY}) {
      for (double x : a) {
        out[k++] = x;
      }
    }
    return out;
  }
}

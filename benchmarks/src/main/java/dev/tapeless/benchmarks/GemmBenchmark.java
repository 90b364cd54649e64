package dev.tapeless.benchmarks;

import dev.tapeless.runtime.Batched;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Batched#gemm} ({@code Y = X Wᵀ}, 2·B·n·m flops) and its pullback ({@code dX} and
 * {@code dW}, 4·B·n·m flops) at three shapes {@code B x n x m}: the MLP's first layer at batch
 * 256, an LSTM step at H = 512, batch 64 ([x, h] of 1024 against 4H = 2048 gate rows), and a
 * square 512, in double and in float ({@code forwardFloat}, {@code pullbackFloat}). BENCHMARKS.md
 * turns the times into GFLOP/s. Run with {@code --add-modules jdk.incubator.vector} (JMH's
 * {@code -jvmArgsAppend}) the products take the runtime's Vector API kernel.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBenchmark {

  @Param({"256x64x64", "64x1024x2048", "512x512x512"})
  public String shape;

  private double[][] X;
  private double[][] W;
  private double[][] Y;
  private double[][] dY;
  private double[][] dX;
  private double[][] dW;
  private float[][] fX;
  private float[][] fW;
  private float[][] fY;
  private float[][] fdY;
  private float[][] fdX;
  private float[][] fdW;

  /** Random matrices of the shape. */
  @Setup
  public void setUp() {
    String[] s = shape.split("x");
    int b = Integer.parseInt(s[0]);
    int n = Integer.parseInt(s[1]);
    int m = Integer.parseInt(s[2]);
    Random rng = new Random(7);
    X = random(rng, b, n);
    W = random(rng, m, n);
    Y = new double[b][m];
    dY = random(rng, b, m);
    dX = new double[b][n];
    dW = new double[m][n];
    fX = toFloat(X);
    fW = toFloat(W);
    fY = new float[b][m];
    fdY = toFloat(dY);
    fdX = new float[b][n];
    fdW = new float[m][n];
  }

  private static float[][] toFloat(double[][] a) {
    float[][] f = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      f[i] = new float[a[i].length];
      for (int j = 0; j < f[i].length; j++) {
        f[i][j] = (float) a[i][j];
      }
    }
    return f;
  }

  private static double[][] random(Random rng, int rows, int cols) {
    double[][] a = new double[rows][cols];
    for (double[] row : a) {
      for (int j = 0; j < cols; j++) {
        row[j] = rng.nextGaussian();
      }
    }
    return a;
  }

  /** {@code Y = X Wᵀ}. */
  @Benchmark
  public double[][] forward() {
    Batched.gemm(X, W, Y);
    return Y;
  }

  /**
   * {@code dX += dY W}, {@code dW += dYᵀ X}; the seed is used again each call (the pullback
   * zeroes it, so from the second call on it adds zeros: the same work, the same loops).
   */
  @Benchmark
  public double[][] pullback() {
    Batched.gemmPullback(X, W, Y, dY, dX, dW);
    return dW;
  }

  /** {@link #forward} in float. */
  @Benchmark
  public float[][] forwardFloat() {
    Batched.gemm(fX, fW, fY);
    return fY;
  }

  /** {@link #pullback} in float. */
  @Benchmark
  public float[][] pullbackFloat() {
    Batched.gemmPullback(fX, fW, fY, fdY, fdX, fdW);
    return fdW;
  }
}

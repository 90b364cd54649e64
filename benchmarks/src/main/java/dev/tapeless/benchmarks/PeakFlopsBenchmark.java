package dev.tapeless.benchmarks;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one core of this machine does at best from Java, so that the GEMM's GFLOP/s can be put
 * against a measured peak and not only a datasheet one. {@code fma} and {@code mulAdd} run 16
 * dependent steps {@code v = v m + c} on each of 512 elements: C2 vectorizes across elements,
 * and the unrolled vectors are independent chains, so the time is the FMA (or multiply and add)
 * throughput, 32 flops per element per call. {@code dependentAdds} is 4,096 scalar additions in
 * one chain: its time per addition is the add latency, whose cycle count (2 on Zen 5) gives the
 * clock the cores actually run at. BENCHMARKS.md turns both into figures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PeakFlopsBenchmark {

  /** Elements per call: 4 KiB, in L1. */
  public static final int N = 512;

  /** Additions per call of {@link #dependentAdds}. */
  public static final int ADDS = 4096;

  private final double[] a = new double[N];
  private double m;
  private double c;

  /** Values that stay bounded under {@code v m + c}. */
  @Setup
  public void setUp() {
    Arrays.fill(a, 0.5);
    m = 0.999;
    c = 0.0005;
  }

  /** {@link #fma(double[], double, double, int)} once over the array: 32 · N flops. */
  @Benchmark
  public double[] fma() {
    fma(a, m, c, 1);
    return a;
  }

  /** {@link #mulAdd(double[], double, double, int)} once over the array: 32 · N flops. */
  @Benchmark
  public double[] mulAdd() {
    mulAdd(a, m, c, 1);
    return a;
  }

  /** {@link #dependentAdds(double, double, long)} of {@link #ADDS} additions. */
  @Benchmark
  public double dependentAdds() {
    return dependentAdds(m, c, ADDS);
  }

  /** {@code reps} times, 16 {@code Math.fma} on each element of {@code a}. */
  static void fma(double[] a, double m, double c, int reps) {
    for (int r = 0; r < reps; r++) {
      for (int i = 0; i < a.length; i++) {
        double v = a[i];
        v = Math.fma(v, m, c);
        v = Math.fma(v, m, c);
        v = Math.fma(v, m, c);
        v = Math.fma(v, m, c);
        v = Math.fma(v, m, c);
        v = Math.fma(v, m, c);
        v = Math.fma(v, m, c);
        v = Math.fma(v, m, c);
        v = Math.fma(v, m, c);
        v = Math.fma(v, m, c);
        v = Math.fma(v, m, c);
        v = Math.fma(v, m, c);
        v = Math.fma(v, m, c);
        v = Math.fma(v, m, c);
        v = Math.fma(v, m, c);
        v = Math.fma(v, m, c);
        a[i] = v;
      }
    }
  }

  /** {@code reps} times, 16 multiplies and 16 adds on each element of {@code a}. */
  static void mulAdd(double[] a, double m, double c, int reps) {
    for (int r = 0; r < reps; r++) {
      for (int i = 0; i < a.length; i++) {
        double v = a[i];
        v = v * m + c;
        v = v * m + c;
        v = v * m + c;
        v = v * m + c;
        v = v * m + c;
        v = v * m + c;
        v = v * m + c;
        v = v * m + c;
        v = v * m + c;
        v = v * m + c;
        v = v * m + c;
        v = v * m + c;
        v = v * m + c;
        v = v * m + c;
        v = v * m + c;
        v = v * m + c;
        a[i] = v;
      }
    }
  }

  /** {@code n} scalar additions of {@code d} to {@code s}, each waiting for the one before. */
  static double dependentAdds(double s, double d, long n) {
    double sum = s;
    for (long i = 0; i < n; i += 4) {
      sum += d;
      sum += d;
      sum += d;
      sum += d;
    }
    return sum;
  }
}

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

  /** 16 {@code Math.fma} per element: 32 · N flops. */
  @Benchmark
  public double[] fma() {
    double mm = m;
    double cc = c;
    for (int i = 0; i < N; i++) {
      double v = a[i];
      v = Math.fma(v, mm, cc);
      v = Math.fma(v, mm, cc);
      v = Math.fma(v, mm, cc);
      v = Math.fma(v, mm, cc);
      v = Math.fma(v, mm, cc);
      v = Math.fma(v, mm, cc);
      v = Math.fma(v, mm, cc);
      v = Math.fma(v, mm, cc);
      v = Math.fma(v, mm, cc);
      v = Math.fma(v, mm, cc);
      v = Math.fma(v, mm, cc);
      v = Math.fma(v, mm, cc);
      v = Math.fma(v, mm, cc);
      v = Math.fma(v, mm, cc);
      v = Math.fma(v, mm, cc);
      v = Math.fma(v, mm, cc);
      a[i] = v;
    }
    return a;
  }

  /** 16 multiplies and 16 adds per element: 32 · N flops. */
  @Benchmark
  public double[] mulAdd() {
    double mm = m;
    double cc = c;
    for (int i = 0; i < N; i++) {
      double v = a[i];
      v = v * mm + cc;
      v = v * mm + cc;
      v = v * mm + cc;
      v = v * mm + cc;
      v = v * mm + cc;
      v = v * mm + cc;
      v = v * mm + cc;
      v = v * mm + cc;
      v = v * mm + cc;
      v = v * mm + cc;
      v = v * mm + cc;
      v = v * mm + cc;
      v = v * mm + cc;
      v = v * mm + cc;
      v = v * mm + cc;
      v = v * mm + cc;
      a[i] = v;
    }
    return a;
  }

  /** {@link #ADDS} scalar additions, each waiting for the one before. */
  @Benchmark
  public double dependentAdds() {
    double s = m;
    double d = c;
    for (int i = 0; i < ADDS; i += 4) {
      s += d;
      s += d;
      s += d;
      s += d;
    }
    return s;
  }
}

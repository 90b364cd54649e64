package dev.tapeless.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * The workloads of {@link MlpBatchBenchmark} and {@link GemmBenchmark} timed by the CPU time of
 * this thread rather than by the clock, as {@code benchmarks/pytorch/mlp_step.py} times
 * PyTorch's: on a machine shared with other jobs, time spent waiting for a core then counts for
 * neither side (cache and memory bandwidth taken by other jobs still do). Each figure is the
 * median of 5 runs of at least 1 s of CPU time after 1 s of warm-up, in microseconds per call.
 * Run with {@code java -cp benchmarks/target/benchmarks.jar dev.tapeless.benchmarks.CpuTimes}.
 */
public final class CpuTimes {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static volatile double sink;

  private CpuTimes() {}

  /**
   * Prints one line per workload.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println("Java " + System.getProperty("java.version") + ", 1 thread, CPU time");
    for (int batch : new int[] {32, 256}) {
      MlpBatchBenchmark b = new MlpBatchBenchmark();
      b.batch = batch;
      b.setUp();
      double grad = micros(b::gradient);
      double step = micros(b::trainingStep);
      double each = micros(b::perExampleGradient);
      System.out.printf(Locale.ROOT, "mlp float64 batch %3d: gradient %9.1f us (%10.0f examples/s),"
          + " trainingStep %9.1f us (%10.0f examples/s), perExampleGradient %9.1f us%n",
          batch, grad, batch / grad * 1e6, step, batch / step * 1e6, each);
    }
    for (String shape : new String[] {"256x64x64", "64x1024x2048", "512x512x512"}) {
      GemmBenchmark g = new GemmBenchmark();
      g.shape = shape;
      g.setUp();
      double flops = 1;
      for (String s : shape.split("x")) {
        flops *= Integer.parseInt(s);
      }
      double forward = micros(() -> g.forward()[0][0]);
      double pullback = micros(() -> g.pullback()[0][0]);
      System.out.printf(Locale.ROOT, "gemm float64 %-13s: forward %10.1f us (%6.1f GFLOP/s),"
          + " backward %10.1f us (%6.1f GFLOP/s)%n", shape, forward, 2 * flops / forward / 1e3,
          pullback, 4 * flops / pullback / 1e3);
    }
  }

  private static double micros(DoubleSupplier work) {
    long end = System.nanoTime() + 1_000_000_000L;
    while (System.nanoTime() < end) {
      sink = work.getAsDouble();
    }
    double[] runs = new double[5];
    for (int r = 0; r < runs.length; r++) {
      long start = THREADS.getCurrentThreadCpuTime();
      long calls = 0;
      long used;
      do {
        sink = work.getAsDouble();
        calls++;
        used = THREADS.getCurrentThreadCpuTime() - start;
      } while (used < 1_000_000_000L);
      runs[r] = used / 1e3 / calls;
    }
    Arrays.sort(runs);
    return runs[2];
  }
}

package dev.tapeless.benchmarks;

import dev.tapeless.runtime.train.Adam;
import dev.tapeless.runtime.train.Init;
import dev.tapeless.samples.lstm.FloatWeights;
import dev.tapeless.samples.lstm.LstmBatch;
import dev.tapeless.samples.lstm.LstmBatchFloat;
import dev.tapeless.samples.lstm.LstmBatchFloat_Grad;
import dev.tapeless.samples.lstm.LstmBatch_Grad;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * The workloads of {@link MlpBatchBenchmark} and {@link GemmBenchmark}, and an LSTM training
 * step at H = 512, batch 64 ({@link LstmBatch}, and {@link LstmBatchFloat} in float), timed by
 * the CPU time of
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
   * @param args {@code lstm} for the LSTM step alone, {@code gemm} for the products alone,
   *     {@code peak} for {@link PeakFlopsBenchmark}; nothing for everything but the peak
   */
  public static void main(String[] args) {
    System.out.println("Java " + System.getProperty("java.version") + ", 1 thread, CPU time;"
        + " Vector API module " + (ModuleLayer.boot().findModule("jdk.incubator.vector")
            .isPresent() ? "present (the products take its kernel)" : "absent"));
    if (args.length > 0 && args[0].equals("lstm")) {
      lstm();
      return;
    }
    if (args.length > 0 && args[0].equals("gemm")) {
      gemm();
      return;
    }
    if (args.length > 0 && args[0].equals("peak")) {
      peak();
      return;
    }
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
    lstm();
    gemm();
  }

  /** {@link GemmBenchmark}'s products, in GFLOP/s. */
  private static void gemm() {
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
      forward = micros(() -> g.forwardFloat()[0][0]);
      pullback = micros(() -> g.pullbackFloat()[0][0]);
      System.out.printf(Locale.ROOT, "gemm float32 %-13s: forward %10.1f us (%6.1f GFLOP/s),"
          + " backward %10.1f us (%6.1f GFLOP/s)%n", shape, forward, 2 * flops / forward / 1e3,
          pullback, 4 * flops / pullback / 1e3);
    }
  }

  /**
   * {@link PeakFlopsBenchmark}'s kernels, each called once per run over many repetitions (as
   * static methods: called through a lambda, as {@link #micros} does, they measured scalar):
   * the FMA and multiply-add throughput of one core from Java, and the clock implied by the
   * latency of a dependent addition (2 cycles on Zen 5). The first runs include compilation.
   */
  private static void peak() {
    double[] a = new double[PeakFlopsBenchmark.N];
    Arrays.fill(a, 0.5);
    double flops = 32.0 * PeakFlopsBenchmark.N;
    int reps = 100_000;
    long adds = 100_000_000L;
    for (int run = 0; run < 5; run++) {
      long start = THREADS.getCurrentThreadCpuTime();
      PeakFlopsBenchmark.fma(a, 0.999, 0.0005, reps);
      long fma = THREADS.getCurrentThreadCpuTime();
      PeakFlopsBenchmark.mulAdd(a, 0.999, 0.0005, reps);
      long mulAdd = THREADS.getCurrentThreadCpuTime();
      sink = PeakFlopsBenchmark.dependentAdds(0.5, 1e-9, adds);
      long end = THREADS.getCurrentThreadCpuTime();
      double perAdd = (end - mulAdd) / (double) adds;
      System.out.printf(Locale.ROOT, "peak run %d: Math.fma %6.1f GFLOP/s, multiply-add %6.1f"
          + " GFLOP/s, dependent add %.3f ns (%.2f GHz at 2 cycles)%n", run,
          flops * reps / (fma - start), flops * reps / (mulAdd - fma), perAdd, 2 / perAdd);
    }
    sink += a[0];
  }

  /**
   * A training step of {@link LstmBatch} at H = 512, 512 inputs, batch 64, over 8 steps: the
   * gradient of the mean squared error of a linear readout of the last hidden state, then Adam;
   * then the same step in float ({@link LstmBatchFloat}, float Adam), to see what float saves.
   */
  private static void lstm() {
    int h = 512;
    int in = 512;
    int batch = 64;
    int steps = 8;
    Random rng = new Random(11);
    double[][] w = new double[4 * h][in];
    double[][] u = new double[4 * h][h];
    double[] b = new double[4 * h];
    double[] v = new double[h];
    double[] bY = new double[1];
    Init.xavierUniform(w, rng);
    Init.xavierUniform(u, rng);
    Init.xavierUniform(new double[][] {v}, rng);
    double[][][] xs = new double[steps][batch][in];
    for (double[][] x : xs) {
      for (double[] row : x) {
        Init.uniform(row, -1.0, 1.0, rng);
      }
    }
    double[] targets = new double[batch];
    Init.uniform(targets, -1.0, 1.0, rng);
    LstmBatch_Grad.SequenceLoss frame = new LstmBatch_Grad.SequenceLoss();
    Adam adam = new Adam(frame.parameters(w, u, b, v, bY), 1e-6);
    double step = micros(() -> {
      double value = frame.valueAndGradient(w, u, b, v, bY, xs, targets);
      adam.step();
      return value;
    });
    System.out.printf(Locale.ROOT, "lstm float64 H=%d batch %d T=%d: trainingStep %10.1f us"
        + " (%8.0f sequences/s)%n", h, batch, steps, step, batch / step * 1e6);

    // The same step in float, from the double weights and data rounded (LstmBatchFloat).
    float[][] fw = FloatWeights.of(w);
    float[][] fu = FloatWeights.of(u);
    float[] fb = FloatWeights.of(b);
    float[] fv = FloatWeights.of(v);
    float[] fbY = FloatWeights.of(bY);
    float[][][] fxs = new float[steps][][];
    for (int t = 0; t < steps; t++) {
      fxs[t] = FloatWeights.of(xs[t]);
    }
    float[] ftargets = FloatWeights.of(targets);
    LstmBatchFloat_Grad.SequenceLoss floatFrame = new LstmBatchFloat_Grad.SequenceLoss();
    Adam floatAdam = new Adam(floatFrame.parameters(fw, fu, fb, fv, fbY), 1e-6);
    double floatStep = micros(() -> {
      float value = floatFrame.valueAndGradient(fw, fu, fb, fv, fbY, fxs, ftargets);
      floatAdam.step();
      return value;
    });
    System.out.printf(Locale.ROOT, "lstm float32 H=%d batch %d T=%d: trainingStep %10.1f us"
        + " (%8.0f sequences/s), %.2f of the float64 step%n", h, batch, steps, floatStep,
        batch / floatStep * 1e6, floatStep / step);
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

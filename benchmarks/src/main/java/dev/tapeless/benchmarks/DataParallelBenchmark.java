package dev.tapeless.benchmarks;

import dev.tapeless.runtime.train.DataParallel;
import dev.tapeless.runtime.train.Parameters;
import dev.tapeless.samples.mlp.Digits;
import dev.tapeless.samples.mlp.Mlp;
import dev.tapeless.samples.mlp.MlpDigits;
import dev.tapeless.samples.mlp.Mlp_Grad;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One minibatch gradient of the digits MLP (64 → 64 ReLU → 10, {@link Mlp}) on the digits:
 * zero the gradients and add every example's, with one frame on the benchmark thread
 * ({@code threads} 0) or through a {@link DataParallel} of 1 or 2 threads, so that the
 * speed-up of data parallelism, and its cost per step, show against the batch size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class DataParallelBenchmark {

  /** 0: one frame on the calling thread; n: a DataParallel of n worker threads. */
  @Param({"0", "1", "2"})
  public int threads;

  /** Examples per minibatch. */
  @Param({"16", "128"})
  public int batch;

  private Digits.Examples train;
  private Mlp model;
  private Mlp_Grad.Loss frame;
  private Parameters p;
  private DataParallel<Mlp_Grad.Loss> parallel;
  private int[] order;
  private int from;

  /** Loads the digits, makes the model and, for threads > 0, the workers. */
  @Setup(Level.Trial)
  public void setUp() {
    train = Digits.split(Digits.load(), 0.8, 42).train();
    model = new Mlp(64, new Random(1));
    frame = new Mlp_Grad.Loss();
    p = frame.parameters(model);
    if (threads > 0) {
      parallel = MlpDigits.parallel(p, model, train, threads);
    }
    order = new int[train.size()];
    for (int k = 0; k < order.length; k++) {
      order[k] = (int) ((k * 7919L) % order.length);
    }
  }

  /** Stops the workers. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (parallel != null) {
      parallel.close();
    }
  }

  /** The summed loss of the next minibatch, its gradient left in {@code p}. */
  @Benchmark
  public double minibatchGradient() {
    if (from + batch > order.length) {
      from = 0;
    }
    int to = from + batch;
    p.zeroGradients();
    double loss;
    if (parallel == null) {
      loss = 0;
      for (int b = from; b < to; b++) {
        int k = order[b];
        loss += frame.accumulate(model, train.images()[k], train.labels()[k]);
      }
    } else {
      loss = parallel.accumulate(order, from, to);
    }
    from = to;
    return loss;
  }
}

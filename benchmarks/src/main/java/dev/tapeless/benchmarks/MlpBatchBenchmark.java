package dev.tapeless.benchmarks;

import dev.tapeless.runtime.train.Adam;
import dev.tapeless.runtime.train.Init;
import dev.tapeless.runtime.train.Parameters;
import dev.tapeless.samples.mlp.MlpBatch;
import dev.tapeless.samples.mlp.MlpBatch_Grad;
import dev.tapeless.samples.mlp.MlpLoss_Grad;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * A training step of the digits MLP (64 → 64 ReLU → 10 softmax) on a minibatch of
 * {@code batch} examples: the gradient of the mean loss from {@link MlpBatch}'s frame (one
 * {@code Batched} call per layer), the same followed by an Adam step (what
 * {@code benchmarks/pytorch/mlp_step.py} times in PyTorch), and the per-example way,
 * {@code MlpLoss_Grad.Loss.accumulate} once per example. Setup checks that the batched gradient
 * is the mean of the per-example ones.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class MlpBatchBenchmark {
  private static final int INPUTS = 64;
  private static final int HIDDEN = 64;
  private static final int CLASSES = 10;

  @Param({"32", "256"})
  public int batch;

  private double[][] W1;
  private double[] b1;
  private double[][] W2;
  private double[] b2;
  private double[][] X;
  private int[] labels;
  private MlpBatch_Grad.Loss frame;
  private Adam adam;
  private MlpLoss_Grad.Loss perExample;

  /** Fixed-seed weights and data; checks the batched gradient against the per-example one. */
  @Setup
  public void setUp() {
    Random rng = new Random(42);
    W1 = new double[HIDDEN][INPUTS];
    b1 = new double[HIDDEN];
    W2 = new double[CLASSES][HIDDEN];
    b2 = new double[CLASSES];
    Init.heNormal(W1, rng);
    Init.normal(b1, 0.1, rng);
    Init.xavierUniform(W2, rng);
    Init.normal(b2, 0.1, rng);
    X = new double[batch][INPUTS];
    labels = new int[batch];
    for (int b = 0; b < batch; b++) {
      Init.uniform(X[b], 0.0, 1.0, rng);
      labels[b] = rng.nextInt(CLASSES);
    }
    frame = new MlpBatch_Grad.Loss();
    perExample = new MlpLoss_Grad.Loss();
    double value = frame.valueAndGradient(W1, b1, W2, b2, X, labels);
    Agreement.check("loss", value, MlpBatch.loss(W1, b1, W2, b2, X, labels));
    perExample.parameters(W1, b1, W2, b2).zeroGradients();
    for (int b = 0; b < batch; b++) {
      perExample.accumulate(W1, b1, W2, b2, X[b], labels[b]);
    }
    Agreement.check("dW1", frame.dW1, scaled(perExample.dW1, 1.0 / batch));
    Agreement.check("dW2", frame.dW2, scaled(perExample.dW2, 1.0 / batch));
    Parameters p = frame.parameters(W1, b1, W2, b2);
    adam = new Adam(p, 1e-6); // a tiny step: the weights, hence the work, stay the same
  }

  private static double[][] scaled(double[][] a, double f) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
      for (int j = 0; j < out[i].length; j++) {
        out[i][j] *= f;
      }
    }
    return out;
  }

  /** Value and gradient of the mean loss over the batch, through the batched kernels. */
  @Benchmark
  public void gradient(Blackhole bh) {
    bh.consume(gradient());
  }

  /** {@link #gradient(Blackhole)} and an Adam step: one training step. */
  @Benchmark
  public void trainingStep(Blackhole bh) {
    bh.consume(trainingStep());
  }

  /** The same gradient (summed, not averaged) one example at a time, matrix–vector kernels. */
  @Benchmark
  public void perExampleGradient(Blackhole bh) {
    bh.consume(perExampleGradient());
  }

  double gradient() {
    return frame.valueAndGradient(W1, b1, W2, b2, X, labels);
  }

  double trainingStep() {
    double value = frame.valueAndGradient(W1, b1, W2, b2, X, labels);
    adam.step();
    return value;
  }

  double perExampleGradient() {
    perExample.zero();
    double s = 0;
    for (int b = 0; b < batch; b++) {
      s += perExample.accumulate(W1, b1, W2, b2, X[b], labels[b]);
    }
    return s;
  }
}

package dev.tapeless.benchmarks;

import dev.tapeless.runtime.train.Init;
import dev.tapeless.samples.mlp.MlpLoss;
import dev.tapeless.samples.mlp.MlpLoss_Grad;
import java.util.Random;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The digits MLP (64 inputs → 64 ReLU → 10 softmax, {@link MlpLoss#loss}) on one example: the
 * plain method, the generated frame's value and gradient, and {@link MlpBackprop}, the same
 * gradient written by hand. Weights and the example are random with a fixed seed: He-normal
 * W1, Xavier-uniform W2, small random biases, pixels uniform in [0, 1) as in the scaled digits.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class MlpBenchmark {
  private static final int INPUTS = 64;
  private static final int HIDDEN = 64;
  private static final int CLASSES = 10;

  private double[][] W1;
  private double[] b1;
  private double[][] W2;
  private double[] b2;
  private double[] x;
  private int label;

  private double[][] tW1;
  private double[] tb1;
  private double[][] tW2;
  private double[] tb2;

  private MlpLoss_Grad.Loss generated;
  private MlpBackprop handWritten;
  private MlpBackprop handWrittenFourRows;

  /** Fixed-seed weights and example; checks that both gradients agree before timing them. */
  @Setup
  public void setUp() {
    Random rng = new Random(42);
    W1 = new double[HIDDEN][INPUTS];
    b1 = new double[HIDDEN];
    W2 = new double[CLASSES][HIDDEN];
    b2 = new double[CLASSES];
    x = new double[INPUTS];
    Init.heNormal(W1, rng);
    Init.normal(b1, 0.1, rng);
    Init.xavierUniform(W2, rng);
    Init.normal(b2, 0.1, rng);
    Init.uniform(x, 0.0, 1.0, rng);
    label = rng.nextInt(CLASSES);

    generated = new MlpLoss_Grad.Loss();
    handWritten = new MlpBackprop(INPUTS, HIDDEN, CLASSES);
    handWrittenFourRows = new MlpBackprop(INPUTS, HIDDEN, CLASSES, true);
    double value = generated.valueAndGradient(W1, b1, W2, b2, x, label);
    Agreement.check("loss", value, handWritten.valueAndGradient(W1, b1, W2, b2, x, label));
    Agreement.check("loss", value, MlpLoss.loss(W1, b1, W2, b2, x, label));
    Agreement.check("dW1", generated.dW1, handWritten.dW1);
    Agreement.check("db1", generated.db1, handWritten.db1);
    Agreement.check("dW2", generated.dW2, handWritten.dW2);
    Agreement.check("db2", generated.db2, handWritten.db2);
    Agreement.check("loss", value,
        handWrittenFourRows.valueAndGradient(W1, b1, W2, b2, x, label));
    Agreement.check("dW1", generated.dW1, handWrittenFourRows.dW1);
    tW1 = Agreement.direction(W1, rng);
    tb1 = Agreement.direction(b1, rng);
    tW2 = Agreement.direction(W2, rng);
    tb2 = Agreement.direction(b2, rng);
    double along = Agreement.along(generated.dW1, tW1) + Agreement.along(generated.db1, tb1)
        + Agreement.along(generated.dW2, tW2) + Agreement.along(generated.db2, tb2);
    Agreement.check("jvp", generated.jvp(W1, b1, W2, b2, x, label, tW1, tb1, tW2, tb2), along);
    checkHvp();
  }

  /**
   * {@code hvp}'s W2 block against the central finite difference of the generated gradient
   * along the same direction (the ReLU's kinks are far from these weights).
   */
  private void checkHvp() {
    double h = 1e-6;
    double[][] up = gradientW2At(h);
    double[][] down = gradientW2At(-h);
    generated.hvp(W1, b1, W2, b2, x, label, tW1, tb1, tW2, tb2);
    double scale = 0;
    double error = 0;
    for (int k = 0; k < up.length; k++) {
      for (int i = 0; i < up[k].length; i++) {
        double fd = (up[k][i] - down[k][i]) / (2 * h);
        scale = Math.max(scale, Math.abs(fd));
        error = Math.max(error, Math.abs(fd - generated.dW2[k][i]));
      }
    }
    if (!(error <= 1e-5 * scale)) {
      throw new IllegalStateException("hvp's W2 block differs from finite differences of the"
          + " gradient by " + error + " (largest component " + scale + ")");
    }
  }

  /** ∂/∂W2 at the weights moved by {@code h} along the jvp direction. */
  private double[][] gradientW2At(double h) {
    MlpLoss_Grad.Loss g = new MlpLoss_Grad.Loss();
    g.valueAndGradient(moved(W1, tW1, h), moved(b1, tb1, h), moved(W2, tW2, h),
        moved(b2, tb2, h), x, label);
    return g.dW2;
  }

  private static double[][] moved(double[][] a, double[][] v, double h) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = moved(a[i], v[i], h);
    }
    return out;
  }

  private static double[] moved(double[] a, double[] v, double h) {
    double[] out = a.clone();
    for (int i = 0; i < a.length; i++) {
      out[i] += h * v[i];
    }
    return out;
  }

  /** The plain {@code @Differentiable} method: value only (allocates its three local arrays). */
  @Benchmark
  public void primal(Blackhole bh) {
    bh.consume(MlpLoss.loss(W1, b1, W2, b2, x, label));
  }

  /** The generated frame's {@code primal}: value only, in the frame's reused buffers. */
  @Benchmark
  public void primalFrame(Blackhole bh) {
    bh.consume(generated.primal(W1, b1, W2, b2, x, label));
  }

  /** The generated gradient: {@code MlpLoss_Grad.Loss.valueAndGradient}. */
  @Benchmark
  public void generated(Blackhole bh) {
    bh.consume(generated.valueAndGradient(W1, b1, W2, b2, x, label));
  }

  /** Forward mode: the derivative along one direction in every weight, {@code jvp}. */
  @Benchmark
  public void jvp(Blackhole bh) {
    bh.consume(generated.jvp(W1, b1, W2, b2, x, label, tW1, tb1, tW2, tb2));
  }

  /**
   * Second order: the Hessian-vector product along the same direction, {@code hvp} (reverse
   * mode over the tangent program, through the kernels' pushforwards).
   */
  @Benchmark
  public void hvp(Blackhole bh) {
    bh.consume(generated.hvp(W1, b1, W2, b2, x, label, tW1, tb1, tW2, tb2));
  }

  /** The hand-written gradient, {@link MlpBackprop}. */
  @Benchmark
  public void handWritten(Blackhole bh) {
    bh.consume(handWritten.valueAndGradient(W1, b1, W2, b2, x, label));
  }

  /**
   * The hand-written gradient with its forward products four rows at a time, as the runtime's
   * {@code Linear.matvec} computes them: the reference for what the generated code adds.
   */
  @Benchmark
  public void handWrittenFourRows(Blackhole bh) {
    bh.consume(handWrittenFourRows.valueAndGradient(W1, b1, W2, b2, x, label));
  }
}

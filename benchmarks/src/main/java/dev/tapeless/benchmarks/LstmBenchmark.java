package dev.tapeless.benchmarks;

import dev.tapeless.samples.lstm.AddingProblem;
import dev.tapeless.samples.lstm.FloatWeights;
import dev.tapeless.samples.lstm.Lstm;
import dev.tapeless.samples.lstm.LstmBptt;
import dev.tapeless.samples.lstm.LstmFloat_Grad;
import dev.tapeless.samples.lstm.Lstm_Grad;
import dev.tapeless.samples.lstm.SequenceModel;
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
 * Backpropagation through time for {@link Lstm#sequenceLoss} over T = 50 steps of the adding
 * problem (input size 2): the plain method, the generated frame
 * ({@code Lstm_Grad.SequenceLoss}) and the hand-written {@link LstmBptt}. Weights are the
 * samples' LSTM initialization (Xavier-uniform, forget-gate bias 1) with a fixed seed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class LstmBenchmark {
  private static final int STEPS = 50;
  private static final int INPUTS = 2;

  /** The hidden size n. */
  @Param({"64", "128"})
  public int hidden;

  private SequenceModel model;
  private double[][] xs;
  private double target;

  private double[][] tW;
  private double[][] tU;
  private double[] tb;
  private double[] tv;
  private double[] tbY;

  private Lstm_Grad.SequenceLoss generated;
  private LstmBptt handWritten;

  private LstmFloat_Grad.SequenceLoss generatedFloat;
  private float[][] fW;
  private float[][] fU;
  private float[] fb;
  private float[] fv;
  private float[] fbY;
  private float[][] fxs;

  /** Fixed-seed weights and sequence; checks that both gradients agree before timing them. */
  @Setup
  public void setUp() {
    Random rng = new Random(7);
    model = SequenceModel.lstm(INPUTS, hidden, rng);
    xs = new double[STEPS][INPUTS];
    target = AddingProblem.fill(xs, rng);

    generated = new Lstm_Grad.SequenceLoss();
    handWritten = new LstmBptt(INPUTS, hidden, STEPS);
    SequenceModel m = model;
    double value = generated.valueAndGradient(m.W, m.U, m.b, m.v, m.bY, xs, target);
    Agreement.check("loss", value,
        handWritten.valueAndGradient(m.W, m.U, m.b, m.v, m.bY, xs, target));
    Agreement.check("loss", value, Lstm.sequenceLoss(m.W, m.U, m.b, m.v, m.bY, xs, target));
    Agreement.check("dW", generated.dW, handWritten.dW);
    Agreement.check("dU", generated.dU, handWritten.dU);
    Agreement.check("db", generated.db, handWritten.db);
    Agreement.check("dv", generated.dv, handWritten.dv);
    Agreement.check("dbY", generated.dbY, handWritten.dbY);
    tW = Agreement.direction(m.W, rng);
    tU = Agreement.direction(m.U, rng);
    tb = Agreement.direction(m.b, rng);
    tv = Agreement.direction(m.v, rng);
    tbY = Agreement.direction(m.bY, rng);
    double along = Agreement.along(generated.dW, tW) + Agreement.along(generated.dU, tU)
        + Agreement.along(generated.db, tb) + Agreement.along(generated.dv, tv)
        + Agreement.along(generated.dbY, tbY);
    Agreement.check("jvp", generated.jvp(m.W, m.U, m.b, m.v, m.bY, xs, target, tW, tU, tb, tv,
        tbY), along);

    generatedFloat = new LstmFloat_Grad.SequenceLoss();
    fW = FloatWeights.of(m.W);
    fU = FloatWeights.of(m.U);
    fb = FloatWeights.of(m.b);
    fv = FloatWeights.of(m.v);
    fbY = FloatWeights.of(m.bY);
    fxs = FloatWeights.of(xs);
    float floatLoss = generatedFloat.valueAndGradient(fW, fU, fb, fv, fbY, fxs, (float) target);
    if (Math.abs(floatLoss - value) > 1e-4 * (1 + Math.abs(value))) {
      throw new IllegalStateException("float loss " + floatLoss + " vs double " + value);
    }
  }

  /**
   * The generated gradient of the same LSTM in float ({@code LstmFloat}), at the double weights
   * rounded to float.
   */
  @Benchmark
  public void generatedFloat(Blackhole bh) {
    bh.consume(generatedFloat.valueAndGradient(fW, fU, fb, fv, fbY, fxs, (float) target));
  }

  /** Forward mode along one direction in every weight: {@code jvp}. */
  @Benchmark
  public void jvp(Blackhole bh) {
    SequenceModel m = model;
    bh.consume(generated.jvp(m.W, m.U, m.b, m.v, m.bY, xs, target, tW, tU, tb, tv, tbY));
  }

  /** The plain {@code @Differentiable} method: value only (allocates its state matrices). */
  @Benchmark
  public void primal(Blackhole bh) {
    SequenceModel m = model;
    bh.consume(Lstm.sequenceLoss(m.W, m.U, m.b, m.v, m.bY, xs, target));
  }

  /** The generated frame's {@code primal}: value only, in the frame's reused buffers. */
  @Benchmark
  public void primalFrame(Blackhole bh) {
    SequenceModel m = model;
    bh.consume(generated.primal(m.W, m.U, m.b, m.v, m.bY, xs, target));
  }

  /** The generated gradient: {@code Lstm_Grad.SequenceLoss.valueAndGradient}. */
  @Benchmark
  public void generated(Blackhole bh) {
    SequenceModel m = model;
    bh.consume(generated.valueAndGradient(m.W, m.U, m.b, m.v, m.bY, xs, target));
  }

  /** The hand-written BPTT, {@link LstmBptt}. */
  @Benchmark
  public void handWritten(Blackhole bh) {
    SequenceModel m = model;
    bh.consume(handWritten.valueAndGradient(m.W, m.U, m.b, m.v, m.bY, xs, target));
  }
}

package dev.tapeless.samples.lstm;

import dev.tapeless.runtime.train.Adam;
import dev.tapeless.runtime.train.Parameters;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Random;

/**
 * The adding problem (Hochreiter and Schmidhuber, 1997), a test of long-range memory: each input
 * is a sequence of pairs (value in [0, 1], marker in {0, 1}) with exactly two markers, one in each
 * half, and the target is the sum of the two marked values. Answering 1.0 always scores a mean
 * squared error of 1/6 ≈ 0.167 (the variance of the sum of two uniforms); to do better the net
 * has to find the marked values and carry the first one across at least half the sequence.
 *
 * <p>An LSTM with a linear readout of its last state ({@link Lstm#sequenceLoss}) trains with
 * Adam and gradient-norm clipping on fresh minibatches, the gradient of each minibatch summed
 * by the generated frame's {@code accumulate}. Run with {@code -Pdemo
 * -Ddemo.main=dev.tapeless.samples.lstm.AddingProblem}.
 */
public final class AddingProblem {
  private AddingProblem() {}

  /** The mean squared error of always answering 1.0: Var(U₁ + U₂) = 2/12. */
  public static final double BASELINE_MSE = 1.0 / 6.0;

  /**
   * How to train.
   *
   * @param steps sequence length T
   * @param hiddenSize LSTM units
   * @param batchSize sequences per update
   * @param learningRate Adam's step size
   * @param clipNorm bound on the gradient's L2 norm (per sequence, after averaging)
   * @param maxUpdates budget of optimizer steps
   * @param evalEvery updates between test evaluations (and progress lines)
   * @param targetMse stop once the test MSE is below this
   * @param testSize sequences in the fixed test set
   * @param seed seeds the weights, the test set and the training stream
   */
  public record Config(int steps, int hiddenSize, int batchSize, double learningRate,
      double clipNorm, int maxUpdates, int evalEvery, double targetMse, int testSize,
      long seed) {

    /** The demo: T = 50, 24 units, about a minute or two on 2 cores. */
    public static Config demo() {
      return new Config(50, 24, 32, 0.01, 1.0, 3000, 100, 0.01, 1000, 42);
    }
  }

  /**
   * What training reached.
   *
   * @param startMse test MSE before the first update
   * @param testMse test MSE at the last evaluation
   * @param updates optimizer steps taken
   * @param seconds wall time of the training loop, evaluations included
   */
  public record Result(double startMse, double testMse, int updates, double seconds) {}

  /** Fixed sequences with their targets, for evaluation. */
  public record Dataset(double[][][] inputs, double[] targets) {

    /** {@code count} sequences of {@code steps} pairs from {@code rng}. */
    public static Dataset generate(int count, int steps, Random rng) {
      double[][][] inputs = new double[count][steps][2];
      double[] targets = new double[count];
      for (int i = 0; i < count; i++) {
        targets[i] = fill(inputs[i], rng);
      }
      return new Dataset(inputs, targets);
    }

    /** The mean of {@code loss} over the set: the MSE for a squared-error loss. */
    public double mean(SequenceFunction loss, SequenceModel model) {
      double s = 0.0;
      for (int i = 0; i < targets.length; i++) {
        s += loss.apply(model, inputs[i], targets[i]);
      }
      return s / targets.length;
    }
  }

  /**
   * Overwrites {@code xs} ({@code [T][2]}) with a new sequence and returns its target: values
   * uniform in [0, 1), markers at one position of each half.
   */
  public static double fill(double[][] xs, Random rng) {
    int steps = xs.length;
    int half = steps / 2;
    for (double[] x : xs) {
      x[0] = rng.nextDouble();
      x[1] = 0.0;
    }
    int first = rng.nextInt(half);
    int second = half + rng.nextInt(steps - half);
    xs[first][1] = 1.0;
    xs[second][1] = 1.0;
    return xs[first][0] + xs[second][0];
  }

  /**
   * Trains {@code model} whose arrays and gradient arrays {@code parameters} holds;
   * {@code gradient} must add one sequence's gradient into those arrays, {@code loss} evaluates.
   * Prints a progress line every {@code evalEvery} updates to {@code out}.
   */
  public static Result train(SequenceModel model, Parameters parameters,
      SequenceFunction gradient, SequenceFunction loss, Config config, PrintStream out) {
    Random rng = new Random(config.seed());
    Dataset test = Dataset.generate(config.testSize(), config.steps(), new Random(~config.seed()));
    Adam adam = new Adam(parameters, config.learningRate());
    double[][][] batch = new double[config.batchSize()][config.steps()][2];
    double[] targets = new double[config.batchSize()];
    double scale = 1.0 / config.batchSize();

    long start = System.nanoTime();
    double startMse = test.mean(loss, model);
    double testMse = startMse;
    out.printf(Locale.ROOT, "  update %5d: test MSE %.4f%n", 0, startMse);
    double trainSum = 0.0;
    int updates = 0;
    while (updates < config.maxUpdates() && testMse >= config.targetMse()) {
      for (int i = 0; i < batch.length; i++) {
        targets[i] = fill(batch[i], rng);
      }
      parameters.zeroGradients();
      double batchLoss = 0.0;
      for (int i = 0; i < batch.length; i++) {
        batchLoss += gradient.apply(model, batch[i], targets[i]);
      }
      scaleGradients(parameters, scale);
      parameters.clipGradientNorm(config.clipNorm());
      adam.step();
      trainSum += batchLoss * scale;
      updates++;
      if (updates % config.evalEvery() == 0) {
        testMse = test.mean(loss, model);
        out.printf(Locale.ROOT, "  update %5d: train MSE %.4f, test MSE %.4f  (%.1f s)%n",
            updates, trainSum / config.evalEvery(), testMse, seconds(start));
        trainSum = 0.0;
      }
    }
    if (updates % config.evalEvery() != 0) {
      testMse = test.mean(loss, model);
    }
    return new Result(startMse, testMse, updates, seconds(start));
  }

  /** Multiplies every gradient by {@code factor}: a summed minibatch gradient becomes a mean. */
  static void scaleGradients(Parameters parameters, double factor) {
    for (int r = 0; r < parameters.rowCount(); r++) {
      double[] g = parameters.gradientRow(r);
      for (int j = 0; j < g.length; j++) {
        g[j] *= factor;
      }
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Trains the LSTM through its generated frame and prints the outcome. */
  public static Result run(Config config, PrintStream out) {
    SequenceModel model = SequenceModel.lstm(2, config.hiddenSize(), new Random(config.seed()));
    Lstm_Grad.SequenceLoss frame = new Lstm_Grad.SequenceLoss();
    Parameters parameters = new Parameters().add("W", model.W).add("U", model.U)
        .add("b", model.b).add("v", model.v).add("bY", model.bY);
    frame.dW = parameters.matrixGradient("W");
    frame.dU = parameters.matrixGradient("U");
    frame.db = parameters.vectorGradient("b");
    frame.dv = parameters.vectorGradient("v");
    frame.dbY = parameters.vectorGradient("bY");
    out.printf(Locale.ROOT, "== The adding problem: LSTM, T = %d, %d units, %d parameters ==%n",
        config.steps(), config.hiddenSize(), parameters.elementCount());
    out.printf(Locale.ROOT, "  Adam, learning rate %s, minibatch %d, gradient norm clipped at %s;"
            + " stop at test MSE < %s or after %d updates%n",
        config.learningRate(), config.batchSize(), config.clipNorm(), config.targetMse(),
        config.maxUpdates());
    Result r = train(model, parameters, frame::accumulate, Lstm::sequenceLoss, config, out);
    out.printf(Locale.ROOT, "  test MSE %.4f after %d updates (%d sequences) in %.1f s;"
            + " always answering 1.0 scores %.4f%n",
        r.testMse(), r.updates(), (long) r.updates() * config.batchSize(), r.seconds(),
        BASELINE_MSE);
    return r;
  }

  /** Runs the demo configuration. */
  public static void main(String[] args) {
    run(Config.demo(), System.out);
  }
}

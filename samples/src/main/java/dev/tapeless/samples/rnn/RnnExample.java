package dev.tapeless.samples.rnn;

import dev.tapeless.runtime.train.Adam;
import dev.tapeless.runtime.train.Init;
import dev.tapeless.runtime.train.Parameters;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Random;

/**
 * Trains the recurrent net of {@link RnnLoss} by backpropagation through time on the
 * {@link EchoTask}: read random symbols, give each one back {@code delay} steps later. Every
 * gradient comes from the generated {@code RnnLoss_Grad.Loss} frame; the time loop's reversal
 * in it is the BPTT.
 *
 * <p>Each step draws a fresh minibatch of random sequences, accumulates their gradients, scales
 * by 1/batch, clips the global gradient norm (recurrent nets have occasional exploding
 * gradients) and takes an Adam step. Progress lines report the mean cost per time step over the
 * last steps and the accuracy on fixed held-out sequences, overall and at each time step t.
 */
public final class RnnExample {
  private RnnExample() {}

  /**
   * The settings of a run.
   *
   * @param task the sequences to learn
   * @param hidden hidden units H
   * @param trainingSteps Adam steps
   * @param batchSize sequences per step
   * @param learningRate Adam's step size
   * @param clipNorm the largest global gradient norm a step may use
   * @param reportEvery steps between progress lines
   * @param seed seeds the weights, the training sequences and the held-out sequences
   */
  public record Config(EchoTask task, int hidden, int trainingSteps, int batchSize,
      double learningRate, double clipNorm, int reportEvery, long seed) {

    /** The demo: 8 symbols and a blank, 12 steps, echo 4 steps late; 600 Adam steps. */
    public static final Config DEFAULT =
        new Config(new EchoTask(9, 12, 4), 32, 600, 16, 0.005, 5.0, 50, 7);
  }

  /**
   * What a run measured, one entry per progress line.
   *
   * @param initialCost the mean cost per time step of the initial weights on the held-out set
   * @param step the training steps done at each line
   * @param cost the mean cost per time step over the training batches since the last line
   * @param accuracy the held-out accuracy over all time steps
   * @param accuracyAtStep {@code accuracyAtStep[line][t - 1]}: the held-out accuracy at step t
   */
  public record History(double initialCost, int[] step, double[] cost, double[] accuracy,
      double[][] accuracyAtStep) {

    /** The held-out accuracy at the end. */
    public double finalAccuracy() {
      return accuracy[accuracy.length - 1];
    }
  }

  /** The weights: Xavier-uniform matrices, zero biases. */
  public static final class Model {
    /** H × symbols input weights Wⁱ. */
    public final double[][] Wi;
    /** H × H recurrent weights Wʰ. */
    public final double[][] Wh;
    /** Hidden bias bʰ. */
    public final double[] bh;
    /** symbols × H output weights Wᵒ. */
    public final double[][] Wo;
    /** Output bias bᵒ. */
    public final double[] bo;

    /** A model for {@code symbols} one-hot inputs and outputs, weights drawn from {@code rng}. */
    public Model(int symbols, int hidden, Random rng) {
      Wi = new double[hidden][symbols];
      Wh = new double[hidden][hidden];
      bh = new double[hidden];
      Wo = new double[symbols][hidden];
      bo = new double[symbols];
      Init.xavierUniform(Wi, rng);
      Init.xavierUniform(Wh, rng);
      Init.xavierUniform(Wo, rng);
    }
  }

  /** Trains with {@link Config#DEFAULT} and prints the progress. */
  public static void main(String[] args) {
    Config config = Config.DEFAULT;
    EchoTask task = config.task();
    PrintStream out = System.out;
    out.printf(Locale.ROOT,
        "RNN echo: %d random symbols (1..%d), target = input %d steps earlier (%d = blank"
            + " before that); H = %d tanh units, Adam lr %s, batch %d, seed %d%n",
        task.steps(), task.symbols() - 1, task.delay(), EchoTask.BLANK, config.hidden(),
        config.learningRate(), config.batchSize(), config.seed());
    out.printf(Locale.ROOT, "accuracy without memory of the symbols: %.1f%%%n",
        100 * task.chanceAccuracy());
    long start = System.nanoTime();
    History history = train(config, out);
    out.printf(Locale.ROOT, "final held-out accuracy: %.2f%% (%d steps, %d ms)%n",
        100 * history.finalAccuracy(), config.trainingSteps(),
        (System.nanoTime() - start) / 1_000_000);
  }

  /** Trains a fresh model; one progress line per {@code reportEvery} steps goes to {@code out}. */
  public static History train(Config config, PrintStream out) {
    EchoTask task = config.task();
    Model model = new Model(task.symbols(), config.hidden(), new Random(config.seed()));
    Random data = new Random(config.seed() + 1);
    Evaluator eval = new Evaluator(model, task, task.sample(256, new Random(config.seed() + 2)));

    Parameters p = new Parameters().add("Wi", model.Wi).add("Wh", model.Wh).add("bh", model.bh)
        .add("Wo", model.Wo).add("bo", model.bo);
    RnnLoss_Grad.Loss frame = new RnnLoss_Grad.Loss();
    frame.dWi = p.matrixGradient("Wi");
    frame.dWh = p.matrixGradient("Wh");
    frame.dbh = p.vectorGradient("bh");
    frame.dWo = p.matrixGradient("Wo");
    frame.dbo = p.vectorGradient("bo");
    Adam adam = new Adam(p, config.learningRate());

    int lines = config.trainingSteps() / config.reportEvery();
    int[] stepAt = new int[lines];
    double[] cost = new double[lines];
    double[] accuracy = new double[lines];
    double[][] accuracyAtStep = new double[lines][];
    double initialCost = eval.meanCost();
    EchoTask.Sequence s = task.newSequence();
    double costSum = 0;
    long start = System.nanoTime();
    for (int step = 1; step <= lines * config.reportEvery(); step++) {
      p.zeroGradients();
      for (int b = 0; b < config.batchSize(); b++) {
        task.fill(s, data);
        costSum += frame.accumulate(model.Wi, model.Wh, model.bh, model.Wo, model.bo, s.x(),
            s.targets());
      }
      scaleGradients(p, 1.0 / config.batchSize());
      p.clipGradientNorm(config.clipNorm());
      adam.step();
      if (step % config.reportEvery() == 0) {
        int line = step / config.reportEvery() - 1;
        stepAt[line] = step;
        cost[line] = costSum / ((double) config.reportEvery() * config.batchSize() * task.steps());
        costSum = 0;
        accuracyAtStep[line] = eval.accuracyAtStep();
        accuracy[line] = mean(accuracyAtStep[line]);
        out.printf(Locale.ROOT, "step %4d  cost/step %.4f  held-out accuracy %6.2f%%  by t:%s"
                + "  %4d ms%n",
            step, cost[line], 100 * accuracy[line], percentages(accuracyAtStep[line]),
            (System.nanoTime() - start) / 1_000_000);
      }
    }
    return new History(initialCost, stepAt, cost, accuracy, accuracyAtStep);
  }

  /** Multiplies every gradient by {@code factor}: from the batch's sum to its mean. */
  static void scaleGradients(Parameters p, double factor) {
    for (int r = 0; r < p.rowCount(); r++) {
      double[] g = p.gradientRow(r);
      for (int j = 0; j < g.length; j++) {
        g[j] *= factor;
      }
    }
  }

  private static double mean(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s / a.length;
  }

  private static String percentages(double[] a) {
    StringBuilder s = new StringBuilder();
    for (double v : a) {
      s.append(String.format(Locale.ROOT, " %3.0f", 100 * v));
    }
    return s.toString();
  }

  /** Forward passes over fixed held-out sequences with reusable buffers. */
  public static final class Evaluator {
    private final Model model;
    private final EchoTask task;
    private final EchoTask.Sequence[] sequences;
    private final double[][] h;
    private final double[] logits;
    private final int[] predicted;

    /** Evaluates {@code model} as it is at each call on {@code sequences}. */
    public Evaluator(Model model, EchoTask task, EchoTask.Sequence[] sequences) {
      this.model = model;
      this.task = task;
      this.sequences = sequences;
      this.h = new double[task.steps() + 1][model.Wh.length];
      this.logits = new double[task.symbols()];
      this.predicted = new int[task.steps()];
    }

    /** The fraction of sequences whose step t is right, for each t. */
    public double[] accuracyAtStep() {
      double[] right = new double[task.steps()];
      for (EchoTask.Sequence s : sequences) {
        RnnLoss.predict(model.Wi, model.Wh, model.bh, model.Wo, model.bo, s.x(), h, logits,
            predicted);
        for (int t = 0; t < task.steps(); t++) {
          if (predicted[t] == s.targets()[t]) {
            right[t]++;
          }
        }
      }
      for (int t = 0; t < right.length; t++) {
        right[t] /= sequences.length;
      }
      return right;
    }

    /** The mean of {@link RnnLoss#loss} per time step over the sequences. */
    public double meanCost() {
      double sum = 0;
      for (EchoTask.Sequence s : sequences) {
        sum += RnnLoss.loss(model.Wi, model.Wh, model.bh, model.Wo, model.bo, s.x(),
            s.targets());
      }
      return sum / ((double) sequences.length * task.steps());
    }
  }
}

package dev.tapeless.samples.mlp;

import dev.tapeless.runtime.train.Adam;
import dev.tapeless.runtime.train.DataParallel;
import dev.tapeless.runtime.train.Parameters;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * The main demo: trains the two-layer perceptron {@link Mlp}, a model class, on the handwritten
 * digits with minibatch Adam, every gradient coming from the generated {@code Mlp_Grad.Loss}
 * frame.
 *
 * <p>{@code frame.parameters(mlp)} registers the model's weight fields with the frame's gradient
 * arrays, so the optimizer reads what the frame writes and no weight is named by hand. Each
 * minibatch zeroes the gradients, {@code accumulate}s the per-example gradient of every example
 * in it (the frame ADDS into those arrays), scales the sum by 1/batch to get the gradient of the
 * mean loss, and takes one Adam step. Everything is seeded, so a run prints the same numbers on
 * every machine (timings aside).
 *
 * <p>{@code --threads N} spreads each minibatch over N threads of a {@link DataParallel}, one
 * frame per thread; {@code --batch B} and {@code --epochs E} override the minibatch size and the
 * number of epochs (larger batches give the threads more to share per step). With a fixed
 * thread count the run repeats its bits; it differs from the one-thread run only by the order
 * in which per-example gradients are summed.
 */
public final class MlpDigits {
  private MlpDigits() {}

  /**
   * The hyperparameters of a run.
   *
   * @param hidden hidden units
   * @param epochs passes over the training set
   * @param batchSize examples per Adam step
   * @param learningRate Adam's step size
   * @param seed seeds the split, the initial weights and the shuffling
   */
  public record Config(int hidden, int epochs, int batchSize, double learningRate, long seed) {

    /** The demo's settings: 1438 training images, 30 epochs of 90 steps each. */
    public static final Config DEFAULT = new Config(64, 30, 16, 0.01, 42);
  }

  /**
   * What a run measured.
   *
   * @param initialLoss the mean training loss of the initial weights
   * @param trainLoss per epoch, the mean of the per-example losses seen during it
   * @param trainAccuracy per epoch, the training accuracy after it
   * @param testAccuracy per epoch, the test accuracy after it
   * @param millis per epoch, the time since training started
   */
  public record History(double initialLoss, double[] trainLoss, double[] trainAccuracy,
      double[] testAccuracy, long[] millis) {

    /** The test accuracy after the last epoch. */
    public double finalTestAccuracy() {
      return testAccuracy[testAccuracy.length - 1];
    }
  }

  /**
   * Loads the digits, trains with {@link Config#DEFAULT} (or {@code --batch B}, {@code --epochs
   * E}) on the calling thread (or {@code --threads N}), prints progress and the result.
   */
  public static void main(String[] args) {
    long start = System.nanoTime();
    Config config = Config.DEFAULT;
    int threads = 0;
    for (int a = 0; a < args.length; a += 2) {
      if (a + 1 >= args.length) {
        throw new IllegalArgumentException(args[a] + " needs a value");
      }
      int value = Integer.parseInt(args[a + 1]);
      switch (args[a]) {
        case "--threads" -> threads = value;
        case "--batch" -> config = new Config(config.hidden(), config.epochs(), value,
            config.learningRate(), config.seed());
        case "--epochs" -> config = new Config(config.hidden(), value, config.batchSize(),
            config.learningRate(), config.seed());
        default -> throw new IllegalArgumentException("unknown option " + args[a]
            + "; options: --threads N, --batch B, --epochs E");
      }
    }
    Digits.Split split = Digits.split(Digits.load(), 0.8, config.seed());
    PrintStream out = System.out;
    out.printf(Locale.ROOT,
        "Digits MLP: 64 -> %d %s -> 10 softmax, %d train / %d test images,"
            + " Adam lr %s, batch %d, seed %d, %s%n",
        config.hidden(), MlpLoss.ACTIVATION, split.train().size(), split.test().size(),
        config.learningRate(), config.batchSize(), config.seed(),
        threads == 0 ? "one thread" : threads + " DataParallel threads");
    History history = train(split, config,
        new Mlp(config.hidden(), new Random(config.seed())), threads, out);
    out.printf(Locale.ROOT, "final test accuracy: %.2f%% (%d epochs, %d ms total with loading)%n",
        100 * history.finalTestAccuracy(), config.epochs(),
        (System.nanoTime() - start) / 1_000_000);
  }

  /** Trains a fresh model; one progress line per epoch goes to {@code out}. */
  public static History train(Digits.Split split, Config config, PrintStream out) {
    return train(split, config, new Mlp(config.hidden(), new Random(config.seed())), out);
  }

  /** Trains {@code model} in place; one progress line per epoch goes to {@code out}. */
  public static History train(Digits.Split split, Config config, Mlp model, PrintStream out) {
    return train(split, config, model, 0, out);
  }

  /**
   * Trains {@code model} in place, each minibatch's gradient computed on the calling thread
   * ({@code threads} 0) or spread over {@code threads} threads of a {@link DataParallel}; one
   * progress line per epoch goes to {@code out}.
   */
  public static History train(Digits.Split split, Config config, Mlp model, int threads,
      PrintStream out) {
    Digits.Examples train = split.train();
    Mlp_Grad.Loss frame = new Mlp_Grad.Loss();
    Parameters p = frame.parameters(model); // W1, b1, W2, b2 with the frame's dW1, db1, dW2, db2
    if (threads == 0) {
      return train(split, config, model, p,
          (order, from, to) -> accumulate(frame, model, train, order, from, to), out);
    }
    try (DataParallel<Mlp_Grad.Loss> parallel = parallel(p, model, train, threads)) {
      return train(split, config, model, p, parallel::accumulate, out);
    }
  }

  /**
   * {@code threads} workers, each with its own frame and the gradient arrays that frame's
   * {@code parameters(model)} registers, summing into {@code p}.
   */
  public static DataParallel<Mlp_Grad.Loss> parallel(Parameters p, Mlp model,
      Digits.Examples examples, int threads) {
    return new DataParallel<>(p, threads, () -> {
      Mlp_Grad.Loss own = new Mlp_Grad.Loss();
      return new DataParallel.Replica<>(own, own.parameters(model));
    }, (own, k) -> own.accumulate(model, examples.images()[k], examples.labels()[k]));
  }

  /** Adds the gradients of {@code examples[order[from..to)]} with one frame; returns the losses. */
  static double accumulate(Mlp_Grad.Loss frame, Mlp model, Digits.Examples examples,
      int[] order, int from, int to) {
    double loss = 0;
    for (int b = from; b < to; b++) {
      int k = order[b];
      loss += frame.accumulate(model, examples.images()[k], examples.labels()[k]);
    }
    return loss;
  }

  /** Adds a minibatch's gradients into the parameters and returns the sum of its losses. */
  private interface Minibatch {
    double accumulate(int[] order, int from, int to);
  }

  private static History train(Digits.Split split, Config config, Mlp model, Parameters p,
      Minibatch minibatch, PrintStream out) {
    Digits.Examples train = split.train();
    Random rng = new Random(config.seed() + 1);
    Adam adam = new Adam(p, config.learningRate());

    Evaluator eval = new Evaluator(model);
    double initialLoss = eval.meanLoss(train);
    int epochs = config.epochs();
    double[] trainLoss = new double[epochs];
    double[] trainAccuracy = new double[epochs];
    double[] testAccuracy = new double[epochs];
    long[] millis = new long[epochs];
    int[] order = new int[train.size()];
    Arrays.setAll(order, k -> k);
    long start = System.nanoTime();
    for (int epoch = 0; epoch < epochs; epoch++) {
      Digits.shuffle(order, rng);
      double lossSum = 0;
      for (int from = 0; from < order.length; from += config.batchSize()) {
        int to = Math.min(order.length, from + config.batchSize());
        p.zeroGradients();
        lossSum += minibatch.accumulate(order, from, to);
        scaleGradients(p, 1.0 / (to - from));
        adam.step();
      }
      trainLoss[epoch] = lossSum / order.length;
      trainAccuracy[epoch] = eval.accuracy(train);
      testAccuracy[epoch] = eval.accuracy(split.test());
      millis[epoch] = (System.nanoTime() - start) / 1_000_000;
      out.printf(Locale.ROOT,
          "epoch %2d  train loss %.4f  train accuracy %6.2f%%  test accuracy %6.2f%%  %5d ms%n",
          epoch + 1, trainLoss[epoch], 100 * trainAccuracy[epoch], 100 * testAccuracy[epoch],
          millis[epoch]);
    }
    return new History(initialLoss, trainLoss, trainAccuracy, testAccuracy, millis);
  }

  /**
   * Multiplies every gradient by {@code factor}: the frame summed the per-example gradients, the
   * step wants the gradient of the mean.
   */
  static void scaleGradients(Parameters p, double factor) {
    for (int r = 0; r < p.rowCount(); r++) {
      double[] g = p.gradientRow(r);
      for (int j = 0; j < g.length; j++) {
        g[j] *= factor;
      }
    }
  }

  /** Forward passes over a data set with reusable buffers: loss and accuracy of a model. */
  public static final class Evaluator {
    private final Mlp model;
    private final double[] z1;
    private final double[] a1;
    private final double[] z2;

    /** Evaluates {@code model} as it is at each call (it keeps a reference, not a copy). */
    public Evaluator(Mlp model) {
      this.model = model;
      this.z1 = new double[model.W1.length];
      this.a1 = new double[model.W1.length];
      this.z2 = new double[model.W2.length];
    }

    /** The predicted digit for {@code image}. */
    public int predict(double[] image) {
      model.logits(image, z1, a1, z2);
      return MlpLoss.argmax(z2);
    }

    /** The fraction of {@code examples} predicted correctly. */
    public double accuracy(Digits.Examples examples) {
      int correct = 0;
      for (int k = 0; k < examples.size(); k++) {
        if (predict(examples.images()[k]) == examples.labels()[k]) {
          correct++;
        }
      }
      return (double) correct / examples.size();
    }

    /** The mean of {@link Mlp#loss} over {@code examples}. */
    public double meanLoss(Digits.Examples examples) {
      double sum = 0;
      for (int k = 0; k < examples.size(); k++) {
        sum += model.loss(examples.images()[k], examples.labels()[k]);
      }
      return sum / examples.size();
    }
  }
}

package dev.tapeless.samples.mlp;

import dev.tapeless.runtime.train.Adam;
import dev.tapeless.runtime.train.Parameters;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * The digits demo trained on minibatches through the batched kernels: each Adam step takes the
 * gradient of {@link MlpBatch#loss} over a whole batch in one call of the generated frame,
 * instead of {@link MlpDigits}' loop of per-example {@code accumulate} calls.
 *
 * <p>The batch matrix holds references to the images' rows, not copies. Each epoch uses the
 * full batches of a fresh shuffle and leaves out the remainder (fewer than a batch), so that
 * every call has the same shape and the frame's buffers are reused: after the first step
 * nothing is allocated.
 */
public final class MlpBatchDigits {
  private MlpBatchDigits() {}

  /** The demo's settings: 64 hidden units, 30 epochs of 44 steps of 32 images, Adam 0.01. */
  public static final MlpDigits.Config DEFAULT = new MlpDigits.Config(64, 30, 32, 0.01, 42);

  /** Loads the digits, trains with {@link #DEFAULT}, prints progress and the result. */
  public static void main(String[] args) {
    MlpDigits.Config config = DEFAULT;
    Digits.Split split = Digits.split(Digits.load(), 0.8, config.seed());
    PrintStream out = System.out;
    out.printf(Locale.ROOT, "Digits MLP on minibatches: 64 -> %d ReLU -> 10 softmax, batch %d,"
        + " Adam lr %s, seed %d%n", config.hidden(), config.batchSize(), config.learningRate(),
        config.seed());
    MlpDigits.History h = train(split, config, out);
    out.printf(Locale.ROOT, "final test accuracy: %.2f%%%n", 100 * h.finalTestAccuracy());
  }

  /** Trains a fresh {@link Mlp}; one progress line per epoch goes to {@code out}. */
  public static MlpDigits.History train(
      Digits.Split split, MlpDigits.Config config, PrintStream out) {
    Mlp model = new Mlp(config.hidden(), new Random(config.seed()));
    Digits.Examples train = split.train();
    Random rng = new Random(config.seed() + 1);
    int batch = config.batchSize();
    double[][] X = new double[batch][];
    int[] labels = new int[batch];

    MlpBatch_Grad.Loss frame = new MlpBatch_Grad.Loss();
    MlpDigits.Evaluator eval = new MlpDigits.Evaluator(model);
    double initialLoss = eval.meanLoss(train);
    int[] order = new int[train.size()];
    Arrays.setAll(order, k -> k);
    // W1, b1, W2, b2 with the frame's dW1, db1, dW2, db2, which valueAndGradient overwrites
    Parameters p = frame.parameters(model.W1, model.b1, model.W2, model.b2);
    Adam adam = new Adam(p, config.learningRate());

    int epochs = config.epochs();
    int steps = train.size() / batch;
    double[] trainLoss = new double[epochs];
    double[] trainAccuracy = new double[epochs];
    double[] testAccuracy = new double[epochs];
    long[] millis = new long[epochs];
    long start = System.nanoTime();
    for (int epoch = 0; epoch < epochs; epoch++) {
      Digits.shuffle(order, rng);
      double lossSum = 0;
      for (int s = 0; s < steps; s++) {
        fill(X, labels, train, order, s * batch);
        lossSum += frame.valueAndGradient(model.W1, model.b1, model.W2, model.b2, X, labels);
        adam.step();
      }
      trainLoss[epoch] = lossSum / steps;
      trainAccuracy[epoch] = eval.accuracy(train);
      testAccuracy[epoch] = eval.accuracy(split.test());
      millis[epoch] = (System.nanoTime() - start) / 1_000_000;
      out.printf(Locale.ROOT,
          "epoch %2d  train loss %.4f  train accuracy %6.2f%%  test accuracy %6.2f%%  %5d ms%n",
          epoch + 1, trainLoss[epoch], 100 * trainAccuracy[epoch], 100 * testAccuracy[epoch],
          millis[epoch]);
    }
    return new MlpDigits.History(initialLoss, trainLoss, trainAccuracy, testAccuracy, millis);
  }

  /** Points the rows of {@code X} at the images {@code order[from...]} and copies their labels. */
  static void fill(double[][] X, int[] labels, Digits.Examples examples, int[] order, int from) {
    for (int b = 0; b < X.length; b++) {
      int k = order[from + b];
      X[b] = examples.images()[k];
      labels[b] = examples.labels()[k];
    }
  }
}

package dev.tapeless.spark;

import dev.tapeless.runtime.train.Adam;
import dev.tapeless.runtime.train.Parameters;
import dev.tapeless.samples.mlp.Digits;
import dev.tapeless.samples.mlp.Mlp;
import dev.tapeless.samples.mlp.MlpDigits;
import dev.tapeless.samples.mlp.Mlp_Grad;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Data-parallel minibatch training of the digits MLP on Spark, the pattern of MLlib's gradient
 * descent: each step broadcasts the weights, every partition accumulates its examples'
 * gradients with a frame of its own ({@link MlpGradientSum}), {@code treeAggregate} sums the
 * partitions' gradients in a tree, and the driver takes one Adam step on the mean.
 *
 * <p>The sum equals one frame's over the same examples to rounding. Spark combines partition
 * results in the order their tasks finish, so the last bits may differ from run to run (unlike
 * {@link dev.tapeless.runtime.train.DataParallel}, which sums in a fixed order).
 *
 * <p>Run it with {@code spark-submit} (see the module's README), or directly, which runs Spark
 * in-process on {@code local[*]}. Options: {@code --steps S} (default 300), {@code --fraction
 * F} of the training set per step (default 0.1), {@code --partitions P} (default 4).
 */
public final class SparkMlpTraining {
  private SparkMlpTraining() {}

  /** Hidden units of the network. */
  public static final int HIDDEN = 64;

  /**
   * The summed gradient and loss of {@code examples} at {@code weights}.
   *
   * @param examples the examples, in partitions
   * @param weights the broadcast flat weights, in {@link Parameters#copyTo} order
   * @param hidden the network's hidden units
   * @param depth the depth of the aggregation tree (2 is MLlib's default)
   * @return the sum over every example
   */
  public static MlpGradientSum gradient(JavaRDD<LabeledImage> examples,
      Broadcast<double[]> weights, int hidden, int depth) {
    return examples.treeAggregate(new MlpGradientSum(hidden),
        (sum, example) -> sum.add(weights.value(), example), MlpGradientSum::merge, depth);
  }

  /** The images and labels of {@code examples} as RDD elements, in order. */
  public static List<LabeledImage> labeled(Digits.Examples examples) {
    List<LabeledImage> list = new ArrayList<>(examples.size());
    for (int k = 0; k < examples.size(); k++) {
      list.add(new LabeledImage(examples.images()[k], examples.labels()[k]));
    }
    return list;
  }

  /**
   * Trains {@code model} in place with Adam: each step's gradient is the mean over a sample of
   * {@code fraction} of the examples ({@code RDD.sample} with seed {@code seed + step}), or over
   * all of them when {@code fraction} is 1.
   *
   * @return the mean loss of each step's sample
   */
  public static double[] train(JavaSparkContext sc, JavaRDD<LabeledImage> examples, Mlp model,
      int steps, double fraction, double learningRate, long seed) {
    Parameters p = new Mlp_Grad.Loss().parameters(model);
    Adam adam = new Adam(p, learningRate);
    double[] losses = new double[steps];
    int hidden = model.W1.length;
    for (int step = 0; step < steps; step++) {
      double[] flat = new double[p.elementCount()];
      p.copyTo(flat);
      Broadcast<double[]> weights = sc.broadcast(flat);
      JavaRDD<LabeledImage> batch =
          fraction >= 1.0 ? examples : examples.sample(false, fraction, seed + step);
      MlpGradientSum sum = gradient(batch, weights, hidden, 2);
      weights.destroy();
      if (sum.count() == 0) {
        continue;
      }
      double[] g = sum.gradient();
      for (int i = 0; i < g.length; i++) {
        g[i] /= sum.count();
      }
      p.copyGradientsFrom(g);
      adam.step();
      losses[step] = sum.loss() / sum.count();
    }
    return losses;
  }

  /** Trains on the digits' training split and prints the loss and the test accuracy. */
  public static void main(String[] args) {
    int steps = 300;
    double fraction = 0.1;
    int partitions = 4;
    for (int a = 0; a + 1 < args.length; a += 2) {
      switch (args[a]) {
        case "--steps" -> steps = Integer.parseInt(args[a + 1]);
        case "--fraction" -> fraction = Double.parseDouble(args[a + 1]);
        case "--partitions" -> partitions = Integer.parseInt(args[a + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[a]
            + "; options: --steps S, --fraction F, --partitions P");
      }
    }
    SparkConf conf = new SparkConf().setAppName("tapeless-mlp-digits")
        .setIfMissing("spark.master", "local[*]");
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      Digits.Split split = Digits.split(Digits.load(), 0.8, 42);
      JavaRDD<LabeledImage> train = sc.parallelize(labeled(split.train()), partitions).cache();
      Mlp model = new Mlp(HIDDEN, new Random(42));
      long start = System.nanoTime();
      double[] losses = train(sc, train, model, steps, fraction, 0.01, 43);
      long millis = (System.nanoTime() - start) / 1_000_000;
      MlpDigits.Evaluator eval = new MlpDigits.Evaluator(model);
      System.out.printf(Locale.ROOT, "Spark %s, %d partitions: %d Adam steps on %.0f%% samples,"
              + " loss %.4f -> %.4f, test accuracy %.2f%%, %d ms%n", sc.master(), partitions,
          steps, 100 * fraction, losses[0], losses[steps - 1],
          100 * eval.accuracy(split.test()), millis);
    }
  }
}

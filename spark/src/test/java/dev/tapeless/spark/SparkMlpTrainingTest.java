package dev.tapeless.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.train.Parameters;
import dev.tapeless.samples.mlp.Digits;
import dev.tapeless.samples.mlp.Mlp;
import dev.tapeless.samples.mlp.Mlp_Grad;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The digits MLP's gradient through {@code treeAggregate} on Spark in {@code local[2]}: equal
 * to one frame's over the same examples to rounding, and Adam on it trains.
 */
class SparkMlpTrainingTest {

  private static JavaSparkContext sc;
  private static List<LabeledImage> examples;
  private static JavaRDD<LabeledImage> rdd;

  @BeforeAll
  static void startSpark() {
    sc = new JavaSparkContext(new SparkConf().setMaster("local[2]")
        .setAppName("SparkMlpTrainingTest").set("spark.ui.enabled", "false"));
    examples = SparkMlpTraining.labeled(Digits.split(Digits.load(), 0.8, 42).train());
    rdd = sc.parallelize(examples, 5).cache();
  }

  @AfterAll
  static void stopSpark() {
    sc.close();
  }

  @Test
  void theTreeAggregatedGradientIsOneFramesGradientToRounding() {
    Mlp model = new Mlp(32, new Random(9));
    Mlp_Grad.Loss frame = new Mlp_Grad.Loss();
    Parameters p = frame.parameters(model);
    double loss = 0;
    for (LabeledImage e : examples) {
      loss += frame.accumulate(model, e.image(), e.label());
    }
    double[] serial = new double[p.elementCount()];
    p.copyGradientsTo(serial);
    double[] flat = new double[p.elementCount()];
    p.copyTo(flat);

    Broadcast<double[]> weights = sc.broadcast(flat);
    MlpGradientSum sum = SparkMlpTraining.gradient(rdd, weights, 32, 2);
    weights.destroy();

    assertEquals(examples.size(), sum.count());
    assertEquals(loss, sum.loss(), 1e-12 * loss);
    double[] g = sum.gradient();
    double largest = Arrays.stream(serial).map(Math::abs).max().orElseThrow();
    double worst = 0;
    for (int i = 0; i < g.length; i++) {
      worst = Math.max(worst, Math.abs(g[i] - serial[i]) / largest);
      assertEquals(serial[i], g[i], 1e-12 * largest, "element " + i);
    }
    System.out.printf("SparkMlpTrainingTest: %d examples in 5 partitions, largest difference"
        + " %.2e of the largest element%n", examples.size(), worst);
  }

  @Test
  void adamOnTheAggregatedGradientLowersTheLoss() {
    Mlp model = new Mlp(32, new Random(4));
    double[] losses = SparkMlpTraining.train(sc, rdd, model, 6, 1.0, 0.03, 1);
    System.out.printf("SparkMlpTrainingTest: 6 full-batch Adam steps, loss %.4f -> %.4f%n", losses[0],
        losses[5]);
    assertTrue(losses[5] < 0.6 * losses[0], losses[0] + " -> " + losses[5]);
  }
}

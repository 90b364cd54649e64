package dev.tapeless.spark;

import dev.tapeless.samples.calibration.BlackScholes_Grad;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Greeks of a large portfolio of calls on Spark: {@code mapPartitions} gives each partition one
 * frame of {@code BlackScholes.call}, whose reverse sweep yields delta, vega, rho and theta of
 * a position in one pass, and the positions' Greeks add up to the portfolio's.
 *
 * <p>Run it with {@code spark-submit} (see the module's README), or directly, which runs Spark
 * in-process on {@code local[*]}. Options: {@code --positions N} (default 1,000,000),
 * {@code --partitions P} (default 8).
 */
public final class PortfolioGreeks {
  private PortfolioGreeks() {}

  /**
   * Every position's Greeks, one frame per partition.
   *
   * @param positions the portfolio
   * @return the Greeks of each position, in the positions' order
   */
  public static JavaRDD<Greeks> greeks(JavaRDD<CallPosition> positions) {
    return positions.mapPartitions(PortfolioGreeks::greeksOf);
  }

  /**
   * The portfolio's Greeks: the sums over its positions, combined in a tree.
   *
   * @param positions the portfolio
   * @return the summed value and sensitivities
   */
  public static Greeks total(JavaRDD<CallPosition> positions) {
    return greeks(positions).treeAggregate(Greeks.ZERO, Greeks::plus, Greeks::plus, 2);
  }

  /**
   * {@code count} random positions made on the executors, {@code count / partitions} per
   * partition from a {@link Random} seeded with {@code seed} and the partition's number, so
   * that the portfolio never passes through the driver.
   */
  public static JavaRDD<CallPosition> randomPortfolio(JavaSparkContext sc, int count,
      int partitions, long seed) {
    List<Integer> parts = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      parts.add(i);
    }
    return sc.parallelize(parts, partitions).flatMap(part -> {
      int from = (int) ((long) count * part / partitions);
      int to = (int) ((long) count * (part + 1) / partitions);
      Random rng = new Random(seed * 1_000_003L + part);
      List<CallPosition> list = new ArrayList<>(to - from);
      for (int k = from; k < to; k++) {
        list.add(CallPosition.random(rng));
      }
      return list.iterator();
    });
  }

  private static Iterator<Greeks> greeksOf(Iterator<CallPosition> positions) {
    BlackScholes_Grad.Call frame = new BlackScholes_Grad.Call();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return positions.hasNext();
      }

      @Override
      public Greeks next() {
        return Greeks.of(frame, positions.next());
      }
    };
  }

  /** Prices a random portfolio and prints its Greeks. */
  public static void main(String[] args) {
    int count = 1_000_000;
    int partitions = 8;
    for (int a = 0; a + 1 < args.length; a += 2) {
      switch (args[a]) {
        case "--positions" -> count = Integer.parseInt(args[a + 1]);
        case "--partitions" -> partitions = Integer.parseInt(args[a + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[a]
            + "; options: --positions N, --partitions P");
      }
    }
    SparkConf conf = new SparkConf().setAppName("tapeless-portfolio-greeks")
        .setIfMissing("spark.master", "local[*]");
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      JavaRDD<CallPosition> portfolio = randomPortfolio(sc, count, partitions, 7).cache();
      portfolio.count();
      long start = System.nanoTime();
      Greeks total = total(portfolio);
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.printf(Locale.ROOT, "Spark %s: %d calls in %d partitions, value %.6e, delta"
              + " %.6e, vega %.6e, rho %.6e, theta %.6e, %d ms%n", sc.master(), count,
          partitions, total.value(), total.delta(), total.vega(), total.rho(), total.theta(),
          millis);
    }
  }
}

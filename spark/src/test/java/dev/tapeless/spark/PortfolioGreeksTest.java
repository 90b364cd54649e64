package dev.tapeless.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.samples.calibration.BlackScholes;
import dev.tapeless.samples.calibration.BlackScholes_Grad;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A portfolio's Greeks through {@code mapPartitions} on Spark in {@code local[2]}: each
 * position's equal those of a frame on the driver, their sum is the portfolio's, and the frame's
 * delta and theta are central differences of the price.
 */
class PortfolioGreeksTest {

  private static final int POSITIONS = 20_000;

  private static JavaSparkContext sc;
  private static List<CallPosition> positions;
  private static JavaRDD<CallPosition> rdd;

  @BeforeAll
  static void startSpark() {
    sc = new JavaSparkContext(new SparkConf().setMaster("local[2]")
        .setAppName("PortfolioGreeksTest").set("spark.ui.enabled", "false"));
    Random rng = new Random(17);
    positions = new ArrayList<>();
    for (int k = 0; k < POSITIONS; k++) {
      positions.add(CallPosition.random(rng));
    }
    rdd = sc.parallelize(positions, 4).cache();
  }

  @AfterAll
  static void stopSpark() {
    sc.close();
  }

  @Test
  void eachPositionsGreeksAreThoseOfAFrameOnTheDriver() {
    List<Greeks> spark = PortfolioGreeks.greeks(rdd).collect();
    assertEquals(POSITIONS, spark.size());
    BlackScholes_Grad.Call frame = new BlackScholes_Grad.Call();
    Greeks sum = Greeks.ZERO;
    for (int k = 0; k < POSITIONS; k++) {
      Greeks expected = Greeks.of(frame, positions.get(k));
      assertEquals(expected, spark.get(k), "position " + k);
      sum = sum.plus(expected);
    }
    Greeks total = PortfolioGreeks.total(rdd);
    assertEquals(sum.value(), total.value(), 1e-9 * Math.abs(sum.value()));
    assertEquals(sum.delta(), total.delta(), 1e-9 * Math.abs(sum.delta()));
    assertEquals(sum.vega(), total.vega(), 1e-9 * Math.abs(sum.vega()));
    assertEquals(sum.rho(), total.rho(), 1e-9 * Math.abs(sum.rho()));
    assertEquals(sum.theta(), total.theta(), 1e-9 * Math.abs(sum.theta()));
    System.out.println("PortfolioGreeksTest: " + POSITIONS + " positions, 4 partitions: " + total);
  }

  @Test
  void deltaAndThetaAreCentralDifferencesOfThePrice() {
    BlackScholes_Grad.Call frame = new BlackScholes_Grad.Call();
    for (CallPosition p : positions.subList(0, 50)) {
      Greeks g = Greeks.of(frame, p);
      double h = 1e-4 * p.spot();
      double up = BlackScholes.call(new BlackScholes.BsInputs(p.spot() + h, p.strike(), p.vol(),
          p.rate(), p.dividend(), p.years()));
      double down = BlackScholes.call(new BlackScholes.BsInputs(p.spot() - h, p.strike(),
          p.vol(), p.rate(), p.dividend(), p.years()));
      assertEquals(p.quantity() * (up - down) / (2 * h), g.delta(),
          1e-6 * (1 + Math.abs(p.quantity())));
      double t = 1e-5;
      double later = BlackScholes.call(new BlackScholes.BsInputs(p.spot(), p.strike(), p.vol(),
          p.rate(), p.dividend(), p.years() + t));
      double sooner = BlackScholes.call(new BlackScholes.BsInputs(p.spot(), p.strike(), p.vol(),
          p.rate(), p.dividend(), p.years() - t));
      assertEquals(-p.quantity() * (later - sooner) / (2 * t), g.theta(),
          1e-5 * (1 + Math.abs(p.quantity())));
    }
  }

  @Test
  void aPortfolioMadeOnTheExecutorsHasTheAskedSizeAndRepeatsToRounding() {
    JavaRDD<CallPosition> made = PortfolioGreeks.randomPortfolio(sc, 10_001, 3, 5);
    assertEquals(10_001, made.count());
    assertEquals(made.collect(), PortfolioGreeks.randomPortfolio(sc, 10_001, 3, 5).collect());
    // Spark combines the partitions' sums in the order their tasks finish: equal to rounding,
    // not bit for bit.
    Greeks once = PortfolioGreeks.total(made);
    Greeks again = PortfolioGreeks.total(made);
    assertEquals(once.value(), again.value(), 1e-12 * Math.abs(once.value()));
    assertEquals(once.vega(), again.vega(), 1e-12 * Math.abs(once.vega()));
  }
}

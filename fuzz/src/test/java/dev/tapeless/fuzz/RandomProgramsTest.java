package dev.tapeless.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.fuzz.run.Failure;
import dev.tapeless.fuzz.run.Pipeline;
import dev.tapeless.fuzz.run.Report;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The differential test: 3,100 random {@code @Differentiable} methods from a fixed seed,
 * compiled through the processor and checked against their Hipparchus twins (first order, and
 * second order where the frame has {@code hvp}); every third class also as a float program,
 * checked against the double one to float precision. Fails with the
 * distinct failures and a reproducer for each (under {@code target/fuzz-findings}).
 *
 * <p>{@code -Dfuzz.seed}, {@code -Dfuzz.count}, {@code -Dfuzz.reduceSeconds},
 * {@code -Dfuzz.floatEvery} and {@code -Dfuzz.features} (e.g. {@code models=off}) override the
 * defaults, e.g. to rerun a CI failure's seed with more methods.
 */
class RandomProgramsTest {
  private static final long SEED = Long.getLong("fuzz.seed", 20_240_521L);
  private static final int COUNT = Integer.getInteger("fuzz.count", 3100);
  private static final long REDUCE_SECONDS = Long.getLong("fuzz.reduceSeconds", 20);
  private static final int FLOAT_EVERY = Integer.getInteger("fuzz.floatEvery",
      Fuzzer.Config.FLOAT_EVERY);
  private static final String FEATURES = System.getProperty("fuzz.features", "");

  @Test
  void randomProgramsHaveTheTwinsGradients() {
    long start = System.currentTimeMillis();
    Fuzzer.Config config = new Fuzzer.Config(SEED, COUNT,
        Runtime.getRuntime().availableProcessors(), Path.of("target", "fuzz-findings"), true,
        REDUCE_SECONDS * 1000, Features.defaults().with(FEATURES), 40, 1, System.out,
        FLOAT_EVERY);
    Report report = Fuzzer.run(config);
    String summary = report.summary();
    System.out.println(summary);
    System.out.printf("RandomProgramsTest: seed %d, %d methods in %.1f s%n", SEED, COUNT,
        (System.currentTimeMillis() - start) / 1000.0);
    Pipeline.BatchResult totals = report.totals();
    StringBuilder failures = new StringBuilder();
    Map<String, String> reproducers = report.reproducers();
    for (Map.Entry<String, List<Failure>> e : report.byKey().entrySet()) {
      Failure first = e.getValue().get(0);
      failures.append("\n  ").append(first.kind()).append(" x").append(e.getValue().size())
          .append(": ").append(first.firstLine().lines().findFirst().orElse(""))
          .append("\n    e.g. ").append(first.where()).append(", reproducer ")
          .append(reproducers.getOrDefault(e.getKey(), "(none)"));
    }
    assertTrue(totals.failures.isEmpty(), "seed " + SEED + ": " + totals.failures.size()
        + " failing methods in " + report.byKey().size() + " distinct classes:" + failures
        + "\n" + summary);
    assertTrue(totals.checked >= COUNT * 9 / 10, "too few methods checked:\n" + summary);
    assertTrue(totals.skipped <= COUNT / 50, "too many methods skipped:\n" + summary);
    // Second order: most methods returning double without outputs have a supported hvp.
    assertTrue(totals.hvpChecked >= COUNT / 4, "hvp checked on too few methods:\n" + summary);
    assertTrue(totals.hessianChecked >= totals.hvpChecked / 2,
        "hessian checked on too few methods:\n" + summary);
    // Float: a third of the classes, most of whose methods have a float version.
    assertTrue(FLOAT_EVERY != Fuzzer.Config.FLOAT_EVERY || totals.floatChecked >= COUNT / 6,
        "too few float versions checked:\n" + summary);
    assertTrue(totals.floatSkipped <= totals.floatChecked / 10,
        "too many float versions skipped:\n" + summary);
  }
}

package dev.tapeless.fuzz;

import dev.tapeless.fuzz.run.Report;
import java.nio.file.Path;

/**
 * Command line: {@code --seed S --count N [--out DIR] [--reduce] [--reduce-seconds T]
 * [--threads T] [--features spec] [--per-class M] [--classes-per-javac K] [--float-every F]}
 * ({@code --float-every 1}: every class also as a float program, 0: none). Prints progress
 * and a summary. With {@code --fail-on-findings} it exits with status 1 when the processor
 * failed on some method.
 */
public final class FuzzMain {
  private FuzzMain() {}

  public static void main(String[] args) {
    long seed = 1;
    int count = 1000;
    Path out = null;
    boolean reduce = false;
    long reduceSeconds = 300;
    int threads = Runtime.getRuntime().availableProcessors();
    Features features = Features.defaults();
    int perClass = 40;
    int perBatch = 1;
    boolean failOnFindings = false;
    int floatEvery = Fuzzer.Config.FLOAT_EVERY;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--count" -> count = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--reduce" -> reduce = true;
        case "--reduce-seconds" -> reduceSeconds = Long.parseLong(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--features" -> features = features.with(args[++i]);
        case "--per-class" -> perClass = Integer.parseInt(args[++i]);
        case "--classes-per-javac" -> perBatch = Integer.parseInt(args[++i]);
        case "--fail-on-findings" -> failOnFindings = true;
        case "--float-every" -> floatEvery = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("usage: FuzzMain --seed S --count N [--out DIR] [--reduce]"
              + " [--reduce-seconds T] [--threads T] [--features a=on,b=off] [--per-class M]"
              + " [--classes-per-javac K] [--float-every F] [--fail-on-findings]");
          System.err.println("features: " + Features.names());
          System.exit(2);
        }
      }
    }
    if (reduce && out == null) {
      out = Path.of("fuzz-findings");
    }
    Fuzzer.Config c = new Fuzzer.Config(seed, count, threads, out, reduce,
        reduceSeconds * 1000, features, perClass, perBatch, System.out, floatEvery);
    System.out.println("fuzzing: seed " + seed + ", " + count + " methods, " + threads
        + " threads, features " + features + ", float every " + floatEvery + " classes"
        + (out == null ? "" : ", findings in " + out));
    if (!java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
        .contains("-XX:-OmitStackTraceInFastThrow")) {
      System.out.println("note: without -XX:-OmitStackTraceInFastThrow (e.g. in MAVEN_OPTS)"
          + " exceptions thrown often lose their message and stack trace");
    }
    long start = System.currentTimeMillis();
    Report report = Fuzzer.run(c);
    System.out.println(report.summary());
    System.out.printf("total %.1f s%n", (System.currentTimeMillis() - start) / 1000.0);
    if (failOnFindings && report.processorFailures() > 0) {
      System.exit(1);
    }
  }
}

package dev.tapeless.fuzz.reduce;

import dev.tapeless.fuzz.Fuzzer;
import dev.tapeless.fuzz.run.Failure;
import dev.tapeless.fuzz.run.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * After a run: one reproducer per distinct failure (reduced while the time budget lasts, shared
 * fairly between failures), {@code summary.txt} and {@code failures.txt} with every failure's
 * details, all in the output directory.
 */
public final class Findings {
  private Findings() {}

  public static void write(Fuzzer.Config c, Report report) {
    Path dir = c.out();
    try {
      Files.createDirectories(dir);
      Map<String, List<Failure>> byKey = report.byKey();
      long deadline = System.currentTimeMillis() + (c.reduce() ? c.reduceBudgetMillis() : 0);
      int number = 0;
      int left = byKey.size();
      for (Map.Entry<String, List<Failure>> e : byKey.entrySet()) {
        number++;
        Failure original = e.getValue().get(0);
        Failure reduced = original;
        long now = System.currentTimeMillis();
        if (c.reduce() && now < deadline) {
          long share = Math.max(3000, (deadline - now) / left);
          Reducer reducer = new Reducer(c.seed(), Math.min(deadline, now + share));
          try {
            reduced = reducer.reduce(original);
          } catch (RuntimeException ex) {
            c.log().println("reducer failed on " + original.where() + ": " + ex);
          }
          c.log().printf("reduced %s %s: %d attempts, %.1f s%n", original.kind(),
              original.where(), reducer.attempts(), (System.currentTimeMillis() - now) / 1e3);
        }
        left--;
        int statements = Rewrite.countStatements(
            original.cls().method(original.method()).body());
        Path file = ReproWriter.write(dir, number, reduced, original, statements);
        report.reproducer(e.getKey(), file.toString());
      }
      Files.writeString(dir.resolve("summary.txt"), "seed " + c.seed() + ", count " + c.count()
          + ", features " + c.features() + "\n" + report.summary());
      StringBuilder all = new StringBuilder();
      for (Failure f : report.totals().failures) {
        all.append(f.kind()).append(" ").append(f.where()).append(": ").append(f.firstLine())
            .append('\n');
        for (String line : f.details().split("\n")) {
          all.append("    ").append(line).append('\n');
        }
      }
      Files.writeString(dir.resolve("failures.txt"), all);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}

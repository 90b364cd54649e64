package dev.tapeless.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.processor.diagnostics.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/diagnostics.md is the reference of every code and option: each code of
 * {@link Diagnostic} has a row there, every row is a code that exists, and every option the
 * processor reads is named.
 */
class DiagnosticsReferenceTest {

  private static String page() throws IOException {
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    return Files.readString(base.resolveSibling("docs").resolve("diagnostics.md"));
  }

  /** The codes that start a table row: {@code | TL012 (warning) | ...}. */
  private static Set<String> rows(String page) {
    Set<String> codes = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^\\| (TL\\d{3})\\b").matcher(page);
    while (m.find()) {
      assertTrue(codes.add(m.group(1)), "two rows for " + m.group(1));
    }
    return codes;
  }

  @Test
  void everyCodeHasOneRowAndEveryRowIsACode() throws IOException {
    Set<String> codes = new TreeSet<>();
    for (Diagnostic d : Diagnostic.values()) {
      codes.add(d.code());
    }
    assertEquals(codes, rows(page()));
  }

  @Test
  void everyRowHasATriggerAFixAndAnExample() throws IOException {
    List<String> incomplete = new ArrayList<>();
    for (String line : page().split("\n")) {
      if (line.matches("^\\| TL\\d{3}\\b.*")) {
        String[] cells = line.split("(?<!\\\\)\\|", -1);
        // "", code, trigger, fix, example, ""
        if (cells.length < 6 || cells[2].isBlank() || cells[3].isBlank() || cells[4].isBlank()) {
          incomplete.add(line.substring(0, Math.min(line.length(), 40)));
        }
      }
    }
    assertEquals(List.of(), incomplete);
  }

  @Test
  void everyOptionIsDocumented() throws IOException {
    String page = page();
    Set<String> options = new TapelessProcessor().getSupportedOptions();
    assertTrue(!options.isEmpty());
    for (String option : options) {
      assertTrue(page.contains("`-A" + option + "="), "-A" + option + " is not in diagnostics.md");
    }
  }

  @Test
  void suppressingWarningsIsDocumented() throws IOException {
    String page = page();
    assertTrue(page.contains("@SuppressWarnings(\"TL012\")"));
    assertTrue(page.contains("@SuppressWarnings(\"tapeless\")"));
  }
}

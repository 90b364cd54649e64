package dev.tapeless.processor;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Feeds the processor malformed and exotic Java and checks, for every input, that it never
 * crashes, never reports an internal error, never leaves javac with generated code that does not
 * compile, and that valid code in the supported subset compiles.
 *
 * <p>Users reach the processor with code under construction: half-typed methods, misplaced
 * annotations, odd names. Those must end in the user's own errors or a Tapeless error on their
 * code, never in a stack trace or in errors inside files they did not write.
 *
 * <p>Cases that expect a clean success share one compilation, to keep the test fast; if that
 * compilation shows anything wrong, each of them is compiled alone, so that a failure names its
 * case. Every other case is compiled alone. {@code -Dtapeless.robust.only=<text>} runs the cases
 * whose name contains the text; {@code -Dtapeless.robust.dump=<dir>} writes the files each case
 * generated under that directory, to read what javac complained about.
 *
 * <p>Cases in {@link #KNOWN_FAILURES} show processor bugs found by this test and not fixed yet.
 * They run with every assertion, and pass only while they still fail (so that a fix is noticed
 * and the entry removed); what they report goes to {@code target/robustness-known-failures.txt}.
 * {@code -Dtapeless.robust.strict=true} makes them fail as they are.
 */
class RobustnessTest {

  /** Case name to the finding: processor bugs this test found, to be fixed in the processor. */
  static final Map<String, String> KNOWN_FAILURES = Map.of();

  private static final boolean STRICT = Boolean.getBoolean("tapeless.robust.strict");
  private static final String ONLY = System.getProperty("tapeless.robust.only", "");
  private static final String DUMP = System.getProperty("tapeless.robust.dump", "");
  private static final List<String> KNOWN_REPORTS = new ArrayList<>();

  static List<RobustCase> allCases() {
    List<RobustCase> all = new ArrayList<>();
    all.addAll(DeclarationCases.all());
    all.addAll(BodyCases.all());
    all.addAll(NameCases.all());
    return all;
  }

  @TestFactory
  Stream<DynamicTest> processorSurvives() {
    List<RobustCase> cases = allCases().stream().filter(c -> c.name().contains(ONLY)).toList();
    checkNamesAreUnique(cases);
    List<RobustCase> shareable = shareable(cases);
    SharedCompilation shared = new SharedCompilation(shareable);
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      if (shareable.contains(c) && shared.clean()) {
        return;
      }
      RobustCase.Result r = c.compile();
      if (!DUMP.isEmpty()) {
        dump(c);
      }
      judge(c, c.check(r), RobustCase.diagnostics(r), r.millis());
    }));
  }

  private static void judge(RobustCase c, List<String> violations, List<String> diagnostics,
      long millis) {
    String known = KNOWN_FAILURES.get(c.name());
    String report = c.name() + " (" + millis + " ms):\n  " + String.join("\n  ", violations)
        + "\n  all diagnostics:\n    " + String.join("\n    ", diagnostics);
    if (known == null || STRICT) {
      if (!violations.isEmpty()) {
        fail(report);
      }
    } else if (violations.isEmpty()) {
      fail(c.name() + " passes now; remove it from RobustnessTest.KNOWN_FAILURES (" + known + ")");
    } else {
      KNOWN_REPORTS.add("known failure: " + known + "\n" + report);
    }
  }

  /** Names the known failures in one line and writes what each of them reported to a file. */
  @AfterAll
  static void writeKnownFailures() throws IOException {
    if (KNOWN_REPORTS.isEmpty()) {
      return;
    }
    Path report = Path.of("target", "robustness-known-failures.txt");
    Files.createDirectories(report.getParent());
    Files.writeString(report, String.join("\n\n", KNOWN_REPORTS) + "\n");
    System.out.println("RobustnessTest: " + KNOWN_REPORTS.size()
        + " known processor failures still fail; details in " + report.toAbsolutePath());
  }

  @Test
  void knownFailuresNameExistingCases() {
    Set<String> names = new HashSet<>();
    allCases().forEach(c -> names.add(c.name()));
    for (String name : KNOWN_FAILURES.keySet()) {
      if (!names.contains(name)) {
        fail("KNOWN_FAILURES names no case: " + name);
      }
    }
  }

  /**
   * Compiles {@code c} again with javac's own file manager, which keeps generated files also
   * when compilation fails (Compile Testing hands them out only after a success).
   */
  private static void dump(RobustCase c) throws IOException {
    Path dir = Path.of(DUMP, c.name().replaceAll("[^A-Za-z0-9$]+", "_"));
    Files.createDirectories(dir.resolve("classes"));
    Files.createDirectories(dir.resolve("generated"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null);
        Writer log = Files.newBufferedWriter(dir.resolve("javac.txt"))) {
      List<String> options = new ArrayList<>(c.options());
      options.addAll(List.of("-d", dir.resolve("classes").toString(),
          "-s", dir.resolve("generated").toString(),
          "-classpath", System.getProperty("java.class.path")));
      JavaCompiler.CompilationTask task =
          javac.getTask(log, files, null, options, null, c.files());
      task.setProcessors(List.of(c.newProcessor(), new HiddenDeclarationProcessor()));
      task.call();
    }
  }

  /** Clean successes with distinct file names can be compiled together. */
  private static List<RobustCase> shareable(List<RobustCase> cases) {
    List<RobustCase> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (RobustCase c : cases) {
      if (c.expectsCleanSuccess() && !KNOWN_FAILURES.containsKey(c.name())
          && c.files().stream().allMatch(f -> !seen.contains(f.toUri().toString()))) {
        c.files().forEach(f -> seen.add(f.toUri().toString()));
        out.add(c);
      }
    }
    return out;
  }

  private static void checkNamesAreUnique(List<RobustCase> cases) {
    Map<String, RobustCase> byName = new LinkedHashMap<>();
    for (RobustCase c : cases) {
      if (byName.put(c.name(), c) != null) {
        throw new IllegalStateException("two cases named " + c.name());
      }
    }
  }

  /** One compilation of all shareable cases, run once when the first of them asks. */
  private static final class SharedCompilation {
    private final List<RobustCase> cases;
    private Boolean clean;

    SharedCompilation(List<RobustCase> cases) {
      this.cases = cases;
    }

    boolean clean() {
      if (clean == null) {
        List<JavaFileObject> files = new ArrayList<>();
        cases.forEach(c -> files.addAll(c.files()));
        RobustCase together = RobustCase.named("all clean cases together");
        RobustCase.Result r = RobustCase.compileTogether(new TapelessProcessor(), List.of(),
            files);
        List<String> violations = together.withFiles(files).check(r);
        clean = violations.isEmpty();
        if (!clean) {
          System.out.println("the shared compilation of " + cases.size()
              + " clean cases is not clean; compiling each alone");
        }
      }
      return clean;
    }
  }
}

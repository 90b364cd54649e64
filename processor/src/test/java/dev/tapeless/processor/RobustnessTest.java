package dev.tapeless.processor;

import static java.util.Map.entry;
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

  private static final String NO_SECOND_ROUND = "an error (or, under -Werror, a warning) in the"
      + " round that writes <C>_Grad means javac runs no further round, so <C>_GradSweeps is"
      + " never compiled: 'package C_GradSweeps does not exist' in generated code";
  private static final String LOST_USER_ERROR = "a Tapeless error on the erroneous expression"
      + " ends processing, and javac drops its own recoverable error (cannot find symbol, ...):"
      + " the user sees only TL111/TL112";
  private static final String BEST_GUESS = "JavaExprs uses ClassName.bestGuess on the owner of a"
      + " helper or constant";
  private static final String HIDDEN_BY_USER_CLASS = "generated code names a java.lang class by"
      + " its simple name, which a class of the user's package hides";

  /** Case name to the finding: processor bugs this test found, to be fixed in the processor. */
  static final Map<String, String> KNOWN_FAILURES = Map.ofEntries(
      // DeclarationCases
      entry("local class", "silently ignored: no TL009 and no frame"),
      entry("anonymous class", "silently ignored: no TL009 and no frame"),
      entry("enum constant body", "silently ignored: no TL009 and no frame"),
      entry("private nested class", "generated code calls T.Hidden.scale: private access"),
      entry("@Differentiable on a native method", "TL902: the method's source is not available"),
      entry("two overloads without name", NO_SECOND_ROUND),
      entry("@CustomDerivative with a wrong signature, called", NO_SECOND_ROUND),
      entry("declaration error next to a valid method", NO_SECOND_ROUND),
      entry("declaration error in another file next to a valid one", NO_SECOND_ROUND),
      entry("call to a method in another file whose declaration is rejected", NO_SECOND_ROUND
          + "; also a cascaded TL114 on the caller"),
      entry("-Werror -Xlint:all on valid code", NO_SECOND_ROUND + " (the warning is javac's"
          + " 'No processor claimed any of these annotations')"),
      entry("-Werror -Xlint:all with a deprecated helper", NO_SECOND_ROUND),
      // BodyCases
      entry("undefined variable in the body", LOST_USER_ERROR),
      entry("undefined method in the body", LOST_USER_ERROR),
      entry("undefined type in the body", LOST_USER_ERROR),
      entry("wrong arguments to a helper", LOST_USER_ERROR),
      entry("instance method called from static context", LOST_USER_ERROR),
      entry("lossy conversion in the body", "a TL112 on <any> next to javac's own error"),
      entry("string assigned to a double", "a TL112 next to javac's own error"),
      entry("wrong return type", "a TL112 next to javac's own error"),
      entry("missing return", "generated sweeps read an undeclared 'result'"),
      entry("method that never returns", "generated sweeps read an undeclared 'result'"),
      entry("straight-line method with 3000 statements", "code too large in T_GradSweeps"),
      entry("127 double parameters, as many as javac allows",
          "too many parameters in backpropagate and splitBackward"),
      // NameCases
      entry("parameter named sweeps", "frame methods call sweeps.x() on the parameter"),
      entry("method named math", "frame class T_GradSweeps.Math hides java.lang.Math"),
      entry("method named t_Grad", "frame class T_Grad nested in T_Grad"),
      entry("method named t_GradSweeps", "frame class T_GradSweeps nested in T_GradSweeps"),
      entry("user class Math in the same package", HIDDEN_BY_USER_CLASS),
      entry("user class StrictMath in the same package", HIDDEN_BY_USER_CLASS),
      entry("user class ArrayIndexOutOfBoundsException in the same package",
          HIDDEN_BY_USER_CLASS),
      entry("methods e and E", NO_SECOND_ROUND),
      entry("nested A.B and top-level A_B", "TL902: FilerException, both want A_B_Grad"),
      entry("helper in a class named with a leading $", "TL902: " + BEST_GUESS),
      entry("helper in a lowercase class", "TL902: " + BEST_GUESS),
      entry("lowercase class with a helper of its own", "TL902: " + BEST_GUESS),
      entry("class named with a leading underscore", "TL902: " + BEST_GUESS),
      entry("package with upper-case letters", BEST_GUESS + ": generated 'import r.Upper;'"),
      entry("protected helper inherited from another package",
          "generated code calls a protected static member of another package's superclass"));

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
      task.setProcessors(List.of(c.newProcessor()));
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

package dev.tapeless.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.Diagnostic.Kind;
import javax.tools.JavaFileObject;

/**
 * One malformed or exotic input for the processor and what javac should report for it.
 *
 * <p>Expectations name lines by a marker, a piece of text on that line, so that a source can be
 * edited without renumbering. {@link #check} first asserts the properties that must hold for any
 * input whatsoever (no crash, no internal error, generated code that compiles) and then the
 * case's own expected outcome, and returns every violation instead of stopping at the first, so
 * that a report names everything that is wrong with a case.
 */
final class RobustCase {

  /** A diagnostic the case must produce: {@code text} (a code such as TL009, or javac's words). */
  private record Expected(Kind kind, String text, URI file, long line) {
    boolean matches(Diagnostic<? extends JavaFileObject> d) {
      return d.getKind() == kind
          && d.getMessage(Locale.ROOT).contains(text)
          && d.getSource() != null && d.getSource().toUri().equals(file)
          && d.getLineNumber() == line;
    }

    @Override
    public String toString() {
      return kind + " containing '" + text + "' at " + file.getPath() + ":" + line;
    }
  }

  /** What a compilation gave: the compilation, or what it threw; and how long it took. */
  record Result(Compilation compilation, Throwable thrown, long millis) {}

  private final String name;
  private final List<JavaFileObject> files = new ArrayList<>();
  private final List<String> sources = new ArrayList<>();
  private final List<String> options = new ArrayList<>();
  private final List<Expected> expected = new ArrayList<>();
  private final Set<String> allowedWarnings = new HashSet<>();
  private Supplier<Processor> processor = TapelessProcessor::new;
  private boolean allowsNoTreeApi;
  /** When set, a clean success is as good as Tapeless errors on this line only. */
  private Expected eitherRejectedAt;

  private RobustCase(String name) {
    this.name = name;
  }

  static RobustCase named(String name) {
    return new RobustCase(name);
  }

  String name() {
    return name;
  }

  List<JavaFileObject> files() {
    return files;
  }

  /** A source file; {@code qualifiedName} is the top-level type it declares. */
  RobustCase source(String qualifiedName, String text) {
    files.add(JavaFileObjects.forSourceString(qualifiedName, text));
    sources.add(text);
    return this;
  }

  /** Files already made, as in a compilation of several cases together; no markers in them. */
  RobustCase withFiles(List<JavaFileObject> more) {
    for (JavaFileObject f : more) {
      files.add(f);
      sources.add("");
    }
    return this;
  }

  RobustCase options(String... more) {
    options.addAll(List.of(more));
    return this;
  }

  RobustCase processor(Supplier<Processor> factory) {
    processor = factory;
    return this;
  }

  /** The environment case: the one error allowed to be TL901. */
  RobustCase allowsNoTreeApi() {
    allowsNoTreeApi = true;
    return this;
  }

  /** An error {@code [code]} on the line holding {@code marker}. */
  RobustCase rejects(String code, String marker) {
    expected.add(at(Kind.ERROR, "[" + code + "]", marker));
    return this;
  }

  /** A javac error (the user's own mistake) containing {@code text} on the marker's line. */
  RobustCase userError(String text, String marker) {
    expected.add(at(Kind.ERROR, text, marker));
    return this;
  }

  /** A warning {@code [code]} that must appear on the marker's line. */
  RobustCase warns(String code, String marker) {
    expected.add(at(Kind.WARNING, "[" + code + "]", marker));
    return this;
  }

  /** A Tapeless warning that may appear anywhere (TL015 on huge methods, say). */
  RobustCase mayWarn(String code) {
    allowedWarnings.add("[" + code + "]");
    return this;
  }

  /**
   * For inputs where both answers are right: compiling cleanly, or Tapeless errors (any code but
   * the internal ones) on the marker's line and no other error.
   */
  RobustCase compilesOrRejectsAt(String marker) {
    eitherRejectedAt = at(Kind.ERROR, "[TL", marker);
    return this;
  }

  /** Whether a clean success is all this case expects, so that it can share a compilation. */
  boolean expectsCleanSuccess() {
    return expected.isEmpty() && allowedWarnings.isEmpty() && eitherRejectedAt == null
        && options.isEmpty() && !allowsNoTreeApi;
  }

  List<String> options() {
    return options;
  }

  Processor newProcessor() {
    return processor.get();
  }

  Result compile() {
    return compileTogether(processor.get(), options, files);
  }

  static Result compileTogether(Processor processor, List<String> options,
      List<JavaFileObject> files) {
    long start = System.nanoTime();
    try {
      Compilation c = Compiler.javac()
          .withProcessors(processor, new HiddenDeclarationProcessor()).withOptions(options)
          .compile(files);
      return new Result(c, null, (System.nanoTime() - start) / 1_000_000);
    } catch (Throwable e) { // what the properties are about: javac or the processor crashed
      return new Result(null, e, (System.nanoTime() - start) / 1_000_000);
    }
  }

  /** Every diagnostic of {@code r}, one a line, to go with a report of its violations. */
  static List<String> diagnostics(Result r) {
    if (r.compilation() == null) {
      return List.of();
    }
    return r.compilation().diagnostics().stream().map(RobustCase::describe).toList();
  }

  /** Every way {@code r} falls short of the universal properties and of this case's outcome. */
  List<String> check(Result r) {
    List<String> violations = new ArrayList<>();
    if (r.thrown() != null) {
      violations.add("[crash] compilation threw " + firstLines(r.thrown(), 12));
      return violations;
    }
    Compilation c = r.compilation();
    checkUniversalProperties(c, violations);
    checkOutcome(c, violations);
    return violations;
  }

  /** Properties 1 to 3 of the brief: they hold for any input, valid or not. */
  private void checkUniversalProperties(Compilation c, List<String> violations) {
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      String message = d.getMessage(Locale.ROOT);
      if (message.contains("[TL902]")) {
        violations.add("[internal error] " + describe(d));
      } else if (message.contains("TL901") && !allowsNoTreeApi) {
        violations.add("[environment error on javac] " + describe(d));
      }
      if (d.getKind() != Kind.ERROR && d.getKind() != Kind.WARNING
          && d.getKind() != Kind.MANDATORY_WARNING) {
        continue;
      }
      if (d.getSource() == null) {
        if (d.getKind() == Kind.ERROR && !message.contains("warnings found and -Werror")
            && !message.contains("[TL902]")) {
          violations.add("[error on no file] " + describe(d));
        }
      } else if (!isUserFile(d.getSource().toUri())) {
        violations.add("[generated code does not compile cleanly] " + describe(d));
      } else if (d.getKind() == Kind.ERROR && !message.contains("[TL")
          && message.contains("_Grad")) {
        violations.add("[user code sees a missing generated class] " + describe(d));
      }
    }
  }

  /** Property 4 and the case's own expectation. */
  private void checkOutcome(Compilation c, List<String> violations) {
    boolean succeeded = c.status() == Compilation.Status.SUCCESS;
    List<Diagnostic<? extends JavaFileObject>> errors = List.copyOf(c.errors());
    if (eitherRejectedAt != null && !succeeded) {
      for (Diagnostic<? extends JavaFileObject> d : errors) {
        if (!eitherRejectedAt.matches(d)
            && violations.stream().noneMatch(v -> v.contains(describe(d)))) {
          violations.add("[expected success or Tapeless errors at " + eitherRejectedAt.file().getPath()
              + ":" + eitherRejectedAt.line() + " only] got " + describe(d));
        }
      }
    }
    boolean expectsErrors = expected.stream().anyMatch(e -> e.kind() == Kind.ERROR);
    if (!expectsErrors && eitherRejectedAt == null && !succeeded) {
      violations.add("[expected success] failed with " + errors.size() + " error(s)");
    }
    if (expectsErrors && succeeded) {
      violations.add("[expected errors] compiled without errors");
    }
    for (Expected e : expected) {
      if (c.diagnostics().stream().noneMatch(e::matches)) {
        violations.add("[missing] " + e);
      }
    }
    if (eitherRejectedAt == null) {
      for (Diagnostic<? extends JavaFileObject> d : errors) {
        if (expected.stream().noneMatch(e -> e.matches(d))
            && violations.stream().noneMatch(v -> v.contains(describe(d)))) {
          violations.add("[unexpected error] " + describe(d));
        }
      }
    }
    for (Diagnostic<? extends JavaFileObject> d : c.warnings()) {
      String message = d.getMessage(Locale.ROOT);
      if (message.contains("[TL") && expected.stream().noneMatch(e -> e.matches(d))
          && allowedWarnings.stream().noneMatch(message::contains)) {
        violations.add("[unexpected Tapeless warning] " + describe(d));
      }
    }
  }

  private boolean isUserFile(URI uri) {
    return files.stream().anyMatch(f -> f.toUri().equals(uri));
  }

  private Expected at(Kind kind, String text, String marker) {
    for (int i = 0; i < sources.size(); i++) {
      String[] lines = sources.get(i).split("\n", -1);
      for (int line = 0; line < lines.length; line++) {
        if (lines[line].contains(marker)) {
          return new Expected(kind, text, files.get(i).toUri(), line + 1);
        }
      }
    }
    throw new IllegalArgumentException(name + ": no line contains the marker '" + marker + "'");
  }

  static String describe(Diagnostic<? extends JavaFileObject> d) {
    String where = d.getSource() == null ? "(no file)"
        : d.getSource().toUri().getPath() + ":" + d.getLineNumber();
    String message = d.getMessage(Locale.ROOT);
    int newline = message.indexOf('\n');
    return d.getKind() + " " + where + ": "
        + (newline < 0 ? message : message.substring(0, newline) + " ...");
  }

  static String firstLines(Throwable e, int lines) {
    StringWriter out = new StringWriter();
    try (PrintWriter w = new PrintWriter(out)) {
      e.printStackTrace(w);
    }
    String[] all = out.toString().split("\n");
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(lines, all.length); i++) {
      s.append(i == 0 ? "" : "\n    ").append(all[i].strip());
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return name;
  }
}

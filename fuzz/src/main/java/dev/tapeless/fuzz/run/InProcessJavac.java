package dev.tapeless.fuzz.run;

import dev.tapeless.processor.TapelessProcessor;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * javac in this JVM, with the Tapeless processor handed over as an instance (no processor path
 * to set up, and its internal errors show as diagnostics like any other). One file manager per
 * thread is reused across compilations: opening the class path's jars is most of a small
 * compilation's cost.
 */
public final class InProcessJavac {
  private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
  private static final List<File> CLASSPATH = Classpath.entries();
  private static final ThreadLocal<StandardJavaFileManager> MANAGERS = ThreadLocal.withInitial(
      () -> JAVAC.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8));

  private InProcessJavac() {}

  /** What a compilation produced: its messages and, when it succeeded, a loader for it. */
  public record Result(boolean success, List<Diag> diagnostics, Path output) {
    public List<Diag> errors() {
      return diagnostics.stream().filter(Diag::error).toList();
    }

    /** Loads the compiled classes; the parent is the fuzzer's own loader. */
    public URLClassLoader loader() {
      try {
        return new URLClassLoader(new URL[] {output.toUri().toURL()},
            InProcessJavac.class.getClassLoader());
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Deletes the output directory. */
    public void delete() {
      deleteTree(output);
    }
  }

  /**
   * Compiles the given sources (qualified class name to source text), with the Tapeless
   * processor when {@code tapeless} is set.
   */
  public static Result compile(Map<String, String> sources, boolean tapeless) {
    Path out;
    try {
      out = Files.createTempDirectory("tapeless-fuzz");
      Files.createDirectories(out.resolve("generated"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<JavaFileObject> units = new ArrayList<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      units.add(new Source(e.getKey(), e.getValue()));
    }
    StandardJavaFileManager fm = MANAGERS.get();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean ok;
    try {
      fm.setLocation(StandardLocation.CLASS_OUTPUT, List.of(out.toFile()));
      fm.setLocation(StandardLocation.SOURCE_OUTPUT, List.of(out.resolve("generated").toFile()));
      fm.setLocation(StandardLocation.CLASS_PATH, CLASSPATH);
      List<String> options = new ArrayList<>(List.of("--release", "17", "-nowarn",
          "-Xlint:none", "-implicit:none", "-encoding", "UTF-8"));
      if (!tapeless) {
        options.add("-proc:none");
      } else {
        if ((sources.keySet().hashCode() & 1) == 0) {
          // half the programs keep every callee behind its frame: split mode stays covered
          options.add("-Atapeless.inlineCallees=false");
        }
        if ((sources.keySet().hashCode() & 2) == 0) {
          // and half keep small local arrays as arrays: both forms stay covered
          options.add("-Atapeless.scalarizeArrays=false");
        }
      }
      if (tapeless && Boolean.getBoolean("fuzz.generateDespiteErrors")) {
        options.add("-XDshould-stop.ifError=GENERATE");
      }
      JavaCompiler.CompilationTask task = JAVAC.getTask(null, fm, diagnostics, options, null,
          units);
      if (tapeless) {
        task.setProcessors(List.of(new TapelessProcessor()));
      }
      ok = task.call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      // javac itself crashed (or the processor escaped it): one message saying so.
      List<Diag> crash = List.of(new Diag(true, "", 0, "javac crashed: " + e));
      return new Result(false, crash, out);
    }
    List<Diag> result = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      String file = d.getSource() == null ? "" : simpleName(d.getSource().toUri());
      result.add(new Diag(d.getKind() == Diagnostic.Kind.ERROR, file, d.getLineNumber(),
          d.getMessage(Locale.ROOT)));
    }
    return new Result(ok, result, out);
  }

  private static String simpleName(URI uri) {
    String path = uri.getPath() == null ? uri.toString() : uri.getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }

  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String qualifiedName, String text) {
      super(URI.create("string:///" + qualifiedName.replace('.', '/') + ".java"),
          Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }
}

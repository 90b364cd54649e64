package dev.tapeless.processor.graph;

import dev.tapeless.Differentiable;
import dev.tapeless.processor.diagnostics.Diagnostic;
import dev.tapeless.processor.diagnostics.Reporter;
import dev.tapeless.processor.frontend.DifferentiableSignature;
import dev.tapeless.processor.ir.IrMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Writes each method's graph to {@code <dir>/<package>.<Class>.<method>.dot} for
 * {@code -Atapeless.graphs=dir}. Plain files rather than the Filer: the pictures are for people,
 * not sources or resources of the build, and a failure to write one is a warning, never a
 * reason to fail the compilation.
 */
public final class GraphFiles {
  private final String directory;
  private final Reporter reporter;

  private GraphFiles(String directory, Reporter reporter) {
    this.directory = directory;
    this.reporter = reporter;
  }

  /** The writer for the option's value, or null when the option is absent or empty. */
  public static GraphFiles forOption(String directory, Reporter reporter) {
    return directory == null || directory.isBlank() ? null
        : new GraphFiles(directory.strip(), reporter);
  }

  /**
   * The file name of a method's graph: named by {@code @Differentiable(name = ...)} when it has
   * one, so that overloads get one file each.
   */
  public static String fileName(DifferentiableSignature sig) {
    Differentiable annotation = sig.method().getAnnotation(Differentiable.class);
    String name = annotation == null || annotation.name().isEmpty()
        ? sig.method().getSimpleName().toString() : annotation.name();
    return sig.ownerQualifiedName() + "." + name + ".dot";
  }

  /** Writes {@code ir}'s graph, or warns why it could not. */
  public void write(DifferentiableSignature sig, IrMethod ir) {
    String where = directory;
    try {
      Path dir = Path.of(directory);
      Path file = dir.resolve(fileName(sig));
      where = file.toAbsolutePath().toString();
      Files.createDirectories(dir);
      Files.writeString(file, DotGraph.of(sig.ownerQualifiedName() + "." + sig.method()
          .getSimpleName(), ir), StandardCharsets.UTF_8);
    } catch (IOException | InvalidPathException | SecurityException e) {
      reporter.warning(sig.method(), Diagnostic.GRAPH_NOT_WRITTEN, sig.displayName(), where,
          e.toString());
    }
  }
}

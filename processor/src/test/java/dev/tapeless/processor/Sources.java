package dev.tapeless.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;

/** Builds small test classes and compiles them with the processor. */
final class Sources {
  private Sources() {}

  /** Class {@code p.T} with {@code body} as its members; line 3 is the first member line. */
  static JavaFileObject classWith(String members) {
    return JavaFileObjects.forSourceString("p.T",
        "package p;\n"
            + "import dev.tapeless.*;\n"
            + members
            + "\n");
  }

  /**
   * Class {@code p.T} with one {@code @Differentiable static double f(double x, double y, int n)}
   * whose body starts on line 6.
   */
  static JavaFileObject method(String body) {
    return classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double x, double y, int n) {\n"
        + body
        + "\n  }\n"
        + "}");
  }

  static Compilation compile(JavaFileObject... files) {
    return Compiler.javac().withProcessors(new TapelessProcessor(), new HiddenDeclarationProcessor())
        .compile(files);
  }

  /** Writes a compilation's class files under {@code root}, to load them from there. */
  static void writeClasses(Compilation compilation, Path root) throws IOException {
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = file.toUri().getPath();
      String relative = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length());
      Path target = root.resolve(relative);
      Files.createDirectories(target.getParent());
      try (InputStream in = file.openInputStream()) {
        Files.copy(in, target);
      }
    }
  }
}

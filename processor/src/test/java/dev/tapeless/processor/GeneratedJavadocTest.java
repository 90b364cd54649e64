package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.DocumentationTool;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated classes' Javadoc passes the {@code javadoc} tool under every doclint check
 * ({@code -Xdoclint:all}, so missing {@code @param} and {@code @return} too), also for owners
 * that are nested classes and model classes, methods taking objects and lists (whose
 * {@code hessian} and {@code jacobian} add a paragraph), and leaves out the methods only
 * generated callers use.
 */
class GeneratedJavadocTest {

  private static final String SOURCE = """
      package p;
      import dev.tapeless.*;
      public class T {
        private T() {}
        public record P(double a, double[] w) {}
        public static class Inner {
          private Inner() {}
          @Differentiable
          public static double f(double x, P p, int n) {
            return x * p.a() * p.w()[0] * n;
          }
          @Differentiable
          public static void g(double[] x, @Out double[] y) {
            y[0] = x[0] * x[1];
          }
          @Differentiable
          public static double h(double x, P p) {
            return f(x, p, 2);
          }
          @Differentiable
          public static double noisy(double x, @NoDerivative java.util.Random rng,
              java.util.List<double[]> xs) {
            return x * x * rng.nextGaussian() * xs.get(0)[0];
          }
          @Differentiable
          public static void noisyOut(double[] x, @NoDerivative java.util.Random rng,
              @Out double[] y) {
            y[0] = x[0] * rng.nextDouble();
          }
        }
        public static final class Model {
          double[][] w = {{1, 2}};
          P extra = new P(1, new double[] {2});
          @Differentiable
          public double loss(double[] x, @NoDerivative double scale) {
            return w[0][0] * x[0] * scale + extra.a();
          }
        }
      }
      """;

  @Test
  void generatedJavadocPassesDoclintAndHidesEntryPointsOfGeneratedCallers(@TempDir Path dir)
      throws IOException {
    Compilation c = Sources.compile(JavaFileObjects.forSourceString("p.T", SOURCE));
    assertThat(c).succeededWithoutWarnings();
    Path src = dir.resolve("src/p");
    Files.createDirectories(src);
    Files.writeString(src.resolve("T.java"), SOURCE);
    List<Path> generated = new ArrayList<>();
    for (JavaFileObject file : c.generatedSourceFiles()) {
      String name = Path.of(file.toUri().getPath()).getFileName().toString();
      Path target = src.resolve(name);
      Files.writeString(target, file.getCharContent(true));
      generated.add(target);
    }
    assertTrue(generated.stream().anyMatch(f -> f.endsWith("T_Inner_Grad.java")), "" + generated);

    DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path out = dir.resolve("doc");
    try (StandardJavaFileManager files = javadoc.getStandardFileManager(null, null, null)) {
      List<Path> all = new ArrayList<>(generated);
      all.add(src.resolve("T.java"));
      StringWriter log = new StringWriter();
      boolean ok = javadoc.getTask(log, files, diagnostics, null,
          List.of("-Xdoclint:all", "-quiet", "-d", out.toString(),
              "-classpath", System.getProperty("java.class.path")),
          files.getJavaFileObjectsFromPaths(all)).call();
      List<String> inGenerated = new ArrayList<>();
      for (var d : diagnostics.getDiagnostics()) {
        boolean summary = d.getKind() == javax.tools.Diagnostic.Kind.NOTE;
        if (!summary && (d.getSource() == null || d.getSource().getName().contains("_Grad"))) {
          inGenerated.add(d.getKind() + " " + (d.getSource() == null ? ""
              : d.getSource().getName() + ":" + d.getLineNumber()) + " " + d.getMessage(null));
        }
      }
      assertEquals(List.of(), inGenerated, log.toString());
      assertTrue(ok, log.toString());
    }
    try (Stream<Path> pages = Files.walk(out)) {
      for (Path page : pages.filter(f -> f.toString().endsWith(".html")).toList()) {
        String html = Files.readString(page);
        assertFalse(html.contains("$splitForward") || html.contains("$splitBackward")
            || html.contains("$jvpInPlace") || html.contains("$primal"), page.toString());
      }
    }
    assertTrue(Files.readString(out.resolve("p/T_Inner_Grad.F.html")).contains("valueAndGradient"));
  }
}

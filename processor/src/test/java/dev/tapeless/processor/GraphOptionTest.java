package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Atapeless.graphs=DIR}: one DOT file per method, variables as nodes and operations as
 * boxes between them, checked by parsing the text (no Graphviz needed).
 */
class GraphOptionTest {
  private static final String SEED = "public class T {\n"
      + "  @Differentiable public static double e(double a, double b) {\n"
      + "    double c = a + b;\n"
      + "    double d = b + 1;\n"
      + "    return c * d;\n"
      + "  }\n"
      + "}";

  @TempDir
  Path dir;

  private static Compilation compile(Path graphs, JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new TapelessProcessor())
        .withOptions("-Atapeless.graphs=" + graphs)
        .compile(sources);
  }

  private List<String> files() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private DotSyntax.Graph graph(String file) throws IOException {
    return DotSyntax.parse(Files.readString(dir.resolve(file)));
  }

  @Test
  void seedGraphHasVariablesAsNodesAndOperationsBetweenThem() throws IOException {
    assertThat(compile(dir, Sources.classWith(SEED))).succeededWithoutWarnings();
    assertEquals(List.of("p.T.e.dot"), files());
    DotSyntax.Graph g = graph("p.T.e.dot");
    assertEquals("p.T.e", g.name());
    assertEquals("e(double a, double b) returns result", g.attributes().get("label"));

    Map<String, Map<String, String>> nodes = g.nodes();
    assertEquals("invhouse", nodes.get("a").get("shape"));
    assertEquals("invhouse", nodes.get("b").get("shape"));
    assertEquals("ellipse", nodes.get("c").get("shape"));
    assertEquals("ellipse", nodes.get("d").get("shape"));
    assertEquals("doublecircle", nodes.get("result").get("shape"));

    String times = g.nodeLabelled("*");
    assertEquals(List.of("c", "d"), g.into(times));
    assertEquals(List.of("result"), g.outOf(times));
    List<String> plus = nodes.keySet().stream().filter(id -> "+".equals(g.label(id))).toList();
    assertEquals(2, plus.size());
    assertEquals(List.of("a", "b"), g.into(plus.get(0)));
    assertEquals(List.of("c"), g.outOf(plus.get(0)));
    assertEquals(List.of("b", "1"), g.into(plus.get(1)));
    assertEquals(List.of("d"), g.outOf(plus.get(1)));
    assertTrue(g.edges().contains(new DotSyntax.Edge("a", plus.get(0), Map.of())));
    assertEquals(3, nodes.values().stream().filter(n -> "box".equals(n.get("shape"))).count());
    assertTrue(g.clusters().isEmpty());
  }

  @Test
  void loopsAndBranchesAreClustersAndTheTextParses() throws IOException {
    assertThat(compile(dir, Sources.classWith("public class T {\n"
        + "  @Differentiable public static double f(double[] w, double x, int n) {\n"
        + "    double s = 0;\n"
        + "    for (int i = 0; i < w.length; i++) { s += w[i] * Math.sin(x); }\n"
        + "    int k = 0;\n"
        + "    while (s < 10 && k < n) { s = s * 2; k++; if (s > 5) { break; } }\n"
        + "    return s;\n"
        + "  }\n"
        + "}"))).succeededWithoutWarnings();
    DotSyntax.Graph g = graph("p.T.f.dot");
    assertEquals(2, g.clusters().size());
    DotSyntax.Cluster counted = g.clusters().get(0);
    assertEquals("for i from 0 < w.length step ++", counted.label());
    String times = counted.nodes().stream().filter(id -> "*".equals(g.label(id))).findFirst()
        .orElseThrow();
    assertTrue(counted.nodes().containsAll(List.of("i", g.nodeLabelled("sin"))),
        counted.nodes()::toString);
    assertTrue(g.edges().contains(new DotSyntax.Edge("w", times, Map.of("label", "[i]"))));
    assertTrue(g.edges().contains(new DotSyntax.Edge(times, "s", Map.of("label", "+="))));

    DotSyntax.Cluster loop = g.clusters().get(1);
    assertTrue(loop.label().startsWith("loop"), loop.label());
    assertTrue(loop.children().stream().anyMatch(c -> c.label().startsWith("if ")));
    assertTrue(g.nodes().values().stream().anyMatch(n -> "exit loop".equals(n.get("label"))));
    assertEquals("#999999", g.nodes().get("k").get("color")); // an int: no derivative
  }

  @Test
  void callsPointToTheArraysTheyWrite() throws IOException {
    assertThat(compile(dir, Sources.classWith("public class T {\n"
        + "  @Differentiable static double sq(double v) { return v * v; }\n"
        + "  @Differentiable public static double g(double[][] W, double[] x) {\n"
        + "    double[] z = new double[W.length];\n"
        + "    dev.tapeless.runtime.Linear.matvec(W, x, z);\n"
        + "    return sq(z[0]);\n"
        + "  }\n"
        + "}"))).succeededWithoutWarnings();
    assertEquals(List.of("p.T.g.dot", "p.T.sq.dot"), files());
    DotSyntax.Graph g = graph("p.T.g.dot");
    String matvec = g.nodeLabelled("Linear.matvec");
    assertEquals(List.of("W", "x"), g.into(matvec));
    assertTrue(g.edges().contains(new DotSyntax.Edge(matvec, "z", Map.of("label", "out"))));
    String sq = g.nodeLabelled("T.sq");
    assertTrue(g.edges().contains(new DotSyntax.Edge("z", sq, Map.of("label", "[0]"))));
    assertEquals(List.of("result"), g.outOf(sq));
    assertTrue(g.into("z").contains("new double[]"));
  }

  @Test
  void filesAreNamedByPackageClassAndMethodOrFrameName() throws IOException {
    Path nested = dir.resolve("not/yet/there");
    JavaFileObject plain = JavaFileObjects.forSourceString("U", "import dev.tapeless.*;\n"
        + "public class U { @Differentiable static double h(double x) { return x; } }");
    assertThat(compile(nested, plain, Sources.classWith("public class T {\n"
        + "  public static class Inner {\n"
        + "    @Differentiable static double g(double x) { return x * x; }\n"
        + "    @Differentiable(name = \"gTwice\") static double g(double x, int n) {\n"
        + "      return 2 * x;\n"
        + "    }\n"
        + "  }\n"
        + "}"))).succeededWithoutWarnings();
    try (Stream<Path> files = Files.list(nested)) {
      assertEquals(List.of("U.h.dot", "p.T.Inner.g.dot", "p.T.Inner.gTwice.dot"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void aDirectoryThatCannotBeWrittenIsAWarningAndTheFramesAreStillGenerated()
      throws IOException {
    Path blocker = Files.writeString(dir.resolve("a-file"), "not a directory");
    Compilation c = compile(blocker.resolve("graphs"), Sources.classWith(SEED));
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(1);
    assertThat(c).hadWarningContaining("[TL903] could not write the graph of T.e to");
    assertThat(c).hadWarningContaining("the compilation goes on without it");
    assertThat(c).generatedSourceFile("p.T_GradSweeps");
  }

  @Test
  void withoutTheOptionNothingIsWritten() throws IOException {
    assertThat(Compiler.javac().withProcessors(new TapelessProcessor())
        .compile(Sources.classWith(SEED))).succeededWithoutWarnings();
    assertEquals(List.of(), files());
  }
}

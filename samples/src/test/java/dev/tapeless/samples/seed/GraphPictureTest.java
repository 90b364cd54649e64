package dev.tapeless.samples.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The annotated picture of e = (a + b)(b + 1): its numbers, and its structure against the graph
 * the processor wrote for the same method ({@code -Atapeless.graphs} in this module's POM).
 */
class GraphPictureTest {
  private static final Pattern NODE = Pattern.compile(
      "^\\s*\"([^\"]*)\" \\[label=\"((?:[^\"\\\\]|\\\\.)*)\"", Pattern.MULTILINE);
  private static final Pattern EDGE = Pattern.compile(
      "^\\s*\"([^\"]*)\" -> \"([^\"]*)\"", Pattern.MULTILINE);

  @TempDir
  Path dir;

  @Test
  void nodesCarryValuesAndAdjointsOfOneCall() {
    String dot = GraphPicture.dot(2, 1);
    Map<String, String> labels = labels(dot);
    assertEquals("a\\nvalue 2.0\\nadjoint 2.0", labels.get("a"));
    assertEquals("b\\nvalue 1.0\\nadjoint 5.0", labels.get("b"));
    assertEquals("c = a + b\\nvalue 3.0\\nadjoint 2.0", labels.get("c"));
    assertEquals("d = b + 1\\nvalue 2.0\\nadjoint 3.0", labels.get("d"));
    assertEquals("e = c * d\\nvalue 6.0\\nadjoint 1.0", labels.get("result"));
    assertTrue(dot.contains("\"c\" -> \"#4\" [label=\"∂e/∂c = d = 2.0\"]"), dot);
  }

  @Test
  void hasTheStructureOfTheGraphTheProcessorWrote() throws Exception {
    Path generated =
        Path.of("target/graphs/dev.tapeless.samples.seed.ComputationalGraph.e.dot");
    assertTrue(Files.isRegularFile(generated),
        generated.toAbsolutePath() + " missing: the POM passes -Atapeless.graphs to javac");
    assertEquals(edges(Files.readString(generated)), edges(GraphPicture.dot(3, 2)));
  }

  @Test
  void writesTheDotFileAndRendersItWhenGraphvizIsInstalled() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    GraphPicture.write(dir, 2, 1, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertEquals(GraphPicture.dot(2, 1), Files.readString(dir.resolve("seed-e.dot")));
    assumeTrue(GraphPicture.graphviz().isPresent(), "Graphviz is not installed");
    String svg = Files.readString(dir.resolve("seed-e.svg"));
    assertTrue(svg.contains("<svg") && svg.contains("adjoint 5.0"), svg);
  }

  private static Map<String, String> labels(String dot) {
    Map<String, String> labels = new HashMap<>();
    Matcher m = NODE.matcher(dot);
    while (m.find()) {
      labels.put(m.group(1), m.group(2));
    }
    return labels;
  }

  /**
   * Edges as pairs of names, sorted: a variable by its node name, an operation or constant (an
   * ID starting with #, numbered in whatever order) by its label.
   */
  private static List<String> edges(String dot) {
    Map<String, String> labels = labels(dot);
    List<String> edges = new ArrayList<>();
    Matcher m = EDGE.matcher(dot);
    while (m.find()) {
      edges.add(name(m.group(1), labels) + " -> " + name(m.group(2), labels));
    }
    edges.sort(null);
    return edges;
  }

  private static String name(String id, Map<String, String> labels) {
    return id.startsWith("#") ? labels.get(id) : id;
  }
}

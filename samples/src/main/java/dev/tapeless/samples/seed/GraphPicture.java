package dev.tapeless.samples.seed;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The picture of reverse mode for {@code e = (a + b)(b + 1)}: the graph Tapeless differentiates,
 * drawn as {@code -Atapeless.graphs} draws it (variables as nodes, operations as small boxes,
 * the same node names), with each variable's value and adjoint from one call written on it and
 * each operand edge labelled with its local derivative. Reading it backwards from e is the
 * backward sweep: an adjoint is the sum over outgoing edges of the next adjoint times the edge's
 * derivative, so b, used twice, gets 2 + 3.
 *
 * <p>The frame exposes only the parameters' adjoints; the intermediates' are computed here as
 * its backward sweep computes them, and {@link #dot} checks that the two agree.
 */
public final class GraphPicture {
  private GraphPicture() {}

  /** The DOT text of the annotated graph at {@code (a, b)}. */
  public static String dot(double a, double b) {
    ComputationalGraph_Grad.E frame = new ComputationalGraph_Grad.E();
    double e = frame.valueAndGradient(a, b);
    double c = a + b;
    double d = b + 1;
    double eBar = 1;
    double cBar = eBar * d; // ∂e/∂c = d
    double dBar = eBar * c; // ∂e/∂d = c
    double aBar = cBar; // ∂c/∂a = 1
    double bBar = cBar + dBar; // ∂c/∂b = ∂d/∂b = 1, two paths
    if (aBar != frame.da || bBar != frame.db || e != c * d) {
      throw new IllegalStateException("the hand-computed adjoints (" + aBar + ", " + bBar
          + ") differ from the frame's (" + frame.da + ", " + frame.db + ")");
    }
    List<String> lines = new ArrayList<>();
    lines.add("digraph \"dev.tapeless.samples.seed.ComputationalGraph.e\" {");
    lines.add("  label=\"e = (a + b)(b + 1) at a = " + a + ", b = " + b
        + ": values forwards, adjoints backwards\";");
    lines.add("  labelloc=t;");
    lines.add("  fontname=\"Helvetica\";");
    lines.add("  node [fontname=\"Helvetica\", fontsize=11];");
    lines.add("  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.6];");
    lines.add(variable("a", "a", "invhouse", a, aBar));
    lines.add(variable("b", "b", "invhouse", b, bBar));
    lines.add(variable("c", "c = a + b", "ellipse", c, cBar));
    lines.add(variable("d", "d = b + 1", "ellipse", d, dBar));
    lines.add(variable("result", "e = c * d", "doublecircle", e, eBar));
    lines.add(operation("#1", "+"));
    lines.add(operation("#2", "+"));
    lines.add("  \"#3\" [label=\"1\", shape=plaintext, fontcolor=\"#555555\"];");
    lines.add(operation("#4", "*"));
    lines.add(edge("a", "#1", "∂c/∂a = 1"));
    lines.add(edge("b", "#1", "∂c/∂b = 1"));
    lines.add(edge("#1", "c", null));
    lines.add(edge("b", "#2", "∂d/∂b = 1"));
    lines.add(edge("#3", "#2", null));
    lines.add(edge("#2", "d", null));
    lines.add(edge("c", "#4", "∂e/∂c = d = " + d));
    lines.add(edge("d", "#4", "∂e/∂d = c = " + c));
    lines.add(edge("#4", "result", null));
    lines.add("}");
    return String.join("\n", lines) + "\n";
  }

  private static String variable(String id, String label, String shape, double value,
      double adjoint) {
    return "  \"" + id + "\" [label=\"" + label + "\\nvalue " + value + "\\nadjoint " + adjoint
        + "\", shape=" + shape + "];";
  }

  private static String operation(String id, String label) {
    return "  \"" + id + "\" [label=\"" + label + "\", shape=box, style=\"rounded,filled\","
        + " fillcolor=\"#eeeeee\", fontsize=10, width=0.3, height=0.25];";
  }

  private static String edge(String from, String to, String label) {
    return "  \"" + from + "\" -> \"" + to + "\"" + (label == null ? "" : " [label=\"" + label
        + "\"]") + ";";
  }

  /** Graphviz's {@code dot} on the PATH, if it is installed. */
  public static Optional<Path> graphviz() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      for (String name : List.of("dot", "dot.exe")) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Writes {@code seed-e.dot} to {@code dir} and, when Graphviz is installed, renders it to
   * {@code seed-e.svg}; says on {@code out} what it wrote.
   */
  public static void write(Path dir, double a, double b, PrintStream out)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path dotFile = dir.resolve("seed-e.dot");
    Files.writeString(dotFile, dot(a, b), StandardCharsets.UTF_8);
    out.println("  wrote " + dotFile);
    Optional<Path> graphviz = graphviz();
    if (graphviz.isEmpty()) {
      out.println("  Graphviz's dot is not on the PATH (apt-get install graphviz, brew install"
          + " graphviz): render it with dot -Tsvg " + dotFile + " -o seed-e.svg");
      return;
    }
    Path svg = dir.resolve("seed-e.svg");
    Process dot = new ProcessBuilder(graphviz.get().toString(), "-Tsvg", dotFile.toString(),
        "-o", svg.toString()).redirectErrorStream(true).start();
    String messages = new String(dot.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!dot.waitFor(60, TimeUnit.SECONDS) || dot.exitValue() != 0) {
      dot.destroy();
      out.println("  dot could not render " + dotFile + ": " + messages.strip());
      return;
    }
    out.println("  wrote " + svg);
  }

  /** Writes the picture at a = 2, b = 1 to {@code target/graphs}, or to the directory given. */
  public static void main(String[] args) throws IOException, InterruptedException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/graphs");
    System.out.printf(Locale.ROOT, "e = (a + b)(b + 1) at a = 2, b = 1 as a graph:%n");
    write(dir, 2, 1, System.out);
  }
}

package dev.tapeless.samples.seed;

import dev.tapeless.Differentiable;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A function is a computational graph: {@code e = (a + b)(b + 1)} is the three nodes
 * {@code c = a + b}, {@code d = b + 1}, {@code e = c·d}. Reverse mode sweeps once backwards from
 * e and gets the derivative for every input: at a = 3, b = 2 that is ∂e/∂a = 3 and ∂e/∂b = 8.
 */
public final class ComputationalGraph {
  private ComputationalGraph() {}

  /** e = (a + b)(b + 1), one operation per line as in the graph. */
  @Differentiable
  public static double e(double a, double b) {
    double c = a + b;
    double d = b + 1;
    return c * d;
  }

  /** ∂e/∂a = ∂e/∂c · ∂c/∂a = d · 1 = b + 1. */
  static double byHandDeDa(double a, double b) {
    return b + 1;
  }

  /** ∂e/∂b = ∂e/∂c · ∂c/∂b + ∂e/∂d · ∂d/∂b = d + c = (b + 1) + (a + b), two paths from b. */
  static double byHandDeDb(double a, double b) {
    return (b + 1) + (a + b);
  }

  /** Prints e and its gradient at a = 3, b = 2 beside the hand-derived values. */
  public static void run(PrintStream out) {
    double a = 3;
    double b = 2;
    ComputationalGraph_Grad.E g = new ComputationalGraph_Grad.E();
    double e = g.valueAndGradient(a, b);
    out.printf(Locale.ROOT, "  c = a + b, d = b + 1, e = c*d at a = %s, b = %s%n",
        Compare.number(a), Compare.number(b));
    Compare.line(out, "e", e, "(a + b)(b + 1)", (a + b) * (b + 1));
    Compare.line(out, "∂e/∂a", g.da, "d = b + 1", byHandDeDa(a, b));
    Compare.line(out, "∂e/∂b", g.db, "d + c = (b + 1) + (a + b)", byHandDeDb(a, b));
  }

  /**
   * Runs this example alone, then draws the graph with values and adjoints at a = 2, b = 1
   * ({@link GraphPicture}) to {@code target/graphs/seed-e.dot}, and to SVG when Graphviz is
   * installed.
   */
  public static void main(String[] args) throws java.io.IOException, InterruptedException {
    run(System.out);
    GraphPicture.main(args);
  }
}

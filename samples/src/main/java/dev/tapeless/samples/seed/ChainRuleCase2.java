package dev.tapeless.samples.seed;

import dev.tapeless.Differentiable;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Chain rule, case 2: when s reaches z along several paths, {@code z = k(g(s), h(s))}, the
 * derivative is the sum over the paths: dz/ds = ∂k/∂x·dx/ds + ∂k/∂y·dy/ds. Reverse mode does the
 * sum by adding the adjoint of each use of s.
 */
public final class ChainRuleCase2 {
  private ChainRuleCase2() {}

  /** x = g(s) = s², dx/ds = 2s. */
  @Differentiable
  public static double g(double s) {
    return s * s;
  }

  /** y = h(s) = sin s, dy/ds = cos s. */
  @Differentiable
  public static double h(double s) {
    return Math.sin(s);
  }

  /** k(x, y) = x·e^y: ∂k/∂x = e^y, ∂k/∂y = x·e^y. */
  @Differentiable
  public static double k(double x, double y) {
    return x * Math.exp(y);
  }

  /** z = k(g(s), h(s)): two paths from s to z, one through x and one through y. */
  @Differentiable
  public static double z(double s) {
    double x = g(s);
    double y = h(s);
    return k(x, y);
  }

  /** The path through x: ∂k/∂x·dx/ds = e^y·2s. */
  static double byHandPathThroughX(double s) {
    return Math.exp(Math.sin(s)) * (2 * s);
  }

  /** The path through y: ∂k/∂y·dy/ds = x·e^y·cos s. */
  static double byHandPathThroughY(double s) {
    return s * s * Math.exp(Math.sin(s)) * Math.cos(s);
  }

  /** Prints dz/ds at a few s beside the sum of the two path products. */
  public static void run(PrintStream out) {
    ChainRuleCase2_Grad.Z frame = new ChainRuleCase2_Grad.Z();
    out.println("  z = k(x, y) = x·e^y with x = g(s) = s², y = h(s) = sin s");
    for (double s : new double[] {-1.0, 0.5, 2.0}) {
      double z = frame.valueAndGradient(s);
      double throughX = byHandPathThroughX(s);
      double throughY = byHandPathThroughY(s);
      out.printf(Locale.ROOT,
          "  s = %s: z = %.6f; path via x: ∂k/∂x·dx/ds = %.6f, path via y: ∂k/∂y·dy/ds = %.6f%n",
          Compare.number(s), z, throughX, throughY);
      Compare.line(out, "  dz/ds", frame.ds, "sum of both paths", throughX + throughY);
    }
  }

  /** Runs this example alone. */
  public static void main(String[] args) {
    run(System.out);
  }
}

package dev.tapeless.samples.seed;

import dev.tapeless.Differentiable;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Chain rule, case 1: {@code y = f(g(h(x)))} is the chain {@code u = h(x); v = g(u); y = f(v)},
 * so dy/dx = f'(v)·g'(u)·h'(x), the product of the local derivatives along the chain. Here h, g
 * and f are separate {@code @Differentiable} methods; the composed method just calls them, and
 * Tapeless chains their generated gradients.
 */
public final class ChainRuleCase1 {
  private ChainRuleCase1() {}

  /** h(x) = x², h'(x) = 2x. */
  @Differentiable
  public static double h(double x) {
    return x * x;
  }

  /** g(u) = sin u, g'(u) = cos u. */
  @Differentiable
  public static double g(double u) {
    return Math.sin(u);
  }

  /** f(v) = e^v, f'(v) = e^v. */
  @Differentiable
  public static double f(double v) {
    return Math.exp(v);
  }

  /** y = f(g(h(x))) = e^(sin x²), written as the chain of graph nodes. */
  @Differentiable
  public static double chain(double x) {
    double u = h(x);
    double v = g(u);
    return f(v);
  }

  /** dy/dx = f'(v)·g'(u)·h'(x) with u = x², v = sin u. */
  static double byHandDyDx(double x) {
    double u = x * x;
    double v = Math.sin(u);
    return Math.exp(v) * Math.cos(u) * (2 * x);
  }

  /** Prints dy/dx at a few x beside the product of the three local derivatives. */
  public static void run(PrintStream out) {
    ChainRuleCase1_Grad.Chain frame = new ChainRuleCase1_Grad.Chain();
    out.println("  y = f(g(h(x))) with h(x) = x², g(u) = sin u, f(v) = e^v");
    for (double x : new double[] {0.5, 1.0, 1.5}) {
      double y = frame.valueAndGradient(x);
      double u = x * x;
      double v = Math.sin(u);
      out.printf(Locale.ROOT, "  x = %s: u = %.6f, v = %.6f, y = %.6f%n",
          Compare.number(x), u, v, y);
      out.printf(Locale.ROOT, "    local derivatives: f'(v) = %.6f, g'(u) = %.6f, h'(x) = %.6f%n",
          Math.exp(v), Math.cos(u), 2 * x);
      Compare.line(out, "  dy/dx", frame.dx, "f'(v)·g'(u)·h'(x)", byHandDyDx(x));
    }
  }

  /** Runs this example alone. */
  public static void main(String[] args) {
    run(System.out);
  }
}

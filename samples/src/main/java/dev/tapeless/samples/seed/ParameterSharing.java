package dev.tapeless.samples.seed;

import dev.tapeless.Differentiable;
import java.io.PrintStream;

/**
 * Parameter sharing: in {@code y = x·e^(x²)} the variable x is used in two places, so its
 * derivative is the sum of the adjoints of both uses, dy/dx = e^(x²) + 2x²·e^(x²). The same rule,
 * applied across time steps of a recurrent net, is backpropagation through time.
 */
public final class ParameterSharing {
  private ParameterSharing() {}

  /** y = x·e^(x²): x is a factor and, through x², the exponent. */
  @Differentiable
  public static double y(double x) {
    return x * Math.exp(x * x);
  }

  /** dy/dx = e^(x²) (from the factor x) + x·e^(x²)·2x (from the exponent). */
  static double byHandDyDx(double x) {
    double ex2 = Math.exp(x * x);
    return ex2 + 2 * x * x * ex2;
  }

  /** Prints dy/dx at a few x beside the closed form. */
  public static void run(PrintStream out) {
    ParameterSharing_Grad.Y frame = new ParameterSharing_Grad.Y();
    out.println("  y = x·e^(x²), dy/dx by hand = e^(x²) + 2x²·e^(x²)");
    for (double x : new double[] {-1.0, 0.0, 0.5, 1.0, 1.5}) {
      double y = frame.valueAndGradient(x);
      out.println("  x = " + Compare.number(x) + ":");
      Compare.line(out, "  y", y, "x·e^(x²)", x * Math.exp(x * x));
      Compare.line(out, "  dy/dx", frame.dx, "e^(x²) + 2x²·e^(x²)", byHandDyDx(x));
    }
  }

  /** Runs this example alone. */
  public static void main(String[] args) {
    run(System.out);
  }
}

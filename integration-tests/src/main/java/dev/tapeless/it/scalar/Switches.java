package dev.tapeless.it.scalar;

import dev.tapeless.Differentiable;

/**
 * Switch statements and expressions: colon cases merged and ending in break, continue inside a
 * case, arrow cases, int and double switch expressions.
 */
public final class Switches {
  private Switches() {}

  @Differentiable
  public static double cases(double x, double y, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      switch (i % 4) {
        case 0:
          s += x * y;
          break;
        case 1:
        case 2:
          s = s * Math.sin(x) + y;
          if (s > 10) {
            continue;
          }
          s -= 0.5 * x;
          break;
        default:
          s += y * y;
      }
      int k = switch (i % 3) { case 0 -> 1; case 1 -> 2; default -> 3; };
      double w = switch (k) { case 1 -> x; case 2 -> y * y; default -> x * y + k; };
      s += w;
      switch (n) {
        case 5 -> s += 1;
        case 6 -> { s *= 1.01; }
        default -> { }
      }
    }
    return s;
  }
}

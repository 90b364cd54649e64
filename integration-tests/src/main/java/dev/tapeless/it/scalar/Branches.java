package dev.tapeless.it.scalar;

import dev.tapeless.Differentiable;

/** if/else, the ternary operator and early returns: the backward sweep replays the branch taken. */
public final class Branches {
  private Branches() {}

  @Differentiable
  public static double reluSquared(double x) {
    if (x > 0) {
      return x * x;
    }
    return -0.5 * x;
  }

  @Differentiable
  public static double ternary(double x, double y) {
    return x > y ? x * y : x + y;
  }

  @Differentiable
  public static double nestedTernary(double x) {
    return x < 0 ? -x : x < 1 ? x * x : 2 * x - 1;
  }

  /** A local declared without a value and assigned in every branch. */
  @Differentiable
  public static double nestedIfElse(double x, double y) {
    double r;
    if (x > 0) {
      if (y > 0) {
        r = x * y;
      } else {
        r = x - y;
      }
    } else {
      r = y * y;
    }
    return r * x;
  }

  @Differentiable
  public static double earlyReturns(double x, double y) {
    if (x < -1) {
      return -x * x;
    }
    if (x < 1) {
      if (y > 0) {
        return x * y;
      }
      return x + y * y;
    }
    double t = x * x;
    return t * y;
  }

  @Differentiable
  public static double elseIfChain(double x) {
    if (x < -1) {
      return Math.exp(x);
    } else if (x < 0) {
      return x * x * x;
    } else if (x < 1) {
      return Math.sin(x);
    } else {
      return Math.log(x) + 1;
    }
  }

  /** The condition depends on a value computed from both parameters. */
  @Differentiable
  public static double branchOnComputed(double x, double y) {
    double t = Math.sin(x) * y;
    if (t > 0.2) {
      t = t * t;
    } else {
      t = -t;
    }
    return t + x;
  }

  /** Two ifs without else that may both run: the second reads what the first wrote. */
  @Differentiable
  public static double ifWithoutElse(double x, double y) {
    double s = x + y;
    double r = 0;
    if (s > 1) {
      r = s * x;
    }
    if (s < 2) {
      r = r + s * y;
    }
    return r + s;
  }

  @Differentiable
  public static double reassignInBranch(double x, double y) {
    if (x > 0) {
      x = Math.log(x + 1);
    } else {
      x = x * x * x;
    }
    return x * y;
  }

  @Differentiable
  public static double intCondition(double x, int n) {
    if (n % 2 == 0) {
      return x * n;
    } else {
      return x / n;
    }
  }

  @Differentiable
  public static double booleanFlag(double x, double y, boolean negate) {
    double r = x * y;
    if (negate) {
      r = -r;
    }
    return r + x;
  }

  @Differentiable
  public static double shortCircuit(double x, double y, boolean either) {
    if (x > 0 && (y > 0 || either)) {
      return x * y + y;
    }
    return x - y;
  }

  @Differentiable
  public static double clamp(double x) {
    return Math.max(-1.0, Math.min(x, 1.0)) * x;
  }

  /** A cast to int decides the branch; the cast itself passes no derivative. */
  @Differentiable
  public static double castInCondition(double x, double y) {
    if ((int) x % 2 == 0) {
      return x * y;
    }
    return x + y;
  }

  /** The same local name declared in two sibling blocks. */
  @Differentiable
  public static double siblingScopes(double x, double y) {
    double r;
    if (x > 0) {
      double t = x * x;
      r = t;
    } else {
      double t = x + 1;
      r = t * y;
    }
    return r;
  }

  @Differentiable
  public static double booleanLocals(double x, double y) {
    boolean big = x > 1;
    boolean negative = !(y > 0) || x == y;
    if (big ^ negative) {
      return x * y;
    }
    return x - y;
  }
}

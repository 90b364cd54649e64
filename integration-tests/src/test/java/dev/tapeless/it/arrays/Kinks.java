package dev.tapeless.it.arrays;

import java.util.function.Consumer;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * The Hipparchus twins' comparisons, floor, ceil, rint, Java {@code %}, abs, min, max and hypot,
 * which also record how close the point is to where one of them switches.
 *
 * <p>Generated programs branch and round on values that depend on the inputs in ways that no
 * hand-written predicate keeps track of. Running the twin in a case's {@code smoothWhere} with
 * one of these keeps the sampled points, and the finite-difference steps around them, on one
 * side of every switch. Only quantities that vary with the inputs (a nonzero gradient) count: a
 * constant comparison such as {@code p < p} never switches.
 */
final class Kinks {

  /**
   * The smallest normalized distance a point must keep: 0.02 · (1 + slope) in the quantity's own
   * units is several times the largest finite-difference step, 2 · 1e-3 · max(1, |xᵢ|), for
   * inputs up to 3 in magnitude.
   */
  static final double MARGIN = 0.02;

  private double nearest = Double.POSITIVE_INFINITY;

  /** Whether {@code twin}, run on a fresh recorder, stays {@link #MARGIN} from every switch. */
  static boolean smooth(Consumer<Kinks> twin) {
    return smooth(MARGIN, twin);
  }

  /** Whether {@code twin}, run on a fresh recorder, stays {@code margin} from every switch. */
  static boolean smooth(double margin, Consumer<Kinks> twin) {
    Kinks k = new Kinks();
    twin.accept(k);
    return k.nearest > margin;
  }

  boolean lt(Gradient a, Gradient b) {
    zeroOf(a.subtract(b));
    return a.getValue() < b.getValue();
  }

  boolean lt(Gradient a, double b) {
    return lt(a, a.newInstance(b));
  }

  boolean le(Gradient a, Gradient b) {
    zeroOf(a.subtract(b));
    return a.getValue() <= b.getValue();
  }

  boolean gt(Gradient a, Gradient b) {
    zeroOf(a.subtract(b));
    return a.getValue() > b.getValue();
  }

  boolean gt(Gradient a, double b) {
    return gt(a, a.newInstance(b));
  }

  boolean ge(Gradient a, double b) {
    zeroOf(a.subtract(b));
    return a.getValue() >= b;
  }

  /** {@code Math.floor}: a constant, which jumps at the integers. */
  Gradient floor(Gradient x) {
    double v = x.getValue();
    record(x, Math.min(v - Math.floor(v), Math.ceil(v) - v));
    return x.newInstance(Math.floor(v));
  }

  /** {@code Math.ceil}: a constant, which jumps at the integers. */
  Gradient ceil(Gradient x) {
    double v = x.getValue();
    record(x, Math.min(v - Math.floor(v), Math.ceil(v) - v));
    return x.newInstance(Math.ceil(v));
  }

  /** {@code Math.rint}: a constant, which jumps halfway between the integers. */
  Gradient rint(Gradient x) {
    double v = x.getValue();
    record(x, Math.abs(Math.abs(v - Math.floor(v)) - 0.5));
    return x.newInstance(Math.rint(v));
  }

  /**
   * Java's {@code a % b} on doubles, the truncated remainder {@code a − b·trunc(a/b)} with trunc
   * on the values (Hipparchus' remainder is IEEE's, rounded to nearest). It jumps where a/b
   * crosses a nonzero integer.
   */
  Gradient rem(Gradient a, Gradient b) {
    Gradient q = a.divide(b);
    double v = Math.abs(q.getValue());
    record(q, v < 1 ? 1 - v : Math.abs(v - Math.rint(v)));
    double trunc = q.getValue() < 0 ? Math.ceil(q.getValue()) : Math.floor(q.getValue());
    return a.subtract(b.multiply(trunc));
  }

  Gradient rem(Gradient a, double b) {
    return rem(a, a.newInstance(b));
  }

  /** {@code Math.abs}: a kink at 0. */
  Gradient abs(Gradient x) {
    zeroOf(x);
    return x.getValue() < 0 ? x.negate() : x;
  }

  /** {@code Math.min}: the first on ties, as Java's. */
  Gradient min(Gradient a, Gradient b) {
    zeroOf(a.subtract(b));
    return a.getValue() <= b.getValue() ? a : b;
  }

  /** {@code Math.max}: the first on ties, as Java's. */
  Gradient max(Gradient a, Gradient b) {
    zeroOf(a.subtract(b));
    return a.getValue() >= b.getValue() ? a : b;
  }

  /** {@code Math.hypot}: a cone at the origin. */
  Gradient hypot(Gradient a, Gradient b) {
    Gradient h = a.hypot(b);
    zeroOf(h);
    return h;
  }

  private void zeroOf(Gradient q) {
    record(q, Math.abs(q.getValue()));
  }

  /** Records a switch {@code distance} away in q's units, normalized by q's steepest slope. */
  private void record(Gradient q, double distance) {
    double slope = 0;
    for (double g : q.getGradient()) {
      slope = Math.max(slope, Math.abs(g));
    }
    if (slope > 0) {
      nearest = Math.min(nearest, distance / (1 + slope));
    }
  }

  /**
   * Variables for a twin run outside {@link ArrayCase} (in a smoothWhere): one free parameter per
   * element of the differentiated arguments.
   */
  static final class Variables {
    private final Object[] variables;

    /** Variables for the arguments at {@code active}; the others stay plain. */
    Variables(Args args, int... active) {
      int free = 0;
      for (int i : active) {
        free += Flatten.size(args.get(i));
      }
      variables = new Object[args.size()];
      int k = 0;
      for (int i : active) {
        Object v = args.get(i);
        if (v instanceof Double d) {
          variables[i] = Gradient.variable(free, k++, d);
        } else if (v instanceof double[] vec) {
          Gradient[] g = new Gradient[vec.length];
          for (int e = 0; e < vec.length; e++) {
            g[e] = Gradient.variable(free, k++, vec[e]);
          }
          variables[i] = g;
        } else {
          double[][] m = (double[][]) v;
          Gradient[][] g = new Gradient[m.length][];
          for (int r = 0; r < m.length; r++) {
            g[r] = new Gradient[m[r].length];
            for (int c = 0; c < m[r].length; c++) {
              g[r][c] = Gradient.variable(free, k++, m[r][c]);
            }
          }
          variables[i] = g;
        }
      }
    }

    Gradient x(int i) {
      return (Gradient) variables[i];
    }

    Gradient[] vec(int i) {
      return (Gradient[]) variables[i];
    }

    Gradient[][] mat(int i) {
      return (Gradient[][]) variables[i];
    }
  }
}

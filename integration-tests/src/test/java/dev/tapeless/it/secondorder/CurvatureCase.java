package dev.tapeless.it.secondorder;

import dev.tapeless.it.arrays.Flatten;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * A function of {@link Curvatures} with its twin in Hipparchus
 * {@code DerivativeStructure}s of order 2: an independent second-order implementation, exact up
 * to rounding. The corpora's twins are written against {@code Gradient}, which carries first
 * derivatives only, hence this separate, smaller set.
 *
 * <p>The twin decides its branches through {@link Vars#gt} and its relatives, which record how
 * close the point is to a switch; sampling keeps only points whose finite-difference stencils
 * stay on one side of every switch.
 */
final class CurvatureCase {

  /** How many random points each check visits. */
  private static final int POINTS = 5;

  /**
   * The distance a point keeps from every switch, in the switching quantity's units divided by
   * 1 + its slope: several times the largest finite-difference step for inputs up to 3.
   */
  private static final double MARGIN = 0.02;

  /** Samples one argument. */
  @FunctionalInterface
  interface Spec {
    Object sample(Random random);
  }

  /** A parameter: whether it is differentiated, and how to sample it. */
  record Param(boolean differentiated, Spec spec) {}

  private final Subject subject;
  private final Param[] params;
  private final Function<Vars, DerivativeStructure> twin;

  private CurvatureCase(String name, Param[] params, Supplier<Object> newFrame,
      Function<Object, double[]> gradient, Function<Vars, DerivativeStructure> twin) {
    this.params = params;
    this.twin = twin;
    this.subject = new Subject(name, newFrame, gradient, this::points);
  }

  /**
   * A case: {@code gradient} reads the frame's {@code d*} fields in declaration order, as the
   * corpora's lambdas do.
   */
  @SuppressWarnings("unchecked")
  static <G> CurvatureCase of(String name, Supplier<G> newFrame,
      Function<G, double[]> gradient, Function<Vars, DerivativeStructure> twin,
      Param... params) {
    return new CurvatureCase(name, params, newFrame::get,
        frame -> gradient.apply((G) frame), twin);
  }

  static Param real(double lo, double hi) {
    return new Param(true, r -> uniform(r, lo, hi));
  }

  static Param passive(double lo, double hi) {
    return new Param(false, r -> uniform(r, lo, hi));
  }

  static Param integer(int lo, int hi) {
    return new Param(false, r -> lo + r.nextInt(hi - lo + 1));
  }

  /** A vector of a length drawn from {@code [minLength, maxLength]} at each point. */
  static Param vector(int minLength, int maxLength, double lo, double hi) {
    return new Param(true,
        r -> vec(r, minLength + r.nextInt(maxLength - minLength + 1), lo, hi));
  }

  static Param passiveVector(int length, double lo, double hi) {
    return new Param(false, r -> vec(r, length, lo, hi));
  }

  static Param matrix(int rows, int cols, double lo, double hi) {
    return new Param(true, r -> {
      double[][] m = new double[rows][];
      for (int i = 0; i < rows; i++) {
        m[i] = vec(r, cols, lo, hi);
      }
      return m;
    });
  }

  /** Rows of lengths drawn from {@code [0, maxLength]}, empty rows included. */
  static Param jagged(int rows, int maxLength, double lo, double hi) {
    return new Param(true, r -> {
      double[][] m = new double[rows][];
      for (int i = 0; i < rows; i++) {
        m[i] = vec(r, r.nextInt(maxLength + 1), lo, hi);
      }
      return m;
    });
  }

  private static double uniform(Random r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  private static double[] vec(Random r, int n, double lo, double hi) {
    return r.doubles(n, lo, hi).toArray();
  }

  Subject subject() {
    return subject;
  }

  @Override
  public String toString() {
    return subject.name();
  }

  /** Seeded by the name; only points the twin finds {@link #MARGIN} from every switch. */
  private List<Point> points() {
    Random random = new Random(subject.name().hashCode());
    List<Point> points = Stream.generate(() -> sample(random)).limit(10_000)
        .filter(this::awayFromSwitches).limit(POINTS).toList();
    if (points.size() < POINTS) {
      throw new IllegalStateException(subject + ": only " + points.size() + " smooth points");
    }
    return points;
  }

  private Point sample(Random random) {
    Object[] values = new Object[params.length];
    boolean[] differentiated = new boolean[params.length];
    for (int i = 0; i < params.length; i++) {
      values[i] = params[i].spec().sample(random);
      differentiated[i] = params[i].differentiated();
    }
    return new Point(values, differentiated);
  }

  private boolean awayFromSwitches(Point p) {
    Vars vars = new Vars(p);
    twin.apply(vars);
    return vars.nearest > MARGIN;
  }

  /** The twin's value and second derivatives: {@code [0][0]} the value, then the Hessian. */
  double[][] twinHessian(Point p) {
    Vars vars = new Vars(p);
    DerivativeStructure f = twin.apply(vars);
    int n = vars.free;
    double[][] out = new double[n + 1][];
    out[0] = new double[] {f.getValue()};
    for (int a = 0; a < n; a++) {
      out[a + 1] = new double[n];
      for (int b = 0; b < n; b++) {
        int[] orders = new int[n];
        orders[a]++;
        orders[b]++;
        out[a + 1][b] = f.getPartialDerivative(orders);
      }
    }
    return out;
  }

  /**
   * The arguments as the twin sees them: each differentiated element one free variable of
   * order 2, in the order the Hessian flattens them; everything else a constant.
   */
  static final class Vars {
    private final Point point;
    private final DSFactory factory;
    private final Object[] variables;
    private final int free;
    private double nearest = Double.POSITIVE_INFINITY;

    private Vars(Point point) {
      this.point = point;
      double[] x = point.x();
      this.free = x.length;
      this.factory = new DSFactory(free, 2);
      DerivativeStructure[] all = new DerivativeStructure[free];
      for (int k = 0; k < free; k++) {
        all[k] = factory.variable(k, x[k]);
      }
      this.variables = new Object[point.parameterCount()];
      int at = 0;
      for (int i = 0; i < variables.length; i++) {
        if (point.isDifferentiated(i)) {
          Object v = point.value(i);
          variables[i] = v instanceof Double ? all[at]
              : v instanceof double[] vec ? Arrays.copyOfRange(all, at, at + vec.length)
              : rows(all, at, (double[][]) v);
          at += Flatten.size(v);
        }
      }
    }

    /** The variables from {@code from} on, cut into rows of {@code shape}'s lengths. */
    private static DerivativeStructure[][] rows(DerivativeStructure[] all, int from,
        double[][] shape) {
      DerivativeStructure[][] m = new DerivativeStructure[shape.length][];
      for (int r = 0; r < shape.length; r++) {
        m[r] = Arrays.copyOfRange(all, from, from + shape[r].length);
        from += shape[r].length;
      }
      return m;
    }

    DerivativeStructure x(int i) {
      return (DerivativeStructure) variables[i];
    }

    DerivativeStructure[] vec(int i) {
      return (DerivativeStructure[]) variables[i];
    }

    DerivativeStructure[][] mat(int i) {
      return (DerivativeStructure[][]) variables[i];
    }

    /** A parameter that is not differentiated. */
    double d(int i) {
      return (Double) point.value(i);
    }

    double[] dvec(int i) {
      return (double[]) point.value(i);
    }

    int n(int i) {
      return (Integer) point.value(i);
    }

    DerivativeStructure constant(double c) {
      return factory.constant(c);
    }

    /** {@code a > b}, recording how far the point is from where that switches. */
    boolean gt(DerivativeStructure a, DerivativeStructure b) {
      record(a.subtract(b));
      return a.getValue() > b.getValue();
    }

    boolean gt(DerivativeStructure a, double b) {
      return gt(a, constant(b));
    }

    boolean lt(DerivativeStructure a, double b) {
      return gt(constant(b), a);
    }

    DerivativeStructure abs(DerivativeStructure a) {
      return gt(a, 0) ? a : a.negate();
    }

    /** Math.max's rule: the first argument on ties. */
    DerivativeStructure max(DerivativeStructure a, DerivativeStructure b) {
      return gt(b, a) ? b : a;
    }

    /** Math.min's rule: the first argument on ties. */
    DerivativeStructure min(DerivativeStructure a, DerivativeStructure b) {
      return gt(a, b) ? b : a;
    }

    /** Math.floor: a constant, which jumps at the integers. */
    DerivativeStructure floor(DerivativeStructure a) {
      return step(a, 0, Math.floor(a.getValue()));
    }

    DerivativeStructure ceil(DerivativeStructure a) {
      return step(a, 0, Math.ceil(a.getValue()));
    }

    /** Math.rint: a constant, which jumps halfway between the integers. */
    DerivativeStructure rint(DerivativeStructure a) {
      return step(a, 0.5, Math.rint(a.getValue()));
    }

    /** Math.signum: a constant, which jumps at 0. */
    DerivativeStructure signum(DerivativeStructure a) {
      record(a);
      return constant(Math.signum(a.getValue()));
    }

    /** The constant {@code value}, recording how far {@code a} is from {@code offset + k}. */
    private DerivativeStructure step(DerivativeStructure a, double offset, double value) {
      record(a.subtract(Math.rint(a.getValue() - offset) + offset));
      return constant(value);
    }

    /** Java's {@code a % b}: {@code a - b·trunc(a / b)}, switching where a / b is an integer. */
    DerivativeStructure rem(DerivativeStructure a, DerivativeStructure b) {
      DerivativeStructure q = a.divide(b);
      record(q.subtract(Math.rint(q.getValue())));
      double k = q.getValue() < 0 ? Math.ceil(q.getValue()) : Math.floor(q.getValue());
      return a.subtract(b.multiply(k));
    }

    private void record(DerivativeStructure difference) {
      double slope = 0;
      for (int k = 0; k < free; k++) {
        int[] orders = new int[free];
        orders[k] = 1;
        slope += Math.abs(difference.getPartialDerivative(orders));
      }
      if (slope > 0) {
        nearest = Math.min(nearest, Math.abs(difference.getValue()) / (1 + slope));
      }
    }
  }
}

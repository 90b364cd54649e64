package dev.tapeless.fuzz.twin;

import java.lang.reflect.Array;
import org.hipparchus.analysis.differentiation.DSCompiler;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.Derivative;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * What twin code needs besides Hipparchus: constants with the right number of free parameters,
 * the operations whose Java semantics Hipparchus does not share (double {@code %} is a truncated
 * remainder, casts truncate, max/min/abs pick an operand by value), and the margins.
 *
 * <p>Twins are generic over the number type {@code T}: {@link #gradient} gives first
 * derivatives (Hipparchus {@code Gradient}), {@link #secondOrder} first and second
 * ({@code DerivativeStructure} of order 2, whose second partials are the Hessian). Both run the
 * same twin code and take every decision on values, so they follow the same path.
 *
 * <p>A margin says how far a point is from a place where the program is not differentiable: a
 * comparison of active values about to flip, an abs or max at its kink, a floor at a jump, a
 * sqrt at 0, an asin at ±1. Each is relative: the distance divided by max(1, |values|). Only
 * operands that depend on the inputs at this point (a non-zero gradient) count: a tie between
 * constants cannot flip. The checker rejects a point whose smallest margin is below its
 * threshold and draws another.
 *
 * @param <T> the twin's number type
 */
public final class Ctx<T extends Derivative<T>> {
  /** How numbers of one type are made and read. */
  private interface Algebra<T> {
    T constant(double v);

    T variable(int i, double v);

    /** The first partial derivatives. */
    double[] gradient(T x);

    Class<T> type();
  }

  private final int n;
  private final Algebra<T> algebra;
  private double minMargin = Double.POSITIVE_INFINITY;
  private String minWhat = "";
  /** The largest and the smallest non-zero magnitude of an operation's value. */
  private double largest;
  private double smallest = Double.POSITIVE_INFINITY;

  /** Whether values are StrictMath's; the strict view forwards its margins to its parent. */
  private final boolean strict;
  private final Ctx<T> parent;
  private Ctx<T> strictView;

  private Ctx(int freeParameters, Algebra<T> algebra) {
    this.n = freeParameters;
    this.algebra = algebra;
    this.strict = false;
    this.parent = null;
  }

  private Ctx(Ctx<T> parent) {
    this.n = parent.n;
    this.algebra = parent.algebra;
    this.strict = true;
    this.parent = parent;
  }

  /** A context for first-order twins of functions of {@code freeParameters} inputs. */
  public static Ctx<Gradient> gradient(int freeParameters) {
    return new Ctx<>(freeParameters, new Algebra<Gradient>() {
      @Override
      public Gradient constant(double v) {
        return Gradient.constant(freeParameters, v);
      }

      @Override
      public Gradient variable(int i, double v) {
        return Gradient.variable(freeParameters, i, v);
      }

      @Override
      public double[] gradient(Gradient x) {
        return x.getGradient();
      }

      @Override
      public Class<Gradient> type() {
        return Gradient.class;
      }
    });
  }

  /**
   * A context for second-order twins: {@code DerivativeStructure}s of order 2 over
   * {@code freeParameters} inputs ({@code DSFactory(n, 2)}).
   */
  public static Ctx<DerivativeStructure> secondOrder(int freeParameters) {
    DSFactory factory = new DSFactory(freeParameters, 2);
    int[] first = new int[freeParameters];
    for (int i = 0; i < freeParameters; i++) {
      int[] orders = new int[freeParameters];
      orders[i] = 1;
      first[i] = factory.getCompiler().getPartialDerivativeIndex(orders);
    }
    return new Ctx<>(freeParameters, new Algebra<DerivativeStructure>() {
      @Override
      public DerivativeStructure constant(double v) {
        return factory.constant(v);
      }

      @Override
      public DerivativeStructure variable(int i, double v) {
        return factory.variable(i, v);
      }

      @Override
      public double[] gradient(DerivativeStructure x) {
        double[] all = x.getAllDerivatives();
        double[] g = new double[first.length];
        for (int i = 0; i < g.length; i++) {
          g[i] = all[first[i]];
        }
        return g;
      }

      @Override
      public Class<DerivativeStructure> type() {
        return DerivativeStructure.class;
      }
    });
  }

  /** The Hessian of {@code x}: its second partial derivatives, a symmetric matrix. */
  public static double[][] hessian(DerivativeStructure x) {
    int n = x.getFreeParameters();
    DSCompiler compiler = x.getFactory().getCompiler();
    double[] all = x.getAllDerivatives();
    double[][] h = new double[n][n];
    int[] orders = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        orders[i]++;
        orders[j]++;
        h[i][j] = all[compiler.getPartialDerivativeIndex(orders)];
        h[j][i] = h[i][j];
        orders[i]--;
        orders[j]--;
      }
    }
    return h;
  }

  /** The same context computing values as {@code StrictMath} does, for its calls' twins. */
  public Ctx<T> strict() {
    if (parent != null) {
      return this;
    }
    if (strictView == null) {
      strictView = new Ctx<>(this);
    }
    return strictView;
  }

  public int freeParameters() {
    return n;
  }

  /** The smallest margin met so far (+∞ when none). */
  public double minMargin() {
    return minMargin;
  }

  /** Which operation had the smallest margin. */
  public String minWhat() {
    return minWhat;
  }

  /**
   * The largest magnitude an arithmetic operation or Math function produced (0 when none):
   * a float program overflows where this is beyond float range, though the result may not be.
   */
  public double largest() {
    return parent != null ? parent.largest() : largest;
  }

  /**
   * The smallest non-zero such magnitude (+∞ when none): below float's normal range a float
   * program loses the precision the double one keeps.
   */
  public double smallestNonZero() {
    return parent != null ? parent.smallestNonZero() : smallest;
  }

  private void magnitude(double v) {
    if (parent != null) {
      parent.magnitude(v);
      return;
    }
    double a = Math.abs(v);
    largest = Math.max(largest, a);
    if (a > 0.0) {
      smallest = Math.min(smallest, a);
    }
  }

  /** A constant. */
  public T k(double v) {
    return algebra.constant(v);
  }

  /** The i-th input, with value v. */
  public T variable(int i, double v) {
    return algebra.variable(i, v);
  }

  /** The first partial derivatives of {@code x}. */
  public double[] gradient(T x) {
    return algebra.gradient(x);
  }

  /** An array of nulls, of the number type's own array class. */
  @SuppressWarnings("unchecked")
  public T[] newArray(int length) {
    return (T[]) Array.newInstance(algebra.type(), length);
  }

  /** An array of null rows. */
  @SuppressWarnings("unchecked")
  public T[][] newMatrix(int rows) {
    return (T[][]) Array.newInstance(algebra.type().arrayType(), rows);
  }

  /**
   * {@code {a, b}}: a new array of these numbers, as a Java array initializer makes (a list,
   * since a generic method cannot make an array of {@code T} itself).
   */
  public T[] array(java.util.List<T> elements) {
    T[] a = newArray(elements.size());
    for (int i = 0; i < a.length; i++) {
      a[i] = elements.get(i);
    }
    return a;
  }

  public T[] zeros(int length) {
    T[] a = newArray(length);
    T zero = k(0.0);
    java.util.Arrays.fill(a, zero);
    return a;
  }

  public T[][] zeros(int rows, int columns) {
    T[][] a = newMatrix(rows);
    for (int i = 0; i < rows; i++) {
      a[i] = zeros(columns);
    }
    return a;
  }

  // ---------------------------------------------------------------- margins

  boolean active(T g) {
    for (double d : gradient(g)) {
      if (d != 0.0) {
        return true;
      }
    }
    return false;
  }

  /** Records a margin already made relative. */
  void note(double margin, String what) {
    if (parent != null) {
      parent.note(margin, what);
      return;
    }
    double m = Double.isNaN(margin) ? 0.0 : margin;
    if (m < minMargin) {
      minMargin = m;
      minWhat = what;
    }
  }

  private void distance(double distance, double scale, String what) {
    note(Math.abs(distance) / Math.max(1.0, Math.abs(scale)), what);
  }

  /**
   * A comparison (or max/min) of two values. Equal values with equal gradients are a
   * structural tie ({@code v <= v}): no perturbation separates them, so they count as far.
   */
  private void compared(T a, T b, String what) {
    if (a.getValue() == b.getValue()
        && java.util.Arrays.equals(gradient(a), gradient(b))) {
      return;
    }
    if (active(a) || active(b)) {
      double x = a.getValue();
      double y = b.getValue();
      note(Math.abs(x - y) / Math.max(1.0, Math.max(Math.abs(x), Math.abs(y))), what);
    }
  }

  /** Distance from v to the nearest point where truncation to an integer jumps. */
  static double truncationDistance(double v) {
    double a = Math.abs(v);
    if (a < 1.0) {
      return 1.0 - a;
    }
    return Math.abs(a - Math.rint(a));
  }

  // ---------------------------------------------------------------- comparisons

  public boolean lt(T a, T b) {
    compared(a, b, "<");
    return a.getValue() < b.getValue();
  }

  public boolean le(T a, T b) {
    compared(a, b, "<=");
    return a.getValue() <= b.getValue();
  }

  public boolean gt(T a, T b) {
    compared(a, b, ">");
    return a.getValue() > b.getValue();
  }

  public boolean ge(T a, T b) {
    compared(a, b, ">=");
    return a.getValue() >= b.getValue();
  }

  public boolean eq(T a, T b) {
    compared(a, b, "==");
    return a.getValue() == b.getValue();
  }

  public boolean ne(T a, T b) {
    compared(a, b, "!=");
    return a.getValue() != b.getValue();
  }

  // ---------------------------------------------------------------- kinks and jumps

  public T abs(T x) {
    if (active(x)) {
      distance(x.getValue(), x.getValue(), "abs");
    }
    return x.getValue() < 0 ? x.negate() : x;
  }

  /** Math.max: the first operand on ties, as Tapeless documents. */
  public T max(T a, T b) {
    compared(a, b, "max");
    return a.getValue() >= b.getValue() ? a : b;
  }

  public T min(T a, T b) {
    compared(a, b, "min");
    return a.getValue() <= b.getValue() ? a : b;
  }

  public T signum(T x) {
    if (active(x)) {
      distance(x.getValue(), x.getValue(), "signum");
    }
    return k(Math.signum(x.getValue()));
  }

  public T floor(T x) {
    if (active(x)) {
      distance(x.getValue() - Math.rint(x.getValue()), x.getValue(), "floor");
    }
    return k(Math.floor(x.getValue()));
  }

  public T ceil(T x) {
    if (active(x)) {
      distance(x.getValue() - Math.rint(x.getValue()), x.getValue(), "ceil");
    }
    return k(Math.ceil(x.getValue()));
  }

  /** rint jumps half-way between integers. */
  public T rint(T x) {
    if (active(x)) {
      double v = x.getValue();
      distance(v - (Math.floor(v) + 0.5), v, "rint");
    }
    return k(Math.rint(x.getValue()));
  }

  /** {@code (int) x}: truncation, jumping at every non-zero integer. */
  public int toInt(T x) {
    if (active(x)) {
      distance(truncationDistance(x.getValue()), x.getValue(), "(int)");
    }
    return (int) x.getValue();
  }

  public long toLong(T x) {
    if (active(x)) {
      distance(truncationDistance(x.getValue()), x.getValue(), "(long)");
    }
    return (long) x.getValue();
  }

  /**
   * Java's {@code a % b} on doubles: {@code a - b * q} with {@code q = trunc(a / b)} taken on
   * values (Hipparchus' {@code remainder} is the IEEE one, which rounds q instead). The value
   * is Java's own, exact.
   */
  public T rem(T a, T b) {
    double r = a.getValue() % b.getValue();
    double q = Math.rint((a.getValue() - r) / b.getValue());
    if (active(a) || active(b)) {
      double ratio = a.getValue() / b.getValue();
      distance(truncationDistance(ratio), 1.0, "%");
      distance(b.getValue(), 1.0, "% by ~0");
    }
    return a.subtract(b.multiply(q)).withValue(r);
  }

  /**
   * A value that overflowed (or became NaN) makes the point unusable: the method may not use
   * it, but reverse mode multiplies its zero adjoint by an infinite partial, as every AD tool
   * does (Tapeless guards only the partials that are singular at finite values, see
   * docs/architecture.md), while the twin's forward tangents never meet it.
   */
  private T checked(T r, String what) {
    if (!Double.isFinite(r.getValue())) {
      note(0.0, what + " overflow");
    }
    magnitude(r.getValue());
    return r;
  }

  public T add(T a, T b) {
    return checked(a.add(b), "+");
  }

  public T sub(T a, T b) {
    return checked(a.subtract(b), "-");
  }

  public T mul(T a, T b) {
    return checked(product(a, b), "*");
  }

  /**
   * {@code a * b} with Java's value, to the sign of a zero: {@code DerivativeStructure} sums its
   * product into +0.0, so that its {@code 0 * -0.98} is +0.0, which {@code atan2} tells apart
   * (seed 42). Gradient's product is already Java's.
   */
  public T product(T a, T b) {
    T r = a.multiply(b);
    double v = a.getValue() * b.getValue();
    return Double.doubleToRawLongBits(r.getValue()) == Double.doubleToRawLongBits(v) ? r
        : r.withValue(v);
  }

  /**
   * {@code a / b} with Java's value: Hipparchus computes {@code a * (1 / b)}, an ulp away, which
   * chaotic programs (a remainder of a large product) amplify into a different value.
   */
  public T div(T a, T b) {
    return checked(a.divide(b).withValue(a.getValue() / b.getValue()), "/");
  }

  /**
   * A smooth function of one argument with the value {@code Math} gives: Hipparchus evaluates
   * with FastMath, which may differ in the last place.
   */
  public T smooth(String fn, T x) {
    double v = value(fn, x.getValue());
    T r = switch (fn) {
      case "exp" -> x.exp();
      case "log" -> x.log();
      case "log10" -> x.log10();
      case "log1p" -> x.log1p();
      case "expm1" -> x.expm1();
      case "sin" -> x.sin();
      case "cos" -> x.cos();
      case "tan" -> x.tan();
      case "atan" -> x.atan();
      case "sinh" -> x.sinh();
      case "cosh" -> x.cosh();
      case "tanh" -> x.tanh();
      case "toRadians" -> x.toRadians();
      case "toDegrees" -> x.toDegrees();
      default -> throw new IllegalArgumentException("no twin for Math." + fn);
    };
    return checked(r.withValue(v), fn);
  }

  /** {@code Math.fn(v)}, or {@code StrictMath.fn(v)} in the strict view: the method's value. */
  private double value(String fn, double v) {
    return switch (fn) {
      case "exp" -> strict ? StrictMath.exp(v) : Math.exp(v);
      case "log" -> strict ? StrictMath.log(v) : Math.log(v);
      case "log10" -> strict ? StrictMath.log10(v) : Math.log10(v);
      case "log1p" -> strict ? StrictMath.log1p(v) : Math.log1p(v);
      case "expm1" -> strict ? StrictMath.expm1(v) : Math.expm1(v);
      case "sin" -> strict ? StrictMath.sin(v) : Math.sin(v);
      case "cos" -> strict ? StrictMath.cos(v) : Math.cos(v);
      case "tan" -> strict ? StrictMath.tan(v) : Math.tan(v);
      case "atan" -> strict ? StrictMath.atan(v) : Math.atan(v);
      case "sinh" -> strict ? StrictMath.sinh(v) : Math.sinh(v);
      case "cosh" -> strict ? StrictMath.cosh(v) : Math.cosh(v);
      case "tanh" -> strict ? StrictMath.tanh(v) : Math.tanh(v);
      case "toRadians" -> strict ? StrictMath.toRadians(v) : Math.toRadians(v);
      case "toDegrees" -> strict ? StrictMath.toDegrees(v) : Math.toDegrees(v);
      case "sqrt" -> strict ? StrictMath.sqrt(v) : Math.sqrt(v);
      case "cbrt" -> strict ? StrictMath.cbrt(v) : Math.cbrt(v);
      case "asin" -> strict ? StrictMath.asin(v) : Math.asin(v);
      case "acos" -> strict ? StrictMath.acos(v) : Math.acos(v);
      default -> throw new IllegalArgumentException("no value for Math." + fn);
    };
  }

  private double value(String fn, double a, double b) {
    return switch (fn) {
      case "pow" -> strict ? StrictMath.pow(a, b) : Math.pow(a, b);
      case "hypot" -> strict ? StrictMath.hypot(a, b) : Math.hypot(a, b);
      case "atan2" -> strict ? StrictMath.atan2(a, b) : Math.atan2(a, b);
      default -> throw new IllegalArgumentException("no value for Math." + fn);
    };
  }

  // ---------------------------------------------------------------- singular points

  public T sqrt(T x) {
    if (active(x)) {
      distance(x.getValue(), x.getValue(), "sqrt");
    }
    return x.sqrt().withValue(value("sqrt", x.getValue()));
  }

  public T cbrt(T x) {
    if (active(x)) {
      distance(x.getValue(), x.getValue(), "cbrt");
    }
    return x.cbrt().withValue(value("cbrt", x.getValue()));
  }

  public T asin(T x) {
    if (active(x)) {
      distance(1.0 - Math.abs(x.getValue()), 1.0, "asin");
    }
    return x.asin().withValue(value("asin", x.getValue()));
  }

  public T acos(T x) {
    if (active(x)) {
      distance(1.0 - Math.abs(x.getValue()), 1.0, "acos");
    }
    return x.acos().withValue(value("acos", x.getValue()));
  }

  /**
   * pow with a constant exponent uses {@code x.pow(p)} (defined for negative bases with integer
   * exponents); with an active exponent the base is positive by construction.
   */
  public T pow(T base, T exponent) {
    double p = exponent.getValue();
    if (!active(exponent)) {
      boolean smoothAtZero = p == Math.rint(p) && p >= 1.0;
      if (active(base) && !smoothAtZero) {
        distance(base.getValue(), base.getValue(), "pow base");
      }
      return checked(base.pow(p).withValue(value("pow", base.getValue(), p)), "pow");
    }
    if (active(base)) {
      distance(base.getValue(), base.getValue(), "pow base");
    }
    return checked(base.pow(exponent).withValue(value("pow", base.getValue(), p)), "pow");
  }

  public T hypot(T x, T y) {
    if (active(x) || active(y)) {
      distance(Math.hypot(x.getValue(), y.getValue()), 1.0, "hypot");
    }
    return x.hypot(y).withValue(value("hypot", x.getValue(), y.getValue()));
  }

  /** atan2 is singular at the origin and jumps across the negative x axis. */
  public T atan2(T y, T x) {
    if (active(x) || active(y)) {
      distance(Math.hypot(x.getValue(), y.getValue()), 1.0, "atan2");
      if (x.getValue() < 0) {
        distance(y.getValue(), x.getValue(), "atan2 cut");
      }
    }
    return y.atan2(x).withValue(value("atan2", y.getValue(), x.getValue()));
  }

  /** {@code Math.max(z, 0.0)} (relu). */
  public T relu(T z) {
    if (active(z)) {
      distance(z.getValue(), z.getValue(), "relu");
    }
    return z.getValue() >= 0.0 ? z : k(0.0);
  }
}

package dev.tapeless.fuzz.run;

import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Records;
import dev.tapeless.fuzz.ast.Ty;
import dev.tapeless.fuzz.print.FloatPrinter;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Checks a method's float version (the same AST printed by {@link FloatPrinter}) at the points
 * where its double version passed, which are float values: its frame's value, gradient,
 * {@code accumulate}, {@code zero}, {@code pullback}, {@code jacobian}, {@code jvp} and, where
 * the double method has them, {@code hvp} and {@code hessian}, against the double program's
 * numbers there (the twin's, which the double frame matched), to float precision.
 *
 * <p>Float rounding alone may change the answer of an ill-conditioned program; such a point is
 * skipped, not failed: when the twin came within {@link #MARGIN} of a kink (a float error could
 * take the other branch), when an intermediate value is out of float's normal range, when the
 * float method's own value (plain javac, no Tapeless) differs from the double one by more than
 * {@link #VALUE_TOLERANCE}, or when the twin's derivatives move by more than a tenth of their
 * tolerance as the inputs move by {@link #PROBE} (steep, oscillating programs: a derivative
 * amplifies rounding by its own derivative, which a value check does not see). A wrong
 * derivative is typically off by O(1), far beyond the tolerances here.
 */
public final class FloatChecker {
  /** A twin margin to a kink below this is too close for float: its value may flip. */
  public static final double MARGIN = 1e-3;
  /**
   * The float method's value (and outputs) must agree with the double ones this closely
   * (relative, at least 1 as scale) for a point to be checked: float's 6e-8 amplified about 80
   * times at most. Derivatives can be far worse conditioned than the value: seed 2802, G39.m38,
   * {@code c += (t - c) * (c * p)} with {@code p} turning negative, where {@code c = t} is a
   * fixed point that repels; float's {@code c} lands on it exactly, double's stays off it and
   * moves away by 4 times per step. The value differed by 9.8e-5, the gradient by 2.8e-3 in
   * reverse and 1.7e-2 in forward mode (both exactly the float recurrence's own derivative),
   * so at the former 1e-4 the point was checked and failed.
   */
  public static final double VALUE_TOLERANCE = 5e-6;
  /**
   * A float frame's value (and outputs) must be this close to the double value, or
   * {@link #SAME_VALUE_TOLERANCE} to the float method's: a wrong primal is far off both.
   */
  static final double FRAME_VALUE_TOLERANCE = 1e-3;
  static final double SAME_VALUE_TOLERANCE = 1e-5;
  /**
   * A gradient, jvp or pullback component must be within this of the double one, relative to
   * the larger of its own magnitude and the vector's largest component (adjoints cancel in
   * float as in double, see {@link MethodChecker#NORMWISE_TOLERANCE}).
   */
  public static final double GRADIENT_TOLERANCE = 1e-3;
  /**
   * The same for hvp and hessian: second derivatives of a float program are its first ones
   * differentiated again at rounded values, so the rounding of the first derivatives is
   * amplified once more (by the third derivatives); 10 times the first-order tolerance.
   */
  public static final double HVP_TOLERANCE = 1e-2;
  /**
   * A scale below which nothing is relative any more (a derivative that is 0 in double): terms
   * of order 1 that cancel leave a float program their rounding, a few 1e-8 (CI seed, G27.m23
   * and G36.m2: 2.1e-8 and 1.3e-8 where the double derivative is 0, e.g. {@code b + |b|}), up
   * to an ulp of the terms: seed 2323, G60.m31, {@code -1.34 + 0.53 + 0.81} summed in float is
   * -1.19e-7, one ulp of 1.34. With this floor a derivative that is 0 in double may be 1e-6
   * (eight such ulps) in float; a wrong one is off by the size of its terms.
   */
  static final double FLOOR = 1e-3;
  /**
   * For second derivatives, the scale is at least this fraction of the gradient's largest
   * component: where the double Hessian is 0 the float one keeps the rounding of terms that
   * cancel, of the gradient's size (seed 20240521, G6.m20: 1.1e-8 with a gradient of order 1).
   */
  static final double HVP_FLOOR = 1e-3;
  /**
   * The relative move of the inputs that probes the derivatives' sensitivity: about 16 float
   * ulps, the size of the rounding a float program accumulates in its intermediates.
   */
  static final double PROBE = 1e-6;
  /** Intermediate values beyond these magnitudes leave float's normal range. */
  static final double LARGEST = 1e30;
  static final double SMALLEST = 1e-30;

  /** What became of a method's float version. */
  public enum Status {
    /** The method has no float version (not a float class, or not printable as float). */
    NONE,
    /** Checked at one point at least. */
    CHECKED,
    /** Every point was skipped: float rounding alone changes the answer there. */
    SKIPPED,
    /** A float check failed (the double ones passed). */
    FAILED
  }

  /**
   * A method's float outcome: its status; why it was skipped (at the last point); whether hvp
   * was checked too; the largest first-order and second-order difference that passed as a
   * fraction of its tolerance; the failure, if it failed.
   */
  public record Result(Status status, String note, boolean hvp, double headroom,
      double hvpHeadroom, Failure failure) {
    public static final Result NONE = new Result(Status.NONE, null, false, 0.0, 0.0, null);

    static Result failed(Failure f) {
      return new Result(Status.FAILED, null, false, 0.0, 0.0, f);
    }
  }

  /**
   * Added to every expected component, times the larger of 1 and the vector's largest one:
   * zero, except in the test that a wrong float derivative is caught (and reproduced).
   */
  double gradientError = 0.0;
  double jvpError = 0.0;
  double hvpError = 0.0;

  private final MethodChecker owner;
  private final ClassDef cls;
  private final MethodDef m;
  private final Method plain;
  private final Class<?> frameClass;
  private final Class<?>[] types;
  private final FrameArgs frameArgs;
  private final long seed;
  private boolean doubleHvpUnsupported;
  private double headroom;
  private double hvpHeadroom;
  private int hvpPoints;
  /**
   * The float hvp said it is too large for one Java method: the processor's stated limit, which
   * the double checks count as hvp unsupported. A float program's second-order code is larger
   * than the double one's (its widenings and narrowings), so it can cross the limit alone (seed
   * 2804, G39.m17); the float method is then checked without hvp.
   */
  private boolean hvpTooLarge;
  /** The float hvp at the point being checked is rounding noise (see {@link #noisy}). */
  private boolean hvpNoisy;
  /** The point being checked, for failures, and the double gradient there. */
  private long currentSeed;
  private double[] currentGradient = new double[0];

  /** The float version of {@code owner}'s method: class {@code cls.name() + "Float"}. */
  FloatChecker(MethodChecker owner, ClassDef cls, MethodDef m, ClassLoader loader, long seed)
      throws ReflectiveOperationException {
    this.owner = owner;
    this.cls = cls;
    this.m = m;
    this.seed = seed;
    String name = cls.qualifiedName() + FloatPrinter.SUFFIX;
    Class<?> plainClass = Class.forName(name, true, loader);
    this.frameArgs = new FrameArgs(m, plainClass, true);
    this.types = frameArgs.types;
    this.plain = frameArgs.plain(plainClass);
    Class<?> frame;
    try {
      frame = Class.forName(name + "_Grad$" + m.frameName(), true, loader);
    } catch (ClassNotFoundException e) {
      frame = null;
    }
    this.frameClass = frame;
  }

  static Class<?> floatType(Ty t) {
    return switch (t) {
      case DOUBLE -> float.class;
      case DARR -> float[].class;
      case DMAT -> float[][].class;
      default -> MethodChecker.javaType(t);  // a list's type erases its element type
    };
  }

  /** What the float method gives at a point, once it is known to be checkable there. */
  private record FloatPoint(MethodChecker.Expected e, double value, double[] outputs) {}

  private Failure failure(Kind kind, String firstLine, String details) {
    return new Failure(kind, firstLine, details, cls, m.name(), currentSeed);
  }

  /**
   * Checks at {@code points} (the double checks' points, the first reused on one frame at the
   * second, as there); {@code doubleHvpUnsupported}: the double hvp said it is not supported,
   * so the float one is not called.
   */
  Result check(List<MethodChecker.Expected> points, boolean doubleHvpUnsupported) {
    this.doubleHvpUnsupported = doubleHvpUnsupported;
    if (frameClass == null) {
      return Result.failed(new Failure(Kind.FLOAT_REJECTED, "no float frame class "
          + m.frameName(), "", cls, m.name(), 0));
    }
    owner.phase = "float method";
    List<FloatPoint> usable = new ArrayList<>();
    String reason = "";
    for (MethodChecker.Expected e : points) {
      if (!usable.isEmpty() && usable.get(usable.size() - 1).e().pointSeed() == e.pointSeed()) {
        usable.add(usable.get(usable.size() - 1));
        continue;
      }
      Object r = usable(e);
      if (r instanceof FloatPoint fp) {
        usable.add(fp);
      } else {
        reason = (String) r;
      }
    }
    if (usable.isEmpty()) {
      return new Result(Status.SKIPPED, reason, false, 0.0, 0.0, null);
    }
    owner.phase = "float frame";
    Object frame = newFrame();
    for (int k = 0; k < usable.size(); k++) {
      Failure f = checkAt(frame, usable.get(k));
      if (f != null) {
        if (k > 0 && checkAt(newFrame(), usable.get(k)) == null) {
          f = new Failure(f.kind(), "reused float frame wrong at a second point ("
              + f.firstLine() + "), fresh frame right", f.details(), cls, m.name(),
              f.pointSeed(), usable.get(0).e().pointSeed());
        }
        return Result.failed(f);
      }
    }
    return new Result(Status.CHECKED, null, hvpPoints > 0, headroom, hvpHeadroom, null);
  }

  private Object newFrame() {
    try {
      return frameClass.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create frame " + frameClass, e);
    }
  }

  /** The float method's numbers at {@code e}'s point, or why float cannot be checked there. */
  private Object usable(MethodChecker.Expected e) {
    if (e.margin() < MARGIN) {
      return "near " + e.marginWhat();
    } else if (e.largest() > LARGEST || e.smallest() < SMALLEST) {
      return "intermediate value out of float range";
    }
    if (e.gradient() != null && !inRange(e.gradient())) {
      return "gradient out of float range";
    }
    for (double[] row : e.outputGradients()) {
      if (!inRange(row)) {
        return "gradient out of float range";
      }
    }
    Object[] args = e.point().floatCopy();
    Object value;
    try {
      value = frameArgs.invokePlain(plain, frameArgs.pack(args));
    } catch (InvocationTargetException ex) {
      return "float method throws " + ex.getCause().getClass().getSimpleName();
    } catch (IllegalAccessException ex) {
      throw new IllegalStateException(ex);
    }
    double v = value instanceof Float f ? f : Double.NaN;
    if (m.result() == Ty.DOUBLE
        && !(Double.isFinite(v) && MethodChecker.close(e.value(), v, VALUE_TOLERANCE))) {
      return "float value differs";
    }
    double[] outputs = outputs(args);
    for (int i = 0; i < outputs.length; i++) {
      if (!(Double.isFinite(outputs[i])
          && MethodChecker.close(e.outputs()[i], outputs[i], VALUE_TOLERANCE))) {
        return "float output differs";
      }
    }
    return stable(e) ? new FloatPoint(e, v, outputs) : "derivatives sensitive to rounding";
  }

  /** Whether the twin's derivatives stay put when the inputs move by {@link #PROBE}. */
  private boolean stable(MethodChecker.Expected e) {
    MethodChecker.Expected there;
    try {
      there = owner.expectNear(e, PROBE, 0x9b0beL);
    } catch (MethodChecker.FailureException ex) {
      return false;
    }
    return there != null && there.margin() >= MARGIN
        && e.sameDerivatives(there, FloatChecker::close);
  }

  /** {@code b} within a tenth of the gradient tolerance of {@code a}, as {@link #compare}. */
  private static boolean close(double[] a, double[] b) {
    double largest = FLOOR;
    for (double x : a) {
      largest = Math.max(largest, Math.abs(x));
    }
    for (int i = 0; i < a.length; i++) {
      if (!(Math.abs(a[i] - b[i]) <= 0.1 * GRADIENT_TOLERANCE * largest)) {
        return false;
      }
    }
    return true;
  }

  private static boolean inRange(double[] v) {
    for (double x : v) {
      if (Math.abs(x) > LARGEST) {
        return false;
      }
    }
    return true;
  }

  /** The {@code @Out} arrays among {@code args}, flattened. */
  private double[] outputs(Object[] args) {
    List<Double> out = new ArrayList<>();
    for (int k = 0; k < args.length; k++) {
      if (m.params().get(k).out()) {
        for (double d : Point.flat(args[k])) {
          out.add(d);
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private Failure checkAt(Object frame, FloatPoint fp) {
    currentSeed = fp.e().pointSeed();
    currentGradient = fp.e().gradient() == null ? new double[0] : fp.e().gradient();
    try {
      return checks(frame, fp);
    } catch (InvocationTargetException ex) {
      Throwable cause = ex.getCause();
      StringBuilder trace = new StringBuilder();
      for (StackTraceElement s : cause.getStackTrace()) {
        trace.append("\n  at ").append(s);
        if (s.getClassName().startsWith("jdk.internal.reflect")) {
          break;
        }
      }
      return failure(Kind.FLOAT_FRAME_EXCEPTION, MethodChecker.describe(cause),
          "at " + fp.e().point().describe() + trace);
    } catch (ReflectiveOperationException ex) {
      return failure(Kind.FLOAT_FRAME_EXCEPTION, "float frame API missing: " + ex, "");
    }
  }

  private Failure checks(Object frame, FloatPoint fp) throws ReflectiveOperationException {
    MethodChecker.Expected e = fp.e();
    Point p = e.point();
    Failure f = null;
    if (m.result() == Ty.DOUBLE) {
      Object[] args = p.floatCopy();
      double v = (Float) frameClass.getMethod("valueAndGradient", types)
          .invoke(frame, frameArgs.pack(args));
      f = value(Kind.WRONG_FLOAT_GRADIENT, "float valueAndGradient", fp, v);
      f = f != null ? f : after(Kind.WRONG_FLOAT_GRADIENT, "float valueAndGradient", fp, args);
      f = f != null ? f : compare(Kind.WRONG_FLOAT_GRADIENT, "float valueAndGradient",
          scaled(e.gradient(), 1), gradient(frame), null, GRADIENT_TOLERANCE, gradientError, p);
      if (f == null) {
        frameClass.getMethod("accumulate", types).invoke(frame, frameArgs.pack(p.floatCopy()));
        f = compare(Kind.WRONG_FLOAT_GRADIENT, "float accumulate after valueAndGradient",
            scaled(e.gradient(), 2), gradient(frame), null, GRADIENT_TOLERANCE, gradientError,
            p);
      }
      if (f == null) {
        frameClass.getMethod("zero").invoke(frame);
        double[] zero = gradient(frame);
        for (int i = 0; i < zero.length && f == null; i++) {
          if (zero[i] != 0.0) {
            f = failure(Kind.WRONG_FLOAT_GRADIENT, "float zero() leaves an adjoint non-zero",
                "component " + i + " = " + zero[i]);
          }
        }
      }
      if (f == null) {
        frameClass.getMethod("accumulate", types).invoke(frame, frameArgs.pack(p.floatCopy()));
        f = compare(Kind.WRONG_FLOAT_GRADIENT, "float accumulate after zero",
            scaled(e.gradient(), 1), gradient(frame), null, GRADIENT_TOLERANCE, gradientError,
            p);
      }
    }
    if (f == null && m.hasOut()) {
      f = pullback(frame, fp);
      f = f != null || MethodChecker.drawsMoreInJacobianAndHessian(m) ? f : jacobian(frame, fp);
    }
    if (f == null) {
      f = jvp(frame, fp, 0, -1, false);
    }
    int arrays = arrays();
    if (f == null && arrays > 0) {
      f = jvp(frame, fp, 1, MethodChecker.nulledArray(e.pointSeed(), arrays), false);
    }
    if (f == null && m.hasOut()) {
      f = jvp(frame, fp, 2, -1, true);
    }
    if (f == null && MethodChecker.hasHvp(m) && !doubleHvpUnsupported && !hvpTooLarge) {
      f = hvp(frame, fp);
    }
    return f;
  }

  /** What jvp and hvp call 1 may pass as null: differentiated arrays, then records. */
  private int arrays() {
    return Records.nullables(m).size();
  }

  /** A float frame's value: close to the double value, or to the float method's own. */
  private Failure value(Kind kind, String what, FloatPoint fp, double v) {
    if (MethodChecker.close(fp.e().value(), v, FRAME_VALUE_TOLERANCE)
        || MethodChecker.close(fp.value(), v, SAME_VALUE_TOLERANCE)) {
      return null;
    }
    return failure(kind, what + ": value differs", "tapeless " + v + ", float method "
        + fp.value() + ", double method " + fp.e().value() + " at " + fp.e().point().describe());
  }

  /** After a frame call: outputs hold the method's outputs, inputs are unchanged. */
  private Failure after(Kind kind, String call, FloatPoint fp, Object[] args) {
    Point p = fp.e().point();
    Object[] original = p.floatCopy();
    int next = 0;
    for (int k = 0; k < m.params().size(); k++) {
      Param par = m.params().get(k);
      double[] now = Point.flat(args[k]);
      if (par.out()) {
        for (double v : now) {
          int i = next++;
          if (!MethodChecker.close(fp.e().outputs()[i], v, FRAME_VALUE_TOLERANCE)
              && !MethodChecker.close(fp.outputs()[i], v, SAME_VALUE_TOLERANCE)) {
            return failure(kind, "@Out array after " + call + " differs from the method's"
                + " output", par.name() + ": tapeless " + Point.render(args[k]) + ", float method "
                + Arrays.toString(fp.outputs()) + ", double method "
                + Arrays.toString(fp.e().outputs()) + " at " + p.describe());
          }
        }
      } else if (par.type().isArray() && (!Arrays.equals(now, Point.flat(original[k]))
          || (args[k] instanceof int[] ints && !Arrays.equals(ints, (int[]) original[k])))) {
        return failure(kind, call + " changed an input array",
            par.name() + " is now " + Point.render(args[k]));
      }
    }
    return null;
  }

  /** The frame's d* fields (floats; records' adjoint twins too), flattened in declaration order. */
  private double[] gradient(Object frame) throws ReflectiveOperationException {
    return frameArgs.gradient(frame);
  }

  private static double[] scaled(double[] v, double factor) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = factor * v[i];
    }
    return r;
  }

  /**
   * {@code actual} against {@code expected}, each component within {@code tolerance} of the
   * larger of its scale ({@code scales[i]}, or its own magnitude when null) and the vector's
   * largest scale; {@code error} is the test's deliberate error.
   */
  private Failure compare(Kind kind, String what, double[] expected, double[] actual,
      double[] scales, double tolerance, double error, Point p) {
    if (expected.length != actual.length) {
      return failure(kind, what + ": " + actual.length + " components, expected "
          + expected.length, "at " + p.describe());
    }
    double[] s = scales != null ? scales : abs(expected);
    double largest = 0.0;
    for (double x : s) {
      largest = Math.max(largest, x);
    }
    double[] want = new double[expected.length];
    for (int i = 0; i < want.length; i++) {
      want[i] = expected[i] + error * Math.max(1.0, largest);
    }
    double floor = FLOOR;
    if (tolerance == HVP_TOLERANCE) {
      for (double g : currentGradient) {
        floor = Math.max(floor, HVP_FLOOR * Math.abs(g));
      }
    }
    for (int i = 0; i < want.length; i++) {
      double got = actual[i];
      double tol = tolerance * Math.max(Math.max(s[i], largest), floor);
      double diff = Math.abs(want[i] - got);
      if (!(diff <= tol)) {
        return failure(kind, what + (Double.isFinite(got) ? " differs from the double program's"
                : " is not finite"),
            "component " + i + ": tapeless " + got + ", double " + want[i] + " (tolerance "
                + String.format("%.3g", tol) + ")\ntapeless " + Arrays.toString(actual)
                + "\ndouble   " + Arrays.toString(want) + "\nat " + p.describe());
      }
      if (tolerance == HVP_TOLERANCE) {
        hvpHeadroom = Math.max(hvpHeadroom, diff / tol);
      } else {
        headroom = Math.max(headroom, diff / tol);
      }
    }
    return null;
  }

  private static double[] abs(double[] v) {
    double[] a = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      a[i] = Math.abs(v[i]);
    }
    return a;
  }

  private static float round(double v) {
    return (float) v;
  }

  private Failure pullback(Object frame, FloatPoint fp) throws ReflectiveOperationException {
    MethodChecker.Expected e = fp.e();
    Point p = e.point();
    SplittableRandom random = new SplittableRandom(seed ^ 0x5eedL);
    Object[] args = p.floatCopy();
    List<Object> call = new ArrayList<>(Arrays.asList(frameArgs.pack(args)));
    List<Class<?>> sig = new ArrayList<>(Arrays.asList(types));
    List<Double> seeds = new ArrayList<>();
    for (int k = 0; k < m.params().size(); k++) {
      Param par = m.params().get(k);
      if (!par.out()) {
        continue;
      }
      Object seedArray = Point.deepCopy(args[k]);
      for (float[] row : rows(seedArray)) {
        for (int i = 0; i < row.length; i++) {
          row[i] = round(random.nextDouble(-1, 1));
          seeds.add((double) row[i]);
        }
      }
      call.add(seedArray);
      sig.add(floatType(par.type()));
    }
    frameClass.getMethod("pullback", sig.toArray(new Class<?>[0])).invoke(frame, call.toArray());
    Failure f = after(Kind.WRONG_FLOAT_GRADIENT, "float pullback", fp, args);
    if (f != null) {
      return f;
    }
    double[] expected = new double[p.freeParameters()];
    double[] scales = new double[expected.length];
    for (int i = 0; i < e.outputGradients().length; i++) {
      for (int j = 0; j < expected.length; j++) {
        expected[j] += seeds.get(i) * e.outputGradients()[i][j];
        scales[j] += Math.abs(seeds.get(i) * e.outputGradients()[i][j]);
      }
    }
    return compare(Kind.WRONG_FLOAT_GRADIENT, "float pullback", expected, gradient(frame),
        scales, GRADIENT_TOLERANCE, gradientError, p);
  }

  private Failure jacobian(Object frame, FloatPoint fp) throws ReflectiveOperationException {
    MethodChecker.Expected e = fp.e();
    Point p = e.point();
    Object[] args = p.floatCopy();
    double[][] j = new double[e.outputs().length][p.freeParameters()];
    Class<?>[] sig = Arrays.copyOf(types, types.length + 1);
    sig[types.length] = double[][].class;
    Object[] packed = frameArgs.pack(args);
    Object[] call = Arrays.copyOf(packed, packed.length + 1);
    call[packed.length] = j;
    frameClass.getMethod("jacobian", sig).invoke(frame, call);
    Failure f = after(Kind.WRONG_FLOAT_GRADIENT, "float jacobian", fp, args);
    for (int row = 0; row < j.length && f == null; row++) {
      f = compare(Kind.WRONG_FLOAT_GRADIENT, "float jacobian row " + row,
          e.outputGradients()[row], j[row], null, GRADIENT_TOLERANCE, gradientError, p);
    }
    return f;
  }

  private static float[][] rows(Object array) {
    return array instanceof float[] f ? new float[][] {f} : (float[][]) array;
  }

  /**
   * {@code v} (a jvp tangent or hvp direction over the flattened differentiated inputs) rounded
   * to float, with the {@code nullArray}th nullable's part zero ({@link Records#nullables}), as
   * call arguments: a Float per scalar, an array per array (null for a nulled array), records
   * of them (null for a nulled record).
   */
  private List<Object> directions(Point p, double[] v, int nullArray) {
    Records.Nullable unit = nullArray >= 0 ? Records.nullables(m).get(nullArray) : null;
    List<Integer> zero = unit == null ? List.of() : unit.params();
    Object[] args = p.floatCopy();
    Object[] tangentOf = new Object[args.length];
    int at = 0;
    for (int k = 0; k < args.length; k++) {
      if (!m.differentiated(m.params().get(k))) {
        continue;
      }
      Object x = Point.deepCopy(args[k]);
      boolean nulled = zero.contains(k);
      if (x instanceof Float) {
        v[at] = nulled ? 0.0 : round(v[at]);
        tangentOf[k] = round(v[at++]);
        continue;
      }
      for (float[] row : rows(x)) {
        for (int i = 0; i < row.length; i++) {
          v[at] = nulled ? 0.0 : round(v[at]);
          row[i] = (float) v[at++];
        }
      }
      tangentOf[k] = nulled && unit.record() == null ? null : x;
    }
    return frameArgs.tangents(tangentOf, args, unit == null ? null : unit.record());
  }

  /** A jvp or hvp call's name for the nullable it passes null for, if any. */
  private String nulled(int nullArray, String what) {
    if (nullArray < 0) {
      return "";
    }
    return Records.nullables(m).get(nullArray).record() != null ? " with a null record " + what
        : " with a null array " + what;
  }

  /** One jvp call, as {@link MethodChecker} makes it (same tangents, rounded to float). */
  private Failure jvp(Object frame, FloatPoint fp, int call, int nullArray, boolean nullOutputs)
      throws ReflectiveOperationException {
    MethodChecker.Expected e = fp.e();
    Point p = e.point();
    String what = "float " + (nullArray >= 0 ? "jvp" + nulled(nullArray, "tangent")
        : nullOutputs ? "jvp with null output tangents" : "jvp");
    double[] t = MethodChecker.jvpTangent(e.pointSeed(), call, p.freeParameters());
    Object[] args = p.floatCopy();
    List<Object> callArgs = new ArrayList<>(Arrays.asList(frameArgs.pack(args)));
    List<Class<?>> sig = new ArrayList<>(Arrays.asList(types));
    callArgs.addAll(directions(p, t, nullArray));
    sig.addAll(Arrays.asList(frameArgs.tangentTypes));
    List<Object> outTangents = new ArrayList<>();
    for (int k = 0; k < m.params().size(); k++) {
      Param par = m.params().get(k);
      if (par.out()) {
        Object tangent = Point.deepCopy(args[k]);
        for (float[] row : rows(tangent)) {
          Arrays.fill(row, 1234.5f);
        }
        callArgs.add(nullOutputs ? null : tangent);
        sig.add(floatType(par.type()));
        if (!nullOutputs) {
          outTangents.add(tangent);
        }
      }
    }
    Field valueField = m.result() == Ty.DOUBLE ? frameClass.getField("value") : null;
    if (valueField != null) {
      valueField.setFloat(frame, Float.NaN);
    }
    Object result = frameClass.getMethod("jvp", sig.toArray(new Class<?>[0]))
        .invoke(frame, callArgs.toArray());
    Failure f = after(Kind.WRONG_FLOAT_JVP, what, fp, args);
    if (f == null && valueField != null) {
      f = value(Kind.WRONG_FLOAT_JVP, what, fp, valueField.getDouble(frame));
    }
    if (f != null) {
      return f;
    }
    double[] g = m.result() == Ty.DOUBLE ? e.gradient() : null;
    double[][] rowsOf = nullOutputs ? new double[0][] : e.outputGradients();
    double[] expected = MethodChecker.jvpExpected(g, rowsOf, t);
    double[] scales = MethodChecker.jvpExpected(g == null ? null : abs(g), absRows(rowsOf),
        abs(t));
    List<Double> actual = new ArrayList<>();
    if (valueField != null) {
      actual.add((double) (Float) result);
    }
    for (Object out : outTangents) {
      for (double d : Point.flat(out)) {
        actual.add(d);
      }
    }
    return compare(Kind.WRONG_FLOAT_JVP, what + " (result, then output tangents)", expected,
        actual.stream().mapToDouble(Double::doubleValue).toArray(), scales,
        GRADIENT_TOLERANCE, jvpError, p);
  }

  private static double[][] absRows(double[][] v) {
    double[][] a = new double[v.length][];
    for (int i = 0; i < v.length; i++) {
      a[i] = abs(v[i]);
    }
    return a;
  }

  /**
   * Second order at one point: hvp along the checker's direction, along another with a null
   * direction for one array (if any), and with few inputs the whole hessian, against the twin's
   * Hessian. An hvp the float frame does not support, where the double one is, fails: float
   * must cover what double does.
   */
  private Failure hvp(Object frame, FloatPoint fp) throws ReflectiveOperationException {
    MethodChecker.TwinHessian twinH;
    try {
      twinH = owner.twinHessian(fp.e());
    } catch (MethodChecker.FailureException ex) {
      return ex.failure;
    }
    if (twinH.hessian() == null) {
      return null;
    }
    hvpNoisy = false;
    Failure f = hvpCall(frame, fp, twinH.hessian(), 0, -1);
    int arrays = arrays();
    if (f == null && !hvpNoisy && !hvpTooLarge && arrays > 0) {
      f = hvpCall(frame, fp, twinH.hessian(), 1,
          MethodChecker.nulledArray(fp.e().pointSeed(), arrays));
    }
    if (f == null && !hvpNoisy && !hvpTooLarge
        && fp.e().point().freeParameters() <= MethodChecker.HESSIAN_MAX_INPUTS
        && !MethodChecker.drawsMoreInJacobianAndHessian(m)) {
      f = hessian(frame, fp, twinH.hessian());
    }
    // a point where float rounding alone decides the hvp is not counted as checked
    hvpPoints += f == null && !hvpNoisy && !hvpTooLarge ? 1 : 0;
    return f;
  }

  private Failure hvpCall(Object frame, FloatPoint fp, double[][] h, int call, int nullArray)
      throws ReflectiveOperationException {
    Point p = fp.e().point();
    String what = "float hvp" + nulled(nullArray, "direction");
    double[] v = MethodChecker.hvpDirection(fp.e().pointSeed(), call, p.freeParameters());
    Failure f = hvpAt(frame, fp, p, v, nullArray, what);
    if (f != null || hvpTooLarge) {
      return f;
    }
    double[] expected = MethodChecker.hvpExpected(h, v);
    double[] actual = gradient(frame);
    double[] scales = MethodChecker.hvpExpected(absRows(h), abs(v));
    f = compare(Kind.WRONG_FLOAT_HVP, what, expected, actual, scales, HVP_TOLERANCE, hvpError,
        p);
    double shift = hvpError * Math.max(1.0, Arrays.stream(scales).max().orElse(0.0));
    if (f != null && noisy(frame, fp, v, nullArray, shift, expected, actual)) {
      hvpNoisy = true;
      return null;
    }
    return f;
  }

  /**
   * Whether a float hvp that differs from the double Hessian's product is rounding noise: terms
   * that cancel exactly in the Hessian (atan2(p, p) has second partials of ±1/(2p²) whose sum
   * is 0) leave a float program their rounding, which no scale of the double Hessian shows
   * (seed 20240521 with objects off, G51.m12: 3.5e-4 where the Hessian is 0). Noise changes at
   * random as the inputs move by {@link #PROBE}; a wrong derivative, off by the same amount at
   * nearby points, does not. Noisy when, at one of two moved points, the float hvp's difference
   * from the double one changed by half its size here. ({@code shift} is the test's deliberate
   * error, added to the expectation at every point alike.)
   */
  private boolean noisy(Object frame, FloatPoint fp, double[] v, int nullArray, double shift,
      double[] expected, double[] actual) throws ReflectiveOperationException {
    double difference = 0.0;
    for (int i = 0; i < expected.length; i++) {
      difference = Math.max(difference, Math.abs(expected[i] + shift - actual[i]));
    }
    for (int k = 0; k < 2; k++) {
      MethodChecker.Expected there;
      MethodChecker.TwinHessian h;
      try {
        there = owner.expectNear(fp.e(), PROBE, 0x5eedL + k);
        h = there == null || there.margin() < MARGIN ? null : owner.twinHessianAt(there);
      } catch (MethodChecker.FailureException ex) {
        return false;
      }
      if (h == null || h.hessian() == null
          || hvpAt(frame, fp, there.point(), v.clone(), nullArray, "float hvp") != null) {
        return false;
      }
      double[] wantThere = MethodChecker.hvpExpected(h.hessian(), v);
      double[] gotThere = gradient(frame);
      for (int i = 0; i < gotThere.length; i++) {
        double change = (gotThere[i] - wantThere[i]) - (actual[i] - expected[i]);
        if (Math.abs(change) >= 0.5 * difference) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * One float hvp call at {@code p} along {@code v}; its result is left in the frame. At fp's
   * own point the call's value, outputs and inputs are checked too.
   */
  private Failure hvpAt(Object frame, FloatPoint fp, Point p, double[] v, int nullArray,
      String what) throws ReflectiveOperationException {
    Object[] args = p.floatCopy();
    List<Object> callArgs = new ArrayList<>(Arrays.asList(frameArgs.pack(args)));
    callArgs.addAll(directions(p, v, nullArray));
    List<Class<?>> sig = new ArrayList<>(Arrays.asList(types));
    sig.addAll(Arrays.asList(frameArgs.tangentTypes));
    Field valueField = frameClass.getField("value");
    valueField.setFloat(frame, Float.NaN);
    double result;
    try {
      result = (Float) frameClass.getMethod("hvp", sig.toArray(new Class<?>[0]))
          .invoke(frame, callArgs.toArray());
    } catch (InvocationTargetException ex) {
      Throwable cause = ex.getCause();
      if (cause instanceof UnsupportedOperationException && cause.getMessage() != null
          && cause.getMessage().contains("is not supported yet")) {
        return failure(Kind.WRONG_FLOAT_HVP, what + " is not supported where the double one is",
            cause.getMessage());
      }
      if (cause instanceof UnsupportedOperationException && cause.getMessage() != null
          && cause.getMessage().contains("is too large for one Java method")) {
        hvpTooLarge = true;
        return null;
      }
      throw ex;
    }
    if (p != fp.e().point()) {
      // a point moved to probe for noise: fp's value and outputs are not this point's
      return null;
    }
    Failure f = after(Kind.WRONG_FLOAT_HVP, what, fp, args);
    f = f != null ? f : value(Kind.WRONG_FLOAT_HVP, what, fp, result);
    return f != null ? f : value(Kind.WRONG_FLOAT_HVP, what + " (value field)", fp,
        valueField.getDouble(frame));
  }

  private Failure hessian(Object frame, FloatPoint fp, double[][] h)
      throws ReflectiveOperationException {
    Point p = fp.e().point();
    int n = h.length;
    Object[] args = p.floatCopy();
    double[][] actual = new double[n][n];
    for (double[] row : actual) {
      Arrays.fill(row, 1234.5);
    }
    Class<?>[] sig = Arrays.copyOf(types, types.length + 1);
    sig[types.length] = double[][].class;
    Object[] packed = frameArgs.pack(args);
    Object[] call = Arrays.copyOf(packed, packed.length + 1);
    call[packed.length] = actual;
    frameClass.getMethod("hessian", sig).invoke(frame, call);
    Failure f = after(Kind.WRONG_FLOAT_HVP, "float hessian", fp, args);
    for (int row = 0; row < n && f == null; row++) {
      double[] unit = new double[n];
      unit[row] = 1.0;
      f = compare(Kind.WRONG_FLOAT_HVP, "float hessian row " + row, h[row], actual[row],
          MethodChecker.hvpExpected(absRows(h), unit), HVP_TOLERANCE, hvpError, p);
    }
    return f;
  }
}

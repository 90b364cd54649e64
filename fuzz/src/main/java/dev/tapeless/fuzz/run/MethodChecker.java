package dev.tapeless.fuzz.run;

import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Records;
import dev.tapeless.fuzz.ast.Ty;
import dev.tapeless.fuzz.print.TwinPrinter;
import dev.tapeless.fuzz.twin.Ctx;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.hipparchus.analysis.differentiation.Derivative;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Checks one compiled method's gradient frame at random points the twin accepts: the value
 * against the plain method, the gradient against the twin, {@code accumulate} and {@code zero},
 * for methods with outputs {@code pullback} and every {@code jacobian} row, forward mode
 * ({@code jvp} along random tangents, also with null tangents), and for methods with a second
 * order ({@code hvp}, also with a null direction, and for small inputs {@code hessian}) against
 * the twin's Hessian, all twice on one frame at two points (a second point catches state left
 * behind by the first).
 */
public final class MethodChecker {
  /** Smallest relative margin to a kink or a flipping comparison for a point to count. */
  public static final double MARGIN = 1e-6;
  /** Tries to find acceptable points before a method counts as skipped. */
  public static final int TRIES = 30;
  static final double VALUE_TOLERANCE = 1e-12;
  static final double GRADIENT_TOLERANCE = 1e-8;
  static final double TWIN_VALUE_TOLERANCE = 1e-9;
  /**
   * A reverse-mode component may also differ by this much of the vector's largest component:
   * adjoints that cancel ({@code a += p - p}, with a's adjoint huge) add and subtract terms of
   * that size into a small one, and the rounding of that sum is all that is left of it (seed
   * 11: [0.0, -4.9e231] against the twin's [-0.4, -4.9e231]). The twin's forward tangents
   * cancel exactly, as do {@code jvp}'s, whose check bounds the rounding by its own terms.
   */
  static final double NORMWISE_TOLERANCE = 1e-12;
  /**
   * The relative move of the inputs that probes whether a point's gradient is ill-conditioned:
   * about 16 ulps, the size of the rounding a double program accumulates in its intermediates.
   */
  static final double ROUNDING_PROBE = 4e-15;

  /** {@code hessian} is checked on methods with at most this many differentiated inputs. */
  public static final int HESSIAN_MAX_INPUTS = 12;

  /** What became of a method's second-order checks. */
  public enum Hvp {
    /** The frame has no {@code hvp}: a result other than double, outputs, or no inputs. */
    NONE,
    /** {@code hvp} checked against the twin's Hessian at one point at least. */
    CHECKED,
    /** {@code hvp} threw "is not supported yet" (some calls and kernels, written parameters). */
    UNSUPPORTED,
    /**
     * {@code hvp} ran, but the twin's Hessian was unusable at every point (not finite, or the
     * order-2 twin met a kink the first-order one did not).
     */
    NOT_CHECKED
  }

  /**
   * The second-order part of an outcome: its status; why (the processor's reason for
   * UNSUPPORTED, the twin's for NOT_CHECKED); whether {@code hessian} was checked too; whether
   * the twin's Hessian was non-zero at a checked point (else only zeros were compared); and the
   * largest difference of a passing component as a fraction of its tolerance.
   */
  public record SecondOrder(Hvp status, String note, boolean hessian, boolean nonZero,
      double headroom) {
    static final SecondOrder NONE = new SecondOrder(Hvp.NONE, null, false, false, 0.0);
  }

  /**
   * The outcome for one method: checked, skipped, or a failure; for a checked method what
   * became of its second order and of its float version (which may have failed).
   */
  public record Outcome(boolean checked, Failure failure, String skipReason,
      SecondOrder second, FloatChecker.Result floats) {
    static Outcome checked(SecondOrder second, FloatChecker.Result floats) {
      return new Outcome(true, null, null, second, floats);
    }

    static Outcome failed(Failure f) {
      return new Outcome(false, f, null, SecondOrder.NONE, FloatChecker.Result.NONE);
    }

    static Outcome skipped(String reason) {
      return new Outcome(false, null, reason, SecondOrder.NONE, FloatChecker.Result.NONE);
    }
  }

  /** Checks the method's float version once the double one passed; null: no float version. */
  FloatChecker floats;

  /** What the checker is running: "method" (plain or twin), "frame" or "float frame". */
  volatile String phase = "method";

  /**
   * Added to every tangent the jvp checks expect: zero, except in the test that a wrong jvp is
   * detected (and reproduced).
   */
  double jvpExpectationError = 0.0;

  /** The same for every component the hvp and hessian checks expect. */
  double hvpExpectationError = 0.0;

  /** Why the last point was rejected: the closest kink, or a value that was not finite. */
  private String rejection = "";

  /**
   * What the plain method and the twin say at one point, with how close the twin came to a
   * kink there ({@code margin}, at {@code marginWhat}) and the largest and smallest non-zero
   * magnitude its operations produced: what decides whether float precision can be checked.
   */
  record Expected(Point point, long pointSeed, double value, double[] outputs,
      double[] gradient, double[][] outputGradients, double margin, String marginWhat,
      double largest, double smallest) {

    /** Whether {@code other}'s gradient and output gradients are each {@code near} these. */
    boolean sameDerivatives(Expected other,
        java.util.function.BiPredicate<double[], double[]> near) {
      boolean same = gradient == null || near.test(gradient, other.gradient);
      for (int i = 0; i < outputGradients.length && same; i++) {
        same = near.test(outputGradients[i], other.outputGradients[i]);
      }
      return same;
    }
  }

  private final ClassDef cls;
  private final MethodDef m;
  private final Method plain;
  private final Method twin;
  private final Class<?> frameClass;
  private final Class<?>[] types;
  /** The arguments as the plain method and the frame take them (records packed). */
  final FrameArgs frameArgs;
  private final long seed;
  /** Whether the frame should have {@code hvp} and {@code hessian}. */
  private final boolean hasHvp;

  /** The processor's reason, once {@code hvp} said it is not supported (then never called). */
  private String hvpUnsupported;
  /** Points at which hvp, and at which hessian, passed against the twin. */
  private int hvpPoints;
  private int hessianPoints;
  private boolean nonZeroHessian;
  /** The largest difference of a passing hvp or hessian component over its tolerance. */
  private double hvpHeadroom;
  /** Why the twin's Hessian was not usable at the last point it was not. */
  private String hvpNotChecked;
  /** By point seed: each random source's next draw after the plain method's call. */
  private final java.util.Map<Long, long[]> objectStates = new java.util.HashMap<>();

  /** The twin's Hessian by point seed. */
  private final java.util.Map<Long, TwinHessian> hessians = new java.util.HashMap<>();

  public MethodChecker(ClassDef cls, MethodDef m, ClassLoader loader, long seed)
      throws ReflectiveOperationException {
    this.cls = cls;
    this.m = m;
    this.seed = seed;
    Class<?>[] twinTypes = new Class<?>[m.params().size() + 1];
    twinTypes[0] = Ctx.class;
    for (int k = 0; k < m.params().size(); k++) {
      twinTypes[k + 1] = twinType(m.params().get(k).type());
    }
    Class<?> plainClass = Class.forName(cls.qualifiedName(), true, loader);
    this.frameArgs = new FrameArgs(m, plainClass, false);
    this.types = frameArgs.types;
    this.plain = frameArgs.plain(plainClass);
    Class<?> twinClass = Class.forName(cls.qualifiedName() + TwinPrinter.SUFFIX, true, loader);
    this.twin = twinClass.getMethod(m.name(), twinTypes);
    Class<?> frame;
    try {
      frame = Class.forName(cls.qualifiedName() + "_Grad$" + m.frameName(), true, loader);
    } catch (ClassNotFoundException e) {
      frame = null;
    }
    this.frameClass = frame;
    this.hasHvp = hasHvp(m);
  }

  /** Whether the frame of {@code m} has {@code hvp} and {@code hessian}. */
  public static boolean hasHvp(MethodDef m) {
    return m.result() == Ty.DOUBLE && !m.hasOut() && !m.differentiatedParams().isEmpty();
  }

  static Class<?> javaType(Ty t) {
    return switch (t) {
      case DOUBLE -> double.class;
      case INT -> int.class;
      case LONG -> long.class;
      case BOOLEAN -> boolean.class;
      case DARR -> double[].class;
      case DMAT -> double[][].class;
      case IARR -> int[].class;
      case RANDOM -> java.util.Random.class;
      case SPLITTABLE -> java.util.SplittableRandom.class;
      case LIST, LIST2 -> List.class;
      default -> throw new IllegalArgumentException(t.toString());
    };
  }

  /** A twin parameter's type as the generic twin method erases it. */
  static Class<?> twinType(Ty t) {
    return switch (t) {
      case DOUBLE -> Derivative.class;
      case DARR -> Derivative[].class;
      case DMAT -> Derivative[][].class;
      default -> javaType(t);
    };
  }

  /** The seed of the point being checked, for failures found by the frame checks. */
  private long currentSeed;

  private Failure failure(Kind kind, String firstLine, String details, long pointSeed) {
    return new Failure(kind, firstLine, details, cls, m.name(),
        pointSeed == 0 ? currentSeed : pointSeed);
  }

  public Outcome check() {
    if (frameClass == null) {
      return Outcome.failed(failure(Kind.FRAME_MISSING, "no frame class " + m.frameName(),
          "", seed));
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<Expected> points = new ArrayList<>();
    for (int attempt = 0; attempt < TRIES && points.size() < 2; attempt++) {
      long pointSeed = random.nextLong();
      Point p = Point.draw(m, new SplittableRandom(pointSeed));
      Object result;
      try {
        result = expect(p, pointSeed);
        if (result instanceof Expected e && illConditioned(e)) {
          rejection = "gradient ill-conditioned (moves by more than a tenth of its tolerance"
              + " when the inputs move by " + ROUNDING_PROBE + ")";
          result = null;
        }
      } catch (FailureException e) {
        return Outcome.failed(e.failure);
      }
      if (result instanceof Expected e) {
        points.add(e);
      }
    }
    if (points.isEmpty()) {
      return Outcome.skipped(rejection);
    }
    if (points.size() == 1) {
      points.add(points.get(0));
    }
    phase = "frame";
    Object frame = newFrame();
    Failure minor = null;
    for (int k = 0; k < points.size(); k++) {
      Failure f = checkAt(frame, points.get(k));
      if (f != null && isMinor(f)) {
        // outputs or inputs wrong after a call: go on to the second point, report at the end
        minor = minor == null ? f : minor;
        continue;
      }
      if (f != null) {
        Failure fresh = k > 0 ? checkAt(newFrame(), points.get(k)) : f;
        if (fresh == null || isMinor(fresh)) {
          return Outcome.failed(new Failure(Kind.STALE_STATE,
              "reused frame wrong at a second point (" + f.kind() + "), fresh frame right",
              f.firstLine() + "\n" + f.details(), cls, m.name(), f.pointSeed(),
              points.get(0).pointSeed()));
        }
        return Outcome.failed(f);
      }
    }
    if (minor != null) {
      return Outcome.failed(minor);
    }
    SecondOrder second = secondOrder();
    if (floats == null) {
      return Outcome.checked(second, FloatChecker.Result.NONE);
    }
    return Outcome.checked(second, floats.check(points, second.status() == Hvp.UNSUPPORTED));
  }

  /** The second-order status once every point passed. */
  private SecondOrder secondOrder() {
    if (!hasHvp) {
      return SecondOrder.NONE;
    } else if (hvpUnsupported != null) {
      return new SecondOrder(Hvp.UNSUPPORTED, hvpUnsupported, false, false, 0.0);
    } else if (hvpPoints == 0) {
      return new SecondOrder(Hvp.NOT_CHECKED, hvpNotChecked, false, false, 0.0);
    }
    return new SecondOrder(Hvp.CHECKED, null, hessianPoints > 0, nonZeroHessian, hvpHeadroom);
  }

  private static boolean isMinor(Failure f) {
    return f.kind() == Kind.WRONG_OUTPUTS || f.kind() == Kind.INPUT_MODIFIED;
  }

  private Object newFrame() {
    try {
      return frameClass.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create frame " + frameClass, e);
    }
  }

  static final class FailureException extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Failure failure;

    FailureException(Failure failure) {
      super(failure.firstLine(), null, false, false);
      this.failure = failure;
    }
  }

  /**
   * Whether the twin's derivatives at {@code e}'s point move by more than a tenth of the
   * gradient tolerance when the inputs move by {@link #ROUNDING_PROBE}: there the rounding of
   * intermediate values alone moves any derivative code by as much, the twin's included, so a
   * difference between the two says nothing (seed 20240521 with objects off, G70.m3: 27
   * divisions by 1.5 + cos 2x give a derivative of -2.0e5 and a second one of -1.4e13; tapeless
   * and twin were 1.0e-8 and 5.7e-9 from the exact derivative, on either side of it).
   */
  private boolean illConditioned(Expected e) throws FailureException {
    Expected moved = expectNear(e, ROUNDING_PROBE, 0xc0ffeeL);
    return moved != null && !e.sameDerivatives(moved, MethodChecker::near);
  }

  /**
   * Each component of {@code b} within a tenth of the tolerance {@link #compare} allows
   * around {@code a}'s.
   */
  private static boolean near(double[] a, double[] b) {
    double largest = 0.0;
    for (double x : a) {
      largest = Math.max(largest, Math.abs(x));
    }
    for (int i = 0; i < a.length; i++) {
      double tolerance = Math.max(GRADIENT_TOLERANCE * Math.max(1.0, Math.abs(a[i])),
          NORMWISE_TOLERANCE * largest);
      if (!(Math.abs(a[i] - b[i]) <= 0.1 * tolerance)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link #expect} at {@code e}'s point moved by {@code relative} (see {@link Point#perturbed},
   * signs drawn from {@code salt}), leaving what {@code e}'s checks use (the objects' states
   * after the plain call, the rejection reason) as they were.
   */
  Expected expectNear(Expected e, double relative, long salt) throws FailureException {
    long[] states = objectStates.get(e.pointSeed());
    String rejected = rejection;
    try {
      return expect(e.point().perturbed(relative, new SplittableRandom(e.pointSeed() ^ salt)),
          e.pointSeed());
    } finally {
      objectStates.put(e.pointSeed(), states);
      rejection = rejected;
    }
  }

  /**
   * The plain method's value and outputs and the twin's derivatives at {@code p}, or null if
   * the point is rejected (too close to a kink, or not finite).
   */
  Expected expect(Point p, long pointSeed) throws FailureException {
    Object[] plainArgs = p.copy();
    Object value;
    try {
      value = frameArgs.invokePlain(plain, frameArgs.pack(plainArgs));
    } catch (InvocationTargetException e) {
      throw new FailureException(failure(Kind.PLAIN_EXCEPTION, describe(e.getCause()),
          "at " + p.describe(), pointSeed));
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    objectStates.put(pointSeed, objectStates(plainArgs));
    Ctx<Gradient> ctx = Ctx.gradient(p.freeParameters());
    Object[] twinArgs = p.twinArgs(ctx);
    Object twinValue;
    try {
      twinValue = twin.invoke(null, twinArgs);
    } catch (InvocationTargetException e) {
      throw new FailureException(failure(Kind.TWIN_EXCEPTION, describe(e.getCause()),
          "at " + p.describe(), pointSeed));
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    if (ctx.minMargin() < MARGIN) {
      rejection = "near " + ctx.minWhat();
      return null;
    }
    rejection = "not finite";
    List<Derivative<?>> twinOutputs = new ArrayList<>();
    List<Double> plainOutputs = new ArrayList<>();
    for (int k = 0; k < m.params().size(); k++) {
      if (m.params().get(k).out()) {
        twinOutputs.addAll(Point.flatTwin(twinArgs[k + 1]));
        for (double v : Point.flat(plainArgs[k])) {
          plainOutputs.add(v);
        }
      }
    }
    double v = value instanceof Double d ? d : Double.NaN;
    double[] gradient = null;
    if (twinValue instanceof Gradient g) {
      if (!finite(g) || !Double.isFinite(v)) {
        return null;
      }
      checkTwinValue(v, g.getValue(), "result", p, pointSeed);
      gradient = g.getGradient();
    }
    double[] outputs = new double[plainOutputs.size()];
    double[][] outputGradients = new double[outputs.length][];
    for (int i = 0; i < outputs.length; i++) {
      outputs[i] = plainOutputs.get(i);
      Gradient g = (Gradient) twinOutputs.get(i);
      if (!finite(g) || !Double.isFinite(outputs[i])) {
        return null;
      }
      checkTwinValue(outputs[i], g.getValue(), "output " + i, p, pointSeed);
      outputGradients[i] = g.getGradient();
    }
    return new Expected(p, pointSeed, v, outputs, gradient, outputGradients, ctx.minMargin(),
        ctx.minWhat(), ctx.largest(), ctx.smallestNonZero());
  }

  private void checkTwinValue(double plainValue, double twinValue, String what, Point p,
      long pointSeed) throws FailureException {
    if (!close(plainValue, twinValue, TWIN_VALUE_TOLERANCE)) {
      throw new FailureException(failure(Kind.TWIN_MISMATCH, "twin " + what + " differs",
          "method " + plainValue + ", twin " + twinValue + " at " + p.describe(), pointSeed));
    }
  }

  private static boolean finite(Gradient g) {
    if (!Double.isFinite(g.getValue())) {
      return false;
    }
    for (double d : g.getGradient()) {
      if (!Double.isFinite(d)) {
        return false;
      }
    }
    return true;
  }

  static boolean close(double expected, double actual, double tolerance) {
    double scale = Math.max(1.0, Math.max(Math.abs(expected), Math.abs(actual)));
    return Math.abs(expected - actual) <= tolerance * scale;
  }

  static String describe(Throwable t) {
    StackTraceElement top = null;
    for (StackTraceElement e : t.getStackTrace()) {
      if (!e.getClassName().startsWith("java.") && !e.getClassName().startsWith("jdk.")) {
        top = e;
        break;
      }
    }
    String where = top == null ? "" : " at " + top.getClassName().replaceAll(".*\\.", "")
        .replaceAll("^G\\d+(_\\d+)?", "C") + "." + top.getMethodName();
    return t.getClass().getSimpleName() + ": " + t.getMessage() + where;
  }

  // ---------------------------------------------------------------- the checks

  /**
   * A failure of the outputs or inputs after a call, reported only if nothing worse shows:
   * checking goes on, so that a wrong restore of outputs does not hide a wrong gradient.
   */
  private Failure deferred;

  private void defer(Failure f) {
    if (deferred == null) {
      deferred = f;
    }
  }

  private Failure checkAt(Object frame, Expected e) {
    currentSeed = e.pointSeed();
    deferred = null;
    try {
      Failure f = checks(frame, e);
      return f != null ? f : deferred;
    } catch (InvocationTargetException ex) {
      Throwable cause = ex.getCause();
      StringBuilder trace = new StringBuilder();
      for (StackTraceElement s : cause.getStackTrace()) {
        trace.append("\n  at ").append(s);
        if (s.getClassName().startsWith("jdk.internal.reflect")) {
          break;
        }
      }
      return failure(Kind.FRAME_EXCEPTION, describe(cause), "at " + e.point().describe()
          + trace, 0);
    } catch (ReflectiveOperationException ex) {
      return failure(Kind.FRAME_EXCEPTION, "frame API missing: " + ex, "", 0);
    }
  }

  private Failure checks(Object frame, Expected e) throws ReflectiveOperationException {
    Point p = e.point();
    if (m.result() == Ty.DOUBLE) {
      Object[] args = p.copy();
      double v = (Double) frameClass.getMethod("valueAndGradient", types)
          .invoke(frame, frameArgs.pack(args));
      if (!close(e.value(), v, VALUE_TOLERANCE)) {
        return failure(Kind.WRONG_VALUE, "valueAndGradient value differs",
            "tapeless " + v + ", method " + e.value() + " at " + p.describe(), 0);
      }
      defer(outputsAndInputs(args, e, "valueAndGradient"));
      Failure f = compare(Kind.WRONG_GRADIENT, "valueAndGradient", e.gradient(), gradient(frame),
          1, p);
      if (f != null) {
        return f;
      }
      frameClass.getMethod("accumulate", types).invoke(frame, frameArgs.pack(p.copy()));
      f = compare(Kind.WRONG_ACCUMULATE, "accumulate after valueAndGradient", e.gradient(),
          gradient(frame), 2, p);
      if (f != null) {
        return f;
      }
      frameClass.getMethod("zero").invoke(frame);
      double[] zero = gradient(frame);
      for (int i = 0; i < zero.length; i++) {
        if (zero[i] != 0.0) {
          return failure(Kind.WRONG_ZERO, "zero() leaves an adjoint non-zero",
              "component " + i + " = " + zero[i], 0);
        }
      }
      frameClass.getMethod("accumulate", types).invoke(frame, frameArgs.pack(p.copy()));
      f = compare(Kind.WRONG_ACCUMULATE, "accumulate after zero", e.gradient(), gradient(frame),
          1, p);
      if (f != null) {
        return f;
      }
    }
    if (m.hasOut()) {
      Failure f = pullback(frame, e);
      if (f == null && !drawsMoreInJacobianAndHessian(m)) {
        f = jacobian(frame, e);
      }
      if (f != null) {
        return f;
      }
    }
    Failure f = jvp(frame, e);
    if (f == null && hasHvp) {
      f = hvp(frame, e);
    }
    return f;
  }

  /**
   * Forward mode at one point, on the frame the reverse-mode checks used: {@code jvp} along a
   * random tangent, with output tangents filled with junk it must overwrite, against the
   * twin's gradient and output Jacobian times the tangent; then along another tangent with
   * {@code null} for one differentiated array's tangent (zero), if there is one; then along a
   * third with {@code null} output tangents (not wanted), if there are outputs. Each call also
   * sets the value and the outputs as a plain call does, and changes no input or tangent.
   */
  private Failure jvp(Object frame, Expected e) throws ReflectiveOperationException {
    int units = Records.nullables(m).size();
    Failure f = jvp(frame, e, 0, -1, false);
    if (f == null && units > 0) {
      f = jvp(frame, e, 1, nulledArray(e.pointSeed(), units), false);
    }
    if (f == null && m.hasOut()) {
      f = jvp(frame, e, 2, -1, true);
    }
    return f;
  }

  /**
   * The tangent of the {@code call}th jvp at the point drawn from {@code pointSeed}, over the
   * {@code n} flattened differentiated inputs: components of two decimals in [-0.99, -0.01] and
   * [0.01, 0.99] (never zero, which would hide an input's tangent; short in a reproducer).
   */
  public static double[] jvpTangent(long pointSeed, int call, int n) {
    SplittableRandom random =
        new SplittableRandom(pointSeed ^ (0x1f0dL + 0x9e3779b97f4a7c15L * (call + 1)));
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(99)) / 100.0;
    }
    return t;
  }

  /**
   * Which differentiated array (counting only arrays, then records: {@link Records#nullables})
   * jvp call 1 gives a null tangent.
   */
  public static int nulledArray(long pointSeed, int arrays) {
    return (int) Math.floorMod(pointSeed >>> 7, (long) arrays);
  }

  /** What a jvp call should give: the result's tangent (if any), then every output's. */
  public static double[] jvpExpected(double[] gradient, double[][] outputGradients, double[] t) {
    int r = gradient == null ? 0 : 1;
    double[] v = new double[r + outputGradients.length];
    if (gradient != null) {
      v[0] = dot(gradient, t);
    }
    for (int i = 0; i < outputGradients.length; i++) {
      v[r + i] = dot(outputGradients[i], t);
    }
    return v;
  }

  /**
   * One jvp call (see {@link #jvp(Object, Expected)}): along tangent {@code call}, with the
   * {@code nullArray}th differentiated array's tangent null (none if negative), with null
   * output tangents if {@code nullOutputs}.
   */
  private Failure jvp(Object frame, Expected e, int call, int nullArray, boolean nullOutputs)
      throws ReflectiveOperationException {
    Point p = e.point();
    Records.Nullable unit = nullArray >= 0 ? Records.nullables(m).get(nullArray) : null;
    String what = unit != null && unit.record() != null ? "jvp with a null record tangent"
        : nullArray >= 0 ? "jvp with a null array tangent"
        : nullOutputs ? "jvp with null output tangents" : "jvp";
    double[] t = jvpTangent(e.pointSeed(), call, p.freeParameters());
    Object[] args = p.copy();
    List<Object> callArgs = new ArrayList<>(Arrays.asList(frameArgs.pack(args)));
    List<Class<?>> sig = new ArrayList<>(Arrays.asList(types));
    sig.addAll(Arrays.asList(frameArgs.tangentTypes));
    List<Object> tangents = new ArrayList<>();
    Object[] tangentOf = directions(args, t, unit, tangents);
    callArgs.addAll(frameArgs.tangents(tangentOf, args, unit == null ? null : unit.record()));
    List<Object> snapshot = new ArrayList<>();
    for (Object tangent : tangents) {
      snapshot.add(Point.deepCopy(tangent));
    }
    SplittableRandom junk = new SplittableRandom(e.pointSeed() ^ 0x6a756e6bL ^ call);
    List<Object> outTangents = new ArrayList<>();
    for (int k = 0; k < m.params().size(); k++) {
      Param par = m.params().get(k);
      if (par.out()) {
        Object tangent = Point.deepCopy(args[k]);
        for (double[] row : rows(tangent)) {
          for (int i = 0; i < row.length; i++) {
            row[i] = 1e3 * (1 + junk.nextDouble());
          }
        }
        callArgs.add(nullOutputs ? null : tangent);
        sig.add(javaType(par.type()));
        if (!nullOutputs) {
          outTangents.add(tangent);
        }
      }
    }
    Field valueField = m.result() == Ty.DOUBLE ? frameClass.getField("value") : null;
    if (valueField != null) {
      valueField.setDouble(frame, Double.NaN); // what an earlier call left must not pass
    }
    Object result = frameClass.getMethod("jvp", sig.toArray(new Class<?>[0]))
        .invoke(frame, callArgs.toArray());
    defer(outputsAndInputs(args, e, what));
    for (int i = 0; i < tangents.size(); i++) {
      if (!Arrays.equals(Point.flat(tangents.get(i)), Point.flat(snapshot.get(i)))) {
        defer(failure(Kind.INPUT_MODIFIED, what + " changed a tangent array",
            "tangent " + i + " is now " + Point.render(tangents.get(i)) + ", was "
                + Point.render(snapshot.get(i)) + " at " + p.describe(), 0));
      }
    }
    if (valueField != null) {
      double v = valueField.getDouble(frame);
      if (!close(e.value(), v, VALUE_TOLERANCE)) {
        return failure(Kind.WRONG_VALUE, what + ": value differs",
            "tapeless " + v + ", method " + e.value() + " at " + p.describe(), 0);
      }
    }
    double[] expected = jvpExpected(m.result() == Ty.DOUBLE ? e.gradient() : null,
        nullOutputs ? new double[0][] : e.outputGradients(), t);
    double[] scales = jvpExpected(m.result() == Ty.DOUBLE ? abs(e.gradient()) : null,
        nullOutputs ? new double[0][] : abs(e.outputGradients()), abs(t));
    List<Double> actual = new ArrayList<>();
    if (valueField != null) {
      actual.add((Double) result);
    }
    for (Object out : outTangents) {
      for (double d : Point.flat(out)) {
        actual.add(d);
      }
    }
    if (expected.length != actual.size()) {
      return failure(Kind.WRONG_JVP, what + ": " + actual.size() + " tangents, expected "
          + expected.length, "at " + p.describe(), 0);
    }
    int r = valueField != null ? 1 : 0;
    for (int i = 0; i < expected.length; i++) {
      double want = expected[i] + jvpExpectationError;
      double got = actual.get(i);
      String which = i < r ? "result" : "output " + (i - r);
      // Relative to the sum of the terms' magnitudes, which bounds the rounding of a sum that
      // cancels; otherwise GRADIENT_TOLERANCE as for the reverse-mode checks.
      double scale = Math.max(1.0, Math.max(scales[i], Math.abs(got)));
      if (!(Math.abs(want - got) <= GRADIENT_TOLERANCE * scale)) {
        StringBuilder all = new StringBuilder();
        for (int j = 0; j < expected.length; j++) {
          all.append(j == 0 ? "" : ", ").append(actual.get(j)).append(" / ").append(expected[j]);
        }
        return failure(Kind.WRONG_JVP, what + (Double.isFinite(got) ? " differs from the twin"
                : " is not finite"),
            which + ": tapeless " + got + ", twin " + want + "\ntangent "
                + Arrays.toString(t) + "\nall (tapeless / twin): " + all + "\nat "
                + p.describe(), 0);
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- second order

  /** The twin's Hessian at a point, or why it cannot be used there. */
  record TwinHessian(double[][] hessian, String rejection) {}

  /**
   * The Hessian of the result at {@code e}'s point, from the twin run on order-2
   * {@code DerivativeStructure}s. Its value must be the method's, its first derivatives the
   * first-order twin's (else the fuzzer is wrong); a point where it meets a kink the first-order
   * twin did not, or where a second derivative is not finite, gives no Hessian.
   */
  TwinHessian twinHessian(Expected e) throws FailureException {
    TwinHessian cached = hessians.get(e.pointSeed());
    if (cached != null) {
      return cached;
    }
    TwinHessian result = twinHessianAt(e);
    if (result.hessian() != null && hessianIllConditioned(e, result.hessian())) {
      result = new TwinHessian(null, "Hessian ill-conditioned (moves by more than a tenth of"
          + " its tolerance when the inputs move by " + ROUNDING_PROBE + ")");
    }
    hessians.put(e.pointSeed(), result);
    return result;
  }

  /**
   * Whether the twin's Hessian moves by more than a tenth of its tolerance when the inputs
   * move by {@link #ROUNDING_PROBE}, as {@link #illConditioned} asks of the gradient: a long
   * chain of products of large values leaves second derivatives that both the twin and
   * Tapeless round differently (seed 2602: the exact Hessian 9.3532233e9, Tapeless 9.3532226e9,
   * the twin 9.3532256e9).
   */
  private boolean hessianIllConditioned(Expected e, double[][] h) throws FailureException {
    Expected moved = expectNear(e, ROUNDING_PROBE, 0x5eedL);
    if (moved == null) {
      return false;
    }
    double[][] other = twinHessianAt(moved).hessian();
    if (other == null) {
      return false;
    }
    for (int i = 0; i < h.length; i++) {
      if (!near(h[i], other[i])) {
        return true;
      }
    }
    return false;
  }

  /** {@link #twinHessian} without the cache, for a point moved from a checked one. */
  TwinHessian twinHessianAt(Expected e) throws FailureException {
    Point p = e.point();
    Ctx<DerivativeStructure> ctx = Ctx.secondOrder(p.freeParameters());
    Object value;
    try {
      value = twin.invoke(null, p.twinArgs(ctx));
    } catch (InvocationTargetException ex) {
      throw new FailureException(failure(Kind.TWIN_EXCEPTION, "second-order twin: "
          + describe(ex.getCause()), "at " + p.describe(), e.pointSeed()));
    } catch (IllegalAccessException ex) {
      throw new IllegalStateException(ex);
    }
    TwinHessian result;
    DerivativeStructure ds = (DerivativeStructure) value;
    if (ctx.minMargin() < MARGIN) {
      result = new TwinHessian(null, "second-order twin near " + ctx.minWhat());
    } else {
      checkTwinValue(e.value(), ds.getValue(), "second-order result", p, e.pointSeed());
      double[] g = ctx.gradient(ds);
      double largest = 0.0;
      for (double x : e.gradient()) {
        largest = Math.max(largest, Math.abs(x));
      }
      for (int i = 0; i < g.length; i++) {
        if (!close(e.gradient()[i], g[i], GRADIENT_TOLERANCE)
            && !(Math.abs(e.gradient()[i] - g[i]) <= NORMWISE_TOLERANCE * largest)) {
          throw new FailureException(failure(Kind.TWIN_MISMATCH,
              "second-order twin's gradient differs from the first-order twin's",
              "component " + i + ": " + g[i] + ", first order " + e.gradient()[i] + " at "
                  + p.describe(), e.pointSeed()));
        }
      }
      double[][] h = Ctx.hessian(ds);
      boolean finite = true;
      for (double[] row : h) {
        for (double x : row) {
          finite &= Double.isFinite(x);
        }
      }
      result = finite ? new TwinHessian(h, null) : new TwinHessian(null, "Hessian not finite");
    }
    return result;
  }

  /**
   * The direction of the {@code call}th hvp at the point drawn from {@code pointSeed}: drawn
   * as jvp tangents are (two decimals, never zero), from a stream of its own.
   */
  public static double[] hvpDirection(long pointSeed, int call, int n) {
    return jvpTangent(pointSeed, 3 + call, n);
  }

  /** {@code H v}: what hvp along {@code v} should give, with {@code H} symmetric. */
  public static double[] hvpExpected(double[][] h, double[] v) {
    double[] r = new double[h.length];
    for (int i = 0; i < h.length; i++) {
      r[i] = dot(h[i], v);
    }
    return r;
  }

  /**
   * Second order at one point, after every other check, on the same frame: {@code hvp} along a
   * random direction; along another with a {@code null} direction for one differentiated array
   * (zero), if there is one; and with at most {@link #HESSIAN_MAX_INPUTS} inputs the whole
   * {@code hessian}. Each result is checked against the twin's Hessian (times the direction);
   * hvp must also return and set the value, and change no input or direction. A first call that
   * throws "is not supported yet" marks the method unsupported, and nothing more is checked.
   */
  private Failure hvp(Object frame, Expected e) throws ReflectiveOperationException {
    if (hvpUnsupported != null) {
      return null;
    }
    int n = e.point().freeParameters();
    int arrays = Records.nullables(m).size();
    Failure f = hvpCall(frame, e, 0, -1);
    if (f != null || hvpUnsupported != null) {
      return f;
    }
    if (hessians.get(e.pointSeed()).hessian() == null) {
      hvpNotChecked = hessians.get(e.pointSeed()).rejection();
      return null;
    }
    if (arrays > 0) {
      f = hvpCall(frame, e, 1, nulledArray(e.pointSeed(), arrays));
    }
    if (f == null && n <= HESSIAN_MAX_INPUTS && !drawsMoreInJacobianAndHessian(m)) {
      f = hessian(frame, e);
      hessianPoints += f == null ? 1 : 0;
    }
    if (f == null) {
      hvpPoints++;
      for (double[] row : hessians.get(e.pointSeed()).hessian()) {
        for (double x : row) {
          nonZeroHessian |= x != 0.0;
        }
      }
    }
    return f;
  }

  /**
   * One hvp call: along direction {@code call}, with the {@code nullArray}th differentiated
   * array's direction null (none if negative).
   */
  private Failure hvpCall(Object frame, Expected e, int call, int nullArray)
      throws ReflectiveOperationException {
    Point p = e.point();
    Records.Nullable unit = nullArray >= 0 ? Records.nullables(m).get(nullArray) : null;
    String what = unit != null && unit.record() != null ? "hvp with a null record direction"
        : nullArray >= 0 ? "hvp with a null array direction" : "hvp";
    double[] v = hvpDirection(e.pointSeed(), call, p.freeParameters());
    Object[] args = p.copy();
    List<Object> callArgs = new ArrayList<>(Arrays.asList(frameArgs.pack(args)));
    List<Class<?>> sig = new ArrayList<>(Arrays.asList(types));
    sig.addAll(Arrays.asList(frameArgs.tangentTypes));
    List<Object> directions = new ArrayList<>();
    Object[] directionOf = directions(args, v, unit, directions);
    callArgs.addAll(frameArgs.tangents(directionOf, args, unit == null ? null : unit.record()));
    List<Object> snapshot = new ArrayList<>();
    for (Object d : directions) {
      snapshot.add(Point.deepCopy(d));
    }
    Field valueField = frameClass.getField("value");
    valueField.setDouble(frame, Double.NaN);
    Method hvp = frameClass.getMethod("hvp", sig.toArray(new Class<?>[0]));
    double result;
    try {
      result = (Double) hvp.invoke(frame, callArgs.toArray());
    } catch (InvocationTargetException ex) {
      Throwable cause = ex.getCause();
      String marker = "is not supported yet";
      if (cause instanceof UnsupportedOperationException && cause.getMessage() != null
          && cause.getMessage().contains(marker)) {
        String message = cause.getMessage();
        hvpUnsupported = message.substring(message.indexOf(marker) + marker.length())
            .replaceFirst("^:\\s*", "");
        return null;
      }
      // The processor's stated limit, not a wrong number: hvp inlines the callees, and a
      // method calling big ones may not fit the JVM's 64 KB (CI seed, G9.m30, with row
      // variables and arrays in loops).
      String tooLarge = "is too large for one Java method";
      if (cause instanceof UnsupportedOperationException && cause.getMessage() != null
          && cause.getMessage().contains(tooLarge)) {
        hvpUnsupported = "it " + tooLarge;
        return null;
      }
      return threw(what, cause, p);
    }
    Failure inputs = outputsAndInputs(args, e, what);
    if (inputs != null) {
      defer(failure(Kind.WRONG_HVP, inputs.firstLine(), inputs.details(), 0));
    }
    for (int i = 0; i < directions.size(); i++) {
      if (!Arrays.equals(Point.flat(directions.get(i)), Point.flat(snapshot.get(i)))) {
        defer(failure(Kind.WRONG_HVP, what + " changed a direction array",
            "direction " + i + " is now " + Point.render(directions.get(i)) + ", was "
                + Point.render(snapshot.get(i)) + " at " + p.describe(), 0));
      }
    }
    double field = valueField.getDouble(frame);
    if (!close(e.value(), result, VALUE_TOLERANCE) || !close(e.value(), field, VALUE_TOLERANCE)) {
      return failure(Kind.WRONG_HVP, what + ": value differs",
          "returned " + result + ", value field " + field + ", method " + e.value() + " at "
              + p.describe(), 0);
    }
    TwinHessian twinH;
    try {
      twinH = twinHessian(e);
    } catch (FailureException ex) {
      return ex.failure;
    }
    if (twinH.hessian() == null) {
      return null;
    }
    return compareHvp(what, twinH.hessian(), v, gradient(frame), p);
  }

  /**
   * The tangent (or direction) of each differentiated parameter: {@code v}'s components in
   * turn, a Double for a scalar, an array of the argument's shape for an array (into
   * {@code arrays}), null for the array {@code nulled} (a record {@code nulled}: zeros, its
   * record is null); the nulled components of {@code v} set to zero.
   */
  private Object[] directions(Object[] args, double[] v, Records.Nullable nulled,
      List<Object> arrays) {
    Object[] out = new Object[args.length];
    List<Integer> zero = nulled == null ? List.of() : nulled.params();
    int at = 0;
    for (int k = 0; k < args.length; k++) {
      if (!m.differentiated(m.params().get(k))) {
        continue;
      }
      boolean nulledHere = zero.contains(k);
      if (args[k] instanceof Double) {
        if (nulledHere) {
          v[at] = 0.0;
        }
        out[k] = v[at++];
        continue;
      }
      Object direction = Point.deepCopy(args[k]);
      for (double[] row : rows(direction)) {
        for (int i = 0; i < row.length; i++) {
          if (nulledHere) {
            v[at] = 0.0;
          }
          row[i] = v[at++];
        }
      }
      boolean nullArray = nulledHere && nulled.record() == null;
      out[k] = nullArray ? null : direction;
      if (!nullArray) {
        arrays.add(direction);
      }
    }
    return out;
  }

  /** A failure for an exception thrown by hvp or hessian. */
  private Failure threw(String what, Throwable cause, Point p) {
    StringBuilder trace = new StringBuilder();
    for (StackTraceElement s : cause.getStackTrace()) {
      trace.append("\n  at ").append(s);
      if (s.getClassName().startsWith("jdk.internal.reflect")) {
        break;
      }
    }
    return failure(Kind.WRONG_HVP, what + " threw " + describe(cause), "at " + p.describe()
        + trace, 0);
  }

  /**
   * {@code actual} against {@code H v}. Relative, as for jvp, to the sum of the terms'
   * magnitudes {@code Σ|H_ij v_j|}, which bounds the rounding of a sum that cancels; and, as
   * hvp is reverse mode, also within {@link #NORMWISE_TOLERANCE} of the largest such sum.
   */
  private Failure compareHvp(String what, double[][] h, double[] v, double[] actual, Point p) {
    double[] expected = hvpExpected(h, v);
    double[][] absH = abs(h);
    double[] scales = hvpExpected(absH, abs(v));
    if (expected.length != actual.length) {
      return failure(Kind.WRONG_HVP, what + ": " + actual.length + " components, expected "
          + expected.length, "at " + p.describe(), 0);
    }
    double largest = 0.0;
    for (double x : scales) {
      largest = Math.max(largest, x);
    }
    for (int i = 0; i < expected.length; i++) {
      double want = expected[i] + hvpExpectationError;
      double got = actual[i];
      double scale = Math.max(1.0, Math.max(scales[i], Math.abs(got)));
      double error = Math.abs(want - got);
      double tolerance = Math.max(GRADIENT_TOLERANCE * scale, NORMWISE_TOLERANCE * largest);
      if (error <= tolerance) {
        hvpHeadroom = Math.max(hvpHeadroom, error / tolerance);
      } else {
        double[] shown = expected.clone();
        for (int j = 0; j < shown.length; j++) {
          shown[j] += hvpExpectationError;
        }
        return failure(Kind.WRONG_HVP, what + (Double.isFinite(got) ? " differs from the twin"
                : " is not finite"),
            describeComponent(i) + ": tapeless " + got + ", twin " + want + "\ndirection "
                + Arrays.toString(v) + "\ntapeless " + Arrays.toString(actual) + "\ntwin     "
                + Arrays.toString(shown) + "\nat " + p.describe(), 0);
      }
    }
    return null;
  }

  /** {@code hessian} into a matrix full of junk, each row against the twin's. */
  private Failure hessian(Object frame, Expected e) throws ReflectiveOperationException {
    Point p = e.point();
    double[][] h = hessians.get(e.pointSeed()).hessian();
    int n = h.length;
    Object[] args = p.copy();
    double[][] actual = new double[n][n];
    for (double[] row : actual) {
      Arrays.fill(row, 1234.5);
    }
    Class<?>[] sig = Arrays.copyOf(types, types.length + 1);
    sig[types.length] = double[][].class;
    Object[] packed = frameArgs.pack(args);
    Object[] call = Arrays.copyOf(packed, packed.length + 1);
    call[packed.length] = actual;
    try {
      frameClass.getMethod("hessian", sig).invoke(frame, call);
    } catch (InvocationTargetException ex) {
      return threw("hessian", ex.getCause(), p);
    }
    Failure inputs = outputsAndInputs(args, e, "hessian");
    if (inputs != null) {
      defer(failure(Kind.WRONG_HVP, inputs.firstLine(), inputs.details(), 0));
    }
    for (int row = 0; row < n; row++) {
      double[] unit = new double[n];
      unit[row] = 1.0;
      Failure f = compareHvp("hessian row " + row, h, unit, actual[row], p);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  private static double[][] rows(Object array) {
    return array instanceof double[] d ? new double[][] {d} : (double[][]) array;
  }

  private static double[][] abs(double[][] v) {
    double[][] a = new double[v.length][];
    for (int i = 0; i < v.length; i++) {
      a[i] = abs(v[i]);
    }
    return a;
  }

  private static double[] abs(double[] v) {
    double[] a = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      a[i] = Math.abs(v[i]);
    }
    return a;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0.0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private Failure pullback(Object frame, Expected e) throws ReflectiveOperationException {
    Point p = e.point();
    SplittableRandom random = new SplittableRandom(seed ^ 0x5eedL);
    Object[] args = p.copy();
    List<Object> call = new ArrayList<>(Arrays.asList(frameArgs.pack(args)));
    List<Class<?>> sig = new ArrayList<>(Arrays.asList(types));
    List<Double> seedValues = new ArrayList<>();
    for (int k = 0; k < m.params().size(); k++) {
      Param par = m.params().get(k);
      if (!par.out()) {
        continue;
      }
      Object seedArray = Point.deepCopy(args[k]);
      if (seedArray instanceof double[] v) {
        for (int i = 0; i < v.length; i++) {
          v[i] = random.nextDouble(-1, 1);
          seedValues.add(v[i]);
        }
      } else {
        for (double[] row : (double[][]) seedArray) {
          for (int i = 0; i < row.length; i++) {
            row[i] = random.nextDouble(-1, 1);
            seedValues.add(row[i]);
          }
        }
      }
      call.add(seedArray);
      sig.add(javaType(par.type()));
    }
    frameClass.getMethod("pullback", sig.toArray(new Class<?>[0])).invoke(frame, call.toArray());
    defer(outputsAndInputs(args, e, "pullback"));
    double[] expected = new double[p.freeParameters()];
    for (int i = 0; i < e.outputGradients().length; i++) {
      for (int j = 0; j < expected.length; j++) {
        expected[j] += seedValues.get(i) * e.outputGradients()[i][j];
      }
    }
    return compare(Kind.WRONG_PULLBACK, "pullback", expected, gradient(frame), 1, p);
  }

  private Failure jacobian(Object frame, Expected e) throws ReflectiveOperationException {
    Point p = e.point();
    Object[] args = p.copy();
    double[][] j = new double[e.outputs().length][p.freeParameters()];
    Class<?>[] sig = Arrays.copyOf(types, types.length + 1);
    sig[types.length] = double[][].class;
    Object[] packed = frameArgs.pack(args);
    Object[] call = Arrays.copyOf(packed, packed.length + 1);
    call[packed.length] = j;
    frameClass.getMethod("jacobian", sig).invoke(frame, call);
    defer(outputsAndInputs(args, e, "jacobian"));
    for (int row = 0; row < j.length; row++) {
      Failure f = compare(Kind.WRONG_JACOBIAN, "jacobian row " + row, e.outputGradients()[row], j[row],
          1, p);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  /** The next draw of each random source among {@code args} (in parameter order). */
  private long[] objectStates(Object[] args) {
    List<Long> states = new ArrayList<>();
    for (int k = 0; k < m.params().size(); k++) {
      if (m.params().get(k).type().isObject()) {
        states.add(Point.Source.next(args[k]));
      }
    }
    return states.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * Whether the method takes a random source: {@code jacobian} and {@code hessian} evaluate the
   * body more than once and so draw more than the plain method (their Javadoc says so).
   */
  static boolean drawsMoreInJacobianAndHessian(MethodDef m) {
    return m.params().stream().anyMatch(p -> p.type().isObject());
  }

  /**
   * After a frame call: outputs hold the method's outputs, inputs are unchanged, and each random
   * source was called as often as the plain method calls it (its next draw is the same).
   */
  private Failure outputsAndInputs(Object[] args, Expected e, String call) {
    Point p = e.point();
    long[] drawn = objectStates.get(e.pointSeed());
    long[] got = objectStates(args);
    if (drawn != null && !Arrays.equals(drawn, got)) {
      return failure(Kind.WRONG_OBJECT_CALLS, call + " called a @NoDerivative object other than"
          + " the plain method does", "next draws: plain " + Arrays.toString(drawn) + ", "
          + call + " " + Arrays.toString(got) + " at " + p.describe(), 0);
    }
    int next = 0;
    for (int k = 0; k < m.params().size(); k++) {
      Param par = m.params().get(k);
      double[] now = Point.flat(args[k]);
      if (par.out()) {
        for (double v : now) {
          double want = e.outputs()[next++];
          if (!close(want, v, VALUE_TOLERANCE)) {
            return failure(Kind.WRONG_OUTPUTS, "@Out array after " + call
                + " differs from the method's output",
                par.name() + ": tapeless " + Arrays.toString(now) + " at " + p.describe(), 0);
          }
        }
      } else if (par.type().isArray()) {
        if (!Arrays.equals(now, Point.flat(p.arg(k)))
            || (args[k] instanceof int[] ints && !Arrays.equals(ints, (int[]) p.arg(k)))) {
          return failure(Kind.INPUT_MODIFIED, call + " changed an input array",
              par.name() + " is now " + Point.render(args[k]), 0);
        }
      }
    }
    return null;
  }

  /** The frame's d* fields (records' adjoint twins too), flattened in declaration order. */
  private double[] gradient(Object frame) throws ReflectiveOperationException {
    return frameArgs.gradient(frame);
  }

  private Failure compare(Kind kind, String what, double[] expected, double[] actual,
      double factor, Point p) {
    if (expected.length != actual.length) {
      return failure(kind, what + ": " + actual.length + " gradient components, expected "
          + expected.length, "at " + p.describe(), 0);
    }
    double largest = 0.0;
    for (double x : expected) {
      largest = Math.max(largest, Math.abs(factor * x));
    }
    for (int i = 0; i < expected.length; i++) {
      double want = factor * expected[i];
      if (!Double.isFinite(actual[i])) {
        return failure(Kind.NAN_GRADIENT, what + ": non-finite component",
            describeComponent(i) + " = " + actual[i] + ", twin " + want + "\nat "
                + p.describe(), 0);
      }
      if (!close(want, actual[i], GRADIENT_TOLERANCE)
          && !(Math.abs(want - actual[i]) <= NORMWISE_TOLERANCE * largest)) {
        return failure(kind, what + " differs from the twin",
            describeComponent(i) + ": tapeless " + actual[i] + ", twin " + want
                + "\ntapeless " + Arrays.toString(actual) + "\ntwin     "
                + Arrays.toString(scaled(expected, factor)) + "\nat " + p.describe(), 0);
      }
    }
    return null;
  }

  private static double[] scaled(double[] v, double factor) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = v[i] * factor;
    }
    return r;
  }

  private String describeComponent(int i) {
    return "component " + i;
  }
}

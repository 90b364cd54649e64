package dev.tapeless.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Checks a float kernel method against its double overload: both are called at the same point,
 * the double one with the float arguments widened (exactly), so that they compute the same
 * function and differ only by float rounding. The double methods are checked against finite
 * differences and each other elsewhere; agreement to {@link #TOLERANCE} carries that over to
 * float, where finite differences themselves would be too noisy to tell much.
 *
 * <p>After the calls, the returned values and the contents of every array argument (outputs,
 * seeds, adjoints) must agree, each array to {@code TOLERANCE} relative to its largest element
 * before or after the call: float sums of a few terms lose about that much of the largest term,
 * not of a result that happens to be small. Where the double method throws, the float one must
 * throw the same exception with the same message.
 *
 * <p>The arguments are given in double and rounded to float; an array passed twice (or as a row
 * of a matrix argument) is one array in both calls, so aliasing checks see the same aliasing.
 */
final class FloatTwins {

  /** Relative agreement of a float method with its double overload. */
  static final double TOLERANCE = 1e-5;

  private FloatTwins() {}

  /** Whether {@code m} is a float overload: float in its parameters or its result. */
  static boolean isFloat(Method m) {
    for (Class<?> t : m.getParameterTypes()) {
      if (t == float.class || t == float[].class || t == float[][].class) {
        return true;
      }
    }
    return m.getReturnType() == float.class;
  }

  /** The activations' {@code long} overloads, which keep integer arguments in double. */
  static boolean isIntegerOverload(Method m) {
    return m.getParameterCount() == 1 && m.getParameterTypes()[0] == long.class;
  }

  /** The public double method {@code name} of {@code owner} with {@code arity} parameters. */
  static Method doubleMethod(Class<?> owner, String name, int arity) {
    Method found = null;
    for (Method m : owner.getDeclaredMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == arity && !isFloat(m)
          && !isIntegerOverload(m) && Modifier.isPublic(m.getModifiers())) {
        assertTrue(found == null, "one double " + name + " with " + arity + " parameters");
        found = m;
      }
    }
    assertNotNull(found, owner.getSimpleName() + " has no double " + name + "/" + arity);
    return found;
  }

  /**
   * The float overload of {@code d}: double, double[] and double[][] become float, float[] and
   * float[][], except a last {@code double[] dScalars}, which the convention keeps in double.
   */
  static Method floatTwin(Method d) {
    Class<?>[] types = d.getParameterTypes();
    Class<?>[] expected = new Class<?>[types.length];
    for (int i = 0; i < types.length; i++) {
      expected[i] = toFloat(types[i]);
    }
    Method found = lookUp(d, expected);
    if (found == null && types.length > 0 && types[types.length - 1] == double[].class) {
      expected[types.length - 1] = double[].class;
      found = lookUp(d, expected);
    }
    if (found == null) {
      fail(d + " has no float overload");
    }
    assertEquals(toFloat(d.getReturnType()), found.getReturnType(), found + " returns");
    assertTrue(Modifier.isPublic(found.getModifiers()) && Modifier.isStatic(found.getModifiers()),
        found + " is public static");
    return found;
  }

  private static Method lookUp(Method d, Class<?>[] types) {
    try {
      return d.getDeclaringClass().getDeclaredMethod(d.getName(), types);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static Class<?> toFloat(Class<?> t) {
    if (t == double.class) {
      return float.class;
    } else if (t == double[].class) {
      return float[].class;
    } else if (t == double[][].class) {
      return float[][].class;
    }
    return t;
  }

  /**
   * Calls {@code d} and its float overload at {@code args} rounded to float and requires the
   * same results, or the same exception.
   */
  static void assertTwins(String what, Method d, Object... args) {
    Method f = floatTwin(d);
    Object[] floats = new Object[args.length];
    Object[] doubles = new Object[args.length];
    Conversion conversion = new Conversion();
    Class<?>[] floatTypes = f.getParameterTypes();
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (floatTypes[i] == float.class) {
        float v = ((Number) a).floatValue();
        floats[i] = v;
        doubles[i] = (double) v;
      } else if (floatTypes[i] == float[].class || floatTypes[i] == float[][].class) {
        floats[i] = conversion.toFloat(a);
        doubles[i] = conversion.toDouble(a);
      } else if (a instanceof double[] v) { // dScalars, double in both
        floats[i] = v.clone();
        doubles[i] = v.clone();
      } else {
        floats[i] = a;
        doubles[i] = a;
      }
    }
    Object[] before = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      before[i] = copy(doubles[i]);
    }
    Object doubleResult;
    try {
      doubleResult = d.invoke(null, doubles);
    } catch (InvocationTargetException e) {
      RuntimeException expected = runtime(e);
      RuntimeException actual = null;
      try {
        f.invoke(null, floats);
      } catch (InvocationTargetException fe) {
        actual = runtime(fe);
      } catch (IllegalAccessException fe) {
        throw new AssertionError(fe);
      }
      assertNotNull(actual, what + ": the double " + d.getName() + " throws " + expected
          + ", the float one nothing");
      assertEquals(expected.getClass(), actual.getClass(), what + ": exception");
      assertEquals(expected.getMessage(), actual.getMessage(), what + ": message");
      return;
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
    Object floatResult;
    try {
      floatResult = f.invoke(null, floats);
    } catch (InvocationTargetException e) {
      throw new AssertionError(what + ": the float " + f.getName() + " throws", e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
    if (d.getReturnType() == double.class) {
      double expected = (Double) doubleResult;
      assertClose(what + ": result", expected, (Float) floatResult, Math.abs(expected));
    }
    for (int i = 0; i < args.length; i++) {
      if (doubles[i] instanceof double[] || doubles[i] instanceof double[][]) {
        assertArrayClose(what + ": argument " + i + " after the call", before[i], doubles[i],
            floats[i]);
      }
    }
  }

  /** Requires both calls to throw the same exception, with the same message. */
  static void assertSameError(String what, Method d, Object... args) {
    try {
      d.invoke(null, Conversion.doubles(d, args));
      fail(what + ": the double " + d.getName() + " throws nothing");
    } catch (InvocationTargetException e) {
      assertTrue(e.getCause() instanceof IllegalArgumentException, what + ": " + e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
    assertTwins(what, d, args);
  }

  private static RuntimeException runtime(InvocationTargetException e) {
    if (e.getCause() instanceof RuntimeException re) {
      return re;
    }
    throw new AssertionError(e.getCause());
  }

  private static void assertArrayClose(String what, Object before, Object expected,
      Object actual) {
    double[] b = flatDouble(before);
    double[] e = flatDouble(expected);
    double[] a = flatFloat(actual);
    assertEquals(e.length, a.length, what + ": length");
    double scale = 0;
    for (int i = 0; i < e.length; i++) {
      scale = Math.max(scale, Math.max(finiteAbs(b[i]), finiteAbs(e[i])));
    }
    for (int i = 0; i < e.length; i++) {
      assertClose(what + " [" + i + "]", e[i], a[i], scale);
    }
  }

  private static double finiteAbs(double v) {
    return Double.isFinite(v) ? Math.abs(v) : 0;
  }

  /** {@code |actual − expected| ≤ TOLERANCE · scale}; NaN for NaN, an infinity for itself. */
  static void assertClose(String what, double expected, double actual, double scale) {
    if (Double.isNaN(expected) || Double.isInfinite(expected)) {
      assertEquals(expected, actual, what);
      return;
    }
    if (!(Math.abs(actual - expected) <= TOLERANCE * scale)) {
      fail(what + ": float " + actual + ", double " + expected + " (scale " + scale + ")");
    }
  }

  private static double[] flatDouble(Object a) {
    if (a instanceof double[] v) {
      return v;
    }
    return KernelTesting.flatten((double[][]) a);
  }

  private static double[] flatFloat(Object a) {
    if (a instanceof double[] v) { // dScalars
      return v;
    }
    if (a instanceof float[] v) {
      double[] out = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        out[i] = v[i];
      }
      return out;
    }
    float[][] m = (float[][]) a;
    int n = 0;
    for (float[] row : m) {
      n += row.length;
    }
    double[] out = new double[n];
    int k = 0;
    for (float[] row : m) {
      for (float v : row) {
        out[k++] = v;
      }
    }
    return out;
  }

  private static Object copy(Object a) {
    if (a instanceof double[] v) {
      return v.clone();
    } else if (a instanceof double[][] m) {
      return KernelTesting.copy(m);
    }
    return a;
  }

  /**
   * Double arguments to float ones and back to double (rounded, then widened exactly), one
   * array for one array: an array met twice maps to the same copy.
   */
  private static final class Conversion {
    private final Map<Object, Object> floats = new IdentityHashMap<>();
    private final Map<Object, Object> doubles = new IdentityHashMap<>();

    /** The double method's arguments at the rounded point, for a call without its twin. */
    static Object[] doubles(Method d, Object[] args) {
      Conversion c = new Conversion();
      Object[] out = new Object[args.length];
      Class<?>[] types = floatTwin(d).getParameterTypes();
      for (int i = 0; i < args.length; i++) {
        if (types[i] == float.class) {
          out[i] = (double) ((Number) args[i]).floatValue();
        } else if (types[i] == float[].class || types[i] == float[][].class) {
          out[i] = c.toDouble(args[i]);
        } else {
          out[i] = copy(args[i]);
        }
      }
      return out;
    }

    Object toFloat(Object a) {
      if (a == null) {
        return null;
      }
      Object known = floats.get(a);
      if (known != null) {
        return known;
      }
      Object converted;
      if (a instanceof double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
          f[i] = (float) v[i];
        }
        converted = f;
      } else {
        double[][] m = (double[][]) a;
        float[][] f = new float[m.length][];
        for (int i = 0; i < m.length; i++) {
          f[i] = (float[]) toFloat(m[i]);
        }
        converted = f;
      }
      floats.put(a, converted);
      return converted;
    }

    Object toDouble(Object a) {
      if (a == null) {
        return null;
      }
      Object known = doubles.get(a);
      if (known != null) {
        return known;
      }
      Object converted;
      if (a instanceof double[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
          d[i] = (float) v[i];
        }
        converted = d;
      } else {
        double[][] m = (double[][]) a;
        double[][] d = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
          d[i] = (double[]) toDouble(m[i]);
        }
        converted = d;
      }
      doubles.put(a, converted);
      return converted;
    }
  }
}

package dev.tapeless.fuzz.run;

import dev.tapeless.fuzz.ast.DimSym;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Ty;
import dev.tapeless.fuzz.twin.Ctx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hipparchus.analysis.differentiation.Derivative;

/**
 * Arguments for one call of a generated method: differentiated doubles in [-2, 2], lengths and
 * int parameters drawn from their symbols' ranges (so that loops run 0 to a few times), int[]
 * contents and longs in [0, 5], {@code @Out} arrays holding random incoming contents. Every
 * double is a float value, so that a method's float version takes exactly the same point.
 */
public final class Point {
  private final MethodDef method;
  private final Object[] args;

  private Point(MethodDef method, Object[] args) {
    this.method = method;
    this.args = args;
  }

  public static Point draw(MethodDef m, SplittableRandom random) {
    Map<Integer, Integer> lengths = new HashMap<>();
    for (DimSym d : m.dims()) {
      lengths.put(d.id(), d.min() + random.nextInt(d.max() - d.min() + 1));
    }
    Object[] args = new Object[m.params().size()];
    for (int k = 0; k < args.length; k++) {
      Param p = m.params().get(k);
      double lo = p.out() ? -1 : -2;
      double hi = p.out() ? 1 : 2;
      switch (p.type()) {
        case DOUBLE -> args[k] = (double) (float) random.nextDouble(-2, 2);
        case INT -> args[k] = lengths.get(p.dims().get(0));
        case LONG -> args[k] = (long) random.nextInt(Param.SMALL_MAX + 1);
        case BOOLEAN -> args[k] = random.nextBoolean();
        case IARR -> {
          int[] a = new int[lengths.get(p.dims().get(0))];
          for (int i = 0; i < a.length; i++) {
            a[i] = random.nextInt(Param.SMALL_MAX + 1);
          }
          args[k] = a;
        }
        case DARR -> args[k] = vector(lengths.get(p.dims().get(0)), lo, hi, random);
        case DMAT -> {
          int rows = lengths.get(p.dims().get(0));
          double[][] a = new double[rows][];
          DimSym cols = m.dim(p.dims().get(1));
          for (int i = 0; i < rows; i++) {
            int n = p.jagged() ? cols.min() + random.nextInt(cols.max() - cols.min() + 1)
                : lengths.get(p.dims().get(1));
            a[i] = vector(n, lo, hi, random);
          }
          args[k] = a;
        }
        case RANDOM, SPLITTABLE -> args[k] = new Source(p.type(), random.nextLong());
        case LIST, LIST2 -> {
          List<Object> list = new ArrayList<>();
          int size = lengths.get(p.dims().get(0));
          for (int i = 0; i < size; i++) {
            if (p.type() == Ty.LIST) {
              list.add(vector(lengths.get(p.dims().get(1)), lo, hi, random));
            } else {
              double[][] a = new double[lengths.get(p.dims().get(1))][];
              for (int j = 0; j < a.length; j++) {
                a[j] = vector(lengths.get(p.dims().get(2)), lo, hi, random);
              }
              list.add(a);
            }
          }
          args[k] = List.copyOf(list);
        }
        default -> throw new IllegalStateException(p.type().toString());
      }
    }
    return new Point(m, args);
  }

  /**
   * A random source by its seed: every call of the method, its twin or its frame gets a fresh
   * object built from the same seed, so that all of them see the same draws.
   */
  public record Source(Ty type, long seed) {
    /** A fresh object of this seed. */
    public Object fresh() {
      return type == Ty.RANDOM ? new java.util.Random(seed) : new SplittableRandom(seed);
    }

    /** The next draw of an object made by {@link #fresh()}: what shows how often it was called. */
    public static long next(Object source) {
      return source instanceof java.util.Random r ? r.nextLong()
          : ((SplittableRandom) source).nextLong();
    }

    @Override
    public String toString() {
      return "new " + type.java() + "(" + seed + "L)";
    }
  }

  private static double[] vector(int n, double lo, double hi, SplittableRandom random) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextDouble(lo, hi);
    }
    return v;
  }

  /** A deep copy of the arguments, for one call. */
  public Object[] copy() {
    Object[] c = new Object[args.length];
    for (int k = 0; k < args.length; k++) {
      c[k] = deepCopy(args[k]);
    }
    return c;
  }

  static Object deepCopy(Object o) {
    if (o instanceof float[] a) {
      return a.clone();
    } else if (o instanceof float[][] a) {
      float[][] c = new float[a.length][];
      for (int i = 0; i < a.length; i++) {
        c[i] = a[i].clone();
      }
      return c;
    } else if (o instanceof double[] a) {
      return a.clone();
    } else if (o instanceof double[][] a) {
      double[][] c = new double[a.length][];
      for (int i = 0; i < a.length; i++) {
        c[i] = a[i].clone();
      }
      return c;
    } else if (o instanceof int[] a) {
      return a.clone();
    } else if (o instanceof Source src) {
      return src.fresh();
    } else if (o instanceof List<?> list) {
      List<Object> c = new ArrayList<>();
      for (Object x : list) {
        c.add(deepCopy(x));
      }
      return c;
    }
    return o;
  }

  public Object arg(int k) {
    return args[k];
  }

  /**
   * This point with every differentiated value {@code x} moved by {@code relative * max(1,
   * |x|)}, up or down at random: where the derivatives change more than float precision allows
   * under such a move, the rounding inside a float program changes them too.
   */
  public Point perturbed(double relative, SplittableRandom random) {
    // random sources stay seeds: a live object would be shared by the method and its twin
    Object[] moved = new Object[args.length];
    for (int k = 0; k < args.length; k++) {
      moved[k] = args[k] instanceof Source ? args[k] : deepCopy(args[k]);
    }
    for (int k = 0; k < moved.length; k++) {
      if (!method.differentiated(method.params().get(k))) {
        continue;
      }
      if (moved[k] instanceof Double d) {
        moved[k] = move(d, relative, random);
      } else {
        double[][] rows = moved[k] instanceof double[] v ? new double[][] {v} : (double[][]) moved[k];
        for (double[] row : rows) {
          for (int i = 0; i < row.length; i++) {
            row[i] = move(row[i], relative, random);
          }
        }
      }
    }
    return new Point(method, moved);
  }

  private static double move(double x, double relative, SplittableRandom random) {
    return x + (random.nextBoolean() ? 1 : -1) * relative * Math.max(1.0, Math.abs(x));
  }

  /** The arguments of the method's float version: doubles as floats (exactly), deep copies. */
  public Object[] floatCopy() {
    Object[] c = new Object[args.length];
    for (int k = 0; k < args.length; k++) {
      c[k] = toFloat(args[k]);
    }
    return c;
  }

  /** A double, double[] or double[][] as float ones; anything else copied as is. */
  public static Object toFloat(Object o) {
    if (o instanceof Double d) {
      return (float) (double) d;
    } else if (o instanceof double[] a) {
      float[] f = new float[a.length];
      for (int i = 0; i < a.length; i++) {
        f[i] = (float) a[i];
      }
      return f;
    } else if (o instanceof double[][] a) {
      float[][] f = new float[a.length][];
      for (int i = 0; i < a.length; i++) {
        f[i] = (float[]) toFloat(a[i]);
      }
      return f;
    } else if (o instanceof List<?> list) {
      List<Object> c = new ArrayList<>();
      for (Object x : list) {
        c.add(toFloat(x));
      }
      return c;
    }
    return deepCopy(o);
  }

  /** The number of differentiated scalars: the twin's free parameters, the Jacobian's columns. */
  public int freeParameters() {
    int n = 0;
    for (int k = 0; k < args.length; k++) {
      if (method.differentiated(method.params().get(k))) {
        n += flat(args[k]).length;
      }
    }
    return n;
  }

  /** The twin's arguments: differentiated values become variables, in declaration order. */
  public <T extends Derivative<T>> Object[] twinArgs(Ctx<T> c) {
    List<Object> result = new ArrayList<>();
    result.add(c);
    int next = 0;
    for (int k = 0; k < args.length; k++) {
      Param p = method.params().get(k);
      boolean variable = method.differentiated(p);
      Object a = args[k];
      if (a instanceof Double d) {
        result.add(variable ? c.variable(next++, d) : c.k(d));
      } else if (a instanceof double[] v) {
        T[] g = c.newArray(v.length);
        for (int i = 0; i < v.length; i++) {
          g[i] = variable ? c.variable(next++, v[i]) : c.k(v[i]);
        }
        result.add(g);
      } else if (a instanceof double[][] m) {
        T[][] g = c.newMatrix(m.length);
        for (int i = 0; i < m.length; i++) {
          g[i] = c.newArray(m[i].length);
          for (int j = 0; j < m[i].length; j++) {
            g[i][j] = variable ? c.variable(next++, m[i][j]) : c.k(m[i][j]);
          }
        }
        result.add(g);
      } else if (a instanceof List<?> list) {
        // read-only data: arrays of constants
        List<Object> rows = new ArrayList<>();
        for (Object x : list) {
          rows.add(constants(c, x));
        }
        result.add(rows);
      } else {
        result.add(Point.deepCopy(a));
      }
    }
    return result.toArray();
  }

  private static <T extends Derivative<T>> Object constants(Ctx<T> c, Object a) {
    if (a instanceof double[] v) {
      T[] g = c.newArray(v.length);
      for (int i = 0; i < v.length; i++) {
        g[i] = c.k(v[i]);
      }
      return g;
    }
    double[][] m = (double[][]) a;
    T[][] g = c.newMatrix(m.length);
    for (int i = 0; i < m.length; i++) {
      @SuppressWarnings("unchecked")
      T[] row = (T[]) constants(c, m[i]);
      g[i] = row;
    }
    return g;
  }

  /** A scalar, vector or matrix as one row-major vector. */
  public static double[] flat(Object o) {
    if (o instanceof Double d) {
      return new double[] {d};
    } else if (o instanceof Float f) {
      return new double[] {f};
    } else if (o instanceof float[] a) {
      double[] d = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        d[i] = a[i];
      }
      return d;
    } else if (o instanceof float[][] m) {
      return Arrays.stream(m).flatMapToDouble(r -> Arrays.stream(flat(r))).toArray();
    } else if (o instanceof double[] a) {
      return a.clone();
    } else if (o instanceof double[][] m) {
      return Arrays.stream(m).flatMapToDouble(Arrays::stream).toArray();
    }
    return new double[0];
  }

  /** The numbers of a twin's T, T[] or T[][], row-major. */
  public static List<Derivative<?>> flatTwin(Object o) {
    List<Derivative<?>> result = new ArrayList<>();
    if (o instanceof Derivative<?> g) {
      result.add(g);
    } else if (o instanceof Derivative<?>[] a) {
      result.addAll(Arrays.asList(a));
    } else if (o instanceof Derivative<?>[][] m) {
      for (Derivative<?>[] row : m) {
        result.addAll(Arrays.asList(row));
      }
    }
    return result;
  }

  /** A readable rendering of the arguments, for reports. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < args.length; k++) {
      parts.add(method.params().get(k).name() + "=" + render(args[k]));
    }
    return String.join(", ", parts);
  }

  static String render(Object o) {
    if (o instanceof float[] a) {
      return Arrays.toString(a);
    } else if (o instanceof float[][] m) {
      return Arrays.deepToString(m);
    } else if (o instanceof double[] a) {
      return Arrays.toString(a);
    } else if (o instanceof double[][] m) {
      return Arrays.deepToString(m);
    } else if (o instanceof int[] a) {
      return Arrays.toString(a);
    } else if (o instanceof List<?> list) {
      return "java.util.List.of(" + String.join(", ", list.stream().map(Point::render).toList())
          + ")";
    }
    return String.valueOf(o);
  }
}

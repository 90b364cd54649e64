package dev.tapeless.it.arrays;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * One array corpus function with everything the tests need to check it: its parameters and how
 * to sample them, the original method, its generated frame, and optionally its Hipparchus twin.
 *
 * <p>Array lengths are named dimensions ({@code "n"}, {@code "m"}) sampled once per point, so
 * that parameters that must agree do, and shapes change from point to point (run-time trip
 * counts). A dimension may also be a literal ({@code "2"}). {@code @Out} arrays are sampled full
 * of garbage: their incoming contents must not matter, except to a method that reads them before
 * writing them ({@code Regressions.jac}), whose twin reads them too.
 *
 * <p>The frame is reached through lambdas that name the generated class and its fields
 * directly, so that a change in the generated API breaks compilation here rather than a
 * reflective lookup at run time.
 *
 * @param <G> the generated frame class
 */
final class ArrayCase<G> {

  /** How many random points each check visits. */
  static final int POINTS = 5;

  /** Calls a frame's valueAndGradient or accumulate. */
  @FunctionalInterface
  interface Call<G> {
    double call(G frame, Args args);
  }

  /** Calls a frame's pullback; {@code seeds} holds one seed per {@code @Out} parameter. */
  @FunctionalInterface
  interface Pullback<G> {
    void call(G frame, Args args, Args seeds);
  }

  /** Calls a frame's jacobian. */
  @FunctionalInterface
  interface Jacobian<G> {
    void call(G frame, Args args, double[][] j);
  }

  /** Samples one argument from the point's dimensions. */
  @FunctionalInterface
  interface Sampler {
    Object sample(Random random, Map<String, Integer> dims);
  }

  /** A parameter: its name, kind, whether it is differentiated or an output, and its sampler. */
  static final class Param {
    enum Kind {
      SCALAR,
      VECTOR,
      MATRIX,
      INT,
      INTS,
      BOOLEAN
    }

    final String name;
    final Kind kind;
    final boolean active;
    final boolean out;
    final Sampler sampler;

    private Param(String name, Kind kind, boolean active, boolean out, Sampler sampler) {
      this.name = name;
      this.kind = kind;
      this.active = active;
      this.out = out;
      this.sampler = sampler;
    }

    /** A differentiated double. */
    static Param real(String name, double lo, double hi) {
      return new Param(name, Kind.SCALAR, true, false, (r, d) -> uniform(r, lo, hi));
    }

    /** A double that is not differentiated. */
    static Param passive(String name, double lo, double hi) {
      return new Param(name, Kind.SCALAR, false, false, (r, d) -> uniform(r, lo, hi));
    }

    static Param vector(String name, String n, double lo, double hi) {
      return new Param(name, Kind.VECTOR, true, false, (r, d) -> vec(r, dim(d, n), lo, hi));
    }

    static Param passiveVector(String name, String n, double lo, double hi) {
      return new Param(name, Kind.VECTOR, false, false, (r, d) -> vec(r, dim(d, n), lo, hi));
    }

    static Param matrix(String name, String rows, String cols, double lo, double hi) {
      return new Param(name, Kind.MATRIX, true, false,
          (r, d) -> mat(r, dim(d, rows), dim(d, cols), lo, hi));
    }

    static Param passiveMatrix(String name, String rows, String cols, double lo, double hi) {
      return new Param(name, Kind.MATRIX, false, false,
          (r, d) -> mat(r, dim(d, rows), dim(d, cols), lo, hi));
    }

    /** A square matrix whose diagonal is drawn from {@code [dlo, dhi]}, the rest from [lo, hi]. */
    static Param withDiagonal(String name, String n, double lo, double hi, double dlo,
        double dhi) {
      return new Param(name, Kind.MATRIX, true, false, (r, d) -> {
        double[][] m = mat(r, dim(d, n), dim(d, n), lo, hi);
        for (int i = 0; i < m.length; i++) {
          m[i][i] = uniform(r, dlo, dhi);
        }
        return m;
      });
    }

    /**
     * Rows of random lengths in {@code [minLength, maxLength]}, drawn with the dimensions: the
     * same for every point of one shape.
     */
    static Param jagged(String name, String rows, int minLength, int maxLength, double lo,
        double hi) {
      return new Param(name, Kind.MATRIX, true, false, (r, d) -> {
        double[][] m = new double[dim(d, rows)][];
        for (int i = 0; i < m.length; i++) {
          // The row lengths are part of the shape: points of one shape share them.
          int length = d.computeIfAbsent(
              name + "[" + i + "]", k -> minLength + r.nextInt(maxLength - minLength + 1));
          m[i] = vec(r, length, lo, hi);
        }
        if (Flatten.size(m) == 0 && m.length > 0) {
          // Empty rows are welcome, but a matrix with no element at all has nothing to check.
          m[m.length - 1] = vec(r, 1, lo, hi);
          d.put(name + "[" + (m.length - 1) + "]", 1);
        }
        return m;
      });
    }

    /** An {@code @Out} vector, filled with garbage the method must overwrite. */
    static Param out(String name, String n) {
      return new Param(name, Kind.VECTOR, false, true, (r, d) -> vec(r, dim(d, n), -9, 9));
    }

    /** An {@code @Out} matrix, filled with garbage the method must overwrite. */
    static Param outMatrix(String name, String rows, String cols) {
      return new Param(name, Kind.MATRIX, false, true,
          (r, d) -> mat(r, dim(d, rows), dim(d, cols), -9, 9));
    }

    /** An {@code @Out} matrix with the row lengths of the jagged parameter {@code like}. */
    static Param outJagged(String name, String rows, String like) {
      return new Param(name, Kind.MATRIX, false, true, (r, d) -> {
        double[][] m = new double[dim(d, rows)][];
        for (int i = 0; i < m.length; i++) {
          m[i] = vec(r, dim(d, like + "[" + i + "]"), -9, 9);
        }
        return m;
      });
    }

    static Param bool(String name) {
      return new Param(name, Kind.BOOLEAN, false, false, (r, d) -> r.nextBoolean());
    }

    /** An int drawn from {@code [lo, hi]}. */
    static Param integer(String name, int lo, int hi) {
      return new Param(name, Kind.INT, false, false, (r, d) -> lo + r.nextInt(hi - lo + 1));
    }

    /** An int equal to a dimension. */
    static Param size(String name, String n) {
      return new Param(name, Kind.INT, false, false, (r, d) -> dim(d, n));
    }

    /** An int index into a dimension: {@code [0, n)}. */
    static Param index(String name, String n) {
      return new Param(name, Kind.INT, false, false, (r, d) -> r.nextInt(dim(d, n)));
    }

    /** An int[] of length {@code length} with entries in {@code [0, bound)}, repeats allowed. */
    static Param indices(String name, String length, String bound) {
      return new Param(name, Kind.INTS, false, false, (r, d) -> {
        int[] idx = new int[dim(d, length)];
        for (int k = 0; k < idx.length; k++) {
          idx[k] = r.nextInt(dim(d, bound));
        }
        return idx;
      });
    }

    private static int dim(Map<String, Integer> dims, String n) {
      if (Character.isDigit(n.charAt(0))) {
        return Integer.parseInt(n);
      }
      return Objects.requireNonNull(dims.get(n), () -> "no dimension " + n);
    }

    private static double uniform(Random r, double lo, double hi) {
      return lo + (hi - lo) * r.nextDouble();
    }

    private static double[] vec(Random r, int n, double lo, double hi) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = uniform(r, lo, hi);
      }
      return v;
    }

    private static double[][] mat(Random r, int rows, int cols, double lo, double hi) {
      double[][] m = new double[rows][];
      for (int i = 0; i < rows; i++) {
        m[i] = vec(r, cols, lo, hi);
      }
      return m;
    }
  }

  /** A dimension and the inclusive range it is drawn from. */
  record Dim(String name, int lo, int hi) {}

  /** The arguments as the Hipparchus twin sees them: differentiated values as variables. */
  static final class In {
    private final Args args;
    private final Object[] variables;
    private final int free;

    private In(Args args, Object[] variables, int free) {
      this.args = args;
      this.variables = variables;
      this.free = free;
    }

    /** Scalar parameter {@code i}: a variable if differentiated, else a constant. */
    Gradient x(int i) {
      return variables[i] != null ? (Gradient) variables[i] : constant(args.d(i));
    }

    /** Vector parameter {@code i}, element by element. */
    Gradient[] vec(int i) {
      if (variables[i] != null) {
        return (Gradient[]) variables[i];
      }
      double[] v = args.vec(i);
      Gradient[] g = new Gradient[v.length];
      for (int k = 0; k < v.length; k++) {
        g[k] = constant(v[k]);
      }
      return g;
    }

    /** Matrix parameter {@code i}, element by element. */
    Gradient[][] mat(int i) {
      if (variables[i] != null) {
        return (Gradient[][]) variables[i];
      }
      double[][] m = args.mat(i);
      Gradient[][] g = new Gradient[m.length][];
      for (int r = 0; r < m.length; r++) {
        g[r] = new Gradient[m[r].length];
        for (int c = 0; c < m[r].length; c++) {
          g[r][c] = constant(m[r][c]);
        }
      }
      return g;
    }

    double d(int i) {
      return args.d(i);
    }

    double[] dvec(int i) {
      return args.vec(i);
    }

    int n(int i) {
      return args.n(i);
    }

    int[] ints(int i) {
      return args.ints(i);
    }

    boolean flag(int i) {
      return args.flag(i);
    }

    Gradient constant(double c) {
      return Gradient.constant(free, c);
    }
  }

  /** One fresh frame behind a non-generic face. */
  interface Probe {
    double valueAndGradient(Args args);

    double accumulate(Args args);

    void pullback(Args args, Args seeds);

    void jacobian(Args args, double[][] j);

    void zero();

    double value();

    /** The adjoint fields, flattened in declaration order of the differentiated parameters. */
    double[] gradient();
  }

  private final String name;
  private final Param[] params;
  private final List<Dim> dims;
  private final Predicate<Args> smooth;
  private final ToDoubleFunction<Args> plain;
  private final boolean returnsDouble;
  private final Supplier<G> newFrame;
  private final Consumer<G> zero;
  private final ToDoubleFunction<G> value;
  private final Function<G, double[]> gradient;
  private final Call<G> valueAndGradient;
  private final Call<G> accumulate;
  private final Pullback<G> pullback;
  private final Jacobian<G> jacobian;
  private final Function<In, Gradient> twin;
  private final Function<In, Gradient[]> outTwin;

  private ArrayCase(FrameBuilder<G> f) {
    Builder b = f.builder;
    this.name = b.name;
    this.params = b.params;
    this.dims = List.copyOf(b.dims);
    this.smooth = b.smooth;
    this.plain = Objects.requireNonNull(b.plain, "plain");
    this.returnsDouble = b.returnsDouble;
    this.newFrame = f.newFrame;
    this.zero = f.zero;
    this.value = f.value;
    this.gradient = f.gradient;
    this.valueAndGradient = f.valueAndGradient;
    this.accumulate = f.accumulate;
    this.pullback = f.pullback;
    this.jacobian = f.jacobian;
    this.twin = f.twin;
    this.outTwin = f.outTwin;
    if (returnsDouble != (valueAndGradient != null)) {
      throw new IllegalStateException(name + ": calls() goes with plain(), and only with it");
    }
    if (hasOutputs() != (pullback != null && jacobian != null)) {
      throw new IllegalStateException(name + ": @Out parameters need pullback() and jacobian()");
    }
  }

  /** Starts a case: {@code name} is "Class.method", as the coverage test expects. */
  static Builder fn(String name, Param... params) {
    return new Builder(name, params);
  }

  String name() {
    return name;
  }

  @Override
  public String toString() {
    return name;
  }

  Param[] params() {
    return params.clone();
  }

  /** Whether the method returns a double (valueAndGradient and accumulate). */
  boolean returnsDouble() {
    return returnsDouble;
  }

  /** Whether the method has {@code @Out} parameters (pullback and jacobian). */
  boolean hasOutputs() {
    for (Param p : params) {
      if (p.out) {
        return true;
      }
    }
    return false;
  }

  boolean hasTwin() {
    return twin != null || outTwin != null;
  }

  /** Points with shapes drawn anew for each; seeded by the name, so cases do not interact. */
  List<Args> points() {
    Random random = new Random(name.hashCode());
    List<Args> points = new ArrayList<>();
    while (points.size() < POINTS) {
      points.add(sample(random, sampleDims(random), points.size()));
    }
    return points;
  }

  /** Points that all have one shape, for the checks that add gradients of two points. */
  List<Args> pointsOfOneShape() {
    Random random = new Random(name.hashCode() + 1);
    Map<String, Integer> d = sampleDims(random);
    List<Args> points = new ArrayList<>();
    while (points.size() < POINTS) {
      points.add(sample(random, d, points.size()));
    }
    return points;
  }

  private Map<String, Integer> sampleDims(Random random) {
    Map<String, Integer> d = new LinkedHashMap<>();
    for (Dim dim : dims) {
      d.put(dim.name(), dim.lo() + random.nextInt(dim.hi() - dim.lo() + 1));
    }
    return d;
  }

  private Args sample(Random random, Map<String, Integer> d, int index) {
    for (int attempt = 0; attempt < 100_000; attempt++) {
      Object[] values = new Object[params.length];
      for (int i = 0; i < params.length; i++) {
        values[i] = params[i].sampler.sample(random, d);
      }
      Args args = new Args(values);
      if (smooth.test(args)) {
        return args;
      }
    }
    throw new IllegalStateException(name + ": no smooth point " + index + " for " + d);
  }

  /** The original method's value, on a copy of the arguments. */
  double plain(Args args) {
    return plain.applyAsDouble(args.copy());
  }

  /** The original method's {@code @Out} arrays, flattened, computed on a copy. */
  double[] plainOutputs(Args args) {
    Args copy = args.copy();
    plain.applyAsDouble(copy);
    return outputs(copy);
  }

  /** The {@code @Out} arrays of {@code args}, flattened in declaration order. */
  double[] outputs(Args args) {
    List<Object> outs = new ArrayList<>();
    for (int i = 0; i < params.length; i++) {
      if (params[i].out) {
        outs.add(args.get(i));
      }
    }
    return Flatten.flat(outs.toArray());
  }

  /** The differentiated arguments, flattened in declaration order. */
  double[] activeValues(Args args) {
    List<Object> active = new ArrayList<>();
    for (int i = 0; i < params.length; i++) {
      if (params[i].active) {
        active.add(args.get(i));
      }
    }
    return Flatten.flat(active.toArray());
  }

  /** A deep copy of {@code args} with the differentiated arguments taken from {@code x}. */
  Args withActive(Args args, double[] x) {
    Args copy = args.copy();
    Object[] values = new Object[params.length];
    int at = 0;
    for (int i = 0; i < params.length; i++) {
      values[i] = copy.get(i);
      if (params[i].active) {
        values[i] = Flatten.take(values[i], x, at);
        at += Flatten.size(values[i]);
      }
    }
    return new Args(values);
  }

  /** Seeds for the {@code @Out} arrays, one per output, shaped like them. */
  Args seeds(Args args, Random random) {
    List<Object> seeds = new ArrayList<>();
    for (int i = 0; i < params.length; i++) {
      if (params[i].out) {
        Object seed = Flatten.zerosLike(args.get(i));
        double[] fill = new double[Flatten.size(seed)];
        for (int k = 0; k < fill.length; k++) {
          fill[k] = random.nextDouble() * 2 - 1;
        }
        seeds.add(Flatten.take(seed, fill, 0));
      }
    }
    return new Args(seeds.toArray());
  }

  /** Seeds that are all zero except a one at flat output position {@code k}. */
  Args unitSeeds(Args args, int k) {
    Args seeds = seeds(args, new Random(0));
    double[] fill = new double[outputs(args).length];
    fill[k] = 1;
    int at = 0;
    for (int i = 0; i < seeds.size(); i++) {
      Flatten.take(seeds.get(i), fill, at);
      at += Flatten.size(seeds.get(i));
    }
    return seeds;
  }

  /** The Hipparchus twin's value with one free parameter per differentiated element. */
  Gradient twin(Args args) {
    return Objects.requireNonNull(twin, name + " has no scalar twin").apply(in(args));
  }

  /** The Hipparchus twin's outputs, flattened, or null if the case has no output twin. */
  Gradient[] outTwin(Args args) {
    return outTwin == null ? null : outTwin.apply(in(args));
  }

  boolean hasScalarTwin() {
    return twin != null;
  }

  boolean hasOutTwin() {
    return outTwin != null;
  }

  private In in(Args args) {
    int free = activeValues(args).length;
    Object[] variables = new Object[params.length];
    int k = 0;
    for (int i = 0; i < params.length; i++) {
      if (!params[i].active) {
        continue;
      }
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
    return new In(args, variables, free);
  }

  /** A new frame, for tests that reach members the probe does not have by reflection. */
  Object newFrame() {
    return newFrame.get();
  }

  /** The adjoint fields of {@code frame}, which must come from {@link #newFrame()}. */
  @SuppressWarnings("unchecked")
  double[] gradientOf(Object frame) {
    return gradient.apply((G) frame);
  }

  Probe probe() {
    G frame = newFrame.get();
    return new Probe() {
      @Override
      public double valueAndGradient(Args args) {
        return ArrayCase.this.valueAndGradient.call(frame, args);
      }

      @Override
      public double accumulate(Args args) {
        return ArrayCase.this.accumulate.call(frame, args);
      }

      @Override
      public void pullback(Args args, Args seeds) {
        ArrayCase.this.pullback.call(frame, args, seeds);
      }

      @Override
      public void jacobian(Args args, double[][] j) {
        ArrayCase.this.jacobian.call(frame, args, j);
      }

      @Override
      public void zero() {
        ArrayCase.this.zero.accept(frame);
      }

      @Override
      public double value() {
        return ArrayCase.this.value.applyAsDouble(frame);
      }

      @Override
      public double[] gradient() {
        return ArrayCase.this.gradient.apply(frame);
      }
    };
  }

  /** Describes a point for failure messages. */
  String describe(Args args) {
    return name + args;
  }

  /** First stage: the function's dimensions, domain and original method. */
  static final class Builder {
    private final String name;
    private final Param[] params;
    private final List<Dim> dims = new ArrayList<>();
    private Predicate<Args> smooth = args -> true;
    private ToDoubleFunction<Args> plain;
    private boolean returnsDouble;

    private Builder(String name, Param[] params) {
      this.name = name;
      this.params = params;
    }

    /** Declares dimension {@code name}, drawn from {@code [lo, hi]} for each point. */
    Builder dim(String name, int lo, int hi) {
      dims.add(new Dim(name, lo, hi));
      return this;
    }

    /** Restricts sampling to points away from kinks and branch switches. */
    Builder smoothWhere(Predicate<Args> smooth) {
      this.smooth = smooth;
      return this;
    }

    /** The original method, for one that returns a double. */
    Builder plain(ToDoubleFunction<Args> plain) {
      this.plain = plain;
      this.returnsDouble = true;
      return this;
    }

    /** The original method, for a void one that writes {@code @Out} parameters. */
    Builder plainVoid(Consumer<Args> plain) {
      this.plain = args -> {
        plain.accept(args);
        return Double.NaN;
      };
      this.returnsDouble = false;
      return this;
    }

    /** The generated frame: how to make one, reset it and read its adjoints (flattened). */
    <G> FrameBuilder<G> frame(Supplier<G> newFrame, Consumer<G> zero,
        Function<G, double[]> gradient) {
      return new FrameBuilder<>(this, newFrame, zero, gradient);
    }
  }

  /** Second stage: the frame's entry points, then the Hipparchus twin if there is one. */
  static final class FrameBuilder<G> {
    private final Builder builder;
    private final Supplier<G> newFrame;
    private final Consumer<G> zero;
    private final Function<G, double[]> gradient;
    private ToDoubleFunction<G> value;
    private Call<G> valueAndGradient;
    private Call<G> accumulate;
    private Pullback<G> pullback;
    private Jacobian<G> jacobian;
    private Function<In, Gradient> twin;
    private Function<In, Gradient[]> outTwin;

    private FrameBuilder(Builder builder, Supplier<G> newFrame, Consumer<G> zero,
        Function<G, double[]> gradient) {
      this.builder = builder;
      this.newFrame = newFrame;
      this.zero = zero;
      this.gradient = gradient;
    }

    /** For a double-returning method: the value field and the two gradient entry points. */
    FrameBuilder<G> calls(ToDoubleFunction<G> value, Call<G> valueAndGradient,
        Call<G> accumulate) {
      this.value = value;
      this.valueAndGradient = valueAndGradient;
      this.accumulate = accumulate;
      return this;
    }

    /** For a method with {@code @Out} parameters: its pullback and jacobian. */
    FrameBuilder<G> outputs(Pullback<G> pullback, Jacobian<G> jacobian) {
      this.pullback = pullback;
      this.jacobian = jacobian;
      return this;
    }

    /** The method written again in Hipparchus arithmetic, for the value it returns. */
    ArrayCase<G> twin(Function<In, Gradient> twin) {
      this.twin = twin;
      return build();
    }

    /** The method written again in Hipparchus arithmetic, for its outputs, flattened. */
    ArrayCase<G> outTwin(Function<In, Gradient[]> outTwin) {
      this.outTwin = outTwin;
      return build();
    }

    /** Twins for both the value a method returns and the outputs it writes. */
    ArrayCase<G> twins(Function<In, Gradient> twin, Function<In, Gradient[]> outTwin) {
      this.twin = twin;
      this.outTwin = outTwin;
      return build();
    }

    /** A case without a twin. */
    ArrayCase<G> build() {
      return new ArrayCase<>(this);
    }
  }
}

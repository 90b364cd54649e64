package dev.tapeless.it.scalar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * One corpus function with everything the tests need to check it: where to sample it, the
 * original method, its generated frame, and its Hipparchus twin.
 *
 * <p>Arguments travel as one {@code double[]} in declaration order, ints and booleans included
 * (a boolean as 0 or 1), so that one table serves every signature. The frame is reached through
 * lambdas that name the generated class and its fields directly, so that a change in the generated
 * API breaks compilation here rather than a reflective lookup at run time.
 *
 * @param <G> the generated frame class
 */
final class Case<G> {

  /** How many random points each check visits. */
  static final int POINTS = 6;

  /** Calls a frame method with the arguments unpacked from {@code double[]}. */
  @FunctionalInterface
  interface Call<G> {
    double call(G frame, double[] args);
  }

  /** A parameter: its kind and the range it is sampled from (ints inclusive). */
  record Param(Kind kind, double lo, double hi) {
    enum Kind {
      ACTIVE,
      PASSIVE,
      INT,
      BOOLEAN
    }

    /** A differentiated double. */
    static Param real(double lo, double hi) {
      return new Param(Kind.ACTIVE, lo, hi);
    }

    /** A double that is not differentiated ({@code @NoDerivative} or outside {@code wrt}). */
    static Param passive(double lo, double hi) {
      return new Param(Kind.PASSIVE, lo, hi);
    }

    static Param integer(int lo, int hi) {
      return new Param(Kind.INT, lo, hi);
    }

    static Param bool() {
      return new Param(Kind.BOOLEAN, 0, 1);
    }

    double sample(Random random) {
      return switch (kind) {
        case ACTIVE, PASSIVE -> lo + (hi - lo) * random.nextDouble();
        case INT -> (int) lo + random.nextInt((int) hi - (int) lo + 1);
        case BOOLEAN -> random.nextBoolean() ? 1 : 0;
      };
    }
  }

  /** The arguments as the Hipparchus twin sees them: differentiated doubles as variables. */
  static final class In {
    private final double[] args;
    private final Gradient[] variables;

    In(double[] args, Gradient[] variables) {
      this.args = args;
      this.variables = variables;
    }

    /** Differentiated parameter {@code i} as a Hipparchus variable. */
    Gradient x(int i) {
      return Objects.requireNonNull(variables[i], () -> "parameter " + i + " is not active");
    }

    /** Parameter {@code i} as a plain double. */
    double v(int i) {
      return args[i];
    }

    int n(int i) {
      return (int) args[i];
    }

    boolean flag(int i) {
      return args[i] != 0;
    }
  }

  /** One fresh frame behind a non-generic face. */
  interface Probe {
    double valueAndGradient(double[] args);

    double accumulate(double[] args);

    void zero();

    double value();

    /** The adjoint fields, in declaration order of the differentiated parameters. */
    double[] gradient();
  }

  private final String name;
  private final Param[] params;
  private final int[] active;
  private final Predicate<double[]> smooth;
  private final ToDoubleFunction<double[]> plain;
  private final Supplier<G> newFrame;
  private final Consumer<G> zero;
  private final ToDoubleFunction<G> value;
  private final Function<G, double[]> gradient;
  private final Call<G> valueAndGradient;
  private final Call<G> accumulate;
  private final Function<In, Gradient> twin;

  private Case(Builder b, FrameBuilder<G> f, Function<In, Gradient> twin) {
    this.name = b.name;
    this.params = b.params;
    this.active =
        IntStream.range(0, params.length)
            .filter(i -> params[i].kind() == Param.Kind.ACTIVE)
            .toArray();
    this.smooth = b.smooth;
    this.plain = b.plain;
    this.newFrame = f.newFrame;
    this.zero = f.zero;
    this.value = f.value;
    this.gradient = f.gradient;
    this.valueAndGradient = f.valueAndGradient;
    this.accumulate = f.accumulate;
    this.twin = twin;
  }

  /** Starts a case: {@code name} is "Class.method", as the coverage test expects. */
  static Builder fn(String name, Param... params) {
    return new Builder(name, params);
  }

  String name() {
    return name;
  }

  int activeCount() {
    return active.length;
  }

  Param[] params() {
    return params.clone();
  }

  @Override
  public String toString() {
    return name;
  }

  /** Seeded by the name, so that adding a case does not move another case's points. */
  List<double[]> points() {
    Random random = new Random(name.hashCode());
    List<double[]> points = new ArrayList<>();
    for (int attempt = 0; points.size() < POINTS; attempt++) {
      if (attempt > 10_000) {
        throw new IllegalStateException(name + ": no smooth point found");
      }
      double[] args = new double[params.length];
      for (int i = 0; i < params.length; i++) {
        args[i] = params[i].sample(random);
      }
      if (smooth.test(args)) {
        points.add(args);
      }
    }
    return points;
  }

  /** The original method. */
  double plain(double[] args) {
    return plain.applyAsDouble(args);
  }

  /** The differentiated arguments. */
  double[] activeValues(double[] args) {
    double[] x = new double[active.length];
    for (int k = 0; k < active.length; k++) {
      x[k] = args[active[k]];
    }
    return x;
  }

  /** {@code args} with the differentiated arguments replaced by {@code x}. */
  double[] withActive(double[] args, double[] x) {
    double[] copy = args.clone();
    for (int k = 0; k < active.length; k++) {
      copy[active[k]] = x[k];
    }
    return copy;
  }

  /** The Hipparchus twin evaluated with one free parameter per differentiated argument. */
  Gradient twin(double[] args) {
    Gradient[] variables = new Gradient[args.length];
    for (int k = 0; k < active.length; k++) {
      variables[active[k]] = Gradient.variable(active.length, k, args[active[k]]);
    }
    return twin.apply(new In(args, variables));
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
      public double valueAndGradient(double[] args) {
        return Case.this.valueAndGradient.call(frame, args);
      }

      @Override
      public double accumulate(double[] args) {
        return Case.this.accumulate.call(frame, args);
      }

      @Override
      public void zero() {
        Case.this.zero.accept(frame);
      }

      @Override
      public double value() {
        return Case.this.value.applyAsDouble(frame);
      }

      @Override
      public double[] gradient() {
        return Case.this.gradient.apply(frame);
      }
    };
  }

  /** Describes a point for failure messages. */
  String describe(double[] args) {
    return name + Arrays.toString(args);
  }

  /** First stage: the function's parameters, domain and original method. */
  static final class Builder {
    private final String name;
    private final Param[] params;
    private Predicate<double[]> smooth = args -> true;
    private ToDoubleFunction<double[]> plain;

    private Builder(String name, Param[] params) {
      this.name = name;
      this.params = params;
    }

    /** Restricts sampling to points away from kinks and branch switches. */
    Builder smoothWhere(Predicate<double[]> smooth) {
      this.smooth = smooth;
      return this;
    }

    Builder plain(ToDoubleFunction<double[]> plain) {
      this.plain = plain;
      return this;
    }

    /** The generated frame: how to make one, reset it, read its value and its adjoints. */
    <G> FrameBuilder<G> frame(
        Supplier<G> newFrame,
        Consumer<G> zero,
        ToDoubleFunction<G> value,
        Function<G, double[]> gradient) {
      return new FrameBuilder<>(this, newFrame, zero, value, gradient);
    }
  }

  /** Second stage: the frame's two entry points, then the Hipparchus twin. */
  static final class FrameBuilder<G> {
    private final Builder builder;
    private final Supplier<G> newFrame;
    private final Consumer<G> zero;
    private final ToDoubleFunction<G> value;
    private final Function<G, double[]> gradient;
    private Call<G> valueAndGradient;
    private Call<G> accumulate;

    private FrameBuilder(
        Builder builder,
        Supplier<G> newFrame,
        Consumer<G> zero,
        ToDoubleFunction<G> value,
        Function<G, double[]> gradient) {
      this.builder = builder;
      this.newFrame = newFrame;
      this.zero = zero;
      this.value = value;
      this.gradient = gradient;
    }

    FrameBuilder<G> calls(Call<G> valueAndGradient, Call<G> accumulate) {
      this.valueAndGradient = valueAndGradient;
      this.accumulate = accumulate;
      return this;
    }

    Case<G> twin(Function<In, Gradient> twin) {
      Objects.requireNonNull(builder.plain, "plain");
      Objects.requireNonNull(valueAndGradient, "calls");
      return new Case<>(builder, this, twin);
    }
  }

  /** Whether {@code v} is farther than {@code margin} from every multiple of {@code spacing}. */
  static boolean offGrid(double v, double spacing, double margin) {
    double r = v / spacing - Math.rint(v / spacing);
    return Math.abs(r * spacing) > margin;
  }

  /** Whether {@code v} is farther than 0.05 from each of {@code points}. */
  static boolean awayFrom(double v, double... points) {
    for (double p : points) {
      if (Math.abs(v - p) <= 0.05) {
        return false;
      }
    }
    return true;
  }
}

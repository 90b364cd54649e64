package dev.tapeless.it.external;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * One OptimTestProblems.jl problem as the tests see it: the plain objective, a fresh generated
 * frame behind {@link Derivatives} (typed calls, one adapter per frame class), the package's
 * oracle gradient and Hessian ({@code null} where the package has none), its starting point,
 * stated minimizer and minimum ({@code null}/NaN where it states none), and how far from the
 * starting point and minimizer the random points may go while staying where the function is
 * smooth and finite.
 */
record Problem(String name, double[] start, double[] solution, double minimum, double radius,
    ToDoubleFunction<double[]> objective, Supplier<Derivatives> frame, Gradient oracleGradient,
    Hessian oracleHessian) {

  Problem {
    Objects.requireNonNull(name);
    Objects.requireNonNull(start);
    Objects.requireNonNull(objective);
    Objects.requireNonNull(frame);
    Objects.requireNonNull(oracleGradient);
  }

  int dimension() {
    return start.length;
  }

  double[] oracleGradientAt(double[] x) {
    double[] g = new double[x.length];
    oracleGradient.into(g, x);
    return g;
  }

  @Override
  public String toString() {
    return name + " (n = " + start.length + ")";
  }

  /** A package's {@code g!(storage, x)}. */
  @FunctionalInterface
  interface Gradient {
    void into(double[] storage, double[] x);
  }

  /** A package's {@code h!(storage, x)}. */
  @FunctionalInterface
  interface Hessian {
    void into(double[][] storage, double[] x);
  }

  /** What the tests call on a generated frame, over the differentiated {@code x} only. */
  interface Derivatives {
    /** The value; the gradient copied into {@code g}. */
    double valueAndGradient(double[] x, double[] g);

    double jvp(double[] x, double[] tangent);

    /** The value; H·direction copied into {@code out}. */
    double hvp(double[] x, double[] direction, double[] out);

    void hessian(double[] x, double[][] h);
  }

  /** The generated members of one frame class {@code F}, as method references. */
  static <F> Supplier<Derivatives> frame(Supplier<F> make, Call<F> valueAndGradient,
      Function<F, double[]> dx, Jvp<F> jvp, Jvp<F> hvp, HessianCall<F> hessian) {
    return () -> {
      F f = make.get();
      return new Derivatives() {
        @Override
        public double valueAndGradient(double[] x, double[] g) {
          double v = valueAndGradient.call(f, x);
          System.arraycopy(dx.apply(f), 0, g, 0, g.length);
          return v;
        }

        @Override
        public double jvp(double[] x, double[] tangent) {
          return jvp.call(f, x, tangent);
        }

        @Override
        public double hvp(double[] x, double[] direction, double[] out) {
          double v = hvp.call(f, x, direction);
          System.arraycopy(dx.apply(f), 0, out, 0, out.length);
          return v;
        }

        @Override
        public void hessian(double[] x, double[][] h) {
          hessian.call(f, x, h);
        }
      };
    };
  }

  @FunctionalInterface
  interface Call<F> {
    double call(F frame, double[] x);
  }

  @FunctionalInterface
  interface Jvp<F> {
    double call(F frame, double[] x, double[] v);
  }

  @FunctionalInterface
  interface HessianCall<F> {
    void call(F frame, double[] x, double[][] h);
  }
}

package dev.tapeless.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel's pushforward against central finite differences of the kernel along a random
 * direction, and against its pullback by duality: ⟨s, J t⟩ from the pushforward equals
 * ⟨Jᵀ s, t⟩ from the pullback. The two are written separately, so each checks the other.
 */
class PushforwardTest {

  /** A kernel seen as a map from its flattened differentiated inputs to its outputs. */
  interface Kernel {
    int inputs();

    double[] value(double[] x);

    double[] pushforward(double[] x, double[] t);

    double[] pullback(double[] x, double[] s);
  }

  private static final int N = 4;
  private static final int M = 3;

  record Named(String name, Kernel kernel) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Named> kernels() {
    return Stream.of(
        scalar("sigmoid", z -> Activations.sigmoid(z),
            (z, t) -> Activations.sigmoidPushforward(z, Activations.sigmoid(z), t),
            (z, s) -> Activations.sigmoidPullback(z, Activations.sigmoid(z), s)),
        scalar("tanh", Activations::tanh, Activations::tanhPushforward,
            Activations::tanhPullback),
        scalar("relu", Activations::relu, Activations::reluPushforward,
            Activations::reluPullback),
        scalar("softplus", Activations::softplus, Activations::softplusPushforward,
            Activations::softplusPullback),
        elementwise("sigmoidArray", Activations::sigmoid, Activations::sigmoidArrayPushforward,
            Activations::sigmoidArrayPullback),
        elementwise("tanhArray", Activations::tanh, Activations::tanhArrayPushforward,
            Activations::tanhArrayPullback),
        elementwise("reluArray", Activations::relu, Activations::reluArrayPushforward,
            Activations::reluArrayPullback),
        elementwise("softplusArray", Activations::softplus,
            Activations::softplusArrayPushforward, Activations::softplusArrayPullback),
        elementwise("softmax", Activations::softmax, Activations::softmaxPushforward,
            Activations::softmaxPullback),
        new Named("dot", new Kernel() {
          public int inputs() {
            return 2 * N;
          }

          public double[] value(double[] x) {
            return new double[] {Linear.dot(part(x, 0, N), part(x, N, N))};
          }

          public double[] pushforward(double[] x, double[] t) {
            return new double[] {Linear.dotPushforward(part(x, 0, N), part(x, N, N),
                part(t, 0, N), part(t, N, N))};
          }

          public double[] pullback(double[] x, double[] s) {
            double[] dx = new double[N];
            double[] dy = new double[N];
            Linear.dotPullback(part(x, 0, N), part(x, N, N), s[0], dx, dy);
            return join(dx, dy);
          }
        }),
        matvecLike("matvec", false),
        matvecLike("matvecTransposed", true),
        new Named("axpy", new Kernel() {
          public int inputs() {
            return 1 + 2 * N;
          }

          public double[] value(double[] x) {
            double[] z = new double[N];
            Linear.axpy(x[0], part(x, 1, N), part(x, 1 + N, N), z);
            return z;
          }

          public double[] pushforward(double[] x, double[] t) {
            double[] z = value(x);
            double[] zDot = new double[N];
            Linear.axpyPushforward(x[0], part(x, 1, N), part(x, 1 + N, N), z, t[0],
                part(t, 1, N), part(t, 1 + N, N), zDot);
            return zDot;
          }

          public double[] pullback(double[] x, double[] s) {
            double[] z = value(x);
            double[] dx = new double[N];
            double[] dy = new double[N];
            double da = Linear.axpyPullback(x[0], part(x, 1, N), part(x, 1 + N, N), z, s.clone(),
                dx, dy);
            return join(new double[] {da}, join(dx, dy));
          }
        }),
        new Named("sum", new Kernel() {
          public int inputs() {
            return N;
          }

          public double[] value(double[] x) {
            return new double[] {Linear.sum(x)};
          }

          public double[] pushforward(double[] x, double[] t) {
            return new double[] {Linear.sumPushforward(x, t)};
          }

          public double[] pullback(double[] x, double[] s) {
            double[] dx = new double[N];
            Linear.sumPullback(x, s[0], dx);
            return dx;
          }
        }),
        new Named("outer", new Kernel() {
          public int inputs() {
            return M + N;
          }

          public double[] value(double[] x) {
            double[][] a = new double[M][N];
            Linear.outer(part(x, 0, M), part(x, M, N), a);
            return flat(a);
          }

          public double[] pushforward(double[] x, double[] t) {
            double[][] a = new double[M][N];
            Linear.outer(part(x, 0, M), part(x, M, N), a);
            double[][] aDot = new double[M][N];
            Linear.outerPushforward(part(x, 0, M), part(x, M, N), a, part(t, 0, M),
                part(t, M, N), aDot);
            return flat(aDot);
          }

          public double[] pullback(double[] x, double[] s) {
            double[][] a = new double[M][N];
            Linear.outer(part(x, 0, M), part(x, M, N), a);
            double[] du = new double[M];
            double[] dv = new double[N];
            Linear.outerPullback(part(x, 0, M), part(x, M, N), a, matrix(s.clone()), du, dv);
            return join(du, dv);
          }
        }),
        vectorToScalar("logSumExp", Losses::logSumExp, Losses::logSumExpPushforward,
            Losses::logSumExpPullback),
        vectorToScalar("softmaxCrossEntropy", z -> Losses.softmaxCrossEntropy(z, 2),
            (z, t) -> Losses.softmaxCrossEntropyPushforward(z, 2,
                Losses.softmaxCrossEntropy(z, 2), t),
            (z, s, dz) -> Losses.softmaxCrossEntropyPullback(z, 2,
                Losses.softmaxCrossEntropy(z, 2), s, dz)),
        vectorToScalar("meanSquaredError", p -> Losses.meanSquaredError(p, TARGET),
            (p, t) -> Losses.meanSquaredErrorPushforward(p, TARGET, t),
            (p, s, dp) -> Losses.meanSquaredErrorPullback(p, TARGET, s, dp)));
  }

  private static final double[] TARGET = {0.5, -1.0, 2.0, 0.25};

  @ParameterizedTest(name = "{0}")
  @MethodSource("kernels")
  void pushforwardIsTheDirectionalDerivative(Named named) {
    Kernel k = named.kernel();
    Random random = new Random(named.name().hashCode());
    for (int trial = 0; trial < 5; trial++) {
      double[] x = random(random, k.inputs());
      double[] t = random(random, k.inputs());
      double[] jt = k.pushforward(x, t);
      double h = 1e-6;
      double[] plus = k.value(axpy(h, t, x));
      double[] minus = k.value(axpy(-h, t, x));
      for (int i = 0; i < jt.length; i++) {
        double fd = (plus[i] - minus[i]) / (2 * h);
        assertEquals(fd, jt[i], 1e-6 * Math.max(1, Math.abs(fd)),
            named + " output " + i + " at trial " + trial);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kernels")
  void pushforwardIsThePullbackTransposed(Named named) {
    Kernel k = named.kernel();
    Random random = new Random(named.name().hashCode() + 1);
    for (int trial = 0; trial < 5; trial++) {
      double[] x = random(random, k.inputs());
      double[] t = random(random, k.inputs());
      double[] jt = k.pushforward(x, t);
      double[] s = random(random, jt.length);
      double[] jts = k.pullback(x, s);
      double left = dot(s, jt);
      double right = dot(jts, t);
      assertEquals(left, right, 1e-12 * Math.max(1, Math.abs(left)), named + " trial " + trial);
    }
  }

  @Test
  void nullTangentsCountAsZeroWhereTheKernelSkipsNullAdjoints() {
    double[][] w = {{1, 2}, {3, 4}, {5, 6}};
    double[] x = {0.5, -1};
    double[] y = new double[3];
    Linear.matvec(w, x, y);
    double[] yDot = new double[3];
    Linear.matvecPushforward(w, x, y, null, new double[] {1, 0}, yDot);
    assertEquals(List.of(1.0, 3.0, 5.0), List.of(yDot[0], yDot[1], yDot[2]));
    Linear.matvecPushforward(w, x, y, new double[][] {{1, 0}, {0, 0}, {0, 1}}, null, yDot);
    assertEquals(List.of(0.5, 0.0, -1.0), List.of(yDot[0], yDot[1], yDot[2]));
    assertEquals(2.0, Linear.dotPushforward(x, new double[] {2, 0}, new double[] {1, 0}, null));
  }

  @Test
  void anOutputTangentOfTheWrongLengthIsRejectedByName() {
    double[] z = {0.5, -1};
    double[] a = new double[2];
    Activations.tanh(z, a);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Activations.tanhArrayPushforward(z, a, new double[2], new double[3]));
    assertTrue(e.getMessage().contains("aDot"), e.getMessage());
  }

  // ---- kernel adapters

  interface ScalarFn {
    double apply(double z);
  }

  interface ScalarTangent {
    double apply(double z, double t);
  }

  interface ArrayFn {
    void apply(double[] z, double[] out);
  }

  interface ArrayTangent {
    void apply(double[] z, double[] out, double[] zDot, double[] outDot);
  }

  interface ArrayPullback {
    void apply(double[] z, double[] out, double[] dOut, double[] dz);
  }

  interface ToScalar {
    double apply(double[] z);
  }

  interface ToScalarTangent {
    double apply(double[] z, double[] t);
  }

  interface ToScalarPullback {
    void apply(double[] z, double s, double[] dz);
  }

  private static Named scalar(String name, ScalarFn f, ScalarTangent push, ScalarTangent pull) {
    return new Named(name, new Kernel() {
      public int inputs() {
        return 1;
      }

      public double[] value(double[] x) {
        return new double[] {f.apply(x[0])};
      }

      public double[] pushforward(double[] x, double[] t) {
        return new double[] {push.apply(x[0], t[0])};
      }

      public double[] pullback(double[] x, double[] s) {
        return new double[] {pull.apply(x[0], s[0])};
      }
    });
  }

  private static Named elementwise(String name, ArrayFn f, ArrayTangent push,
      ArrayPullback pull) {
    return new Named(name, new Kernel() {
      public int inputs() {
        return N;
      }

      public double[] value(double[] x) {
        double[] out = new double[N];
        f.apply(x, out);
        return out;
      }

      public double[] pushforward(double[] x, double[] t) {
        double[] out = value(x);
        double[] outDot = new double[N];
        push.apply(x, out, t, outDot);
        return outDot;
      }

      public double[] pullback(double[] x, double[] s) {
        double[] dz = new double[N];
        pull.apply(x, value(x), s.clone(), dz);
        return dz;
      }
    });
  }

  private static Named vectorToScalar(String name, ToScalar f, ToScalarTangent push,
      ToScalarPullback pull) {
    return new Named(name, new Kernel() {
      public int inputs() {
        return N;
      }

      public double[] value(double[] x) {
        return new double[] {f.apply(x)};
      }

      public double[] pushforward(double[] x, double[] t) {
        return new double[] {push.apply(x, t)};
      }

      public double[] pullback(double[] x, double[] s) {
        double[] dz = new double[N];
        pull.apply(x, s[0], dz);
        return dz;
      }
    });
  }

  /** matvec (y = W x, W is M × N) or matvecTransposed (y = Wᵀ x, x of length M). */
  private static Named matvecLike(String name, boolean transposed) {
    int in = transposed ? M : N;
    int out = transposed ? N : M;
    return new Named(name, new Kernel() {
      public int inputs() {
        return M * N + in;
      }

      private double[] apply(double[][] w, double[] x) {
        double[] y = new double[out];
        if (transposed) {
          Linear.matvecTransposed(w, x, y);
        } else {
          Linear.matvec(w, x, y);
        }
        return y;
      }

      public double[] value(double[] x) {
        return apply(matrix(part(x, 0, M * N)), part(x, M * N, in));
      }

      public double[] pushforward(double[] x, double[] t) {
        double[][] w = matrix(part(x, 0, M * N));
        double[] v = part(x, M * N, in);
        double[] y = apply(w, v);
        double[] yDot = new double[out];
        if (transposed) {
          Linear.matvecTransposedPushforward(w, v, y, matrix(part(t, 0, M * N)),
              part(t, M * N, in), yDot);
        } else {
          Linear.matvecPushforward(w, v, y, matrix(part(t, 0, M * N)), part(t, M * N, in),
              yDot);
        }
        return yDot;
      }

      public double[] pullback(double[] x, double[] s) {
        double[][] w = matrix(part(x, 0, M * N));
        double[] v = part(x, M * N, in);
        double[] y = apply(w, v);
        double[][] dw = new double[M][N];
        double[] dv = new double[in];
        if (transposed) {
          Linear.matvecTransposedPullback(w, v, y, s.clone(), dw, dv);
        } else {
          Linear.matvecPullback(w, v, y, s.clone(), dw, dv);
        }
        return join(flat(dw), dv);
      }
    });
  }

  // ---- small array helpers

  private static double[] random(Random random, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextDouble() * 4 - 2;
    }
    return v;
  }

  private static double[] part(double[] a, int from, int length) {
    double[] p = new double[length];
    System.arraycopy(a, from, p, 0, length);
    return p;
  }

  private static double[] join(double[] a, double[] b) {
    double[] c = new double[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static double[][] matrix(double[] flat) {
    double[][] m = new double[M][];
    for (int i = 0; i < M; i++) {
      m[i] = part(flat, i * N, N);
    }
    return m;
  }

  private static double[] flat(double[][] m) {
    double[] f = new double[0];
    for (double[] row : m) {
      f = join(f, row);
    }
    return f;
  }

  private static double[] axpy(double a, double[] x, double[] y) {
    double[] z = y.clone();
    for (int i = 0; i < z.length; i++) {
      z[i] += a * x[i];
    }
    return z;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}

package dev.tapeless.runtime;

import static dev.tapeless.runtime.KernelTesting.TOLERANCE;
import static dev.tapeless.runtime.KernelTesting.assertUnchanged;
import static dev.tapeless.runtime.KernelTesting.copy;
import static dev.tapeless.runtime.KernelTesting.flatten;
import static dev.tapeless.runtime.KernelTesting.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The pushforwards (forward mode) of every kernel, two ways: against the fourth-order central
 * finite differences of the primal along a random direction {@code t} ({@link GradCheck}'s
 * stencil and error measure, bound 1e-6), and against the pullback by duality:
 * {@code ⟨s, J t⟩ = ⟨Jᵀ s, t⟩} for a random seed {@code s}, to 1e-12 relative to the size of the
 * terms of the two inner products (so that an inner product that happens to cancel does not make
 * the bound meaningless).
 *
 * <p>Each kernel is seen as a map from its differentiated inputs, flattened into one vector, to
 * its output, flattened. The adapters fill every output tangent with NaN before the call, so a
 * pushforward that added to it instead of setting it would fail.
 */
class PushforwardTest {

  private static final int TRIALS = 12;
  private static final double DUALITY = 1e-12;

  /** The kernel at {@code in}: its output, flattened. */
  private interface Primal {
    double[] apply(double[] in);
  }

  /** The pushforward at {@code in} (after the primal call) along {@code t}: {@code J t}. */
  private interface Pushforward {
    double[] apply(double[] in, double[] t);
  }

  /** The pullback at {@code in} of the seed {@code s}, into zero adjoints: {@code Jᵀ s}. */
  private interface Pullback {
    double[] apply(double[] in, double[] s);
  }

  private interface ArrayKernel {
    void apply(double[] z, double[] out);
  }

  /** {@code (z, out, zDot, outDot)} of a pushforward, {@code (z, out, dOut, dz)} of a pullback. */
  private interface ArrayDerivative {
    void apply(double[] z, double[] out, double[] first, double[] second);
  }

  // ---- Linear --------------------------------------------------------------------------------

  @Test
  void dot() {
    Random r = new Random(71);
    for (int trial = 0; trial < TRIALS; trial++) {
      int n = 1 + r.nextInt(7);
      check("dot", r, random(r, 2 * n), 1,
          v -> new double[] {Linear.dot(part(v, 0, n), part(v, n, n))},
          (v, t) -> new double[] {
              Linear.dotPushforward(part(v, 0, n), part(v, n, n), part(t, 0, n), part(t, n, n))},
          (v, s) -> {
            double[] dx = new double[n];
            double[] dy = new double[n];
            Linear.dotPullback(part(v, 0, n), part(v, n, n), s[0], dx, dy);
            return concat(dx, dy);
          });
    }
  }

  @Test
  void matvec() {
    Random r = new Random(72);
    for (int trial = 0; trial < TRIALS; trial++) {
      int m = 1 + r.nextInt(5);
      int n = 1 + r.nextInt(5);
      check("matvec", r, random(r, m * n + n), m,
          v -> matvec(matrix(v, 0, m, n), part(v, m * n, n)),
          (v, t) -> {
            double[][] w = matrix(v, 0, m, n);
            double[] x = part(v, m * n, n);
            double[] yDot = nans(m);
            Linear.matvecPushforward(
                w, x, matvec(w, x), matrix(t, 0, m, n), part(t, m * n, n), yDot);
            return yDot;
          },
          (v, s) -> {
            double[][] w = matrix(v, 0, m, n);
            double[] x = part(v, m * n, n);
            double[][] dw = new double[m][n];
            double[] dx = new double[n];
            Linear.matvecPullback(w, x, matvec(w, x), s, dw, dx);
            return concat(flatten(dw), dx);
          });
    }
  }

  @Test
  void matvecTransposed() {
    Random r = new Random(73);
    for (int trial = 0; trial < TRIALS; trial++) {
      int m = 1 + r.nextInt(5);
      int n = 1 + r.nextInt(5);
      check("matvecTransposed", r, random(r, m * n + m), n,
          v -> matvecT(matrix(v, 0, m, n), part(v, m * n, m)),
          (v, t) -> {
            double[][] w = matrix(v, 0, m, n);
            double[] x = part(v, m * n, m);
            double[] yDot = nans(n);
            Linear.matvecTransposedPushforward(
                w, x, matvecT(w, x), matrix(t, 0, m, n), part(t, m * n, m), yDot);
            return yDot;
          },
          (v, s) -> {
            double[][] w = matrix(v, 0, m, n);
            double[] x = part(v, m * n, m);
            double[][] dw = new double[m][n];
            double[] dx = new double[m];
            Linear.matvecTransposedPullback(w, x, matvecT(w, x), s, dw, dx);
            return concat(flatten(dw), dx);
          });
    }
  }

  @Test
  void axpy() {
    Random r = new Random(74);
    for (int trial = 0; trial < TRIALS; trial++) {
      int n = 1 + r.nextInt(7);
      check("axpy", r, random(r, 1 + 2 * n), n,
          v -> axpy(v[0], part(v, 1, n), part(v, 1 + n, n)),
          (v, t) -> {
            double[] x = part(v, 1, n);
            double[] y = part(v, 1 + n, n);
            double[] zDot = nans(n);
            Linear.axpyPushforward(
                v[0], x, y, axpy(v[0], x, y), t[0], part(t, 1, n), part(t, 1 + n, n), zDot);
            return zDot;
          },
          (v, s) -> {
            double[] x = part(v, 1, n);
            double[] y = part(v, 1 + n, n);
            double[] dx = new double[n];
            double[] dy = new double[n];
            double da = Linear.axpyPullback(v[0], x, y, axpy(v[0], x, y), s, dx, dy);
            return concat(new double[] {da}, concat(dx, dy));
          });
    }
  }

  @Test
  void sum() {
    Random r = new Random(75);
    for (int trial = 0; trial < TRIALS; trial++) {
      int n = 1 + r.nextInt(7);
      check("sum", r, random(r, n), 1,
          v -> new double[] {Linear.sum(v)},
          (v, t) -> new double[] {Linear.sumPushforward(v, t)},
          (v, s) -> {
            double[] dx = new double[n];
            Linear.sumPullback(v, s[0], dx);
            return dx;
          });
    }
  }

  @Test
  void outer() {
    Random r = new Random(76);
    for (int trial = 0; trial < TRIALS; trial++) {
      int m = 1 + r.nextInt(5);
      int n = 1 + r.nextInt(5);
      check("outer", r, random(r, m + n), m * n,
          v -> flatten(outer(part(v, 0, m), part(v, m, n))),
          (v, t) -> {
            double[] u = part(v, 0, m);
            double[] w = part(v, m, n);
            double[][] aDot = nans(m, n);
            Linear.outerPushforward(u, w, outer(u, w), part(t, 0, m), part(t, m, n), aDot);
            return flatten(aDot);
          },
          (v, s) -> {
            double[] u = part(v, 0, m);
            double[] w = part(v, m, n);
            double[] du = new double[m];
            double[] dv = new double[n];
            Linear.outerPullback(u, w, outer(u, w), matrix(s, 0, m, n), du, dv);
            return concat(du, dv);
          });
    }
  }

  // ---- Activations ---------------------------------------------------------------------------

  @Test
  void scalarActivations() {
    Random r = new Random(77);
    for (int trial = 0; trial < 3 * TRIALS; trial++) {
      double z = 8 * r.nextDouble() - 4;
      double[] in = {Math.abs(z) < 0.1 ? z + 0.5 : z}; // off the kink of relu
      check("sigmoid", r, in, 1,
          v -> new double[] {Activations.sigmoid(v[0])},
          (v, t) -> new double[] {
              Activations.sigmoidPushforward(v[0], Activations.sigmoid(v[0]), t[0])},
          (v, s) -> new double[] {
              Activations.sigmoidPullback(v[0], Activations.sigmoid(v[0]), s[0])});
      check("tanh", r, in, 1,
          v -> new double[] {Activations.tanh(v[0])},
          (v, t) -> new double[] {Activations.tanhPushforward(v[0], t[0])},
          (v, s) -> new double[] {Activations.tanhPullback(v[0], s[0])});
      check("relu", r, in, 1,
          v -> new double[] {Activations.relu(v[0])},
          (v, t) -> new double[] {Activations.reluPushforward(v[0], t[0])},
          (v, s) -> new double[] {Activations.reluPullback(v[0], s[0])});
      check("softplus", r, in, 1,
          v -> new double[] {Activations.softplus(v[0])},
          (v, t) -> new double[] {Activations.softplusPushforward(v[0], t[0])},
          (v, s) -> new double[] {Activations.softplusPullback(v[0], s[0])});
    }
  }

  @Test
  void sigmoidArray() {
    checkArray("sigmoid[]", Activations::sigmoid, Activations::sigmoidArrayPushforward,
        Activations::sigmoidArrayPullback, 81);
  }

  @Test
  void tanhArray() {
    checkArray("tanh[]", Activations::tanh, Activations::tanhArrayPushforward,
        Activations::tanhArrayPullback, 82);
  }

  @Test
  void reluArray() {
    checkArray("relu[]", Activations::relu, Activations::reluArrayPushforward,
        Activations::reluArrayPullback, 83);
  }

  @Test
  void softplusArray() {
    checkArray("softplus[]", Activations::softplus, Activations::softplusArrayPushforward,
        Activations::softplusArrayPullback, 84);
  }

  @Test
  void softmax() {
    checkArray("softmax", Activations::softmax, Activations::softmaxPushforward,
        Activations::softmaxPullback, 85);
  }

  /**
   * An array activation against finite differences and its pullback; and, with the same
   * tangent, the output tangent written over the input tangent (one array) is the same.
   */
  private static void checkArray(String name, ArrayKernel kernel, ArrayDerivative pushforward,
      ArrayDerivative pullback, long seedOfRandom) {
    Random r = new Random(seedOfRandom);
    for (int trial = 0; trial < TRIALS; trial++) {
      int n = 1 + r.nextInt(7);
      double[] z = random(r, n);
      for (int i = 0; i < n; i++) {
        if (Math.abs(z[i]) < 0.1) {
          z[i] += 0.5; // off the kink of relu
        }
      }
      check(name, r, z, n,
          v -> apply(kernel, v),
          (v, t) -> {
            double[] outDot = nans(n);
            pushforward.apply(v, apply(kernel, v), t, outDot);
            return outDot;
          },
          (v, s) -> {
            double[] dz = new double[n];
            pullback.apply(v, apply(kernel, v), s, dz);
            return dz;
          });

      double[] out = apply(kernel, z);
      double[] zDot = random(r, n);
      double[] separate = nans(n);
      pushforward.apply(z, out, zDot, separate);
      double[] inPlace = zDot.clone();
      pushforward.apply(z, out, inPlace, inPlace);
      assertArrayEquals(separate, inPlace, 0.0, name + " with zDot as the output tangent");
    }
  }

  // ---- Losses --------------------------------------------------------------------------------

  @Test
  void logSumExp() {
    Random r = new Random(86);
    for (int trial = 0; trial < TRIALS; trial++) {
      int n = 1 + r.nextInt(7);
      check("logSumExp", r, random(r, n), 1,
          v -> new double[] {Losses.logSumExp(v)},
          (v, t) -> new double[] {Losses.logSumExpPushforward(v, t)},
          (v, s) -> {
            double[] dz = new double[n];
            Losses.logSumExpPullback(v, s[0], dz);
            return dz;
          });
    }
  }

  @Test
  void softmaxCrossEntropy() {
    Random r = new Random(87);
    for (int trial = 0; trial < TRIALS; trial++) {
      int n = 1 + r.nextInt(7);
      int target = r.nextInt(n);
      check("softmaxCrossEntropy", r, random(r, n), 1,
          v -> new double[] {Losses.softmaxCrossEntropy(v, target)},
          (v, t) -> new double[] {Losses.softmaxCrossEntropyPushforward(
              v, target, Losses.softmaxCrossEntropy(v, target), t)},
          (v, s) -> {
            double[] dl = new double[n];
            Losses.softmaxCrossEntropyPullback(
                v, target, Losses.softmaxCrossEntropy(v, target), s[0], dl);
            return dl;
          });
    }
  }

  @Test
  void meanSquaredError() {
    Random r = new Random(88);
    for (int trial = 0; trial < TRIALS; trial++) {
      int n = 1 + r.nextInt(7);
      double[] target = random(r, n);
      double[] targetCopy = target.clone();
      check("meanSquaredError", r, random(r, n), 1,
          v -> new double[] {Losses.meanSquaredError(v, target)},
          (v, t) -> new double[] {Losses.meanSquaredErrorPushforward(v, target, t)},
          (v, s) -> {
            double[] dp = new double[n];
            Losses.meanSquaredErrorPullback(v, target, s[0], dp);
            return dp;
          });
      assertUnchanged("target", targetCopy, target);
    }
  }

  // ---- null tangents -------------------------------------------------------------------------

  /**
   * Where the kernel is registered with {@code skipsNullAdjoints}, a {@code null} tangent gives
   * exactly what an array of zeros gives, for each tangent left out and for all of them.
   */
  @Test
  void aNullTangentIsZero() {
    Random r = new Random(89);
    int m = 3;
    int n = 4;
    double[][] w = random(r, m, n);
    double[] xn = random(r, n);
    double[] yn = random(r, n);
    double[] xm = random(r, m);
    double[][] wDot = random(r, m, n);
    double[] xnDot = random(r, n);
    double[] ynDot = random(r, n);
    double[] xmDot = random(r, m);
    double[][] zeroW = new double[m][n];
    double[] zeroN = new double[n];
    double[] zeroM = new double[m];
    double[] y = matvec(w, xn);
    double[] yt = matvecT(w, xm);
    double[] z = axpy(0.7, xn, yn);
    double[][] a = outer(xm, xn);

    for (int nulls = 1; nulls < 4; nulls++) {
      boolean first = (nulls & 1) != 0;
      boolean second = (nulls & 2) != 0;
      String what = (first ? "first" : "") + (second ? " second" : "") + " null";

      assertEquals(
          Linear.dotPushforward(xn, yn, first ? zeroN : xnDot, second ? zeroN : ynDot),
          Linear.dotPushforward(xn, yn, first ? null : xnDot, second ? null : ynDot),
          0.0, "dot, " + what);

      double[] expected = nans(m);
      Linear.matvecPushforward(w, xn, y, first ? zeroW : wDot, second ? zeroN : xnDot, expected);
      double[] got = nans(m);
      Linear.matvecPushforward(w, xn, y, first ? null : wDot, second ? null : xnDot, got);
      assertArrayEquals(expected, got, 0.0, "matvec, " + what);

      expected = nans(n);
      Linear.matvecTransposedPushforward(
          w, xm, yt, first ? zeroW : wDot, second ? zeroM : xmDot, expected);
      got = nans(n);
      Linear.matvecTransposedPushforward(
          w, xm, yt, first ? null : wDot, second ? null : xmDot, got);
      assertArrayEquals(expected, got, 0.0, "matvecTransposed, " + what);

      expected = nans(n);
      Linear.axpyPushforward(
          0.7, xn, yn, z, 0.3, first ? zeroN : xnDot, second ? zeroN : ynDot, expected);
      got = nans(n);
      Linear.axpyPushforward(
          0.7, xn, yn, z, 0.3, first ? null : xnDot, second ? null : ynDot, got);
      assertArrayEquals(expected, got, 0.0, "axpy, " + what);

      double[][] expectedA = nans(m, n);
      Linear.outerPushforward(xm, xn, a, first ? zeroM : xmDot, second ? zeroN : xnDot, expectedA);
      double[][] gotA = nans(m, n);
      Linear.outerPushforward(xm, xn, a, first ? null : xmDot, second ? null : xnDot, gotA);
      assertArrayEquals(flatten(expectedA), flatten(gotA), 0.0, "outer, " + what);
    }
  }

  /** A left-out term is skipped, not multiplied by zero: an infinite factor gives no NaN. */
  @Test
  void aNullTangentSkipsItsTerm() {
    double inf = Double.POSITIVE_INFINITY;
    double[][] w = {{inf, 1}};
    double[] x = {1, 2};
    double[] yDot = {Double.NaN};
    Linear.matvecPushforward(w, x, new double[1], new double[][] {{1, 1}}, null, yDot);
    assertArrayEquals(new double[] {3}, yDot, 0.0);

    double[][] aDot = nans(1, 1);
    Linear.outerPushforward(new double[] {inf}, new double[] {inf}, new double[1][1], null, null,
        aDot);
    assertArrayEquals(new double[] {0}, aDot[0], 0.0);

    assertEquals(0.0, Linear.dotPushforward(new double[] {inf}, new double[] {1}, null, null));
  }

  // ---- what is read and what is written ------------------------------------------------------

  @Test
  void inputsAndPrimalOutputsAreLeftAlone() {
    Random r = new Random(90);
    double[][] w = random(r, 3, 4);
    double[] x = random(r, 4);
    double[][] wDot = random(r, 3, 4);
    double[] xDot = random(r, 4);
    double[] y = matvec(w, x);
    double[][] wCopy = copy(w);
    double[][] wDotCopy = copy(wDot);
    double[] xCopy = x.clone();
    double[] xDotCopy = xDot.clone();
    double[] yCopy = y.clone();
    Linear.matvecPushforward(w, x, y, wDot, xDot, new double[3]);
    assertUnchanged("W", wCopy, w);
    assertUnchanged("WDot", wDotCopy, wDot);
    assertUnchanged("x", xCopy, x);
    assertUnchanged("xDot", xDotCopy, xDot);
    assertUnchanged("y", yCopy, y);

    double[] z = random(r, 5);
    double[] zDot = random(r, 5);
    double[] s = new double[5];
    Activations.softmax(z, s);
    double[] zCopy = z.clone();
    double[] zDotCopy = zDot.clone();
    double[] sCopy = s.clone();
    Activations.softmaxPushforward(z, s, zDot, new double[5]);
    assertUnchanged("z", zCopy, z);
    assertUnchanged("zDot", zDotCopy, zDot);
    assertUnchanged("softmax output", sCopy, s);
  }

  @Test
  void axpyMayWriteTheTangentOverAnInputTangent() {
    Random r = new Random(91);
    double[] x = random(r, 5);
    double[] y = random(r, 5);
    double[] z = axpy(1.5, x, y);
    double[] xDot = random(r, 5);
    double[] yDot = random(r, 5);
    double[] separate = nans(5);
    Linear.axpyPushforward(1.5, x, y, z, -0.5, xDot, yDot, separate);
    double[] overX = xDot.clone();
    Linear.axpyPushforward(1.5, x, y, z, -0.5, overX, yDot, overX);
    assertArrayEquals(separate, overX, 0.0, "zDot = xDot");
    double[] overY = yDot.clone();
    Linear.axpyPushforward(1.5, x, y, z, -0.5, xDot, overY, overY);
    assertArrayEquals(separate, overY, 0.0, "zDot = yDot");
  }

  @Test
  void emptyShapesAreFine() {
    Linear.matvecPushforward(
        new double[0][], new double[] {1, 2}, new double[0], new double[0][], new double[2],
        new double[0]);
    double[] yDot = {5, 5};
    Linear.matvecTransposedPushforward(
        new double[0][], new double[0], new double[2], null, null, yDot);
    assertArrayEquals(new double[] {0, 0}, yDot);
    Linear.outerPushforward(
        new double[0], new double[] {1}, new double[0][], null, new double[1], new double[0][]);
    assertEquals(0.0, Linear.sumPushforward(new double[0], new double[0]));
    assertEquals(0.0, Losses.logSumExpPushforward(new double[0], new double[0]));
  }

  // ---- conventions at the edges --------------------------------------------------------------

  @Test
  void reluTangentAtTheKinkIsZeroAsInThePullback() {
    assertEquals(0.0, Activations.reluPushforward(0.0, 5.0));
    assertEquals(0.0, Activations.reluPushforward(-0.0, 5.0));
    assertEquals(5.0, Activations.reluPushforward(Double.MIN_VALUE, 5.0));
    assertTrue(Double.isNaN(Activations.reluPushforward(Double.NaN, 5.0)));
    for (double z : new double[] {-1, -0.0, 0.0, Double.MIN_VALUE, 2, Double.NaN}) {
      assertEquals(Activations.reluPullback(z, 5.0), Activations.reluPushforward(z, 5.0), 0.0);
    }
    double[] z = {0.0, 2.0, -1.0, Double.NaN};
    double[] a = new double[4];
    Activations.relu(z, a);
    double[] aDot = nans(4);
    Activations.reluArrayPushforward(z, a, new double[] {5, 5, 5, 5}, aDot);
    assertArrayEquals(new double[] {0, 5, 0, Double.NaN}, aDot, 0.0);
  }

  @Test
  void sigmoidTangentKeepsFullRelativeAccuracyInTheTail() {
    for (double z = -30; z <= 30; z += 0.0625) {
      double s = Activations.sigmoid(z);
      assertEquals(
          Activations.sigmoidPullback(z, s, 1.5), Activations.sigmoidPushforward(z, s, 1.5), 0.0);
    }
    // σ'(40) ≈ e^-40, not 1 − 1 = 0.
    assertEquals(
        Math.exp(-40), Activations.sigmoidPushforward(40, Activations.sigmoid(40.0), 1.0), 1e-30);
  }

  @Test
  void largeLogitsGiveFiniteTangents() {
    assertEquals(2.0, Losses.logSumExpPushforward(new double[] {1000, 1000}, new double[] {1, 3}),
        1e-15);
    assertEquals(1.0,
        Losses.logSumExpPushforward(new double[] {1e308, -1e308}, new double[] {1, 5}));

    double[] logits = {1000, 0, -1000};
    double result = Losses.softmaxCrossEntropy(logits, 2);
    // softmax ≈ (1, 0, 0): d/dε of −log softmax_2 along e_0 is 1, along e_2 is −1.
    assertEquals(1.0,
        Losses.softmaxCrossEntropyPushforward(logits, 2, result, new double[] {1, 0, 0}), 1e-15);
    assertEquals(-1.0,
        Losses.softmaxCrossEntropyPushforward(logits, 2, result, new double[] {0, 0, 1}), 1e-15);

    double[] y = new double[3];
    Activations.softmax(new double[] {1000, 1000, 0}, y);
    double[] yDot = nans(3);
    Activations.softmaxPushforward(new double[] {1000, 1000, 0}, y, new double[] {1, 0, 0}, yDot);
    assertArrayEquals(new double[] {0.25, -0.25, 0}, yDot, 1e-15);
  }

  /**
   * A small loss, {@code softmax_target} near 1: the tangent along the target's logit is
   * {@code softmax_target − 1 = −Σ_{i≠target} softmax_i}, which the pushforward sums without
   * taking the difference of two numbers near 1 (that would keep about 3 digits here).
   */
  @Test
  void softmaxCrossEntropyTangentOfASmallLossKeepsFullRelativeAccuracy() {
    double[] logits = {30, 0};
    double e = Math.exp(-30);
    double exact = -e / (1 + e);
    double got = Losses.softmaxCrossEntropyPushforward(
        logits, 0, Losses.softmaxCrossEntropy(logits, 0), new double[] {1, 0});
    assertEquals(exact, got, 4e-15 * Math.abs(exact));
    // What Σ softmax_i logitsDot_i − logitsDot_target would give: softmax_0 − 1, off in the
    // third digit.
    double naive = Math.exp(-Losses.softmaxCrossEntropy(logits, 0)) - 1;
    assertTrue(Math.abs(naive - exact) > 1e-6 * Math.abs(exact), "naive " + naive);
  }

  // ---- shapes and aliasing -------------------------------------------------------------------

  @Test
  void shapeErrorsNameTheTangent() {
    double[][] w34 = new double[3][4];
    assertMessage("dotPushforward: xDot has length 2 but x has length 3",
        () -> Linear.dotPushforward(new double[3], new double[3], new double[2], null));
    assertMessage("dotPushforward: yDot has length 4 but y has length 3",
        () -> Linear.dotPushforward(new double[3], new double[3], null, new double[4]));
    assertMessage("matvecPushforward: yDot has length 2 but W has 3 rows",
        () -> Linear.matvecPushforward(
            w34, new double[4], new double[3], null, null, new double[2]));
    assertMessage("matvecPushforward: xDot has length 3 but x has length 4",
        () -> Linear.matvecPushforward(
            w34, new double[4], new double[3], null, new double[3], new double[3]));
    assertMessage("matvecPushforward: WDot[1] has length 3 but W has 4 columns",
        () -> Linear.matvecPushforward(
            w34, new double[4], new double[3],
            new double[][] {new double[4], new double[3], new double[4]}, null, new double[3]));
    assertMessage("matvecPushforward: WDot has 2 rows but W has 3",
        () -> Linear.matvecPushforward(
            w34, new double[4], new double[3], new double[2][4], null, new double[3]));
    assertMessage("matvecTransposedPushforward: yDot has length 3 but y has length 4",
        () -> Linear.matvecTransposedPushforward(
            w34, new double[3], new double[4], null, null, new double[3]));
    assertMessage("matvecTransposedPushforward: xDot has length 2 but W has 3 rows",
        () -> Linear.matvecTransposedPushforward(
            w34, new double[3], new double[4], null, new double[2], new double[4]));
    assertMessage("axpyPushforward: zDot has length 2 but z has length 3",
        () -> Linear.axpyPushforward(1, new double[3], new double[3], new double[3], 1, null,
            null, new double[2]));
    assertMessage("axpyPushforward: yDot has length 4 but y has length 3",
        () -> Linear.axpyPushforward(1, new double[3], new double[3], new double[3], 1, null,
            new double[4], new double[3]));
    assertMessage("sumPushforward: xDot has length 1 but x has length 2",
        () -> Linear.sumPushforward(new double[2], new double[1]));
    assertMessage("outerPushforward: ADot has 2 rows but A has 3",
        () -> Linear.outerPushforward(new double[3], new double[2], new double[3][2], null,
            null, new double[2][2]));
    assertMessage("outerPushforward: ADot[0] has length 1 but A has 2 columns",
        () -> Linear.outerPushforward(new double[3], new double[2], new double[3][2], null,
            null, new double[3][1]));
    assertMessage("outerPushforward: vDot has length 3 but v has length 2",
        () -> Linear.outerPushforward(new double[3], new double[2], new double[3][2], null,
            new double[3], new double[3][2]));

    assertMessage("sigmoidArrayPushforward: aDot has length 2 but z has length 3",
        () -> Activations.sigmoidArrayPushforward(
            new double[3], new double[3], new double[3], new double[2]));
    assertMessage("tanhArrayPushforward: zDot has length 4 but z has length 3",
        () -> Activations.tanhArrayPushforward(
            new double[3], new double[3], new double[4], new double[3]));
    assertMessage("reluArrayPushforward: a has length 4 but z has length 3",
        () -> Activations.reluArrayPushforward(
            new double[3], new double[4], new double[3], new double[3]));
    assertMessage("softplusArrayPushforward: aDot has length 1 but z has length 3",
        () -> Activations.softplusArrayPushforward(
            new double[3], new double[3], new double[3], new double[1]));
    assertMessage("softmaxPushforward: yDot has length 2 but z has length 3",
        () -> Activations.softmaxPushforward(
            new double[3], new double[3], new double[3], new double[2]));

    assertMessage("logSumExpPushforward: zDot has length 2 but z has length 3",
        () -> Losses.logSumExpPushforward(new double[3], new double[2]));
    assertMessage(
        "softmaxCrossEntropyPushforward: target 3 is not an index of logits, which has length 3",
        () -> Losses.softmaxCrossEntropyPushforward(new double[3], 3, 0.0, new double[3]));
    assertMessage(
        "softmaxCrossEntropyPushforward: logitsDot has length 2 but logits has length 3",
        () -> Losses.softmaxCrossEntropyPushforward(new double[3], 0, 0.0, new double[2]));
    assertMessage(
        "meanSquaredErrorPushforward: predictionDot has length 2 but prediction has length 3",
        () -> Losses.meanSquaredErrorPushforward(new double[3], new double[3], new double[2]));
    assertMessage("meanSquaredErrorPushforward: target has length 2 but prediction has length 3",
        () -> Losses.meanSquaredErrorPushforward(new double[3], new double[2], new double[3]));
  }

  @Test
  void shapesAreCheckedBeforeAnythingIsWritten() {
    double[] yDot = {7, 7, 7};
    assertThrows(IllegalArgumentException.class,
        () -> Linear.matvecPushforward(
            new double[3][4], new double[4], new double[3],
            new double[][] {new double[4], new double[4], new double[5]}, null, yDot));
    assertArrayEquals(new double[] {7, 7, 7}, yDot);

    double[][] aDot = {{7, 7}, {7, 7}};
    assertThrows(IllegalArgumentException.class,
        () -> Linear.outerPushforward(new double[2], new double[2], new double[2][2],
            new double[2], new double[3], aDot));
    assertArrayEquals(new double[] {7, 7, 7, 7}, flatten(aDot));

    double[] zDot = {7, 7, 7};
    assertThrows(IllegalArgumentException.class,
        () -> Linear.axpyPushforward(1, new double[3], new double[3], new double[3], 1,
            new double[3], new double[2], zDot));
    assertArrayEquals(new double[] {7, 7, 7}, zDot);
  }

  @Test
  void anOutputTangentMustNotAliasWhatIsStillRead() {
    double[][] w = {new double[3], new double[3], new double[3]};
    double[][] wDot = {new double[3], new double[3], new double[3]};
    double[] x = new double[3];
    double[] xDot = new double[3];
    double[] y = new double[3];
    assertMessage("matvecPushforward: yDot must not be the same array as x",
        () -> Linear.matvecPushforward(w, x, y, wDot, xDot, x));
    assertMessage("matvecPushforward: yDot must not be the same array as xDot",
        () -> Linear.matvecPushforward(w, x, y, wDot, xDot, xDot));
    assertMessage("matvecPushforward: yDot must not be the same array as W[1]",
        () -> Linear.matvecPushforward(w, x, y, wDot, xDot, w[1]));
    assertMessage("matvecPushforward: yDot must not be the same array as WDot[2]",
        () -> Linear.matvecPushforward(w, x, y, wDot, xDot, wDot[2]));
    assertMessage("matvecTransposedPushforward: yDot must not be the same array as xDot",
        () -> Linear.matvecTransposedPushforward(w, x, y, wDot, xDot, xDot));
    assertMessage("matvecTransposedPushforward: yDot must not be the same array as WDot[1]",
        () -> Linear.matvecTransposedPushforward(w, x, y, wDot, null, wDot[1]));

    double[] u = new double[2];
    double[] v = new double[2];
    double[] uDot = new double[2];
    double[] vDot = new double[2];
    double[][] a = new double[2][2];
    assertMessage("outerPushforward: u must not be the same array as ADot[1]",
        () -> Linear.outerPushforward(u, v, a, uDot, vDot, new double[][] {new double[2], u}));
    assertMessage("outerPushforward: vDot must not be the same array as ADot[0]",
        () -> Linear.outerPushforward(u, v, a, uDot, vDot, new double[][] {vDot, new double[2]}));
  }

  // ---- the two checks ------------------------------------------------------------------------

  /**
   * Checks the pushforward at {@code in} along a random direction {@code t} against central
   * finite differences of {@code primal}, and against {@code pullback} by duality with a random
   * seed.
   */
  private static void check(String name, Random r, double[] in, int outSize, Primal primal,
      Pushforward pushforward, Pullback pullback) {
    double[] t = random(r, in.length);
    double[] jt = pushforward.apply(in, t.clone());
    assertEquals(outSize, jt.length, name + ": output size");

    double[] numeric = new double[outSize];
    for (int k = 0; k < outSize; k++) {
      int component = k;
      numeric[k] =
          GradCheck.numericGradient(
              e -> primal.apply(along(in, t, e[0]))[component], new double[] {0.0})[0];
    }
    GradCheck.Report report = new GradCheck.Report(jt, numeric);
    assertTrue(report.isWithin(TOLERANCE),
        () -> name + ": pushforward against finite differences along t: " + report);

    double[] s = random(r, outSize);
    double[] jts = pullback.apply(in, s.clone());
    assertEquals(in.length, jts.length, name + ": adjoint size");
    double forward = 0;
    double forwardScale = 0;
    for (int k = 0; k < outSize; k++) {
      forward += s[k] * jt[k];
      forwardScale += Math.abs(s[k] * jt[k]);
    }
    double reverse = 0;
    double reverseScale = 0;
    for (int i = 0; i < in.length; i++) {
      reverse += jts[i] * t[i];
      reverseScale += Math.abs(jts[i] * t[i]);
    }
    double bound = DUALITY * Math.max(forwardScale, reverseScale);
    double forwardValue = forward;
    double reverseValue = reverse;
    assertTrue(Math.abs(forward - reverse) <= bound,
        () -> name + ": ⟨s, J t⟩ = " + forwardValue + " but ⟨Jᵀ s, t⟩ = " + reverseValue
            + " (bound " + bound + ")");
  }

  private static double[] along(double[] x, double[] t, double epsilon) {
    double[] p = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      p[i] = x[i] + epsilon * t[i];
    }
    return p;
  }

  private static void assertMessage(String expected, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(expected, e.getMessage());
  }

  // ---- flat vectors and fresh-array primals --------------------------------------------------

  private static double[] part(double[] v, int from, int length) {
    return Arrays.copyOfRange(v, from, from + length);
  }

  private static double[][] matrix(double[] v, int from, int m, int n) {
    double[][] a = new double[m][];
    for (int i = 0; i < m; i++) {
      a[i] = part(v, from + i * n, n);
    }
    return a;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static double[] nans(int n) {
    double[] v = new double[n];
    Arrays.fill(v, Double.NaN);
    return v;
  }

  private static double[][] nans(int m, int n) {
    double[][] a = new double[m][];
    for (int i = 0; i < m; i++) {
      a[i] = nans(n);
    }
    return a;
  }

  private static double[] apply(ArrayKernel kernel, double[] z) {
    double[] out = new double[z.length];
    kernel.apply(z, out);
    return out;
  }

  private static double[] matvec(double[][] w, double[] x) {
    double[] y = new double[w.length];
    Linear.matvec(w, x, y);
    return y;
  }

  private static double[] matvecT(double[][] w, double[] x) {
    double[] y = new double[w[0].length];
    Linear.matvecTransposed(w, x, y);
    return y;
  }

  private static double[] axpy(double a, double[] x, double[] y) {
    double[] z = new double[x.length];
    Linear.axpy(a, x, y, z);
    return z;
  }

  private static double[][] outer(double[] u, double[] v) {
    double[][] a = new double[u.length][v.length];
    Linear.outer(u, v, a);
    return a;
  }
}

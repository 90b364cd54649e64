package dev.tapeless.runtime;

import static dev.tapeless.runtime.KernelTesting.random;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/**
 * The pullbacks against Hipparchus's forward-mode AD ({@link Gradient}), an implementation that
 * shares nothing with them and, unlike finite differences, has no truncation error: the bound
 * here is 1e-9, not 1e-6. Each function is written with Hipparchus in its textbook form; vector
 * outputs are checked through {@code Σ seed_i out_i} with a random seed.
 */
class HipparchusOracleTest {

  private static final double TOLERANCE = 1e-9;
  private static final int TRIALS = 10;

  @Test
  void scalarActivations() {
    Random r = new Random(61);
    for (int t = 0; t < TRIALS; t++) {
      double z = 8 * r.nextDouble() - 4;
      double d = 3 * r.nextGaussian();
      assertScalar(
          "sigmoid", Activations.sigmoidPullback(z, Activations.sigmoid(z), d), z, d,
          HipparchusOracleTest::sigmoid);
      assertScalar("tanh", Activations.tanhPullback(z, d), z, d, Gradient::tanh);
      assertScalar("softplus", Activations.softplusPullback(z, d), z, d, g -> g.exp().log1p());
      assertScalar(
          "relu", Activations.reluPullback(z, d), z, d, g -> g.getValue() > 0 ? g : g.multiply(0));
    }
  }

  @Test
  void arrayActivationsAndSoftmax() {
    Random r = new Random(62);
    for (int t = 0; t < TRIALS; t++) {
      int n = 1 + r.nextInt(6);
      double[] z = random(r, n);
      double[] seed = random(r, n);
      double[] a = new double[n];
      double[] dz = new double[n];

      Activations.sigmoid(z, a);
      Activations.sigmoidArrayPullback(z, a, seed.clone(), dz);
      assertClose(
          "sigmoid[]",
          dz,
          gradient(z, g -> weighted(seed, map(g, HipparchusOracleTest::sigmoid))));

      dz = new double[n];
      Activations.tanh(z, a);
      Activations.tanhArrayPullback(z, a, seed.clone(), dz);
      assertClose("tanh[]", dz, gradient(z, g -> weighted(seed, map(g, Gradient::tanh))));

      dz = new double[n];
      Activations.softplus(z, a);
      Activations.softplusArrayPullback(z, a, seed.clone(), dz);
      assertClose(
          "softplus[]", dz, gradient(z, g -> weighted(seed, map(g, x -> x.exp().log1p()))));

      dz = new double[n];
      Activations.softmax(z, a);
      Activations.softmaxPullback(z, a, seed.clone(), dz);
      assertClose("softmax", dz, gradient(z, g -> weighted(seed, softmax(g))));
    }
  }

  @Test
  void losses() {
    Random r = new Random(63);
    for (int t = 0; t < TRIALS; t++) {
      int n = 1 + r.nextInt(6);
      double[] z = random(r, n);
      double d = 3 * r.nextGaussian();
      int target = r.nextInt(n);
      double[] y = random(r, n);

      double[] dz = new double[n];
      Losses.logSumExpPullback(z, d, dz);
      assertClose("logSumExp", dz, gradient(z, g -> logSumExp(g).multiply(d)));

      dz = new double[n];
      Losses.softmaxCrossEntropyPullback(
          z, target, Losses.softmaxCrossEntropy(z, target), d, dz);
      assertClose(
          "softmaxCrossEntropy",
          dz,
          gradient(z, g -> logSumExp(g).subtract(g[target]).multiply(d)));

      dz = new double[n];
      Losses.meanSquaredErrorPullback(z, y, d, dz);
      assertClose(
          "meanSquaredError",
          dz,
          gradient(z, g -> {
            Gradient s = g[0].multiply(0);
            for (int i = 0; i < n; i++) {
              s = s.add(g[i].subtract(y[i]).square());
            }
            return s.divide(n).multiply(d);
          }));
    }
  }

  @Test
  void linearKernels() {
    Random r = new Random(64);
    for (int t = 0; t < TRIALS; t++) {
      int m = 1 + r.nextInt(4);
      int n = 1 + r.nextInt(4);
      double[][] w = random(r, m, n);
      double[] x = random(r, n);
      double[] xm = random(r, m);
      double[] seedM = random(r, m);
      double[] seedN = random(r, n);

      // matvec: variables are W (row-major) then x.
      double[][] dw = new double[m][n];
      double[] dx = new double[n];
      double[] y = new double[m];
      Linear.matvec(w, x, y);
      Linear.matvecPullback(w, x, y, seedM.clone(), dw, dx);
      double[] expected = gradient(concat(KernelTesting.flatten(w), x), g -> {
        Gradient s = g[0].multiply(0);
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            s = s.add(g[i * n + j].multiply(g[m * n + j]).multiply(seedM[i]));
          }
        }
        return s;
      });
      assertClose("matvec", concat(KernelTesting.flatten(dw), dx), expected);

      // matvecTransposed: variables are W then x (length m).
      dw = new double[m][n];
      double[] dxm = new double[m];
      double[] yt = new double[n];
      Linear.matvecTransposed(w, xm, yt);
      Linear.matvecTransposedPullback(w, xm, yt, seedN.clone(), dw, dxm);
      expected = gradient(concat(KernelTesting.flatten(w), xm), g -> {
        Gradient s = g[0].multiply(0);
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            s = s.add(g[i * n + j].multiply(g[m * n + i]).multiply(seedN[j]));
          }
        }
        return s;
      });
      assertClose("matvecTransposed", concat(KernelTesting.flatten(dw), dxm), expected);

      // outer: variables are u (length m) then v (length n).
      double[][] seedA = random(r, m, n);
      double[] du = new double[m];
      double[] dv = new double[n];
      double[][] a = new double[m][n];
      Linear.outer(xm, x, a);
      Linear.outerPullback(xm, x, a, KernelTesting.copy(seedA), du, dv);
      expected = gradient(concat(xm, x), g -> {
        Gradient s = g[0].multiply(0);
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            s = s.add(g[i].multiply(g[m + j]).multiply(seedA[i][j]));
          }
        }
        return s;
      });
      assertClose("outer", concat(du, dv), expected);

      // axpy: variables are a, x, y.
      double alpha = r.nextGaussian();
      double[] yn = random(r, n);
      double[] z = new double[n];
      double[] dxa = new double[n];
      double[] dya = new double[n];
      Linear.axpy(alpha, x, yn, z);
      double da = Linear.axpyPullback(alpha, x, yn, z, seedN.clone(), dxa, dya);
      expected = gradient(concat(new double[] {alpha}, concat(x, yn)), g -> {
        Gradient s = g[0].multiply(0);
        for (int i = 0; i < n; i++) {
          s = s.add(g[0].multiply(g[1 + i]).add(g[1 + n + i]).multiply(seedN[i]));
        }
        return s;
      });
      assertClose("axpy", concat(new double[] {da}, concat(dxa, dya)), expected);
    }
  }

  // ---- Hipparchus formulations -------------------------------------------------------------

  private static Gradient sigmoid(Gradient z) {
    Gradient one = z.multiply(0).add(1);
    return one.divide(z.negate().exp().add(1));
  }

  private static Gradient logSumExp(Gradient[] z) {
    Gradient s = z[0].multiply(0);
    for (Gradient zi : z) {
      s = s.add(zi.exp());
    }
    return s.log();
  }

  private static Gradient[] softmax(Gradient[] z) {
    Gradient s = z[0].multiply(0);
    for (Gradient zi : z) {
      s = s.add(zi.exp());
    }
    Gradient[] y = new Gradient[z.length];
    for (int i = 0; i < z.length; i++) {
      y[i] = z[i].exp().divide(s);
    }
    return y;
  }

  private static Gradient[] map(Gradient[] z, Function<Gradient, Gradient> f) {
    Gradient[] out = new Gradient[z.length];
    for (int i = 0; i < z.length; i++) {
      out[i] = f.apply(z[i]);
    }
    return out;
  }

  private static Gradient weighted(double[] seed, Gradient[] v) {
    Gradient s = v[0].multiply(0);
    for (int i = 0; i < v.length; i++) {
      s = s.add(v[i].multiply(seed[i]));
    }
    return s;
  }

  /** The gradient of {@code f} at {@code x}, by forward-mode AD with one variable per component. */
  private static double[] gradient(double[] x, Function<Gradient[], Gradient> f) {
    Gradient[] vars = new Gradient[x.length];
    for (int i = 0; i < x.length; i++) {
      vars[i] = Gradient.variable(x.length, i, x[i]);
    }
    return f.apply(vars).getGradient();
  }

  private static double[] concat(double[] a, double[] b) {
    double[] c = new double[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static void assertScalar(
      String what, double analytic, double z, double d, Function<Gradient, Gradient> f) {
    double expected = f.apply(Gradient.variable(1, 0, z)).getGradient()[0] * d;
    assertClose(what, new double[] {analytic}, new double[] {expected});
  }

  private static void assertClose(String what, double[] analytic, double[] oracle) {
    GradCheck.Report report = new GradCheck.Report(analytic, oracle);
    assertTrue(report.isWithin(TOLERANCE), () -> what + " against Hipparchus: " + report);
  }
}

package dev.tapeless.runtime;

import static dev.tapeless.runtime.KernelTesting.added;
import static dev.tapeless.runtime.KernelTesting.assertAllZero;
import static dev.tapeless.runtime.KernelTesting.assertDerivative;
import static dev.tapeless.runtime.KernelTesting.assertGradient;
import static dev.tapeless.runtime.KernelTesting.assertUnchanged;
import static dev.tapeless.runtime.KernelTesting.random;
import static dev.tapeless.runtime.KernelTesting.weighted;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class ActivationsTest {

  private static final int TRIALS = 40;

  /** An array kernel {@code (z, out)} and its pullback {@code (z, out, dOut, dz)}. */
  private interface ArrayKernel {
    void apply(double[] z, double[] out);
  }

  private interface ArrayPullback {
    void apply(double[] z, double[] out, double[] dOut, double[] dz);
  }

  // ---- scalar values -----------------------------------------------------------------------

  @Test
  void scalarValues() {
    assertEquals(0.5, Activations.sigmoid(0.0));
    assertEquals(1 / (1 + Math.exp(-2.0)), Activations.sigmoid(2.0), 1e-16);
    assertEquals(1 / (1 + Math.exp(3.0)), Activations.sigmoid(-3.0), 1e-16);
    assertEquals(Math.tanh(0.7), Activations.tanh(0.7));
    assertEquals(2.5, Activations.relu(2.5));
    assertEquals(0.0, Activations.relu(-2.5));
    assertEquals(Math.log(2), Activations.softplus(0.0), 1e-16);
    assertEquals(Math.log1p(Math.exp(1.5)), Activations.softplus(1.5), 1e-15);
    assertEquals(Math.log1p(Math.exp(-1.5)), Activations.softplus(-1.5), 1e-16);
  }

  // ---- scalar pullbacks against finite differences -----------------------------------------

  @Test
  void scalarPullbacks() {
    Random r = new Random(21);
    for (int t = 0; t < TRIALS; t++) {
      double z = 8 * r.nextDouble() - 4;
      double d = 3 * r.nextGaussian();
      assertDerivative(
          "sigmoid", Activations.sigmoidPullback(z, Activations.sigmoid(z), d),
          v -> d * Activations.sigmoid(v), z);
      assertDerivative("tanh", Activations.tanhPullback(z, d), v -> d * Activations.tanh(v), z);
      assertDerivative(
          "softplus", Activations.softplusPullback(z, d), v -> d * Activations.softplus(v), z);
      // Keep the finite-difference stencil off the kink of relu.
      double zr = Math.abs(z) < 0.1 ? z + 0.5 : z;
      assertDerivative("relu", Activations.reluPullback(zr, d), v -> d * Activations.relu(v), zr);
    }
  }

  @Test
  void reluDerivativeAtTheKinkIsZeroAndNanPropagates() {
    assertEquals(0.0, Activations.reluPullback(0.0, 5.0));
    assertEquals(0.0, Activations.reluPullback(-0.0, 5.0));
    assertEquals(5.0, Activations.reluPullback(Double.MIN_VALUE, 5.0));
    assertTrue(Double.isNaN(Activations.relu(Double.NaN)));
    assertTrue(Double.isNaN(Activations.reluPullback(Double.NaN, 5.0)));

    double[] dz = {1, 1};
    double[] da = {5, 5};
    Activations.reluArrayPullback(new double[] {0.0, 2.0}, new double[] {0.0, 2.0}, da, dz);
    assertArrayEquals(new double[] {1, 6}, dz);
  }

  // ---- element-wise array pullbacks --------------------------------------------------------

  @Test
  void sigmoidArray() {
    checkArrayKernel("sigmoid", Activations::sigmoid, Activations::sigmoidArrayPullback,
        Activations::sigmoid, 31);
  }

  @Test
  void tanhArray() {
    checkArrayKernel("tanh", Activations::tanh, Activations::tanhArrayPullback,
        Activations::tanh, 32);
  }

  @Test
  void reluArray() {
    checkArrayKernel("relu", Activations::relu, Activations::reluArrayPullback,
        Activations::relu, 33);
  }

  @Test
  void softplusArray() {
    checkArrayKernel("softplus", Activations::softplus, Activations::softplusArrayPullback,
        Activations::softplus, 34);
  }

  @Test
  void softmax() {
    checkArrayKernel("softmax", Activations::softmax, Activations::softmaxPullback, null, 35);
  }

  /**
   * For random z and seeds: the array kernel matches the scalar one element by element, and the
   * pullback adds the vector-Jacobian product into dz, zeroes the seed, leaves z and the output
   * alone, and is right also when the seed and dz are one array.
   */
  private static void checkArrayKernel(
      String name, ArrayKernel kernel, ArrayPullback pullback, DoubleUnaryOperator scalar,
      long seedOfRandom) {
    Random r = new Random(seedOfRandom);
    for (int t = 0; t < TRIALS; t++) {
      int n = 1 + r.nextInt(7);
      double[] z = random(r, n);
      for (int i = 0; i < n; i++) {
        if (Math.abs(z[i]) < 0.1) {
          z[i] += 0.5; // off the kink of relu
        }
      }
      double[] out = new double[n];
      kernel.apply(z, out);
      if (scalar != null) {
        for (int i = 0; i < n; i++) {
          assertEquals(scalar.applyAsDouble(z[i]), out[i], 0.0, name + "[" + i + "]");
        }
      }
      double[] seed = random(r, n);
      double[] dOut = seed.clone();
      double[] dz0 = random(r, n);
      double[] dz = dz0.clone();
      double[] zCopy = z.clone();
      double[] outCopy = out.clone();

      pullback.apply(z, out, dOut, dz);

      assertAllZero(name, dOut);
      assertUnchanged(name + " z", zCopy, z);
      assertUnchanged(name + " output", outCopy, out);
      double[] vjp = added(dz, dz0);
      assertGradient(name + " dz", vjp, v -> weighted(seed, apply(kernel, v)), z);

      double[] shared = seed.clone();
      pullback.apply(z, out, shared, shared);
      assertArrayEquals(vjp, shared, 1e-12, name + " with the seed as dz");
    }
  }

  private static double[] apply(ArrayKernel kernel, double[] z) {
    double[] out = new double[z.length];
    kernel.apply(z, out);
    return out;
  }

  // ---- softmax -----------------------------------------------------------------------------

  @Test
  void softmaxSumsToOneAndMatchesTheFormula() {
    double[] z = {1, 2, 3};
    double[] y = new double[3];
    Activations.softmax(z, y);
    double s = Math.exp(1) + Math.exp(2) + Math.exp(3);
    assertArrayEquals(new double[] {Math.exp(1) / s, Math.exp(2) / s, Math.exp(3) / s}, y, 1e-15);
    assertEquals(1.0, y[0] + y[1] + y[2], 1e-15);
  }

  // ---- stability ---------------------------------------------------------------------------

  @Test
  void sigmoidPullbackFromTheResultKeepsFullRelativeAccuracy() {
    // σ'(z) = e^-|z| / (1 + e^-|z|)², evaluated without cancellation, is the reference on both
    // sides of the switch from σ(1 − σ) to the exp formula at σ = 15/16.
    for (double z = -30; z <= 30; z += 0.0625) {
      double e = Math.exp(-Math.abs(z));
      double exact = e / ((1 + e) * (1 + e));
      double got = Activations.sigmoidPullback(z, Activations.sigmoid(z), 1.0);
      assertEquals(exact, got, 4e-15 * exact, "z = " + z);
    }
  }

  @Test
  void largeArgumentsStayFinite() {
    assertEquals(1000.0, Activations.softplus(1000.0));
    assertEquals(0.0, Activations.softplus(-1000.0));
    assertEquals(1.0, Activations.softplusPullback(1000, 1.0));
    assertEquals(0.0, Activations.softplusPullback(-1000, 1.0));
    assertEquals(1e-300, Activations.softplus(Math.log(1e-300)), 1e-310); // log1p(e^z) ≈ e^z

    assertEquals(1.0, Activations.sigmoid(1000.0));
    assertEquals(0.0, Activations.sigmoid(-1000.0));
    assertEquals(0.0, Activations.sigmoidPullback(1000, Activations.sigmoid(1000), 1.0));
    assertEquals(0.0, Activations.sigmoidPullback(-1000, Activations.sigmoid(-1000), 1.0));
    // In the tail σ'(z) ≈ e^-z with full relative accuracy, not 1 - 1 = 0.
    assertEquals(Math.exp(-40), Activations.sigmoidPullback(40, Activations.sigmoid(40.0), 1.0),
        1e-30);

    assertEquals(0.0, Activations.tanhPullback(1000, 1.0));
    assertEquals(4 * Math.exp(-40), Activations.tanhPullback(20, 1.0), 1e-28);

    double[] a = new double[3];
    Activations.softplus(new double[] {1000, -1000, 0}, a);
    assertArrayEquals(new double[] {1000, 0, Math.log(2)}, a, 1e-15);

    double[] y = new double[3];
    Activations.softmax(new double[] {1000, 1000, 0}, y);
    assertArrayEquals(new double[] {0.5, 0.5, 0}, y, 1e-15);
    Activations.softmax(new double[] {1e308, -1e308, 1e308}, y);
    assertArrayEquals(new double[] {0.5, 0, 0.5}, y, 1e-15);
  }

  // ---- shapes and aliasing -----------------------------------------------------------------

  @Test
  void shapeErrorsNameTheParameter() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Activations.sigmoid(new double[3], new double[2]));
    assertEquals("sigmoid: a has length 2 but z has length 3", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Activations.softmaxPullback(
                new double[3], new double[3], new double[2], new double[3]));
    assertEquals("softmaxPullback: dy has length 2 but z has length 3", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Activations.tanhArrayPullback(
                new double[3], new double[3], new double[3], new double[4]));
    assertEquals("tanhArrayPullback: dz has length 4 but z has length 3", e.getMessage());
    double[] z = new double[3];
    e = assertThrows(IllegalArgumentException.class, () -> Activations.relu(z, z));
    assertEquals("relu: a must not be the same array as z", e.getMessage());
  }
}

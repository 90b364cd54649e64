package dev.tapeless.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The float kernels' {@code tanh} from {@code exp}: the float it rounds to against
 * {@code (float) Math.tanh} over the whole float line, and its slope against
 * {@code 1 / cosh²} in double.
 */
class FloatTanhTest {

  @Test
  void roundsToTheFloatOfMathTanhWithinOneUlpAcrossTheFloatLine() {
    long checked = 0;
    long differing = 0;
    // every 101st bit pattern of the positive floats, and its negative
    for (int bits = 0; bits < 0x7f800000; bits += 101) {
      float z = Float.intBitsToFloat(bits);
      for (float x : new float[] {z, -z}) {
        float expected = (float) Math.tanh(x);
        float actual = Activations.tanh(x);
        checked++;
        if (expected != actual) {
          differing++;
          assertTrue(Math.abs(expected - actual) <= Math.ulp(expected),
              () -> "tanh(" + x + "): " + actual + ", Math.tanh rounds to " + expected);
        }
      }
    }
    // the rare values within the double result's error of a float rounding boundary
    assertTrue(differing * 100_000 < checked, differing + " of " + checked + " differ");
  }

  @Test
  void keepsTheSignOfZeroTheNanAndTheLimits() {
    assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(Activations.tanh(-0f)));
    assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(Activations.tanh(0f)));
    assertTrue(Float.isNaN(Activations.tanh(Float.NaN)));
    assertEquals(1f, Activations.tanh(Float.POSITIVE_INFINITY));
    assertEquals(-1f, Activations.tanh(Float.NEGATIVE_INFINITY));
    assertEquals(1f, Activations.tanh(Float.MAX_VALUE));
    assertEquals(Float.MIN_VALUE, Activations.tanh(Float.MIN_VALUE));
  }

  @Test
  void slopeIsOneOverCoshSquaredToFullRelativeAccuracyIntoTheTails() {
    for (double z = -40; z <= 40; z += 0.0173) {
      double c = Math.cosh(z);
      double expected = 1.0 / (c * c);
      double actual = FloatTanh.slope(z);
      assertEquals(expected, actual, 1e-13 * expected, "slope at " + z);
      float zf = (float) z;
      double cf = Math.cosh(zf);
      float pullback = (float) (0.75 / (cf * cf));
      assertEquals(pullback, Activations.tanhPullback(zf, 0.75f), Math.ulp(pullback),
          "pullback at " + zf);
    }
    assertEquals(1.0, FloatTanh.slope(0.0));
    assertEquals(0.0, FloatTanh.slope(Double.POSITIVE_INFINITY));
    assertTrue(Double.isNaN(FloatTanh.slope(Double.NaN)));
  }
}

package dev.tapeless.it.arrays;

import static dev.tapeless.runtime.AllocationMeter.allocatedBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.GradCheck;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Arrays the backward sweep fills again instead of restoring ({@link Refills}): the gradient is
 * that of finite differences and bit for bit that of the same program with the saves; a fresh
 * frame's first call allocates less (its save buffer lacks the fill's elements); a fill from a
 * value the loop changes keeps its saves and its right gradient.
 */
class RefillsTest {
  private static volatile double sink;

  private final double[][] means = random(5, 4, 1);
  private final double[][] x = random(40, 4, 2);
  private final double[] w = random(1, 4, 3)[0];

  private static double[][] random(int rows, int cols, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = r.nextDouble(-1, 1);
      }
    }
    return m;
  }

  private static double[] flat(double[][] m, double[] v) {
    double[] out = new double[m.length * m[0].length + v.length];
    int k = 0;
    for (double[] row : m) {
      for (double e : row) {
        out[k++] = e;
      }
    }
    for (double e : v) {
      out[k++] = e;
    }
    return out;
  }

  private double centeredSquaresAt(double[] z) {
    double[][] m = new double[means.length][means[0].length];
    int k = 0;
    for (double[] row : m) {
      for (int j = 0; j < row.length; j++) {
        row[j] = z[k++];
      }
    }
    double[] v = new double[w.length];
    System.arraycopy(z, k, v, 0, v.length);
    return Refills.centeredSquares(m, x, v);
  }

  @Test
  void theRefilledGradientIsThatOfFiniteDifferencesAndOfTheSavingProgramBitForBit() {
    Refills_Grad.CenteredSquares refilled = new Refills_Grad.CenteredSquares();
    double value = refilled.valueAndGradient(means, x, w);
    assertEquals(Refills.centeredSquares(means, x, w), value);
    GradCheck.check(this::centeredSquaresAt, flat(means, w),
        flat(refilled.dmeans, refilled.dw)).assertWithin(1e-7);
    Refills_Grad.CenteredSquaresSaved saved = new Refills_Grad.CenteredSquaresSaved();
    assertEquals(value, saved.valueAndGradient(means, x, w));
    assertArrayEquals(flat(saved.dmeans, saved.dw), flat(refilled.dmeans, refilled.dw));
    double again = refilled.valueAndGradient(means, x, w);
    assertEquals(value, again);
    assertArrayEquals(flat(saved.dmeans, saved.dw), flat(refilled.dmeans, refilled.dw),
        "a second call on the same frame");
  }

  @Test
  void aRefilledArraySavesNoElements() {
    double[][] many = random(400, 4, 4);
    long refilled = allocatedBy(() -> sink = new Refills_Grad.CenteredSquares()
        .valueAndGradient(means, many, w));
    long saved = allocatedBy(() -> sink = new Refills_Grad.CenteredSquaresSaved()
        .valueAndGradient(means, many, w));
    // the saving program pushes d = 4 doubles per point and mean: 400 * 5 * 4 * 8 bytes
    assertTrue(saved - refilled > 400 * 5 * 4 * 8 / 2,
        "refilled: " + refilled + " bytes, saved: " + saved + " bytes");
  }

  @Test
  void aFillFromAValueTheLoopChangesKeepsItsSavesAndItsGradient() {
    double[] mu = w.clone();
    Refills_Grad.ShiftedSquares g = new Refills_Grad.ShiftedSquares();
    assertEquals(Refills.shiftedSquares(mu, x), g.valueAndGradient(mu, x));
    GradCheck.check(v -> Refills.shiftedSquares(v, x), mu, g.dmu).assertWithin(1e-7);
  }
}

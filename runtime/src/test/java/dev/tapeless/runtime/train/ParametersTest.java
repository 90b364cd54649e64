package dev.tapeless.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Registration, shape checks, flat copies, gradient norm and clipping. */
class ParametersTest {

  /** Stands in for a generated frame: a public d-field it allocates on first call, then adds to. */
  static final class FakeFrame {
    public double[][] dW;
    public double[] db;

    /** The gradient of Σ W_ij + 2 Σ b_i, added. */
    void accumulate(double[][] W, double[] b) {
      if (dW == null) {
        dW = new double[W.length][W[0].length];
      }
      if (db == null) {
        db = new double[b.length];
      }
      for (double[] row : dW) {
        for (int j = 0; j < row.length; j++) {
          row[j] += 1.0;
        }
      }
      for (int i = 0; i < db.length; i++) {
        db[i] += 2.0;
      }
    }
  }

  @Test
  void gradientsRegisteredUpFrontAreTheOnesTheFrameAddsInto() {
    double[][] W = {{1, 2, 3}, {4, 5, 6}};
    double[] b = {7, 8};
    Parameters p = new Parameters().add("W", W).add("b", b);
    FakeFrame frame = new FakeFrame();
    frame.dW = p.matrixGradient("W");
    frame.db = p.vectorGradient("b");
    frame.accumulate(W, b);
    frame.accumulate(W, b);

    assertEquals(8, p.elementCount());
    assertEquals(3, p.rowCount());
    double[] g = new double[8];
    p.copyGradientsTo(g);
    assertArrayEquals(new double[] {2, 2, 2, 2, 2, 2, 4, 4}, g);
    assertEquals(Math.sqrt(6 * 4 + 2 * 16), p.gradientNorm(), 1e-15);
  }

  @Test
  void gradientsOfAFrameThatRanOnceCanBeRegistered() {
    double[][] W = {{1, 2}};
    double[] b = {3};
    FakeFrame frame = new FakeFrame();
    frame.accumulate(W, b);
    Parameters p = new Parameters().add("W", W, frame.dW).add("b", b, frame.db);
    assertSame(frame.dW, p.matrixGradient("W"));
    assertSame(frame.db, p.vectorGradient("b"));
    assertSame(W[0], p.valueRow(0));
    assertSame(frame.dW[0], p.gradientRow(0));
  }

  @Test
  void layoutIsRegistrationOrderRowMajor() {
    double[][] W = {{1, 2, 3}, {4, 5, 6}};
    double[] b = {7, 8};
    double[][] jagged = {{9}, {10, 11}};
    Parameters p = new Parameters().add("W", W).add("b", b).add("jagged", jagged);
    assertEquals(3, p.parameterCount());
    assertEquals("b", p.name(1));
    assertEquals(0, p.offset("W"));
    assertEquals(6, p.offset("b"));
    assertEquals(8, p.offset("jagged"));
    assertEquals(11, p.elementCount());
    assertEquals("Parameters[W[2][3], b[2], jagged[2][jagged]]", p.toString());

    double[] flat = new double[11];
    p.copyTo(flat);
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, flat);
  }

  @Test
  void copyToAndCopyFromRoundTrip() {
    double[][] W = {{1, 2, 3}, {4, 5, 6}};
    double[] b = {7, 8};
    Parameters p = new Parameters().add("W", W).add("b", b);
    double[] saved = new double[p.elementCount()];
    p.copyTo(saved);

    W[1][2] = -1;
    b[0] = -2;
    p.copyFrom(saved);
    assertArrayEquals(new double[] {4, 5, 6}, W[1]);
    assertArrayEquals(new double[] {7, 8}, b);

    double[] other = {10, 20, 30, 40, 50, 60, 70, 80};
    p.copyFrom(other);
    double[] back = new double[8];
    p.copyTo(back);
    assertArrayEquals(other, back);
    assertArrayEquals(new double[] {40, 50, 60}, W[1]);
  }

  @Test
  void gradientCopiesRoundTripAndZero() {
    Parameters p = new Parameters().add("W", new double[2][2]).add("b", new double[3]);
    double[] g = {1, 2, 3, 4, 5, 6, 7};
    p.copyGradientsFrom(g);
    assertArrayEquals(new double[] {3, 4}, p.matrixGradient("W")[1]);
    assertArrayEquals(new double[] {5, 6, 7}, p.vectorGradient("b"));
    double[] back = new double[7];
    p.copyGradientsTo(back);
    assertArrayEquals(g, back);

    p.zeroGradients();
    p.copyGradientsTo(back);
    assertArrayEquals(new double[7], back);
    assertEquals(0.0, p.gradientNorm());
  }

  @Test
  void flatArraysOfTheWrongLengthAreRejected() {
    Parameters p = new Parameters().add("W", new double[2][2]);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> p.copyTo(new double[3]));
    assertEquals("copyTo: flat array has length 3 but the parameters have 4 elements",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> p.copyFrom(new double[5]));
    assertThrows(IllegalArgumentException.class, () -> p.copyGradientsTo(null));
    assertThrows(IllegalArgumentException.class, () -> p.copyGradientsFrom(new double[0]));
  }

  @Test
  void clippingScalesALargeGradientToTheMaxNorm() {
    Parameters p = new Parameters().add("W", new double[2][2]).add("b", new double[2]);
    double[] g = {3, 0, 0, 4, 12, 0};
    p.copyGradientsFrom(g);
    double before = p.clipGradientNorm(6.5);
    assertEquals(13.0, before, 1e-15);
    assertEquals(6.5, p.gradientNorm(), 1e-12);
    double[] clipped = new double[6];
    p.copyGradientsTo(clipped);
    for (int i = 0; i < g.length; i++) {
      assertEquals(g[i] / 2, clipped[i], 1e-15, "direction kept at " + i);
    }
  }

  @Test
  void clippingLeavesASmallGradientAlone() {
    Parameters p = new Parameters().add("b", new double[3]);
    double[] g = {0.1, -0.2, 0.2};
    p.copyGradientsFrom(g);
    assertEquals(0.3, p.clipGradientNorm(1.0), 1e-15);
    assertArrayEquals(g, p.vectorGradient("b"));
    // Exactly at the bound: unchanged too.
    p.copyGradientsFrom(new double[] {3, 4, 0});
    assertEquals(5.0, p.clipGradientNorm(5.0));
    assertArrayEquals(new double[] {3, 4, 0}, p.vectorGradient("b"));
  }

  @Test
  void clippingLeavesNonFiniteGradientsForTheCallerToSee() {
    Parameters p = new Parameters().add("b", new double[2]);
    p.copyGradientsFrom(new double[] {Double.NaN, 1});
    assertTrue(Double.isNaN(p.clipGradientNorm(1.0)));
    assertEquals(1.0, p.vectorGradient("b")[1]);
    p.copyGradientsFrom(new double[] {Double.POSITIVE_INFINITY, 1});
    assertEquals(Double.POSITIVE_INFINITY, p.clipGradientNorm(1.0));
    assertEquals(1.0, p.vectorGradient("b")[1]);
    assertThrows(IllegalArgumentException.class, () -> p.clipGradientNorm(0.0));
    assertThrows(IllegalArgumentException.class, () -> p.clipGradientNorm(Double.NaN));
  }

  @Test
  void aHugeButFiniteGradientHasAFiniteNormAndIsClipped() {
    Parameters p = new Parameters().add("b", new double[2]);
    p.copyGradientsFrom(new double[] {3e200, -4e200});
    assertEquals(5e200, p.gradientNorm(), 1e188);
    assertEquals(5e200, p.clipGradientNorm(1.0), 1e188);
    assertEquals(0.6, p.vectorGradient("b")[0], 1e-15);
    assertEquals(-0.8, p.vectorGradient("b")[1], 1e-15);
  }

  @Test
  void vectorShapeMismatchNamesTheParameter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Parameters().add("b1", new double[3], new double[4]));
    assertEquals("parameter b1: gradient has length 4 but the value has length 3",
        e.getMessage());
  }

  @Test
  void matrixShapeMismatchNamesTheParameter() {
    IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
        () -> new Parameters().add("W1", new double[2][3], new double[3][3]));
    assertEquals("parameter W1: gradient has 3 rows but the value has 2", rows.getMessage());

    IllegalArgumentException cols = assertThrows(IllegalArgumentException.class,
        () -> new Parameters().add("W2", new double[2][3], new double[][] {{0, 0, 0}, {0, 0}}));
    assertEquals("parameter W2: gradient[1] has length 2 but value[1] has length 3",
        cols.getMessage());
  }

  @Test
  void aGradientNotYetAllocatedByTheFrameIsExplained() {
    FakeFrame frame = new FakeFrame();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Parameters().add("W", new double[1][1], frame.dW));
    assertTrue(e.getMessage().startsWith("parameter W: gradient is null; "), e.getMessage());
    assertTrue(e.getMessage().contains("add(name, value)"), e.getMessage());
    IllegalArgumentException row = assertThrows(IllegalArgumentException.class,
        () -> new Parameters().add("V", new double[][] {{1}, null}));
    assertEquals("parameter V: value[1] is null", row.getMessage());
  }

  @Test
  void namesAreUniqueAndArraysAreNotRegisteredTwice() {
    double[] b = new double[2];
    double[][] W = new double[2][2];
    Parameters p = new Parameters().add("b", b).add("W", W);
    IllegalArgumentException name =
        assertThrows(IllegalArgumentException.class, () -> p.add("b", new double[1]));
    assertEquals("parameter b is already registered", name.getMessage());
    IllegalArgumentException twice =
        assertThrows(IllegalArgumentException.class, () -> p.add("c", b));
    assertTrue(twice.getMessage().startsWith("parameter c: value is an array already registered"
        + " as b value"), twice.getMessage());
    IllegalArgumentException row = assertThrows(IllegalArgumentException.class,
        () -> p.add("V", new double[][] {new double[2], W[1]}));
    assertTrue(row.getMessage().startsWith("parameter V: value[1] is an array already registered"
        + " as W value[1]"), row.getMessage());
    IllegalArgumentException self = assertThrows(IllegalArgumentException.class, () -> {
      double[] x = new double[1];
      new Parameters().add("x", x, x);
    });
    assertTrue(self.getMessage().startsWith("parameter x: gradient is an array already"),
        self.getMessage());
    // A failed registration leaves the parameters as they were.
    assertEquals(2, p.parameterCount());
    assertEquals(6, p.elementCount());
    p.add("c", new double[1]);
    assertEquals(7, p.elementCount());
    assertThrows(IllegalArgumentException.class, () -> new Parameters().add("", new double[1]));
  }

  @Test
  void gradientLookupChecksNameAndRank() {
    Parameters p = new Parameters().add("W", new double[1][1]).add("b", new double[1]);
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> p.vectorGradient("c"));
    assertEquals("no parameter named c in Parameters[W[1][1], b[1]]", unknown.getMessage());
    IllegalArgumentException rank =
        assertThrows(IllegalArgumentException.class, () -> p.vectorGradient("W"));
    assertEquals("parameter W is a matrix: use matrixGradient(\"W\")", rank.getMessage());
    assertThrows(IllegalArgumentException.class, () -> p.matrixGradient("b"));
    assertEquals(1, p.matrixGradient("W").length);
  }
}

package dev.tapeless.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Float parameters, alone and mixed with double ones: registration, the row API, flat copies
 * (widening, and rounding back), gradient norm and clipping in double, and the same errors as
 * for double parameters.
 */
class FloatParametersTest {

  /** Stands in for the frame of a method over floats: float d-fields, allocated on first call. */
  static final class FakeFloatFrame {
    public float[][] dW;
    public float[] db;

    /** The gradient of Σ W_ij + 2 Σ b_i, added. */
    void accumulate(float[][] W, float[] b) {
      if (dW == null) {
        dW = new float[W.length][W[0].length];
      }
      if (db == null) {
        db = new float[b.length];
      }
      for (float[] row : dW) {
        for (int j = 0; j < row.length; j++) {
          row[j] += 1.0f;
        }
      }
      for (int i = 0; i < db.length; i++) {
        db[i] += 2.0f;
      }
    }
  }

  @Test
  void floatGradientsRegisteredUpFrontAreTheOnesTheFrameAddsInto() {
    float[][] W = {{1, 2, 3}, {4, 5, 6}};
    float[] b = {7, 8};
    Parameters p = new Parameters().add("W", W).add("b", b);
    FakeFloatFrame frame = new FakeFloatFrame();
    frame.dW = p.floatMatrixGradient("W");
    frame.db = p.floatVectorGradient("b");
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
  void floatGradientsOfAFrameThatRanOnceCanBeRegistered() {
    float[][] W = {{1, 2}};
    float[] b = {3};
    FakeFloatFrame frame = new FakeFloatFrame();
    frame.accumulate(W, b);
    Parameters p = new Parameters().add("W", W, frame.dW).add("b", b, frame.db);
    assertSame(frame.dW, p.floatMatrixGradient("W"));
    assertSame(frame.db, p.floatVectorGradient("b"));
    assertSame(W[0], p.floatValueRow(0));
    assertSame(frame.dW[0], p.floatGradientRow(0));
    assertSame(b, p.floatValueRow(1));
    assertSame(frame.db, p.floatGradientRow(1));
  }

  @Test
  void mixedLayoutIsRegistrationOrderRowMajor() {
    float[][] W = {{1, 2, 3}, {4, 5, 6}};
    double[] b = {7, 8};
    float[][] jagged = {{9}, {10, 11}};
    double[][] V = {{12}};
    float[] c = {13};
    Parameters p = new Parameters().add("W", W).add("b", b).add("jagged", jagged).add("V", V)
        .add("c", c);
    assertEquals(5, p.parameterCount());
    assertEquals(0, p.offset("W"));
    assertEquals(6, p.offset("b"));
    assertEquals(8, p.offset("jagged"));
    assertEquals(11, p.offset("V"));
    assertEquals(12, p.offset("c"));
    assertEquals(13, p.elementCount());
    assertEquals(7, p.rowCount());
    assertEquals(10, p.floatElementCount());
    assertEquals(
        "Parameters[W float[2][3], b[2], jagged float[2][jagged], V[1][1], c float[1]]",
        p.toString());

    boolean[] floatRows = {true, true, false, true, true, false, true};
    for (int r = 0; r < floatRows.length; r++) {
      assertEquals(floatRows[r], p.isFloatRow(r), "row " + r);
    }
    assertTrue(p.isFloat("W"));
    assertFalse(p.isFloat("b"));
    assertTrue(p.isFloat("c"));
    assertSame(W[1], p.floatValueRow(1));
    assertSame(b, p.valueRow(2));
    assertSame(jagged[1], p.floatValueRow(4));
    assertSame(V[0], p.valueRow(5));

    double[] flat = new double[13];
    p.copyTo(flat);
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}, flat);
  }

  @Test
  void aRowIsOnlyHandedOutAsTheArrayItIs() {
    Parameters p = new Parameters().add("b", new double[1]).add("W", new float[2][2]);
    IllegalArgumentException value =
        assertThrows(IllegalArgumentException.class, () -> p.valueRow(2));
    assertEquals("valueRow: row 2 is part of float matrix W: use floatValueRow(2)",
        value.getMessage());
    IllegalArgumentException gradient =
        assertThrows(IllegalArgumentException.class, () -> p.gradientRow(1));
    assertEquals("gradientRow: row 1 is part of float matrix W: use floatGradientRow(1)",
        gradient.getMessage());
    IllegalArgumentException floatValue =
        assertThrows(IllegalArgumentException.class, () -> p.floatValueRow(0));
    assertEquals("floatValueRow: row 0 is part of vector b: use valueRow(0)",
        floatValue.getMessage());
    assertThrows(IllegalArgumentException.class, () -> p.floatGradientRow(0));
    assertThrows(IndexOutOfBoundsException.class, () -> p.isFloatRow(3));
  }

  @Test
  void floatValuesWidenExactlyAndAreRoundedWhenSet() {
    float[] f = {0.1f, 1e-30f, -3.4e38f};
    double[] d = {0.1};
    Parameters p = new Parameters().add("f", f).add("d", d);
    double[] flat = new double[4];
    p.copyTo(flat);
    assertArrayEquals(new double[] {0.1f, 1e-30f, -3.4e38f, 0.1}, flat);

    p.copyFrom(new double[] {0.1, 1.0 / 3, 1e300, 1.0 / 3});
    assertEquals(0.1f, f[0]);
    assertEquals(1.0f / 3, f[1]);
    assertEquals(Float.POSITIVE_INFINITY, f[2], "out of float range: rounded to infinity");
    assertEquals(1.0 / 3, d[0]);

    // A float round trip is exact: what copyTo widened, copyFrom narrows back.
    f[2] = Float.MIN_VALUE;
    float[] before = f.clone();
    p.copyTo(flat);
    p.copyFrom(flat);
    assertArrayEquals(before, f);
  }

  @Test
  void mixedGradientCopiesRoundTripAndZero() {
    Parameters p = new Parameters().add("W", new float[2][2]).add("b", new double[3])
        .add("c", new float[1]);
    double[] g = {1, 2, 3, 4, 5, 6, 7, 8};
    p.copyGradientsFrom(g);
    assertArrayEquals(new float[] {3, 4}, p.floatMatrixGradient("W")[1]);
    assertArrayEquals(new double[] {5, 6, 7}, p.vectorGradient("b"));
    assertArrayEquals(new float[] {8}, p.floatVectorGradient("c"));
    double[] back = new double[8];
    p.copyGradientsTo(back);
    assertArrayEquals(g, back);

    p.copyGradientsFrom(new double[] {0.1, 0, 0, 0, 0.1, 0, 0, 0});
    assertEquals(0.1f, p.floatMatrixGradient("W")[0][0]);
    assertEquals(0.1, p.vectorGradient("b")[0]);

    p.zeroGradients();
    p.copyGradientsTo(back);
    assertArrayEquals(new double[8], back);
    assertEquals(0.0, p.gradientNorm());
  }

  @Test
  void flatArraysOfTheWrongLengthAreRejected() {
    Parameters p = new Parameters().add("W", new float[2][2]).add("b", new double[1]);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> p.copyFrom(new double[4]));
    assertEquals("copyFrom: flat array has length 4 but the parameters have 5 elements",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> p.copyTo(new double[6]));
    assertThrows(IllegalArgumentException.class, () -> p.copyGradientsTo(null));
  }

  @Test
  void theNormOfFloatGradientsIsSummedInDouble() {
    float small = 1e-4f;
    Parameters p = new Parameters().add("a", new float[] {1f, 2f}).add("b", new double[1])
        .add("c", new float[1]);
    p.copyGradientsFrom(new double[] {1, small, 2, small});
    double expected = Math.sqrt(1.0 + (double) small * small + 4.0 + (double) small * small);
    assertEquals(expected, p.gradientNorm());
    assertEquals(5f, 1f + small * small + 4f + small * small, "a float sum drops them");
    assertNotEquals(Math.sqrt(5.0), p.gradientNorm(), "the small squares count");

    // Squares of large floats overflow float but not double.
    Parameters big = new Parameters().add("g", new float[2]);
    big.copyGradientsFrom(new double[] {3e30, 4e30});
    assertEquals(5e30, big.gradientNorm(), 5e30 * 1e-7);
  }

  @Test
  void anOverflowingSumStillSeesTheFloatGradients() {
    Parameters p = new Parameters().add("d", new double[2]).add("f", new float[1]);
    p.copyGradientsFrom(new double[] {3e200, -4e200, 1});
    assertEquals(5e200, p.gradientNorm(), 1e188);
    p.copyGradientsFrom(new double[] {3e200, -4e200, Double.POSITIVE_INFINITY});
    assertEquals(Double.POSITIVE_INFINITY, p.gradientNorm());
    assertEquals(Double.POSITIVE_INFINITY, p.clipGradientNorm(1.0));
    assertEquals(3e200, p.vectorGradient("d")[0], "a non-finite norm clips nothing");
    p.copyGradientsFrom(new double[] {0, 0, Double.NaN});
    assertTrue(Double.isNaN(p.gradientNorm()));
  }

  @Test
  void clippingScalesFloatAndDoubleGradientsByOneFactor() {
    Parameters p = new Parameters().add("W", new float[2][2]).add("b", new double[2])
        .add("c", new float[1]);
    double[] g = {3, 0, 0, 4, 12, 0, 0};
    p.copyGradientsFrom(g);
    assertEquals(13.0, p.clipGradientNorm(6.5), 1e-15);
    assertEquals(6.5, p.gradientNorm(), 6.5 * 1e-7);
    assertEquals(1.5f, p.floatMatrixGradient("W")[0][0]);
    assertEquals(2.0f, p.floatMatrixGradient("W")[1][1]);
    assertEquals(6.0, p.vectorGradient("b")[0], 1e-15);

    // A factor that is not a power of two: each float is the scaled value rounded once.
    p.copyGradientsFrom(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7});
    float[] w0 = p.floatMatrixGradient("W")[0].clone();
    double norm = p.gradientNorm();
    p.clipGradientNorm(0.3);
    double factor = 0.3 / norm;
    assertEquals((float) (w0[0] * factor), p.floatMatrixGradient("W")[0][0]);
    assertEquals((float) (w0[1] * factor), p.floatMatrixGradient("W")[0][1]);
    assertEquals(0.3, p.gradientNorm(), 0.3 * 1e-7);
  }

  @Test
  void floatShapeMismatchesGiveTheDoubleMessages() {
    IllegalArgumentException vector = assertThrows(IllegalArgumentException.class,
        () -> new Parameters().add("b1", new float[3], new float[4]));
    assertEquals("parameter b1: gradient has length 4 but the value has length 3",
        vector.getMessage());
    IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
        () -> new Parameters().add("W1", new float[2][3], new float[3][3]));
    assertEquals("parameter W1: gradient has 3 rows but the value has 2", rows.getMessage());
    IllegalArgumentException cols = assertThrows(IllegalArgumentException.class,
        () -> new Parameters().add("W2", new float[2][3], new float[][] {{0, 0, 0}, {0, 0}}));
    assertEquals("parameter W2: gradient[1] has length 2 but value[1] has length 3",
        cols.getMessage());
  }

  @Test
  void aFloatGradientNotYetAllocatedByTheFrameIsExplained() {
    FakeFloatFrame frame = new FakeFloatFrame();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Parameters().add("W", new float[1][1], frame.dW));
    assertTrue(e.getMessage().startsWith("parameter W: gradient is null; "), e.getMessage());
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
        () -> new Parameters().add("b", new float[1], frame.db));
    assertTrue(b.getMessage().startsWith("parameter b: gradient is null; "), b.getMessage());
    IllegalArgumentException row = assertThrows(IllegalArgumentException.class,
        () -> new Parameters().add("V", new float[][] {{1}, null}));
    assertEquals("parameter V: value[1] is null", row.getMessage());
    IllegalArgumentException gradientRow = assertThrows(IllegalArgumentException.class,
        () -> new Parameters().add("U", new float[1][1], new float[][] {null}));
    assertEquals("parameter U: gradient[0] is null", gradientRow.getMessage());
    float[] none = null;
    assertThrows(IllegalArgumentException.class, () -> new Parameters().add("x", none));
  }

  @Test
  void namesAreUniqueAcrossKindsAndFloatArraysAreNotRegisteredTwice() {
    float[] b = new float[2];
    float[][] W = new float[2][2];
    Parameters p = new Parameters().add("b", b).add("W", W).add("d", new double[3]);
    IllegalArgumentException name =
        assertThrows(IllegalArgumentException.class, () -> p.add("d", new float[1]));
    assertEquals("parameter d is already registered", name.getMessage());
    assertThrows(IllegalArgumentException.class, () -> p.add("b", new double[1]));
    IllegalArgumentException twice =
        assertThrows(IllegalArgumentException.class, () -> p.add("c", b));
    assertTrue(twice.getMessage().startsWith("parameter c: value is an array already registered"
        + " as b value"), twice.getMessage());
    IllegalArgumentException row = assertThrows(IllegalArgumentException.class,
        () -> p.add("V", new float[][] {new float[2], W[1]}));
    assertTrue(row.getMessage().startsWith("parameter V: value[1] is an array already registered"
        + " as W value[1]"), row.getMessage());
    IllegalArgumentException gradient = assertThrows(IllegalArgumentException.class,
        () -> p.add("U", new float[2], p.floatVectorGradient("b")));
    assertTrue(gradient.getMessage().startsWith("parameter U: gradient is an array already"
        + " registered as b gradient"), gradient.getMessage());
    IllegalArgumentException self = assertThrows(IllegalArgumentException.class, () -> {
      float[] x = new float[1];
      new Parameters().add("x", x, x);
    });
    assertTrue(self.getMessage().startsWith("parameter x: gradient is an array already"),
        self.getMessage());
    // A failed registration leaves the parameters as they were.
    assertEquals(3, p.parameterCount());
    assertEquals(9, p.elementCount());
    assertEquals(6, p.floatElementCount());
    assertEquals(4, p.rowCount());
    p.add("c", new float[1]);
    assertEquals(10, p.elementCount());
    assertEquals(7, p.floatElementCount());
    assertThrows(IllegalArgumentException.class, () -> new Parameters().add("", new float[1]));
  }

  @Test
  void gradientLookupNamesTheAccessorThatFits() {
    Parameters p = new Parameters().add("W", new double[1][1]).add("b", new double[1])
        .add("U", new float[1][1]).add("c", new float[1]);
    assertEquals("parameter c is a float vector: use floatVectorGradient(\"c\")",
        assertThrows(IllegalArgumentException.class, () -> p.vectorGradient("c")).getMessage());
    assertEquals("parameter U is a float matrix: use floatMatrixGradient(\"U\")",
        assertThrows(IllegalArgumentException.class, () -> p.matrixGradient("U")).getMessage());
    assertEquals("parameter U is a float matrix: use floatMatrixGradient(\"U\")",
        assertThrows(IllegalArgumentException.class, () -> p.floatVectorGradient("U"))
            .getMessage());
    assertEquals("parameter b is a vector: use vectorGradient(\"b\")",
        assertThrows(IllegalArgumentException.class, () -> p.floatVectorGradient("b"))
            .getMessage());
    assertEquals("parameter W is a matrix: use matrixGradient(\"W\")",
        assertThrows(IllegalArgumentException.class, () -> p.floatMatrixGradient("W"))
            .getMessage());
    assertEquals("parameter c is a float vector: use floatVectorGradient(\"c\")",
        assertThrows(IllegalArgumentException.class, () -> p.floatMatrixGradient("c"))
            .getMessage());
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> p.floatVectorGradient("x"));
    assertEquals("no parameter named x in Parameters[W[1][1], b[1], U float[1][1], c float[1]]",
        unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> p.isFloat("x"));
    assertEquals(1, p.floatMatrixGradient("U").length);
    assertEquals(1, p.floatVectorGradient("c").length);
  }
}

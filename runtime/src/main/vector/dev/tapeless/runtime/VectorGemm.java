package dev.tapeless.runtime;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The products' update with the Vector API, loaded by {@link VectorKernels} only where the JVM
 * has the {@code jdk.incubator.vector} module (compiled apart from the module's other classes,
 * with that module added, for this reason). It is what BLAS does and C2 does not do by itself:
 * a block of R is packed into one flat panel (rows of {@link #KC} columns) and the rows of A
 * beside it, and a block of four rows of C by three vectors is held in twelve vector registers
 * while the whole panel's rows pass (twelve fused multiply-adds per three loads and four
 * broadcasts), where the loops C2 vectorizes load and store C for every few terms.
 *
 * <p>Each element of C is still one chain {@code c = fma(a(i, j), R_j[k], c)} in increasing
 * {@code j} (the outer loop takes the panels by rows of R, each over all columns of C, and A's
 * rows are packed once per panel row block), so the sums are {@link TiledGemm}'s bit for bit; only
 * the number of elements each instruction updates differs. The panels are per-thread scratch,
 * grown once, so that nothing is allocated after the first call (and after C2 has compiled
 * the vectors into registers; interpreted, each vector is an object, which is why
 * {@link VectorKernels} does not load this class in an interpreted JVM).
 *
 * <p>The float half repeats the double one with float types and {@code FloatVector}, as
 * {@link TiledGemm}'s does: the Vector API's generic {@code Vector<E>} has no typed array
 * loads, stores or scalar broadcasts for C2 to compile into registers.
 */
final class VectorGemm implements GemmKernel {

  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  /** Lanes of D and F, as int constants for the offsets. */
  private static final int DL = D.length();

  private static final int FL = F.length();

  /**
   * Columns per panel row: a multiple of three vectors at the widths this kernel runs at (4, 8
   * or 16 lanes).
   */
  static final int KC = 240;

  /**
   * Rows of R per panel (128 × 240 doubles, 240 KiB, in L2): a column strip of three vectors
   * (128 × 24 doubles at 512 bits, 24 KiB) then stays in L1 while every four-row block of C
   * passes over it. 256 rows measured a third slower at 64 × 1024 × 2048 (CPU time, JDK 17).
   */
  static final int JC = 128;

  private static final ThreadLocal<DoublePanel> DOUBLE_PANEL =
      ThreadLocal.withInitial(DoublePanel::new);

  private static final ThreadLocal<FloatPanel> FLOAT_PANEL =
      ThreadLocal.withInitial(FloatPanel::new);

  /**
   * Refuses vectors of fewer than four doubles (128-bit SIMD), where {@link TiledGemm}'s loops
   * are as fast; {@link VectorKernels} then keeps them.
   */
  VectorGemm() {
    if (DL < 4) {
      throw new UnsupportedOperationException("vectors of " + DL + " doubles");
    }
  }

  /** {@link GemmKernel#update(double[][], boolean, int, double[][], boolean, int, double[][])}. */
  @Override
  public void update(double[][] A, boolean aTransposed, int inner, double[][] R,
      boolean rTransposed, int n, double[][] C) {
    DoublePanel scratch = DOUBLE_PANEL.get();
    double[] p = scratch.of(JC * KC);
    int rows = C.length;
    double[] a = scratch.rows(rows * JC);
    int lanes = DL;
    int block = 3 * lanes;
    int fours = rows - rows % 4;
    for (int j0 = 0; j0 < inner; j0 += JC) {
      int jw = Math.min(inner - j0, JC);
      for (int i = 0; i < fours; i += 4) {
        packRows(A, aTransposed, i, j0, jw, a, i * JC);
      }
      for (int k0 = 0; k0 < n; k0 += KC) {
        int kw = Math.min(n - k0, KC);
        pack(R, rTransposed, j0, jw, k0, kw, p);
        int strips = kw - kw % block;
        for (int k = 0; k < strips; k += block) {
          for (int i = 0; i < fours; i += 4) {
            fourRows(a, i * JC, jw, p, k, C, i, k0 + k);
          }
        }
        int vectors = kw - kw % lanes;
        for (int k = strips; k < vectors; k += lanes) {
          for (int i = 0; i < fours; i += 4) {
            fourRowsOneVector(a, i * JC, jw, p, k, C, i, k0 + k);
          }
        }
        for (int i = 0; i < fours; i += 4) {
          fourRowsLastColumns(a, i * JC, jw, p, vectors, kw, C, i, k0);
        }
        for (int i = fours; i < rows; i++) {
          for (int k = 0; k < vectors; k += lanes) {
            oneRow(A, aTransposed, i, j0, jw, p, k, C[i], k0 + k);
          }
          lastColumns(A, aTransposed, i, j0, jw, p, vectors, kw, C[i], k0);
        }
      }
    }
  }

  /** Copies {@code R_j[k0, k0 + kw)} for {@code j} in {@code [j0, j0 + jw)} to rows of KC. */
  private static void pack(double[][] R, boolean rTransposed, int j0, int jw, int k0, int kw,
      double[] p) {
    if (!rTransposed) {
      for (int j = 0; j < jw; j++) {
        System.arraycopy(R[j0 + j], k0, p, j * KC, kw);
      }
      return;
    }
    for (int k = 0; k < kw; k++) {
      double[] column = R[k0 + k];
      for (int j = 0; j < jw; j++) {
        p[j * KC + k] = column[j0 + j];
      }
    }
  }

  /**
   * Rows i to i + 3 of A from column j0 (of Aᵀ when transposed), as {@code a[at + r JC + j]}:
   * four rows read side by side by {@link #fourRows}.
   */
  private static void packRows(double[][] A, boolean aTransposed, int i, int j0, int jw,
      double[] a, int at) {
    if (!aTransposed) {
      for (int r = 0; r < 4; r++) {
        System.arraycopy(A[i + r], j0, a, at + r * JC, jw);
      }
      return;
    }
    for (int j = 0; j < jw; j++) {
      double[] column = A[j0 + j];
      for (int r = 0; r < 4; r++) {
        a[at + r * JC + j] = column[i + r];
      }
    }
  }

  /**
   * Rows i to i + 3 of C, three vectors from column {@code c0}, += their packed
   * {@code a[4 j + r]} times the panel's rows from column {@code k}: twelve accumulators in
   * registers for the whole panel.
   */
  private static void fourRows(double[] a, int at, int jw, double[] p, int k, double[][] C, int i,
      int c0) {
    int l = DL;
    double[] r0 = C[i];
    double[] r1 = C[i + 1];
    double[] r2 = C[i + 2];
    double[] r3 = C[i + 3];
    DoubleVector c00 = DoubleVector.fromArray(D, r0, c0);
    DoubleVector c01 = DoubleVector.fromArray(D, r0, c0 + l);
    DoubleVector c02 = DoubleVector.fromArray(D, r0, c0 + 2 * l);
    DoubleVector c10 = DoubleVector.fromArray(D, r1, c0);
    DoubleVector c11 = DoubleVector.fromArray(D, r1, c0 + l);
    DoubleVector c12 = DoubleVector.fromArray(D, r1, c0 + 2 * l);
    DoubleVector c20 = DoubleVector.fromArray(D, r2, c0);
    DoubleVector c21 = DoubleVector.fromArray(D, r2, c0 + l);
    DoubleVector c22 = DoubleVector.fromArray(D, r2, c0 + 2 * l);
    DoubleVector c30 = DoubleVector.fromArray(D, r3, c0);
    DoubleVector c31 = DoubleVector.fromArray(D, r3, c0 + l);
    DoubleVector c32 = DoubleVector.fromArray(D, r3, c0 + 2 * l);
    for (int j = 0; j < jw; j++) {
      int o = j * KC + k;
      DoubleVector p0 = DoubleVector.fromArray(D, p, o);
      DoubleVector p1 = DoubleVector.fromArray(D, p, o + l);
      DoubleVector p2 = DoubleVector.fromArray(D, p, o + 2 * l);
      DoubleVector b0 = DoubleVector.broadcast(D, a[at + j]);
      c00 = b0.fma(p0, c00);
      c01 = b0.fma(p1, c01);
      c02 = b0.fma(p2, c02);
      DoubleVector b1 = DoubleVector.broadcast(D, a[at + JC + j]);
      c10 = b1.fma(p0, c10);
      c11 = b1.fma(p1, c11);
      c12 = b1.fma(p2, c12);
      DoubleVector b2 = DoubleVector.broadcast(D, a[at + 2 * JC + j]);
      c20 = b2.fma(p0, c20);
      c21 = b2.fma(p1, c21);
      c22 = b2.fma(p2, c22);
      DoubleVector b3 = DoubleVector.broadcast(D, a[at + 3 * JC + j]);
      c30 = b3.fma(p0, c30);
      c31 = b3.fma(p1, c31);
      c32 = b3.fma(p2, c32);
    }
    c00.intoArray(r0, c0);
    c01.intoArray(r0, c0 + l);
    c02.intoArray(r0, c0 + 2 * l);
    c10.intoArray(r1, c0);
    c11.intoArray(r1, c0 + l);
    c12.intoArray(r1, c0 + 2 * l);
    c20.intoArray(r2, c0);
    c21.intoArray(r2, c0 + l);
    c22.intoArray(r2, c0 + 2 * l);
    c30.intoArray(r3, c0);
    c31.intoArray(r3, c0 + l);
    c32.intoArray(r3, c0 + 2 * l);
  }

  /**
   * {@link #fourRows} for one vector of columns, where fewer than three are left: four
   * accumulators, half the rate of twelve but four times {@link #oneRow}'s.
   */
  private static void fourRowsOneVector(double[] a, int at, int jw, double[] p, int k, double[][] C,
      int i, int c0) {
    DoubleVector c0v = DoubleVector.fromArray(D, C[i], c0);
    DoubleVector c1v = DoubleVector.fromArray(D, C[i + 1], c0);
    DoubleVector c2v = DoubleVector.fromArray(D, C[i + 2], c0);
    DoubleVector c3v = DoubleVector.fromArray(D, C[i + 3], c0);
    for (int j = 0; j < jw; j++) {
      DoubleVector p0 = DoubleVector.fromArray(D, p, j * KC + k);
      c0v = DoubleVector.broadcast(D, a[at + j]).fma(p0, c0v);
      c1v = DoubleVector.broadcast(D, a[at + JC + j]).fma(p0, c1v);
      c2v = DoubleVector.broadcast(D, a[at + 2 * JC + j]).fma(p0, c2v);
      c3v = DoubleVector.broadcast(D, a[at + 3 * JC + j]).fma(p0, c3v);
    }
    c0v.intoArray(C[i], c0);
    c1v.intoArray(C[i + 1], c0);
    c2v.intoArray(C[i + 2], c0);
    c3v.intoArray(C[i + 3], c0);
  }

  /** One row of C, one vector from column {@code c0}: the blocks' edges. */
  private static void oneRow(double[][] A, boolean aTransposed, int i, int j0, int jw, double[] p,
      int k, double[] c, int c0) {
    DoubleVector acc = DoubleVector.fromArray(D, c, c0);
    for (int j = 0; j < jw; j++) {
      DoubleVector b = DoubleVector.broadcast(D, a(A, aTransposed, i, j0 + j));
      acc = b.fma(DoubleVector.fromArray(D, p, j * KC + k), acc);
    }
    acc.intoArray(c, c0);
  }

  /**
   * Rows i to i + 3 of C from column {@code k} of the panel to {@code kw}, fewer than a
   * vector, two columns at a time: eight scalar chains, not one, so that a narrow product (ten
   * classes: one vector and two columns) is not held up by the latency of each {@code fma}.
   */
  private static void fourRowsLastColumns(double[] a, int at, int jw, double[] p, int k, int kw,
      double[][] C, int i, int k0) {
    double[] r0 = C[i];
    double[] r1 = C[i + 1];
    double[] r2 = C[i + 2];
    double[] r3 = C[i + 3];
    for (; k < kw; k += 2) {
      int c = k0 + k;
      int d = k + 1 < kw ? c + 1 : c; // an odd last column: both chains sum it, alike
      double s0 = r0[c];
      double s1 = r1[c];
      double s2 = r2[c];
      double s3 = r3[c];
      double t0 = r0[d];
      double t1 = r1[d];
      double t2 = r2[d];
      double t3 = r3[d];
      int e = d - k0;
      for (int j = 0; j < jw; j++) {
        double x = p[j * KC + k];
        double y = p[j * KC + e];
        double a0 = a[at + j];
        double a1 = a[at + JC + j];
        double a2 = a[at + 2 * JC + j];
        double a3 = a[at + 3 * JC + j];
        s0 = Math.fma(a0, x, s0);
        s1 = Math.fma(a1, x, s1);
        s2 = Math.fma(a2, x, s2);
        s3 = Math.fma(a3, x, s3);
        t0 = Math.fma(a0, y, t0);
        t1 = Math.fma(a1, y, t1);
        t2 = Math.fma(a2, y, t2);
        t3 = Math.fma(a3, y, t3);
      }
      r0[d] = t0;
      r1[d] = t1;
      r2[d] = t2;
      r3[d] = t3;
      r0[c] = s0;
      r1[c] = s1;
      r2[c] = s2;
      r3[c] = s3;
    }
  }

  /** Row r of C from column {@code k} of the panel to {@code kw}, fewer than a vector. */
  private static void lastColumns(double[][] A, boolean aTransposed, int r, int j0, int jw,
      double[] p, int k, int kw, double[] c, int k0) {
    for (; k < kw; k++) {
      double sum = c[k0 + k];
      for (int j = 0; j < jw; j++) {
        sum = Math.fma(a(A, aTransposed, r, j0 + j), p[j * KC + k], sum);
      }
      c[k0 + k] = sum;
    }
  }

  private static double a(double[][] A, boolean transposed, int i, int j) {
    return transposed ? A[j][i] : A[i][j];
  }

  // ---- float ---------------------------------------------------------------------------------

  /** {@link GemmKernel#update(float[][], boolean, int, float[][], boolean, int, float[][])}. */
  @Override
  public void update(float[][] A, boolean aTransposed, int inner, float[][] R,
      boolean rTransposed, int n, float[][] C) {
    FloatPanel scratch = FLOAT_PANEL.get();
    float[] p = scratch.of(JC * KC);
    int rows = C.length;
    float[] a = scratch.rows(rows * JC);
    int lanes = FL;
    int block = 3 * lanes;
    int fours = rows - rows % 4;
    for (int j0 = 0; j0 < inner; j0 += JC) {
      int jw = Math.min(inner - j0, JC);
      for (int i = 0; i < fours; i += 4) {
        packRows(A, aTransposed, i, j0, jw, a, i * JC);
      }
      for (int k0 = 0; k0 < n; k0 += KC) {
        int kw = Math.min(n - k0, KC);
        pack(R, rTransposed, j0, jw, k0, kw, p);
        int strips = kw - kw % block;
        for (int k = 0; k < strips; k += block) {
          for (int i = 0; i < fours; i += 4) {
            fourRows(a, i * JC, jw, p, k, C, i, k0 + k);
          }
        }
        int vectors = kw - kw % lanes;
        for (int k = strips; k < vectors; k += lanes) {
          for (int i = 0; i < fours; i += 4) {
            fourRowsOneVector(a, i * JC, jw, p, k, C, i, k0 + k);
          }
        }
        for (int i = 0; i < fours; i += 4) {
          fourRowsLastColumns(a, i * JC, jw, p, vectors, kw, C, i, k0);
        }
        for (int i = fours; i < rows; i++) {
          for (int k = 0; k < vectors; k += lanes) {
            oneRow(A, aTransposed, i, j0, jw, p, k, C[i], k0 + k);
          }
          lastColumns(A, aTransposed, i, j0, jw, p, vectors, kw, C[i], k0);
        }
      }
    }
  }

  /** Copies {@code R_j[k0, k0 + kw)} for {@code j} in {@code [j0, j0 + jw)} to rows of KC. */
  private static void pack(float[][] R, boolean rTransposed, int j0, int jw, int k0, int kw,
      float[] p) {
    if (!rTransposed) {
      for (int j = 0; j < jw; j++) {
        System.arraycopy(R[j0 + j], k0, p, j * KC, kw);
      }
      return;
    }
    for (int k = 0; k < kw; k++) {
      float[] column = R[k0 + k];
      for (int j = 0; j < jw; j++) {
        p[j * KC + k] = column[j0 + j];
      }
    }
  }

  /**
   * Rows i to i + 3 of A from column j0 (of Aᵀ when transposed), as {@code a[at + r JC + j]}:
   * four rows read side by side by {@link #fourRows}.
   */
  private static void packRows(float[][] A, boolean aTransposed, int i, int j0, int jw,
      float[] a, int at) {
    if (!aTransposed) {
      for (int r = 0; r < 4; r++) {
        System.arraycopy(A[i + r], j0, a, at + r * JC, jw);
      }
      return;
    }
    for (int j = 0; j < jw; j++) {
      float[] column = A[j0 + j];
      for (int r = 0; r < 4; r++) {
        a[at + r * JC + j] = column[i + r];
      }
    }
  }

  /**
   * Rows i to i + 3 of C, three vectors from column {@code c0}, += their packed
   * {@code a[4 j + r]} times the panel's rows from column {@code k}: twelve accumulators in
   * registers for the whole panel.
   */
  private static void fourRows(float[] a, int at, int jw, float[] p, int k, float[][] C, int i,
      int c0) {
    int l = FL;
    float[] r0 = C[i];
    float[] r1 = C[i + 1];
    float[] r2 = C[i + 2];
    float[] r3 = C[i + 3];
    FloatVector c00 = FloatVector.fromArray(F, r0, c0);
    FloatVector c01 = FloatVector.fromArray(F, r0, c0 + l);
    FloatVector c02 = FloatVector.fromArray(F, r0, c0 + 2 * l);
    FloatVector c10 = FloatVector.fromArray(F, r1, c0);
    FloatVector c11 = FloatVector.fromArray(F, r1, c0 + l);
    FloatVector c12 = FloatVector.fromArray(F, r1, c0 + 2 * l);
    FloatVector c20 = FloatVector.fromArray(F, r2, c0);
    FloatVector c21 = FloatVector.fromArray(F, r2, c0 + l);
    FloatVector c22 = FloatVector.fromArray(F, r2, c0 + 2 * l);
    FloatVector c30 = FloatVector.fromArray(F, r3, c0);
    FloatVector c31 = FloatVector.fromArray(F, r3, c0 + l);
    FloatVector c32 = FloatVector.fromArray(F, r3, c0 + 2 * l);
    for (int j = 0; j < jw; j++) {
      int o = j * KC + k;
      FloatVector p0 = FloatVector.fromArray(F, p, o);
      FloatVector p1 = FloatVector.fromArray(F, p, o + l);
      FloatVector p2 = FloatVector.fromArray(F, p, o + 2 * l);
      FloatVector b0 = FloatVector.broadcast(F, a[at + j]);
      c00 = b0.fma(p0, c00);
      c01 = b0.fma(p1, c01);
      c02 = b0.fma(p2, c02);
      FloatVector b1 = FloatVector.broadcast(F, a[at + JC + j]);
      c10 = b1.fma(p0, c10);
      c11 = b1.fma(p1, c11);
      c12 = b1.fma(p2, c12);
      FloatVector b2 = FloatVector.broadcast(F, a[at + 2 * JC + j]);
      c20 = b2.fma(p0, c20);
      c21 = b2.fma(p1, c21);
      c22 = b2.fma(p2, c22);
      FloatVector b3 = FloatVector.broadcast(F, a[at + 3 * JC + j]);
      c30 = b3.fma(p0, c30);
      c31 = b3.fma(p1, c31);
      c32 = b3.fma(p2, c32);
    }
    c00.intoArray(r0, c0);
    c01.intoArray(r0, c0 + l);
    c02.intoArray(r0, c0 + 2 * l);
    c10.intoArray(r1, c0);
    c11.intoArray(r1, c0 + l);
    c12.intoArray(r1, c0 + 2 * l);
    c20.intoArray(r2, c0);
    c21.intoArray(r2, c0 + l);
    c22.intoArray(r2, c0 + 2 * l);
    c30.intoArray(r3, c0);
    c31.intoArray(r3, c0 + l);
    c32.intoArray(r3, c0 + 2 * l);
  }

  /**
   * {@link #fourRows} for one vector of columns, where fewer than three are left: four
   * accumulators, half the rate of twelve but four times {@link #oneRow}'s.
   */
  private static void fourRowsOneVector(float[] a, int at, int jw, float[] p, int k, float[][] C,
      int i, int c0) {
    FloatVector c0v = FloatVector.fromArray(F, C[i], c0);
    FloatVector c1v = FloatVector.fromArray(F, C[i + 1], c0);
    FloatVector c2v = FloatVector.fromArray(F, C[i + 2], c0);
    FloatVector c3v = FloatVector.fromArray(F, C[i + 3], c0);
    for (int j = 0; j < jw; j++) {
      FloatVector p0 = FloatVector.fromArray(F, p, j * KC + k);
      c0v = FloatVector.broadcast(F, a[at + j]).fma(p0, c0v);
      c1v = FloatVector.broadcast(F, a[at + JC + j]).fma(p0, c1v);
      c2v = FloatVector.broadcast(F, a[at + 2 * JC + j]).fma(p0, c2v);
      c3v = FloatVector.broadcast(F, a[at + 3 * JC + j]).fma(p0, c3v);
    }
    c0v.intoArray(C[i], c0);
    c1v.intoArray(C[i + 1], c0);
    c2v.intoArray(C[i + 2], c0);
    c3v.intoArray(C[i + 3], c0);
  }

  /** One row of C, one vector from column {@code c0}: the blocks' edges. */
  private static void oneRow(float[][] A, boolean aTransposed, int i, int j0, int jw, float[] p,
      int k, float[] c, int c0) {
    FloatVector acc = FloatVector.fromArray(F, c, c0);
    for (int j = 0; j < jw; j++) {
      FloatVector b = FloatVector.broadcast(F, a(A, aTransposed, i, j0 + j));
      acc = b.fma(FloatVector.fromArray(F, p, j * KC + k), acc);
    }
    acc.intoArray(c, c0);
  }

  /**
   * Rows i to i + 3 of C from column {@code k} of the panel to {@code kw}, fewer than a
   * vector, two columns at a time: eight scalar chains, not one, so that a narrow product (ten
   * classes: one vector and two columns) is not held up by the latency of each {@code fma}.
   */
  private static void fourRowsLastColumns(float[] a, int at, int jw, float[] p, int k, int kw,
      float[][] C, int i, int k0) {
    float[] r0 = C[i];
    float[] r1 = C[i + 1];
    float[] r2 = C[i + 2];
    float[] r3 = C[i + 3];
    for (; k < kw; k += 2) {
      int c = k0 + k;
      int d = k + 1 < kw ? c + 1 : c; // an odd last column: both chains sum it, alike
      float s0 = r0[c];
      float s1 = r1[c];
      float s2 = r2[c];
      float s3 = r3[c];
      float t0 = r0[d];
      float t1 = r1[d];
      float t2 = r2[d];
      float t3 = r3[d];
      int e = d - k0;
      for (int j = 0; j < jw; j++) {
        float x = p[j * KC + k];
        float y = p[j * KC + e];
        float a0 = a[at + j];
        float a1 = a[at + JC + j];
        float a2 = a[at + 2 * JC + j];
        float a3 = a[at + 3 * JC + j];
        s0 = Math.fma(a0, x, s0);
        s1 = Math.fma(a1, x, s1);
        s2 = Math.fma(a2, x, s2);
        s3 = Math.fma(a3, x, s3);
        t0 = Math.fma(a0, y, t0);
        t1 = Math.fma(a1, y, t1);
        t2 = Math.fma(a2, y, t2);
        t3 = Math.fma(a3, y, t3);
      }
      r0[d] = t0;
      r1[d] = t1;
      r2[d] = t2;
      r3[d] = t3;
      r0[c] = s0;
      r1[c] = s1;
      r2[c] = s2;
      r3[c] = s3;
    }
  }

  /** Row r of C from column {@code k} of the panel to {@code kw}, fewer than a vector. */
  private static void lastColumns(float[][] A, boolean aTransposed, int r, int j0, int jw,
      float[] p, int k, int kw, float[] c, int k0) {
    for (; k < kw; k++) {
      float sum = c[k0 + k];
      for (int j = 0; j < jw; j++) {
        sum = Math.fma(a(A, aTransposed, r, j0 + j), p[j * KC + k], sum);
      }
      c[k0 + k] = sum;
    }
  }

  private static float a(float[][] A, boolean transposed, int i, int j) {
    return transposed ? A[j][i] : A[i][j];
  }

  /** This thread's double panel, grown to the largest size asked for. */
  private static final class DoublePanel {
    private double[] panel = new double[0];

    private double[] rows = new double[0];

    /** The rows of A packed by {@code packRows}, at least {@code size} long. */
    double[] rows(int size) {
      if (rows.length < size) {
        rows = new double[size];
      }
      return rows;
    }

    double[] of(int size) {
      if (panel.length < size) {
        panel = new double[size];
      }
      return panel;
    }
  }

  /** This thread's float panel, grown to the largest size asked for. */
  private static final class FloatPanel {
    private float[] panel = new float[0];

    private float[] rows = new float[0];

    /** The rows of A packed by {@code packRows}, at least {@code size} long. */
    float[] rows(int size) {
      if (rows.length < size) {
        rows = new float[size];
      }
      return rows;
    }

    float[] of(int size) {
      if (panel.length < size) {
        panel = new float[size];
      }
      return panel;
    }
  }
}

package dev.tapeless.runtime;

/**
 * Matrix-vector products four rows at a time, for {@link Linear}'s {@code matvec}, its
 * pushforward and its fused jvp. One row's sum waits for each add before the next; four rows'
 * sums are independent chains that share each load of the vector, which made a 64 x 64 product
 * 1.6 to 2 times faster (CPU time). Each sum still runs in index order from zero, so every
 * element is bit for bit the one-row loop's, and the value a user's {@code matvec} computes does
 * not depend on how many rows the matrix has. The callers check shapes and aliasing; {@code out}
 * is none of the inputs.
 */
final class RowProducts {
  private RowProducts() {}

  /** {@code out_i = Σ_j A_ij v_j} for every row of {@code A} (rows of {@code v}'s length). */
  static void of(double[][] A, double[] v, double[] out) {
    int m = A.length;
    int n = v.length;
    int i = 0;
    for (; i + 3 < m; i += 4) {
      double[] a0 = A[i];
      double[] a1 = A[i + 1];
      double[] a2 = A[i + 2];
      double[] a3 = A[i + 3];
      double s0 = 0.0;
      double s1 = 0.0;
      double s2 = 0.0;
      double s3 = 0.0;
      for (int j = 0; j < n; j++) {
        double vj = v[j];
        s0 += a0[j] * vj;
        s1 += a1[j] * vj;
        s2 += a2[j] * vj;
        s3 += a3[j] * vj;
      }
      out[i] = s0;
      out[i + 1] = s1;
      out[i + 2] = s2;
      out[i + 3] = s3;
    }
    for (; i < m; i++) {
      out[i] = dot(A[i], v, n);
    }
  }

  /** {@code outA = A v} and {@code outB = B v}, with one load of each {@code v_j}. */
  static void pair(double[][] A, double[][] B, double[] v, double[] outA, double[] outB) {
    int m = A.length;
    int n = v.length;
    int i = 0;
    for (; i + 3 < m; i += 4) {
      double[] a0 = A[i];
      double[] a1 = A[i + 1];
      double[] a2 = A[i + 2];
      double[] a3 = A[i + 3];
      double[] b0 = B[i];
      double[] b1 = B[i + 1];
      double[] b2 = B[i + 2];
      double[] b3 = B[i + 3];
      double s0 = 0.0;
      double s1 = 0.0;
      double s2 = 0.0;
      double s3 = 0.0;
      double t0 = 0.0;
      double t1 = 0.0;
      double t2 = 0.0;
      double t3 = 0.0;
      for (int j = 0; j < n; j++) {
        double vj = v[j];
        s0 += a0[j] * vj;
        s1 += a1[j] * vj;
        s2 += a2[j] * vj;
        s3 += a3[j] * vj;
        t0 += b0[j] * vj;
        t1 += b1[j] * vj;
        t2 += b2[j] * vj;
        t3 += b3[j] * vj;
      }
      outA[i] = s0;
      outA[i + 1] = s1;
      outA[i + 2] = s2;
      outA[i + 3] = s3;
      outB[i] = t0;
      outB[i + 1] = t1;
      outB[i + 2] = t2;
      outB[i + 3] = t3;
    }
    for (; i < m; i++) {
      outA[i] = dot(A[i], v, n);
      outB[i] = dot(B[i], v, n);
    }
  }

  /** {@code out_i = (Σ_j A_ij a_j) + (Σ_j B_ij b_j)}, the two sums kept apart until the end. */
  static void sum(double[][] A, double[] a, double[][] B, double[] b, double[] out) {
    int m = A.length;
    int n = a.length;
    int i = 0;
    for (; i + 1 < m; i += 2) {
      double[] a0 = A[i];
      double[] a1 = A[i + 1];
      double[] b0 = B[i];
      double[] b1 = B[i + 1];
      double s0 = 0.0;
      double s1 = 0.0;
      double t0 = 0.0;
      double t1 = 0.0;
      for (int j = 0; j < n; j++) {
        double aj = a[j];
        double bj = b[j];
        s0 += a0[j] * aj;
        s1 += a1[j] * aj;
        t0 += b0[j] * bj;
        t1 += b1[j] * bj;
      }
      out[i] = s0 + t0;
      out[i + 1] = s1 + t1;
    }
    for (; i < m; i++) {
      out[i] = dot(A[i], a, n) + dot(B[i], b, n);
    }
  }

  private static double dot(double[] row, double[] v, int n) {
    double s = 0.0;
    for (int j = 0; j < n; j++) {
      s += row[j] * v[j];
    }
    return s;
  }

  /** {@code out_i = Σ_j A_ij v_j} for every row of {@code A} (rows of {@code v}'s length). */
  static void of(float[][] A, float[] v, float[] out) {
    int m = A.length;
    int n = v.length;
    int i = 0;
    for (; i + 3 < m; i += 4) {
      float[] a0 = A[i];
      float[] a1 = A[i + 1];
      float[] a2 = A[i + 2];
      float[] a3 = A[i + 3];
      float s0 = 0f;
      float s1 = 0f;
      float s2 = 0f;
      float s3 = 0f;
      for (int j = 0; j < n; j++) {
        float vj = v[j];
        s0 += a0[j] * vj;
        s1 += a1[j] * vj;
        s2 += a2[j] * vj;
        s3 += a3[j] * vj;
      }
      out[i] = s0;
      out[i + 1] = s1;
      out[i + 2] = s2;
      out[i + 3] = s3;
    }
    for (; i < m; i++) {
      out[i] = dot(A[i], v, n);
    }
  }

  /** {@code outA = A v} and {@code outB = B v}, with one load of each {@code v_j}. */
  static void pair(float[][] A, float[][] B, float[] v, float[] outA, float[] outB) {
    int m = A.length;
    int n = v.length;
    int i = 0;
    for (; i + 3 < m; i += 4) {
      float[] a0 = A[i];
      float[] a1 = A[i + 1];
      float[] a2 = A[i + 2];
      float[] a3 = A[i + 3];
      float[] b0 = B[i];
      float[] b1 = B[i + 1];
      float[] b2 = B[i + 2];
      float[] b3 = B[i + 3];
      float s0 = 0f;
      float s1 = 0f;
      float s2 = 0f;
      float s3 = 0f;
      float t0 = 0f;
      float t1 = 0f;
      float t2 = 0f;
      float t3 = 0f;
      for (int j = 0; j < n; j++) {
        float vj = v[j];
        s0 += a0[j] * vj;
        s1 += a1[j] * vj;
        s2 += a2[j] * vj;
        s3 += a3[j] * vj;
        t0 += b0[j] * vj;
        t1 += b1[j] * vj;
        t2 += b2[j] * vj;
        t3 += b3[j] * vj;
      }
      outA[i] = s0;
      outA[i + 1] = s1;
      outA[i + 2] = s2;
      outA[i + 3] = s3;
      outB[i] = t0;
      outB[i + 1] = t1;
      outB[i + 2] = t2;
      outB[i + 3] = t3;
    }
    for (; i < m; i++) {
      outA[i] = dot(A[i], v, n);
      outB[i] = dot(B[i], v, n);
    }
  }

  /** {@code out_i = (Σ_j A_ij a_j) + (Σ_j B_ij b_j)}, the two sums kept apart until the end. */
  static void sum(float[][] A, float[] a, float[][] B, float[] b, float[] out) {
    int m = A.length;
    int n = a.length;
    int i = 0;
    for (; i + 1 < m; i += 2) {
      float[] a0 = A[i];
      float[] a1 = A[i + 1];
      float[] b0 = B[i];
      float[] b1 = B[i + 1];
      float s0 = 0f;
      float s1 = 0f;
      float t0 = 0f;
      float t1 = 0f;
      for (int j = 0; j < n; j++) {
        float aj = a[j];
        float bj = b[j];
        s0 += a0[j] * aj;
        s1 += a1[j] * aj;
        t0 += b0[j] * bj;
        t1 += b1[j] * bj;
      }
      out[i] = s0 + t0;
      out[i + 1] = s1 + t1;
    }
    for (; i < m; i++) {
      out[i] = dot(A[i], a, n) + dot(B[i], b, n);
    }
  }

  private static float dot(float[] row, float[] v, int n) {
    float s = 0f;
    for (int j = 0; j < n; j++) {
      s += row[j] * v[j];
    }
    return s;
  }
}

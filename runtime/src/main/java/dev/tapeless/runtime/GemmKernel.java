package dev.tapeless.runtime;

/**
 * The update behind every product, {@code C_i[0, n) += Σ_{j < inner} a(i, j) R_j[0, n)}, as
 * {@link TiledGemm#update} states it, by a kernel that is compiled apart from this module's other
 * classes: {@link VectorKernels} loads it by name, so that the classes that call it load and run
 * where it cannot (no Vector API module in the JVM).
 */
interface GemmKernel {

  /**
   * {@code a(i, j)} is {@code A[i][j]}, or {@code A[j][i]} when {@code aTransposed};
   * {@code R_j[k]} is {@code R[j][k]}, or {@code R[k][j]} when {@code rTransposed}. Each element
   * of C is one chain of {@link Math#fma} in increasing {@code j}, so the result is
   * {@link TiledGemm}'s bit for bit.
   */
  void update(double[][] A, boolean aTransposed, int inner, double[][] R, boolean rTransposed,
      int n, double[][] C);

  /** The double update in float, with float {@code fma}. */
  void update(float[][] A, boolean aTransposed, int inner, float[][] R, boolean rTransposed,
      int n, float[][] C);
}

package dev.tapeless.runtime;

import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;
import static dev.tapeless.runtime.KernelTesting.copy;
import static dev.tapeless.runtime.KernelTesting.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Vector API's product kernel ({@link VectorKernels}) is loaded exactly where the JVM has
 * the module, and where it is, every update of every shape is {@link TiledGemm}'s bit for bit,
 * in double and in float, and allocates nothing after warm-up. The POM runs this class twice:
 * in the plain test run, where the module is absent and the products must keep their loops,
 * and in a run started with {@code --add-modules jdk.incubator.vector} (with the system property
 * {@code tapeless.test.vectorModule} set), where the kernel must be loaded and the other tests
 * here run.
 */
class VectorGemmTest {

  /**
   * rows × inner × n: one row and the three that are left beside blocks of four, an inner
   * dimension of 0, 1 and past one and two panels (128 rows), columns fewer than a vector, one
   * and three vectors (of 8 doubles or 16 floats at 512 bits; 4 and 8 at 256) and just past a
   * panel's 240.
   */
  private static final int[][] SHAPES = {
    {1, 1, 1}, {3, 0, 5}, {4, 1, 7}, {5, 7, 8}, {6, 9, 23}, {7, 3, 24}, {8, 16, 25},
    {9, 257, 48}, {4, 129, 49}, {5, 300, 56}, {13, 31, 240}, {2, 5, 241}, {11, 258, 500},
    {12, 64, 64},
  };

  private static final boolean EXPECTED = Boolean.getBoolean("tapeless.test.vectorModule");

  @Test
  void kernelIsLoadedExactlyWhenTheJvmHasTheVectorModule() {
    boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    assertEquals(EXPECTED, module, "the POM's vector run adds the module, the plain run does not");
    if (!module) {
      assertEquals(null, VectorKernels.GEMM, "without the module the products keep their loops");
      assertEquals(Gemm.FLOAT_TILED && HardwareFma.AVAILABLE, Gemm.FLOAT_FMA);
    } else if (HardwareFma.AVAILABLE) {
      assertNotNull(VectorKernels.GEMM, "module present, hardware fma: the kernel must load");
      assertEquals(true, Gemm.FLOAT_FMA, "float products then take the kernel too");
    }
  }

  @Test
  void everyUpdateIsTheTiledLoopsBitForBitInDouble() {
    assumeTrue(VectorKernels.GEMM != null, "needs --add-modules jdk.incubator.vector");
    forEveryCase(new Random(17), (r, rows, inner, n, aT, rT, what) -> {
      double[][] A = aT ? random(r, inner, rows) : random(r, rows, inner);
      double[][] R = rT ? random(r, n, inner) : random(r, inner, n);
      double[][] expected = random(r, rows, n);
      double[][] actual = copy(expected);
      TiledGemm.update(A, aT, inner, R, rT, n, expected);
      VectorKernels.GEMM.update(A, aT, inner, R, rT, n, actual);
      for (int i = 0; i < rows; i++) {
        assertArrayEquals(expected[i], actual[i], 0.0, what + " row " + i);
      }
    });
  }

  @Test
  void everyUpdateIsTheTiledLoopsBitForBitInFloat() {
    assumeTrue(VectorKernels.GEMM != null, "needs --add-modules jdk.incubator.vector");
    forEveryCase(new Random(18), (r, rows, inner, n, aT, rT, what) -> {
      float[][] A = FloatKernelTest.toFloat(aT ? random(r, inner, rows) : random(r, rows, inner));
      float[][] R = FloatKernelTest.toFloat(rT ? random(r, n, inner) : random(r, inner, n));
      float[][] expected = FloatKernelTest.toFloat(random(r, rows, n));
      float[][] actual = new float[rows][];
      for (int i = 0; i < rows; i++) {
        actual[i] = expected[i].clone();
      }
      TiledGemm.update(A, aT, inner, R, rT, n, expected);
      VectorKernels.GEMM.update(A, aT, inner, R, rT, n, actual);
      for (int i = 0; i < rows; i++) {
        assertArrayEquals(expected[i], actual[i], 0f, what + " row " + i);
      }
    });
  }

  /** One update of a shape with A and R each transposed or not. */
  private interface Case {
    void check(Random r, int rows, int inner, int n, boolean aT, boolean rT, String what);
  }

  /** Every shape of {@link #SHAPES} with the four combinations of transposes. */
  private static void forEveryCase(Random r, Case c) {
    for (int[] s : SHAPES) {
      for (int transposes = 0; transposes < 4; transposes++) {
        boolean aT = (transposes & 1) != 0;
        boolean rT = (transposes & 2) != 0;
        c.check(r, s[0], s[1], s[2], aT, rT,
            s[0] + " x " + s[1] + " x " + s[2] + " aT " + aT + " rT " + rT);
      }
    }
  }

  @Test
  void productsThroughTheKernelAllocateNothingOnceCompiled() {
    assumeTrue(VectorKernels.GEMM != null, "needs --add-modules jdk.incubator.vector");
    Random r = new Random(19);
    double[][] x = random(r, 9, 30);
    double[][] w = random(r, 50, 30);
    double[][] y = new double[9][50];
    float[][] fx = FloatKernelTest.toFloat(x);
    float[][] fw = FloatKernelTest.toFloat(w);
    float[][] fy = new float[9][50];
    Runnable calls = () -> {
      for (int i = 0; i < 2000; i++) {
        Batched.gemm(x, w, y);
        Batched.gemm(fx, fw, fy);
      }
    };
    // Until C2 compiles the kernel, each vector is an object: warm it up past that first.
    for (int i = 0; i < 20; i++) {
      calls.run();
    }
    assertAllocatesNothing("gemm through the vector kernel", calls);
  }
}

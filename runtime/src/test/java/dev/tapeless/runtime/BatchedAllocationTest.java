package dev.tapeless.runtime;

import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * After warm-up, every {@link Batched} kernel, pullback, pushforward and pushforward pullback
 * allocates 0 bytes, at a shape that is not a multiple of the blocking (the scratch panel of the
 * products is grown on the first call and reused), in double and in float (whose products have
 * scratch of their own). The POM runs this class under {@code -Xint} as well, so that a pass
 * cannot come from escape analysis.
 */
class BatchedAllocationTest {

  private static final int B = 5;
  private static final int N = 7;
  private static final int M = 3;

  /** Keeps the results alive. */
  private static volatile double sink;

  private final Random random = new Random(91);
  private final double[][] x = KernelTesting.random(random, B, N);
  private final double[][] w = KernelTesting.random(random, M, N);
  private final double[][] xDot = KernelTesting.random(random, B, N);
  private final double[][] wDot = KernelTesting.random(random, M, N);
  private final double[][] y = new double[B][M];
  private final double[][] yDot = new double[B][M];
  private final double[][] seed = new double[B][M];
  private final double[][] dx = new double[B][N];
  private final double[][] dw = new double[M][N];
  private final double[][] dxDot = new double[B][N];
  private final double[][] dwDot = new double[M][N];
  private final double[][] a = new double[B][N];
  private final double[][] aDot = new double[B][N];
  private final double[][] seedN = new double[B][N];
  private final int[] labels = {0, 2, 1, 1, 0};

  private final float[][] fx = FloatKernelTest.toFloat(x);
  private final float[][] fw = FloatKernelTest.toFloat(w);
  private final float[][] fxDot = FloatKernelTest.toFloat(xDot);
  private final float[][] fwDot = FloatKernelTest.toFloat(wDot);
  private final float[][] fy = new float[B][M];
  private final float[][] fyDot = new float[B][M];
  private final float[][] fseed = new float[B][M];
  private final float[][] fdx = new float[B][N];
  private final float[][] fdw = new float[M][N];
  private final float[][] fdxDot = new float[B][N];
  private final float[][] fdwDot = new float[M][N];
  private final float[][] fa = new float[B][N];
  private final float[][] faDot = new float[B][N];
  private final float[][] fseedN = new float[B][N];

  @Test
  void productsAllocateNothing() {
    assertAllocatesNothing("gemm", () -> {
      for (int i = 0; i < 1000; i++) {
        Batched.gemm(x, w, y);
      }
    });
    assertAllocatesNothing("gemmPullback", () -> {
      for (int i = 0; i < 1000; i++) {
        Batched.gemmPullback(x, w, y, seed, i % 3 == 0 ? null : dx, dw);
      }
    });
    assertAllocatesNothing("gemmPushforward", () -> {
      for (int i = 0; i < 1000; i++) {
        Batched.gemmPushforward(x, w, y, i % 3 == 0 ? null : xDot, wDot, yDot);
      }
    });
    assertAllocatesNothing("gemmPushforwardPullback", () -> {
      for (int i = 0; i < 1000; i++) {
        Batched.gemmPushforwardPullback(
            x, w, y, xDot, wDot, yDot, seed, dx, dw, null, dxDot, i % 3 == 0 ? null : dwDot);
      }
    });
  }

  @Test
  void activationsAndLossAllocateNothing() {
    assertAllocatesNothing("relu, tanh, sigmoid and their derivatives", () -> {
      for (int i = 0; i < 300; i++) {
        Batched.relu(x, a);
        Batched.reluPullback(x, a, seedN, dx);
        Batched.reluPushforward(x, a, xDot, aDot);
        Batched.reluPushforwardPullback(x, a, xDot, aDot, seedN, dx, null, dxDot);
        Batched.tanh(x, a);
        Batched.tanhPullback(x, a, seedN, dx);
        Batched.tanhPushforward(x, a, xDot, aDot);
        Batched.tanhPushforwardPullback(x, a, xDot, aDot, seedN, null, dx, dxDot);
        Batched.sigmoid(x, a);
        Batched.sigmoidPullback(x, a, seedN, dx);
        Batched.sigmoidPushforward(x, a, xDot, aDot);
        Batched.sigmoidPushforwardPullback(x, a, xDot, aDot, seedN, null, dx, dxDot);
      }
    });
    assertAllocatesNothing("softmaxCrossEntropyMean and its derivatives", () -> {
      double s = 0;
      for (int i = 0; i < 300; i++) {
        s += Batched.softmaxCrossEntropyMean(x, labels);
        Batched.softmaxCrossEntropyMeanPullback(x, labels, 1.0, dx);
        s += Batched.softmaxCrossEntropyMeanPushforward(x, labels, xDot);
        Batched.softmaxCrossEntropyMeanPushforwardPullback(x, labels, xDot, 1.0, dx, dxDot);
      }
      sink = s;
    });
  }

  @Test
  void floatProductsAllocateNothing() {
    assertAllocatesNothing("float gemm", () -> {
      for (int i = 0; i < 1000; i++) {
        Batched.gemm(fx, fw, fy);
      }
    });
    assertAllocatesNothing("float gemmPullback", () -> {
      for (int i = 0; i < 1000; i++) {
        Batched.gemmPullback(fx, fw, fy, fseed, i % 3 == 0 ? null : fdx, fdw);
      }
    });
    assertAllocatesNothing("float gemmPushforward", () -> {
      for (int i = 0; i < 1000; i++) {
        Batched.gemmPushforward(fx, fw, fy, i % 3 == 0 ? null : fxDot, fwDot, fyDot);
      }
    });
    assertAllocatesNothing("float gemmPushforwardPullback", () -> {
      for (int i = 0; i < 1000; i++) {
        Batched.gemmPushforwardPullback(fx, fw, fy, fxDot, fwDot, fyDot, fseed, fdx, fdw, null,
            fdxDot, i % 3 == 0 ? null : fdwDot);
      }
    });
  }

  @Test
  void floatActivationsAndLossAllocateNothing() {
    assertAllocatesNothing("float relu, tanh, sigmoid and their derivatives", () -> {
      for (int i = 0; i < 300; i++) {
        Batched.relu(fx, fa);
        Batched.reluPullback(fx, fa, fseedN, fdx);
        Batched.reluPushforward(fx, fa, fxDot, faDot);
        Batched.reluPushforwardPullback(fx, fa, fxDot, faDot, fseedN, fdx, null, fdxDot);
        Batched.tanh(fx, fa);
        Batched.tanhPullback(fx, fa, fseedN, fdx);
        Batched.tanhPushforward(fx, fa, fxDot, faDot);
        Batched.tanhPushforwardPullback(fx, fa, fxDot, faDot, fseedN, null, fdx, fdxDot);
        Batched.sigmoid(fx, fa);
        Batched.sigmoidPullback(fx, fa, fseedN, fdx);
        Batched.sigmoidPushforward(fx, fa, fxDot, faDot);
        Batched.sigmoidPushforwardPullback(fx, fa, fxDot, faDot, fseedN, null, fdx, fdxDot);
      }
    });
    assertAllocatesNothing("float softmaxCrossEntropyMean and its derivatives", () -> {
      double s = 0;
      for (int i = 0; i < 300; i++) {
        s += Batched.softmaxCrossEntropyMean(fx, labels);
        Batched.softmaxCrossEntropyMeanPullback(fx, labels, 1f, fdx);
        s += Batched.softmaxCrossEntropyMeanPushforward(fx, labels, fxDot);
        Batched.softmaxCrossEntropyMeanPushforwardPullback(fx, labels, fxDot, 1f, fdx, fdxDot);
      }
      sink = s;
    });
  }
}

package dev.tapeless.runtime;

import static dev.tapeless.runtime.AllocationMeter.allocatedBy;
import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * After warm-up, 10,000 calls of each kernel, each pullback, each pushforward and each
 * pushforward's pullback (second order) allocate 0 bytes, in double and in float. The POM runs
 * this class a second time under {@code -Xint}, so that a pass cannot come from the JIT's escape
 * analysis removing allocations that the kernels do make.
 *
 * <p>The pushforward loops pass a {@code null} tangent every third call where the kernel allows
 * one, and the loops of their pullbacks a {@code null} adjoint, so that both paths are measured.
 *
 * <p>Each loop is a plain static method over arrays and primitives, so the loop itself allocates
 * nothing; the lambdas are made before measuring.
 */
class KernelAllocationTest {

  private static final int CALLS = 10_000;
  private static final int M = 6;
  private static final int N = 5;

  /** Keeps the results alive. */
  private static volatile double sink;

  private final Random random = new Random(51);
  private final double[][] w = KernelTesting.random(random, M, N);
  private final double[][] dw = new double[M][N];
  private final double[] xn = KernelTesting.random(random, N);
  private final double[] yn = KernelTesting.random(random, N);
  private final double[] xm = KernelTesting.random(random, M);
  private final double[] outN = new double[N];
  private final double[] outM = new double[M];
  private final double[] seedN = new double[N];
  private final double[] seedM = new double[M];
  private final double[] dxn = new double[N];
  private final double[] dyn = new double[N];
  private final double[] dxm = new double[M];
  private final double[][] a = new double[M][N];
  private final double[][] seedA = new double[M][N];
  private final double[][] tangentW = KernelTesting.random(random, M, N);
  private final double[] tangentN = KernelTesting.random(random, N);
  private final double[] tangentN2 = KernelTesting.random(random, N);
  private final double[] tangentM = KernelTesting.random(random, M);
  private final double[] outDotN = new double[N];
  private final double[] outDotM = new double[M];
  private final double[][] outDotA = new double[M][N];
  private final double[][] dwDot = new double[M][N];
  private final double[] dxnDot = new double[N];
  private final double[] dynDot = new double[N];
  private final double[] dxmDot = new double[M];
  private final double[] dym = new double[M];
  private final double[] dScalars2 = new double[2];
  private final double[] dScalars3 = new double[3];

  private final float[][] fw = FloatKernelTest.toFloat(KernelTesting.random(random, M, N));
  private final float[][] fdw = new float[M][N];
  private final float[] fxn = FloatKernelTest.toFloat(KernelTesting.random(random, N));
  private final float[] fyn = FloatKernelTest.toFloat(KernelTesting.random(random, N));
  private final float[] fxm = FloatKernelTest.toFloat(KernelTesting.random(random, M));
  private final float[] fOutN = new float[N];
  private final float[] fOutM = new float[M];
  private final float[] fSeedN = new float[N];
  private final float[] fSeedM = new float[M];
  private final float[] fdxn = new float[N];
  private final float[] fdyn = new float[N];
  private final float[] fdxm = new float[M];
  private final float[] fdym = new float[M];
  private final float[][] fa = new float[M][N];
  private final float[][] fSeedA = new float[M][N];
  private final float[][] fTangentW = FloatKernelTest.toFloat(KernelTesting.random(random, M, N));
  private final float[] fTangentN = FloatKernelTest.toFloat(KernelTesting.random(random, N));
  private final float[] fTangentN2 = FloatKernelTest.toFloat(KernelTesting.random(random, N));
  private final float[] fTangentM = FloatKernelTest.toFloat(KernelTesting.random(random, M));
  private final float[] fOutDotN = new float[N];
  private final float[] fOutDotM = new float[M];
  private final float[][] fOutDotA = new float[M][N];
  private final float[][] fdwDot = new float[M][N];
  private final float[] fdxnDot = new float[N];
  private final float[] fdynDot = new float[N];
  private final float[] fdxmDot = new float[M];

  @Test
  void counterSeesAnAllocatingLoop() {
    long bytes = allocatedBy(() -> sink = allocatingLoop(1_000));
    assertTrue(bytes >= 1_000 * 16, "only " + bytes + " bytes counted");
  }

  @Test
  void linearKernelsAndPullbacksAllocateNothing() {
    assertAllocatesNothing("dot", () -> sink = dotLoop(xn, yn));
    assertAllocatesNothing("dotPullback", () -> dotPullbackLoop(xn, yn, dxn, dyn));
    assertAllocatesNothing("matvec", () -> matvecLoop(w, xn, outM));
    assertAllocatesNothing("matvecPullback", () -> matvecPullbackLoop(w, xn, outM, seedM, dw, dxn));
    assertAllocatesNothing("matvecTransposed", () -> matvecTLoop(w, xm, outN));
    assertAllocatesNothing(
        "matvecTransposedPullback", () -> matvecTPullbackLoop(w, xm, outN, seedN, dw, dxm));
    assertAllocatesNothing("axpy", () -> axpyLoop(xn, yn, outN));
    assertAllocatesNothing(
        "axpyPullback", () -> sink = axpyPullbackLoop(xn, yn, outN, seedN, dxn, dyn));
    assertAllocatesNothing("sum", () -> sink = sumLoop(xn));
    assertAllocatesNothing("sumPullback", () -> sumPullbackLoop(xn, dxn));
    assertAllocatesNothing("outer", () -> outerLoop(xm, xn, a));
    assertAllocatesNothing("outerPullback", () -> outerPullbackLoop(xm, xn, a, seedA, dxm, dxn));
    assertAllocatesNothing("outerAccumulate", () -> outerAccumulateLoop(xm, xn, dw));
  }

  @Test
  void linearPushforwardsAllocateNothing() {
    assertAllocatesNothing(
        "dotPushforward", () -> sink = dotPushforwardLoop(xn, yn, tangentN, tangentN2));
    assertAllocatesNothing(
        "matvecPushforward",
        () -> matvecPushforwardLoop(w, xn, outM, tangentW, tangentN, outDotM));
    assertAllocatesNothing(
        "matvecTransposedPushforward",
        () -> matvecTPushforwardLoop(w, xm, outN, tangentW, tangentM, outDotN));
    assertAllocatesNothing(
        "axpyPushforward",
        () -> axpyPushforwardLoop(xn, yn, outN, tangentN, tangentN2, outDotN));
    assertAllocatesNothing("sumPushforward", () -> sink = sumPushforwardLoop(xn, tangentN));
    assertAllocatesNothing(
        "outerPushforward", () -> outerPushforwardLoop(xm, xn, a, tangentM, tangentN, outDotA));
  }

  @Test
  void activationsAndPullbacksAllocateNothing() {
    assertAllocatesNothing("scalar activations and pullbacks", () -> sink = scalarLoop());
    for (int k = 0; k < 5; k++) {
      int kernel = k;
      assertAllocatesNothing(
          ARRAY_KERNELS[k], () -> arrayActivationLoop(kernel, xn, outN));
      assertAllocatesNothing(
          ARRAY_KERNELS[k] + "Pullback", () -> arrayPullbackLoop(kernel, xn, outN, seedN, dxn));
    }
  }

  @Test
  void activationPushforwardsAllocateNothing() {
    assertAllocatesNothing("scalar pushforwards", () -> sink = scalarPushforwardLoop());
    for (int k = 0; k < 5; k++) {
      int kernel = k;
      assertAllocatesNothing(
          ARRAY_KERNELS[k] + "Pushforward",
          () -> arrayPushforwardLoop(kernel, xn, outN, tangentN, outDotN));
    }
  }

  @Test
  void lossesAndPullbacksAllocateNothing() {
    assertAllocatesNothing("logSumExp", () -> sink = logSumExpLoop(xn));
    assertAllocatesNothing("logSumExpPullback", () -> logSumExpPullbackLoop(xn, dxn));
    assertAllocatesNothing("softmaxCrossEntropy", () -> sink = crossEntropyLoop(xn));
    assertAllocatesNothing(
        "softmaxCrossEntropyPullback", () -> crossEntropyPullbackLoop(xn, dxn));
    assertAllocatesNothing("meanSquaredError", () -> sink = mseLoop(xn, yn));
    assertAllocatesNothing("meanSquaredErrorPullback", () -> msePullbackLoop(xn, yn, dxn));
  }

  @Test
  void lossPushforwardsAllocateNothing() {
    assertAllocatesNothing(
        "logSumExpPushforward", () -> sink = logSumExpPushforwardLoop(xn, tangentN));
    assertAllocatesNothing(
        "softmaxCrossEntropyPushforward", () -> sink = crossEntropyPushforwardLoop(xn, tangentN));
    assertAllocatesNothing(
        "meanSquaredErrorPushforward", () -> sink = msePushforwardLoop(xn, yn, tangentN));
  }

  @Test
  void linearPushforwardPullbacksAllocateNothing() {
    assertAllocatesNothing("dotPushforwardPullback",
        () -> dotPushforwardPullbackLoop(xn, yn, tangentN, tangentN2, dxn, dyn, dxnDot, dynDot));
    assertAllocatesNothing("matvecPushforwardPullback",
        () -> matvecPushforwardPullbackLoop(
            w, xn, outM, tangentW, tangentN, outDotM, seedM, dw, dxn, dym, dwDot, dxnDot));
    assertAllocatesNothing("matvecTransposedPushforwardPullback",
        () -> matvecTPushforwardPullbackLoop(
            w, xm, outN, tangentW, tangentM, outDotN, seedN, dw, dxm, dyn, dwDot, dxmDot));
    assertAllocatesNothing("axpyPushforwardPullback",
        () -> axpyPushforwardPullbackLoop(
            xn, yn, outN, tangentN, tangentN2, outDotN, seedN, dxn, dxnDot, dynDot, dScalars2));
    assertAllocatesNothing("sumPushforwardPullback",
        () -> sumPushforwardPullbackLoop(xn, tangentN, dxn, dxnDot));
    assertAllocatesNothing("outerPushforwardPullback",
        () -> outerPushforwardPullbackLoop(
            xm, xn, a, tangentM, tangentN, outDotA, seedA, dxm, dxn, dxmDot, dxnDot));
  }

  @Test
  void activationPushforwardPullbacksAllocateNothing() {
    assertAllocatesNothing("scalar pushforward pullbacks",
        () -> scalarPushforwardPullbackLoop(dScalars2, dScalars3));
    for (int k = 0; k < 5; k++) {
      int kernel = k;
      assertAllocatesNothing(ARRAY_KERNELS[k] + "PushforwardPullback",
          () -> arrayPushforwardPullbackLoop(
              kernel, xn, outN, tangentN, outDotN, seedN, dxn, dyn, dxnDot));
    }
  }

  @Test
  void lossPushforwardPullbacksAllocateNothing() {
    assertAllocatesNothing("logSumExpPushforwardPullback",
        () -> logSumExpPushforwardPullbackLoop(xn, tangentN, dxn, dxnDot));
    assertAllocatesNothing("softmaxCrossEntropyPushforwardPullback",
        () -> sink = crossEntropyPushforwardPullbackLoop(xn, tangentN, dxn, dxnDot));
    assertAllocatesNothing("meanSquaredErrorPushforwardPullback",
        () -> msePushforwardPullbackLoop(xn, yn, tangentN, dxn, dxnDot));
  }

  @Test
  void floatLinearKernelsPullbacksAndPushforwardsAllocateNothing() {
    assertAllocatesNothing("float dot", () -> sink = floatDotLoop(fxn, fyn));
    assertAllocatesNothing("float dotPullback", () -> floatDotPullbackLoop(fxn, fyn, fdxn, fdyn));
    assertAllocatesNothing("float matvec", () -> floatMatvecLoop(fw, fxn, fOutM));
    assertAllocatesNothing("float matvecPullback and matvecPullbackAssigning",
        () -> floatMatvecPullbackLoop(fw, fxn, fOutM, fSeedM, fdw, fdxn));
    assertAllocatesNothing("float matvecTransposed", () -> floatMatvecTLoop(fw, fxm, fOutN));
    assertAllocatesNothing("float matvecTransposedPullback",
        () -> floatMatvecTPullbackLoop(fw, fxm, fOutN, fSeedN, fdw, fdxm));
    assertAllocatesNothing("float axpy and axpyPullback",
        () -> sink = floatAxpyLoop(fxn, fyn, fOutN, fSeedN, fdxn, fdyn));
    assertAllocatesNothing("float sum and sumPullback", () -> sink = floatSumLoop(fxn, fdxn));
    assertAllocatesNothing("float outer, outerPullback and outerAccumulate",
        () -> floatOuterLoop(fxm, fxn, fa, fSeedA, fdxm, fdxn, fdw));
    assertAllocatesNothing("float Linear pushforwards",
        () -> sink = floatLinearPushforwardLoop(fw, fxn, fyn, fxm, fOutN, fOutM, fa, fTangentW,
            fTangentN, fTangentN2, fTangentM, fOutDotN, fOutDotM, fOutDotA));
  }

  @Test
  void floatLinearPushforwardPullbacksAllocateNothing() {
    assertAllocatesNothing("float dotPushforwardPullback and sumPushforwardPullback",
        () -> floatDotSumPushforwardPullbackLoop(
            fxn, fyn, fTangentN, fTangentN2, fdxn, fdyn, fdxnDot, fdynDot));
    assertAllocatesNothing("float matvecPushforwardPullback",
        () -> floatMatvecPushforwardPullbackLoop(fw, fxn, fOutM, fTangentW, fTangentN, fOutDotM,
            fSeedM, fdw, fdxn, fdym, fdwDot, fdxnDot));
    assertAllocatesNothing("float matvecTransposedPushforwardPullback",
        () -> floatMatvecTPushforwardPullbackLoop(fw, fxm, fOutN, fTangentW, fTangentM,
            fOutDotN, fSeedN, fdw, fdxm, fdyn, fdwDot, fdxmDot));
    assertAllocatesNothing("float axpyPushforwardPullback",
        () -> floatAxpyPushforwardPullbackLoop(fxn, fyn, fOutN, fTangentN, fTangentN2, fOutDotN,
            fSeedN, fdxn, fdxnDot, fdynDot, dScalars2));
    assertAllocatesNothing("float outerPushforwardPullback",
        () -> floatOuterPushforwardPullbackLoop(fxm, fxn, fa, fTangentM, fTangentN, fOutDotA,
            fSeedA, fdxm, fdxn, fdxmDot, fdxnDot));
  }

  @Test
  void floatActivationsAllocateNothing() {
    assertAllocatesNothing("float scalar activations, pullbacks, pushforwards and theirs",
        () -> sink = floatScalarLoop(dScalars2, dScalars3));
    for (int k = 0; k < 5; k++) {
      int kernel = k;
      assertAllocatesNothing("float " + ARRAY_KERNELS[k] + ", its pullback and pushforward",
          () -> floatArrayActivationLoop(kernel, fxn, fOutN, fSeedN, fdxn, fTangentN, fOutDotN));
      assertAllocatesNothing("float " + ARRAY_KERNELS[k] + "PushforwardPullback",
          () -> floatArrayPushforwardPullbackLoop(
              kernel, fxn, fOutN, fTangentN, fOutDotN, fSeedN, fdxn, fdyn, fdxnDot));
    }
  }

  @Test
  void floatLossesAllocateNothing() {
    assertAllocatesNothing(
        "float losses and pullbacks", () -> sink = floatLossLoop(fxn, fyn, fdxn));
    assertAllocatesNothing("float loss pushforwards and theirs",
        () -> sink = floatLossPushforwardLoop(fxn, fyn, fTangentN, fdxn, fdxnDot));
  }

  // ---- measurement -------------------------------------------------------------------------

  private static double allocatingLoop(int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double[] fresh = new double[1];
      fresh[0] = i;
      s += fresh[0];
    }
    return s;
  }

  // ---- loops: plain static methods -----------------------------------------------------------

  private static double dotLoop(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += Linear.dot(x, y);
    }
    return s;
  }

  private static void dotPullbackLoop(double[] x, double[] y, double[] dx, double[] dy) {
    for (int i = 0; i < CALLS; i++) {
      Linear.dotPullback(x, y, 1e-9, dx, dy);
    }
  }

  private static void matvecLoop(double[][] w, double[] x, double[] y) {
    for (int i = 0; i < CALLS; i++) {
      Linear.matvec(w, x, y);
    }
  }

  private static void matvecPullbackLoop(
      double[][] w, double[] x, double[] y, double[] dy, double[][] dw, double[] dx) {
    for (int i = 0; i < CALLS; i++) {
      dy[i % dy.length] = 1e-9;
      Linear.matvecPullback(w, x, y, dy, dw, dx);
    }
  }

  private static void matvecTLoop(double[][] w, double[] x, double[] y) {
    for (int i = 0; i < CALLS; i++) {
      Linear.matvecTransposed(w, x, y);
    }
  }

  private static void matvecTPullbackLoop(
      double[][] w, double[] x, double[] y, double[] dy, double[][] dw, double[] dx) {
    for (int i = 0; i < CALLS; i++) {
      dy[i % dy.length] = 1e-9;
      Linear.matvecTransposedPullback(w, x, y, dy, dw, dx);
    }
  }

  private static void axpyLoop(double[] x, double[] y, double[] z) {
    for (int i = 0; i < CALLS; i++) {
      Linear.axpy(0.5, x, y, z);
    }
  }

  private static double axpyPullbackLoop(
      double[] x, double[] y, double[] z, double[] dz, double[] dx, double[] dy) {
    double da = 0;
    for (int i = 0; i < CALLS; i++) {
      dz[i % dz.length] = 1e-9;
      da += Linear.axpyPullback(0.5, x, y, z, dz, dx, dy);
    }
    return da;
  }

  private static double sumLoop(double[] x) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += Linear.sum(x);
    }
    return s;
  }

  private static void sumPullbackLoop(double[] x, double[] dx) {
    for (int i = 0; i < CALLS; i++) {
      Linear.sumPullback(x, 1e-9, dx);
    }
  }

  private static void outerLoop(double[] u, double[] v, double[][] a) {
    for (int i = 0; i < CALLS; i++) {
      Linear.outer(u, v, a);
    }
  }

  private static void outerPullbackLoop(
      double[] u, double[] v, double[][] a, double[][] da, double[] du, double[] dv) {
    for (int i = 0; i < CALLS; i++) {
      da[i % da.length][i % v.length] = 1e-9;
      Linear.outerPullback(u, v, a, da, du, dv);
    }
  }

  private static void outerAccumulateLoop(double[] u, double[] v, double[][] a) {
    for (int i = 0; i < CALLS; i++) {
      Linear.outerAccumulate(u, v, a);
    }
  }

  private static double scalarLoop() {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      double z = (i % 41) * 0.1 - 2;
      s += Activations.sigmoid(z) + Activations.sigmoidPullback(z, Activations.sigmoid(z), 1.0);
      s += Activations.tanh(z) + Activations.tanhPullback(z, 1.0);
      s += Activations.relu(z) + Activations.reluPullback(z, 1.0);
      s += Activations.softplus(z) + Activations.softplusPullback(z, 1.0);
    }
    return s;
  }

  private static final String[] ARRAY_KERNELS = {"sigmoid", "tanh", "relu", "softplus", "softmax"};

  private static void arrayActivationLoop(int kernel, double[] z, double[] out) {
    for (int i = 0; i < CALLS; i++) {
      switch (kernel) {
        case 0 -> Activations.sigmoid(z, out);
        case 1 -> Activations.tanh(z, out);
        case 2 -> Activations.relu(z, out);
        case 3 -> Activations.softplus(z, out);
        default -> Activations.softmax(z, out);
      }
    }
  }

  private static void arrayPullbackLoop(
      int kernel, double[] z, double[] out, double[] seed, double[] dz) {
    for (int i = 0; i < CALLS; i++) {
      seed[i % seed.length] = 1e-9;
      switch (kernel) {
        case 0 -> Activations.sigmoidArrayPullback(z, out, seed, dz);
        case 1 -> Activations.tanhArrayPullback(z, out, seed, dz);
        case 2 -> Activations.reluArrayPullback(z, out, seed, dz);
        case 3 -> Activations.softplusArrayPullback(z, out, seed, dz);
        default -> Activations.softmaxPullback(z, out, seed, dz);
      }
    }
  }

  private static double logSumExpLoop(double[] z) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += Losses.logSumExp(z);
    }
    return s;
  }

  private static void logSumExpPullbackLoop(double[] z, double[] dz) {
    for (int i = 0; i < CALLS; i++) {
      Losses.logSumExpPullback(z, 1e-9, dz);
    }
  }

  private static double crossEntropyLoop(double[] logits) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += Losses.softmaxCrossEntropy(logits, i % logits.length);
    }
    return s;
  }

  private static void crossEntropyPullbackLoop(double[] logits, double[] dl) {
    for (int i = 0; i < CALLS; i++) {
      Losses.softmaxCrossEntropyPullback(logits, i % logits.length, 1.5, 1e-9, dl);
    }
  }

  private static double mseLoop(double[] p, double[] t) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += Losses.meanSquaredError(p, t);
    }
    return s;
  }

  private static void msePullbackLoop(double[] p, double[] t, double[] dp) {
    for (int i = 0; i < CALLS; i++) {
      Losses.meanSquaredErrorPullback(p, t, 1e-9, dp);
    }
  }

  // ---- pushforward loops ---------------------------------------------------------------------

  private static double dotPushforwardLoop(double[] x, double[] y, double[] xDot, double[] yDot) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += Linear.dotPushforward(x, y, xDot, i % 3 == 0 ? null : yDot);
    }
    return s;
  }

  private static void matvecPushforwardLoop(
      double[][] w, double[] x, double[] y, double[][] wDot, double[] xDot, double[] yDot) {
    for (int i = 0; i < CALLS; i++) {
      Linear.matvecPushforward(w, x, y, wDot, i % 3 == 0 ? null : xDot, yDot);
    }
  }

  private static void matvecTPushforwardLoop(
      double[][] w, double[] x, double[] y, double[][] wDot, double[] xDot, double[] yDot) {
    for (int i = 0; i < CALLS; i++) {
      Linear.matvecTransposedPushforward(w, x, y, i % 3 == 0 ? null : wDot, xDot, yDot);
    }
  }

  private static void axpyPushforwardLoop(
      double[] x, double[] y, double[] z, double[] xDot, double[] yDot, double[] zDot) {
    for (int i = 0; i < CALLS; i++) {
      Linear.axpyPushforward(0.5, x, y, z, 0.25, xDot, i % 3 == 0 ? null : yDot, zDot);
    }
  }

  private static double sumPushforwardLoop(double[] x, double[] xDot) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += Linear.sumPushforward(x, xDot);
    }
    return s;
  }

  private static void outerPushforwardLoop(
      double[] u, double[] v, double[][] a, double[] uDot, double[] vDot, double[][] aDot) {
    for (int i = 0; i < CALLS; i++) {
      Linear.outerPushforward(u, v, a, uDot, i % 3 == 0 ? null : vDot, aDot);
    }
  }

  private static double scalarPushforwardLoop() {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      double z = (i % 41) * 0.1 - 2;
      s += Activations.sigmoidPushforward(z, Activations.sigmoid(z), 0.5);
      s += Activations.tanhPushforward(z, 0.5);
      s += Activations.reluPushforward(z, 0.5);
      s += Activations.softplusPushforward(z, 0.5);
    }
    return s;
  }

  private static void arrayPushforwardLoop(
      int kernel, double[] z, double[] out, double[] zDot, double[] outDot) {
    for (int i = 0; i < CALLS; i++) {
      switch (kernel) {
        case 0 -> Activations.sigmoidArrayPushforward(z, out, zDot, outDot);
        case 1 -> Activations.tanhArrayPushforward(z, out, zDot, outDot);
        case 2 -> Activations.reluArrayPushforward(z, out, zDot, outDot);
        case 3 -> Activations.softplusArrayPushforward(z, out, zDot, outDot);
        default -> Activations.softmaxPushforward(z, out, zDot, outDot);
      }
    }
  }

  private static double logSumExpPushforwardLoop(double[] z, double[] zDot) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += Losses.logSumExpPushforward(z, zDot);
    }
    return s;
  }

  private static double crossEntropyPushforwardLoop(double[] logits, double[] logitsDot) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += Losses.softmaxCrossEntropyPushforward(logits, i % logits.length, 1.5, logitsDot);
    }
    return s;
  }

  private static double msePushforwardLoop(double[] p, double[] t, double[] pDot) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += Losses.meanSquaredErrorPushforward(p, t, pDot);
    }
    return s;
  }

  // ---- pushforward pullback loops (second order) ---------------------------------------------

  private static void dotPushforwardPullbackLoop(double[] x, double[] y, double[] xDot,
      double[] yDot, double[] dx, double[] dy, double[] dxDot, double[] dyDot) {
    for (int i = 0; i < CALLS; i++) {
      Linear.dotPushforwardPullback(x, y, xDot, i % 3 == 0 ? null : yDot, 1e-9, dx, dy,
          i % 3 == 1 ? null : dxDot, dyDot);
    }
  }

  private static void matvecPushforwardPullbackLoop(double[][] w, double[] x, double[] y,
      double[][] wDot, double[] xDot, double[] yDot, double[] dyDot, double[][] dw, double[] dx,
      double[] dy, double[][] dwDot, double[] dxDot) {
    for (int i = 0; i < CALLS; i++) {
      dyDot[i % dyDot.length] = 1e-9;
      Linear.matvecPushforwardPullback(w, x, y, wDot, i % 3 == 0 ? null : xDot, yDot, dyDot, dw,
          dx, dy, i % 3 == 1 ? null : dwDot, dxDot);
    }
  }

  private static void matvecTPushforwardPullbackLoop(double[][] w, double[] x, double[] y,
      double[][] wDot, double[] xDot, double[] yDot, double[] dyDot, double[][] dw, double[] dx,
      double[] dy, double[][] dwDot, double[] dxDot) {
    for (int i = 0; i < CALLS; i++) {
      dyDot[i % dyDot.length] = 1e-9;
      Linear.matvecTransposedPushforwardPullback(w, x, y, i % 3 == 0 ? null : wDot, xDot, yDot,
          dyDot, dw, dx, dy, dwDot, i % 3 == 1 ? null : dxDot);
    }
  }

  private static void axpyPushforwardPullbackLoop(double[] x, double[] y, double[] z,
      double[] xDot, double[] yDot, double[] zDot, double[] dzDot, double[] dx, double[] dxDot,
      double[] dyDot, double[] dScalars) {
    for (int i = 0; i < CALLS; i++) {
      dzDot[i % dzDot.length] = 1e-9;
      Linear.axpyPushforwardPullback(0.5, x, y, z, 0.25, xDot, i % 3 == 0 ? null : yDot, zDot,
          dzDot, dx, null, null, i % 3 == 1 ? null : dxDot, dyDot, dScalars);
    }
  }

  private static void sumPushforwardPullbackLoop(
      double[] x, double[] xDot, double[] dx, double[] dxDot) {
    for (int i = 0; i < CALLS; i++) {
      Linear.sumPushforwardPullback(x, xDot, 1e-9, i % 3 == 0 ? null : dx, dxDot);
    }
  }

  private static void outerPushforwardPullbackLoop(double[] u, double[] v, double[][] a,
      double[] uDot, double[] vDot, double[][] aDot, double[][] daDot, double[] du, double[] dv,
      double[] duDot, double[] dvDot) {
    for (int i = 0; i < CALLS; i++) {
      daDot[i % daDot.length][i % v.length] = 1e-9;
      Linear.outerPushforwardPullback(u, v, a, uDot, i % 3 == 0 ? null : vDot, aDot, daDot, du,
          dv, null, i % 3 == 1 ? null : duDot, dvDot);
    }
  }

  private static void scalarPushforwardPullbackLoop(double[] dScalars2, double[] dScalars3) {
    for (int i = 0; i < CALLS; i++) {
      double z = (i % 41) * 0.1 - 2;
      Activations.sigmoidPushforwardPullback(z, Activations.sigmoid(z), 0.5, 1e-9, dScalars3);
      Activations.tanhPushforwardPullback(z, 0.5, 1e-9, dScalars2);
      Activations.reluPushforwardPullback(z, 0.5, 1e-9, dScalars2);
      Activations.softplusPushforwardPullback(z, 0.5, 1e-9, dScalars2);
    }
  }

  private static void arrayPushforwardPullbackLoop(int kernel, double[] z, double[] out,
      double[] zDot, double[] outDot, double[] seed, double[] dz, double[] dOut,
      double[] dzDot) {
    for (int i = 0; i < CALLS; i++) {
      seed[i % seed.length] = 1e-9;
      double[] dOutOrNull = i % 3 == 0 ? null : dOut;
      switch (kernel) {
        case 0 -> Activations.sigmoidArrayPushforwardPullback(
            z, out, zDot, outDot, seed, dz, dOutOrNull, dzDot);
        case 1 -> Activations.tanhArrayPushforwardPullback(
            z, out, zDot, outDot, seed, dz, dOutOrNull, dzDot);
        case 2 -> Activations.reluArrayPushforwardPullback(
            z, out, zDot, outDot, seed, dz, dOutOrNull, dzDot);
        case 3 -> Activations.softplusArrayPushforwardPullback(
            z, out, zDot, outDot, seed, dz, dOutOrNull, dzDot);
        default -> Activations.softmaxPushforwardPullback(
            z, out, zDot, outDot, seed, dz, dOutOrNull, dzDot);
      }
    }
  }

  private static void logSumExpPushforwardPullbackLoop(
      double[] z, double[] zDot, double[] dz, double[] dzDot) {
    for (int i = 0; i < CALLS; i++) {
      Losses.logSumExpPushforwardPullback(z, zDot, 1e-9, i % 3 == 0 ? null : dz, dzDot);
    }
  }

  private static double crossEntropyPushforwardPullbackLoop(
      double[] logits, double[] logitsDot, double[] dl, double[] dlDot) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += Losses.softmaxCrossEntropyPushforwardPullback(
          logits, i % logits.length, 1.5, logitsDot, 1e-9, i % 3 == 0 ? null : dl, dlDot);
    }
    return s;
  }

  private static void msePushforwardPullbackLoop(
      double[] p, double[] t, double[] pDot, double[] dp, double[] dpDot) {
    for (int i = 0; i < CALLS; i++) {
      Losses.meanSquaredErrorPushforwardPullback(p, t, pDot, 1e-9, dp, i % 3 == 0 ? null : dpDot);
    }
  }

  // ---- float loops ---------------------------------------------------------------------------

  private static float floatDotLoop(float[] x, float[] y) {
    float s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += Linear.dot(x, y);
    }
    return s;
  }

  private static void floatDotPullbackLoop(float[] x, float[] y, float[] dx, float[] dy) {
    for (int i = 0; i < CALLS; i++) {
      Linear.dotPullback(x, y, 1e-9f, i % 3 == 0 ? null : dx, dy);
    }
  }

  private static void floatMatvecLoop(float[][] w, float[] x, float[] y) {
    for (int i = 0; i < CALLS; i++) {
      Linear.matvec(w, x, y);
    }
  }

  private static void floatMatvecPullbackLoop(
      float[][] w, float[] x, float[] y, float[] dy, float[][] dw, float[] dx) {
    for (int i = 0; i < CALLS; i++) {
      dy[i % dy.length] = 1e-9f;
      if (i % 2 == 0) {
        Linear.matvecPullback(w, x, y, dy, dw, i % 3 == 0 ? null : dx);
      } else {
        Linear.matvecPullbackAssigning(w, x, y, dy, dw, dx);
      }
    }
  }

  private static void floatMatvecTLoop(float[][] w, float[] x, float[] y) {
    for (int i = 0; i < CALLS; i++) {
      Linear.matvecTransposed(w, x, y);
    }
  }

  private static void floatMatvecTPullbackLoop(
      float[][] w, float[] x, float[] y, float[] dy, float[][] dw, float[] dx) {
    for (int i = 0; i < CALLS; i++) {
      dy[i % dy.length] = 1e-9f;
      Linear.matvecTransposedPullback(w, x, y, dy, i % 3 == 0 ? null : dw, dx);
    }
  }

  private static float floatAxpyLoop(
      float[] x, float[] y, float[] z, float[] dz, float[] dx, float[] dy) {
    float da = 0;
    for (int i = 0; i < CALLS; i++) {
      Linear.axpy(0.5f, x, y, z);
      dz[i % dz.length] = 1e-9f;
      da += Linear.axpyPullback(0.5f, x, y, z, dz, dx, i % 3 == 0 ? null : dy);
    }
    return da;
  }

  private static float floatSumLoop(float[] x, float[] dx) {
    float s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += Linear.sum(x);
      Linear.sumPullback(x, 1e-9f, dx);
    }
    return s;
  }

  private static void floatOuterLoop(float[] u, float[] v, float[][] a, float[][] da,
      float[] du, float[] dv, float[][] acc) {
    for (int i = 0; i < CALLS; i++) {
      Linear.outer(u, v, a);
      da[i % da.length][i % v.length] = 1e-9f;
      Linear.outerPullback(u, v, a, da, du, i % 3 == 0 ? null : dv);
      Linear.outerAccumulate(u, v, acc);
    }
  }

  private static float floatLinearPushforwardLoop(float[][] w, float[] xn, float[] yn,
      float[] xm, float[] outN, float[] outM, float[][] a, float[][] wDot, float[] tn,
      float[] tn2, float[] tm, float[] outDotN, float[] outDotM, float[][] aDot) {
    float s = 0;
    for (int i = 0; i < CALLS; i++) {
      boolean skip = i % 3 == 0;
      s += Linear.dotPushforward(xn, yn, tn, skip ? null : tn2);
      s += Linear.sumPushforward(xn, tn);
      Linear.matvecPushforward(w, xn, outM, wDot, skip ? null : tn, outDotM);
      Linear.matvecTransposedPushforward(w, xm, outN, skip ? null : wDot, tm, outDotN);
      Linear.axpyPushforward(0.5f, xn, yn, outN, 0.25f, tn, skip ? null : tn2, outDotN);
      Linear.outerPushforward(xm, xn, a, tm, skip ? null : tn, aDot);
    }
    return s;
  }

  private static void floatDotSumPushforwardPullbackLoop(float[] x, float[] y, float[] xDot,
      float[] yDot, float[] dx, float[] dy, float[] dxDot, float[] dyDot) {
    for (int i = 0; i < CALLS; i++) {
      Linear.dotPushforwardPullback(x, y, xDot, i % 3 == 0 ? null : yDot, 1e-9f, dx, dy,
          i % 3 == 1 ? null : dxDot, dyDot);
      Linear.sumPushforwardPullback(x, xDot, 1e-9f, i % 3 == 0 ? null : dx, dxDot);
    }
  }

  private static void floatMatvecPushforwardPullbackLoop(float[][] w, float[] x, float[] y,
      float[][] wDot, float[] xDot, float[] yDot, float[] dyDot, float[][] dw, float[] dx,
      float[] dy, float[][] dwDot, float[] dxDot) {
    for (int i = 0; i < CALLS; i++) {
      dyDot[i % dyDot.length] = 1e-9f;
      Linear.matvecPushforwardPullback(w, x, y, wDot, i % 3 == 0 ? null : xDot, yDot, dyDot, dw,
          dx, dy, i % 3 == 1 ? null : dwDot, dxDot);
    }
  }

  private static void floatMatvecTPushforwardPullbackLoop(float[][] w, float[] x, float[] y,
      float[][] wDot, float[] xDot, float[] yDot, float[] dyDot, float[][] dw, float[] dx,
      float[] dy, float[][] dwDot, float[] dxDot) {
    for (int i = 0; i < CALLS; i++) {
      dyDot[i % dyDot.length] = 1e-9f;
      Linear.matvecTransposedPushforwardPullback(w, x, y, i % 3 == 0 ? null : wDot, xDot, yDot,
          dyDot, dw, dx, dy, dwDot, i % 3 == 1 ? null : dxDot);
    }
  }

  private static void floatAxpyPushforwardPullbackLoop(float[] x, float[] y, float[] z,
      float[] xDot, float[] yDot, float[] zDot, float[] dzDot, float[] dx, float[] dxDot,
      float[] dyDot, double[] dScalars) {
    for (int i = 0; i < CALLS; i++) {
      dzDot[i % dzDot.length] = 1e-9f;
      Linear.axpyPushforwardPullback(0.5f, x, y, z, 0.25f, xDot, i % 3 == 0 ? null : yDot, zDot,
          dzDot, dx, null, null, i % 3 == 1 ? null : dxDot, dyDot, dScalars);
    }
  }

  private static void floatOuterPushforwardPullbackLoop(float[] u, float[] v, float[][] a,
      float[] uDot, float[] vDot, float[][] aDot, float[][] daDot, float[] du, float[] dv,
      float[] duDot, float[] dvDot) {
    for (int i = 0; i < CALLS; i++) {
      daDot[i % daDot.length][i % v.length] = 1e-9f;
      Linear.outerPushforwardPullback(u, v, a, uDot, i % 3 == 0 ? null : vDot, aDot, daDot, du,
          dv, null, i % 3 == 1 ? null : duDot, dvDot);
    }
  }

  private static float floatScalarLoop(double[] dScalars2, double[] dScalars3) {
    float s = 0;
    for (int i = 0; i < CALLS; i++) {
      float z = (i % 41) * 0.1f - 2;
      float sigma = Activations.sigmoid(z);
      s += sigma + Activations.sigmoidPullback(z, sigma, 1f);
      s += Activations.tanh(z) + Activations.tanhPullback(z, 1f);
      s += Activations.relu(z) + Activations.reluPullback(z, 1f);
      s += Activations.softplus(z) + Activations.softplusPullback(z, 1f);
      s += Activations.sigmoidPushforward(z, sigma, 0.5f);
      s += Activations.tanhPushforward(z, 0.5f);
      s += Activations.reluPushforward(z, 0.5f);
      s += Activations.softplusPushforward(z, 0.5f);
      Activations.sigmoidPushforwardPullback(z, sigma, 0.5f, 1e-9f, dScalars3);
      Activations.tanhPushforwardPullback(z, 0.5f, 1e-9f, dScalars2);
      Activations.reluPushforwardPullback(z, 0.5f, 1e-9f, dScalars2);
      Activations.softplusPushforwardPullback(z, 0.5f, 1e-9f, dScalars2);
    }
    return s;
  }

  private static void floatArrayActivationLoop(int kernel, float[] z, float[] out,
      float[] seed, float[] dz, float[] zDot, float[] outDot) {
    for (int i = 0; i < CALLS; i++) {
      seed[i % seed.length] = 1e-9f;
      switch (kernel) {
        case 0 -> {
          Activations.sigmoid(z, out);
          Activations.sigmoidArrayPullback(z, out, seed, dz);
          Activations.sigmoidArrayPushforward(z, out, zDot, outDot);
        }
        case 1 -> {
          Activations.tanh(z, out);
          Activations.tanhArrayPullback(z, out, seed, dz);
          Activations.tanhArrayPushforward(z, out, zDot, outDot);
        }
        case 2 -> {
          Activations.relu(z, out);
          Activations.reluArrayPullback(z, out, seed, dz);
          Activations.reluArrayPushforward(z, out, zDot, outDot);
        }
        case 3 -> {
          Activations.softplus(z, out);
          Activations.softplusArrayPullback(z, out, seed, dz);
          Activations.softplusArrayPushforward(z, out, zDot, outDot);
        }
        default -> {
          Activations.softmax(z, out);
          Activations.softmaxPullback(z, out, seed, dz);
          Activations.softmaxPushforward(z, out, zDot, outDot);
        }
      }
    }
  }

  private static void floatArrayPushforwardPullbackLoop(int kernel, float[] z, float[] out,
      float[] zDot, float[] outDot, float[] seed, float[] dz, float[] dOut, float[] dzDot) {
    for (int i = 0; i < CALLS; i++) {
      seed[i % seed.length] = 1e-9f;
      float[] dOutOrNull = i % 3 == 0 ? null : dOut;
      switch (kernel) {
        case 0 -> Activations.sigmoidArrayPushforwardPullback(
            z, out, zDot, outDot, seed, dz, dOutOrNull, dzDot);
        case 1 -> Activations.tanhArrayPushforwardPullback(
            z, out, zDot, outDot, seed, dz, dOutOrNull, dzDot);
        case 2 -> Activations.reluArrayPushforwardPullback(
            z, out, zDot, outDot, seed, dz, dOutOrNull, dzDot);
        case 3 -> Activations.softplusArrayPushforwardPullback(
            z, out, zDot, outDot, seed, dz, dOutOrNull, dzDot);
        default -> Activations.softmaxPushforwardPullback(
            z, out, zDot, outDot, seed, dz, dOutOrNull, dzDot);
      }
    }
  }

  private static float floatLossLoop(float[] z, float[] t, float[] dz) {
    float s = 0;
    for (int i = 0; i < CALLS; i++) {
      int target = i % z.length;
      s += Losses.logSumExp(z);
      Losses.logSumExpPullback(z, 1e-9f, dz);
      float loss = Losses.softmaxCrossEntropy(z, target);
      Losses.softmaxCrossEntropyPullback(z, target, loss, 1e-9f, dz);
      s += loss + Losses.meanSquaredError(z, t);
      Losses.meanSquaredErrorPullback(z, t, 1e-9f, dz);
    }
    return s;
  }

  private static float floatLossPushforwardLoop(
      float[] z, float[] t, float[] zDot, float[] dz, float[] dzDot) {
    float s = 0;
    for (int i = 0; i < CALLS; i++) {
      int target = i % z.length;
      float[] dzOrNull = i % 3 == 0 ? null : dz;
      s += Losses.logSumExpPushforward(z, zDot);
      s += Losses.softmaxCrossEntropyPushforward(z, target, 1.5f, zDot);
      s += Losses.meanSquaredErrorPushforward(z, t, zDot);
      Losses.logSumExpPushforwardPullback(z, zDot, 1e-9f, dzOrNull, dzDot);
      s += Losses.softmaxCrossEntropyPushforwardPullback(
          z, target, 1.5f, zDot, 1e-9f, dzOrNull, dzDot);
      Losses.meanSquaredErrorPushforwardPullback(z, t, zDot, 1e-9f, dz, dzOrNull);
    }
    return s;
  }
}

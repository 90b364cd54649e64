package dev.tapeless.it.arrays;

import static dev.tapeless.runtime.AllocationMeter.allocatedBy;
import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * After warm-up, array frames allocate nothing per call: adjoint arrays, local-array buffers and
 * saved values are all reused. The POM runs this class a second time under {@code -Xint}, so
 * that a pass cannot come from the JIT's escape analysis removing allocations that the generated
 * code does make.
 *
 * <p>Each loop is a plain static method over preallocated arrays, which it changes in place, so
 * the loop itself allocates nothing; the inputs vary so that branches go both ways and while
 * loops run for different counts.
 */
class ArrayZeroAllocationTest {

  private static final int CALLS = 20_000;

  private static final double[][] W = {{0.5, -0.25, 1.0}, {0.75, 0.5, -1.5}, {-0.5, 1.0, 0.25}};
  private static final double[][] W2 = {{0.3, -0.6, 0.9}, {-0.2, 0.4, 0.1}};
  private static final double[] X = {0.5, -1.25, 2.0};
  private static final double[] B = {0.1, -0.2, 0.3};
  private static final double[] B2 = {0.05, -0.1};
  private static final double[] Y = new double[3];
  private static final double[] SEED = {1.0, -0.5, 0.25};
  private static final double[] SEQUENCE = {0.3, -0.7, 0.2, 0.9, -0.4, 0.1, 0.5, -0.8};
  private static final double[][] SPD = {{3.0, 0.2, -0.4}, {0.2, 2.5, 0.3}, {-0.4, 0.3, 3.2}};
  private static final double[][] J = new double[3][3 * 3 + 3 + 3];
  private static final double[][] J2 = new double[6][3];
  private static final double[] SUMS = new double[3];
  private static final double[] MIRRORED = new double[3];

  /** Keeps the results alive. */
  private static volatile double sink;

  @Test
  void counterSeesAnAllocatingLoop() {
    long bytes = allocatedBy(() -> sink = allocatingLoop(1_000));
    assertTrue(bytes >= 1_000 * 16, "only " + bytes + " bytes counted");
  }

  @Test
  void arraysCreatedInLoopsAndBranchesReuseTheirBuffersInEveryMode() {
    FreshArrays_Grad.ScratchPerIteration scratch = new FreshArrays_Grad.ScratchPerIteration();
    FreshArrays_Grad.MatrixPerIteration matrix = new FreshArrays_Grad.MatrixPerIteration();
    FreshArrays_Grad.CreatedInABranch branch = new FreshArrays_Grad.CreatedInABranch();
    FreshArrays_Grad.CopiesPerIteration copies = new FreshArrays_Grad.CopiesPerIteration();
    assertAllocatesNothing("FreshArrays", () -> {
      double s = 0;
      for (int i = 0; i < CALLS / 10; i++) {
        X[0] = 0.5 - (i & 3) * 0.25; // the branch goes both ways
        s += scratch.valueAndGradient(X, 1 + (i & 3)) + scratch.jvp(X, 3, SEED)
            + scratch.hvp(X, 2, SEED);
        s += matrix.valueAndGradient(W, X) + matrix.jvp(W, X, W, SEED) + matrix.hvp(W, X, W, SEED);
        s += branch.valueAndGradient(X, 0.1) + branch.jvp(X, 0.1, SEED, 1.0)
            + branch.hvp(X, 0.1, SEED, 1.0);
        s += copies.valueAndGradient(X, 3.0) + copies.jvp(X, 3.0, SEED, 0.0)
            + copies.hvp(X, 3.0, SEED, 0.0);
      }
      X[0] = 0.5;
      sink = s;
    });
  }

  @Test
  void rowVariablesAllocateNothingInEveryMode() {
    RowVariables_Grad.RowsPassedOn passed = new RowVariables_Grad.RowsPassedOn();
    RowVariables_Grad.Slices slices = new RowVariables_Grad.Slices();
    RowVariables_Grad.RowMoved moved = new RowVariables_Grad.RowMoved();
    assertAllocatesNothing("RowVariables", () -> {
      double s = 0;
      for (int i = 0; i < CALLS / 10; i++) {
        s += passed.valueAndGradient(W, X) + passed.jvp(W, X, W, SEED)
            + passed.hvp(W, X, W, SEED);
        s += slices.valueAndGradient(W, X) + slices.jvp(W, X, W, SEED)
            + slices.hvp(W, X, W, SEED);
        s += moved.valueAndGradient(W) + moved.jvp(W, W) + moved.hvp(W, W);
      }
      sink = s;
    });
  }

  @Test
  void pullbackOfAMatvecLoopAllocatesNothing() {
    Matrices_Grad.Affine g = new Matrices_Grad.Affine();
    assertAllocatesNothing("Matrices.affine pullback", () -> sink = affinePullbacks(g));
  }

  @Test
  void pullbackThroughTheMatvecKernelAllocatesNothing() {
    Kernels_Grad.DenseLayer g = new Kernels_Grad.DenseLayer();
    assertAllocatesNothing("Kernels.denseLayer pullback", () -> sink = densePullbacks(g));
  }

  @Test
  void gradientThroughAWhileLoopAllocatesNothing() {
    ControlFlow_Grad.NewtonSqrt g = new ControlFlow_Grad.NewtonSqrt();
    assertAllocatesNothing("ControlFlow.newtonSqrt", () -> sink = newtonLoop(g));
  }

  @Test
  void gradientThroughADoWhileWithBranchesAllocatesNothing() {
    ControlFlow_Grad.DoWhileConsume g = new ControlFlow_Grad.DoWhileConsume();
    assertAllocatesNothing("ControlFlow.doWhileConsume", () -> sink = doWhileLoop(g));
  }

  @Test
  void gradientThroughAWhileLoopThatSwapsElementsAllocatesNothing() {
    Hazards_Grad.InsertionSort g = new Hazards_Grad.InsertionSort();
    assertAllocatesNothing("Hazards.insertionSort", () -> sink = sortLoop(g));
  }

  @Test
  void gradientThroughBranchesInNestedLoopsAllocatesNothing() {
    ControlFlow_Grad.SignedInteractions g = new ControlFlow_Grad.SignedInteractions();
    assertAllocatesNothing("ControlFlow.signedInteractions", () -> sink = signedLoop(g));
  }

  @Test
  void gradientThroughAnEarlyBreakAllocatesNothing() {
    ControlFlow_Grad.SumUntilLimit g = new ControlFlow_Grad.SumUntilLimit();
    assertAllocatesNothing("ControlFlow.sumUntilLimit", () -> sink = breakLoop(g));
  }

  @Test
  void recurrenceOverALocalArrayAllocatesNothing() {
    Recurrences_Grad.ScalarRnn g = new Recurrences_Grad.ScalarRnn();
    assertAllocatesNothing("Recurrences.scalarRnn", () -> sink = rnnLoop(g));
  }

  @Test
  void localMatrixAllocatesNothing() {
    Triangular_Grad.CholeskyLogDet g = new Triangular_Grad.CholeskyLogDet();
    assertAllocatesNothing("Triangular.choleskyLogDet", () -> sink = choleskyLoop(g));
  }

  @Test
  void kernelsAndCrossEntropyAllocateNothing() {
    Kernels_Grad.MlpCrossEntropy g = new Kernels_Grad.MlpCrossEntropy();
    assertAllocatesNothing("Kernels.mlpCrossEntropy accumulate", () -> sink = mlpLoop(g));
  }

  @Test
  void callsToOutCalleesAllocateNothing() {
    ArrayCalls_Grad.TwoLayers g = new ArrayCalls_Grad.TwoLayers();
    assertAllocatesNothing("ArrayCalls.twoLayers", () -> sink = twoLayersLoop(g));
  }

  @Test
  void jacobianAllocatesNothing() {
    Matrices_Grad.Affine g = new Matrices_Grad.Affine();
    assertAllocatesNothing("Matrices.affine jacobian", () -> sink = jacobianLoop(g));
  }

  @Test
  void jacobianOfTwoOutputsAllocatesNothing() {
    Outputs_Grad.TwoOutputs g = new Outputs_Grad.TwoOutputs();
    assertAllocatesNothing("Outputs.twoOutputs jacobian", () -> sink = twoOutputsLoop(g));
  }

  @Test
  void jvpThroughKernelsAllocatesNothing() {
    Kernels_Grad.MlpCrossEntropy g = new Kernels_Grad.MlpCrossEntropy();
    assertAllocatesNothing("Kernels.mlpCrossEntropy jvp", () -> sink = mlpJvpLoop(g));
  }

  @Test
  void jvpThroughCallsAllocatesNothing() {
    ArrayCalls_Grad.TwoLayers g = new ArrayCalls_Grad.TwoLayers();
    assertAllocatesNothing("ArrayCalls.twoLayers jvp", () -> sink = twoLayersJvpLoop(g));
  }

  @Test
  void jvpThroughAWhileLoopAllocatesNothing() {
    ControlFlow_Grad.NewtonSqrt g = new ControlFlow_Grad.NewtonSqrt();
    assertAllocatesNothing("ControlFlow.newtonSqrt jvp", () -> sink = newtonJvpLoop(g));
  }

  @Test
  void jvpWithOutputTangentsAllocatesNothing() {
    Outputs_Grad.TwoOutputs g = new Outputs_Grad.TwoOutputs();
    assertAllocatesNothing("Outputs.twoOutputs jvp", () -> sink = twoOutputsJvpLoop(g));
  }

  private static double mlpJvpLoop(Kernels_Grad.MlpCrossEntropy g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      // null tangents are zero: only W1 and b1 move
      s += g.jvp(W, B, W2, X, i & 1, SPD, SEED, null, null);
    }
    return s;
  }

  private static double twoLayersJvpLoop(ArrayCalls_Grad.TwoLayers g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      X[2] = 2.0 + i * 1e-5;
      s += g.jvp(W, B, W2, B2, X, SPD, SEED, W2, B2, B) + g.value;
    }
    X[2] = 2.0;
    return s;
  }

  private static double newtonJvpLoop(ControlFlow_Grad.NewtonSqrt g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += g.jvp(0.5 + (i % 1000) * 0.05, 1.0);
    }
    return s;
  }

  private static double twoOutputsJvpLoop(Outputs_Grad.TwoOutputs g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      g.jvp(X, SUMS, MIRRORED, SEED, Y, i % 2 == 0 ? null : B);
      s += Y[1];
    }
    B[0] = 0.1;
    B[1] = -0.2;
    B[2] = 0.3;
    return s;
  }

  private static double allocatingLoop(int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double[] a = new double[] {i};
      s += a[0];
    }
    return s;
  }

  private static double affinePullbacks(Matrices_Grad.Affine g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      X[0] = 0.5 + i * 1e-5;
      g.pullback(W, X, B, Y, SEED);
      s += g.dx[0] + g.dW[1][2];
    }
    return s;
  }

  private static double densePullbacks(Kernels_Grad.DenseLayer g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      X[1] = -1.25 + i * 1e-5;
      g.pullback(W, B, X, Y, SEED);
      s += g.dx[0] + g.db[1];
    }
    return s;
  }

  private static double newtonLoop(ControlFlow_Grad.NewtonSqrt g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      // a sweeps (0.5, 50): the iteration count varies with it.
      s += g.valueAndGradient(0.5 + (i % 1000) * 0.05) + g.da;
    }
    return s;
  }

  private static double doWhileLoop(ControlFlow_Grad.DoWhileConsume g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      // The limit sweeps (0.5, 5.5): the loop stops after 1 to 8 elements.
      s += g.valueAndGradient(SEQUENCE, 1.5, 0.5 + (i % 100) * 0.05) + g.dw;
    }
    return s;
  }

  private static double signedLoop(ControlFlow_Grad.SignedInteractions g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      // x[0] sweeps (-2, 2): its products change branch.
      X[0] = -2 + (i % 400) * 0.01;
      s += g.valueAndGradient(W, X) + g.dx[0];
    }
    X[0] = 0.5;
    return s;
  }

  private static double sortLoop(Hazards_Grad.InsertionSort g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      // Rotating which element is largest changes how far the while loop shifts.
      SEQUENCE[i % SEQUENCE.length] += 0.5;
      s += g.valueAndGradient(SEQUENCE) + g.dx[0];
      SEQUENCE[i % SEQUENCE.length] -= 0.5;
    }
    return s;
  }

  private static double breakLoop(ControlFlow_Grad.SumUntilLimit g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += g.valueAndGradient(SEQUENCE, 0.1 + (i % 50) * 0.05) + g.dlimit;
    }
    return s;
  }

  private static double rnnLoop(Recurrences_Grad.ScalarRnn g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += g.valueAndGradient(0.8 + i * 1e-6, 0.1, SEQUENCE) + g.dw;
    }
    return s;
  }

  private static double choleskyLoop(Triangular_Grad.CholeskyLogDet g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      SPD[0][0] = 3.0 + (i % 100) * 0.01;
      s += g.valueAndGradient(SPD) + g.dA[1][0];
    }
    return s;
  }

  private static double mlpLoop(Kernels_Grad.MlpCrossEntropy g) {
    g.zero();
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += g.accumulate(W, B, W2, X, i & 1);
    }
    return s + g.dW1[0][0];
  }

  private static double twoLayersLoop(ArrayCalls_Grad.TwoLayers g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      X[2] = 2.0 + i * 1e-5;
      s += g.valueAndGradient(W, B, W2, B2, X) + g.dx[2];
    }
    X[2] = 2.0;
    return s;
  }

  private static double jacobianLoop(Matrices_Grad.Affine g) {
    double s = 0;
    for (int i = 0; i < CALLS / 10; i++) {
      g.jacobian(W, X, B, Y, J);
      s += J[1][4];
    }
    return s;
  }

  private static double twoOutputsLoop(Outputs_Grad.TwoOutputs g) {
    double s = 0;
    for (int i = 0; i < CALLS / 10; i++) {
      g.jacobian(X, SUMS, MIRRORED, J2);
      s += J2[4][1];
    }
    return s;
  }
}

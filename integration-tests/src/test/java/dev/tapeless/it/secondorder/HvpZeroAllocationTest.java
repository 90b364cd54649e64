package dev.tapeless.it.secondorder;

import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;

import dev.tapeless.it.arrays.ArrayCalls_Grad;
import dev.tapeless.it.arrays.ControlFlow_Grad;
import dev.tapeless.it.arrays.Hazards_Grad;
import dev.tapeless.it.arrays.Recurrences_Grad;
import dev.tapeless.it.arrays.Triangular_Grad;
import dev.tapeless.it.scalar.Calls_Grad;
import org.junit.jupiter.api.Test;

/**
 * After warm-up, {@code hvp} and {@code hessian} allocate nothing per call: the tangent
 * program's array locals, the saved values of its loops, the zero buffers behind {@code null}
 * directions and {@code hessian}'s unit directions are all reused. The POM runs this class a
 * second time under {@code -Xint}, as it does the first-order allocation tests, so that a pass
 * cannot come from the JIT's escape analysis.
 *
 * <p>Each loop is a plain static method over preallocated arrays, which it changes in place;
 * the inputs vary so that branches go both ways and loops run for different counts.
 */
class HvpZeroAllocationTest {

  private static final int CALLS = 5_000;

  private static final double[] SEQUENCE = {0.3, -0.7, 0.2, 0.9, -0.4, 0.1, 0.5, -0.8};
  private static final double[] UNSORTED = SEQUENCE.clone();
  private static final double[] DIRECTION = {1.0, -0.5, 0.25, 0.5, -1.0, 0.75, -0.25, 0.1};
  private static final double[][] SPD = {{3.0, 0.2, -0.4}, {0.2, 2.5, 0.3}, {-0.4, 0.3, 3.2}};
  private static final double[][] SPD_DIRECTION = {{1, 0, 0}, {0.5, 1, 0}, {-0.5, 0.25, 1}};
  private static final double[][] W = {{0.5, -0.25, 1.0, 0.1}, {0.75, 0.5, -1.5, 0.2},
      {-0.5, 1.0, 0.25, -0.3}};
  private static final double[] X = {0.5, -1.25, 2.0, 0.3};
  private static final double[] X3 = {0.5, -1.25, 2.0};
  private static final double[] SEQUENCE3 = {0.3, -0.7, 0.2};
  private static final double[][] W2 = {{0.3, -0.6, 0.9}, {-0.2, 0.4, 0.1}};
  private static final double[] B2 = {0.05, -0.1};
  private static final double[][] H1 = new double[1][1];
  private static final double[][] H9 = new double[9][9];
  private static final double[][] H12 = new double[12][12];

  /** Keeps the results alive. */
  private static volatile double sink;

  @Test
  void hvpThroughALocalArrayRecurrenceAllocatesNothing() {
    Curvatures_Grad.Recurrence g = new Curvatures_Grad.Recurrence();
    assertAllocatesNothing("Curvatures.recurrence hvp", () -> sink = recurrenceLoop(g));
  }

  @Test
  void hvpThroughBreakAndContinueAllocatesNothing() {
    Curvatures_Grad.LoopBreakContinue g = new Curvatures_Grad.LoopBreakContinue();
    assertAllocatesNothing("Curvatures.loopBreakContinue hvp", () -> sink = breakLoop(g));
  }

  @Test
  void hvpThroughAnEarlyReturnFromADoWhileAllocatesNothing() {
    Curvatures_Grad.DoWhileEarlyReturn g = new Curvatures_Grad.DoWhileEarlyReturn();
    assertAllocatesNothing("Curvatures.doWhileEarlyReturn hvp", () -> sink = doWhileLoop(g));
  }

  @Test
  void hvpAndHessianThroughAWhileLoopAllocateNothing() {
    ControlFlow_Grad.NewtonSqrt g = new ControlFlow_Grad.NewtonSqrt();
    assertAllocatesNothing("ControlFlow.newtonSqrt hvp and hessian",
        () -> sink = newtonLoop(g));
  }

  @Test
  void hvpThroughAWhileLoopThatSwapsElementsAllocatesNothing() {
    Hazards_Grad.InsertionSort g = new Hazards_Grad.InsertionSort();
    assertAllocatesNothing("Hazards.insertionSort hvp", () -> sink = sortLoop(g));
  }

  @Test
  void hvpWithNullDirectionsThroughALocalVectorAllocatesNothing() {
    Curvatures_Grad.LogSumExpOfLayer g = new Curvatures_Grad.LogSumExpOfLayer();
    assertAllocatesNothing("Curvatures.logSumExpOfLayer hvp", () -> sink = layerLoop(g));
  }

  @Test
  void hvpOfARecurrenceWithScalarAndArrayDirectionsAllocatesNothing() {
    Recurrences_Grad.ScalarRnn g = new Recurrences_Grad.ScalarRnn();
    assertAllocatesNothing("Recurrences.scalarRnn hvp", () -> sink = rnnLoop(g));
  }

  @Test
  void hvpAndHessianThroughALocalMatrixAllocateNothing() {
    Triangular_Grad.CholeskyLogDet g = new Triangular_Grad.CholeskyLogDet();
    assertAllocatesNothing("Triangular.choleskyLogDet hvp and hessian",
        () -> sink = choleskyLoop(g));
  }

  @Test
  void hvpThroughAChainOfCallsAllocatesNothing() {
    Calls_Grad.ChainTop g = new Calls_Grad.ChainTop();
    assertAllocatesNothing("Calls.chainTop hvp", () -> sink = chainLoop(g));
  }

  @Test
  void hvpThroughCallsWithOutputsAndLocalArraysAllocatesNothing() {
    ArrayCalls_Grad.TwoLayers g = new ArrayCalls_Grad.TwoLayers();
    assertAllocatesNothing("ArrayCalls.twoLayers hvp", () -> sink = twoLayersLoop(g));
  }

  @Test
  void hvpThroughACalleeInALoopAllocatesNothing() {
    SecondOrderCalls_Grad.CalleeInALoop g = new SecondOrderCalls_Grad.CalleeInALoop();
    assertAllocatesNothing("SecondOrderCalls.calleeInALoop hvp", () -> sink = rowsLoop(g));
  }

  @Test
  void hessianOfAMatrixAndAVectorAllocatesNothing() {
    Curvatures_Grad.QuadraticForm g = new Curvatures_Grad.QuadraticForm();
    assertAllocatesNothing("Curvatures.quadraticForm hessian", () -> sink = quadraticLoop(g));
  }

  private static double chainLoop(Calls_Grad.ChainTop g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += g.hvp(0.3 - i * 1e-5, 0.3, 1.0, (i & 1) - 0.5) + g.dx;
    }
    return s;
  }

  private static double twoLayersLoop(ArrayCalls_Grad.TwoLayers g) {
    double s = 0;
    for (int i = 0; i < CALLS / 10; i++) {
      X3[2] = 2.0 + i * 1e-4;
      // the layers' directions: null for the first, the weights themselves for the second
      s += g.hvp(SPD, X3, W2, B2, X3, null, null, W2, B2, SEQUENCE3) + g.db1[0];
    }
    X3[2] = 2.0;
    return s;
  }

  private static double rowsLoop(SecondOrderCalls_Grad.CalleeInALoop g) {
    double s = 0;
    for (int i = 0; i < CALLS / 10; i++) {
      // x[0] sweeps (0, 2): the callee's limit, and so where it breaks, moves with it.
      X3[0] = (i % 100) * 0.02;
      s += g.hvp(W, X3, W, (i & 1) == 0 ? null : X3) + g.dx[0];
    }
    X3[0] = 0.5;
    return s;
  }

  private static double recurrenceLoop(Curvatures_Grad.Recurrence g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += g.hvp(SEQUENCE, -1 + (i % 200) * 0.01, DIRECTION, 0.5) + g.dx[3] + g.da;
    }
    return s;
  }

  private static double breakLoop(Curvatures_Grad.LoopBreakContinue g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      // The limit sweeps (0.05, 1.05): the loop breaks after 1 to 8 elements, or never.
      s += g.hvp(SEQUENCE, 0.05 + (i % 100) * 0.01, DIRECTION, 1.0) + g.dlimit;
    }
    return s;
  }

  private static double doWhileLoop(Curvatures_Grad.DoWhileEarlyReturn g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      // t sweeps (0.5, 5.5): s passes 2, and the method returns early, sooner for larger t.
      s += g.hvp(SEQUENCE, 0.5 + (i % 100) * 0.05, DIRECTION, -0.5) + g.dt;
    }
    return s;
  }

  private static double newtonLoop(ControlFlow_Grad.NewtonSqrt g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      // The iteration count varies with a; every eighth call is a (1 x 1) Hessian.
      double a = 0.5 + (i % 1000) * 0.05;
      if ((i & 7) == 0) {
        g.hessian(a, H1);
        s += H1[0][0];
      } else {
        s += g.hvp(a, -1.0) + g.da;
      }
    }
    return s;
  }

  private static double sortLoop(Hazards_Grad.InsertionSort g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      // Swapping neighbours keeps permuting the input: the while loop shifts by varying counts.
      int k = i % (UNSORTED.length - 1);
      double t = UNSORTED[k];
      UNSORTED[k] = UNSORTED[k + 1];
      UNSORTED[k + 1] = t;
      s += g.hvp(UNSORTED, DIRECTION) + g.dx[k];
    }
    return s;
  }

  private static double layerLoop(Curvatures_Grad.LogSumExpOfLayer g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      // Alternating null directions: the zero buffer for each, and both given.
      X[0] = 0.5 + (i % 100) * 0.02;
      s += g.hvp(W, X, (i & 1) == 0 ? null : W, (i & 2) == 0 ? null : X) + g.dx[1];
    }
    X[0] = 0.5;
    return s;
  }

  private static double rnnLoop(Recurrences_Grad.ScalarRnn g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += g.hvp(0.8 + i * 1e-6, 0.1, SEQUENCE, 1.0, -0.5, (i & 1) == 0 ? null : DIRECTION)
          + g.dw;
    }
    return s;
  }

  private static double choleskyLoop(Triangular_Grad.CholeskyLogDet g) {
    double s = 0;
    for (int i = 0; i < CALLS / 10; i++) {
      SPD[0][0] = 3.0 + (i % 100) * 0.01;
      s += g.hvp(SPD, SPD_DIRECTION) + g.dA[1][0];
      g.hessian(SPD, H9);
      s += H9[4][2];
    }
    SPD[0][0] = 3.0;
    return s;
  }

  private static double quadraticLoop(Curvatures_Grad.QuadraticForm g) {
    double s = 0;
    for (int i = 0; i < CALLS / 10; i++) {
      X3[1] = -1.25 + (i % 100) * 0.01;
      g.hessian(SPD, X3, H12);
      s += H12[3][10];
    }
    X3[1] = -1.25;
    return s;
  }
}

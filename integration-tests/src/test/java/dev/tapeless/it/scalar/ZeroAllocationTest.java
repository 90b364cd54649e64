package dev.tapeless.it.scalar;

import static dev.tapeless.runtime.AllocationMeter.allocatedBy;
import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * After warm-up a frame allocates nothing per call. The POM runs this class a second time under
 * {@code -Xint}, so that a pass cannot come from the JIT's escape analysis removing allocations
 * that the generated code does make.
 *
 * <p>Each loop is a plain static method over primitives, so the loop itself allocates nothing.
 */
class ZeroAllocationTest {

  private static final int CALLS = 100_000;

  /** Keeps the results alive. */
  private static volatile double sink;

  @Test
  void counterSeesAnAllocatingLoop() {
    long bytes = allocatedBy(() -> sink = allocatingLoop(1_000));
    assertTrue(bytes >= 1_000 * 16, "only " + bytes + " bytes counted");
  }

  @Test
  void seedExampleAllocatesNothing() {
    Arithmetic_Grad.E g = new Arithmetic_Grad.E();
    assertAllocatesNothing("Arithmetic.e", () -> sink = loop(g));
  }

  @Test
  void transcendentalAllocatesNothing() {
    Transcendental_Grad.Gaussian g = new Transcendental_Grad.Gaussian();
    assertAllocatesNothing("Transcendental.gaussian", () -> sink = loop(g));
  }

  @Test
  void branchesAllocateNothing() {
    Branches_Grad.EarlyReturns g = new Branches_Grad.EarlyReturns();
    assertAllocatesNothing("Branches.earlyReturns", () -> sink = loop(g));
  }

  @Test
  void chainOfCallsAllocatesNothing() {
    Calls_Grad.ChainTop g = new Calls_Grad.ChainTop();
    assertAllocatesNothing("Calls.chainTop", () -> sink = loop(g));
  }

  @Test
  void callsAcrossClassesAllocateNothing() {
    Calls_Grad.CrossChain g = new Calls_Grad.CrossChain();
    assertAllocatesNothing("Calls.crossChain", () -> sink = loop(g));
  }

  @Test
  void reassignedParametersAllocateNothing() {
    Sharing_Grad.CompoundOnParams g = new Sharing_Grad.CompoundOnParams();
    assertAllocatesNothing("Sharing.compoundOnParams", () -> sink = loop(g));
  }

  @Test
  void intArithmeticAllocatesNothing() {
    Mixed_Grad.IntLocals g = new Mixed_Grad.IntLocals();
    assertAllocatesNothing("Mixed.intLocals", () -> sink = loop(g));
  }

  @Test
  void accumulateAllocatesNothing() {
    Branches_Grad.ShortCircuit g = new Branches_Grad.ShortCircuit();
    assertAllocatesNothing("Branches.shortCircuit accumulate", () -> sink = accumulateLoop(g));
  }

  private static double allocatingLoop(int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double[] a = new double[] {i};
      s += a[0];
    }
    return s;
  }

  private static double loop(Arithmetic_Grad.E g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += g.valueAndGradient(i * 1e-5, 2.0) + g.db;
    }
    return s;
  }

  private static double loop(Transcendental_Grad.Gaussian g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += g.valueAndGradient(i * 1e-5, 0.5, 1.5) + g.dsigma;
    }
    return s;
  }

  private static double loop(Branches_Grad.EarlyReturns g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      // x sweeps (-3, 3) so that every return is taken.
      s += g.valueAndGradient(-3 + i * (6.0 / CALLS), (i & 1) == 0 ? 1.0 : -1.0) + g.dx;
    }
    return s;
  }

  private static double loop(Calls_Grad.ChainTop g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += g.valueAndGradient(i * 1e-5, 0.3) + g.dy;
    }
    return s;
  }

  private static double loop(Calls_Grad.CrossChain g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += g.valueAndGradient(i * 1e-5, 0.3) + g.dx;
    }
    return s;
  }

  private static double loop(Sharing_Grad.CompoundOnParams g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += g.valueAndGradient(i * 1e-5, 0.7) + g.dy;
    }
    return s;
  }

  private static double loop(Mixed_Grad.IntLocals g) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += g.valueAndGradient(i * 1e-5, 0.7, i % 7) + g.db;
    }
    return s;
  }

  private static double accumulateLoop(Branches_Grad.ShortCircuit g) {
    g.zero();
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += g.accumulate(i * 1e-5 - 0.5, 0.7, (i & 1) == 0);
    }
    return s + g.dx;
  }
}

package dev.tapeless.it.arrays;

import static dev.tapeless.it.arrays.ArrayGradientAssert.assertGradientClose;
import static dev.tapeless.runtime.AllocationMeter.allocatedBy;
import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tapeless.runtime.GradCheck;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/**
 * One test per row of the wrong-gradients case folder's README: each program the processor once
 * got wrong, at the point and with the figure the README gives, also checked against central
 * finite differences and the Hipparchus twin. The corpus tests check the same methods at random
 * points; these pin the exact inputs that exposed each bug, so that a failure names it.
 */
class WrongGradientsRegressionTest {

  /** Against finite differences, as in ArrayFiniteDifferencesTest. */
  private static final double FD_TOLERANCE = 1e-6;

  /** Against the Hipparchus twin, as in ArrayHipparchusTest. */
  private static final double TWIN_TOLERANCE = 1e-9;

  /** Exact figures (2x, 0.125, 3, ...) come out exact or within a rounding. */
  private static final double EXACT = 1e-12;

  /** Keeps the results of the allocation loops alive. */
  private static volatile double sink;

  @Test
  void branchConditionWrittenInsideTheBranch() {
    Regressions_Grad.FlagBranch g = new Regressions_Grad.FlagBranch();
    assertEquals(9.0, g.valueAndGradient(3, true));
    assertEquals(6.0, g.dx, EXACT, "d/dx of x·x at 3 (it was 1)");
    check("flagBranch", x -> Regressions.flagBranch(x[0], true), new double[] {3},
        new double[] {g.dx}, RegressionsCases.flagBranch(variable(3), true));
    g.valueAndGradient(3, false);
    assertEquals(1.0, g.dx, EXACT, "d/dx of x when the branch is not taken");
  }

  @Test
  void whileFlagClearedInBody() {
    Regressions_Grad.HalveUntilSmall g = new Regressions_Grad.HalveUntilSmall();
    assertEquals(0.625, g.valueAndGradient(5));
    assertEquals(0.125, g.dx, EXACT, "three halvings (every reversed iteration was skipped)");
    check("halveUntilSmall", x -> Regressions.halveUntilSmall(x[0]), new double[] {5},
        new double[] {g.dx}, RegressionsCases.halveUntilSmall(variable(5), new Kinks()));
  }

  /**
   * The saved values once stayed behind after every call, so the buffer grew without bound. A
   * buffer that grows by doubling reallocates rarely, and one clean run of AllocationMeter can
   * miss it; 200,000 further calls must not reallocate it either.
   */
  @Test
  void whileFlagClearedInBodyLeavesNothingSavedBetweenCalls() {
    Regressions_Grad.HalveUntilSmall g = new Regressions_Grad.HalveUntilSmall();
    assertAllocatesNothing("halveUntilSmall, 1,000 calls", () -> sink = halveRepeatedly(g, 1_000));
    long bytes = allocatedBy(() -> sink = halveRepeatedly(g, 200_000));
    assertTrue(bytes < 64 * 1024, "200,000 calls allocated " + bytes + " bytes");
  }

  @Test
  void calleeWritesPartOfOutWithConstantArgument() {
    Regressions_Grad.PartialOutConstant constant = new Regressions_Grad.PartialOutConstant();
    assertEquals(5.0, constant.valueAndGradient(2));
    assertEquals(2.0, constant.dx, EXACT, "the adjoint of y[1] was zeroed by setFirst(1.0, y)");
    check("partialOutConstant", x -> Regressions.partialOutConstant(x[0]), new double[] {2},
        new double[] {constant.dx},
        RegressionsCases.partialOut(variable(2), Gradient.constant(1, 1.0)));
    Regressions_Grad.PartialOutVaried varied = new Regressions_Grad.PartialOutVaried();
    varied.valueAndGradient(2);
    assertEquals(3.0, varied.dx, EXACT, "setFirst(x, y)");
  }

  @Test
  void helperWithoutDerivativeMutatesArrayTheSweepReads() {
    Regressions_Grad.OpaqueMutation g = new Regressions_Grad.OpaqueMutation();
    assertEquals(9.0, g.valueAndGradient(2));
    assertEquals(3.0, g.dx, EXACT, "the backward sweep read the element takeFirst cleared");
    check("opaqueMutation", x -> Regressions.opaqueMutation(x[0]), new double[] {2},
        new double[] {g.dx}, RegressionsCases.opaqueMutation(variable(2)));
  }

  @Test
  void intOperandOfAtan2IsNotSquaredInIntArithmetic() {
    double exact = 100000.0 / (1.0 + 1e10);
    Regressions_Grad.Atan2Int literal = new Regressions_Grad.Atan2Int();
    literal.valueAndGradient(1);
    assertEquals(1e-5, literal.dx, 1e-9 * 1e-5, "atan2(x, 100000)");
    assertEquals(exact, literal.dx, EXACT * 1e-5, "atan2(x, 100000)");
    Regressions_Grad.Atan2IntParam parameter = new Regressions_Grad.Atan2IntParam();
    parameter.valueAndGradient(1, 100000);
    assertEquals(exact, parameter.dx, EXACT * 1e-5, "atan2(x, n), n = 100000");
    check("atan2IntParam", x -> Regressions.atan2IntParam(x[0], 100000), new double[] {1},
        new double[] {parameter.dx}, variable(1).atan2(Gradient.constant(1, 100000)));
  }

  @Test
  void powToTheZeroAtZeroIsZeroNotNaN() {
    Regressions_Grad.PowZero g = new Regressions_Grad.PowZero();
    assertEquals(1.0, g.valueAndGradient(0, 0));
    assertEquals(0.0, g.dx, "d/dx of x⁰ at 0");
    check("powZero", x -> Regressions.powZero(x[0], 0), new double[] {0}, new double[] {g.dx},
        variable(0).pow(0.0));
  }

  @Test
  void sqrtDiscardedByBranchAtZeroIsNotNaN() {
    Regressions_Grad.SqrtUnused g = new Regressions_Grad.SqrtUnused();
    assertEquals(0.0, g.valueAndGradient(0));
    assertEquals(1.0, g.dx, "sqrt's infinite partial must not reach dx");
    check("sqrtUnused", x -> Regressions.sqrtUnused(x[0]), new double[] {0},
        new double[] {g.dx}, RegressionsCases.sqrtUnused(variable(0), new Kinks()));
  }

  @Test
  void kernelOverwritesElementThatHadDerivative() {
    double[][] w = {{1, 2}, {3, 4}};
    double[] v = {0.5, -1};
    Regressions_Grad.OverwrittenByMatvec g = new Regressions_Grad.OverwrittenByMatvec();
    assertEquals(0.5, g.valueAndGradient(2, w, v));
    assertEquals(1.0, g.dx, EXACT, "y[0] = 5x is overwritten by matvec");
    check("overwrittenByMatvec", x -> Regressions.overwrittenByMatvec(x[0], w, v),
        new double[] {2}, new double[] {g.dx},
        RegressionsCases.overwrittenByMatvec(variable(2), constants(w), v));
  }

  @Test
  void countedLoopBoundReadsElementWrittenInBody() {
    Regressions_Grad.ShrinkingBound g = new Regressions_Grad.ShrinkingBound();
    assertEquals(2.25, g.valueAndGradient(1.5));
    assertEquals(3.0, g.dx, EXACT, "two trips: x²");
    check("shrinkingBound", x -> Regressions.shrinkingBound(x[0]), new double[] {1.5},
        new double[] {g.dx}, RegressionsCases.shrinkingBound(variable(1.5), 4.0, 1.0));

    Regressions_Grad.ShrinkingBoundByTwo h = new Regressions_Grad.ShrinkingBoundByTwo();
    assertEquals(5.0625, h.valueAndGradient(1.5));
    assertEquals(13.5, h.dx, EXACT, "four trips: x⁴");
    check("shrinkingBoundByTwo", x -> Regressions.shrinkingBoundByTwo(x[0]),
        new double[] {1.5}, new double[] {h.dx},
        RegressionsCases.shrinkingBound(variable(1.5), 10.0, 2.0));
  }

  /** The frame class is named in the source: that this compiles is half the test. */
  @Test
  void eightBreakIfsInOneLoopCompile() throws ClassNotFoundException {
    Class.forName("dev.tapeless.it.arrays.Regressions_Grad$BlowUp");
    Regressions_Grad.BlowUp g = new Regressions_Grad.BlowUp();
    g.valueAndGradient(3.0, 5);
    check("blowUp(3, 5)", x -> Regressions.blowUp(x[0], 5), new double[] {3},
        new double[] {g.dx}, RegressionsCases.blowUp(variable(3), 5, new Kinks()));
    // And a point that leaves by the first break.
    g.valueAndGradient(25.0, 3);
    assertEquals(0.5, g.dx, EXACT, "25 > 1, halved to 12.5 > 9: break");
    check("blowUp(25, 3)", x -> Regressions.blowUp(x[0], 3), new double[] {25},
        new double[] {g.dx}, RegressionsCases.blowUp(variable(25), 3, new Kinks()));
  }

  @Test
  void bareReturnInVoidOutMethodHasFrame() throws ClassNotFoundException {
    Class.forName("dev.tapeless.it.arrays.Regressions_Grad$Early");
    Regressions_Grad.Early g = new Regressions_Grad.Early();

    double[] out = {5.0};
    double[][] j = new double[1][1];
    g.jacobian(0.3, out, j);
    assertEquals(0.3 * 0.3, out[0], EXACT, "a ≤ 0.5 writes a²");
    assertEquals(0.6, j[0][0], EXACT);
    out[0] = 5.0;
    g.pullback(0.3, out, new double[] {1});
    assertEquals(0.6, g.da, EXACT);
    Gradient[] twin = RegressionsCases.early(variable(0.3),
        new Gradient[] {Gradient.constant(1, 5.0)}, new Kinks());
    assertGradientClose("early(0.3) twin", twin[0].getGradient(), new double[] {g.da},
        TWIN_TOLERANCE);

    out[0] = 5.0;
    g.jacobian(0.7, out, j);
    assertEquals(5.0, out[0], "a > 0.5 returns before writing");
    assertEquals(0.0, j[0][0]);
    g.pullback(0.7, out, new double[] {1});
    assertEquals(0.0, g.da);
  }

  @Test
  void jacobianRestoresOutputsItRereads() {
    Regressions_Grad.Jac g = new Regressions_Grad.Jac();
    double a = 0.7;
    double[] out = new double[2];
    double[][] j = new double[2][1];
    g.jacobian(a, out, j);
    assertEquals(1.4, j[0][0], EXACT, "d out[0]/da = 2a");
    assertEquals(1.47, j[1][0], EXACT, "d out[1]/da = 3a² (it was 1.96)");
    assertArrayEquals(new double[] {0.49, 0.343}, out, EXACT, "outputs left behind");

    Gradient[] twin = RegressionsCases.jac(variable(a),
        new Gradient[] {Gradient.constant(1, 0), Gradient.constant(1, 0)});
    for (int k = 0; k < 2; k++) {
      assertEquals(twin[k].getValue(), out[k], EXACT, "twin output " + k);
      assertGradientClose("jac twin row " + k, twin[k].getGradient(), j[k], TWIN_TOLERANCE);
      int row = k;
      assertFiniteDifferences("jac row " + k, x -> {
        double[] o = new double[2];
        Regressions.jac(x[0], o);
        return o[row];
      }, new double[] {a}, j[k]);
    }

    g.pullback(a, new double[2], new double[] {0, 1});
    assertEquals(1.47, g.da, EXACT, "pullback with seed e1");
  }

  @Test
  void callsToDifferentiableMethodsInWhileLoop() {
    Random r = new Random(1);
    double[] w = new double[4];
    double[][] A = new double[4][5];
    for (int i = 0; i < 4; i++) {
      w[i] = -1 + 2 * r.nextDouble();
      for (int j = 0; j < 5; j++) {
        A[i][j] = -1 + 2 * r.nextDouble();
      }
    }
    double a = 0.37;
    RegressionCalls_Grad.M36 g = new RegressionCalls_Grad.M36();
    g.valueAndGradient(w, A, a);
    // The README's figure is a two-point central difference printed to six digits.
    assertEquals(3.51352, g.da, 1e-5, "d/da");

    Args args = new Args(w, A, a);
    Kinks.Variables v = new Kinks.Variables(args, 0, 1, 2);
    Gradient twin = RegressionCallsCases.m36(v.vec(0), v.mat(1), v.x(2), new Kinks());
    double[] gradient = Flatten.flat(g.dw, g.dA, g.da);
    check("m36", x -> {
      Args at = new Args(w.clone(), Flatten.deepCopy(A), a);
      Flatten.take(at.get(0), x, 0);
      Flatten.take(at.get(1), x, 4);
      return RegressionCalls.m36(at.vec(0), at.mat(1), x[24]);
    }, Flatten.flat(w, A, a), gradient, twin);
    assertEquals(twin.getGradient()[4 + 3], g.dA[0][3], TWIN_TOLERANCE, "d/dA[0][3]");
  }

  @Test
  void callChainPassingOneArrayTwice() {
    double a = 0.9375705129546326;
    double w0 = -0.9570655437520146;
    RegressionCalls_Grad.M34 g = new RegressionCalls_Grad.M34();
    g.valueAndGradient(a, new double[] {w0}, 1);
    // The README's figures are two-point central differences printed to six decimals.
    assertEquals(-5.398476, g.da, 1e-6, "d/da (it was -5.399887)");
    assertEquals(-1.316000, g.dw[0], 1e-6, "d/dw[0] (it was -1.316470)");
    Kinks.Variables v = new Kinks.Variables(new Args(a, new double[] {w0}), 0, 1);
    check("m34", x -> RegressionCalls.m34(x[0], new double[] {x[1]}, 1), new double[] {a, w0},
        new double[] {g.da, g.dw[0]}, RegressionCallsCases.m34(v.x(0), v.vec(1), 1, new Kinks()));
  }

  @Test
  void breakOutOfEnhancedForInsideCountedLoop() {
    double a = 0.5;
    double[] w = {0.1, -0.9, 0.3};
    double[] expected = {w[0], a, 0, 0};

    Regressions_Grad.WhileForForeach whileFor = new Regressions_Grad.WhileForForeach();
    whileFor.valueAndGradient(a, w, 1);
    assertArrayEquals(expected, Flatten.flat(whileFor.da, whileFor.dw), EXACT,
        "whileForForeach");
    Regressions_Grad.ForForeach forForeach = new Regressions_Grad.ForForeach();
    forForeach.valueAndGradient(a, w);
    assertArrayEquals(expected, Flatten.flat(forForeach.da, forForeach.dw), EXACT,
        "forForeach");
    Regressions_Grad.ForFor forFor = new Regressions_Grad.ForFor();
    forFor.valueAndGradient(a, w);
    assertArrayEquals(expected, Flatten.flat(forFor.da, forFor.dw), EXACT, "forFor");

    Kinks.Variables v = new Kinks.Variables(new Args(a, w), 0, 1);
    check("whileForForeach", x -> Regressions.whileForForeach(x[0], tail(x), 1),
        Flatten.flat(a, w), Flatten.flat(whileFor.da, whileFor.dw),
        RegressionsCases.whileForForeach(v.x(0), v.vec(1), 1));
    check("forForeach", x -> Regressions.forForeach(x[0], tail(x)), Flatten.flat(a, w),
        Flatten.flat(forForeach.da, forForeach.dw), RegressionsCases.forForeach(v.x(0), v.vec(1)));
    check("forFor", x -> Regressions.forFor(x[0], tail(x)), Flatten.flat(a, w),
        Flatten.flat(forFor.da, forFor.dw), RegressionsCases.forFor(v.x(0), v.vec(1)));
  }

  /** Three observation rows for three comparisons: exactly enough, which used to throw. */
  @Test
  void counterIncrementedInBranchUsedAsIndex() {
    double[][] rows = {{1.1, 0}, {1.2, 0}, {1.35, 0}};
    double[] column = {1.1, 1.2, 1.35};
    double a = 1.05;

    Regressions_Grad.Loss2d loss2d = new Regressions_Grad.Loss2d();
    loss2d.valueAndGradient(a, 6, 2, rows);
    check("loss2d", x -> Regressions.loss2d(x[0], 6, 2, rows), new double[] {a},
        new double[] {loss2d.da},
        RegressionsCases.loss(variable(a), 6, 2, rows, 1));

    Regressions_Grad.Loss1d loss1d = new Regressions_Grad.Loss1d();
    loss1d.valueAndGradient(a, 6, 2, column);
    check("loss1d", x -> Regressions.loss1d(x[0], 6, 2, column), new double[] {a},
        new double[] {loss1d.da},
        RegressionsCases.loss(variable(a), 6, 2, RegressionsCases.column(column), 1));

    Regressions_Grad.Loss2dInner inner = new Regressions_Grad.Loss2dInner();
    inner.valueAndGradient(a, 6, 2, rows);
    check("loss2dInner", x -> Regressions.loss2dInner(x[0], 6, 2, rows), new double[] {a},
        new double[] {inner.da},
        RegressionsCases.loss(variable(a), 6, 2, rows, 2));

    double[][] spare = {{1.1, 0}, {1.2, 0}, {1.35, 0}, {9, 9}};
    inner.valueAndGradient(a, 6, 2, spare);
    check("loss2dInner with a spare row", x -> Regressions.loss2dInner(x[0], 6, 2, spare),
        new double[] {a}, new double[] {inner.da},
        RegressionsCases.loss(variable(a), 6, 2, spare, 2));
  }

  @Test
  void countedLoopWithDoubleOrLongBoundHasFrame() throws ClassNotFoundException {
    Class.forName("dev.tapeless.it.arrays.Regressions_Grad$DoubleBound");
    double[] x = {1, 2, 3, 4};
    Regressions_Grad.DoubleBound g = new Regressions_Grad.DoubleBound();
    assertEquals(14.0, g.valueAndGradient(x, 2.5));
    assertArrayEquals(new double[] {2, 4, 6, 0}, g.dx, EXACT, "i < 2.5: three trips");
    Kinks.Variables v = new Kinks.Variables(new Args(x), 0);
    check("doubleBound", y -> Regressions.doubleBound(y, 2.5), x.clone(), g.dx,
        RegressionsCases.doubleBound(v.vec(0), 2.5));

    Class.forName("dev.tapeless.it.arrays.Regressions_Grad$LongBound");
    Regressions_Grad.LongBound h = new Regressions_Grad.LongBound();
    assertEquals(5.0, h.valueAndGradient(x, 2L));
    assertArrayEquals(new double[] {2, 4, 0, 0}, h.dx, EXACT, "i < 2L: two trips");
  }

  private static double halveRepeatedly(Regressions_Grad.HalveUntilSmall g, int calls) {
    double s = 0;
    for (int i = 0; i < calls; i++) {
      // x sweeps [1, 100): from one to seven trips.
      s += g.valueAndGradient(1 + (i % 99)) + g.dx;
    }
    return s;
  }

  /** Checks {@code analytic} against finite differences of {@code f} and against the twin. */
  private static void check(String what, ToDoubleFunction<double[]> f, double[] x,
      double[] analytic, Gradient twin) {
    assertFiniteDifferences(what, f, x, analytic);
    double value = f.applyAsDouble(x.clone());
    assertTrue(GradCheck.relativeError(value, twin.getValue()) <= 1e-12,
        () -> what + ": the twin computes " + twin.getValue() + ", not " + value);
    assertGradientClose(what + " against the twin", twin.getGradient(), analytic,
        TWIN_TOLERANCE);
  }

  private static void assertFiniteDifferences(String what, ToDoubleFunction<double[]> f,
      double[] x, double[] analytic) {
    GradCheck.Report report = GradCheck.check(f, x.clone(), analytic);
    if (!report.isWithin(FD_TOLERANCE)) {
      fail(what + " against finite differences: " + report);
    }
  }

  private static Gradient variable(double x) {
    return Gradient.variable(1, 0, x);
  }

  private static Gradient[][] constants(double[][] m) {
    Gradient[][] g = new Gradient[m.length][];
    for (int i = 0; i < m.length; i++) {
      g[i] = new Gradient[m[i].length];
      for (int j = 0; j < m[i].length; j++) {
        g[i][j] = Gradient.constant(1, m[i][j]);
      }
    }
    return g;
  }

  /** x without its first element. */
  private static double[] tail(double[] x) {
    double[] t = new double[x.length - 1];
    System.arraycopy(x, 1, t, 0, t.length);
    return t;
  }
}

package dev.tapeless.it.secondorder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.it.arrays.Flatten;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What {@code hvp} and {@code hessian} promise besides their values: {@code hvp} returns and
 * sets the value, overwrites the {@code d*} fields, shares a frame with {@code valueAndGradient}
 * in any order and across shapes, takes {@code null} for a zero array direction, rejects wrong
 * shapes naming them, changes none of its arguments, and says which call it cannot go through.
 * Typed calls, not reflection: the generated signatures are part of the contract.
 */
class HvpContractTest {

  private static final double[] X = {0.3, -0.5, 0.8};
  private static final double A = 0.4;
  private static final double[] X_DIRECTION = {0.7, 0.1, -0.9};
  private static final double A_DIRECTION = -0.6;
  private static final double[][] M = {{1.0, 0.2, -0.3}, {0.1, -0.8, 0.5}, {0.4, 0.6, 0.9}};
  private static final double[] V = {0.5, -1.0, 0.25};

  @Test
  void hvpReturnsTheValueAndSetsTheValueField() {
    Curvatures_Grad.Recurrence g = new Curvatures_Grad.Recurrence();
    g.value = 123;
    double returned = g.hvp(X, A, X_DIRECTION, A_DIRECTION);
    assertEquals(Curvatures.recurrence(X, A), returned);
    assertEquals(returned, g.value);
  }

  @Test
  void hvpOverwritesTheDerivativeFieldsRatherThanAddingToThem() {
    Curvatures_Grad.Recurrence fresh = new Curvatures_Grad.Recurrence();
    fresh.hvp(X, A, X_DIRECTION, A_DIRECTION);
    Curvatures_Grad.Recurrence g = new Curvatures_Grad.Recurrence();
    g.accumulate(X, A);
    g.hvp(X, A, X_DIRECTION, A_DIRECTION);
    assertRecurrenceFields(fresh, g);
    g.hvp(X, A, X_DIRECTION, A_DIRECTION);
    assertRecurrenceFields(fresh, g);
  }

  /** Saved values, local-array buffers and adjoint arrays must not leak between members. */
  @Test
  void hvpAndValueAndGradientShareAFrameInEitherOrder() {
    double[] other = {0.9, -0.2, 0.4};
    Curvatures_Grad.Recurrence g = new Curvatures_Grad.Recurrence();
    g.valueAndGradient(other, -A);
    g.hvp(X, A, X_DIRECTION, A_DIRECTION);
    Curvatures_Grad.Recurrence fresh = new Curvatures_Grad.Recurrence();
    fresh.hvp(X, A, X_DIRECTION, A_DIRECTION);
    assertRecurrenceFields(fresh, g);

    g.valueAndGradient(other, A);
    fresh = new Curvatures_Grad.Recurrence();
    fresh.valueAndGradient(other, A);
    assertRecurrenceFields(fresh, g);

    g.accumulate(X, A);
    double[][] h = new double[X.length + 1][X.length + 1];
    g.hessian(X, A, h);
    double[][] expected = new double[X.length + 1][X.length + 1];
    new Curvatures_Grad.Recurrence().hessian(X, A, expected);
    assertArrayEquals(expected, h);
  }

  /** hvp and hessian on one frame, with arguments of changing shapes. */
  @Test
  void hvpAndHessianFollowTheArgumentsShape() {
    double[] longer = {0.9, -0.2, 0.4, 0.6, -0.7};
    double[] longerDirection = {0.3, 0.3, -0.1, 0.8, 0.2};
    Curvatures_Grad.Recurrence g = new Curvatures_Grad.Recurrence();
    g.hvp(longer, A, longerDirection, A_DIRECTION);
    g.hvp(X, A, X_DIRECTION, A_DIRECTION);
    Curvatures_Grad.Recurrence fresh = new Curvatures_Grad.Recurrence();
    fresh.hvp(X, A, X_DIRECTION, A_DIRECTION);
    assertRecurrenceFields(fresh, g);
    double[][] h = new double[longer.length + 1][longer.length + 1];
    g.hessian(longer, A, h);
    double[][] expected = new double[longer.length + 1][longer.length + 1];
    new Curvatures_Grad.Recurrence().hessian(longer, A, expected);
    assertArrayEquals(expected, h);
  }

  /**
   * Regression (found by this test): {@code hvp} after {@code valueAndGradient} with an
   * {@code x} of another length threw "dx has shape 5 but parameter x has shape 3", and so did
   * the converse, while each sweep kept its own record of the adjoint arrays the frame
   * allocated; they now share the frame's fields.
   */
  @Test
  void hvpAndValueAndGradientShareAFrameAcrossShapes() {
    double[] longer = {0.9, -0.2, 0.4, 0.6, -0.7};
    Curvatures_Grad.Recurrence g = new Curvatures_Grad.Recurrence();
    Curvatures_Grad.Recurrence fresh = new Curvatures_Grad.Recurrence();
    g.valueAndGradient(longer, A);
    g.hvp(X, A, X_DIRECTION, A_DIRECTION);
    fresh.hvp(X, A, X_DIRECTION, A_DIRECTION);
    assertRecurrenceFields(fresh, g);

    g.hvp(longer, A, null, A_DIRECTION);
    g.valueAndGradient(X, A);
    fresh.valueAndGradient(X, A);
    assertRecurrenceFields(fresh, g);
  }

  @Test
  void nullArrayDirectionIsAZeroDirection() {
    Curvatures_Grad.Recurrence withNull = new Curvatures_Grad.Recurrence();
    withNull.hvp(X, A, null, A_DIRECTION);
    Curvatures_Grad.Recurrence withZeros = new Curvatures_Grad.Recurrence();
    withZeros.hvp(X, A, new double[X.length], A_DIRECTION);
    assertRecurrenceFields(withZeros, withNull);

    Curvatures_Grad.QuadraticForm q = new Curvatures_Grad.QuadraticForm();
    q.valueAndGradient(M, V);
    assertEquals(Curvatures.quadraticForm(M, V), q.hvp(M, V, null, null));
    assertArrayEquals(new double[M.length][M.length], q.dA);
    assertArrayEquals(new double[V.length], q.dx);
  }

  @Test
  void directionOfTheWrongShapeIsRejectedNamingIt() {
    Curvatures_Grad.Recurrence r = new Curvatures_Grad.Recurrence();
    assertRejected("xDirection", () -> r.hvp(X, A, new double[X.length + 1], A_DIRECTION));
    Curvatures_Grad.QuadraticForm q = new Curvatures_Grad.QuadraticForm();
    assertRejected("ADirection", () -> q.hvp(M, V, new double[M.length - 1][M.length], V));
    assertRejected("ADirection", () -> q.hvp(M, V, new double[][] {{1, 2, 3}, {4, 5}, {6}}, V));
    assertRejected("xDirection", () -> q.hvp(M, V, M, new double[V.length - 1]));
    // the frame still works afterwards
    Curvatures_Grad.QuadraticForm fresh = new Curvatures_Grad.QuadraticForm();
    fresh.hvp(M, V, M, V);
    q.hvp(M, V, M, V);
    assertArrayEquals(fresh.dA, q.dA);
    assertArrayEquals(fresh.dx, q.dx);
  }

  @Test
  void hessianOfTheWrongShapeIsRejected() {
    Curvatures_Grad.QuadraticForm q = new Curvatures_Grad.QuadraticForm();
    int n = M.length * M.length + V.length;
    String size = n + " x " + n;
    assertRejected(size, () -> q.hessian(M, V, new double[n - 1][n]));
    assertRejected(size, () -> q.hessian(M, V, new double[n][n + 1]));
    double[][] ragged = new double[n][n];
    ragged[n - 1] = new double[n - 1];
    assertRejected(size, () -> q.hessian(M, V, ragged));
    assertRejected(size, () -> q.hessian(M, V, null));
    // int and @NoDerivative parameters have no row: two differentiated doubles, 2 x 2
    Curvatures_Grad.Polynomial p = new Curvatures_Grad.Polynomial();
    assertRejected("2 x 2", () -> p.hessian(0.5, 3, 1.5, 0.2, new double[3][3]));
    double[][] h = new double[2][2];
    p.hessian(0.5, 3, 1.5, 0.2, h);
    assertEquals(h[0][1], h[1][0], 1e-15);
  }

  @Test
  void argumentsAndDirectionsAreNotModified() {
    double[][] m = deepCopy(M);
    double[] v = V.clone();
    double[][] mDirection = {{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}, {0.7, 0.8, 0.9}};
    double[] vDirection = {-1, 2, -3};
    double[][] mDirectionBefore = deepCopy(mDirection);
    double[] vDirectionBefore = vDirection.clone();
    Curvatures_Grad.QuadraticForm q = new Curvatures_Grad.QuadraticForm();
    q.hvp(m, v, mDirection, vDirection);
    q.hessian(m, v, new double[12][12]);
    assertArrayEquals(M, m);
    assertArrayEquals(V, v);
    assertArrayEquals(mDirectionBefore, mDirection);
    assertArrayEquals(vDirectionBefore, vDirection);

    double[] x = X.clone();
    double[] xDirection = X_DIRECTION.clone();
    Curvatures_Grad.Recurrence r = new Curvatures_Grad.Recurrence();
    r.hvp(x, A, xDirection, A_DIRECTION);
    r.hessian(x, A, new double[4][4]);
    assertArrayEquals(X, x);
    assertArrayEquals(X_DIRECTION, xDirection);
  }

  @Test
  void hessianLeavesItsLastRowInTheDerivativeFields() {
    Curvatures_Grad.Recurrence g = new Curvatures_Grad.Recurrence();
    double[][] h = new double[X.length + 1][X.length + 1];
    g.hessian(X, A, h);
    assertArrayEquals(h[X.length], Flatten.flat(g.dx, g.da));
  }

  @Test
  void kernelsGoThroughTheirPushforwards() {
    // f = tanh(x) x: f'' = 2 sech^2 x - 2 x tanh x sech^2 x
    SecondOrderCalls_Grad.Activation kernel = new SecondOrderCalls_Grad.Activation();
    double x = 0.3;
    double sech2 = 1 / (Math.cosh(x) * Math.cosh(x));
    assertEquals(SecondOrderCalls.activation(x), kernel.hvp(x, 1.0));
    assertEquals(2 * sech2 - 2 * x * Math.tanh(x) * sech2, kernel.dx, 1e-14);
    // f = x.y / 2: H = [[0, I], [I, 0]] / 2
    SecondOrderCalls_Grad.Dot dot = new SecondOrderCalls_Grad.Dot();
    dot.hvp(V, X, X_DIRECTION, V);
    for (int i = 0; i < V.length; i++) {
      assertEquals(0.5 * V[i], dot.dx[i], 1e-15);
      assertEquals(0.5 * X_DIRECTION[i], dot.dy[i], 1e-15);
    }
    // first order is unaffected, and so is the frame
    assertEquals(SecondOrderCalls.activation(0.3), kernel.valueAndGradient(0.3));
    assertEquals(kernel.dx, kernel.jvp(0.3, 1.0), 1e-15);
  }

  @Test
  void aCalleeWithLocalArraysInALoopGoesThrough() {
    SecondOrderCalls_Grad.LocalArrayCalleeInALoop frame =
        new SecondOrderCalls_Grad.LocalArrayCalleeInALoop();
    // f = 3 |x|^2: H = 6 I
    assertEquals(3 * SecondOrderCalls.squares(X), frame.hvp(X, X_DIRECTION), 1e-15);
    for (int i = 0; i < X.length; i++) {
      assertEquals(6 * X_DIRECTION[i], frame.dx[i], 1e-14);
    }
    double[][] h = new double[3][3];
    frame.hessian(X, h);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(i == j ? 6 : 0, h[i][j], 1e-14);
      }
    }
    assertEquals(3 * SecondOrderCalls.squares(X), frame.valueAndGradient(X), 1e-15);
  }

  @Test
  void aCalleesLocalArrayThatTheBackwardSweepReadsGivesExactSecondDerivatives() {
    // f = sum_i (i + 1) sum_j x_ij^4 / 2: H is diagonal, 6 (i + 1) x_ij^2
    double[][] rows = {{0.5, -1.0, 0.25}, {1.5, 0.75, -0.5}};
    double[][] v = {{1, 2, -1}, {0.5, -1, 3}};
    SecondOrderCalls_Grad.QuarticsOfRows frame = new SecondOrderCalls_Grad.QuarticsOfRows();
    frame.hvp(rows, v);
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(6 * (i + 1) * rows[i][j] * rows[i][j] * v[i][j], frame.drows[i][j],
            1e-13);
      }
    }
  }

  @Test
  void aCalleesLocalArrayThatChangesShapeBetweenCallsIsAnErrorNotAWrongHessian() {
    double[][] jagged = {{0.5, -1.0, 0.25}, {1.5, 0.75}};
    SecondOrderCalls_Grad.QuarticsOfRows frame = new SecondOrderCalls_Grad.QuarticsOfRows();
    frame.valueAndGradient(jagged); // first order keeps no array across calls: fine
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> frame.hvp(jagged, new double[][] {{1, 0, 0}, {0, 1}}));
    assertTrue(e.getMessage().contains("changed shape from one iteration to the next"),
        e.getMessage());
  }

  /** The callee's second derivatives, by its own frame: hvp of the caller against the callee's. */
  @Test
  void callsToDifferentiableMethodsGoThrough() {
    SecondOrderCalls_Grad.DifferentiableCallee caller =
        new SecondOrderCalls_Grad.DifferentiableCallee();
    assertEquals(SecondOrderCalls.differentiableCallee(0.7, 0.4), caller.hvp(0.7, 0.4, 1, -2));
    Curvatures_Grad.Hyperbolic hyperbolic = new Curvatures_Grad.Hyperbolic();
    hyperbolic.hvp(0.7, 0.4, 1, -2);
    double[][] h = new double[2][2];
    new Curvatures_Grad.Exponentials().hessian(0.4, 0.7, h);
    Curvatures_Grad.Exponentials e = new Curvatures_Grad.Exponentials();
    e.valueAndGradient(0.4, 0.7);
    // f = 2·h(x, y) + g·x with g(x, y) = e(y, x): H_f = 2·H_h + x·H_g + [[2g_x, g_y], [g_y, 0]],
    // where g_x = ∂e/∂(second argument) and H_g is H_e with its arguments swapped
    double ex = 2 * hyperbolic.dx + 0.7 * (h[1][1] - 2 * h[1][0]) + 2 * e.dy - 2 * e.dx;
    double ey = 2 * hyperbolic.dy + 0.7 * (h[0][1] - 2 * h[0][0]) + e.dx;
    assertEquals(ex, caller.dx, 1e-12 * Math.abs(ex));
    assertEquals(ey, caller.dy, 1e-12 * Math.abs(ey));
  }

  @Test
  void callsOnConstantsGoThrough() {
    double[] w = {0.5, -1.0, 2.0};
    SecondOrderCalls_Grad.KernelOnConstants kernel = new SecondOrderCalls_Grad.KernelOnConstants();
    assertEquals(SecondOrderCalls.kernelOnConstants(0.7, w), kernel.hvp(0.7, w, 1.0));
    assertEquals(2 * 5.25, kernel.dx, 1e-14);
    SecondOrderCalls_Grad.CalleeOnConstants callee =
        new SecondOrderCalls_Grad.CalleeOnConstants();
    callee.hvp(0.7, 0.4, 2.0);
    double factor = Curvatures.hyperbolic(0.4, 0.4);
    assertEquals(2.0 * 6 * 0.7 * factor, callee.dx, 1e-14);
  }

  /**
   * Regression (found by this test): {@code hvp} starts with {@code zero()}, which cleared
   * {@code dx} before the sweep read it as {@code xDirection}, so {@code H·∇f} (Newton-CG
   * computes it) silently came out as H·(0, ∂f/∂a); a direction that is a {@code d*} field is
   * now copied first.
   */
  @Test
  void hvpAlongTheFramesOwnGradientFieldIsTheHessianTimesTheGradient() {
    Curvatures_Grad.Recurrence g = new Curvatures_Grad.Recurrence();
    g.valueAndGradient(X, A);
    Curvatures_Grad.Recurrence expected = new Curvatures_Grad.Recurrence();
    expected.hvp(X, A, g.dx.clone(), g.da);
    try {
      g.hvp(X, A, g.dx, g.da);
    } catch (IllegalArgumentException refused) {
      assertTrue(refused.getMessage().contains("xDirection"), refused.getMessage());
      return;
    }
    assertRecurrenceFields(expected, g);
  }

  private static void assertRecurrenceFields(Curvatures_Grad.Recurrence expected,
      Curvatures_Grad.Recurrence actual) {
    assertEquals(expected.value, actual.value);
    assertArrayEquals(expected.dx, actual.dx);
    assertEquals(expected.da, actual.da);
  }

  private static void assertRejected(String named, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(named), e.getMessage());
  }

  private static void assertRefused(String method, String callee, Executable hvp,
      Executable hessian) {
    String expected = "hvp of " + method + " is not supported yet: it calls " + callee + ",";
    for (Executable call : new Executable[] {hvp, hessian}) {
      UnsupportedOperationException e =
          assertThrows(UnsupportedOperationException.class, call);
      assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
  }

  private static double[][] deepCopy(double[][] m) {
    return (double[][]) Flatten.deepCopy(m);
  }
}

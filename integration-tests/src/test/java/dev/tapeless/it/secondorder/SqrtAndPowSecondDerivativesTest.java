package dev.tapeless.it.secondorder;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two places where second order differentiates a rule's derivative at a point its first-order
 * guards single out: sqrt's rule at a zero tangent ({@code √(x² + 1)} at {@code x = 0}, where
 * the tangent of {@code x²} is 0 along every direction but its derivative is not), and pow's at
 * an exponent or base of 0. Checked against the closed forms, not finite differences.
 */
class SqrtAndPowSecondDerivativesTest {

  private static final double EXACT = 1e-14;

  @ParameterizedTest(name = "x = {0}")
  @ValueSource(doubles = {0.0, -0.0, 1e-200, 0.5, -2, 40})
  void hyperbolaHasTheCurvatureOfItsClosedForm(double x) {
    Curvatures_Grad.Hyperbola g = new Curvatures_Grad.Hyperbola();
    double[][] h = new double[1][1];
    g.hessian(x, h);
    double expected = Math.pow(x * x + 1, -1.5);
    // the rules give it as (1 - x²/(x² + 1))/r: the cancellation costs a factor x² + 1
    assertEquals(expected, h[0][0], EXACT * (x * x + 1) * expected);
    // linear in the direction, and scaling by 2 is exact in floating point
    assertEquals(Math.sqrt(x * x + 1), g.hvp(x, 2.0));
    assertEquals(2 * h[0][0], g.dx, 0.0);
  }

  @Test
  void hyperbolaAtZeroHasHessianExactlyOne() {
    Curvatures_Grad.Hyperbola g = new Curvatures_Grad.Hyperbola();
    double[][] h = new double[1][1];
    g.hessian(0.0, h);
    assertEquals(1.0, h[0][0], 0.0);
  }

  /** f = x^y: f_xx = y(y-1)x^(y-2), f_xy = x^(y-1)(1 + y ln x), f_yy = x^y ln²x. */
  @ParameterizedTest(name = "x = {0}, y = {1}")
  @CsvSource({"2, 2", "0.5, 2", "3, 2", "1, 2", "2, 0.5", "1.5, -1", "0.7, 3", "2, 1", "1, 0.25",
      "2.5, -2"})
  void powWithBothOperandsVaryingHasTheHessianOfItsClosedForm(double x, double y) {
    assertPowHessian(x, y, y * (y - 1) * Math.pow(x, y - 2),
        Math.pow(x, y - 1) * (1 + y * Math.log(x)), Math.pow(x, y) * Math.log(x) * Math.log(x));
  }

  /**
   * Regression (found by this test): at an exponent of exactly 0, H[0][1] (the derivative of
   * ∂f/∂x along y) was 0 instead of 1/x, so the Hessian was not even symmetric: pow's x partial
   * kept its {@code y == 0 ? 0 : y·x^(y-1)} point guard in the template second order
   * differentiates, and that branch is constant in y. Its smooth form now has no such branch.
   */
  @ParameterizedTest(name = "x = {0}, y = 0")
  @ValueSource(doubles = {2, 0.5})
  void powAtExponentZeroHasTheMixedDerivativeOneOverX(double x) {
    assertPowHessian(x, 0, 0, 1 / x, Math.log(x) * Math.log(x));
  }

  /** At (0, 2) the closed form is 0·(-∞) off the diagonal; its limit, 0, is what x² gives. */
  @Test
  void powAtBaseZeroWithExponentTwoHasTheLimitingHessian() {
    assertPowHessian(0, 2, 2, 0, 0);
  }

  private static void assertPowHessian(double x, double y, double xx, double xy, double yy) {
    Curvatures_Grad.Power g = new Curvatures_Grad.Power();
    double[][] h = new double[2][2];
    g.hessian(x, y, h);
    assertAll(
        () -> assertEquals(xx, h[0][0], EXACT * Math.max(1, Math.abs(xx)), "f_xx"),
        () -> assertEquals(xy, h[0][1], EXACT * Math.max(1, Math.abs(xy)), "f_xy, row x"),
        () -> assertEquals(xy, h[1][0], EXACT * Math.max(1, Math.abs(xy)), "f_yx, row y"),
        () -> assertEquals(yy, h[1][1], EXACT * Math.max(1, Math.abs(yy)), "f_yy"));
  }
}

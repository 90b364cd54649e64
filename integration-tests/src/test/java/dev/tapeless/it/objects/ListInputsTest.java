package dev.tapeless.it.objects;

import static dev.tapeless.it.objects.ObjectParameterGradientsTest.assertClose;
import static dev.tapeless.it.objects.ObjectParameterGradientsTest.centralDifferences;
import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;

/**
 * {@code List<double[]>} and {@code List<double[][]>} parameters are read-only data: the
 * gradient in the other parameters matches central differences and Hipparchus, {@code jvp} is
 * the gradient along the tangent, {@code hvp} matches differences of gradients, the list is
 * left as it was, and nothing is allocated after warm-up (no iterator: an enhanced for over
 * the list is a loop over its indices).
 */
class ListInputsTest {

  static final List<double[]> XS = new ArrayList<>(List.of(
      new double[] {0.5, -1.0, 2.0}, new double[] {1.5, 0.25, -0.5},
      new double[] {-0.75, 0.5, 1.0}, new double[] {0.1, 0.2, 0.3}));
  static final double[] Y = {0.3, -0.2, 0.8, 0.1};
  static final double[] W = {0.4, -0.3, 0.2};
  static final List<double[][]> MS = List.of(
      new double[][] {{1.0, 0.5, 0.0}, {0.5, 2.0, -0.25}, {0.0, -0.25, 1.5}},
      new double[][] {{0.2, -0.1, 0.3}, {0.4, 0.6, 0.0}, {-0.5, 0.1, 0.9}});

  @Test
  void sumListGradientIsTheSumOfTheSamplesAsHipparchusSays() {
    DSFactory factory = new DSFactory(W.length, 1);
    DerivativeStructure s = factory.constant(0);
    for (double[] x : XS) {
      for (int j = 0; j < W.length; j++) {
        s = s.add(factory.variable(j, W[j]).multiply(x[j]));
      }
    }
    Batches_Grad.SumList g = new Batches_Grad.SumList();
    assertClose(s.getValue(), g.valueAndGradient(W, XS), 1e-12, "value");
    for (int j = 0; j < W.length; j++) {
      int[] order = new int[W.length];
      order[j] = 1;
      assertClose(s.getPartialDerivative(order), g.dw[j], 1e-12, "dw[" + j + "]");
    }
  }

  @Test
  void leastSquaresGradientMatchesCentralDifferencesAndLeavesTheListAsItWas() {
    List<double[]> before = XS.stream().map(double[]::clone).toList();
    Batches_Grad.LeastSquares g = new Batches_Grad.LeastSquares();
    double b = 0.1;
    assertEquals(Batches.leastSquares(W, b, XS, Y), g.valueAndGradient(W, b, XS, Y));
    double[] point = {W[0], W[1], W[2], b};
    double[] fd = centralDifferences(
        x -> Batches.leastSquares(Arrays.copyOf(x, 3), x[3], XS, Y), point);
    for (int j = 0; j < 3; j++) {
      assertClose(fd[j], g.dw[j], 1e-6, "dw[" + j + "]");
    }
    assertClose(fd[3], g.db, 1e-6, "db");
    for (int i = 0; i < XS.size(); i++) {
      assertEquals(Arrays.toString(before.get(i)), Arrays.toString(XS.get(i)));
    }
  }

  @Test
  void leastSquaresJvpAndHvpMatchTheGradientAndItsDifferences() {
    double[] wt = {1.0, -0.5, 0.25};
    double bt = 0.5;
    Batches_Grad.LeastSquares g = new Batches_Grad.LeastSquares();
    g.valueAndGradient(W, 0.1, XS, Y);
    double expected = bt * g.db;
    for (int j = 0; j < 3; j++) {
      expected += wt[j] * g.dw[j];
    }
    assertClose(expected, g.jvp(W, 0.1, XS, Y, wt, bt), 1e-12, "jvp");
    g.hvp(W, 0.1, XS, Y, wt, bt);
    double[] hv = {g.dw[0], g.dw[1], g.dw[2], g.db};
    double h = 1e-5;
    double[] plus = leastSquaresGradient(h, wt, bt);
    double[] minus = leastSquaresGradient(-h, wt, bt);
    for (int k = 0; k < 4; k++) {
      assertClose((plus[k] - minus[k]) / (2 * h), hv[k], 1e-6, "Hv[" + k + "]");
    }
  }

  private static double[] leastSquaresGradient(double step, double[] wt, double bt) {
    double[] w = W.clone();
    for (int j = 0; j < 3; j++) {
      w[j] += step * wt[j];
    }
    Batches_Grad.LeastSquares g = new Batches_Grad.LeastSquares();
    g.valueAndGradient(w, 0.1 + step * bt, XS, Y);
    return new double[] {g.dw[0], g.dw[1], g.dw[2], g.db};
  }

  @Test
  void rowsPassedToACalleeAndALoopThatLeavesEarlyMatchCentralDifferences() {
    for (int limit : new int[] {0, 2, 10}) {
      Batches_Grad.Logistic g = new Batches_Grad.Logistic();
      assertEquals(Batches.logistic(W, XS, limit), g.valueAndGradient(W, XS, limit));
      double[] fd = centralDifferences(x -> Batches.logistic(x, XS, limit), W);
      for (int j = 0; j < 3; j++) {
        assertClose(fd[j], g.dw[j], 1e-6, "limit " + limit + ", dw[" + j + "]");
      }
      double[] t = {0.3, 0.3, -1.0};
      assertClose(fd[0] * t[0] + fd[1] * t[1] + fd[2] * t[2], g.jvp(W, XS, limit, t), 1e-6,
          "jvp, limit " + limit);
    }
  }

  @Test
  void hvpThroughACalleeGivenRowsMatchesDifferencesOfGradients() {
    double[] v = {0.5, -1.0, 0.25};
    Batches_Grad.Logistic g = new Batches_Grad.Logistic();
    assertEquals(Batches.logistic(W, XS, 3), g.hvp(W, XS, 3, v));
    double[] hv = g.dw.clone();
    double h = 1e-5;
    double[] plus = W.clone();
    double[] minus = W.clone();
    for (int j = 0; j < 3; j++) {
      plus[j] += h * v[j];
      minus[j] -= h * v[j];
    }
    Batches_Grad.Logistic gp = new Batches_Grad.Logistic();
    Batches_Grad.Logistic gm = new Batches_Grad.Logistic();
    gp.valueAndGradient(plus, XS, 3);
    gm.valueAndGradient(minus, XS, 3);
    for (int j = 0; j < 3; j++) {
      assertClose((gp.dw[j] - gm.dw[j]) / (2 * h), hv[j], 1e-6, "Hv[" + j + "]");
    }
  }

  @Test
  void listOfMatricesGradientJvpAndHessianMatchDifferences() {
    double[] v = {0.3, -0.6, 0.9};
    Batches_Grad.Quadratic g = new Batches_Grad.Quadratic();
    assertEquals(Batches.quadratic(v, MS), g.valueAndGradient(v, MS));
    double[] fd = centralDifferences(x -> Batches.quadratic(x, MS), v);
    for (int j = 0; j < 3; j++) {
      assertClose(fd[j], g.dv[j], 1e-6, "dv[" + j + "]");
    }
    double[][] h = new double[3][3];
    g.hessian(v, MS, h);
    for (int i = 0; i < 3; i++) {
      double[] p = v.clone();
      double[] m = v.clone();
      p[i] += 1e-5;
      m[i] -= 1e-5;
      Batches_Grad.Quadratic gp = new Batches_Grad.Quadratic();
      Batches_Grad.Quadratic gm = new Batches_Grad.Quadratic();
      gp.valueAndGradient(p, MS);
      gm.valueAndGradient(m, MS);
      for (int j = 0; j < 3; j++) {
        assertClose((gp.dv[j] - gm.dv[j]) / 2e-5, h[i][j], 1e-6, "H[" + i + "][" + j + "]");
      }
    }
  }

  /** Keeps the results alive. */
  private static volatile double sink;

  @Test
  void listGradientJvpAndHvpAllocateNothing() {
    Batches_Grad.Logistic logistic = new Batches_Grad.Logistic();
    Batches_Grad.LeastSquares squares = new Batches_Grad.LeastSquares();
    double[] t = {1, 0, -1};
    assertAllocatesNothing("Batches", () -> {
      double s = 0;
      for (int k = 0; k < 500; k++) {
        s += logistic.valueAndGradient(W, XS, 3) + logistic.jvp(W, XS, 3, t)
            + logistic.hvp(W, XS, 3, t) + squares.valueAndGradient(W, 0.1, XS, Y)
            + squares.hvp(W, 0.1, XS, Y, t, 1.0);
      }
      sink = s;
    });
  }

  @Test
  void elementsPassedToADifferentiatedParameterGiveTheGradientInTheOthers() {
    Batches_Grad.ElementsToACallee g = new Batches_Grad.ElementsToACallee();
    assertScalarDerivatives(0.7, a -> Batches.elementsToACallee(a, XS), a -> {
      assertEquals(Batches.elementsToACallee(a, XS), g.valueAndGradient(a, XS));
      return g.da;
    }, a -> g.jvp(a, XS, 1.0), a -> {
      g.hvp(a, XS, 1.0);
      return g.da;
    });
  }

  @Test
  void anEnhancedForOverARowOfTheListGivesGradientJvpAndHvpAsDifferences() {
    Batches_Grad.ElementsOfRows g = new Batches_Grad.ElementsOfRows();
    assertScalarDerivatives(0.7, w -> Batches.elementsOfRows(w, XS), w -> {
      assertEquals(Batches.elementsOfRows(w, XS), g.valueAndGradient(w, XS));
      return g.dw;
    }, w -> g.jvp(w, XS, 1.0), w -> {
      g.hvp(w, XS, 1.0);
      return g.dw;
    });
  }

  /**
   * A method of one differentiated number at {@code a}: the gradient against central
   * differences of {@code f}, {@code jvp} along 1 equal to it, {@code hvp} along 1 against
   * central differences of the gradient.
   */
  private static void assertScalarDerivatives(double a, DoubleUnaryOperator f,
      DoubleUnaryOperator gradient, DoubleUnaryOperator jvp, DoubleUnaryOperator hvp) {
    double g = gradient.applyAsDouble(a);
    assertClose(centralDifferences(x -> f.applyAsDouble(x[0]), new double[] {a})[0], g, 1e-6,
        "gradient");
    assertClose(g, jvp.applyAsDouble(a), 1e-12, "jvp");
    double h = 1e-5;
    double slope = (gradient.applyAsDouble(a + h) - gradient.applyAsDouble(a - h)) / (2 * h);
    assertClose(slope, hvp.applyAsDouble(a), 1e-6, "hvp");
  }
}

package dev.tapeless.it.records;

import static dev.tapeless.it.records.RecordGradientsTest.MARKET;
import static dev.tapeless.it.records.RecordGradientsTest.SURFACE;
import static dev.tapeless.it.records.RecordGradientsTest.TARGET;
import static dev.tapeless.it.records.RecordGradientsTest.X;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.it.records.Layers.Dense;
import dev.tapeless.it.records.Layers.Net;
import dev.tapeless.it.records.Surfaces.Shape;
import dev.tapeless.it.records.Surfaces.Surface;
import org.junit.jupiter.api.Test;

/**
 * {@code jvp} and {@code hvp} take their tangents and directions as records of the parameter's
 * type (null for zero, a null array component for a zero array): the directional derivative is
 * the gradient along the tangent, and H v matches differences of the gradient.
 */
class RecordForwardAndSecondOrderTest {

  private static final Surface TANGENT = new Surface(0.5, -0.25, 0.75, new Shape(1.0, -0.5));

  @Test
  void jvpAlongARecordTangentIsTheGradientAlongIt() {
    Surfaces_Grad.Loss g = new Surfaces_Grad.Loss();
    g.valueAndGradient(SURFACE, MARKET);
    double expected = g.ds.level * 0.5 - g.ds.longRun * 0.25 + g.ds.decay * 0.75
        + g.ds.shape.skew - 0.5 * g.ds.shape.smile;
    assertEquals(expected, g.jvp(SURFACE, MARKET, TANGENT), 1e-10 * (1 + Math.abs(expected)));
    assertEquals(0.0, g.jvp(SURFACE, MARKET, null));
  }

  @Test
  void hvpAlongARecordDirectionMatchesDifferencesOfTheGradient() {
    Surfaces_Grad.Loss g = new Surfaces_Grad.Loss();
    g.hvp(SURFACE, MARKET, TANGENT);
    double[] hv = {g.ds.level, g.ds.longRun, g.ds.decay, g.ds.shape.skew, g.ds.shape.smile};
    double h = 1e-6;
    double[] plus = gradientAt(h);
    double[] minus = gradientAt(-h);
    for (int k = 0; k < 5; k++) {
      double fd = (plus[k] - minus[k]) / (2 * h);
      assertEquals(fd, hv[k], 1e-5 * (1 + Math.abs(fd)), "Hv[" + k + "]");
    }
  }

  private static double[] gradientAt(double step) {
    Surface s = new Surface(SURFACE.level() + step * 0.5, SURFACE.longRun() - step * 0.25,
        SURFACE.decay() + step * 0.75,
        new Shape(SURFACE.shape().skew() + step, SURFACE.shape().smile() - step * 0.5));
    Surfaces_Grad.Loss g = new Surfaces_Grad.Loss();
    g.valueAndGradient(s, MARKET);
    return new double[] {g.ds.level, g.ds.longRun, g.ds.decay, g.ds.shape.skew,
        g.ds.shape.smile};
  }

  @Test
  void hessianOfARecordIsSymmetricAndItsRowsAreHvps() {
    Surfaces_Grad.Loss g = new Surfaces_Grad.Loss();
    double[][] hessian = new double[5][5];
    g.hessian(SURFACE, MARKET, hessian);
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < i; j++) {
        assertEquals(hessian[i][j], hessian[j][i], 1e-9 * (1 + Math.abs(hessian[i][j])));
      }
    }
    g.hvp(SURFACE, MARKET, new Surface(0, 0, 0, new Shape(1, 0)));
    assertEquals(hessian[3][0], g.ds.level, 1e-12 * (1 + Math.abs(hessian[3][0])));
    assertEquals(hessian[3][4], g.ds.shape.smile, 1e-12 * (1 + Math.abs(hessian[3][4])));
  }

  @Test
  void jvpOfARecordOfArraysWithANullComponentTreatsItAsZero() {
    Net net = RecordGradientsTest.net();
    Layers_Grad.Loss g = new Layers_Grad.Loss();
    g.valueAndGradient(net, X, TARGET);
    double[] ones = {1, 1};
    Net tangent = new Net(new Dense(null, null), new Dense(null, ones), 2.0);
    double expected = 2.0 * g.dnet.scale + g.dnet.output.bias[0] + g.dnet.output.bias[1];
    assertEquals(expected, g.jvp(net, X, TARGET, tangent, null, null),
        1e-12 * (1 + Math.abs(expected)));
  }

  @Test
  void aNullNestedRecordInATangentOrDirectionIsZero() {
    Net net = RecordGradientsTest.net();
    Layers_Grad.Loss g = new Layers_Grad.Loss();
    g.valueAndGradient(net, X, TARGET);
    double[] ones = {1, 1};
    Net tangent = new Net(null, new Dense(null, ones), 2.0);
    double expected = 2.0 * g.dnet.scale + g.dnet.output.bias[0] + g.dnet.output.bias[1];
    assertEquals(expected, g.jvp(net, X, TARGET, tangent, null, null),
        1e-12 * (1 + Math.abs(expected)));
    Layers_Grad.Loss h = new Layers_Grad.Loss();
    h.hvp(net, X, TARGET, new Net(null, null, 1.0), null, null);
    Layers_Grad.Loss along = new Layers_Grad.Loss();
    along.hvp(net, X, TARGET, new Net(new Dense(null, null), new Dense(null, null), 1.0), null,
        null);
    assertEquals(along.dnet.scale, h.dnet.scale);
    assertEquals(along.dnet.hidden.bias[0], h.dnet.hidden.bias[0]);
  }
}

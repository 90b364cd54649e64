package dev.tapeless.it.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpointed gradients against Hipparchus forward mode: the kinked oscillator (branches,
 * segments of 7, counting down) and the RK4 system, each written again over {@link Gradient}.
 */
class CheckpointedHipparchusTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 20, 300})
  void kinkedOscillator(int steps) {
    for (double x0 : new double[] {0.7, -0.4}) {
      Checkpointed_Grad.Kinked g = new Checkpointed_Grad.Kinked();
      double value = g.valueAndGradient(0.9, 0.2, x0, steps);
      Gradient twin = kinked(Gradient.variable(3, 0, 0.9), Gradient.variable(3, 1, 0.2),
          Gradient.variable(3, 2, x0), steps);
      assertEquals(twin.getValue(), value, 1e-12 * (1 + Math.abs(value)));
      double[] expected = twin.getGradient();
      double[] actual = {g.dk, g.dc, g.dx0};
      for (int i = 0; i < 3; i++) {
        assertEquals(expected[i], actual[i], 1e-10 * (1 + Math.abs(expected[i])), "d" + i);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 17, 200})
  void rungeKuttaSystem(int steps) {
    double[] p = {0.8, 0.5};
    double[] x0 = {0.3, -0.2, 0.9, 0.1};
    Checkpointed_Grad.Rk4 g = new Checkpointed_Grad.Rk4();
    g.valueAndGradient(p, x0, steps, 0.05);
    Gradient[] vars = new Gradient[6];
    for (int i = 0; i < 6; i++) {
      vars[i] = Gradient.variable(6, i, i < 2 ? p[i] : x0[i - 2]);
    }
    double[] expected = rk4(vars, steps, 0.05).getGradient();
    double[] actual = {g.dp[0], g.dp[1], g.dx0[0], g.dx0[1], g.dx0[2], g.dx0[3]};
    for (int i = 0; i < 6; i++) {
      assertEquals(expected[i], actual[i], 1e-10 * (1 + Math.abs(expected[i])), "d" + i);
    }
  }

  private static Gradient kinked(Gradient k, Gradient c, Gradient x0, int steps) {
    Gradient x = x0;
    Gradient v = x0.multiply(0);
    double dt = 0.05;
    for (int t = steps; t >= 1; t--) {
      Gradient a = k.negate().multiply(x).subtract(c.multiply(v));
      if (x.getValue() > 0) {
        a = a.subtract(x.multiply(0.1).multiply(x));
      } else {
        a = a.add(x.sin().multiply(0.2));
      }
      v = v.add(a.multiply(dt));
      x = x.multiply(0.999).add(v.multiply(dt)).add(0.001 * t);
    }
    return x.multiply(v).add(x);
  }

  private static Gradient rk4(Gradient[] vars, int steps, double dt) {
    Gradient p0 = vars[0];
    Gradient p1 = vars[1];
    int n = 4;
    Gradient[] x = new Gradient[n];
    System.arraycopy(vars, 2, x, 0, n);
    for (int t = 0; t < steps; t++) {
      Gradient[] k1 = field(p0, p1, x);
      Gradient[] y = new Gradient[n];
      for (int i = 0; i < n; i++) {
        y[i] = x[i].add(k1[i].multiply(0.5 * dt));
      }
      Gradient[] k2 = field(p0, p1, y);
      for (int i = 0; i < n; i++) {
        y[i] = x[i].add(k2[i].multiply(0.5 * dt));
      }
      Gradient[] k3 = field(p0, p1, y);
      for (int i = 0; i < n; i++) {
        y[i] = x[i].add(k3[i].multiply(dt));
      }
      Gradient[] k4 = field(p0, p1, y);
      for (int i = 0; i < n; i++) {
        x[i] = x[i].add(k1[i].add(k2[i].multiply(2)).add(k3[i].multiply(2)).add(k4[i])
            .multiply(dt / 6));
      }
    }
    Gradient s = x[0].multiply(0);
    for (int i = 0; i < n; i++) {
      s = s.add(x[i].multiply(x[i]));
    }
    return s;
  }

  private static Gradient[] field(Gradient p0, Gradient p1, Gradient[] x) {
    int n = x.length;
    Gradient[] k = new Gradient[n];
    for (int i = 0; i < n; i++) {
      k[i] = p0.negate().multiply(x[i]).add(p1.multiply(x[(i + 1) % n].sin()));
    }
    return k;
  }
}

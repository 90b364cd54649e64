package dev.tapeless.it.arrays;

import static dev.tapeless.runtime.AllocationMeter.allocatedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.AllocationMeter;
import dev.tapeless.runtime.GradCheck;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * After a loop that overwrites a whole array, in-place updates of it save nothing, and every
 * gradient, with or without the rule applying, is that of finite differences (and of forward
 * mode, an independent path through the same program).
 */
class OverwritesTest {

  private static volatile double sink;

  private static double[] random(int n, long seed) {
    Random rng = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 0.2 + 0.6 * rng.nextDouble();
    }
    return v;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void triangularUpdateGradientMatchesFiniteDifferences(int d) {
    double[] w = random(d, 1);
    double[] l = random(d * (d - 1) / 2, 2);
    double[] xs = random(d * 5, 3);
    Overwrites_Grad.Triangular g = new Overwrites_Grad.Triangular();
    assertEquals(Overwrites.triangular(w, l, xs, d), g.valueAndGradient(w, l, xs, d));
    GradCheck.check(v -> Overwrites.triangular(v, l, xs, d), w, g.dw).assertWithin(1e-7);
    GradCheck.check(v -> Overwrites.triangular(w, v, xs, d), l, g.dl).assertWithin(1e-7);
    GradCheck.check(v -> Overwrites.triangular(w, l, v, d), xs, g.dxs).assertWithin(1e-7);
    // second order against the twin that keeps every save
    double[] vw = random(d, 9);
    double[] vl = random(l.length, 10);
    double[] vxs = random(xs.length, 11);
    g.hvp(w, l, xs, d, vw, vl, vxs);
    Overwrites_Grad.TriangularReading twin = new Overwrites_Grad.TriangularReading();
    twin.hvp(w, l, xs, d, vw, vl, vxs);
    for (int j = 0; j < d; j++) {
      assertEquals(twin.dw[j], g.dw[j], 1e-12 * (1 + Math.abs(twin.dw[j])));
    }
    for (int j = 0; j < xs.length; j++) {
      assertEquals(twin.dxs[j], g.dxs[j], 1e-12 * (1 + Math.abs(twin.dxs[j])));
    }
  }

  @Test
  void updatesAfterAFullOverwriteSaveNothing() {
    int d = 10;
    int points = 3_000;
    double[] w = random(d, 4);
    double[] l = random(d * (d - 1) / 2, 5);
    double[] xs = random(d * points, 6);
    Overwrites_Grad.Triangular g = new Overwrites_Grad.Triangular();
    long bytes = allocatedBy(() -> sink = g.valueAndGradient(w, l, xs, d));
    Overwrites_Grad.TriangularReading twin = new Overwrites_Grad.TriangularReading();
    long twinBytes = allocatedBy(() -> sink = twin.valueAndGradient(w, l, xs, d));
    // per point both save exp(w[j]) and q[j] (2d doubles: 60,000 in all, a save buffer of
    // 65,536); the twin also saves the 45 in-place updates (195,000 doubles, a buffer of 262,144)
    assertTrue(2 * bytes < twinBytes, bytes + " bytes against " + twinBytes);
    assertEquals(twin.value, g.value);
    for (int j = 0; j < d; j++) {
      assertEquals(twin.dw[j], g.dw[j]);
    }
    AllocationMeter.assertAllocatesNothing("the triangular update's gradient",
        () -> sink = g.valueAndGradient(w, l, xs, d));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3})
  void loopsOutsideTheRuleKeepTheirSaves(int rounds) {
    double[] w = random(4, 7);
    Overwrites_Grad.ReadsWhileOverwriting a = new Overwrites_Grad.ReadsWhileOverwriting();
    a.valueAndGradient(w, rounds);
    GradCheck.check(v -> Overwrites.readsWhileOverwriting(v, rounds), w, a.dw).assertWithin(1e-7);
    for (int stop : new int[] {0, 2, 9}) {
      Overwrites_Grad.StopsEarly b = new Overwrites_Grad.StopsEarly();
      b.valueAndGradient(w, rounds, stop);
      GradCheck.check(v -> Overwrites.stopsEarly(v, rounds, stop), w, b.dw).assertWithin(1e-7);
    }
    for (int n : new int[] {0, 2, 4}) {
      Overwrites_Grad.Partial c = new Overwrites_Grad.Partial();
      c.valueAndGradient(w, rounds, n);
      GradCheck.check(v -> Overwrites.partial(v, rounds, n), w, c.dw).assertWithin(1e-7);
    }
    Overwrites_Grad.BoundChanges e = new Overwrites_Grad.BoundChanges();
    e.valueAndGradient(w, rounds);
    GradCheck.check(v -> Overwrites.boundChanges(v, rounds), w, e.dw).assertWithin(1e-6);
    for (int i = 0; i < 4; i++) {
      double[] unit = new double[4];
      unit[i] = 1;
      assertEquals(e.jvp(w, rounds, unit), e.dw[i], 1e-12 * (1 + Math.abs(e.dw[i])));
    }
    Overwrites_Grad.Twice f = new Overwrites_Grad.Twice();
    f.valueAndGradient(w, rounds);
    GradCheck.check(v -> Overwrites.twice(v, rounds), w, f.dw).assertWithin(1e-7);
    double[] t = random(4, 8);
    double along = 0;
    for (int i = 0; i < 4; i++) {
      along += f.dw[i] * t[i];
    }
    assertEquals(along, f.jvp(w, rounds, t), 1e-10 * (1 + Math.abs(along)));
  }
}

package dev.tapeless.it.valueclasses;

import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.it.valueclasses.Pricing.Curve;
import dev.tapeless.it.valueclasses.Pricing.Model;
import dev.tapeless.it.valueclasses.Pricing.Vol;
import dev.tapeless.runtime.GradCheck;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;

/**
 * Final classes of numbers and arrays as parameters: the frame takes the object, its gradient
 * lands in a twin with one field per field ({@code frame.dm.vol.bumps}), matching central
 * differences and Hipparchus; {@code jvp} and {@code hvp} take objects of the same class
 * ({@code null} for zero, nested ones too); nothing is allocated per call.
 */
class ValueClassTest {

  static final double[] MATURITIES = {0.5, 1.0, 2.0, 3.0};
  static final double[] STRIKES = {90, 100, 105, 120};
  static final double[] QUOTES = {11.0, 9.5, 8.0, 7.0};

  static Model model() {
    return new Model(new Vol(0.25, -0.1, new double[] {0.01, -0.02, 0.015}),
        new Curve(0.03, 0.002), 100);
  }

  /** The model's numbers in the order the frame's twin lists them. */
  static double[] flat(Model m) {
    return new double[] {m.vol.level, m.vol.skew, m.vol.bumps[0], m.vol.bumps[1],
        m.vol.bumps[2], m.curve.rate(), m.curve.slope(), m.spot};
  }

  static Model unflat(double[] v) {
    return new Model(new Vol(v[0], v[1], new double[] {v[2], v[3], v[4]}),
        new Curve(v[5], v[6]), v[7]);
  }

  static double[] gradient(Pricing_Grad.Error g) {
    return new double[] {g.dm.vol.level, g.dm.vol.skew, g.dm.vol.bumps[0], g.dm.vol.bumps[1],
        g.dm.vol.bumps[2], g.dm.curve.rate, g.dm.curve.slope, g.dm.spot};
  }

  @Test
  void gradientOfEveryFieldMatchesCentralDifferences() {
    Model m = model();
    Pricing_Grad.Error g = new Pricing_Grad.Error();
    double value = g.valueAndGradient(m, MATURITIES, STRIKES, QUOTES);
    assertEquals(Pricing.error(m, MATURITIES, STRIKES, QUOTES), value);
    GradCheck.check(v -> Pricing.error(unflat(v), MATURITIES, STRIKES, QUOTES), flat(m),
        gradient(g), GradCheck.Options.DEFAULT.withStep(1e-6)).assertWithin(1e-7);
  }

  @Test
  void gradientMatchesHipparchus() {
    Model m = model();
    double[] x = flat(m);
    DSFactory f = new DSFactory(x.length, 1);
    DerivativeStructure[] v = new DerivativeStructure[x.length];
    for (int i = 0; i < x.length; i++) {
      v[i] = f.variable(i, x[i]);
    }
    DerivativeStructure sum = f.constant(0);
    for (int q = 0; q < QUOTES.length; q++) {
      double t = MATURITIES[q];
      double strike = STRIKES[q];
      DerivativeStructure df = v[5].add(v[6].multiply(t)).multiply(-t).exp();
      DerivativeStructure k = v[7].reciprocal().multiply(strike).log();
      DerivativeStructure bump = f.constant(0);
      for (int i = 0; i < 3; i++) {
        bump = bump.add(v[2 + i].multiply(Math.exp(-(t - i) * (t - i))));
      }
      DerivativeStructure sigma = v[0].add(v[1].multiply(k)).add(bump);
      DerivativeStructure w = sigma.multiply(sigma).multiply(t);
      DerivativeStructure price = df.multiply(v[7].multiply(k.multiply(k).negate()
          .divide(w.multiply(2)).exp()).multiply(w.sqrt()).add(strike * 0.01));
      DerivativeStructure e = price.subtract(QUOTES[q]);
      sum = sum.add(e.multiply(e));
    }
    sum = sum.multiply(0.5);
    Pricing_Grad.Error g = new Pricing_Grad.Error();
    assertEquals(sum.getValue(), g.valueAndGradient(m, MATURITIES, STRIKES, QUOTES), 1e-12);
    double[] analytic = gradient(g);
    for (int i = 0; i < x.length; i++) {
      int[] order = new int[x.length];
      order[i] = 1;
      double expected = sum.getPartialDerivative(order);
      assertEquals(expected, analytic[i], 1e-10 * (1 + Math.abs(expected)), "component " + i);
    }
  }

  @Test
  void jvpAndHvpTakeObjectsOfTheSameClassWithNullForZero() {
    Model m = model();
    Pricing_Grad.Error g = new Pricing_Grad.Error();
    g.valueAndGradient(m, MATURITIES, STRIKES, QUOTES);
    double[] grad = gradient(g);
    Model tangent = new Model(null, new Curve(1, 0), 0.5);
    double expected = grad[5] + 0.5 * grad[7];
    assertEquals(expected, g.jvp(m, MATURITIES, STRIKES, QUOTES, tangent, null, null, null),
        1e-10 * (1 + Math.abs(expected)));
    double h = 1e-5;
    Pricing_Grad.Error hv = new Pricing_Grad.Error();
    hv.hvp(m, MATURITIES, STRIKES, QUOTES, new Model(new Vol(1, 0, null), null, 0), null, null,
        null);
    double[] x = flat(m);
    x[0] += h;
    Pricing_Grad.Error plus = new Pricing_Grad.Error();
    plus.valueAndGradient(unflat(x), MATURITIES, STRIKES, QUOTES);
    x[0] -= 2 * h;
    Pricing_Grad.Error minus = new Pricing_Grad.Error();
    minus.valueAndGradient(unflat(x), MATURITIES, STRIKES, QUOTES);
    double[] up = gradient(plus);
    double[] down = gradient(minus);
    double[] column = gradient(hv);
    for (int i = 0; i < column.length; i++) {
      double fd = (up[i] - down[i]) / (2 * h);
      assertEquals(fd, column[i], 1e-5 * (1 + Math.abs(fd)), "Hessian column entry " + i);
    }
  }

  /** Keeps the results alive. */
  private static volatile double sink;

  @Test
  void gradientJvpAndHvpAllocateNothing() {
    Model m = model();
    Pricing_Grad.Error g = new Pricing_Grad.Error();
    assertAllocatesNothing("Pricing.error", () -> {
      double s = 0;
      for (int k = 0; k < 500; k++) {
        s += g.valueAndGradient(m, MATURITIES, STRIKES, QUOTES)
            + g.jvp(m, MATURITIES, STRIKES, QUOTES, m, null, null, null)
            + g.hvp(m, MATURITIES, STRIKES, QUOTES, m, null, null, null);
      }
      sink = s;
    });
  }
}

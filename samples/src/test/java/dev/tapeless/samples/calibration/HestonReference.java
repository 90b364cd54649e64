package dev.tapeless.samples.calibration;

import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.complex.FieldComplex;

/**
 * An independent Heston call price in Hipparchus forward mode: the characteristic function in
 * Gatheral's textbook form with {@code FieldComplex<Gradient>} (Hipparchus's own complex square
 * root, logarithm and exponential; r₋ = (β − d)/σ² as written, not the sample's rewriting),
 * on the sample's quadrature nodes. Its value's gradient holds the derivatives with respect to
 * kappa, theta, sigma, rho, v0 in that order.
 */
final class HestonReference {
  private HestonReference() {}

  static Gradient call(HestonParams p, double spot, double strike, double rate, double dividend,
      double t) {
    int n = 5;
    Gradient kappa = Gradient.variable(n, 0, p.kappa());
    Gradient theta = Gradient.variable(n, 1, p.theta());
    Gradient sigma = Gradient.variable(n, 2, p.sigma());
    Gradient rho = Gradient.variable(n, 3, p.rho());
    Gradient v0 = Gradient.variable(n, 4, p.v0());
    double x = Math.log(spot / strike) + (rate - dividend) * t;
    Gradient integral = Gradient.constant(n, 0);
    for (int k = 0; k < Heston.NODES.length; k++) {
      double u = Heston.NODES[k];
      Gradient f = integrand(kappa, theta, sigma, rho, v0, u, x, t);
      integral = integral.add(f.multiply(Heston.WEIGHTS[k]));
    }
    return integral.multiply(-Math.sqrt(spot * strike) * Math.exp(-0.5 * (rate + dividend) * t)
        / Math.PI).add(spot * Math.exp(-dividend * t));
  }

  private static FieldComplex<Gradient> complex(Gradient re, Gradient im) {
    return new FieldComplex<>(re, im);
  }

  private static FieldComplex<Gradient> constant(double re, double im) {
    return complex(Gradient.constant(5, re), Gradient.constant(5, im));
  }

  private static Gradient integrand(Gradient kappa, Gradient theta, Gradient sigma,
      Gradient rho, Gradient v0, double u, double x, double t) {
    FieldComplex<Gradient> i = constant(0, 1);
    FieldComplex<Gradient> one = constant(1, 0);
    FieldComplex<Gradient> w = constant(u, -0.5);
    // alpha = -w^2/2 - i w/2, beta = kappa - rho sigma i w, gamma = sigma^2/2
    FieldComplex<Gradient> alpha = w.multiply(w).multiply(-0.5).subtract(i.multiply(w)
        .multiply(0.5));
    FieldComplex<Gradient> beta = complex(kappa, kappa.getField().getZero())
        .subtract(i.multiply(w).multiply(complex(rho.multiply(sigma), rho.getField().getZero())));
    Gradient gamma = sigma.multiply(sigma).multiply(0.5);
    FieldComplex<Gradient> d = beta.multiply(beta)
        .subtract(alpha.multiply(complex(gamma.multiply(4), gamma.getField().getZero()))).sqrt();
    Gradient s2 = sigma.multiply(sigma);
    FieldComplex<Gradient> rMinus = beta.subtract(d).divide(s2);
    FieldComplex<Gradient> rPlus = beta.add(d).divide(s2);
    FieldComplex<Gradient> g = rMinus.divide(rPlus);
    FieldComplex<Gradient> e = d.multiply(-t).exp();
    FieldComplex<Gradient> bigD = rMinus.multiply(one.subtract(e))
        .divide(one.subtract(g.multiply(e)));
    FieldComplex<Gradient> bigC = rMinus.multiply(t).subtract(one.subtract(g.multiply(e))
        .divide(one.subtract(g)).log().multiply(s2.reciprocal().multiply(2)))
        .multiply(kappa);
    FieldComplex<Gradient> exponent = bigC.multiply(theta).add(bigD.multiply(v0))
        .add(constant(0, u * x));
    return exponent.exp().getRealPart().divide(u * u + 0.25);
  }
}

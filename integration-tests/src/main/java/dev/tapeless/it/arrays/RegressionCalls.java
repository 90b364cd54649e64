package dev.tapeless.it.arrays;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.runtime.Activations;
import dev.tapeless.runtime.Losses;

/**
 * Fuzzer-generated chains of calls between {@code @Differentiable} methods whose gradients were
 * off in the third or fourth digit: CallsInWhileLoop.java (m36 calls m18 and m14 in a while
 * loop; m14 calls m11 twice, m11 calls m2, m2 calls m0) and M34Repro.java (m34 calls m21, which
 * calls m15). The bodies are as generated, with the calls requalified to this class; the names
 * did not clash. Constant arrays, dead branches and floor/ceil/rint are the point: they are
 * what the generated sweeps got wrong.
 */
public final class RegressionCalls {
  private RegressionCalls() {}

  /** CallsInWhileLoop.java m0: the innermost callee of m36's chain, reached through m2. */
  @Differentiable
  public static double m0(double a, double b, int n, boolean flag) {
    double[] t1 = new double[2];
    double v2 = Math.pow((1.0 + ((0.26 * (((Math.hypot(b, a) % (1.0 + ((t1[(n + 2) % 2] / 2.0) * (t1[(n + 2) % 2] / 2.0)))) >= (-0.51)) ? ((double) n) : a)) * (0.26 * (((Math.hypot(b, a) % (1.0 + ((t1[(n + 2) % 2] / 2.0) * (t1[(n + 2) % 2] / 2.0)))) >= (-0.51)) ? ((double) n) : a)))), Math.atan(((double) n)));
    double v3 = (((v2 > (-0.89)) || (t1[(n + 0) % 2] > (-0.13))) ? (-Math.acos((0.9 * Math.tanh(((double) n))))) : Math.min(b, (t1[(n + 1) % 2] * b)));
    double r9 = 0.0;
    return (((((StrictMath.cbrt(Math.hypot(v3, 1.0)) + ((-0.72) * b)) + ((-0.28) * a)) + ((-0.58) * v2)) + ((-0.33) * v3)) + r9);
  }

  /** CallsInWhileLoop.java m1: generated with the chain but called by nothing; kept as it was. */
  @Differentiable
  public static double m1(double a, double b) {
    double[][] t1 = new double[1][5];
    double v2 = ((a - b) + (b + t1[0][4]));
    double v4 = ((((v2 + v2) > 0.24) && (Activations.sigmoid(t1[0][3]) > 0.77)) ? t1[0][4] : v2);
    int k3 = 0;
    double r5 = 0.0;
    return ((((((Math.tan((1.2 * (0.5 * Math.tanh(b)))) * t1[(k3 + 2) % 1][k3]) + ((-1.35) * b)) + (1.01 * a)) + ((-0.92) * v4)) + (0.06 * v2)) + r5);
  }

  /** CallsInWhileLoop.java m2: calls m0 with constants under ceil; part of m36's wrong chain. */
  @Differentiable
  public static double m2(double a, int n) {
    double v1 = ((double) n);
    double v2 = Activations.softplus(Math.ceil(RegressionCalls.m0(v1, ((double) n), 3, false)));
    double v3 = ((double) n);
    double v4 = Math.log((1.5 + Math.cos(Math.min(((double) n), a))));
    return (((((a + ((-0.47) * v2)) + (0.78 * v1)) + (1.41 * a)) + ((-0.4) * v3)) + ((-1.46) * v4));
  }

  /** CallsInWhileLoop.java m11: calls m2 with a passive argument; part of m36's wrong chain. */
  @Differentiable
  public static double m11(double a, double b, double c, @NoDerivative double p) {
    double[] t1 = new double[4];
    double v2 = Math.toRadians(a);
    double v3 = Math.rint(a);
    double v4 = RegressionCalls.m2((-(p / 2.0)), 3);
    double v5 = (Math.sinh((2.0 * Math.atan(p))) * (((Math.asin((0.9 * Math.sin(b))) < 0.61) ? v3 : v4) + Math.floor(t1[1])));
    double v9 = a;
    double r10 = 0.0;
    return (((((((Math.acos((0.9 * StrictMath.cos((r10 + v3)))) + ((-0.19) * v5)) + ((-0.22) * b)) + ((-0.54) * v2)) + (1.11 * v3)) + ((-0.14) * v9)) + (0.56 * v4)) + r10);
  }

  /** CallsInWhileLoop.java m14: calls m11 twice, once inside cos; part of m36's wrong chain. */
  @Differentiable
  public static double m14(double a, double b, double x, double c) {
    double[][] t1 = new double[3][2];
    double v2 = Math.abs(t1[1][1]);
    double v3 = Math.atan(t1[0][1]);
    double v4 = ((Math.tan((1.2 * Math.tanh(v2))) > (v2 + t1[1][1])) ? a : c);
    x += Math.hypot(c, t1[0][0]);
    double v8 = RegressionCalls.m11((x * b), v2, a, 0.02);
    double r9 = 0.0;
    return (((((((Math.tan((1.2 * Math.cos(RegressionCalls.m11((t1[0][0] / (2.0 + Math.sin(x))), Math.pow(Math.hypot(t1[1][0], 1.0), -1.5), StrictMath.log10((1.5 + Math.cos(t1[2][1]))), (-0.8))))) + ((-1.27) * c)) + (0.08 * a)) + (0.09 * v3)) + (0.97 * v8)) + ((-0.83) * v4)) + (0.84 * v2)) + r9);
  }

  /** CallsInWhileLoop.java m18: gets a row of m36's local matrix as w; part of the chain. */
  @Differentiable
  public static double m18(double b, double[] w, double a) {
    double[][] t1 = new double[w.length][w.length];
    double[] t2 = new double[3];
    double v3 = (a + t1[3][3]);
    double r6 = 0.0;
    double r9 = 0.0;
    return ((((((((r6 > (-0.89)) && (Math.pow((2.0 + Math.sin(b)), 0.5) > 0.48)) ? Math.toRadians(r9) : t2[2]) + (0.76 * a)) + (1.0 * b)) + ((-0.87) * v3)) + r6) + r9);
  }

  /**
   * CallsInWhileLoop.java m36: a while loop whose body calls m18 and m14; valueAndGradient
   * disagreed with finite differences in the third digit (d/da 3.51352 at the case's point).
   */
  @Differentiable
  public static double m36(double[] w, double[][] A, double a) {
    double[][] t1 = new double[A[0].length][4];
    double v2 = (A[0][3] + a);
    int k9 = 0;
    while (k9 < t1[0].length) {
      a = ((RegressionCalls.m18(v2, t1[k9 / 2], w[k9]) * RegressionCalls.m14(t1[k9 + 1][k9], a, Math.tanh(v2), v2)) + v2);
      k9++;
    }
    double r10 = 0.0;
    return (((Losses.softmaxCrossEntropy(t1[k9], 0) + (0.83 * v2)) + (0.13 * a)) + r10);
  }

  /** M34Repro.java m15: floor, atan2 and a dead branch; the innermost callee of m34's chain. */
  @Differentiable
  public static double m15(double a, @NoDerivative double p) {
    double v1 = p;
    v1 -= a;
    a = (Math.floor(a) + Math.atan2(v1, StrictMath.sqrt((1.0 + (a * a)))));
    if ((p < p)) {
      v1 += p;
      v1 = v1;
      double v3 = p;
      int k2 = 0;
      while (v3 < 1.4 && k2 < 6) {
        v3 += 0.25 * Math.hypot((k2 - a), 1.0);
        if (((((double) k2) * ((double) k2)) >= (-0.28))) {
          v3 += a;
          break;
        }
        k2++;
      }
    }
    return ((Math.atan((p - a)) + (0.13 * v1)) + (0.65 * a));
  }

  /** M34Repro.java m21: a loop over a local array, with % and max, calling m15. */
  @Differentiable
  public static double m21(double c, double a, double[] u, double x, double[] w, double b) {
    double[] t1 = new double[3];
    double v2 = (Math.tan((1.2 * Math.sin(b))) * w[0]);
    t1[2] = c;
    x += a;
    for (int i3 = 0; i3 < 3; i3++) {
      v2 += Math.max(Math.toDegrees(t1[i3]), (c + b));
      if ((StrictMath.log((1.5 + Math.cos(Math.tan((1.2 * Math.cos(c)))))) <= b)) {
        t1[i3 / 2] += ((x - c) % 1.3);
        double v4 = (Math.acos((0.9 * Math.tanh(v2))) * x);
        t1[i3] = v4;
      }
      c = ((-1.44) * (-Math.sqrt(Math.sqrt((1.0 + (t1[1] * t1[1]))))));
      t1[(i3 + 3) % 3] *= (t1[(i3 + 3) % 3] + (0.5 * Math.tanh(c)));
    }
    v2 += Math.ceil(((-0.49) * c));
    double v5 = c;
    return ((((((RegressionCalls.m15((b % 0.7), (-0.77)) + (0.46 * a)) + ((-1.22) * x)) + (0.96 * c)) + (0.62 * v5)) + ((-0.25) * b)) + ((-1.01) * v2));
  }

  /**
   * M34Repro.java m34: passes one local array twice to m21; d/da was −5.399887 where finite
   * differences give −5.398476 at the case's point.
   */
  @Differentiable
  public static double m34(double a, double[] w, int n) {
    double[] t1 = new double[1];
    double v2 = (t1[(n + 0) % 1] + (w[(n + 2) % 1] + a));
    double v3 = RegressionCalls.m21(v2, ((w[0] % Math.hypot(v2, 1.0)) / 2.0), t1, (v2 * a), t1, a);
    double v4 = (v2 % 0.7);
    v4 = Activations.sigmoid((v2 * w[n / 2]));
    t1[(n + 1) % 1] = v2;
    double v5 = StrictMath.toRadians(Math.abs((v2 * w[n / 2])));
    t1[(n + 1) % 1] = (t1[(n + 1) % 1] + Math.exp(Math.atan(Math.tanh(v2))));
    double r6 = 0.0;
    for (int i7 = 0; i7 < t1.length; i7++) {
      r6 += t1[i7];
    }
    return ((((((t1[n / 2] + (0.39 * v4)) + ((-0.03) * v5)) + ((-0.77) * v2)) + (1.32 * v3)) + ((-0.68) * a)) + r6);
  }
}

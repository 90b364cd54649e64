package dev.tapeless.samples.jacobian;

import dev.tapeless.Differentiable;
import dev.tapeless.Out;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Jacobians of vector-valued functions, from the generated frames of methods with {@code @Out}
 * arrays. For y = f(x) with x ∈ Rⁿ and y ∈ Rᵐ the Jacobian J is m × n, J[i][j] = ∂yᵢ/∂xⱼ.
 * Reverse mode computes one row per backward sweep (seed eᵢ on the output), and in general a
 * vector-Jacobian product sᵀJ per sweep: that is what {@code pullback} returns, and what
 * backpropagation through a layer needs, without ever forming J. Forward mode computes one
 * column per sweep (tangent eⱼ on the input), in general a Jacobian-vector product J·t: that is
 * what {@code jvp} returns. {@code jacobian} uses rows when there are fewer outputs than inputs
 * and columns otherwise; f's Jacobian is shown both ways.
 *
 * <p>Two functions: the small f(x) = [x1 + x2·x3, 2·x3] whose Jacobian [[1, x3, x2], [0, 0, 2]]
 * is easy to derive by hand, and softmax, whose Jacobian yᵢ(δᵢⱼ − yⱼ) is dense (unlike an
 * element-wise function's, which is diagonal): every output depends on every input through the
 * normalizing sum.
 */
public final class JacobianExample {
  private JacobianExample() {}

  /** f(x) = [x1 + x2·x3, 2·x3] (x1, x2, x3 are {@code x[0..2]}). */
  @Differentiable
  public static void f(double[] x, @Out double[] y) {
    y[0] = x[0] + x[1] * x[2];
    y[1] = 2 * x[2];
  }

  /**
   * softmax(z)ᵢ = e^(zᵢ − max z) / Σⱼ e^(zⱼ − max z): subtracting the maximum changes nothing
   * mathematically but keeps every exponential ≤ 1, so logits like 1000 do not overflow.
   */
  @Differentiable
  public static void softmax(double[] z, @Out double[] y) {
    double max = z[0];
    for (int i = 1; i < z.length; i++) {
      if (z[i] > max) {
        max = z[i];
      }
    }
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      y[i] = Math.exp(z[i] - max);
      sum += y[i];
    }
    for (int i = 0; i < z.length; i++) {
      y[i] = y[i] / sum;
    }
  }

  /** The point at which f's Jacobian is shown: x1 = 1.5, x2 = −2, x3 = 0.5. */
  static final double[] X = {1.5, -2.0, 0.5};

  /** The seed of f's pullback, one weight per output. */
  static final double[] F_SEED = {0.7, -1.3};

  /** Logits whose softmax Jacobian is shown. */
  static final double[] Z = {1.0, 2.0, 0.5, -1.0, 3.0};

  /** Logits that would overflow e^z without the maximum subtracted. */
  static final double[] LARGE_Z = {1000.0, 1001.0, 999.0};

  /** The seed of softmax's pullback. */
  static final double[] SOFTMAX_SEED = {0.3, -1.0, 2.0, 0.5, -0.25};

  /** The 2 × 3 Jacobian of f at x, from the generated frame. */
  static double[][] generatedJacobianOfF(double[] x) {
    double[][] jacobian = new double[2][3];
    new JacobianExample_Grad.F().jacobian(x, new double[2], jacobian);
    return jacobian;
  }

  /** f's Jacobian a column at a time: {@code jvp} along each unit vector of the input. */
  static double[][] forwardJacobianOfF(double[] x) {
    JacobianExample_Grad.F frame = new JacobianExample_Grad.F();
    double[][] jacobian = new double[2][x.length];
    double[] tangent = new double[x.length];
    double[] yTangent = new double[2];
    for (int j = 0; j < x.length; j++) {
      tangent[j] = 1;
      frame.jvp(x, new double[2], tangent, yTangent);
      tangent[j] = 0;
      for (int i = 0; i < 2; i++) {
        jacobian[i][j] = yTangent[i];
      }
    }
    return jacobian;
  }

  /** f's Jacobian a row at a time: {@code pullback} of each unit vector of the output. */
  static double[][] reverseJacobianOfF(double[] x) {
    JacobianExample_Grad.F frame = new JacobianExample_Grad.F();
    double[][] jacobian = new double[2][];
    for (int i = 0; i < 2; i++) {
      double[] seed = new double[2];
      seed[i] = 1;
      frame.pullback(x, new double[2], seed);
      jacobian[i] = frame.dx.clone();
    }
    return jacobian;
  }

  /** The hand-derived Jacobian of f: [[1, x3, x2], [0, 0, 2]]. */
  static double[][] handJacobianOfF(double[] x) {
    return new double[][] {{1, x[2], x[1]}, {0, 0, 2}};
  }

  /** The n × n Jacobian of softmax at z, from the generated frame. */
  static double[][] generatedJacobianOfSoftmax(double[] z) {
    double[][] jacobian = new double[z.length][z.length];
    new JacobianExample_Grad.Softmax().jacobian(z, new double[z.length], jacobian);
    return jacobian;
  }

  /** softmax(z), computed by the differentiated method itself (no derivative involved). */
  static double[] softmaxOf(double[] z) {
    double[] y = new double[z.length];
    softmax(z, y);
    return y;
  }

  /** The closed form of softmax's Jacobian: J[i][j] = yᵢ(δᵢⱼ − yⱼ), from y = softmax(z). */
  static double[][] closedFormJacobianOfSoftmax(double[] y) {
    double[][] jacobian = new double[y.length][y.length];
    for (int i = 0; i < y.length; i++) {
      for (int j = 0; j < y.length; j++) {
        jacobian[i][j] = y[i] * ((i == j ? 1 : 0) - y[j]);
      }
    }
    return jacobian;
  }

  /** sᵀJ: the vector-Jacobian product that a pullback with seed s computes. */
  static double[] seedTimesJacobian(double[] seed, double[][] jacobian) {
    double[] product = new double[jacobian[0].length];
    for (int i = 0; i < jacobian.length; i++) {
      for (int j = 0; j < product.length; j++) {
        product[j] += seed[i] * jacobian[i][j];
      }
    }
    return product;
  }

  /** The largest absolute element-wise difference of two matrices of the same shape. */
  static double maxDifference(double[][] a, double[][] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, maxDifference(a[i], b[i]));
    }
    return max;
  }

  /** The largest absolute element-wise difference of two vectors of the same length. */
  static double maxDifference(double[] a, double[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  /** Prints f's Jacobian and pullback beside their hand derivations. */
  static void runF(PrintStream out) {
    double[] y = new double[2];
    f(X, y);
    out.printf(Locale.ROOT, "  f(x) = [x1 + x2·x3, 2·x3] at x = %s: y = %s%n", vector(X),
        vector(y));
    double[][] generated = generatedJacobianOfF(X);
    double[][] byHand = handJacobianOfF(X);
    printSideBySide(out, "generated J (F.jacobian)", generated,
        "by hand [[1, x3, x2], [0, 0, 2]]", byHand);
    out.printf(Locale.ROOT, "  max difference %.1e%n", maxDifference(generated, byHand));
    double[][] columns = forwardJacobianOfF(X);
    double[][] rows = reverseJacobianOfF(X);
    printSideBySide(out, "forward mode (3 jvp, a column each)", columns,
        "reverse mode (2 pullbacks, a row each)", rows);
    out.printf(Locale.ROOT, "  max difference between the two %.1e%n",
        maxDifference(columns, rows));

    JacobianExample_Grad.F frame = new JacobianExample_Grad.F();
    frame.pullback(X, new double[2], F_SEED);
    double[] expected = seedTimesJacobian(F_SEED, byHand);
    out.printf(Locale.ROOT, "  pullback with seed s = %s: dx = %s%n", vector(F_SEED),
        vector(frame.dx));
    out.printf(Locale.ROOT,
        "    sᵀJ by hand = (s1, s1·x3, s1·x2 + 2·s2) = %s, max difference %.1e%n",
        vector(expected), maxDifference(frame.dx, expected));
  }

  /** Prints softmax's Jacobian from the frame beside the closed form, and a pullback. */
  static void runSoftmax(PrintStream out) {
    double[] y = softmaxOf(Z);
    out.printf(Locale.ROOT, "  z = %s%n  y = softmax(z) = %s%n", vector(Z), vector(y));
    double[][] generated = generatedJacobianOfSoftmax(Z);
    double[][] closedForm = closedFormJacobianOfSoftmax(y);
    printMatrix(out, "generated J (Softmax.jacobian)", generated);
    printMatrix(out, "closed form yᵢ(δᵢⱼ − yⱼ)", closedForm);
    out.printf(Locale.ROOT, "  max difference %.1e%n", maxDifference(generated, closedForm));

    JacobianExample_Grad.Softmax frame = new JacobianExample_Grad.Softmax();
    frame.pullback(Z, new double[Z.length], SOFTMAX_SEED);
    double[] expected = seedTimesJacobian(SOFTMAX_SEED, closedForm);
    out.printf(Locale.ROOT, "  pullback with seed s = %s:%n    dz = %s%n", vector(SOFTMAX_SEED),
        vector(frame.dz));
    out.printf(Locale.ROOT, "    sᵀJ = %s, max difference %.1e%n", vector(expected),
        maxDifference(frame.dz, expected));

    double[] yLarge = softmaxOf(LARGE_Z);
    double largeDifference =
        maxDifference(generatedJacobianOfSoftmax(LARGE_Z), closedFormJacobianOfSoftmax(yLarge));
    out.printf(Locale.ROOT,
        "  large logits z = %s: y = %s, Jacobian max difference %.1e (no overflow)%n",
        vector(LARGE_Z), vector(yLarge), largeDifference);
  }

  /** Prints both examples. */
  public static void run(PrintStream out) {
    out.println("== Jacobian of f(x) = [x1 + x2·x3, 2·x3] ==");
    runF(out);
    out.println();
    out.println("== Jacobian of softmax: yᵢ(δᵢⱼ − yⱼ), dense ==");
    runSoftmax(out);
  }

  /** Runs this example. */
  public static void main(String[] args) {
    run(System.out);
  }

  private static void printSideBySide(
      PrintStream out, String leftTitle, double[][] left, String rightTitle, double[][] right) {
    int width = 11 * left[0].length + 3;
    out.printf(Locale.ROOT, "    %-" + width + "s   %s%n", leftTitle, rightTitle);
    for (int i = 0; i < left.length; i++) {
      out.printf(Locale.ROOT, "    %-" + width + "s   %s%n", row(left[i]), row(right[i]));
    }
  }

  private static void printMatrix(PrintStream out, String title, double[][] matrix) {
    out.println("    " + title);
    for (double[] r : matrix) {
      out.println("    " + row(r));
    }
  }

  private static String row(double[] values) {
    StringBuilder s = new StringBuilder("[");
    for (double v : values) {
      s.append(String.format(Locale.ROOT, " %10.6f", v + 0.0));
    }
    return s.append(" ]").toString();
  }

  private static String vector(double[] values) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < values.length; i++) {
      s.append(i == 0 ? "" : ", ").append(number(values[i]));
    }
    return s.append(')').toString();
  }

  /** Six decimals without trailing zeros, so 1.5 stays 1.5 and 1000 stays 1000. */
  private static String number(double v) {
    String s = String.format(Locale.ROOT, "%.6f", v);
    s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    return s.equals("-0") ? "0" : s;
  }
}

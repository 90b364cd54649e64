package dev.tapeless.it.external;

/**
 * The hand-written gradients ({@code *_gradient!}) and Hessians ({@code *_hessian!}) of
 * OptimTestProblems.jl, transcribed line by line from the Julia sources (1-based {@code x[k]}
 * is {@code x[k - 1]}, {@code storage[i, j]} is {@code h[i - 1][j - 1]}), not derived again:
 * they are the external oracle the generated derivatives are held to. Deliberately not
 * {@code @Differentiable}. Where the package has no Hessian (Fletcher-Powell's is an empty
 * {@code TODO}; Extended Rosenbrock, Extended Powell, Penalty Function I, Trigonometric and
 * Paraboloid raise {@code error("Hessian not implemented ...")}) there is none here either.
 */
final class Oracles {
  private Oracles() {}

  private static double sq(double a) {
    return a * a;
  }

  private static double cube(double a) {
    return a * a * a;
  }

  // ---- from_optim.jl ----

  static void exponentialGradient(double[] g, double[] x) {
    g[0] = -2.0 * (2.0 - x[0]) * Math.exp(sq(2.0 - x[0]));
    g[1] = -2.0 * (3.0 - x[1]) * Math.exp(sq(3.0 - x[1]));
  }

  static void exponentialHessian(double[][] h, double[] x) {
    h[0][0] = 2.0 * Math.exp(sq(2.0 - x[0])) * (2.0 * sq(x[0]) - 8.0 * x[0] + 9);
    h[0][1] = 0.0;
    h[1][0] = 0.0;
    h[1][1] = 2.0 * Math.exp(sq(3.0 - x[1])) * (2.0 * sq(x[1]) - 12.0 * x[1] + 19);
  }

  private static double theta(double[] x) {
    if (x[0] > 0) {
      return Math.atan(x[1] / x[0]) / (2.0 * Math.PI);
    } else {
      return (Math.PI + Math.atan(x[1] / x[0])) / (2.0 * Math.PI);
    }
  }

  static void fletcherPowellGradient(double[] g, double[] x) {
    double dtdx1;
    double dtdx2;
    if (sq(x[0]) + sq(x[1]) == 0) {
      dtdx1 = 0;
      dtdx2 = 0;
    } else {
      dtdx1 = -x[1] / (2 * Math.PI * (sq(x[0]) + sq(x[1])));
      dtdx2 = x[0] / (2 * Math.PI * (sq(x[0]) + sq(x[1])));
    }
    g[0] = -2000.0 * (x[2] - 10.0 * theta(x)) * dtdx1
        + 200.0 * (Math.sqrt(sq(x[0]) + sq(x[1])) - 1) * x[0] / Math.sqrt(sq(x[0]) + sq(x[1]));
    g[1] = -2000.0 * (x[2] - 10.0 * theta(x)) * dtdx2
        + 200.0 * (Math.sqrt(sq(x[0]) + sq(x[1])) - 1) * x[1] / Math.sqrt(sq(x[0]) + sq(x[1]));
    g[2] = 200.0 * (x[2] - 10.0 * theta(x)) + 2.0 * x[2];
  }

  static void himmelblauGradient(double[] g, double[] x) {
    g[0] = 4.0 * cube(x[0]) + 4.0 * x[0] * x[1] - 44.0 * x[0] + 2.0 * x[0] + 2.0 * sq(x[1])
        - 14.0;
    g[1] = 2.0 * sq(x[0]) + 2.0 * x[1] - 22.0 + 4.0 * x[0] * x[1] + 4.0 * cube(x[1])
        - 28.0 * x[1];
  }

  static void himmelblauHessian(double[][] h, double[] x) {
    h[0][0] = 12.0 * sq(x[0]) + 4.0 * x[1] - 42.0;
    h[0][1] = 4.0 * x[0] + 4.0 * x[1];
    h[1][0] = 4.0 * x[0] + 4.0 * x[1];
    h[1][1] = 12.0 * sq(x[1]) + 4.0 * x[0] - 26.0;
  }

  static void hosakiGradient(double[] g, double[] x) {
    double a = 1.0 - 8.0 * x[0] + 7.0 * sq(x[0]) - (7.0 / 3.0) * cube(x[0])
        + (1.0 / 4.0) * Math.pow(x[0], 4);
    g[0] = (cube(x[0]) - 7.0 * sq(x[0]) + 14.0 * x[0] - 8) * sq(x[1]) * Math.exp(-x[1]);
    g[1] = 2.0 * a * x[1] * Math.exp(-x[1]) - a * sq(x[1]) * Math.exp(-x[1]);
  }

  static void hosakiHessian(double[][] h, double[] x) {
    double a = 1.0 - 8.0 * x[0] + 7.0 * sq(x[0]) - (7.0 / 3.0) * cube(x[0])
        + (1.0 / 4.0) * Math.pow(x[0], 4);
    double da = cube(x[0]) - 7.0 * sq(x[0]) + 14.0 * x[0] - 8.0;
    double e = Math.exp(-x[1]);
    h[0][0] = (3.0 * sq(x[0]) - 14.0 * x[0] + 14.0) * sq(x[1]) * e;
    h[0][1] = 2.0 * da * x[1] * e - da * sq(x[1]) * e;
    h[1][0] = 2.0 * da * x[1] * e - da * sq(x[1]) * e;
    h[1][1] = 2.0 * a * e - 4.0 * a * x[1] * e + a * sq(x[1]) * e;
  }

  static void largePolynomialGradient(double[] g, double[] x) {
    for (int i = 1; i <= x.length; i++) {
      g[i - 1] = -2.0 * (i - x[i - 1]);
    }
  }

  static void largePolynomialHessian(double[][] h, double[] x) {
    int n = x.length;
    for (int i = 1; i <= n; i++) {
      for (int j = i; j <= n; j++) {
        if (i == j) {
          h[i - 1][j - 1] = 2.0;
        } else {
          h[i - 1][j - 1] = 0.0;
          h[j - 1][i - 1] = 0.0;
        }
      }
    }
  }

  static void parabolaGradient(double[] g, double[] x) {
    g[0] = -2.0 * (1.0 - x[0]);
    g[1] = -2.0 * (2.0 - x[1]);
    g[2] = -2.0 * (3.0 - x[2]);
    g[3] = -2.0 * (5.0 - x[3]);
    g[4] = -2.0 * (8.0 - x[4]);
  }

  static void parabolaHessian(double[][] h, double[] x) {
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 5; j++) {
        h[i][j] = i == j ? 2.0 : 0.0;
      }
    }
  }

  static void polynomialGradient(double[] g, double[] x) {
    g[0] = -2.0 * (10.0 - x[0]);
    g[1] = -4.0 * cube(7.0 - x[1]);
    g[2] = -4.0 * cube(108.0 - x[2]);
  }

  static void polynomialHessian(double[][] h, double[] x) {
    h[0][0] = 2.0;
    h[0][1] = 0.0;
    h[0][2] = 0.0;
    h[1][0] = 0.0;
    h[1][1] = 12.0 * sq(7.0 - x[1]);
    h[1][2] = 0.0;
    h[2][0] = 0.0;
    h[2][1] = 0.0;
    h[2][2] = 12.0 * sq(108.0 - x[2]);
  }

  static void powellGradient(double[] g, double[] x) {
    g[0] = 2.0 * (x[0] + 10.0 * x[1]) + 40.0 * cube(x[0] - x[3]);
    g[1] = 20.0 * (x[0] + 10.0 * x[1]) + 4.0 * cube(x[1] - 2.0 * x[2]);
    g[2] = 10.0 * (x[2] - x[3]) - 8.0 * cube(x[1] - 2.0 * x[2]);
    g[3] = -10.0 * (x[2] - x[3]) - 40.0 * cube(x[0] - x[3]);
  }

  static void powellHessian(double[][] h, double[] x) {
    h[0][0] = 2.0 + 120.0 * sq(x[0] - x[3]);
    h[0][1] = 20.0;
    h[0][2] = 0.0;
    h[0][3] = -120.0 * sq(x[0] - x[3]);
    h[1][0] = 20.0;
    h[1][1] = 200.0 + 12.0 * sq(x[1] - 2.0 * x[2]);
    h[1][2] = -24.0 * sq(x[1] - 2.0 * x[2]);
    h[1][3] = 0.0;
    h[2][0] = 0.0;
    h[2][1] = -24.0 * sq(x[1] - 2.0 * x[2]);
    h[2][2] = 10.0 + 48.0 * sq(x[1] - 2.0 * x[2]);
    h[2][3] = -10.0;
    h[3][0] = -120.0 * sq(x[0] - x[3]);
    h[3][1] = 0.0;
    h[3][2] = -10.0;
    h[3][3] = 10.0 + 120.0 * sq(x[0] - x[3]);
  }

  static void rosenbrockGradient(double[] g, double[] x) {
    g[0] = -2.0 * (1.0 - x[0]) - 400.0 * (x[1] - sq(x[0])) * x[0];
    g[1] = 200.0 * (x[1] - sq(x[0]));
  }

  static void rosenbrockHessian(double[][] h, double[] x) {
    h[0][0] = 2.0 - 400.0 * x[1] + 1200.0 * sq(x[0]);
    h[0][1] = -400.0 * x[0];
    h[1][0] = -400.0 * x[0];
    h[1][1] = 200.0;
  }

  // ---- more_testing.jl ----

  static void extendedRosenbrockGradient(double[] g, double[] x) {
    int n = x.length;
    double[] xt = new double[n];
    for (int j = 0; j + 1 < n; j += 2) { // jodd = 1:2:n-1, jeven = 2:2:n
      xt[j] = 10.0 * (x[j + 1] - sq(x[j]));
      xt[j + 1] = 1.0 - x[j];
    }
    for (int j = 0; j + 1 < n; j += 2) {
      g[j] = -20.0 * x[j] * xt[j] - xt[j + 1];
      g[j + 1] = 10.0 * xt[j];
    }
  }

  static void extendedPowellGradient(double[] g, double[] x) {
    int n = x.length;
    double[] xt = new double[n];
    for (int j = 0; j + 3 < n; j += 4) { // j1 = 1:4:n-3, j2, j3, j4 the next three
      xt[j] = x[j] + 10 * x[j + 1];
      xt[j + 1] = Math.sqrt(5) * (x[j + 2] - x[j + 3]);
      xt[j + 2] = sq(x[j + 1] - 2 * x[j + 2]);
      xt[j + 3] = Math.sqrt(10) * sq(x[j] - x[j + 3]);
    }
    for (int j = 0; j + 3 < n; j += 4) {
      g[j] = xt[j] + 2 * Math.sqrt(10) * (x[j] - x[j + 3]) * xt[j + 3];
      g[j + 1] = 10 * xt[j] + 2 * (x[j + 1] - 2 * x[j + 2]) * xt[j + 2];
      g[j + 2] = Math.sqrt(5) * xt[j + 1] - 4 * (x[j + 1] - 2 * x[j + 2]) * xt[j + 2];
      g[j + 3] = -Math.sqrt(5) * xt[j + 1] - 2 * Math.sqrt(10) * (x[j] - x[j + 3]) * xt[j + 3];
    }
  }

  static void penaltyIGradient(double[] g, double[] x) {
    double alpha = Objectives.PENALTY_ALPHA;
    int n = x.length;
    double[] xt = new double[n];
    double sumAbs2 = 0;
    for (int i = 0; i < n; i++) {
      xt[i] = alpha * (x[i] - 1.0);
      sumAbs2 += sq(x[i]);
    }
    double xtend = sumAbs2 - 0.25;
    for (int i = 0; i < n; i++) {
      g[i] = alpha * xt[i] + 2.0 * xtend * x[i];
    }
  }

  static void trigonometricGradient(double[] g, double[] x) {
    int n = x.length;
    double scos = 0;
    for (double xi : x) {
      scos += Math.cos(xi);
    }
    double[] xt = new double[n];
    for (int i = 1; i <= n; i++) {
      xt[i - 1] = n + i * (1.0 - Math.cos(x[i - 1])) - Math.sin(x[i - 1]) - scos;
    }
    double sxt = 0;
    for (double v : xt) {
      sxt += v;
    }
    for (int i = 1; i <= n; i++) {
      g[i - 1] = sxt * Math.sin(x[i - 1])
          + xt[i - 1] * (i * Math.sin(x[i - 1]) - Math.cos(x[i - 1]));
    }
  }

  // Beale through the package's sum-of-squares utilities: f, J, H(x, i).

  private static double[] bealeF(double[] x) {
    double[] f = new double[3];
    for (int i = 1; i <= 3; i++) {
      f[i - 1] = Objectives.BEALE_Y[i - 1] - x[0] * (1 - Math.pow(x[1], i));
    }
    return f;
  }

  private static double[][] bealeJ(double[] x) {
    double[][] j = new double[3][2];
    for (int i = 1; i <= 3; i++) {
      j[i - 1][0] = -(1 - Math.pow(x[1], i));
      j[i - 1][1] = i * x[0] * Math.pow(x[1], i - 1);
    }
    return j;
  }

  private static double[][] bealeH(double[] x, int i) {
    double od = i * Math.pow(x[1], i - 1);
    double d2 = i > 1 ? i * (i - 1) * x[0] * Math.pow(x[1], i - 2) : 0.0;
    return new double[][] {{0, od}, {od, d2}};
  }

  /** {@code sumsq_gradient!}: {@code sum((2.0 .* f(x)) .* J(x), dims = 1)}. */
  static void bealeGradient(double[] g, double[] x) {
    double[] f = bealeF(x);
    double[][] j = bealeJ(x);
    for (int c = 0; c < 2; c++) {
      double s = 0;
      for (int r = 0; r < 3; r++) {
        s += 2.0 * f[r] * j[r][c];
      }
      g[c] = s;
    }
  }

  /** {@code sumsq_hessian!}: {@code 2 J'J + sum_i 2 f_i H(x, i)}. */
  static void bealeHessian(double[][] h, double[] x) {
    double[] f = bealeF(x);
    double[][] j = bealeJ(x);
    for (int a = 0; a < 2; a++) {
      for (int b = 0; b < 2; b++) {
        double s = 0;
        for (int r = 0; r < 3; r++) {
          s += j[r][a] * j[r][b];
        }
        h[a][b] = 2.0 * s;
      }
    }
    for (int i = 1; i <= 3; i++) {
      double[][] hi = bealeH(x, i);
      for (int a = 0; a < 2; a++) {
        for (int b = 0; b < 2; b++) {
          h[a][b] += (2.0 * f[i - 1]) * hi[a][b];
        }
      }
    }
  }

  // ---- quad_transforms.jl ----

  static void quadGradient(double[] g, double[] x, double[][] mat, double[] vec) {
    int n = x.length;
    double[] xt = new double[n];
    for (int i = 0; i < n; i++) {
      xt[i] = x[i] - vec[i];
    }
    matVec(g, mat, xt);
  }

  static void quadHessian(double[][] h, double[][] mat) {
    for (int i = 0; i < mat.length; i++) {
      System.arraycopy(mat[i], 0, h[i], 0, mat[i].length);
    }
  }

  static void paraboloidGradient(double[] g, double[] x, double[][] mat, double[] vec,
      double alpha) {
    int n = x.length;
    double[] xt = new double[n];
    for (int i = 0; i < n; i++) {
      xt[i] = x[i] - vec[i];
    }
    for (int i = 1; i < n; i++) { // xt[2:end] .-= param.alpha*xt[1]^2
      xt[i] -= alpha * sq(xt[0]);
    }
    matVec(g, mat, xt);
    double tail = 0; // sum(storage[2:end])
    for (int i = 1; i < n; i++) {
      tail += g[i];
    }
    g[0] -= 2.0 * alpha * xt[0] * tail;
  }

  private static void matVec(double[] out, double[][] mat, double[] v) {
    for (int i = 0; i < mat.length; i++) {
      double s = 0;
      for (int j = 0; j < v.length; j++) {
        s += mat[i][j] * v[j];
      }
      out[i] = s;
    }
  }
}

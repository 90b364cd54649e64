package dev.tapeless.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * Robustness cases about names: user names equal to the names generated code uses for its own
 * variables, fields and classes, names JavaPoet must guess a package from, unicode and
 * {@code $}, and classes of the user's package that hide {@code java.lang} ones. Generated code
 * shares scopes with user names, so each clash can make it refer to the wrong thing.
 */
final class NameCases {
  private NameCases() {}

  /** Names the generated sweeps and frames use for parameters, locals and fields. */
  private static final List<String> INTERNAL_NAMES = List.of(
      "frame", "sweeps", "value", "dResult", "saved", "overwrite", "overwriting", "result",
      "resultBar", "t1", "t2", "aBar", "aSaved", "da", "dda", "iterations", "k", "i", "col",
      "row", "rows", "hoisted", "scalarAdjoints", "J", "var", "record");

  /** Method names whose frame class would be named like a class generated code refers to. */
  private static final List<String> FRAME_NAMES = List.of(
      "value", "zero", "primal", "accumulate", "backpropagate", "sweeps", "math", "strictMath",
      "generated", "gradientFrame", "savedValues", "shapes", "buffers", "string", "object",
      "t_Grad", "t_GradSweeps");

  /** Classes a user may declare in their own package that hide a java.lang or support class. */
  private static final List<String> HIDING_CLASSES = List.of(
      "Math", "StrictMath", "SavedValues", "Shapes", "Generated", "GradientFrame", "Record",
      "Override", "Double", "Integer", "Object", "System", "ArrayIndexOutOfBoundsException",
      "IllegalArgumentException", "IllegalStateException");

  static List<RobustCase> all() {
    List<RobustCase> all = new ArrayList<>();
    for (int i = 0; i < INTERNAL_NAMES.size(); i++) {
      all.add(parameterNamed(INTERNAL_NAMES.get(i), "r.np" + i));
      all.add(localNamed(INTERNAL_NAMES.get(i), "r.nl" + i));
    }
    for (int i = 0; i < FRAME_NAMES.size(); i++) {
      all.add(methodNamed(FRAME_NAMES.get(i), "r.nm" + i));
    }
    for (int i = 0; i < HIDING_CLASSES.size(); i++) {
      all.add(hidingClass(HIDING_CLASSES.get(i), "r.nh" + i));
    }
    all.addAll(others());
    return all;
  }

  /** A scalar parameter with that name, next to {@code a}, read before and in a loop. */
  private static RobustCase parameterNamed(String name, String pkg) {
    return RobustCase.named("parameter named " + name).source(pkg + ".T", """
        package %1$s;
        import dev.tapeless.*;
        public class T {
          @Differentiable
          public static double f(double a, double %2$s, int n) {
            double z = a * %2$s;
            for (int j = 0; j < n; j++) {
              z = Math.sin(z) * %2$s;
            }
            return z + %2$s * a;
          }
        }
        """.formatted(pkg, name));
  }

  /** A local with that name, overwritten in a loop so that its old values are saved. */
  private static RobustCase localNamed(String name, String pkg) {
    return RobustCase.named("local named " + name).source(pkg + ".T", """
        package %1$s;
        import dev.tapeless.*;
        public class T {
          @Differentiable
          public static double f(double a, double[] w, int n) {
            double %2$s = a;
            double[] h = new double[n];
            for (int j = 0; j < n; j++) {
              %2$s = Math.sin(%2$s) * w[j];
              h[j] = %2$s * %2$s;
            }
            return %2$s + h[0];
          }
        }
        """.formatted(pkg, name));
  }

  /** A method with that name, and so a frame class with its name in UpperCamelCase. */
  private static RobustCase methodNamed(String name, String pkg) {
    return RobustCase.named("method named " + name).source(pkg + ".T", """
        package %1$s;
        import dev.tapeless.*;
        public class T {
          @Differentiable
          public static double %2$s(double a, double[] w, @NoDerivative double[] x) {
            double s = 0;
            for (int j = 0; j < w.length; j++) {
              s = Math.sin(s + w[j] * x[j] * a);
            }
            return s;
          }
          @Differentiable
          public static void out(double[] w, @Out double[] y) {
            for (int j = 0; j < w.length; j++) y[j] = StrictMath.exp(w[j]) * w[j];
          }
        }
        """.formatted(pkg, name)).compilesOrRejectsAt("public static double " + name + "(");
  }

  /**
   * A class of the user's package named like a class generated code uses: Java lets it hide the
   * java.lang one in that package, so the user's code says {@code java.lang.Math} where it means
   * that one.
   */
  private static RobustCase hidingClass(String name, String pkg) {
    String math = name.equals("Math") ? "java.lang.Math" : "Math";
    String strict = name.equals("StrictMath") ? "java.lang.StrictMath" : "StrictMath";
    return RobustCase.named("user class " + name + " in the same package")
        .source(pkg + "." + name, """
        package %s;
        class %s {}
        """.formatted(pkg, name)).source(pkg + ".T", """
        package %1$s;
        import dev.tapeless.*;
        public class T {
          @Differentiable
          public static double f(double a, double[] w, double[][] m, int n) {
            double[] h = new double[n];
            double s = 0;
            for (int i = 0; i < n; i++) {
              for (int j = 0; j < m[i].length; j++) h[i] += m[i][j] * w[j];
              s = %2$s.tanh(s + h[i] * a) + %3$s.log1p(h[i] * h[i]);
            }
            return s;
          }
          @Differentiable
          public static void g(double[] x, @Out double[] y) {
            for (int i = 0; i < x.length; i++) y[i] = %2$s.exp(x[i]) * x[i];
          }
        }
        """.formatted(pkg, math, strict));
  }

  private static List<RobustCase> others() {
    return List.of(
        RobustCase.named("parameters a, d and da").source("r.no1.T", """
            package r.no1;
            import dev.tapeless.*;
            public class T {
              @Differentiable
              public static double f(double a, double d, double da, double dd) {
                return a * d + da * dd + Math.exp(a * da);
              }
            }
            """),
        RobustCase.named("output y next to an input named dy").source("r.no2.T", """
            package r.no2;
            import dev.tapeless.*;
            public class T {
              @Differentiable
              public static void f(double[] dy, double[] J, @Out double[] y) {
                for (int i = 0; i < y.length; i++) y[i] = dy[i] * J[i];
              }
            }
            """),
        RobustCase.named("outputs named like seeds of each other").source("r.no3.T", """
            package r.no3;
            import dev.tapeless.*;
            public class T {
              @Differentiable
              public static double f(double[] x, @Out double[] y, @Out double[] dy) {
                for (int i = 0; i < x.length; i++) {
                  y[i] = x[i] * x[i];
                  dy[i] = 2 * x[i];
                }
                return y[0] + dy[0];
              }
            }
            """),
        RobustCase.named("methods e and E").source("r.no4.T", """
            package r.no4;
            import dev.tapeless.*;
            public class T {
              @Differentiable
              public static double e(double x) { return x * x; }
              @Differentiable
              public static double E(double x) { return x * x * x; }
            }
            """).rejects("TL006", "public static double E(double x)"),
        RobustCase.named("nested A.B and top-level A_B").source("r.no5.A", """
            package r.no5;
            import dev.tapeless.*;
            public class A {
              public static class B {
                @Differentiable
                public static double f(double x) { return x * x; }
              }
            }
            """).source("r.no5.A_B", """
            package r.no5;
            import dev.tapeless.*;
            public class A_B {
              @Differentiable
              public static double g(double x) { return x * x * x; }
            }
            """).compilesOrRejectsAt("public static double g(double x)"),
        RobustCase.named("unicode identifiers").source("r.ü.Größe", """
            package r.ü;
            import dev.tapeless.*;
            public class Größe {
              static final double ΠΑΡ = 0.5;
              @Differentiable
              public static double länge(double ξ, double δx) {
                double π2 = ξ * δx * ΠΑΡ;
                return Math.sqrt(π2 * π2 + 1);
              }
              @Differentiable
              public static double 𝑓(double 𝑥) { return länge(𝑥, 2) * 𝑥; }
            }
            """),
        RobustCase.named("$ in class, method, parameter and local names").source("r.no6.T$U", """
            package r.no6;
            import dev.tapeless.*;
            public class T$U {
              static double $scale(int n$) { return n$ * 0.5; }
              @Differentiable
              public static double f$(double x$, double $, int n$) {
                double $tmp = x$ * $ * $scale(n$);
                return $tmp * $tmp;
              }
              public static class $Inner {
                @Differentiable
                public static double $g(double $x) { return f$($x, 1, 2); }
              }
            }
            """),
        RobustCase.named("helper in a class named with a leading $").source("r.no7.$Util", """
            package r.no7;
            public class $Util {
              public static final double K = 2;
              public static double scale(int n) { return n * 0.5; }
            }
            """).source("r.no7.T", """
            package r.no7;
            import dev.tapeless.*;
            public class T {
              @Differentiable
              public static double f(double x, int n) { return x * $Util.scale(n) + $Util.K * x; }
            }
            """),
        RobustCase.named("helper in a lowercase class").source("r.no8.util", """
            package r.no8;
            public class util {
              public static final double K = 2;
              public static double scale(int n) { return n * 0.5; }
            }
            """).source("r.no8.T", """
            package r.no8;
            import dev.tapeless.*;
            public class T {
              @Differentiable
              public static double f(double x, int n) { return x * util.scale(n) + util.K * x; }
            }
            """),
        RobustCase.named("lowercase class with a helper of its own").source("r.no9.lower", """
            package r.no9;
            import dev.tapeless.*;
            public class lower {
              static double scale(int n) { return n * 0.5; }
              @Differentiable
              public static double f(double x, int n) { return x * scale(n); }
            }
            """),
        RobustCase.named("callee in another package with parameters named like generated"
            + " members").source("r.nx1.lib.L", """
            package r.nx1.lib;
            import dev.tapeless.*;
            public class L {
              @Differentiable
              public static double g(double sweeps, double[] frame, double value, double dResult,
                  double primal, @Out double[] overwrite) {
                overwrite[0] = sweeps * frame[0] * primal;
                return sweeps * value + dResult * dResult + frame[0] * overwrite[0];
              }
              @Differentiable
              public static double h(double sweeps, double $splitForward, double $primal) {
                return sweeps * $splitForward * $primal;
              }
            }
            """).source("r.nx1.T", """
            package r.nx1;
            import dev.tapeless.*;
            public class T {
              @Differentiable
              public static double f(double sweeps, double[] frame, double dResult) {
                double[] value = new double[1];
                double s = r.nx1.lib.L.g(sweeps, frame, sweeps * 2, dResult, sweeps, value);
                double t = r.nx1.lib.L.h(sweeps, s, value[0]);
                return Math.sin(s) * value[0] + t;
              }
            }
            """),
        RobustCase.named("class named with a leading underscore").source("r.no10._Impl", """
            package r.no10;
            import dev.tapeless.*;
            public class _Impl {
              static double scale(int n) { return n * 0.5; }
              @Differentiable
              public static double f(double x, int n) { return x * scale(n); }
            }
            """),
        RobustCase.named("package with upper-case letters").source("r.Upper.T", """
            package r.Upper;
            import dev.tapeless.*;
            public class T {
              static final double K = 2;
              static double scale(int n) { return n * 0.5; }
              @Differentiable
              public static double f(double x, int n) { return x * scale(n) * K; }
            }
            """),
        RobustCase.named("user class Math with a sin of its own, differentiated as a helper").source("r.no11.Math", """
            package r.no11;
            class Math {
              static double sin(double v) { return v; }
            }
            """).source("r.no11.T", """
            package r.no11;
            import dev.tapeless.*;
            public class T {
              @Differentiable
              public static double f(double x) { return Math.sin(x) * x; }
            }
            """), // its own Math.sin is a helper with source: differentiated by inlining
        RobustCase.named("protected helper inherited from another package")
            .source("r.no12.base.Base", """
            package r.no12.base;
            public class Base {
              protected static final double K = 2;
              protected static double scale(int n) { return n * 0.5; }
            }
            """).source("r.no12.T", """
            package r.no12;
            import dev.tapeless.*;
            public class T extends r.no12.base.Base {
              @Differentiable
              public static double f(double x, int n) { return x * scale(n) + K * x; }
            }
            """).compilesOrRejectsAt("public static double f(double x, int n) { return x * scale"),
        RobustCase.named("private helper").source("r.no13.T", """
            package r.no13;
            import dev.tapeless.*;
            public class T {
              private static double scale(int n) { return n * 0.5; }
              @Differentiable
              public static double f(double x, int n) {
                return x * scale(n);
              }
            }
            """),
        RobustCase.named("private helper that may not run").source("r.no13b.T", """
            package r.no13b;
            import dev.tapeless.*;
            public class T {
              private static double scale(int n) { return n * 0.5; }
              @Differentiable
              public static double f(double x, int n) {
                return n > 0 && scale(n) > 1 ? x : 2 * x;
              }
            }
            """).rejects("TL124", "return n > 0 && scale(n) > 1"),
        RobustCase.named("private constant").source("r.no14.T", """
            package r.no14;
            import dev.tapeless.*;
            public class T {
              private static final double K = 2;
              private static final double[] TABLE = {1, 2};
              @Differentiable
              public static double f(double x) {
                return x * K;
              }
            }
            """).compilesOrRejectsAt("return x * K;"));
  }
}

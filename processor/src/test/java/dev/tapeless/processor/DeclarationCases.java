package dev.tapeless.processor;

import java.util.List;

/**
 * Robustness cases about where {@code @Differentiable} sits and what surrounds it: generic and
 * nested classes, misused annotations, broken code elsewhere in the compilation, and generated
 * classes used by the code they are generated from. Each case has a package of its own.
 */
final class DeclarationCases {
  private DeclarationCases() {}

  /** A valid differentiable method, for files that are about something else. */
  private static final String VALID = """
        @Differentiable
        public static double f(double x, double y) {
          double z = x * y + Math.sin(x);
          return z * z;
        }
      """;

  static List<RobustCase> all() {
    return List.of(
        // ---------------------------------------------------------------- generics
        RobustCase.named("generic class holding a static method").source("r.g1.Box", """
            package r.g1;
            import dev.tapeless.*;
            public class Box<T extends Number> {
              T held;
            %s
              <U extends T> U first(java.util.List<U> xs) { return xs.get(0); }
            }
            """.formatted(VALID)),
        RobustCase.named("generic method").source("r.g2.T", """
            package r.g2;
            import dev.tapeless.*;
            public class T {
              @Differentiable
              public static <N extends Number> double f(double x, N n) { return x; }
            }
            """).rejects("TL007", "public static <N extends Number>")
            .rejects("TL008", "public static <N extends Number>"),
        RobustCase.named("generic helper on a passive value").source("r.g3.T", """
            package r.g3;
            import dev.tapeless.*;
            public class T {
              static <V> V id(V v) { return v; }
              @Differentiable
              public static double f(double x, int n) {
                int m = id(n);
                return x * m;
              }
            }
            """).compilesOrRejectsAt("int m = id(n);"),
        RobustCase.named("generic helper returning double on a passive value").source("r.g4.T", """
            package r.g4;
            import dev.tapeless.*;
            public class T {
              static <V extends Number> double widen(V v) { return v.doubleValue(); }
              @Differentiable
              public static double f(double x, int n) {
                double k = widen(n);
                return x * k;
              }
            }
            """),
        RobustCase.named("wildcard types in other methods").source("r.g5.T", """
            package r.g5;
            import dev.tapeless.*;
            import java.util.*;
            public class T {
              static double sum(Collection<? extends Number> xs) {
                double s = 0;
                for (Number v : xs) s += v.doubleValue();
                return s;
              }
              static void fill(List<? super Double> out) { out.add(1.0); }
              static Map<?, ? extends List<?>> nothing() { return Map.of(); }
            %s
            }
            """.formatted(VALID)),

        // ---------------------------------------------------------------- nesting
        RobustCase.named("static nested class").source("r.n1.Outer", """
            package r.n1;
            import dev.tapeless.*;
            public class Outer {
              public static class Inner {
            %s
              }
              static double use() throws Exception {
                Outer_Inner_Grad.F g = new Outer_Inner_Grad.F();
                return g.valueAndGradient(1, 2) + g.dx;
              }
            }
            """.formatted(VALID)),
        RobustCase.named("inner class").source("r.n2.Outer", """
            package r.n2;
            import dev.tapeless.*;
            public class Outer {
              public class Inner {
                @Differentiable
                public static double f(double x) { return x * x; }
              }
            }
            """).rejects("TL009", "public static double f(double x)"),
        RobustCase.named("local class").source("r.n3.T", """
            package r.n3;
            import dev.tapeless.*;
            public class T {
              static double outer(double v) {
                class Local {
                  @Differentiable
                  static double f(double x) { return x * x; }
                }
                return Local.f(v);
              }
            }
            """).rejects("TL009", "static double f(double x)"),
        RobustCase.named("anonymous class").source("r.n4.T", """
            package r.n4;
            import dev.tapeless.*;
            public class T {
              static Object o = new Object() {
                @Differentiable
                static double f(double x) { return x * x; }
              };
            }
            """).rejects("TL009", "static double f(double x)"),
        RobustCase.named("enum").source("r.n5.Act", """
            package r.n5;
            import dev.tapeless.*;
            public enum Act {
              RELU, TANH;
              @Differentiable
              public static double f(double x, double y) { return Math.tanh(x) * y; }
              double apply(double v) { return this == RELU ? Math.max(0, v) : Math.tanh(v); }
            }
            """),
        RobustCase.named("enum constant body").source("r.n5b.Act", """
            package r.n5b;
            import dev.tapeless.*;
            public enum Act {
              RELU {
                @Differentiable
                static double f(double x) { return x * x; }
              };
            }
            """).rejects("TL009", "static double f(double x)"),
        RobustCase.named("interface static method").source("r.n6.Fn", """
            package r.n6;
            import dev.tapeless.*;
            public interface Fn {
              double apply(double v);
            %s
              @Differentiable
              static double g(double x) { return f(x, 2) + x; }
            }
            """.formatted(VALID)),
        RobustCase.named("interface abstract method").source("r.n7.Fn", """
            package r.n7;
            import dev.tapeless.*;
            public interface Fn {
              @Differentiable
              double apply(double v);
            }
            """).rejects("TL001", "double apply(double v)"),
        RobustCase.named("interface default method").source("r.n7b.Fn", """
            package r.n7b;
            import dev.tapeless.*;
            public interface Fn {
              @Differentiable
              default double apply(double v) { return v * v; }
            }
            """).rejects("TL001", "default double apply"),
        RobustCase.named("record").source("r.n8.Pt", """
            package r.n8;
            import dev.tapeless.*;
            public record Pt(double x, double y) {
              @Differentiable
              public static double norm(double x, double y) { return Math.hypot(x, y); }
              double norm() { return norm(x, y); }
              record Polar(double r, double t) {
                @Differentiable
                static double area(double r, double t) { return r * r * t / 2; }
              }
            }
            """),
        RobustCase.named("nested class in an interface").source("r.n9.Api", """
            package r.n9;
            import dev.tapeless.*;
            public interface Api {
              class Impl {
            %s
              }
            }
            """.formatted(VALID)),
        RobustCase.named("both levels of nesting, calling each other").source("r.n10.Net", """
            package r.n10;
            import dev.tapeless.*;
            public class Net {
              @Differentiable
              public static double loss(double w, double b) { return Layer.act(w + b) * w; }
              public static final class Layer {
                @Differentiable
                public static double act(double z) { return Math.tanh(z); }
                public static final class Cell {
                  @Differentiable
                  public static double step(double h, double w) { return act(h * w) + loss(h, w); }
                }
              }
            }
            """),
        RobustCase.named("private nested class").source("r.n11.T", """
            package r.n11;
            import dev.tapeless.*;
            public class T {
              private static final class Hidden {
                static double scale(int n) { return n * 0.5; }
                @Differentiable
                static double f(double x, int n) { return x * scale(n); }
              }
              static double use(double x) { return Hidden.f(x, 2); }
            }
            """).compilesOrRejectsAt("static double f(double x, int n)"),

        // ---------------------------------------------------------------- lambdas elsewhere
        RobustCase.named("lambdas and method references in other methods").source("r.l1.T", """
            package r.l1;
            import dev.tapeless.*;
            import java.util.function.*;
            import java.util.stream.*;
            public class T {
              static final DoubleUnaryOperator SQUARE = v -> v * v;
              static final Supplier<T_Grad.F> FRAMES = T_Grad.F::new;
              static double total(double[] xs) {
                return DoubleStream.of(xs).map(Math::sin).map(SQUARE).sum();
              }
              static Runnable later(double x) {
                return () -> System.out.println(IntStream.range(0, 3).mapToDouble(i -> x * i).sum());
              }
            %s
            }
            """.formatted(VALID)),
        RobustCase.named("lambda inside the method").source("r.l2.T", """
            package r.l2;
            import dev.tapeless.*;
            import java.util.function.DoubleUnaryOperator;
            public class T {
              @Differentiable
              public static double f(double x) {
                DoubleUnaryOperator g = v -> v * x;
                return g.applyAsDouble(x);
              }
            }
            """).rejects("TL105", "DoubleUnaryOperator g = v -> v * x;")
            .rejects("TL112", "DoubleUnaryOperator g = v -> v * x;")
            .rejects("TL111", "return g.applyAsDouble(x);"),

        // ---------------------------------------------------------------- annotation misuse
        RobustCase.named("@Differentiable on a field").source("r.a1.T", """
            package r.a1;
            import dev.tapeless.*;
            public class T {
              @Differentiable static double w = 1;
            %s
            }
            """.formatted(VALID)).userError("not applicable", "@Differentiable static double w"),
        RobustCase.named("@Differentiable on a constructor").source("r.a2.T", """
            package r.a2;
            import dev.tapeless.*;
            public class T {
              @Differentiable T(double x) {}
            %s
            }
            """.formatted(VALID)).userError("not applicable", "@Differentiable T(double x)"),
        RobustCase.named("@Differentiable on an instance method of a class without fields")
            .source("r.a3.T", """
            package r.a3;
            import dev.tapeless.*;
            public class T {
              @Differentiable
              public double f(double x) { return x * x; }
            }
            """),
        RobustCase.named("@Differentiable on an abstract method").source("r.a4.T", """
            package r.a4;
            import dev.tapeless.*;
            public abstract class T {
              @Differentiable
              public abstract double f(double x);
            }
            """).rejects("TL001", "public abstract double f(double x)"),
        RobustCase.named("@Differentiable on a native method").source("r.a5.T", """
            package r.a5;
            import dev.tapeless.*;
            public class T {
              @Differentiable
              public static native double f(double x);
            }
            """).compilesOrRejectsAt("public static native double f"),
        RobustCase.named("@Out on a scalar").source("r.a6.T", """
            package r.a6;
            import dev.tapeless.*;
            public class T {
              @Differentiable
              public static double f(double x, @Out double y) { return x; }
            }
            """).rejects("TL013", "public static double f(double x, @Out double y)"),
        RobustCase.named("@Out on an int[]").source("r.a7.T", """
            package r.a7;
            import dev.tapeless.*;
            public class T {
              @Differentiable
              public static void f(double[] x, @Out int[] n) { n[0] = 1; }
            }
            """).rejects("TL013", "public static void f(double[] x, @Out int[] n)"),
        RobustCase.named("@NoDerivative on an int").source("r.a8.T", """
            package r.a8;
            import dev.tapeless.*;
            public class T {
              @Differentiable
              public static double f(double x, @NoDerivative int n) { return x * n; }
            }
            """),
        RobustCase.named("@NoDerivative and @Out on one parameter").source("r.a8b.T", """
            package r.a8b;
            import dev.tapeless.*;
            public class T {
              @Differentiable
              public static void f(double[] x, @NoDerivative @Out double[] y) { y[0] = x[0] * 2; }
            }
            """).compilesOrRejectsAt("public static void f("),
        RobustCase.named("wrt names a missing parameter").source("r.a9.T", """
            package r.a9;
            import dev.tapeless.*;
            public class T {
              @Differentiable(wrt = {"x", "q"})
              public static double f(double x, double y) { return x * y; }
            }
            """).rejects("TL003", "@Differentiable(wrt"),
        RobustCase.named("wrt names an int").source("r.a10.T", """
            package r.a10;
            import dev.tapeless.*;
            public class T {
              @Differentiable(wrt = "n")
              public static double f(double x, int n) { return x * n; }
            }
            """).rejects("TL004", "@Differentiable(wrt"),
        RobustCase.named("wrt names the same parameter twice").source("r.a10b.T", """
            package r.a10b;
            import dev.tapeless.*;
            public class T {
              @Differentiable(wrt = {"x", "x"})
              public static double f(double x, double y) { return x * y; }
            }
            """).compilesOrRejectsAt("@Differentiable(wrt"),
        RobustCase.named("name is not an identifier").source("r.a11.T", """
            package r.a11;
            import dev.tapeless.*;
            public class T {
              @Differentiable(name = "not an identifier")
              public static double f(double x) { return x * x; }
            }
            """).rejects("TL010", "@Differentiable(name"),
        RobustCase.named("name is a keyword").source("r.a12.T", """
            package r.a12;
            import dev.tapeless.*;
            public class T {
              @Differentiable(name = "class")
              public static double f(double x) { return x * x; }
              @Differentiable(name = "_")
              public static double g(double x) { return x * x; }
            }
            """).rejects("TL010", "@Differentiable(name = \"class\")")
            .rejects("TL010", "@Differentiable(name = \"_\")"),
        RobustCase.named("two overloads without name").source("r.a13.T", """
            package r.a13;
            import dev.tapeless.*;
            public class T {
              @Differentiable
              public static double f(double x) { return x * x; }
              @Differentiable
              public static double f(double x, double y) { return x * y; }
            }
            """).rejects("TL006", "public static double f(double x, double y)"),
        RobustCase.named("@CustomDerivative naming a missing pullback").source("r.a14.T", """
            package r.a14;
            import dev.tapeless.*;
            public class T {
              @CustomDerivative("cubePullback")
              public static double cube(double x) { return x * x * x; }
            }
            """).rejects("TL014", "public static double cube"),
        RobustCase.named("@CustomDerivative with a wrong signature, called").source("r.a15.T", """
            package r.a15;
            import dev.tapeless.*;
            public class T {
              @CustomDerivative("cubePullback")
              public static double cube(double x) { return x * x * x; }
              public static int cubePullback(double x, double dResult, double extra) { return 0; }
              @Differentiable
              public static double f(double x) { return cube(x) + x; }
            }
            """).rejects("TL014", "public static double cube")
            .rejects("TL014", "return cube(x) + x;"),
        RobustCase.named("@CustomDerivative on an instance method").source("r.a16.T", """
            package r.a16;
            import dev.tapeless.*;
            public class T {
              @CustomDerivative("cubePullback")
              public double cube(double x) { return x * x * x; }
              public double cubePullback(double x, double dResult) { return 3 * x * x * dResult; }
            }
            """).compilesOrRejectsAt("public double cube"),
        RobustCase.named("@CustomDerivative and @Differentiable on one method").source("r.a17.T", """
            package r.a17;
            import dev.tapeless.*;
            public class T {
              @Differentiable
              @CustomDerivative(value = "cubePullback", pushforward = "cubeDot")
              public static double cube(double x) { return x * x * x; }
              public static double cubeDot(double x, double xDot) { return 3 * x * x * xDot; }
              public static double cubePullback(double x, double dResult) {
                return 3 * x * x * dResult;
              }
              @Differentiable
              public static double f(double x) { return cube(x) * 2; }
            }
            """).compilesOrRejectsAt("public static double cube"),
        RobustCase.named("@Differentiable on a private method").source("r.a18.T", """
            package r.a18;
            import dev.tapeless.*;
            public class T {
              @Differentiable
              private static double f(double x) { return x * x; }
            }
            """).rejects("TL005", "private static double f"),
        RobustCase.named("fully qualified annotation, varargs, final and synchronized")
            .source("r.a19.T", """
            package r.a19;
            public class T {
              @dev.tapeless.Differentiable
              public static synchronized strictfp double f(final double x, double... ys) {
                double s = x;
                for (double y : ys) s += y * x;
                return s;
              }
            }
            """),

        // ---------------------------------------------------------------- broken code elsewhere
        RobustCase.named("missing semicolon in another method").source("r.s1.T", """
            package r.s1;
            import dev.tapeless.*;
            public class T {
            %s
              static int g() { return 1 }
            }
            """.formatted(VALID)).userError("';' expected", "static int g()"),
        RobustCase.named("missing semicolon in another file").source("r.s2.A", """
            package r.s2;
            import dev.tapeless.*;
            public class A {
            %s
            }
            """.formatted(VALID)).source("r.s2.B", """
            package r.s2;
            public class B {
              static int g() { return 1 }
            }
            """).userError("';' expected", "static int g()"),
        RobustCase.named("unresolved symbol in another method").source("r.s3.T", """
            package r.s3;
            import dev.tapeless.*;
            public class T {
            %s
              static int g() { return undefinedThing; }
            }
            """.formatted(VALID)).userError("cannot find symbol", "static int g()"),
        RobustCase.named("unresolved symbol in another file").source("r.s4.A", """
            package r.s4;
            import dev.tapeless.*;
            public class A {
            %s
              static double h(double x) { return B.g(x); }
            }
            """.formatted(VALID)).source("r.s4.B", """
            package r.s4;
            public class B {
              static double g(double x) { return x * undefinedThing; }
            }
            """).userError("cannot find symbol", "return x * undefinedThing;"),
        RobustCase.named("unresolved type in a field").source("r.s5.T", """
            package r.s5;
            import dev.tapeless.*;
            public class T {
              static Frobnicator shared;
            %s
            }
            """.formatted(VALID)).userError("cannot find symbol", "static Frobnicator shared;"),
        RobustCase.named("unresolved import").source("r.s6.T", """
            package r.s6;
            import dev.tapeless.*;
            import com.nowhere.Missing;
            public class T {
            %s
            }
            """.formatted(VALID)).userError("does not exist", "import com.nowhere.Missing;"),
        RobustCase.named("unresolved supertype").source("r.s7.T", """
            package r.s7;
            import dev.tapeless.*;
            public class T extends MissingBase {
            %s
            }
            """.formatted(VALID)).userError("cannot find symbol", "extends MissingBase"),
        RobustCase.named("class without its closing brace").source("r.s8.T", """
            package r.s8;
            import dev.tapeless.*;
            public class T {
              @Differentiable
              public static double f(double x) {
                return x * x;
              } // end of file
            """).userError("reached end of file while parsing", "} // end of file"),
        RobustCase.named("parse error inside the method").source("r.s9.T", """
            package r.s9;
            import dev.tapeless.*;
            public class T {
              @Differentiable
              public static double f(double x) {
                return x * ;
              }
            }
            """).userError("illegal start of expression", "return x * ;"),

        // ---------------------------------------------------------------- generated classes
        RobustCase.named("class using its own generated frame").source("r.r1.X", """
            package r.r1;
            import dev.tapeless.*;
            public class X {
              static final X_Grad.F SHARED = new X_Grad.F();
            %s
              public static void main(String[] args) {
                var g = new X_Grad.F();
                System.out.println(g.valueAndGradient(1, 2) + " " + g.dx + " " + SHARED.value);
              }
            }
            """.formatted(VALID)),
        RobustCase.named("class using its own frame, with a declaration error").source("r.r2.X", """
            package r.r2;
            import dev.tapeless.*;
            public class X {
              @Differentiable(wrt = "q")
              public static double f(double x) { return x * x; }
              public static void main(String[] args) {
                var g = new X_Grad.F();
                System.out.println(g.valueAndGradient(1));
              }
            }
            """).rejects("TL003", "@Differentiable(wrt = \"q\")"),
        RobustCase.named("class using its own frame, with a body error").source("r.r3.X", """
            package r.r3;
            import dev.tapeless.*;
            public class X {
              @Differentiable
              public static double f(double x) {
                Object o = new Object();
                return x * x;
              }
              public static void main(String[] args) {
                var g = new X_Grad.F();
                System.out.println(g.valueAndGradient(1));
              }
            }
            """).rejects("TL104", "Object o = new Object();")
            .rejects("TL112", "Object o = new Object();"),
        RobustCase.named("call to a method in another file").source("r.r4.A", """
            package r.r4;
            import dev.tapeless.*;
            public class A {
              @Differentiable
              public static double f(double x, double[] w) { return B.g(x, w) * x; }
            }
            """).source("r.r4.B", """
            package r.r4;
            import dev.tapeless.*;
            public class B {
              @Differentiable
              public static double g(double x, double[] w) {
                double s = 0;
                for (int i = 0; i < w.length; i++) s += w[i] * x;
                return s;
              }
            }
            """),
        RobustCase.named("call to a method in another package with the same class name")
            .source("r.r5a.T", """
            package r.r5a;
            import dev.tapeless.*;
            import static r.r5b.T.g;
            public class T {
              @Differentiable
              public static double f(double x) { return g(x) + r.r5b.T.g(x * x); }
            }
            """).source("r.r5b.T", """
            package r.r5b;
            import dev.tapeless.*;
            public class T {
              @Differentiable
              public static double g(double x) { return Math.exp(x); }
            }
            """),
        RobustCase.named("call to a method in another file whose body is rejected")
            .source("r.r6.A", """
            package r.r6;
            import dev.tapeless.*;
            public class A {
              @Differentiable
              public static double f(double x) { return B.g(x) * x; }
            }
            """).source("r.r6.B", """
            package r.r6;
            import dev.tapeless.*;
            public class B {
              @Differentiable
              public static double g(double x) {
                try { return x * x; } finally { x = 0; }
              }
            }
            """).rejects("TL106", "try { return x * x; }"),
        RobustCase.named("call to a method in another file whose declaration is rejected")
            .source("r.r7.A", """
            package r.r7;
            import dev.tapeless.*;
            public class A {
              @Differentiable
              public static double f(double x) { return B.g(x) * x; }
            }
            """).source("r.r7.B", """
            package r.r7;
            import dev.tapeless.*;
            public class B {
              @Differentiable(wrt = "q")
              public static double g(double x) { return x * x; }
            }
            """).rejects("TL003", "@Differentiable(wrt = \"q\")"),
        RobustCase.named("declaration error next to a valid method").source("r.r8.T", """
            package r.r8;
            import dev.tapeless.*;
            public class T {
            %s
              @Differentiable
              private static double g(double x) { return x * x; }
            }
            """.formatted(VALID)).rejects("TL005", "private static double g"),
        RobustCase.named("declaration error in another file next to a valid one")
            .source("r.r9.A", """
            package r.r9;
            import dev.tapeless.*;
            public class A {
            %s
            }
            """.formatted(VALID)).source("r.r9.B", """
            package r.r9;
            import dev.tapeless.*;
            public class B {
              @Differentiable
              private static double g(double x) { return x * x; }
            }
            """).rejects("TL005", "private static double g(double x)"),
        RobustCase.named("class in the default package").source("Plain", """
            import dev.tapeless.*;
            public class Plain {
              static double scale(int n) { return n * 0.5; }
              static final double K = 3;
              @Differentiable
              public static double f(double x, int n) { return x * scale(n) * K + Nested.g(x); }
              static class Nested {
                @Differentiable
                static double g(double x) { return Math.log1p(x * x); }
              }
              static double use() { return new Plain_Grad.F().valueAndGradient(1, 2); }
            }
            """),

        // ---------------------------------------------------------------- options, environment
        RobustCase.named("-Werror -Xlint:all on valid code").source("r.o1.T", """
            package r.o1;
            import dev.tapeless.*;
            public final class T {
              private T() {}
              static final double K = 0.5;
              @Differentiable
              public static double f(double x, double[] w, @NoDerivative double[] data, int n) {
                double[] h = new double[n];
                double s = 0;
                for (int i = 0; i < n; i++) {
                  h[i] = Math.tanh(w[i] * data[i] + x);
                  if (h[i] > K) {
                    s += h[i] * h[i];
                  } else {
                    s -= h[i] * K;
                  }
                }
                return s + g(x);
              }
              @Differentiable
              static double g(double x) { return Math.exp(x); }
              @Differentiable
              public static void out(double[] x, @Out double[] y) {
                for (int i = 0; i < x.length; i++) y[i] = x[i] * x[i];
              }
            }
            """).options("-Werror", "-Xlint:all"),
        RobustCase.named("-Werror -Xlint:all,-processing on valid code").source("r.o1b.T", """
            package r.o1b;
            import dev.tapeless.*;
            public final class T {
              private T() {}
              @Differentiable
              public static double f(double x, double[] w) {
                double s = 0;
                for (double v : w) s += Math.exp(v * x);
                return s;
              }
            }
            """).options("-Werror", "-Xlint:all,-processing"),
        RobustCase.named("-Werror -Xlint:all with a deprecated helper").source("r.o2.T", """
            package r.o2;
            import dev.tapeless.*;
            public final class T {
              private T() {}
              @Deprecated
              static double scale(int n) { return n * 0.5; }
              @Deprecated
              static final double K = 3;
              @Differentiable
              public static double f(double x, int n) { return x * scale(n) * K; }
            }
            """).options("-Werror", "-Xlint:all"),
        RobustCase.named("-Atapeless.printIr=true on a rich method").source("r.o3.T", """
            package r.o3;
            import dev.tapeless.*;
            public class T {
              @Differentiable
              public static double f(double x, double[][] w, @Out double[] y, int n) {
                double[] h = new double[n];
                double s = 0;
                int k = 0;
                while (k < n) {
                  for (int j = 0; j < w[k].length; j++) h[k] += w[k][j] * x;
                  y[k] = h[k] > 0 ? h[k] : 0.1 * h[k];
                  s += y[k];
                  k++;
                  if (s > 100) break;
                }
                return s;
              }
            }
            """).options("-Atapeless.printIr=true"),
        RobustCase.named("no Compiler Tree API, with malformed declarations")
            .source("r.e1.T", """
            package r.e1;
            import dev.tapeless.*;
            public class T {
            %s
              @Differentiable(wrt = "q")
              public double g(double x) { return x; }
            }
            """.formatted(VALID)).processor(() -> new NoTreeApiTest.Wrapped(NoTreeApiTest::foreign))
            .allowsNoTreeApi().rejects("TL901", "public static double f"));
  }
}

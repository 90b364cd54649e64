package dev.tapeless.processor;

import java.util.List;

/**
 * Robustness cases about the body of a differentiable method: the user's own type errors in it,
 * constructs javac accepts that Tapeless may not, and sizes far beyond everyday code (generated
 * code grows with them and meets javac's and the JVM's limits first).
 */
final class BodyCases {
  private BodyCases() {}

  /** Class {@code r.<pkg>.T} with one method {@code f(double x, double y, int n)}. */
  /** A method of a class with a double[] TABLE = {0.5, 2.0}, declared with the modifiers. */
  private static RobustCase table(String name, String pkg, String modifiers, String body) {
    return RobustCase.named(name).source("r." + pkg + ".T", """
        package r.%s;
        import dev.tapeless.*;
        public class T {
          %s double[] TABLE = {0.5, 2.0};
          static double helper(double v) { return v * 2; }
          @Differentiable
          public static double f(double x, double y, int n) {
        %s
          } // end of f
        }
        """.formatted(pkg, modifiers, body.indent(4).stripTrailing()));
  }

  private static RobustCase method(String name, String pkg, String body) {
    return RobustCase.named(name).source("r." + pkg + ".T", """
        package r.%s;
        import dev.tapeless.*;
        public class T {
          static double helper(double v) { return v * 2; }
          @Differentiable
          public static double f(double x, double y, int n) {
        %s
          } // end of f
        }
        """.formatted(pkg, body.indent(4).stripTrailing()));
  }

  static List<RobustCase> all() {
    return List.of(
        // ---------------------------------------------------------------- the user's type errors
        method("undefined variable in the body", "b1", """
            double z = x * undefinedVar;
            return z;""")
            .userError("cannot find symbol", "double z = x * undefinedVar;"),
        method("undefined method in the body", "b2", """
            double z = x * nowhere(x);
            return z;""")
            .userError("cannot find symbol", "double z = x * nowhere(x);"),
        method("undefined type in the body", "b3", """
            Missing m = null;
            return x;""")
            .userError("cannot find symbol", "Missing m = null;"),
        method("lossy conversion in the body", "b4", """
            int k = x;
            return k * y;""")
            .userError("incompatible types", "int k = x;"),
        method("string assigned to a double", "b5", """
            double z = "text";
            return z * x;""")
            .userError("incompatible types", "double z = \"text\";"),
        method("wrong return type", "b6", """
            return "x";""")
            .userError("incompatible types", "return \"x\";"),
        method("missing return", "b7", """
            double z = x * y;""")
            .userError("missing return statement", "} // end of f").mayWarn("TL012"),
        method("wrong arguments to a helper", "b8", """
            return helper(x, y);""")
            .userError("cannot be applied", "return helper(x, y);"),
        method("instance method called from static context", "b9", """
            return x * toString().length();""")
            .userError("non-static method", "return x * toString().length();"),
        method("uninitialized local", "b10", """
            double z;
            if (n > 0) z = x;
            return z * y;""")
            .userError("might not have been initialized", "return z * y;"),

        // ---------------------------------------------------------------- odd constructs
        method("var locals", "c1", """
            var z = x * y;
            var k = n + 1;
            for (var i = 0; i < k; i++) z = z * x;
            return z;"""),
        method("switch expression", "c2", """
            double z = switch (n) { case 1 -> x; default -> y; };
            return z;""")
            .compilesOrRejectsAt("double z = switch (n)"),
        method("assert, empty statement and nested blocks", "c3", """
            assert n >= 0 : "n";
            ;
            double z;
            { z = x * y; }
            return z;""")
            .compilesOrRejectsAt("assert n >= 0"),
        method("local class in the body", "c4", """
            class Local { double v; }
            return x;""")
            .compilesOrRejectsAt("class Local"),
        method("labeled block", "c5", """
            double z = x;
            done: { if (n > 0) break done; z = y; }
            return z;""")
            .compilesOrRejectsAt("done:"),
        method("method that never returns", "c6", """
            double z = x;
            while (true) { z = z * y; }""")
            .compilesOrRejectsAt("while (true)").mayWarn("TL012"),
        method("char, short and byte locals", "c7", """
            char c = 'a';
            short s = 2;
            byte b = (byte) n;
            return x * c + y * s + b;""")
            .compilesOrRejectsAt("return x * c + y * s + b;"),
        method("instance field read through a new object", "c8", """
            return x * new int[] {1, 2}.length;""")
            .compilesOrRejectsAt("return x * new int[] {1, 2}.length;"),
        method("parameter reassigned and shadowing a static field", "c9", """
            x = x * y;
            double helper = Math.abs(x);
            return helper + x;"""),
        method("constant result", "c10", """
            return 4.0;""")
            .warns("TL012", "public static double f(double x, double y, int n)"),
        method("conditional with casts and long arithmetic", "c11", """
            long big = (long) n * 1_000_000_000L;
            double z = big > 5 ? (double) (float) x : y;
            return z + (int) x;""")
            .compilesOrRejectsAt("double z = big > 5"),
        method("string concatenation of a differentiated value", "c12", """
            String s = "v" + x;
            return s.length() * x;""")
            .rejects("TL112", "String s = \"v\" + x;")
            .rejects("TL111", "return s.length() * x;"),
        method("non-final static field of another class", "c13", """
            return x * System.nanoTime() + Integer.MAX_VALUE;"""),
        table("a constant table read by element and length", "c17", "static final", """
            double s = 0;
            for (int i = 0; i < TABLE.length; i++) {
              s += TABLE[i] * x + T.TABLE[i] * y;
            }
            return s;"""),
        table("a static array that is not final", "c18", "static", """
            return TABLE[0] * x;""")
            .rejects("TL102", "return TABLE[0] * x;"),
        table("a constant table used whole", "c19", "static final", """
            double[] copy = TABLE.clone();
            return copy[0] * x + helper(TABLE.length);""")
            .rejects("TL102", "double[] copy = TABLE.clone();"),
        method("division and remainder by constants and ints", "c14", """
            double z = x % 2.5 + y / n + n % 3;
            z /= 0.0;
            return z;"""),
        method("increment of a double and compound ops", "c15", """
            double z = x;
            z++; ++z; z--; --z;
            z *= y; z -= x; z %= 7;
            return -z;"""),
        method("unicode escapes in the source", "c16", """
            double \\u007a = x * y;
            return z;"""),

        // ---------------------------------------------------------------- sizes
        huge("straight-line method with 3000 statements", "h1", straightLine(3000)),
        huge("300 if/else statements", "h2", ifElse(300)),
        huge("500 nested parentheses", "h3", nestedParentheses(500)),
        huge("loop nest 8 deep", "h4", loopNest(8)),
        manyMethods(100),
        manyParameters("200 parameters", "h6", 50, 150),
        // The generated methods add a frame and a seed: a clear error, not uncompilable code.
        manyParameters("127 double parameters, as many as javac allows", "h7", 127, 0)
            .rejects("TL019", "public static double f("),
        manyParameters("125 double parameters, as many as the generated methods allow", "h7b",
            125, 0),
        manyParameters("200 double parameters, more than javac allows", "h8", 200, 0)
            .userError("too many parameters", "public static double f("));
  }

  /**
   * A large method: Tapeless may warn that its gradient is too large for the JIT (TL015), or
   * refuse one too large for javac (TL021), but never write a class javac cannot compile.
   */
  private static RobustCase huge(String name, String pkg, String body) {
    return method(name, pkg, body).mayWarn("TL015")
        .compilesOrRejectsAt("public static double f(");
  }

  private static String straightLine(int statements) {
    StringBuilder s = new StringBuilder("double s = x;\n");
    for (int i = 0; i < statements; i++) {
      s.append(i % 3 == 0 ? "s = s * 0.999 + x;\n" : i % 3 == 1 ? "s = s - y * 0.5;\n"
          : "s = Math.sin(s) + s;\n");
    }
    return s.append("return s;").toString();
  }

  private static String ifElse(int statements) {
    StringBuilder s = new StringBuilder("double s = x;\n");
    for (int i = 0; i < statements; i++) {
      s.append("if (s > ").append(i).append(") { s = s * y; } else { s = s + x; }\n");
    }
    return s.append("return s;").toString();
  }

  private static String nestedParentheses(int depth) {
    String e = "x";
    for (int i = 0; i < depth; i++) {
      e = "(" + e + (i % 2 == 0 ? " * y + 0.5)" : " - x)");
    }
    return "double s = " + e + ";\nreturn s;";
  }

  private static String loopNest(int depth) {
    StringBuilder s = new StringBuilder("double s = x;\n");
    for (int d = 0; d < depth; d++) {
      s.append("for (int i").append(d).append(" = 0; i").append(d).append(" < n; i")
          .append(d).append("++) {\n");
    }
    s.append("s = s * y + x;\n");
    s.append("}\n".repeat(depth));
    return s.append("return s;").toString();
  }

  private static RobustCase manyMethods(int count) {
    StringBuilder s = new StringBuilder("package r.h5;\nimport dev.tapeless.*;\npublic class T {\n");
    for (int i = 0; i < count; i++) {
      s.append("  @Differentiable\n  public static double f").append(i)
          .append("(double x, double y) {\n    return ")
          .append(i == 0 ? "x * y" : "f" + (i - 1) + "(x, y) * 0.5 + x * y")
          .append(";\n  }\n");
    }
    return RobustCase.named(count + " methods in one class, each calling the previous one")
        .source("r.h5.T", s.append("}\n").toString());
  }

  /** {@code doubles} double and {@code ints} int parameters; a double counts 2 JVM slots. */
  private static RobustCase manyParameters(String name, String pkg, int doubles, int ints) {
    StringBuilder params = new StringBuilder();
    StringBuilder sum = new StringBuilder("0.0");
    for (int i = 0; i < doubles; i++) {
      params.append(i == 0 ? "" : ", ").append("double x").append(i);
      sum.append(" + x").append(i).append(" * x").append(i);
    }
    for (int i = 0; i < ints; i++) {
      params.append(", int n").append(i);
      sum.append(" + n").append(i);
    }
    return RobustCase.named(name).source("r." + pkg + ".T", """
        package r.%s;
        import dev.tapeless.*;
        public class T {
          @Differentiable
          public static double f(%s) {
            return %s;
          }
        }
        """.formatted(pkg, params, sum)).mayWarn("TL015");
  }
}

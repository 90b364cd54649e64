package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Every construct outside the differentiable subset is a compile error with a stable code, on
 * the line of the offending expression, and the message says what to do instead.
 */
class BodyDiagnosticsTest {

  private static void assertRejected(String body, String code, int line, String advice) {
    JavaFileObject file = Sources.method(body);
    Compilation c = Sources.compile(file);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[" + code + "]").inFile(file).onLine(line);
    assertThat(c).hadErrorContaining(advice);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      labeled break     | double s = x;\\n outer: while (s < 10) { s = s * 2; }\\n return s;   | TL110 | 7 | remove the label
      size from loop    | double s = 0;\\n for (int i = 0; i < n; i++) { double[] a = new double[i + 1]; s += a[0]; }\\n return s; | TL102 | 7 | compute the size before the loop
      array chosen by ?:| double[] a = new double[2];\\n double[] b = x > 0 ? a : a;\\n return x; | TL102 | 7 | a name for an existing array or row
      try catch         | try { return x; } catch (RuntimeException e) { return y; }         | TL106 | 6 | check inputs in the caller
      object creation   | Object o = new Object();\\n return x;                              | TL104 | 6 | move object handling to the caller
      lambda            | java.util.function.DoubleUnaryOperator f = v -> v * 2;\\n return f.applyAsDouble(x); | TL105 | 6 | call a static method instead
      method reference  | java.util.function.DoubleUnaryOperator f = Math::sin;\\n return x; | TL105 | 6 | call a static method instead
      size changed in loop | double s = 0;\\n while (n > 0) { double[] a = new double[n]; n--; s += a[0] * x; }\\n return s; | TL102 | 7 | 'n' changes inside the loop
      jagged initializer | double[][] a = {{x, y}, {x}};\\n return a[0][0];                | TL102 | 6 | the same number of elements
      switch fallthrough| switch (n) { case 1: x = x * 2; default: return y; }           | TL110 | 6 | end each case with break
      break in a case   | switch (n) { case 1: if (x > 0) break; return x; default: return y; } | TL110 | 6 | end the case with break
      switch on String  | switch (String.valueOf(n)) { default: return y; }              | TL111 | 6 | switch on an int
      yield             | double r = switch (n) { case 1 -> x; default -> { yield y; } };\\n return r; | TL110 | 6 | give each case a single expression
      throw             | if (x < 0) throw new IllegalArgumentException();\\n return x;     | TL110 | 6 | validate the arguments
      char array        | char[] c = new char[2];\\n return x;                             | TL102 | 6 | use arrays of double or float
      nested assignment | double a;\\n double b = (a = x) * 2;\\n return b;                  | TL113 | 7 | make it a separate statement
      update in ?:      | int k = 0;\\n int j = x > 0 ? k++ : 0;\\n return x * j;             | TL113 | 7 | not in a branch of ?:
      update read again | int k = n;\\n int j = k++ + k;\\n return x * j;                  | TL113 | 7 | reads nowhere else
      double update     | double a = x;\\n double b = 2 * a++;\\n return b;                   | TL113 | 7 | make it a separate statement
      clone in argument | double[] a = new double[2];\\n return f(a.clone()[0], y, n);      | TL102 | 7 | double[] copy = a.clone();
      clone of matrix   | double[][] a = new double[2][2];\\n double[][] b = a.clone();\\n return x; | TL102 | 7 | copy a double[]
      string            | String s = "x";\\n return x;                                       | TL112 | 6 | use double or float for real values
      self recursion    | return n == 0 ? x : f(x, y, n - 1);                                | TL107 | 6 | rewrite it iteratively
      """)
  void rejectsUnsupportedConstruct(String what, String body, String code, int line, String advice) {
    assertRejected(body.replace("\\n", "\n"), code, line, advice);
  }

  @Test
  void rejectsFillingAParameterArrayNotMarkedOut() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double[] w, double x) {\n"
        + "    java.util.Arrays.fill(w, x);\n"
        + "    return w[0];\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL117]").inFile(file).onLine(6);
  }

  @Test
  void rejectsFieldWrite() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static double last;\n"
        + "  @Differentiable\n"
        + "  public static double f(double x) {\n"
        + "    last = x;\n"
        + "    return x;\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL103]").inFile(file).onLine(7);
    assertThat(c).hadErrorContaining("return the value or use a local variable");
  }

  @Test
  void rejectsCallToMethodWithoutSourceWhenArgumentIsDifferentiated() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double x) {\n"
        + "    double y = x * x;\n"
        + "    return Math.ulp(y) * x;\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL108] call to Math.ulp: its argument 'y' depends on a"
        + " differentiated parameter").inFile(file).onLine(7);
    assertThat(c).hadErrorContaining("mark it @Differentiable");
  }

  @Test
  void rejectsADifferentiatedValueReachingTheResultThroughNestedCallsWithoutRule() {
    // the inner call's result was not counted as varied, so neither call was an error
    JavaFileObject file = Sources.method("return Math.ulp(Math.ulp(x)) + y;");
    assertThat(Sources.compile(file)).hadErrorContaining("[TL108] call to Math.ulp: its"
        + " argument 'x' depends on a differentiated parameter").inFile(file).onLine(6);
  }

  @Test
  void rejectsMathFunctionWithoutRule() {
    JavaFileObject file = Sources.method("return Math.copySign(x, y);");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL108] call to Math.copySign").inFile(file).onLine(6);
  }

  @Test
  void acceptsCallWithoutRuleWhenNoArgumentIsDifferentiated() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static double scale(int n) { return n * 0.5; }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x, int n) {\n"
        + "    return x * scale(n);\n"
        + "  }\n"
        + "}");
    assertThat(Sources.compile(file)).succeededWithoutWarnings();
  }

  @Test
  void rejectsMutualRecursion() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double x) {\n"
        + "    return x > 1 ? g(x / 2) : x;\n"
        + "  }\n"
        + "  @Differentiable\n"
        + "  public static double g(double x) {\n"
        + "    return f(x) * 2;\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL107]").inFile(file).onLine(5);
    assertThat(c).hadErrorContaining("[TL107]").inFile(file).onLine(9);
  }

  @Test
  void rejectsDifferentiatedArgumentForParameterTheCalleeDoesNotDifferentiate() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @Differentiable(wrt = \"a\")\n"
        + "  public static double g(double a, double b) {\n"
        + "    return a * b;\n"
        + "  }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x) {\n"
        + "    return g(2.0,\n"
        + "        x);\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL114] argument for parameter 'b' of T.g")
        .inFile(file).onLine(11);
  }

  @Test
  void rejectsWriteToParameterArrayNotMarkedOut() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double[] w) {\n"
        + "    w[0] = 2 * w[0];\n"
        + "    return w[0];\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL117] this writes to parameter array 'w', which is not"
        + " marked @Out").inFile(file).onLine(6);
  }

  @Test
  void rejectsReplacingARow() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double[] w, int n) {\n"
        + "    double[][] m = new double[n][2];\n"
        + "    m[0] = w;\n"
        + "    return m[0][0];\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL102] replacing a whole row is not supported")
        .inFile(file).onLine(7);
  }

  @Test
  void rejectsReassignedArrayVariable() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double[] w, @Out double[] y) {\n"
        + "    y = w;\n"
        + "    return w[0];\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL118] array variable 'y' is assigned here")
        .inFile(file).onLine(6);
  }

  @Test
  void rejectsCustomDerivativeWithWrongPullbackSignature() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @CustomDerivative(\"cubePullback\")\n"
        + "  public static double cube(double x) { return x * x * x; }\n"
        + "  public static double cubePullback(double x) { return 3 * x * x; }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x) {\n"
        + "    return cube(x);\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL014] @CustomDerivative(\"cubePullback\") on T.cube"
        + " needs a method in T with the signature public static double cubePullback(double x,"
        + " double dResult)").inFile(file).onLine(5);
    assertThat(c).hadErrorContaining("[TL014]").inFile(file).onLine(9);
  }

  @Test
  void rejectsUsesResultOnAMethodWithoutAResult() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @CustomDerivative(value = \"scalePullback\", usesResult = true)\n"
        + "  public static void scale(double a, @Out double[] y) { y[0] = a; }\n"
        + "  public static void scalePullback(double a, double[] y, double[] dy) {}\n"
        + "  @Differentiable\n"
        + "  public static double f(double x, @Out double[] y) {\n"
        + "    scale(x, y);\n"
        + "    return x;\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL014] usesResult on T.scale: only a method that returns"
        + " double or float and has no @Out parameter can pass its result to its pullback")
        .inFile(file).onLine(5);
  }

  @Test
  void rejectsALinearKernelThatAlsoNamesAPushforward() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @CustomDerivative(value = \"twicePullback\", linear = true, pushforward = \"twiceDot\")\n"
        + "  public static double twice(double a) { return 2 * a; }\n"
        + "  public static double twicePullback(double a, double dResult) { return 2 * dResult; }\n"
        + "  public static double twiceDot(double a, double aDot) { return 2 * aDot; }\n"
        + "  @Differentiable\n"
        + "  public static double f(double x) {\n"
        + "    return twice(x);\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL014] @CustomDerivative on T.twice is linear and names a"
        + " pushforward: a linear method is its own pushforward; remove one of the two")
        .inFile(file).onLine(10);
  }

  @Test
  void rejectsAssigningPullbackWithWrongSignature() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @CustomDerivative(value = \"sumPullback\", assigning = \"sumSet\")\n"
        + "  public static double sum(double[] a) { return a[0]; }\n"
        + "  public static void sumPullback(double[] a, double dResult, double[] da) {}\n"
        + "  public static void sumSet(double[] a, double[] da) {}\n"
        + "  @Differentiable\n"
        + "  public static double f(double[] x) {\n"
        + "    return sum(x);\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL014] @CustomDerivative(assigning = \"sumSet\") on T.sum"
        + " needs a method in T with the signature public static void sumSet(double[] a,"
        + " double dResult, double[] da)").inFile(file).onLine(5);
  }

  @Test
  void rejectsCallWithoutRuleThatWritesAnArrayWithAnAdjoint() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  @Differentiable\n"
        + "  public static double f(double x, @Out double[] y) {\n"
        + "    java.util.Arrays.sort(y);\n"
        + "    y[0] *= x;\n"
        + "    return x;\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL108] call to Arrays.sort: its argument 'y' carries a"
        + " derivative").inFile(file).onLine(6);
  }

  @Test
  void rejectsInstanceFieldRead() {
    JavaFileObject file = Sources.classWith("public class T {\n"
        + "  static final class Box { double v; }\n"
        + "  static final Box BOX = null;\n"
        + "  @Differentiable\n"
        + "  public static double f(double x) {\n"
        + "    return x * BOX.v;\n"
        + "  }\n"
        + "}");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL109]").inFile(file).onLine(8);
  }

  @Test
  void reportsEveryViolationOfABodyAtOnce() {
    JavaFileObject file = Sources.method(
        "double s = 0;\n"
            + "try { s = x; } finally { s = y; }\n"
            + "Object o = new Object();\n"
            + "return s;");
    Compilation c = Sources.compile(file);
    assertThat(c).hadErrorContaining("[TL106]").inFile(file).onLine(7);
    assertThat(c).hadErrorContaining("[TL104]").inFile(file).onLine(8);
  }
}

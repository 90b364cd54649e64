package dev.tapeless.fuzz.reduce;

import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Models;
import dev.tapeless.fuzz.ast.Records;
import dev.tapeless.fuzz.ast.Ty;
import dev.tapeless.fuzz.print.FloatPrinter;
import dev.tapeless.fuzz.print.JavaPrinter;
import dev.tapeless.fuzz.run.Evidence;
import dev.tapeless.fuzz.run.Failure;
import dev.tapeless.fuzz.run.FloatChecker;
import dev.tapeless.fuzz.run.Kind;
import dev.tapeless.fuzz.run.MethodChecker;
import dev.tapeless.fuzz.run.Point;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Writes a failure as one self-contained Java file in the default package: the (reduced)
 * methods, and a {@code main} that calls the Tapeless frame at the failing point and prints its
 * numbers next to the expected ones (the Hipparchus twin's, as literals) and central finite
 * differences. Compile it with the Tapeless processor and the runtime on the class path. A
 * failure of a float version is written as the float program, its expected numbers still the
 * double program's, flagged beyond the float checks' tolerances, and its finite differences
 * taken with steps float can resolve.
 */
public final class ReproWriter {
  private ReproWriter() {}

  public static Path write(Path dir, int number, Failure reduced, Failure original,
      int originalStatements) {
    String kind = camel(reduced.kind().name());
    String name = String.format(Locale.ROOT, "Repro%02d%s", number, kind);
    boolean f = reduced.kind().isFloat();
    ClassDef c = reduced.cls().renamed("", name);
    if (f) {
      // Only what the method needs: the rest of the class may have no float version.
      c = c.keep(c.closure(reduced.method()));
    }
    MethodDef m = c.method(reduced.method());
    Evidence ev = Evidence.of(reduced);
    // Second-order calls only where second order failed: other reproducers stay as they were.
    boolean second = ev != null && MethodChecker.hasHvp(m)
        && (reduced.kind() == Kind.WRONG_HVP || reduced.kind() == Kind.WRONG_FLOAT_HVP
            || (reduced.kind() == Kind.STALE_STATE
            && reduced.firstLine().contains(Kind.WRONG_HVP.name())));
    List<String> extra = ev == null ? List.of()
        : ModelRepro.rewrite(mainLines(name, m, ev, second, f), name, m);
    StringBuilder header = new StringBuilder();
    header.append("// ").append(reduced.kind()).append(": ").append(reduced.kind().description())
        .append('\n');
    for (String line : reduced.firstLine().split("\n")) {
      header.append("// ").append(line).append('\n');
    }
    header.append("// Method ").append(reduced.method()).append(" (reduced from ")
        .append(original.where()).append(", ").append(originalStatements)
        .append(" statements, to ").append(Rewrite.countStatements(m.body()))
        .append(").\n");
    for (String line : reduced.details().split("\n")) {
      header.append("//   ").append(line.length() > 300 ? line.substring(0, 300) + "..." : line)
          .append('\n');
    }
    header.append("// Compile with the Tapeless processor, e.g. javac -cp annotations:runtime"
        + " -processorpath processor:annotations ").append(name).append(".java; run: java ")
        .append(name).append('\n');
    String source = header + (f ? FloatPrinter.print(c, name, extra)
        : JavaPrinter.print(c, extra)).source();
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".java");
      Files.writeString(file, source);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String camel(String upper) {
    StringBuilder sb = new StringBuilder();
    for (String part : upper.toLowerCase(Locale.ROOT).split("_")) {
      sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- main

  private static List<String> mainLines(String cls, MethodDef m, Evidence ev, boolean second,
      boolean f) {
    List<String> out = new ArrayList<>();
    out.add("");
    out.add("// ---- the failing point and what Tapeless should compute there ----");
    pointMethods(out, m, ev.point(), "arg_", f);
    if (ev.earlier() != null) {
      pointMethods(out, m, ev.earlier(), "earlier_", f);
    }
    String frame = cls + "_Grad." + m.frameName();
    String args = callArgs(m, "arg_");
    List<String> labels = labels(m, ev.point());
    out.add("static final String[] LABELS = {" + String.join(", ",
        labels.stream().map(l -> "\"" + l + "\"").toList()) + "};");
    out.add("");
    out.add("/** Central finite differences of f at z. */");
    out.add("static double[] fd(java.util.function.ToDoubleFunction<double[]> f, double[] z) {");
    out.add("  double[] g = new double[z.length];");
    out.add("  for (int i = 0; i < z.length; i++) {");
    out.add("    double h = " + (f ? "1e-3" : "1e-6") + " * Math.max(1.0, Math.abs(z[i]));");
    out.add("    double[] p = z.clone(); p[i] += h;");
    out.add("    double[] q = z.clone(); q[i] -= h;");
    out.add("    g[i] = (f.applyAsDouble(p) - f.applyAsDouble(q)) / (2 * h);");
    out.add("  }");
    out.add("  return g;");
    out.add("}");
    out.add("");
    out.add("static void show(String what, double[] tapeless, double[] expected, double[] fd) {");
    out.add("  show(what, LABELS, tapeless, expected, fd);");
    out.add("}");
    out.add("");
    out.add("static void show(String what, String[] labels, double[] tapeless, double[] expected,"
        + " double[] fd) {");
    out.add("  System.out.println(what);");
    if (f) {
      // the float checks' tolerances, relative to the vector's largest component too
      out.add("  double tolerance = what.startsWith(\"hvp\") || what.startsWith(\"hessian\")"
          + " ? " + FloatChecker.HVP_TOLERANCE + " : " + FloatChecker.GRADIENT_TOLERANCE + ";");
      out.add("  double largest = 1e-6;");
      out.add("  for (double e : expected) { largest = Math.max(largest, Math.abs(e)); }");
    }
    out.add("  for (int i = 0; i < expected.length; i++) {");
    out.add("    double t = i < tapeless.length ? tapeless[i] : Double.NaN;");
    if (f) {
      out.add("    boolean bad = !(Math.abs(t - expected[i]) <= tolerance * Math.max(largest,"
          + " Math.abs(expected[i])));");
    } else {
      out.add("    boolean bad = !(Math.abs(t - expected[i]) <= 1e-8 * Math.max(1.0,"
          + " Math.max(Math.abs(t), Math.abs(expected[i]))));");
    }
    out.add("    System.out.printf(\"  %-12s tapeless %-24s expected %-24s finite-diff %-14.8g%s%n\","
        + " labels[i], t, expected[i], fd[i], bad ? \"  <-- WRONG\" : \"\");");
    out.add("  }");
    out.add("}");
    out.add("");
    out.add("/** Central finite differences of the result and (with outputs) the outputs along t. */");
    out.add("static double[] fdAlong(double[] t, double[] z, boolean outputs) {");
    out.add("  double scale = 1.0;");
    out.add("  for (double v : z) { scale = Math.max(scale, Math.abs(v)); }");
    out.add("  double h = " + (f ? "1e-3" : "1e-6") + " * scale;");
    out.add("  double[] p = z.clone();");
    out.add("  double[] q = z.clone();");
    out.add("  for (int i = 0; i < z.length; i++) { p[i] += h * t[i]; q[i] -= h * t[i]; }");
    out.add("  double[] a = values(p, outputs);");
    out.add("  double[] b = values(q, outputs);");
    out.add("  double[] d = new double[a.length];");
    out.add("  for (int i = 0; i < d.length; i++) { d[i] = (a[i] - b[i]) / (2 * h); }");
    out.add("  return d;");
    out.add("}");
    out.add("");
    out.add("/** An array of a's shape full of junk, as output tangents jvp must overwrite. */");
    out.add("static double[] junk(double[] a) {");
    out.add("  double[] j = a.clone();");
    out.add("  java.util.Arrays.fill(j, 1234.5);");
    out.add("  return j;");
    out.add("}");
    out.add("");
    out.add("static double[][] junk(double[][] a) {");
    out.add("  double[][] j = new double[a.length][];");
    out.add("  for (int i = 0; i < a.length; i++) { j[i] = junk(a[i]); }");
    out.add("  return j;");
    out.add("}");
    out.add("");
    if (f) {
      out.add("static float[] junk(float[] a) {");
      out.add("  float[] j = a.clone();");
      out.add("  java.util.Arrays.fill(j, 1234.5f);");
      out.add("  return j;");
      out.add("}");
      out.add("");
      out.add("static float[][] junk(float[][] a) {");
      out.add("  float[][] j = new float[a.length][];");
      out.add("  for (int i = 0; i < a.length; i++) { j[i] = junk(a[i]); }");
      out.add("  return j;");
      out.add("}");
      out.add("");
    }
    out.add("static double[] flat(Object... parts) {");
    out.add("  java.util.List<Double> v = new java.util.ArrayList<>();");
    out.add("  for (Object o : parts) {");
    out.add("    if (o instanceof Double d) { v.add(d); }");
    if (f) {
      out.add("    else if (o instanceof Float x) { v.add((double) x); }");
      out.add("    else if (o instanceof float[] a) { for (float x : a) { v.add((double) x); } }");
      out.add("    else if (o instanceof float[][] a) { for (float[] r : a) { for (float x : r)"
          + " { v.add((double) x); } } }");
    }
    out.add("    else if (o instanceof double[] a) { for (double x : a) { v.add(x); } }");
    out.add("    else if (o instanceof double[][] a) { for (double[] r : a) { for (double x : r)"
        + " { v.add(x); } } }");
    out.add("  }");
    out.add("  return v.stream().mapToDouble(Double::doubleValue).toArray();");
    out.add("}");
    out.add("");
    objective(out, m, ev, f);
    if (second) {
      out.add("");
      out.add("/** Central finite differences of H v: mixed second differences of result. */");
      out.add("static double[] fdHvp(double[] v, double[] z) {");
      out.add("  double scale = 1.0;");
      out.add("  for (double x : z) { scale = Math.max(scale, Math.abs(x)); }");
      out.add("  double h = " + (f ? "1e-2" : "1e-4") + " * scale;");
      out.add("  double[] r = new double[z.length];");
      out.add("  for (int i = 0; i < z.length; i++) {");
      out.add("    double s = 0;");
      out.add("    for (int a = -1; a <= 1; a += 2) {");
      out.add("      for (int b = -1; b <= 1; b += 2) {");
      out.add("        double[] p = z.clone();");
      out.add("        p[i] += a * h;");
      out.add("        for (int j = 0; j < z.length; j++) { p[j] += b * h * v[j]; }");
      out.add("        s += a * b * result(p);");
      out.add("      }");
      out.add("    }");
      out.add("    r[i] = s / (4 * h * h);");
      out.add("  }");
      out.add("  return r;");
      out.add("}");
      out.add("");
    }
    String grads = grads(m);
    out.add("public static void main(String[] args) {");
    out.add("  double[] z = " + array(flatDifferentiated(m, ev.point())) + ";");
    out.add("  " + frame + " g = new " + frame + "();");
    if (ev.earlier() != null) {
      out.add("  // the same frame was used at an earlier point first");
      out.add("  try {");
      if (m.result() == Ty.DOUBLE) {
        out.add("    g.valueAndGradient(" + callArgs(m, "earlier_") + ");");
      } else {
        out.add("    g.pullback(" + callArgs(m, "earlier_") + seedArgs(m) + ");");
      }
      out.add("    g.jvp(" + callArgs(m, "earlier_") + earlierTangents(m) + ");");
      if (second) {
        out.add("    g.hvp(" + callArgs(m, "earlier_") + earlierTangents(m) + ");");
        int n = ev.earlier().freeParameters();
        if (n <= MethodChecker.HESSIAN_MAX_INPUTS) {
          out.add("    g.hessian(" + callArgs(m, "earlier_") + ", new double[" + n + "][" + n
              + "]);");
        }
      }
      out.add("  } catch (RuntimeException e) {");
      out.add("    System.out.println(\"earlier call threw \" + e);");
      out.add("  }");
    }
    String outArgs = outArgs(m);
    if (m.hasOut()) {
      out.add("  String expectedOutputs = java.util.Arrays.toString(methodOutputs());");
    }
    if (m.result() == Ty.DOUBLE) {
      out.add("  try {");
      outLocals(out, m, "    ", f);
      out.add("    double v = g.valueAndGradient(" + outArgs + ");");
      showOutputs(out, m, "valueAndGradient");
      out.add("    System.out.println(\"value: tapeless \" + v + \", method \" + " + m.name() + "("
          + args + "));");
      out.add("    double[] expected = " + array(ev.gradient()) + ";");
      out.add("    show(\"gradient (valueAndGradient)\", flat(" + grads + "), expected,"
          + " fd(Z -> result(Z), z));");
      out.add("    g.accumulate(" + args + ");");
      out.add("    double[] twice = expected.clone();");
      out.add("    for (int i = 0; i < twice.length; i++) { twice[i] *= 2; }");
      out.add("    show(\"after accumulate: twice the gradient\", flat(" + grads
          + "), twice, twice);");
      out.add("    g.zero();");
      out.add("    System.out.println(\"after zero(): \" + java.util.Arrays.toString(flat("
          + grads + ")));");
      out.add("  } catch (RuntimeException e) {");
      out.add("    System.out.println(\"valueAndGradient threw \" + e);");
      out.add("    e.printStackTrace(System.out);");
      out.add("  }");
    }
    if (m.hasOut()) {
      out.add("  try {");
      outLocals(out, m, "    ", f);
      out.add("    g.pullback(" + outArgs + seedArgs(m) + ");");
      showOutputs(out, m, "pullback");
      out.add("    show(\"pullback with seeds\", flat(" + grads + "), " + array(ev.pullback())
          + ", fd(Z -> seededOutputs(Z), z));");
      out.add("  } catch (RuntimeException e) {");
      out.add("    System.out.println(\"pullback threw \" + e);");
      out.add("    e.printStackTrace(System.out);");
      out.add("  }");
      out.add("  try {");
      out.add("    double[][] J = new double[" + ev.jacobian().length + "][" + z(ev) + "];");
      outLocals(out, m, "    ", f);
      out.add("    g.jacobian(" + outArgs + ", J);");
      showOutputs(out, m, "jacobian");
      for (int row = 0; row < ev.jacobian().length; row++) {
        out.add("    show(\"jacobian row " + row + "\", J[" + row + "], "
            + array(ev.jacobian()[row]) + ", fd(Z -> output(Z, " + row + "), z));");
      }
      out.add("  } catch (RuntimeException e) {");
      out.add("    System.out.println(\"jacobian threw \" + e);");
      out.add("    e.printStackTrace(System.out);");
      out.add("  }");
    }
    jvpCalls(out, m, ev, outArgs, f);
    jvp(out, m, ev, outArgs, f);
    if (second) {
      hvpCalls(out, m, ev, f);
    }
    out.add("}");
    return out;
  }

  /**
   * The hvp calls the checker makes, in its order and with its directions (then one direction
   * array null, if there is an array), each shown against the twin's Hessian times the direction
   * and central finite differences; then, for small inputs, {@code hessian} row by row.
   */
  private static void hvpCalls(List<String> out, MethodDef m, Evidence ev, boolean f) {
    String args = callArgs(m, "arg_");
    String grads = grads(m);
    for (int call = 0; call < ev.hvpDirections().length; call++) {
      double[] v = ev.hvpDirections()[call];
      if (v == null) {
        continue;
      }
      Records.Nullable nulled = call == 1 ? Records.nullables(m).get(ev.hvpNullUnit()) : null;
      String what = nulled != null ? "hvp with a null " + (nulled.record() != null ? "record"
          : "array") + " direction (" + nulled.describe(m) + ")" : "hvp along direction";
      List<String> directions = tangents(m, nulled, k -> "(" + box(m.params().get(k).type(), f)
          + ") v[" + k + "]", k -> "arg_" + m.params().get(k).name() + "()");
      out.add("  try {");
      out.add("    double[] direction = " + array(v) + ";");
      out.add("    Object[] v = from(direction);");
      out.add("    double r = g.hvp(" + args + ", " + String.join(", ", directions) + ");");
      out.add("    System.out.println(\"value after " + what + ": returned \" + r + \", field \""
          + " + g.value + \", method \" + " + m.name() + "(" + args + "));");
      if (ev.hessian() != null) {
        out.add("    show(\"" + what + ": H v\", flat(" + grads + "), "
            + array(MethodChecker.hvpExpected(ev.hessian(), v)) + ", fdHvp(direction, z));");
      } else {
        out.add("    System.out.println(\"" + what + ": H v = \" + java.util.Arrays.toString(flat("
            + grads + ")) + \" (the twin's Hessian is unusable here)\");");
      }
      out.add("  } catch (RuntimeException e) {");
      out.add("    System.out.println(\"" + what + " threw \" + e);");
      out.add("    e.printStackTrace(System.out);");
      out.add("  }");
    }
    int n = ev.point().freeParameters();
    if (n > MethodChecker.HESSIAN_MAX_INPUTS || ev.hessian() == null) {
      return;
    }
    out.add("  try {");
    out.add("    double[][] expectedH = {" + String.join(", ", java.util.Arrays.stream(ev.hessian())
        .map(row -> array(row).replace("new double[] ", "")).toList()) + "};");
    out.add("    double[][] H = new double[" + n + "][" + n + "];");
    out.add("    g.hessian(" + args + ", H);");
    out.add("    for (int i = 0; i < H.length; i++) {");
    out.add("      double[] unit = new double[z.length];");
    out.add("      unit[i] = 1;");
    out.add("      show(\"hessian row \" + i, H[i], expectedH[i], fdHvp(unit, z));");
    out.add("    }");
    out.add("  } catch (RuntimeException e) {");
    out.add("    System.out.println(\"hessian threw \" + e);");
    out.add("    e.printStackTrace(System.out);");
    out.add("  }");
  }

  /** For a jvp at the earlier point: its own arguments as tangents and output tangents. */
  private static String earlierTangents(MethodDef m) {
    StringBuilder sb = new StringBuilder();
    for (String t : tangents(m, null, k -> "earlier_" + m.params().get(k).name() + "()",
        k -> "earlier_" + m.params().get(k).name() + "()")) {
      sb.append(", ").append(t);
    }
    for (Param p : m.outParams()) {
      sb.append(", earlier_").append(p.name()).append("()");
    }
    return sb.toString();
  }

  /**
   * The jvp calls the checker makes, in its order and with its tangents: output tangents
   * filled with junk (which jvp must overwrite), then one array tangent null, then null output
   * tangents; each shown against the twin's derivative along the tangent and central finite
   * differences along it.
   */
  private static void jvpCalls(List<String> out, MethodDef m, Evidence ev, String outArgs,
      boolean f) {
    String[] names = {"jvp along tangent", "jvp with a null array tangent",
        "jvp with null output tangents"};
    for (int call = 0; call < ev.jvpTangents().length; call++) {
      double[] t = ev.jvpTangents()[call];
      if (t == null) {
        continue;
      }
      Records.Nullable nulled = call == 1 ? Records.nullables(m).get(ev.jvpNullUnit()) : null;
      String what = nulled != null ? (nulled.record() != null
          ? "jvp with a null record tangent" : names[1]) + " (" + nulled.describe(m) + ")"
          : names[call];
      boolean nullOutputs = call == 2;
      List<String> tangents = tangents(m, nulled, k -> "(" + box(m.params().get(k).type(), f)
          + ") t[" + k + "]", k -> "arg_" + m.params().get(k).name() + "()");
      for (Param p : m.outParams()) {
        tangents.add(nullOutputs ? "null" : "tangent_" + p.name());
      }
      out.add("  try {");
      out.add("    double[] tangent = " + array(t) + ";");
      out.add("    Object[] t = from(tangent);");
      outLocals(out, m, "    ", f);
      if (!nullOutputs) {
        for (Param p : m.outParams()) {
          out.add("    " + type(p.type(), f) + " tangent_" + p.name() + " = junk(arg_"
              + p.name() + "());");
        }
      }
      String call1 = "g.jvp(" + outArgs + (tangents.isEmpty() ? "" : ", ")
          + String.join(", ", tangents) + ")";
      boolean result = m.result() == Ty.DOUBLE;
      out.add("    " + (result ? "double r = " : "") + call1 + ";");
      showOutputs(out, m, what);
      if (result) {
        out.add("    System.out.println(\"value field after " + what + ": tapeless \" + g.value"
            + " + \", method \" + " + m.name() + "(" + callArgs(m, "arg_") + "));");
      }
      List<String> parts = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      if (result) {
        parts.add("r");
        labels.add("\"result\"");
      }
      if (!nullOutputs) {
        for (Param p : m.outParams()) {
          parts.add("tangent_" + p.name());
        }
        labels.addAll(outputLabels(m, ev.point()));
      }
      if (!parts.isEmpty()) {
        double[] expected = MethodChecker.jvpExpected(result ? ev.gradient() : null,
            nullOutputs ? new double[0][] : ev.jacobian(), t);
        out.add("    show(\"" + what + " (result, then output tangents)\", new String[] {"
            + String.join(", ", labels) + "}, flat(" + String.join(", ", parts) + "), "
            + array(expected) + ", fdAlong(tangent, z, " + (nullOutputs ? "false" : "true")
            + "));");
      }
      out.add("  } catch (RuntimeException e) {");
      out.add("    System.out.println(\"" + what + " threw \" + e);");
      out.add("    e.printStackTrace(System.out);");
      out.add("  }");
    }
  }

  private static List<String> outputLabels(MethodDef m, Point point) {
    List<String> labels = new ArrayList<>();
    for (Param p : m.outParams()) {
      Object a = point.arg(m.params().indexOf(p));
      if (a instanceof double[] v) {
        for (int i = 0; i < v.length; i++) {
          labels.add("\"" + p.name() + "[" + i + "]\"");
        }
      } else {
        double[][] mat = (double[][]) a;
        for (int i = 0; i < mat.length; i++) {
          for (int j = 0; j < mat[i].length; j++) {
            labels.add("\"" + p.name() + "[" + i + "][" + j + "]\"");
          }
        }
      }
    }
    return labels;
  }

  /**
   * Forward mode, one input direction at a time: {@code jvp} along each unit vector gives a
   * column of the derivative, shown against the twin's gradient and Jacobian columns.
   */
  private static void jvp(List<String> out, MethodDef m, Evidence ev, String outArgs,
      boolean f) {
    List<String> tangents = tangents(m, null, k -> "(" + box(m.params().get(k).type(), f)
        + ") t[" + k + "]", k -> "arg_" + m.params().get(k).name() + "()");
    for (Param p : m.outParams()) {
      tangents.add("tangent_" + p.name());
    }
    int rows = ev.jacobian() == null ? 0 : ev.jacobian().length;
    out.add("  try {");
    out.add("    double[] along = new double[z.length];");
    out.add("    double[][] columns = new double[" + rows + "][z.length];");
    out.add("    for (int k = 0; k < z.length; k++) {");
    out.add("      double[] unit = new double[z.length];");
    out.add("      unit[k] = 1;");
    out.add("      Object[] t = from(unit);");
    outLocals(out, m, "      ", f);
    for (Param p : m.outParams()) {
      out.add("      " + type(p.type(), f) + " tangent_" + p.name() + " = arg_" + p.name()
          + "();");
    }
    String call = "g.jvp(" + outArgs + (tangents.isEmpty() ? "" : ", ")
        + String.join(", ", tangents) + ")";
    out.add("      " + (m.result() == Ty.DOUBLE ? "along[k] = " : "") + call + ";");
    if (m.hasOut()) {
      String outs = String.join(", ", m.outParams().stream().map(p -> "tangent_" + p.name())
          .toList());
      out.add("      double[] column = flat(" + outs + ");");
      out.add("      for (int i = 0; i < column.length; i++) { columns[i][k] = column[i]; }");
    }
    out.add("    }");
    if (m.result() == Ty.DOUBLE) {
      out.add("    show(\"jvp along each input (result)\", along, " + array(ev.gradient())
          + ", fd(Z -> result(Z), z));");
    }
    for (int row = 0; row < rows; row++) {
      out.add("    show(\"jvp along each input (output " + row + ")\", columns[" + row + "], "
          + array(ev.jacobian()[row]) + ", fd(Z -> output(Z, " + row + "), z));");
    }
    out.add("  } catch (RuntimeException e) {");
    out.add("    System.out.println(\"jvp threw \" + e);");
    out.add("    e.printStackTrace(System.out);");
    out.add("  }");
  }

  /** Arguments where each output is a local, {@code out_}, so its contents can be shown. */
  private static String outArgs(MethodDef m) {
    return packed(m, k -> {
      Param p = m.params().get(k);
      return p.out() ? "out_" + p.name() : "arg_" + p.name() + "()";
    });
  }

  /**
   * Arguments as the method takes them, {@code arg.apply(k)} for parameter {@code k}: a record
   * parameter's components as a new record ({@code new R0(arg_a(), arg_w())}).
   */
  private static String packed(MethodDef m, java.util.function.IntFunction<String> arg) {
    return String.join(", ", Records.pack(m, arg,
        (n, members) -> "new " + n.type() + "(" + String.join(", ", members) + ")"));
  }

  /**
   * The tangents of a jvp or hvp call: {@code tangent.apply(k)} for each differentiated
   * parameter, in records where the parameters are (their other components
   * {@code arg.apply(k)}), {@code null} for {@code nulled}.
   */
  private static List<String> tangents(MethodDef m, Records.Nullable nulled,
      java.util.function.IntFunction<String> tangent, java.util.function.IntFunction<String> arg) {
    return Records.packTangents(m,
        k -> nulled != null && nulled.record() == null && nulled.param() == k ? "null"
            : tangent.apply(k), arg,
        n -> nulled != null && n.equals(nulled.record()), "null",
        (n, members) -> "new " + n.type() + "(" + String.join(", ", members) + ")");
  }

  /** The frame's derivative fields, flattened: {@code g.dx}, {@code g.drec0.in1.w}. */
  private static String grads(MethodDef m) {
    return String.join(", ", m.differentiatedParams().stream().map(p -> p.member() == null
        ? "g.d" + p.name()
        : Models.isField(p) ? "g.d" + String.join(".",
            p.member().names().subList(1, p.member().names().size()))
        : "g.d" + p.member().root() + "." + String.join(".",
            p.member().names().subList(1, p.member().names().size()))).toList());
  }

  private static void outLocals(List<String> out, MethodDef m, String indent, boolean f) {
    for (Param p : m.outParams()) {
      out.add(indent + type(p.type(), f) + " out_" + p.name() + " = arg_" + p.name() + "();");
    }
  }

  private static void showOutputs(List<String> out, MethodDef m, String call) {
    if (!m.hasOut()) {
      return;
    }
    String outs = String.join(", ", m.outParams().stream().map(p -> "out_" + p.name())
        .toList());
    out.add("    String outputs = java.util.Arrays.toString(flat(" + outs + "));");
    out.add("    System.out.println(\"outputs after " + call + ": tapeless \" + outputs"
        + " + (outputs.equals(expectedOutputs) ? \"\" : \", method \" + expectedOutputs"
        + " + \"  <-- WRONG\"));");
  }

  private static int z(Evidence ev) {
    return ev.point().freeParameters();
  }

  private static void pointMethods(List<String> out, MethodDef m, Point p, String prefix,
      boolean f) {
    for (int k = 0; k < m.params().size(); k++) {
      Param par = m.params().get(k);
      out.add("static " + type(par.type(), f) + " " + prefix + par.name() + "() { return "
          + literal(f && !(p.arg(k) instanceof Point.Source) ? Point.toFloat(p.arg(k))
              : p.arg(k)) + "; }");
    }
  }

  private static String callArgs(MethodDef m, String prefix) {
    return packed(m, k -> prefix + m.params().get(k).name() + "()");
  }

  private static String seedArgs(MethodDef m) {
    StringBuilder sb = new StringBuilder();
    for (Param p : m.outParams()) {
      sb.append(", seed_").append(p.name()).append("()");
    }
    return sb.toString();
  }

  /** result(z), output(z, row) and seededOutputs(z): the functions finite differences need. */
  private static void objective(List<String> out, MethodDef m, Evidence ev, boolean f) {
    int seedIndex = 0;
    for (Param p : m.outParams()) {
      double[] s = ev.seeds().get(seedIndex++);
      String lit;
      if (p.type() == Ty.DARR) {
        lit = array(s);
      } else {
        double[][] shape = (double[][]) ev.point().arg(m.params().indexOf(p));
        StringBuilder sb = new StringBuilder("new double[][] {");
        int at = 0;
        for (int i = 0; i < shape.length; i++) {
          sb.append(i > 0 ? ", " : "").append(array(Arrays.copyOfRange(s, at,
              at + shape[i].length)).replace("new double[] ", ""));
          at += shape[i].length;
        }
        lit = sb.append("}").toString();
      }
      if (f) {
        lit = lit.replace("double", "float").replaceAll("(\\d)(?=[,}])", "$1f");
      }
      out.add("static " + type(p.type(), f) + " seed_" + p.name() + "() { return " + lit
          + "; }");
    }
    out.add("");
    out.add("/** The method's arguments with the differentiated ones taken from z. */");
    out.add("static Object[] from(double[] z) {");
    out.add("  int k = 0;");
    List<String> names = new ArrayList<>();
    for (Param p : m.params()) {
      String v = "p_" + p.name();
      names.add(v);
      out.add("  " + type(p.type(), f) + " " + v + " = arg_" + p.name() + "();");
      String z = f ? "(float) z[k++]" : "z[k++]";
      if (m.differentiated(p)) {
        switch (p.type()) {
          case DOUBLE -> out.add("  " + v + " = " + z + ";");
          case DARR -> out.add("  for (int i = 0; i < " + v + ".length; i++) { " + v
              + "[i] = " + z + "; }");
          default -> out.add("  for (" + type(Ty.DARR, f) + " r : " + v + ") { for (int i = 0;"
              + " i < r.length; i++) { r[i] = " + z + "; } }");
        }
      }
    }
    out.add("  return new Object[] {" + String.join(", ", names) + "};");
    out.add("}");
    String call = m.name() + "(" + packed(m, k -> "(" + box(m.params().get(k).type(), f)
        + ") a[" + k + "]") + ")";
    if (m.result() == Ty.DOUBLE) {
      out.add("static double result(double[] z) { Object[] a = from(z); return " + call + "; }");
    }
    List<String> results = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    for (int k = 0; k < m.params().size(); k++) {
      if (m.params().get(k).out()) {
        outputs.add("a[" + k + "]");
      }
    }
    out.add("/** The result (if any) and, with outputs, the outputs at z. */");
    out.add("static double[] values(double[] z, boolean outputs) {");
    out.add("  Object[] a = from(z);");
    if (m.result() == Ty.DOUBLE) {
      results.add("r");
      out.add("  double r = " + call + ";");
    } else {
      out.add("  " + call + ";");
    }
    List<String> all = new ArrayList<>(results);
    all.addAll(outputs);
    out.add("  return outputs ? flat(" + String.join(", ", all) + ") : flat("
        + String.join(", ", results) + ");");
    out.add("}");
    if (m.hasOut()) {
      List<String> outs = new ArrayList<>();
      List<String> seeds = new ArrayList<>();
      for (int k = 0; k < m.params().size(); k++) {
        if (m.params().get(k).out()) {
          outs.add("a[" + k + "]");
          seeds.add("seed_" + m.params().get(k).name() + "()");
        }
      }
      out.add("static double[] methodOutputs() {");
      out.add("  Object[] a = {" + String.join(", ", m.params().stream()
          .map(p -> "arg_" + p.name() + "()").toList()) + "};");
      out.add("  " + call + ";");
      out.add("  return flat(" + String.join(", ", outs) + ");");
      out.add("}");
      out.add("static double output(double[] z, int row) {");
      out.add("  Object[] a = from(z);");
      out.add("  " + call + ";");
      out.add("  return flat(" + String.join(", ", outs) + ")[row];");
      out.add("}");
      out.add("static double seededOutputs(double[] z) {");
      out.add("  Object[] a = from(z);");
      out.add("  " + call + ";");
      out.add("  double[] o = flat(" + String.join(", ", outs) + ");");
      out.add("  double[] s = flat(" + String.join(", ", seeds) + ");");
      out.add("  double sum = 0;");
      out.add("  for (int i = 0; i < o.length; i++) { sum += o[i] * s[i]; }");
      out.add("  return sum;");
      out.add("}");
    }
  }

  /** A parameter type as the program spells it: float ones in a float program. */
  private static String type(Ty t, boolean f) {
    return f ? FloatPrinter.type(t) : t.java();
  }

  private static String box(Ty t, boolean f) {
    return switch (t) {
      case DOUBLE -> f ? "Float" : "Double";
      case INT -> "Integer";
      case LONG -> "Long";
      case BOOLEAN -> "Boolean";
      default -> type(t, f);
    };
  }

  private static double[] flatDifferentiated(MethodDef m, Point p) {
    List<Double> v = new ArrayList<>();
    for (int k = 0; k < m.params().size(); k++) {
      if (m.differentiated(m.params().get(k))) {
        for (double d : Point.flat(p.arg(k))) {
          v.add(d);
        }
      }
    }
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static List<String> labels(MethodDef m, Point p) {
    List<String> labels = new ArrayList<>();
    for (int k = 0; k < m.params().size(); k++) {
      Param par = m.params().get(k);
      if (!m.differentiated(par)) {
        continue;
      }
      Object a = p.arg(k);
      if (a instanceof double[] v) {
        for (int i = 0; i < v.length; i++) {
          labels.add("d" + par.name() + "[" + i + "]");
        }
      } else if (a instanceof double[][] mat) {
        for (int i = 0; i < mat.length; i++) {
          for (int j = 0; j < mat[i].length; j++) {
            labels.add("d" + par.name() + "[" + i + "][" + j + "]");
          }
        }
      } else {
        labels.add("d" + par.name());
      }
    }
    return labels;
  }

  static String array(double[] v) {
    StringBuilder sb = new StringBuilder("new double[] {");
    for (int i = 0; i < v.length; i++) {
      sb.append(i > 0 ? ", " : "").append(Double.toString(v[i]));
    }
    return sb.append("}").toString();
  }

  private static String literal(Object o) {
    if (o instanceof Float x) {
      return x + "f";
    } else if (o instanceof float[] v) {
      StringBuilder sb = new StringBuilder("new float[] {");
      for (int i = 0; i < v.length; i++) {
        sb.append(i > 0 ? ", " : "").append(v[i]).append('f');
      }
      return sb.append("}").toString();
    } else if (o instanceof float[][] mat) {
      StringBuilder sb = new StringBuilder("new float[][] {");
      for (int i = 0; i < mat.length; i++) {
        sb.append(i > 0 ? ", " : "").append(literal(mat[i]).replace("new float[] ", ""));
      }
      return sb.append("}").toString();
    } else if (o instanceof Double d) {
      return Double.toString(d);
    } else if (o instanceof Integer i) {
      return Integer.toString(i);
    } else if (o instanceof Long l) {
      return l + "L";
    } else if (o instanceof Boolean b) {
      return b.toString();
    } else if (o instanceof double[] v) {
      return array(v);
    } else if (o instanceof int[] v) {
      return "new int[] {" + String.join(", ", Arrays.stream(v).mapToObj(Integer::toString)
          .toList()) + "}";
    } else if (o instanceof double[][] mat) {
      StringBuilder sb = new StringBuilder("new double[][] {");
      for (int i = 0; i < mat.length; i++) {
        sb.append(i > 0 ? ", " : "").append(array(mat[i]).replace("new double[] ", ""));
      }
      return sb.append("}").toString();
    } else if (o instanceof dev.tapeless.fuzz.run.Point.Source src) {
      return src.toString(); // new java.util.Random(seed), as every call gets
    } else if (o instanceof List<?> list) {
      return "java.util.List.of(" + String.join(", ", list.stream().map(x -> literal(x))
          .toList()) + ")";
    }
    throw new IllegalArgumentException(String.valueOf(o));
  }
}

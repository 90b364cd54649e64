package dev.tapeless.fuzz.print;

import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.ConstDef;
import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Stmt;
import dev.tapeless.fuzz.ast.Ty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints a generated class as the plain Java Tapeless differentiates. Fully parenthesized, so
 * precedence never depends on the printer. Records each method's line range, so that a
 * compiler diagnostic can be charged to the method it is in.
 */
public final class JavaPrinter {
  private JavaPrinter() {}

  /** The source of a class and the first and last line of each method. */
  public record Printed(String source, Map<String, int[]> methodLines) {
    /** The method whose lines contain {@code line}, or null. */
    public String methodAt(long line) {
      for (Map.Entry<String, int[]> e : methodLines.entrySet()) {
        if (line >= e.getValue()[0] && line <= e.getValue()[1]) {
          return e.getKey();
        }
      }
      return null;
    }
  }

  public static Printed print(ClassDef c) {
    return print(c, List.of());
  }

  /** The class with extra members (already indented Java lines) appended, e.g. a main. */
  public static Printed print(ClassDef c, List<String> extraLines) {
    Src src = new Src();
    if (!c.pkg().isEmpty()) {
      src.line("package " + c.pkg() + ";");
      src.line("");
    }
    src.line("import dev.tapeless.Differentiable;");
    src.line("import dev.tapeless.NoDerivative;");
    src.line("import dev.tapeless.Out;");
    src.line("import dev.tapeless.runtime.Activations;");
    src.line("import dev.tapeless.runtime.Linear;");
    src.line("import dev.tapeless.runtime.Losses;");
    src.line("");
    src.open("public final class " + c.name() + " {");
    src.line("private " + c.name() + "() {}");
    constants(src, c.constants());
    Map<String, int[]> lines = new LinkedHashMap<>();
    for (MethodDef m : c.methods()) {
      src.line("");
      int first = src.nextLine();
      method(src, m, true);
      lines.put(m.name(), new int[] {first, src.nextLine() - 1});
    }
    for (String extra : extraLines) {
      src.line(extra);
    }
    src.close("}");
    return new Printed(src.toString(), lines);
  }

  static void constants(Src src, List<ConstDef> constants) {
    for (ConstDef k : constants) {
      src.line((k.isPrivate() ? "private " : "") + "static final double " + k.name() + " = "
          + Literals.dbl(k.value()) + ";");
    }
  }

  /** One method; helpers get no annotations and are package-private. */
  static void method(Src src, MethodDef m, boolean annotations) {
    if (m.differentiable() && annotations) {
      if (m.wrt() == null) {
        src.line("@Differentiable");
      } else {
        src.line("@Differentiable(wrt = {" + m.wrt().stream().map(n -> "\"" + n + "\"")
            .collect(Collectors.joining(", ")) + "})");
      }
    }
    String params = m.params().stream().map(p -> param(p, annotations))
        .collect(Collectors.joining(", "));
    src.open((m.differentiable() ? "public " : "") + "static " + m.result().java() + " "
        + m.name() + "(" + params + ") {");
    statements(src, m.body());
    src.close("}");
  }

  private static String param(Param p, boolean annotations) {
    String prefix = "";
    if (annotations && p.out()) {
      prefix = "@Out ";
    } else if (annotations && p.noDerivative()) {
      prefix = "@NoDerivative ";
    }
    return prefix + p.type().java() + " " + p.name();
  }

  static void statements(Src src, List<Stmt> body) {
    new BlockPrinter(JavaPrinter::expr, JavaPrinter::simple, Ty::java).statements(src, body);
  }

  /** A statement that fits on one line, without its semicolon (also for loop headers). */
  static String simple(Stmt s) {
    if (s instanceof Stmt.Local l) {
      return l.type().java() + " " + l.name() + " = " + expr(l.init());
    } else if (s instanceof Stmt.Assign a) {
      return expr(a.target()) + " " + a.op().java() + " " + expr(a.value());
    } else if (s instanceof Stmt.Step st) {
      return expr(st.target()) + (st.increment() ? "++" : "--");
    } else if (s instanceof Stmt.Break) {
      return "break";
    } else if (s instanceof Stmt.Continue) {
      return "continue";
    } else if (s instanceof Stmt.Return r) {
      return r.value() == null ? "return" : "return " + expr(r.value());
    } else if (s instanceof Stmt.Effect e) {
      return expr(e.call());
    } else if (s instanceof Stmt.Fill f) {
      return "java.util.Arrays.fill(" + expr(f.array()) + ", " + expr(f.value()) + ")";
    } else if (s instanceof Stmt.Copy c) {
      return "System.arraycopy(" + expr(c.source()) + ", 0, " + expr(c.target()) + ", 0, "
          + expr(c.length()) + ")";
    }
    throw new IllegalArgumentException("not a simple statement: " + s);
  }

  public static String expr(Expr e) {
    if (e instanceof Expr.DLit d) {
      return Literals.dbl(d.value());
    } else if (e instanceof Expr.ILit i) {
      return Literals.integral(i.value(), i.type() == dev.tapeless.fuzz.ast.Ty.LONG);
    } else if (e instanceof Expr.BLit b) {
      return Boolean.toString(b.value());
    } else if (e instanceof Expr.Ref r) {
      return r.name();
    } else if (e instanceof Expr.Const c) {
      return c.text();
    } else if (e instanceof Expr.Neg n) {
      return "(-" + expr(n.operand()) + ")";
    } else if (e instanceof Expr.Not n) {
      return "(!" + expr(n.operand()) + ")";
    } else if (e instanceof Expr.Bin b) {
      return "(" + expr(b.left()) + " " + b.op().java() + " " + expr(b.right()) + ")";
    } else if (e instanceof Expr.Cond c) {
      return "(" + expr(c.condition()) + " ? " + expr(c.ifTrue()) + " : " + expr(c.ifFalse())
          + ")";
    } else if (e instanceof Expr.Cast c) {
      return "((" + c.to().java() + ") " + expr(c.operand()) + ")";
    } else if (e instanceof Expr.MathCall m) {
      return (m.strict() ? "StrictMath." : "Math.") + m.fn() + "(" + args(m.args()) + ")";
    } else if (e instanceof Expr.Index i) {
      return expr(i.array()) + "[" + expr(i.index()) + "]";
    } else if (e instanceof Expr.Length l) {
      return expr(l.array()) + ".length";
    } else if (e instanceof Expr.Clone c) {
      return expr(c.array()) + ".clone()";
    } else if (e instanceof Expr.NewArray n) {
      return "new double" + n.dims().stream().map(d -> "[" + expr(d) + "]")
          .collect(Collectors.joining());
    } else if (e instanceof Expr.Call c) {
      return c.name() + "(" + args(c.args()) + ")";
    } else if (e instanceof Expr.PostInc p) {
      return p.variable().name() + "++";
    }
    throw new IllegalArgumentException(e.toString());
  }

  private static String args(List<Expr> args) {
    return args.stream().map(JavaPrinter::expr).collect(Collectors.joining(", "));
  }
}

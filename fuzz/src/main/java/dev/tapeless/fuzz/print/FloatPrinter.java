package dev.tapeless.fuzz.print;

import dev.tapeless.fuzz.ast.CallKind;
import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.ConstDef;
import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Models;
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Records;
import dev.tapeless.fuzz.ast.Stmt;
import dev.tapeless.fuzz.ast.Ty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints a generated class as a float program: the same AST, with every double variable,
 * parameter, array, constant and result a float, so that the float frames can be checked
 * against the double program. Java's own typing is kept, not flattened: a Math function of a
 * float is a double ({@code Math.PI} too), mixed arithmetic promotes to double, and a double
 * value is narrowed with {@code (float)} only where Java requires it (declarations, plain
 * assignments, returns, float arguments); compound assignments narrow implicitly. A cast to
 * double in the AST prints as {@code (double)} of a float operand and {@code (float)} of a
 * double or integer one, so both casts occur.
 */
public final class FloatPrinter {
  /** Suffix of a float class's name next to the double one it is printed from. */
  public static final String SUFFIX = "Float";

  private final ClassDef cls;

  private FloatPrinter(ClassDef cls) {
    this.cls = cls;
  }

  /** The float class of {@code c}, named {@code c.name() + SUFFIX}. */
  public static JavaPrinter.Printed print(ClassDef c) {
    return print(c, c.name() + SUFFIX, List.of());
  }

  /** The float class of {@code c} under the given name, with extra members, e.g. a main. */
  public static JavaPrinter.Printed print(ClassDef c, String className, List<String> extraLines) {
    return new FloatPrinter(c).printClass(className, extraLines);
  }

  private JavaPrinter.Printed printClass(String className, List<String> extraLines) {
    Src src = new Src();
    if (!cls.pkg().isEmpty()) {
      src.line("package " + cls.pkg() + ";");
      src.line("");
    }
    src.line("import dev.tapeless.Differentiable;");
    src.line("import dev.tapeless.NoDerivative;");
    src.line("import dev.tapeless.Out;");
    src.line("import dev.tapeless.runtime.Activations;");
    src.line("import dev.tapeless.runtime.Linear;");
    src.line("import dev.tapeless.runtime.Losses;");
    src.line("");
    src.open("public final class " + className + " {");
    ModelPrinter.members(src, cls, className, FloatPrinter::type);
    for (ConstDef k : cls.constants()) {
      src.line((k.isPrivate() ? "private " : "") + "static final float " + k.name() + " = "
          + Literals.flt(k.value()) + ";");
    }
    JavaPrinter.records(src, cls, FloatPrinter::type);
    Map<String, int[]> lines = new LinkedHashMap<>();
    for (MethodDef m : cls.methods()) {
      src.line("");
      int first = src.nextLine();
      method(src, m);
      lines.put(m.name(), new int[] {first, src.nextLine() - 1});
    }
    for (String extra : extraLines) {
      src.line(extra);
    }
    src.close("}");
    return new JavaPrinter.Printed(src.toString(), lines);
  }

  /** The float spelling of a type. */
  public static String type(Ty t) {
    return switch (t) {
      case DOUBLE -> "float";
      case DARR -> "float[]";
      case DMAT -> "float[][]";
      case LIST -> "java.util.List<float[]>";
      case LIST2 -> "java.util.List<float[][]>";
      default -> t.java();
    };
  }

  /** How the method being printed reads its records' components, and its records. */
  private Map<String, String> access = Map.of();
  private MethodDef method;
  private List<Records.Node> nodes = List.of();

  private void method(Src src, MethodDef m) {
    boolean records = Records.hasRecords(m);
    access = records ? Models.accessors(m, Records.accessors(m)) : Map.of();
    method = m;
    nodes = records ? Records.nodes(m) : List.of();
    if (m.differentiable()) {
      List<String> wrt = Records.printedWrt(m);
      if (wrt == null) {
        src.line("@Differentiable");
      } else {
        src.line("@Differentiable(wrt = {" + wrt.stream().map(n -> "\"" + n + "\"")
            .collect(Collectors.joining(", ")) + "})");
      }
    }
    List<String> params = new ArrayList<>();
    for (Records.Slot s : Records.slots(m)) {
      if (s instanceof Records.Node n) {
        if (Models.isReceiver(n)) {
          continue;
        }
        params.add((m.differentiable() && Records.noDerivative(n) ? "@NoDerivative " : "")
            + n.type() + " " + n.name());
        continue;
      }
      Param p = ((Records.Leaf) s).param();
      String prefix = !m.differentiable() ? "" : p.out() ? "@Out " : p.noDerivative()
          ? "@NoDerivative " : "";
      params.add(prefix + type(p.type()) + " " + p.name());
    }
    src.open((m.differentiable() ? "public " : "") + ModelPrinter.modifier(m) + type(m.result())
        + " "
        + m.name() + "(" + String.join(", ", params) + ") {");
    new BlockPrinter(this::expr, this::simple, FloatPrinter::type, true)
        .statements(src, m.body());
    src.close("}");
  }

  private String simple(Stmt s) {
    if (s instanceof Stmt.Local l) {
      return type(l.type()) + " " + l.name() + " = " + narrowed(l.type(), l.init());
    } else if (s instanceof Stmt.Assign a) {
      // A compound assignment narrows implicitly (JLS 15.26.2): left as Java allows it.
      String value = a.op() == dev.tapeless.fuzz.ast.AssignOp.SET
          ? narrowed(a.target().type(), a.value()) : expr(a.value());
      return expr(a.target()) + " " + a.op().java() + " " + value;
    } else if (s instanceof Stmt.Step st) {
      return expr(st.target()) + (st.increment() ? "++" : "--");
    } else if (s instanceof Stmt.Break) {
      return "break";
    } else if (s instanceof Stmt.Continue) {
      return "continue";
    } else if (s instanceof Stmt.Return r) {
      return r.value() == null ? "return" : "return " + narrowed(Ty.DOUBLE, r.value());
    } else if (s instanceof Stmt.Effect e) {
      return expr(e.call());
    } else if (s instanceof Stmt.Fill f) {
      return "java.util.Arrays.fill(" + expr(f.array()) + ", " + narrowed(Ty.DOUBLE, f.value())
          + ")";
    } else if (s instanceof Stmt.Copy c) {
      return "System.arraycopy(" + expr(c.source()) + ", 0, " + expr(c.target()) + ", 0, "
          + expr(c.length()) + ")";
    }
    throw new IllegalArgumentException("not a simple statement: " + s);
  }

  /** {@code e} where a value of type {@code to} (float, for DOUBLE) is required. */
  private String narrowed(Ty to, Expr e) {
    return to == Ty.DOUBLE && wide(e) ? "((float) " + expr(e) + ")" : expr(e);
  }

  /**
   * Whether {@code e} is a double in the float program (every other real is a float there).
   * Integral, boolean and array expressions are never wide.
   */
  boolean wide(Expr e) {
    if (e.type() != Ty.DOUBLE) {
      return false;
    }
    if (e instanceof Expr.Const c) {
      return c.text().startsWith("Math.");
    } else if (e instanceof Expr.Neg n) {
      return wide(n.operand());
    } else if (e instanceof Expr.Bin b) {
      return wide(b.left()) || wide(b.right());
    } else if (e instanceof Expr.Cond c) {
      return wide(c.ifTrue()) || wide(c.ifFalse());
    } else if (e instanceof Expr.Cast c) {
      return c.operand().type() == Ty.DOUBLE && !wide(c.operand());
    } else if (e instanceof Expr.MathCall m) {
      if (m.fn().equals("abs") || m.fn().equals("max") || m.fn().equals("min")
          || m.fn().equals("signum")) {
        // float overloads unless an argument is a double
        return m.args().stream().anyMatch(this::wide);
      }
      return true;
    } else if (e instanceof Expr.Call c) {
      // a scalar kernel of a double picks the double overload, of an integer the long one
      // (which computes in double); array kernels are float
      return c.kind() == CallKind.KERNEL && !overArrays(c) && c.args().stream()
          .anyMatch(a -> wide(a) || a.type() == Ty.INT || a.type() == Ty.LONG);
    }
    return false; // literals, variables, elements
  }

  private String expr(Expr e) {
    if (e instanceof Expr.DLit d) {
      return Literals.flt(d.value());
    } else if (e instanceof Expr.ILit i) {
      return Literals.integral(i.value(), i.type() == Ty.LONG);
    } else if (e instanceof Expr.BLit b) {
      return Boolean.toString(b.value());
    } else if (e instanceof Expr.Ref r) {
      return access.getOrDefault(r.name(), r.name());
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
      String to = c.to() != Ty.DOUBLE ? c.to().java()
          : c.operand().type() == Ty.DOUBLE && !wide(c.operand()) ? "double" : "float";
      return "((" + to + ") " + expr(c.operand()) + ")";
    } else if (e instanceof Expr.MathCall m) {
      return (m.strict() ? "StrictMath." : "Math.") + m.fn() + "(" + args(m.args()) + ")";
    } else if (e instanceof Expr.Index i) {
      return expr(i.array()) + "[" + expr(i.index()) + "]";
    } else if (e instanceof Expr.Length l) {
      return expr(l.array()) + ".length";
    } else if (e instanceof Expr.Clone c) {
      return expr(c.array()) + ".clone()";
    } else if (e instanceof Expr.NewArray n) {
      return "new float" + n.dims().stream().map(d -> "[" + expr(d) + "]")
          .collect(Collectors.joining());
    } else if (e instanceof Expr.ArrayInit a) {
      // each element where a float is required
      return "{" + a.elements().stream().map(x -> narrowed(Ty.DOUBLE, x))
          .collect(Collectors.joining(", ")) + "}";
    } else if (e instanceof Expr.Call c) {
      return ModelPrinter.callee(cls, method, c) + "(" + callArgs(c) + ")";
    } else if (e instanceof Expr.PostInc p) {
      return p.variable().name() + "++";
    } else if (e instanceof Expr.Draw d) {
      // the same draw, rounded to float as the float program's inputs are
      return d.bound() != null ? d.object() + ".nextInt(" + expr(d.bound()) + ")"
          : "((float) " + d.object() + "." + d.method() + "())";
    } else if (e instanceof Expr.ListGet g) {
      return expr(g.list()) + ".get(" + expr(g.index()) + ")";
    } else if (e instanceof Expr.Size z) {
      return expr(z.list()) + ".size()";
    }
    throw new IllegalArgumentException(e.toString());
  }

  private String args(List<Expr> args) {
    return args.stream().map(this::expr).collect(Collectors.joining(", "));
  }

  private static boolean overArrays(Expr.Call c) {
    return c.args().stream().anyMatch(a -> a.type().isArray());
  }

  /** Arguments of a call: a double argument of a float parameter narrowed. */
  private String callArgs(Expr.Call c) {
    if (c.kind() == CallKind.KERNEL && !overArrays(c)) {
      return args(c.args()); // a float picks the float overload, a double the double one
    }
    if (c.kind() == CallKind.KERNEL) {
      // the float overload of an array kernel takes its scalars (axpy's a) as floats
      return c.args().stream().map(a -> narrowed(a.type(), a)).collect(Collectors.joining(", "));
    }
    MethodDef callee = cls.method(c.name());
    return JavaPrinter.callArgs(cls, c, nodes,
        k -> narrowed(callee.params().get(k).type(), c.args().get(k)));
  }
}

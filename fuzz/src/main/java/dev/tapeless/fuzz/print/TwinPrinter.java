package dev.tapeless.fuzz.print;

import dev.tapeless.fuzz.ast.AssignOp;
import dev.tapeless.fuzz.ast.CallKind;
import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Op;
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Stmt;
import dev.tapeless.fuzz.ast.Ty;
import dev.tapeless.fuzz.ast.UnannotatedCopies;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the forward-mode twin of a generated class: the same control flow, with every double
 * a Hipparchus number {@code T} (arrays of them for arrays) and every int, long and boolean
 * left as it is. Nothing here uses Tapeless. Non-smooth operations and comparisons of doubles go
 * through {@code Ctx} ({@code $c}), which computes them on values exactly as Java does and
 * records how close each was to a kink or a flip.
 *
 * <p>Each twin method is generic, {@code <T extends Derivative<T>>}: called with a
 * {@code Ctx<Gradient>} it computes first derivatives, with a {@code Ctx<DerivativeStructure>}
 * of order 2 first and second ones (the Hessian), from the same code.
 */
public final class TwinPrinter {
  /** Suffix of a twin class's name. */
  public static final String SUFFIX = "Twin";

  private final ClassDef cls;

  private TwinPrinter(ClassDef cls) {
    this.cls = cls;
  }

  /** The twin's source, with each method's lines (to charge javac errors to methods). */
  public static JavaPrinter.Printed print(ClassDef c) {
    return new TwinPrinter(c).printClass();
  }

  private JavaPrinter.Printed printClass() {
    java.util.Map<String, int[]> lines = new java.util.LinkedHashMap<>();
    Src src = new Src();
    if (!cls.pkg().isEmpty()) {
      src.line("package " + cls.pkg() + ";");
      src.line("");
    }
    src.line("import dev.tapeless.fuzz.twin.Ctx;");
    src.line("import dev.tapeless.fuzz.twin.TwinKernels;");
    src.line("import org.hipparchus.analysis.differentiation.Derivative;");
    src.line("");
    src.line("@SuppressWarnings(\"all\")");
    src.open("public final class " + cls.name() + SUFFIX + " {");
    src.line("private " + cls.name() + SUFFIX + "() {}");
    JavaPrinter.constants(src, cls.constants());
    for (MethodDef m : cls.methods()) {
      src.line("");
      int first = src.nextLine();
      if (m.differentiable()) {
        method(src, m);
      } else if (!UnannotatedCopies.isCopy(m)) {
        JavaPrinter.method(src, m, false); // copies are not called by twins
      }
      lines.put(m.name(), new int[] {first, src.nextLine() - 1});
    }
    src.close("}");
    return new JavaPrinter.Printed(src.toString(), lines);
  }

  static String type(Ty t) {
    return switch (t) {
      case DOUBLE -> "T";
      case DARR -> "T[]";
      case DMAT -> "T[][]";
      case LIST -> "java.util.List<T[]>";
      case LIST2 -> "java.util.List<T[][]>";
      default -> t.java();
    };
  }

  private void method(Src src, MethodDef m) {
    List<String> params = new ArrayList<>();
    params.add("Ctx<T> $c");
    for (Param p : m.params()) {
      params.add(type(p.type()) + " " + p.name());
    }
    src.open("public static <T extends Derivative<T>> " + type(m.result()) + " " + m.name() + "("
        + String.join(", ", params) + ") {");
    statements(src, m.body());
    src.close("}");
  }

  private void statements(Src src, List<Stmt> body) {
    new BlockPrinter(this::tw, this::simple, TwinPrinter::type).statements(src, body);
  }

  private String simple(Stmt s) {
    if (s instanceof Stmt.Local l) {
      String init = l.type() == Ty.DOUBLE ? g(l.init()) : tw(l.init());
      return type(l.type()) + " " + l.name() + " = " + init;
    } else if (s instanceof Stmt.Assign a) {
      return assign(a);
    } else if (s instanceof Stmt.Step st) {
      String t = tw(st.target());
      if (st.target().type() == Ty.DOUBLE) {
        return t + " = " + t + (st.increment() ? ".add(1.0)" : ".subtract(1.0)");
      }
      return t + (st.increment() ? "++" : "--");
    } else if (s instanceof Stmt.Break) {
      return "break";
    } else if (s instanceof Stmt.Continue) {
      return "continue";
    } else if (s instanceof Stmt.Return r) {
      return r.value() == null ? "return" : "return " + g(r.value());
    } else if (s instanceof Stmt.Effect e) {
      return tw(e.call());
    } else if (s instanceof Stmt.Fill f) {
      return "java.util.Arrays.fill(" + tw(f.array()) + ", " + g(f.value()) + ")";
    } else if (s instanceof Stmt.Copy c) {
      // Hipparchus numbers are immutable: copying references copies values and derivatives.
      return "System.arraycopy(" + tw(c.source()) + ", 0, " + tw(c.target()) + ", 0, "
          + tw(c.length()) + ")";
    }
    throw new IllegalArgumentException("not a simple statement: " + s);
  }

  private String assign(Stmt.Assign a) {
    String t = tw(a.target());
    Ty tt = a.target().type();
    if (a.op() == AssignOp.SET) {
      return t + " = " + (tt == Ty.DOUBLE ? g(a.value()) : tw(a.value()));
    }
    if (tt == Ty.DOUBLE) {
      return t + " = " + arith(a.op().binary(), t, g(a.value()));
    }
    if (a.value().type() == Ty.DOUBLE) {
      // int op= double: Java computes in double and narrows, (int) (t op v).
      String wide = arith(a.op().binary(), "$c.k((double) " + t + ")", g(a.value()));
      return t + " = " + (tt == Ty.LONG ? "$c.toLong(" : "$c.toInt(") + wide + ")";
    }
    return t + " " + a.op().java() + " " + tw(a.value());
  }

  /** {@code l op r} on two twin numbers. */
  private static String arith(Op op, String l, String r) {
    return switch (op) {
      case ADD -> "$c.add(" + l + ", " + r + ")";
      case SUB -> "$c.sub(" + l + ", " + r + ")";
      case MUL -> "$c.mul(" + l + ", " + r + ")";
      case DIV -> "$c.div(" + l + ", " + r + ")";
      case REM -> "$c.rem(" + l + ", " + r + ")";
      default -> throw new IllegalArgumentException(op.toString());
    };
  }

  /** A numeric expression as a twin number (ints and longs widened as Java would). */
  private String g(Expr e) {
    if (e.type() == Ty.DOUBLE) {
      return tw(e);
    }
    return "$c.k((double) " + tw(e) + ")";
  }

  /** The twin of {@code e}: a twin number for doubles, the same Java for other types. */
  String tw(Expr e) {
    if (e instanceof Expr.DLit d) {
      return "$c.k(" + Literals.dbl(d.value()) + ")";
    } else if (e instanceof Expr.ILit i) {
      return Literals.integral(i.value(), i.type() == Ty.LONG);
    } else if (e instanceof Expr.BLit b) {
      return Boolean.toString(b.value());
    } else if (e instanceof Expr.Ref r) {
      return r.name();
    } else if (e instanceof Expr.Const c) {
      return "$c.k(" + c.text() + ")";
    } else if (e instanceof Expr.Neg n) {
      return n.type() == Ty.DOUBLE ? tw(n.operand()) + ".negate()" : "(-" + tw(n.operand()) + ")";
    } else if (e instanceof Expr.Not n) {
      return "(!" + tw(n.operand()) + ")";
    } else if (e instanceof Expr.Bin b) {
      return bin(b);
    } else if (e instanceof Expr.Cond c) {
      if (c.type() == Ty.DOUBLE) {
        return "(" + tw(c.condition()) + " ? " + g(c.ifTrue()) + " : " + g(c.ifFalse()) + ")";
      }
      return "(" + tw(c.condition()) + " ? " + tw(c.ifTrue()) + " : " + tw(c.ifFalse()) + ")";
    } else if (e instanceof Expr.Cast c) {
      return cast(c);
    } else if (e instanceof Expr.MathCall m) {
      return math(m);
    } else if (e instanceof Expr.Index i) {
      return tw(i.array()) + "[" + tw(i.index()) + "]";
    } else if (e instanceof Expr.Length l) {
      return tw(l.array()) + ".length";
    } else if (e instanceof Expr.Clone c) {
      return tw(c.array()) + ".clone()"; // immutable numbers: a shallow copy is a copy
    } else if (e instanceof Expr.NewArray n) {
      List<String> dims = new ArrayList<>();
      for (Expr d : n.dims()) {
        dims.add(tw(d));
      }
      return "$c.zeros(" + String.join(", ", dims) + ")";
    } else if (e instanceof Expr.ArrayInit a) {
      List<String> elements = new ArrayList<>();
      for (Expr x : a.elements()) {
        elements.add(g(x));
      }
      // a new array of T each time, as Java's initializer (no generic array creation in Java)
      return "$c.array(java.util.List.of(" + String.join(", ", elements) + "))";
    } else if (e instanceof Expr.Call c) {
      return call(c);
    } else if (e instanceof Expr.PostInc p) {
      return p.variable().name() + "++";
    } else if (e instanceof Expr.Draw d) {
      // the same object, drawn in the same order: a constant of the same value
      return d.bound() != null ? d.object() + ".nextInt(" + tw(d.bound()) + ")"
          : "$c.k(" + d.object() + "." + d.method() + "())";
    } else if (e instanceof Expr.ListGet g) {
      return tw(g.list()) + ".get(" + tw(g.index()) + ")"; // a list of constants' arrays
    } else if (e instanceof Expr.Size z) {
      return tw(z.list()) + ".size()";
    }
    throw new IllegalArgumentException(e.toString());
  }

  private String bin(Expr.Bin b) {
    Ty operands = b.op().isLogical() ? Ty.BOOLEAN : Ty.promote(b.left().type(), b.right().type());
    if (b.op().isArithmetic() && operands == Ty.DOUBLE) {
      return arith(b.op(), g(b.left()), g(b.right()));
    }
    if (b.op().isComparison() && operands == Ty.DOUBLE) {
      String name = switch (b.op()) {
        case LT -> "lt";
        case LE -> "le";
        case GT -> "gt";
        case GE -> "ge";
        case EQ -> "eq";
        default -> "ne";
      };
      return "$c." + name + "(" + g(b.left()) + ", " + g(b.right()) + ")";
    }
    return "(" + tw(b.left()) + " " + b.op().java() + " " + tw(b.right()) + ")";
  }

  private String cast(Expr.Cast c) {
    Ty from = c.operand().type();
    String inner = tw(c.operand());
    switch (c.to()) {
      case DOUBLE:
        return from == Ty.DOUBLE ? inner : "$c.k((double) " + inner + ")";
      case INT:
        return from == Ty.DOUBLE ? "$c.toInt(" + inner + ")" : "((int) " + inner + ")";
      case LONG:
        return from == Ty.DOUBLE ? "$c.toLong(" + inner + ")" : "((long) " + inner + ")";
      default:
        throw new IllegalArgumentException(c.toString());
    }
  }

  private String math(Expr.MathCall m) {
    if (m.type() != Ty.DOUBLE) {
      // the int and long overloads of abs, max and min
      List<String> args = new ArrayList<>();
      for (Expr a : m.args()) {
        args.add(tw(a));
      }
      return "Math." + m.fn() + "(" + String.join(", ", args) + ")";
    }
    List<String> args = new ArrayList<>();
    for (Expr a : m.args()) {
      args.add(g(a));
    }
    String ctx = m.strict() ? "$c.strict()" : "$c";
    return switch (m.fn()) {
      case "exp", "log", "log10", "log1p", "expm1", "sin", "cos", "tan", "atan", "sinh", "cosh",
          "tanh", "toRadians", "toDegrees" -> ctx + ".smooth(\"" + m.fn() + "\", " + args.get(0)
          + ")";
      case "sqrt", "cbrt", "asin", "acos", "pow", "hypot", "atan2", "abs", "max", "min",
          "signum", "floor", "ceil", "rint" -> ctx + "." + m.fn() + "(" + String.join(", ", args)
          + ")";
      default -> throw new IllegalArgumentException("no twin for Math." + m.fn());
    };
  }

  private String call(Expr.Call c) {
    List<String> args = new ArrayList<>();
    if (c.kind() == CallKind.HELPER) {
      MethodDef h = cls.method(c.name());
      for (int k = 0; k < c.args().size(); k++) {
        Expr a = c.args().get(k);
        boolean dbl = h.params().get(k).type() == Ty.DOUBLE && a.type() == Ty.DOUBLE;
        args.add(dbl ? tw(a) + ".getValue()" : tw(a));
      }
      // No derivative: Tapeless may only see constants here, so the twin's is a constant too.
      return "$c.k(" + c.name() + "(" + String.join(", ", args) + "))";
    }
    args.add("$c");
    for (int k = 0; k < c.args().size(); k++) {
      Expr a = c.args().get(k);
      boolean toDouble;
      if (c.kind() == CallKind.GENERATED) {
        toDouble = cls.method(c.name()).params().get(k).type() == Ty.DOUBLE;
      } else {
        // Every scalar parameter of a kernel is a double except the cross entropy's target.
        toDouble = a.type().isNumeric()
            && !(c.name().equals("Losses.softmaxCrossEntropy") && k == 1);
      }
      args.add(toDouble ? g(a) : tw(a));
    }
    String name = c.kind() == CallKind.GENERATED ? c.name()
        : "TwinKernels." + c.name().substring(c.name().indexOf('.') + 1);
    return name + "(" + String.join(", ", args) + ")";
  }
}

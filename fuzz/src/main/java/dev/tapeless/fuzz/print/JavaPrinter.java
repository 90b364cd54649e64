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
import dev.tapeless.fuzz.ast.UnannotatedCopies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Prints a generated class as the plain Java Tapeless differentiates. Fully parenthesized, so
 * precedence never depends on the printer. Records each method's line range, so that a
 * compiler diagnostic can be charged to the method it is in.
 */
public final class JavaPrinter {
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
    return print(c, extraLines, true);
  }

  /**
   * The class with its loops' {@code @Checkpoint}s left out: what a checkpointed method's
   * gradient must equal bit for bit.
   */
  public static Printed printWithoutCheckpoints(ClassDef c) {
    return print(c, List.of(), false);
  }

  private static Printed print(ClassDef c, List<String> extraLines, boolean checkpoints) {
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
    ModelPrinter.members(src, c, c.name(), Ty::java);
    constants(src, c.constants());
    records(src, c, Ty::java);
    Map<String, int[]> lines = new LinkedHashMap<>();
    for (MethodDef m : c.methods()) {
      src.line("");
      int first = src.nextLine();
      new JavaPrinter(c, m).method(src, true, checkpoints);
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

  /** The record types the methods' record parameters have, as nested records. */
  static void records(Src src, ClassDef c, Function<Ty, String> type) {
    for (Map.Entry<String, List<Records.Component>> r : Records.types(c).entrySet()) {
      String components = r.getValue().stream()
          .map(k -> (k.record() != null ? k.record() : type.apply(k.type())) + " " + k.name())
          .collect(Collectors.joining(", "));
      if (!Records.isValueClass(r.getKey())) {
        src.line("public record " + r.getKey() + "(" + components + ") {}");
        continue;
      }
      // a value class: the record's components as public fields, set by one constructor
      src.line("public static final class " + r.getKey() + " {");
      for (Records.Component k : r.getValue()) {
        src.line("  public " + (k.record() != null ? k.record() : type.apply(k.type())) + " "
            + k.name() + ";");
      }
      src.line("  public " + r.getKey() + "(" + components + ") {");
      for (Records.Component k : r.getValue()) {
        src.line("    this." + k.name() + " = " + k.name() + ";");
      }
      src.line("  }");
      src.line("}");
    }
  }

  /** The method being printed (null for a lone expression), and how it reads its records. */
  private final ClassDef cls;
  private final MethodDef method;
  private final Map<String, String> access;
  private final List<Records.Node> nodes;

  private JavaPrinter(ClassDef cls, MethodDef method) {
    this.cls = cls;
    this.method = method;
    boolean records = method != null && Records.hasRecords(method);
    this.access = records ? Models.accessors(method, Records.accessors(method)) : Map.of();
    this.nodes = records ? Records.nodes(method) : List.of();
  }

  /** One method; helpers get no annotations and are package-private. */
  static void method(Src src, MethodDef m, boolean annotations) {
    new JavaPrinter(null, m).method(src, annotations, annotations);
  }

  private void method(Src src, boolean annotations, boolean checkpoints) {
    MethodDef m = method;
    if (m.differentiable() && annotations) {
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
      if (s instanceof Records.Leaf l) {
        params.add(param(l.param(), annotations));
      } else if (!Models.isReceiver((Records.Node) s)) {
        Records.Node n = (Records.Node) s;
        params.add((annotations && Records.noDerivative(n) ? "@NoDerivative " : "") + n.type()
            + " " + n.name());
      }
    }
    src.open((m.differentiable() ? "public " : UnannotatedCopies.visibility(m))
        + ModelPrinter.modifier(m) + m.result().java()
        + " "
        + m.name() + "(" + String.join(", ", params) + ") {");
    new BlockPrinter(this::print, this::simple, Ty::java, checkpoints).statements(src, m.body());
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

  /** A statement that fits on one line, without its semicolon (also for loop headers). */
  private String simple(Stmt s) {
    if (s instanceof Stmt.Local l) {
      return l.type().java() + " " + l.name() + " = " + print(l.init());
    } else if (s instanceof Stmt.Assign a) {
      return print(a.target()) + " " + a.op().java() + " " + print(a.value());
    } else if (s instanceof Stmt.Step st) {
      return print(st.target()) + (st.increment() ? "++" : "--");
    } else if (s instanceof Stmt.Break) {
      return "break";
    } else if (s instanceof Stmt.Continue) {
      return "continue";
    } else if (s instanceof Stmt.Return r) {
      return r.value() == null ? "return" : "return " + print(r.value());
    } else if (s instanceof Stmt.Effect e) {
      return print(e.call());
    } else if (s instanceof Stmt.Fill f) {
      return "java.util.Arrays.fill(" + print(f.array()) + ", " + print(f.value()) + ")";
    } else if (s instanceof Stmt.Copy c) {
      return "System.arraycopy(" + print(c.source()) + ", 0, " + print(c.target()) + ", 0, "
          + print(c.length()) + ")";
    }
    throw new IllegalArgumentException("not a simple statement: " + s);
  }

  /** An expression outside any method (no record parameters). */
  public static String expr(Expr e) {
    return new JavaPrinter(null, null).print(e);
  }

  private String print(Expr e) {
    if (e instanceof Expr.DLit d) {
      return Literals.dbl(d.value());
    } else if (e instanceof Expr.ILit i) {
      return Literals.integral(i.value(), i.type() == dev.tapeless.fuzz.ast.Ty.LONG);
    } else if (e instanceof Expr.BLit b) {
      return Boolean.toString(b.value());
    } else if (e instanceof Expr.Ref r) {
      return access.getOrDefault(r.name(), r.name());
    } else if (e instanceof Expr.Const c) {
      return c.text();
    } else if (e instanceof Expr.Neg n) {
      return "(-" + print(n.operand()) + ")";
    } else if (e instanceof Expr.Not n) {
      return "(!" + print(n.operand()) + ")";
    } else if (e instanceof Expr.Bin b) {
      return "(" + print(b.left()) + " " + b.op().java() + " " + print(b.right()) + ")";
    } else if (e instanceof Expr.Cond c) {
      return "(" + print(c.condition()) + " ? " + print(c.ifTrue()) + " : " + print(c.ifFalse())
          + ")";
    } else if (e instanceof Expr.Cast c) {
      return "((" + c.to().java() + ") " + print(c.operand()) + ")";
    } else if (e instanceof Expr.MathCall m) {
      return (m.strict() ? "StrictMath." : "Math.") + m.fn() + "(" + args(m.args()) + ")";
    } else if (e instanceof Expr.Index i) {
      return print(i.array()) + "[" + print(i.index()) + "]";
    } else if (e instanceof Expr.Length l) {
      return print(l.array()) + ".length";
    } else if (e instanceof Expr.Clone c) {
      return print(c.array()) + ".clone()";
    } else if (e instanceof Expr.NewArray n) {
      return "new double" + n.dims().stream().map(d -> "[" + print(d) + "]")
          .collect(Collectors.joining());
    } else if (e instanceof Expr.ArrayInit a) {
      return "{" + args(a.elements()) + "}";
    } else if (e instanceof Expr.Call c) {
      return UnannotatedCopies.calledName(cls, c, ModelPrinter.callee(cls, method, c)) + "("
          + callArgs(cls, c, nodes, i -> print(c.args().get(i))) + ")";
    } else if (e instanceof Expr.PostInc p) {
      return p.variable().name() + "++";
    } else if (e instanceof Expr.Draw d) {
      return d.object() + "." + d.method() + "(" + (d.bound() == null ? "" : print(d.bound()))
          + ")";
    } else if (e instanceof Expr.ListGet g) {
      return print(g.list()) + ".get(" + print(g.index()) + ")";
    } else if (e instanceof Expr.Size z) {
      return print(z.list()) + ".size()";
    }
    throw new IllegalArgumentException(e.toString());
  }

  private String args(List<Expr> args) {
    return args.stream().map(this::print).collect(Collectors.joining(", "));
  }

  /**
   * The arguments of a call as printed: one per argument, except that the arguments of a
   * callee's record parameter are the caller's record (or nested record) of that type, passed
   * whole, when they are exactly its components; else (never in generated programs) a new
   * record of them.
   */
  static String callArgs(ClassDef cls, Expr.Call c, List<Records.Node> nodes,
      IntFunction<String> arg) {
    if (c.kind() != CallKind.GENERATED || cls == null || !cls.hasMethod(c.name())
        || !Records.hasRecords(cls.method(c.name()))) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < c.args().size(); i++) {
        out.add(arg.apply(i));
      }
      return String.join(", ", out);
    }
    MethodDef callee = cls.method(c.name());
    List<String> packed = new ArrayList<>(Records.pack(callee, arg,
        (n, members) -> {
          List<Expr> given = n.leaves().stream().map(l -> c.args().get(l.index())).toList();
          Records.Node whole = Records.passedWhole(nodes, n.type(), given);
          return whole != null ? whole.access()
              : "new " + n.type() + "(" + String.join(", ", members) + ")";
        }));
    if (Models.hasReceiver(callee)) {
      // the object itself: an instance method of the same object is called on it
      packed.remove(0);
    }
    return String.join(", ", packed);
  }
}

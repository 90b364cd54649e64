package dev.tapeless.processor.graph;

import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.IrPrinter;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A lowered method as a Graphviz digraph, the computational graph that reverse mode walks
 * backwards: each variable is one node, each operation a small box with edges from its operands
 * and to the variable it writes. Statements inside a branch or loop are drawn in a cluster
 * labelled with it; variables sit where they are first written, so a loop's temporaries are
 * drawn inside the loop.
 *
 * <p>Node shapes: parameters {@code invhouse}, the result {@code doublecircle}, locals
 * {@code ellipse}, temporaries lowering made {@code ellipse} dashed, loop indices and counters
 * dotted, constants plain text; values that carry no derivative (int, boolean) are grey. Every
 * node is declared before the first edge, so that an edge never pulls a node into a cluster.
 */
public final class DotGraph {
  private static final String OP_STYLE =
      "shape=box, style=\"rounded,filled\", fillcolor=\"#eeeeee\", fontsize=10, width=0.3,"
          + " height=0.25, margin=\"0.06,0.02\"";

  /** A cluster (or the whole graph) and what is declared in it. */
  private static final class Scope {
    final String label;
    final List<String> nodes = new ArrayList<>();
    final List<Scope> children = new ArrayList<>();

    Scope(String label) {
      this.label = label;
    }
  }

  private final Scope top = new Scope(null);
  private final Map<Var, Scope> homes = new IdentityHashMap<>();
  private final List<String> edges = new ArrayList<>();
  private final IrMethod method;
  private int nextId = 1;

  private DotGraph(IrMethod method) {
    this.method = method;
  }

  /** The DOT text of {@code method}'s graph, titled {@code title} (its qualified name). */
  public static String of(String title, IrMethod method) {
    DotGraph g = new DotGraph(method);
    for (Var p : method.parameters()) {
      g.home(p, g.top);
    }
    g.block(method.body(), g.top);
    g.home(method.result(), g.top);
    return g.print(title);
  }

  private String print(String title) {
    StringBuilder out = new StringBuilder();
    out.append("digraph ").append(quote(title)).append(" {\n");
    out.append("  label=").append(quote(signature())).append(";\n");
    out.append("  labelloc=t;\n  labeljust=l;\n  fontname=\"Helvetica\";\n");
    out.append("  node [fontname=\"Helvetica\", fontsize=11];\n");
    out.append("  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.6];\n");
    scope(top, out, "  ");
    for (String edge : edges) {
      out.append("  ").append(edge).append(";\n");
    }
    out.append("}\n");
    return out.toString();
  }

  private void scope(Scope scope, StringBuilder out, String indent) {
    for (String node : scope.nodes) {
      out.append(indent).append(node).append(";\n");
    }
    for (Scope child : scope.children) {
      out.append(indent).append("subgraph cluster_").append(nextId++).append(" {\n");
      out.append(indent).append("  label=").append(quote(child.label)).append(";\n");
      out.append(indent).append("  style=\"rounded,dashed\";\n");
      scope(child, out, indent + "  ");
      out.append(indent).append("}\n");
    }
  }

  private String signature() {
    return method.name() + method.parameters().stream()
        .map(v -> v.type() + " " + v.name()).collect(Collectors.joining(", ", "(", ")"))
        + " returns " + method.result().name();
  }

  // ---- statements

  private void block(Stmt.Block block, Scope scope) {
    for (Stmt s : block.statements()) {
      stmt(s, scope);
    }
  }

  private void stmt(Stmt s, Scope scope) {
    if (s instanceof Stmt.Assign a) {
      home(a.target(), scope);
      String from = valueNode(a.value(), scope);
      edge(from, id(a.target()), isOperation(a.value()) ? null : join(readLabel(a.value()), "="));
      outputs(a.value(), from, scope);
    } else if (s instanceof Stmt.Store st) {
      home(st.array(), scope);
      String from = valueNode(st.value(), scope);
      String index = indices(st.indices());
      String read = isOperation(st.value()) ? "" : readLabel(st.value());
      edge(from, id(st.array()), join(read.isEmpty() ? "" : read + " \u2192", index,
          st.kind().symbol()));
      outputs(st.value(), from, scope);
    } else if (s instanceof Stmt.Effect e) {
      String op = valueNode(e.call(), scope);
      outputs(e.call(), op, scope);
    } else if (s instanceof Stmt.If i) {
      Scope then = child(scope, "if " + IrPrinter.print(i.condition()));
      read(i.condition());
      block(i.thenBlock(), then);
      if (!i.elseBlock().statements().isEmpty()) {
        block(i.elseBlock(), child(scope, "else (not " + IrPrinter.print(i.condition()) + ")"));
      }
    } else if (s instanceof Stmt.For f) {
      Scope loop = child(scope, "for " + f.index().name() + " from " + IrPrinter.print(f.first())
          + " " + f.direction().comparison() + " " + IrPrinter.print(f.bound()) + " step "
          + f.direction().step());
      home(f.index(), loop);
      read(f.first());
      read(f.bound());
      block(f.body(), loop);
    } else if (s instanceof Stmt.Loop l) {
      Scope loop = child(scope, "loop (iterations counted in " + l.counter().name() + ")");
      home(l.counter(), loop);
      block(l.body(), loop);
    } else if (s instanceof Stmt.Exit) {
      scope.nodes.add(quote("#" + nextId++) + " [label=\"exit loop\", shape=plaintext,"
          + " fontcolor=\"#777777\"]");
    } else if (s instanceof Stmt.Block b) {
      block(b, scope);
    }
  }

  /** Edges from a call to the {@code @Out} arrays it writes. */
  private void outputs(Expr value, String op, Scope scope) {
    if (!(value instanceof Expr.Call c)) {
      return;
    }
    List<Boolean> outs = outFlags(c.callee());
    for (int k = 0; k < c.args().size() && k < outs.size(); k++) {
      if (!outs.get(k)) {
        continue;
      }
      Expr arg = c.args().get(k);
      if (arg instanceof Expr.Ref r) {
        home(r.var(), scope);
        edge(op, id(r.var()), "out");
      } else if (arg instanceof Expr.ArrayRead row) {
        home(row.array(), scope);
        edge(op, id(row.array()), "out " + indices(row.indices()));
      }
    }
  }

  private static List<Boolean> outFlags(Callee callee) {
    if (callee instanceof Callee.Opaque o) {
      return o.outs();
    }
    List<Callee.Param> params = Callee.paramsOf(callee);
    return params == null ? List.of() : params.stream().map(Callee.Param::out).toList();
  }

  // ---- expressions

  /**
   * The node whose value {@code e} is: a variable's own node for a read, otherwise a new
   * operation or constant node declared in {@code scope}, with edges from its operands.
   */
  private String valueNode(Expr e, Scope scope) {
    if (e instanceof Expr.Ref r) {
      read(e);
      return id(r.var());
    } else if (e instanceof Expr.ArrayRead a) {
      // an element: the array's node, the indices on the edge (see edgeFrom)
      read(e);
      return id(a.array());
    } else if (e instanceof Expr.Const c) {
      return constant(c.literal(), scope);
    } else if (e instanceof Expr.StaticField f) {
      return constant(ownerName(f.owner()) + "." + f.name(), scope);
    } else if (e instanceof Expr.Unary u) {
      return op(u.op().symbol(), scope, u.operand());
    } else if (e instanceof Expr.Binary b) {
      return op(b.op().symbol(), scope, b.left(), b.right());
    } else if (e instanceof Expr.Cast c) {
      return op("(" + c.type() + ")", scope, c.operand());
    } else if (e instanceof Expr.Conditional c) {
      return op("?:", scope, c.condition(), c.whenTrue(), c.whenFalse());
    } else if (e instanceof Expr.Length l) {
      return op(".length", scope, l.array());
    } else if (e instanceof Expr.NewArray n) {
      return op("new " + n.type(), scope, n.dimensions().toArray(Expr[]::new));
    } else {
      Expr.Call c = (Expr.Call) e;
      List<Boolean> outs = outFlags(c.callee());
      List<Expr> inputs = new ArrayList<>();
      for (int k = 0; k < c.args().size(); k++) {
        if (k >= outs.size() || !outs.get(k)) {
          inputs.add(c.args().get(k));
        }
      }
      return op(calleeName(c.callee()), scope, inputs.toArray(Expr[]::new));
    }
  }

  /** Whether {@code e} gets a box of its own, rather than being a variable or a constant. */
  private static boolean isOperation(Expr e) {
    return !(e instanceof Expr.Ref || e instanceof Expr.ArrayRead || e instanceof Expr.Const
        || e instanceof Expr.StaticField);
  }

  /** An operation node labelled {@code label}, with an edge from each operand. */
  private String op(String label, Scope scope, Expr... operands) {
    String id = quote("#" + nextId++);
    scope.nodes.add(id + " [label=" + quote(label) + ", " + OP_STYLE + "]");
    for (Expr operand : operands) {
      String from = valueNode(operand, scope);
      edge(from, id, readLabel(operand));
    }
    return id;
  }

  private String constant(String text, Scope scope) {
    String id = quote("#" + nextId++);
    scope.nodes.add(id + " [label=" + quote(text) + ", shape=plaintext, fontcolor=\"#555555\"]");
    return id;
  }

  private static String calleeName(Callee callee) {
    if (callee instanceof Callee.MathFunction m) {
      return m.name();
    }
    return ownerName(callee.owner()) + "." + callee.name();
  }

  /** {@code package/Outer.Inner} as {@code Outer.Inner}. */
  private static String ownerName(String owner) {
    return owner.substring(owner.lastIndexOf('/') + 1);
  }

  /** The indices of an element read, which its edge carries; empty for other operands. */
  private static String readLabel(Expr e) {
    return e instanceof Expr.ArrayRead a ? indices(a.indices()) : "";
  }

  private static String join(String... parts) {
    return java.util.Arrays.stream(parts).filter(p -> !p.isEmpty())
        .collect(Collectors.joining(" "));
  }

  private static String indices(List<Expr> indices) {
    return indices.stream().map(i -> "[" + IrPrinter.print(i) + "]").collect(Collectors.joining());
  }

  // ---- variables

  /** Declares the variables {@code e} reads that have no node yet (read before written). */
  private void read(Expr e) {
    if (e instanceof Expr.Ref r) {
      home(r.var(), top);
    } else if (e instanceof Expr.ArrayRead a) {
      home(a.array(), top);
      a.indices().forEach(this::read);
    } else if (e instanceof Expr.Unary u) {
      read(u.operand());
    } else if (e instanceof Expr.Binary b) {
      read(b.left());
      read(b.right());
    } else if (e instanceof Expr.Cast c) {
      read(c.operand());
    } else if (e instanceof Expr.Conditional c) {
      read(c.condition());
      read(c.whenTrue());
      read(c.whenFalse());
    } else if (e instanceof Expr.Length l) {
      read(l.array());
    } else if (e instanceof Expr.NewArray n) {
      n.dimensions().forEach(this::read);
    } else if (e instanceof Expr.Call c) {
      c.args().forEach(this::read);
    }
  }

  /** Gives {@code v} its node in {@code scope} unless it has one already. */
  private void home(Var v, Scope scope) {
    if (homes.containsKey(v)) {
      return;
    }
    homes.put(v, scope);
    scope.nodes.add(id(v) + " [" + variableStyle(v) + "]");
  }

  private String variableStyle(Var v) {
    String shape = switch (v.role()) {
      case PARAMETER -> "shape=invhouse";
      case RESULT -> "shape=doublecircle";
      case TEMP -> "shape=ellipse, style=dashed";
      case INDEX -> "shape=ellipse, style=dotted";
      case LOCAL -> "shape=ellipse";
      case CONSTANT -> "shape=box3d";
      case ADJOINT -> "shape=ellipse, style=bold";
    };
    String grey = v.type().carriesDerivative() ? "" : ", color=\"#999999\", fontcolor=\"#777777\"";
    String kind = v.role().name().toLowerCase(java.util.Locale.ROOT);
    return "label=" + quote(v.name()) + ", " + shape + grey + ", tooltip="
        + quote(v.type() + " " + v.name() + " (" + kind + ")");
  }

  private static String id(Var v) {
    return quote(v.name());
  }

  private void edge(String from, String to, String label) {
    edges.add(from + " -> " + to + (label == null || label.isEmpty() ? ""
        : " [label=" + quote(label) + "]"));
  }

  private Scope child(Scope parent, String label) {
    Scope s = new Scope(label);
    parent.children.add(s);
    return s;
  }

  /** A DOT string literal. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> { }
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}

package dev.tapeless.processor.ir;

import java.util.stream.Collectors;

/** Prints IR as compact text, for tests and for debugging the lowering. */
public final class IrPrinter {
  private final StringBuilder out = new StringBuilder();

  private IrPrinter() {}

  public static String print(IrMethod method) {
    IrPrinter p = new IrPrinter();
    p.out.append(method.name()).append('(');
    p.out.append(
        method.parameters().stream()
            .map(v -> v.type() + " " + v.name())
            .collect(Collectors.joining(", ")));
    p.out.append(") -> ").append(method.result().name()).append('\n');
    p.block(method.body(), 1);
    return p.out.toString();
  }

  public static String print(Expr e) {
    if (e instanceof Expr.Ref r) {
      return r.var().name();
    } else if (e instanceof Expr.Const c) {
      return c.literal();
    } else if (e instanceof Expr.Unary u) {
      return u.op().symbol() + print(u.operand());
    } else if (e instanceof Expr.Binary b) {
      return "(" + print(b.left()) + " " + b.op().symbol() + " " + print(b.right()) + ")";
    } else if (e instanceof Expr.Cast c) {
      return "(" + c.type() + ") " + print(c.operand());
    } else if (e instanceof Expr.Conditional c) {
      return "(" + print(c.condition()) + " ? " + print(c.whenTrue()) + " : "
          + print(c.whenFalse()) + ")";
    } else if (e instanceof Expr.StaticField f) {
      return f.owner() + "." + f.name();
    } else if (e instanceof Expr.ArrayRead a) {
      return a.array().name() + a.indices().stream().map(i -> "[" + print(i) + "]")
          .collect(Collectors.joining());
    } else if (e instanceof Expr.Length l) {
      return print(l.array()) + ".length";
    } else if (e instanceof Expr.NewArray n) {
      return "new " + n.type().kind().toString().toLowerCase()
          + n.dimensions().stream().map(d -> "[" + print(d) + "]").collect(Collectors.joining());
    } else {
      Expr.Call c = (Expr.Call) e;
      if (c.callee() instanceof Callee.Opaque o && o.onObject()) {
        String member = print(c.args().get(0)) + "." + o.name();
        return o.form() == Callee.Opaque.Form.OBJECT_FIELD ? member : member
            + c.args().subList(1, c.args().size()).stream().map(IrPrinter::print)
            .collect(Collectors.joining(", ", "(", ")"));
      }
      return c.callee().name()
          + c.args().stream().map(IrPrinter::print).collect(Collectors.joining(", ", "(", ")"));
    }
  }

  private void block(Stmt.Block block, int depth) {
    for (Stmt s : block.statements()) {
      stmt(s, depth);
    }
  }

  private void stmt(Stmt s, int depth) {
    String indent = "  ".repeat(depth);
    if (s instanceof Stmt.Assign a) {
      out.append(indent).append(a.target().type()).append(' ').append(a.target().name())
          .append(" = ").append(print(a.value())).append('\n');
    } else if (s instanceof Stmt.Store st) {
      out.append(indent).append(print(st.element())).append(' ').append(st.kind().symbol())
          .append(' ').append(print(st.value())).append('\n');
    } else if (s instanceof Stmt.Effect e) {
      out.append(indent).append(print(e.call())).append('\n');
    } else if (s instanceof Stmt.If i) {
      out.append(indent).append("if ").append(print(i.condition())).append('\n');
      block(i.thenBlock(), depth + 1);
      if (!i.elseBlock().statements().isEmpty()) {
        out.append(indent).append("else\n");
        block(i.elseBlock(), depth + 1);
      }
    } else if (s instanceof Stmt.For f) {
      out.append(indent).append("for ").append(f.index().name()).append(" from ")
          .append(print(f.first())).append(' ').append(f.direction().comparison()).append(' ')
          .append(print(f.bound())).append(" step ").append(f.direction().step()).append('\n');
      block(f.body(), depth + 1);
    } else if (s instanceof Stmt.Loop l) {
      out.append(indent).append("loop counting ").append(l.counter().name()).append('\n');
      block(l.body(), depth + 1);
    } else if (s instanceof Stmt.Exit) {
      out.append(indent).append("exit\n");
    } else {
      block((Stmt.Block) s, depth);
    }
  }
}

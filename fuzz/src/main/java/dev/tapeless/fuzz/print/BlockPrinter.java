package dev.tapeless.fuzz.print;

import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.Stmt;
import dev.tapeless.fuzz.ast.Ty;
import java.util.List;
import java.util.function.Function;

/**
 * The control structure of a body, shared by both printings: how a condition, a one-line
 * statement and a type are written is the printer's, the braces and nesting are the same.
 */
final class BlockPrinter {
  private final Function<Expr, String> condition;
  private final Function<Stmt, String> simple;
  private final Function<Ty, String> type;

  BlockPrinter(Function<Expr, String> condition, Function<Stmt, String> simple,
      Function<Ty, String> type) {
    this.condition = condition;
    this.simple = simple;
    this.type = type;
  }

  void statements(Src src, List<Stmt> body) {
    for (Stmt s : body) {
      statement(src, s);
    }
  }

  private void statement(Src src, Stmt s) {
    if (s instanceof Stmt.If i) {
      src.open("if (" + condition.apply(i.condition()) + ") {");
      statements(src, i.then());
      if (i.otherwise().isEmpty()) {
        src.close("}");
      } else {
        src.close("} else {");
        src.in();
        statements(src, i.otherwise());
        src.close("}");
      }
    } else if (s instanceof Stmt.For f) {
      src.open("for (" + (f.init() == null ? "" : simple.apply(f.init())) + "; "
          + condition.apply(f.condition()) + "; " + simple.apply(f.update()) + ") {");
      statements(src, f.body());
      src.close("}");
    } else if (s instanceof Stmt.ForEach fe) {
      src.open("for (" + type.apply(fe.elementType()) + " " + fe.name() + " : "
          + condition.apply(fe.array()) + ") {");
      statements(src, fe.body());
      src.close("}");
    } else if (s instanceof Stmt.While w) {
      src.open("while (" + condition.apply(w.condition()) + ") {");
      statements(src, w.body());
      src.close("}");
    } else if (s instanceof Stmt.DoWhile d) {
      src.open("do {");
      statements(src, d.body());
      src.close("} while (" + condition.apply(d.condition()) + ");");
    } else {
      src.line(simple.apply(s) + ";");
    }
  }
}

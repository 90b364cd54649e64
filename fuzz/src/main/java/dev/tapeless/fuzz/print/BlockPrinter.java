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
  /** Whether a checkpointed loop's index is printed with {@code @Checkpoint}. */
  private final boolean checkpoints;

  BlockPrinter(Function<Expr, String> condition, Function<Stmt, String> simple,
      Function<Ty, String> type) {
    this(condition, simple, type, false);
  }

  BlockPrinter(Function<Expr, String> condition, Function<Stmt, String> simple,
      Function<Ty, String> type, boolean checkpoints) {
    this.condition = condition;
    this.simple = simple;
    this.type = type;
    this.checkpoints = checkpoints;
  }

  /** {@code @Checkpoint} (with its {@code every}) before a checkpointed loop's index. */
  static String checkpoint(Stmt.For f) {
    if (!f.checkpointed()) {
      return "";
    }
    return "@dev.tapeless.Checkpoint" + (f.checkpoint() > 0 ? "(every = " + f.checkpoint() + ")"
        : "") + " ";
  }

  /**
   * A condition without its outer parentheses: the processor counts a loop only when its test
   * is a comparison itself, {@code i < n}, and refuses {@code @Checkpoint} on
   * {@code (i < n)} (TL126).
   */
  static String unwrapped(String test) {
    if (!test.startsWith("(") || !test.endsWith(")")) {
      return test;
    }
    int depth = 0;
    for (int k = 0; k < test.length() - 1; k++) {
      depth += test.charAt(k) == '(' ? 1 : test.charAt(k) == ')' ? -1 : 0;
      if (depth == 0) {
        return test; // the first parenthesis closes before the end: (a) < (b)
      }
    }
    return test.substring(1, test.length() - 1);
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
      String mark = checkpoints && f.init() != null ? checkpoint(f) : "";
      String test = condition.apply(f.condition());
      src.open("for (" + (f.init() == null ? "" : mark + simple.apply(f.init())) + "; "
          + (f.checkpointed() ? unwrapped(test) : test) + "; " + simple.apply(f.update())
          + ") {");
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

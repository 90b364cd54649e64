package dev.tapeless.fuzz.reduce;

import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.Stmt;
import dev.tapeless.fuzz.ast.Walk;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The positions the reducer must leave alone so that every loop still ends: loop headers, and
 * the statements that update a variable an enclosing loop's condition reads (the counter of a
 * while loop). Positions are numbered as {@link Rewrite} numbers them.
 */
final class Guards {
  final Set<Integer> statements = new HashSet<>();
  final Set<Integer> expressions = new HashSet<>();
  private int nextStatement;
  private int nextExpression;

  static Guards of(List<Stmt> body) {
    Guards g = new Guards();
    g.list(body, Set.of());
    return g;
  }

  private void list(List<Stmt> body, Set<String> loopVars) {
    for (Stmt s : body) {
      stmt(s, loopVars, false);
    }
  }

  private void stmt(Stmt s, Set<String> loopVars, boolean header) {
    int index = nextStatement++;
    if (header || updates(s, loopVars)) {
      statements.add(index);
    }
    if (s instanceof Stmt.If i) {
      expr(i.condition(), false);
      list(i.then(), loopVars);
      list(i.otherwise(), loopVars);
    } else if (s instanceof Stmt.For f) {
      Set<String> inner = with(loopVars, f.condition());
      if (f.init() != null) {
        stmt(f.init(), inner, true);
      }
      expr(f.condition(), true);
      stmt(f.update(), inner, true);
      list(f.body(), inner);
    } else if (s instanceof Stmt.ForEach fe) {
      expr(fe.array(), true);
      list(fe.body(), loopVars);
    } else if (s instanceof Stmt.While w) {
      expr(w.condition(), true);
      list(w.body(), with(loopVars, w.condition()));
    } else if (s instanceof Stmt.DoWhile d) {
      list(d.body(), with(loopVars, d.condition()));
      expr(d.condition(), true);
    } else {
      boolean guard = header || statements.contains(index);
      Walk.statement(s, x -> { }, e -> {
        if (guard) {
          expressions.add(nextExpression);
        }
        nextExpression++;
      });
      // Walk.statement visited s itself through onStmt, not counted again here.
    }
  }

  private void expr(Expr e, boolean guard) {
    Walk.expr(e, x -> {
      if (guard) {
        expressions.add(nextExpression);
      }
      nextExpression++;
    });
  }

  private static Set<String> with(Set<String> vars, Expr condition) {
    Set<String> result = new HashSet<>(vars);
    Walk.expr(condition, e -> {
      if (e instanceof Expr.Ref r) {
        result.add(r.name());
      }
    });
    return result;
  }

  /** A statement that assigns or steps a variable the enclosing loops' conditions read. */
  private static boolean updates(Stmt s, Set<String> loopVars) {
    Expr target = s instanceof Stmt.Step st ? st.target()
        : s instanceof Stmt.Assign a ? a.target() : null;
    return target instanceof Expr.Ref r && loopVars.contains(r.name());
  }
}

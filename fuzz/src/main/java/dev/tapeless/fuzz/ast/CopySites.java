package dev.tapeless.fuzz.ast;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the calls of a class are, for {@link UnannotatedCopies}: a copy Tapeless must inline
 * (a private one, an instance one, one given a record) works only where each call is a whole
 * value or a part of one that always runs. Counts, per callee, the calls in plain arithmetic
 * positions (a local's value, an assignment's value, a return, a call statement, through
 * {@code + - * /}, negation, math functions and call arguments) and the calls anywhere;
 * a callee whose two counts agree is called only where any copy works.
 */
final class CopySites {
  private final Map<String, Integer> all = new HashMap<>();
  private final Map<String, Integer> plain = new HashMap<>();

  CopySites(List<MethodDef> methods) {
    for (MethodDef m : methods) {
      Walk.statements(m.body(), s -> {
        if (s instanceof Stmt.Local l) {
          plain(l.init());
        } else if (s instanceof Stmt.Assign a) {
          plain(a.value());
        } else if (s instanceof Stmt.Return r && r.value() != null) {
          plain(r.value());
        } else if (s instanceof Stmt.Effect e) {
          plain(e.call());
        }
      }, e -> {
        if (e instanceof Expr.Call c) {
          all.merge(c.name(), 1, Integer::sum);
        }
      });
    }
  }

  /** Whether every call of {@code name} is in a plain arithmetic position. */
  boolean onlyPlain(String name) {
    return all.getOrDefault(name, 0).equals(plain.getOrDefault(name, 0));
  }

  private void plain(Expr e) {
    if (e instanceof Expr.Call c) {
      plain.merge(c.name(), 1, Integer::sum);
      c.args().forEach(this::plain);
    } else if (e instanceof Expr.Neg n) {
      plain(n.operand());
    } else if (e instanceof Expr.MathCall m) {
      m.args().forEach(this::plain);
    } else if (e instanceof Expr.Bin b && (b.op() == Op.ADD || b.op() == Op.SUB
        || b.op() == Op.MUL || b.op() == Op.DIV)) {
      plain(b.left());
      plain(b.right());
    }
  }
}

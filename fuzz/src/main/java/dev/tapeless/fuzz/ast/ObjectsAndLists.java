package dev.tapeless.fuzz.ast;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which methods take a {@code @NoDerivative} random source or a list of arrays, and what they
 * do with them: what the report counts, so that a run shows these features were checked.
 */
public final class ObjectsAndLists {
  private ObjectsAndLists() {}

  /** Whether {@code m} takes a random source or a list. */
  public static boolean has(MethodDef m) {
    return m.params().stream().anyMatch(p -> p.type().isObject() || p.type().isList());
  }

  /**
   * The features {@code m} uses: its parameters' types, draws in expressions, drawn locals and
   * trip counts, list reads and loops, and the object or list passed on to a callee.
   */
  public static List<String> traits(ClassDef c, MethodDef m) {
    Set<String> t = new TreeSet<>();
    for (Param p : m.params()) {
      if (p.type().isObject() || p.type().isList()) {
        t.add(p.type().java().replace("java.util.", ""));
      }
    }
    Walk.statements(m.body(), s -> {
      if (s instanceof Stmt.Local l && l.init() instanceof Expr.Draw) {
        t.add("drawn local");
      } else if (s instanceof Stmt.For f && f.condition() instanceof Expr.Bin b
          && b.right() instanceof Expr.Draw) {
        t.add("drawn trip count");
      } else if (s instanceof Stmt.ForEach fe && fe.array().type().isList()) {
        t.add("for over a list");
      }
    }, e -> {
      if (e instanceof Expr.Draw) {
        t.add("draw");
      } else if (e instanceof Expr.ListGet) {
        t.add("xs.get(i)");
      } else if (e instanceof Expr.Size) {
        t.add("xs.size()");
      } else if (e instanceof Expr.Call call) {
        for (Expr a : call.args()) {
          if (a.type().isObject()) {
            t.add("source passed on");
          } else if (a.type().isList()) {
            t.add("list passed on");
          }
        }
      }
    });
    return new ArrayList<>(t);
  }
}

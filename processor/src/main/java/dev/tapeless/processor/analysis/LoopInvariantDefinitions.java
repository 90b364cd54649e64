package dev.tapeless.processor.analysis;

import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assignments inside loops that give their variable the same value every time they run: the
 * only assignment of a local or temporary, computing from values the enclosing loops never
 * change ({@code double damping = c * dt;} in a time loop). Overwriting such a variable loses
 * nothing, since every value it held was that one (Java reads a local only after assigning
 * it), so {@link Recording} saves nothing for them: a million-step loop no longer stores a
 * million copies of a constant.
 */
final class LoopInvariantDefinitions {
  private LoopInvariantDefinitions() {}

  static Set<Stmt> of(Stmt.Block body) {
    Map<Var, Integer> definitions = definitionCounts(body);
    Set<Stmt> invariant = Activity.identitySet();
    for (Stmt loop : outermostLoops(body)) {
      // a variable the loop writes only by an invariant definition is invariant too
      Set<Var> changed = writtenIn(loop);
      boolean grew = true;
      while (grew) {
        grew = false;
        for (Stmt.Assign a : Statements.assignments(loop)) {
          if (!invariant.contains(a) && isInvariant(a, definitions, changed)) {
            invariant.add(a);
            changed.remove(a.target());
            grew = true;
          }
        }
      }
    }
    return invariant;
  }

  /** How many statements of {@code body} write each variable (a store writes its array). */
  static Map<Var, Integer> definitionCounts(Stmt.Block body) {
    Map<Var, Integer> definitions = new IdentityHashMap<>();
    for (Stmt s : Statements.all(body)) {
      for (Var w : Dependencies.of(s).written()) {
        definitions.merge(w, 1, Integer::sum);
      }
    }
    return definitions;
  }

  private static List<Stmt> outermostLoops(Stmt s) {
    List<Stmt> loops = new ArrayList<>();
    if (s instanceof Stmt.For || s instanceof Stmt.Loop) {
      loops.add(s);
    } else if (s instanceof Stmt.If i) {
      loops.addAll(outermostLoops(i.thenBlock()));
      loops.addAll(outermostLoops(i.elseBlock()));
    } else if (s instanceof Stmt.Block b) {
      b.statements().forEach(c -> loops.addAll(outermostLoops(c)));
    }
    return loops;
  }

  private static boolean isInvariant(Stmt.Assign a, Map<Var, Integer> definitions,
      Set<Var> changed) {
    Var v = a.target();
    if (v.type().isArray() || (v.role() != Var.Role.LOCAL && v.role() != Var.Role.TEMP)
        || definitions.getOrDefault(v, 0) != 1 || !deterministic(a.value())) {
      return false;
    }
    List<Var> reads = new ArrayList<>();
    Operands.readsOf(a.value(), reads);
    return reads.stream().noneMatch(changed::contains);
  }

  /** No call but to a {@code Math} function: a call may give another value each time. */
  private static boolean deterministic(Expr e) {
    if (e instanceof Expr.Call c) {
      return c.callee() instanceof Callee.MathFunction && all(c.args());
    } else if (e instanceof Expr.ArrayRead r) {
      return all(r.indices());
    } else if (e instanceof Expr.Ref || e instanceof Expr.Const) {
      return true;
    }
    return !(e instanceof Expr.NewArray) && all(Operands.of(e));
  }

  private static boolean all(List<Expr> es) {
    return es.stream().allMatch(LoopInvariantDefinitions::deterministic);
  }

  /** Every variable a loop writes, its indices and counters included. */
  private static Set<Var> writtenIn(Stmt loop) {
    Set<Var> written = Activity.identitySet();
    for (Stmt s : Statements.all(loop)) {
      written.addAll(Dependencies.of(s).written());
      if (s instanceof Stmt.For f) {
        written.add(f.index());
      } else if (s instanceof Stmt.Loop l) {
        written.add(l.counter());
      }
    }
    return written;
  }
}

package dev.tapeless.fuzz.reduce;

import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Records;
import dev.tapeless.fuzz.ast.Stmt;
import dev.tapeless.fuzz.ast.Ty;
import dev.tapeless.fuzz.ast.Walk;
import dev.tapeless.fuzz.run.Failure;
import dev.tapeless.fuzz.run.Pipeline;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Shrinks a failing method and the methods it calls on the AST, keeping each step only if the
 * same failure (same kind and first line, blurred) persists: drop unrelated methods, delete
 * statements, inline branches, replace expressions by a sub-expression or a constant, drop
 * unused parameters. Every candidate is recompiled and rechecked, so a step that breaks the
 * program (an undefined variable, an index out of bounds) is simply not taken.
 */
public final class Reducer {
  private final long seed;
  private final long deadline;
  private int attempts;

  /** {@code seed} as in the run (it decides the points); stops at {@code deadline} millis. */
  public Reducer(long seed, long deadline) {
    this.seed = seed;
    this.deadline = deadline;
  }

  public int attempts() {
    return attempts;
  }

  /** The smallest failing version found of {@code original}'s class. */
  public Failure reduce(Failure original) {
    Failure best = original;
    ClassDef closure = original.cls().keep(original.cls().closure(original.method()));
    Failure f = check(closure, original);
    if (f != null) {
      best = f;
    }
    boolean progress = true;
    while (progress && !timeUp()) {
      progress = false;
      for (String name : orderedMethods(best)) {
        if (timeUp()) {
          break;
        }
        if (!best.cls().hasMethod(name)) {
          continue; // dropped with the callees nothing calls any more
        }
        Failure next = deleteStatements(best, name);
        next = simplifyStatements(next, name);
        next = simplifyExpressions(next, name);
        next = dropRecords(next, name);
        next = dropUnusedParameters(next, name);
        if (next != best) {
          best = dropUncalled(next);
          progress = true;
        }
      }
    }
    return best;
  }

  private boolean timeUp() {
    return System.currentTimeMillis() > deadline;
  }

  /** The failing method first, then its callees, last first. */
  private static List<String> orderedMethods(Failure f) {
    List<String> names = new ArrayList<>();
    names.add(f.method());
    List<MethodDef> methods = new ArrayList<>(f.cls().methods());
    java.util.Collections.reverse(methods);
    for (MethodDef m : methods) {
      if (!m.name().equals(f.method()) && m.differentiable()) {
        names.add(m.name());
      }
    }
    return names;
  }

  /** The failure of the target method in {@code candidate} if it is the same failure, or null. */
  private Failure check(ClassDef candidate, Failure original) {
    attempts++;
    // A float failure needs the float version compiled and checked; others do not.
    Pipeline.BatchResult r = new Pipeline(seed, original.kind().isFloat()
        ? Set.of(candidate.name()) : Set.of()).run(List.of(candidate));
    for (Failure f : r.failures) {
      if (f.method().equals(original.method()) && f.key().equals(original.key())) {
        return f;
      }
    }
    return null;
  }

  private Failure withBody(Failure best, String name, List<Stmt> body) {
    if (timeUp()) {
      return null;
    }
    ClassDef c = best.cls();
    List<MethodDef> methods = new ArrayList<>();
    for (MethodDef m : c.methods()) {
      methods.add(m.name().equals(name) ? m.withBody(body) : m);
    }
    return check(c.withMethods(methods), best);
  }

  private Failure deleteStatements(Failure best, String name) {
    // Last to first, so earlier positions stay valid after a deletion.
    int n = Rewrite.countStatements(best.cls().method(name).body());
    for (int i = n - 1; i >= 0 && !timeUp(); i--) {
      List<Stmt> body = best.cls().method(name).body();
      if (i >= Rewrite.countStatements(body) || Guards.of(body).statements.contains(i)) {
        continue;
      }
      Failure f = withBody(best, name, Rewrite.replaceStatement(body, i, s -> List.of()));
      if (f != null) {
        best = f;
      }
    }
    return best;
  }

  /** An if becomes its then or else branch; a loop its body run once, if that compiles. */
  private Failure simplifyStatements(Failure best, String name) {
    int n = Rewrite.countStatements(best.cls().method(name).body());
    for (int i = n - 1; i >= 0 && !timeUp(); i--) {
      List<Stmt> body = best.cls().method(name).body();
      if (i >= Rewrite.countStatements(body)) {
        continue;
      }
      Stmt s = Rewrite.statementAt(body, i);
      List<List<Stmt>> options = new ArrayList<>();
      if (s instanceof Stmt.If iff) {
        options.add(iff.then());
        if (!iff.otherwise().isEmpty()) {
          options.add(iff.otherwise());
          options.add(List.of(new Stmt.If(iff.condition(), iff.then(), List.of())));
        }
      } else if (s instanceof Stmt.While w) {
        options.add(w.body());
      } else if (s instanceof Stmt.DoWhile d) {
        options.add(d.body());
      }
      for (List<Stmt> option : options) {
        Failure f = withBody(best, name, Rewrite.replaceStatement(body, i, x -> option));
        if (f != null) {
          best = f;
          break;
        }
      }
    }
    return best;
  }

  private Failure simplifyExpressions(Failure best, String name) {
    int i = 0;
    while (!timeUp()) {
      List<Stmt> body = best.cls().method(name).body();
      List<Expr> all = Rewrite.expressions(body);
      if (i >= all.size()) {
        break;
      }
      Expr e = all.get(i);
      boolean replaced = false;
      if (Guards.of(body).expressions.contains(i)) {
        i++;
        continue;
      }
      for (Expr option : simpler(e)) {
        Failure f = withBody(best, name, Rewrite.replaceExpression(body, i, option));
        if (f != null) {
          best = f;
          replaced = true;
          break;
        }
      }
      if (!replaced) {
        i++;
      }
    }
    return best;
  }

  /** Smaller expressions of the same type: its sub-expressions, then a constant. */
  private static List<Expr> simpler(Expr e) {
    List<Expr> out = new ArrayList<>();
    if (e instanceof Expr.DLit || e instanceof Expr.ILit || e instanceof Expr.BLit
        || e instanceof Expr.NewArray || e instanceof Expr.Ref || e instanceof Expr.Length
        || e.type().isArray()) {
      return out;
    }
    for (Expr child : Walk.children(e)) {
      if (child.type() == e.type() && !(e instanceof Expr.Index)) {
        out.add(child);
      }
    }
    switch (e.type()) {
      case DOUBLE -> out.add(new Expr.DLit(0.5));
      case INT -> out.add(new Expr.ILit(1, Ty.INT));
      case LONG -> out.add(new Expr.ILit(1, Ty.LONG));
      case BOOLEAN -> {
        out.add(new Expr.BLit(true));
        out.add(new Expr.BLit(false));
      }
      default -> { }
    }
    return out;
  }

  /**
   * The method's parameters taken one by one instead of in records, if the failure does not
   * need them (its callers then pass the components one by one too).
   */
  private Failure dropRecords(Failure best, String name) {
    MethodDef m = best.cls().method(name);
    if (!Records.hasRecords(m) || timeUp()) {
      return best;
    }
    List<Param> flat = m.params().stream().map(p -> p.withMember(null)).toList();
    List<MethodDef> methods = new ArrayList<>();
    for (MethodDef x : best.cls().methods()) {
      methods.add(x.name().equals(name) ? x.withParams(flat, x.wrt()) : x);
    }
    Failure f = check(best.cls().withMethods(methods), best);
    return f != null ? f : best;
  }

  /** Parameters the body no longer reads, when nothing calls the method. */
  private Failure dropUnusedParameters(Failure best, String name) {
    if (!best.method().equals(name)) {
      return best;
    }
    MethodDef m = best.cls().method(name);
    Set<String> used = new HashSet<>();
    Walk.statements(m.body(), s -> { }, e -> {
      if (e instanceof Expr.Ref r) {
        used.add(r.name());
      }
    });
    for (Param p : m.params()) {
      // a field is the class's: every instance method has them all
      if (used.contains(p.name()) || timeUp() || dev.tapeless.fuzz.ast.Models.isField(p)) {
        continue;
      }
      MethodDef current = best.cls().method(name);
      List<Param> params = new ArrayList<>(current.params());
      params.removeIf(q -> q.name().equals(p.name()));
      List<String> wrt = current.wrt() == null ? null
          : current.wrt().stream().filter(n -> !n.equals(p.name())).toList();
      if (params.isEmpty() || (wrt != null && wrt.isEmpty())) {
        continue;
      }
      List<MethodDef> methods = new ArrayList<>();
      for (MethodDef x : best.cls().methods()) {
        methods.add(x.name().equals(name) ? x.withParams(params, wrt) : x);
      }
      Failure f = check(best.cls().withMethods(methods), best);
      if (f != null) {
        best = f;
      }
    }
    return best;
  }

  private Failure dropUncalled(Failure best) {
    ClassDef c = best.cls().keep(best.cls().closure(best.method()));
    if (c.methods().size() == best.cls().methods().size()) {
      return best;
    }
    Failure f = check(c, best);
    return f == null ? best : f;
  }
}

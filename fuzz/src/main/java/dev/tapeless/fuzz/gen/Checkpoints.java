package dev.tapeless.fuzz.gen;

import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.Op;
import dev.tapeless.fuzz.ast.Stmt;
import dev.tapeless.fuzz.ast.Ty;
import dev.tapeless.fuzz.ast.Walk;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which generated loops may carry {@code @Checkpoint}: the processor refuses the others
 * (TL126, TL127; docs/diagnostics.md), and a refusal of a generated program is a bug of the
 * generator. A loop qualifies when it is counted as the processor counts loops (an int index
 * stepped by one, tested against an int bound the body does not change, no break or return),
 * and its body allocates no array, names no array anew, draws from no random source and
 * passes none to a callee (which would draw again when the segment runs a second time). The
 * caller makes sure no other loop holds it.
 */
final class Checkpoints {
  private Checkpoints() {}

  /**
   * Whether {@code f}, outside every loop, may carry {@code @Checkpoint}; {@code local} tells
   * a plain variable from a record component or field.
   */
  static boolean allowed(Stmt.For f, Predicate<String> local) {
    if (!(f.init() instanceof Stmt.Local init) || init.type() != Ty.INT
        || !(f.update() instanceof Stmt.Step step)
        || !(step.target() instanceof Expr.Ref stepped) || !stepped.name().equals(init.name())
        || !(f.condition() instanceof Expr.Bin cond)
        || !(cond.left() instanceof Expr.Ref tested) || !tested.name().equals(init.name())) {
      return false;
    }
    boolean up = cond.op() == Op.LT || cond.op() == Op.LE;
    boolean down = cond.op() == Op.GT || cond.op() == Op.GE;
    if (!(up && step.increment() || down && !step.increment())
        || init.init().type() != Ty.INT || cond.right().type() != Ty.INT) {
      return false;
    }
    // (loops writing an @Out array included: they found a processor bug, fixed, whose outputs
    // were left as the segments' replays wrote them; CI seed with objectParams=off, fz.G1.m8)
    Set<String> written = written(f.body());
    written.add(init.name());
    return invariant(init.init(), written, local) && invariant(cond.right(), written, local)
        && !leaves(f.body()) && replayable(f.body());
  }

  /** Names the body assigns, steps, writes elements of or passes (arrays) to a call. */
  private static Set<String> written(List<Stmt> body) {
    Set<String> out = new HashSet<>();
    Walk.statements(body, s -> {
      if (s instanceof Stmt.Assign a) {
        out.add(base(a.target()));
      } else if (s instanceof Stmt.Step st) {
        out.add(base(st.target()));
      } else if (s instanceof Stmt.Local l) {
        out.add(l.name());
      } else if (s instanceof Stmt.Fill fi) {
        out.add(base(fi.array()));
      } else if (s instanceof Stmt.Copy c) {
        out.add(base(c.target()));
      }
    }, e -> {
      if (e instanceof Expr.PostInc p) {
        out.add(p.variable().name());
      } else if (e instanceof Expr.Call c) {
        c.args().stream().filter(a -> a.type().isArray()).forEach(a -> out.add(base(a)));
      }
    });
    return out;
  }

  private static String base(Expr e) {
    while (e instanceof Expr.Index i) {
      e = i.array();
    }
    return e instanceof Expr.Ref r ? r.name() : "";
  }

  /**
   * A bound made of literals, lengths, Math and variables the body leaves alone that are not
   * record components or fields: the processor takes an accessor call or an object's field
   * for something a call in the body may change. A length is always invariant.
   */
  private static boolean invariant(Expr bound, Set<String> written, Predicate<String> local) {
    if (bound instanceof Expr.Length) {
      return true;
    }
    if (bound instanceof Expr.Ref r) {
      return !written.contains(r.name()) && local.test(r.name());
    }
    if (!(bound instanceof Expr.ILit || bound instanceof Expr.DLit || bound instanceof Expr.Bin
        || bound instanceof Expr.Neg || bound instanceof Expr.Cast
        || bound instanceof Expr.MathCall || bound instanceof Expr.Index)) {
      return false;
    }
    return Walk.children(bound).stream().allMatch(c -> invariant(c, written, local));
  }

  /** Whether a break or return may leave the loop (a break of an inner loop does not). */
  private static boolean leaves(List<Stmt> body) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Break || s instanceof Stmt.Return) {
        return true;
      }
      if (s instanceof Stmt.If i && (leaves(i.then()) || leaves(i.otherwise()))) {
        return true;
      }
    }
    boolean[] returns = {false};
    Walk.statements(body, s -> returns[0] |= s instanceof Stmt.Return, e -> { });
    return returns[0];
  }

  /**
   * Whether running the body a second time from the same state computes the same: no array
   * created or renamed (TL127), no draw, no random source handed to a callee.
   */
  private static boolean replayable(List<Stmt> body) {
    boolean[] ok = {true};
    Walk.statements(body, s -> {
      if (s instanceof Stmt.Local l && l.type().isArray()
          || s instanceof Stmt.Assign a && a.target() instanceof Expr.Ref r
              && r.type().isArray()) {
        ok[0] = false;
      }
    }, e -> {
      if (e instanceof Expr.Draw || e instanceof Expr.NewArray || e instanceof Expr.ArrayInit
          || e instanceof Expr.Clone) {
        ok[0] = false;
      } else if (e instanceof Expr.Call c && c.args().stream().anyMatch(a ->
          a.type() == Ty.RANDOM || a.type() == Ty.SPLITTABLE)) {
        ok[0] = false;
      }
    });
    return ok[0];
  }
}

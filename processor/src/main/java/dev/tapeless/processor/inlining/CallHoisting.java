package dev.tapeless.processor.inlining;

import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Finds calls to helpers that must be copied (the gradient class cannot call them) inside a
 * larger expression, such as {@code if (norm(x) > 1)}, that may be evaluated into a temporary
 * just before the statement without changing what the program computes: calls that always
 * run (not on the right of {@code &&}/{@code ||}, not in a branch of {@code ?:}), that write
 * no array and are given no object, in a statement that calls no method of an object (whose
 * order with the helper's call would change). Only the outermost such calls; calls in their
 * arguments are found again once the hoisted call is copied.
 */
final class CallHoisting {
  private CallHoisting() {}

  /** The calls of {@code s} to hoist, each a part of its value (never the whole of it). */
  static List<Expr.Call> of(Stmt s, Predicate<Expr.Call> mustCopy) {
    List<Expr.Call> all = CallSwap.calls(s);
    if (all.stream().anyMatch(c -> c.callee() instanceof Callee.Opaque o && o.onObject())) {
      return List.of();
    }
    List<Expr.Call> out = new ArrayList<>();
    if (s instanceof Stmt.Assign a) {
      collect(a.value(), mustCopy, out);
    } else if (s instanceof Stmt.Store st) {
      st.indices().forEach(i -> collect(i, mustCopy, out));
      collect(st.value(), mustCopy, out);
    } else if (s instanceof Stmt.Effect e) {
      collect(e.call(), mustCopy, out);
    }
    return out;
  }

  private static void collect(Expr e, Predicate<Expr.Call> mustCopy, List<Expr.Call> out) {
    if (e instanceof Expr.Call c) {
      if (mustCopy.test(c) && c.callee() instanceof Callee.Opaque o
          && !o.outs().contains(true)
          && c.args().stream().noneMatch(a -> a.type().isObject())) {
        out.add(c);
        return;
      }
      c.args().forEach(a -> collect(a, mustCopy, out));
    } else if (e instanceof Expr.Binary b) {
      collect(b.left(), mustCopy, out);
      if (b.op() != BinaryOp.AND && b.op() != BinaryOp.OR) {
        collect(b.right(), mustCopy, out);
      }
    } else if (e instanceof Expr.Conditional c) {
      collect(c.condition(), mustCopy, out);
    } else if (e instanceof Expr.Unary u) {
      collect(u.operand(), mustCopy, out);
    } else if (e instanceof Expr.Cast c) {
      collect(c.operand(), mustCopy, out);
    } else if (e instanceof Expr.ArrayRead r) {
      r.indices().forEach(i -> collect(i, mustCopy, out));
    } else if (e instanceof Expr.Length l) {
      collect(l.array(), mustCopy, out);
    }
  }
}

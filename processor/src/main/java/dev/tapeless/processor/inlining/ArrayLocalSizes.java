package dev.tapeless.processor.inlining;

import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import java.util.List;

/**
 * Whether a helper's array locals have the same sizes at every call, so that a copy inside a
 * loop or branch may create them where the helper does, in the caller's one buffer per array
 * (see "Row variables and arrays created in loops"): every size a constant or the length of
 * an array parameter given a whole array variable, which is never reassigned (TL118). A row's
 * length (a jagged matrix) or an {@code int} argument may change between calls.
 */
final class ArrayLocalSizes {
  private ArrayLocalSizes() {}

  static boolean fixed(IrMethod helper, List<Expr> args) {
    for (Stmt s : Statements.all(helper.body())) {
      if (s instanceof Stmt.Assign a && a.value() instanceof Expr.NewArray n) {
        for (Expr d : n.dimensions()) {
          if (!fixed(d, helper, args)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static boolean fixed(Expr size, IrMethod helper, List<Expr> args) {
    if (size instanceof Expr.Const) {
      return true;
    }
    if (size instanceof Expr.Length l && l.array() instanceof Expr.Ref r) {
      int i = helper.parameters().indexOf(r.var());
      return i >= 0 && args.get(i) instanceof Expr.Ref;
    }
    return false;
  }
}

package dev.tapeless.processor.inlining;

import dev.tapeless.processor.diagnostics.CompileError;
import dev.tapeless.processor.diagnostics.Diagnostic;
import dev.tapeless.processor.frontend.CopiedHelpers;
import dev.tapeless.processor.frontend.RecordInputs;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;

/**
 * After inlining, a call left to a helper that generated code cannot call (private, an
 * instance method, given a record; {@link CopiedHelpers}) would make the gradient class fail
 * to compile: it is {@code TL124} on the call, saying what to write instead.
 */
final class UncallableCalls {
  private UncallableCalls() {}

  /**
   * @param methodOf the method a call without a rule calls, or null when unknown
   * @param obstacle what in a helper's declaration keeps it from being copied, or null
   * @throws CompileError on the first such call
   */
  static void check(IrMethod ir, Function<Callee.Opaque, ExecutableElement> methodOf,
      Function<ExecutableElement, String> obstacle) {
    for (Stmt s : Statements.all(ir.body())) {
      List<Expr.Call> calls = new ArrayList<>(CallSwap.calls(s));
      if (s instanceof Stmt.For f) {
        calls.addAll(CallSwap.calls(new Stmt.Assign(f.index(), f.first(), f.origin())));
        calls.addAll(CallSwap.calls(new Stmt.Assign(f.index(), f.bound(), f.origin())));
      }
      for (Expr.Call c : calls) {
        ExecutableElement helper =
            c.callee() instanceof Callee.Opaque o ? methodOf.apply(o) : null;
        if (helper != null && CopiedHelpers.uncallable(helper) != null) {
          throw error(c, helper, obstacle.apply(helper));
        }
      }
    }
  }

  private static CompileError error(Expr.Call c, ExecutableElement helper, String obstacle) {
    String where = obstacle != null ? obstacle
        : "this call is part of a larger expression (a condition, an index, an integer value)";
    boolean onlyPrivate = helper.getModifiers().contains(Modifier.STATIC)
        && helper.getParameters().stream().allMatch(p -> RecordInputs.recordOf(p) == null);
    String remedy = obstacle != null
        ? (onlyPrivate ? "make it package-private" : "make it a package-private static method"
            + " and pass it the values it reads")
        : (onlyPrivate ? "make it package-private" : "mark it @Differentiable")
            + ", or call it in a statement of its own (double h = " + helper.getSimpleName()
            + "(...);)";
    return new CompileError(c.site(), Diagnostic.UNCALLABLE_HELPER, helper.getSimpleName(),
        CopiedHelpers.uncallable(helper), where, remedy);
  }
}

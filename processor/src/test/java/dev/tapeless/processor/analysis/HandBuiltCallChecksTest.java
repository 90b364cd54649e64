package dev.tapeless.processor.analysis;

import static dev.tapeless.processor.ir.HandBuiltIr.assign;
import static dev.tapeless.processor.ir.HandBuiltIr.local;
import static dev.tapeless.processor.ir.HandBuiltIr.method;
import static dev.tapeless.processor.ir.HandBuiltIr.param;
import static dev.tapeless.processor.ir.HandBuiltIr.ref;
import static dev.tapeless.processor.ir.HandBuiltIr.result;
import static dev.tapeless.processor.ir.HandBuiltIr.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.processor.diagnostics.CompileError;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Origin;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A call without a derivative rule that would lose a derivative, on IR built by hand: the error
 * names the call's origin and quotes the argument as its origin reads, not as the IR holds it.
 */
class HandBuiltCallChecksTest {

  @Test
  void aCallWithoutARuleIsReportedOnItsSiteQuotingTheArgumentAsWritten() {
    Var x = param("x");
    Var c = param("c");
    Var y = local("y");
    Var result = result();
    Origin site = Origin.call("Lib.g(c, 2 * x)", "c", "2 * x");
    Expr.Call call = new Expr.Call(new Callee.Opaque("p/Lib", "g", List.of(false, false)),
        List.of(ref(c), ref(x)), Type.DOUBLE, site);
    IrMethod program = method("f", vars(x, c), result,
        assign(y, call, "double y = Lib.g(c, 2 * x)"),
        assign(result, ref(y), "return y"));
    List<CompileError> errors = CallChecks.check(program,
        Activity.throughCallsWithoutRule(program, List.of(x), List.of(result)));
    assertEquals(1, errors.size(), () -> "errors " + errors);
    CompileError error = errors.get(0);
    assertEquals(site, error.origin());
    assertNull(error.tree(), "no javac tree after lowering");
    assertTrue(error.getMessage().contains("argument '2 * x'"), error.getMessage());
  }
}

package dev.tapeless.processor.reverse;

import static dev.tapeless.processor.ir.HandBuiltIr.assign;
import static dev.tapeless.processor.ir.HandBuiltIr.method;
import static dev.tapeless.processor.ir.HandBuiltIr.mul;
import static dev.tapeless.processor.ir.HandBuiltIr.param;
import static dev.tapeless.processor.ir.HandBuiltIr.ref;
import static dev.tapeless.processor.ir.HandBuiltIr.result;
import static dev.tapeless.processor.ir.HandBuiltIr.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.Recording;
import dev.tapeless.processor.frontend.DifferentiableSignature;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reverse mode driven from IR and a signature built by hand (no javac: the signature's element
 * is null, which reverse mode never reads): the backward sweep of {@code y = x * x}, headed by
 * the comment its origin gives; the first update of the zero adjoint is an assignment. It is a
 * method of its own, which {@code backpropagate} calls with the primal locals.
 */
class HandBuiltGradientTest {

  @Test
  void theBackwardSweepOfASquareSetsTheAdjointToBothFactorsPartialsUnderItsSourceComment() {
    Var x = param("x");
    Var y = result();
    IrMethod square = method("square", vars(x), y,
        assign(y, mul(ref(x), ref(x)), "return x * x;"));
    DifferentiableSignature sig = new DifferentiableSignature(null, "p", "p.Shapes",
        "Shapes_Grad", "Square", List.of(new Callee.Param("x", Type.DOUBLE, true, false)), true);
    Activity activity = Activity.of(square, List.of(x), List.of(y));
    GradientBody body = GradientBody.of(sig, square, activity, Recording.of(square, activity));
    String code = body.code().toString();
    assertEquals("this.backwardSweep(frame, x, dResult);\nreturn frame.value;\n",
        code.substring(code.indexOf("this.backwardSweep(")));
    assertEquals("""
        // backward sweep
        double resultBar = dResult;
        double xBar = 0.0;
        // return x * x
        xBar = resultBar * x + resultBar * x;
        frame.dx += xBar;
        """, body.backwardSweep().body().toString());
    // the result itself is not read by the backward sweep (its adjoint is): nothing to pass
    assertEquals(List.of(), body.backwardSweep().locals());
  }
}

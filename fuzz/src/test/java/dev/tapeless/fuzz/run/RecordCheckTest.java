package dev.tapeless.fuzz.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.fuzz.Features;
import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Records;
import dev.tapeless.fuzz.gen.ClassGen;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Methods with record parameters go through every check, in double and in float: their frames
 * take records and hold the gradient in adjoint twins, which the checker reads back in the flat
 * order. A wrong expectation for such a method is reported ({@link Kind#WRONG_JVP},
 * {@link Kind#WRONG_HVP}, {@link Kind#WRONG_FLOAT_GRADIENT}) where the right one passes, and the
 * reproducers, which build the records and read the twins' fields, compile and run.
 */
class RecordCheckTest {
  @Test
  void recordMethodsAreCheckedAndWrongDerivativesReproduced(@TempDir Path dir) throws Exception {
    // a class with records passed whole among its checked methods (seed 7 had none once the
    // generator's choices moved with row variables and arrays in loops)
    ClassDef c = new ClassGen(Features.defaults()).generate("rc", "G", 40, 27);
    try (CheckHarness compiled = CheckHarness.compile(c, true)) {
      int checked = 0;
      int floats = 0;
      int whole = 0;
      boolean shown = false;
      for (MethodDef m : c.differentiableMethods()) {
        if (!Records.hasRecordParams(m)) {
          continue;
        }
        boolean withFloat = compiled.floatClass.hasMethod(m.name());
        MethodChecker.Outcome o = compiled.checker(c, m, withFloat, x -> { }, f -> { }).check();
        assertNull(o.failure(), () -> o.failure().firstLine() + "\n" + o.failure().details());
        if (!o.checked()) {
          continue;
        }
        checked++;
        floats += o.floats().status() == FloatChecker.Status.CHECKED ? 1 : 0;
        whole += Records.traits(c, m).contains("passed whole") ? 1 : 0;
        boolean differentiatedRecord = Records.recordParams(m).stream()
            .anyMatch(n -> Records.differentiated(m, n));
        if (shown || !differentiatedRecord || !withFloat
            || o.second().status() != MethodChecker.Hvp.CHECKED
            || o.floats().status() != FloatChecker.Status.CHECKED) {
          continue;
        }
        shown = true;
        Failure jvp = compiled.checker(c, m, false, x -> x.jvpExpectationError = 1e-3, f -> { })
            .check().failure();
        assertNotNull(jvp, m.name() + ": a wrong jvp expectation passed");
        assertEquals(Kind.WRONG_JVP, jvp.kind(), jvp.firstLine());
        String out = CheckHarness.runReproducer(dir, jvp);
        assertTrue(out.contains("jvp with a null record tangent")
            || out.contains("jvp with a null array tangent"), out);
        assertTrue(out.contains("jvp along each input (result)"), out);
        assertFalse(out.contains("threw"), out);
        assertFalse(out.lines().anyMatch(l -> l.contains("jvp") && l.contains("WRONG")), out);

        compiled.assertWrongHvpAndFloatGradientCaught(dir, c, m);
      }
      assertTrue(checked >= 5, "only " + checked + " methods with records checked");
      assertTrue(floats >= 1, "no float version of a method with records checked");
      assertTrue(whole >= 1, "no method passing a record whole checked");
      assertTrue(shown, "no method with a differentiated record, hvp and a float version");
    }
  }
}

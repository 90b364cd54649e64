package dev.tapeless.fuzz.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tapeless.fuzz.Features;
import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Records;
import dev.tapeless.fuzz.gen.ClassGen;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The float checks can fail: a float derivative 1% off the double one (ten times the
 * tolerance; a wrong derivative is typically off by O(1)) is reported, as
 * {@link Kind#WRONG_FLOAT_GRADIENT}, {@link Kind#WRONG_FLOAT_JVP} or
 * {@link Kind#WRONG_FLOAT_HVP}, where the right one passes; each reproducer compiles as a float
 * program, runs, and shows the float frame's numbers next to the double ones, within float
 * precision.
 */
class FloatCheckTest {
  /** The deliberate error, relative to the largest expected component (at least 1). */
  private static final double ERROR = 1e-2;

  @Test
  void wrongFloatDerivativesAreDetectedAndReproduced(@TempDir Path dir) throws Exception {
    ClassDef c = new ClassGen(Features.defaults()).generate("flt", "G", 40, 7);
    try (CheckHarness compiled = CheckHarness.compile(c, true)) {
      for (MethodDef m : c.differentiableMethods()) {
        // every call: a result, hvp and hessian, a differentiated array (null tangents)
        // (records, whose null tangent may be the record's, are RecordCheckTest's)
        boolean array = m.differentiatedParams().stream().anyMatch(p -> p.type().isArray());
        // (a method drawing from a random source has no hessian rows to show: they would draw
        // more than the plain method)
        if (!MethodChecker.hasHvp(m) || !array || !compiled.floatClass.hasMethod(m.name())
            || Records.hasRecords(m) || MethodChecker.drawsMoreInJacobianAndHessian(m)) {
          continue;
        }
        MethodChecker.Outcome right = checker(c, m, compiled, f -> { }).check();
        if (!right.checked() || right.floats().status() != FloatChecker.Status.CHECKED
            || !right.floats().hvp()) {
          continue;
        }
        Failure gradient = failure(c, m, compiled, f -> f.gradientError = ERROR);
        assertEquals(Kind.WRONG_FLOAT_GRADIENT, gradient.kind(), gradient.firstLine());
        Failure jvp = failure(c, m, compiled, f -> f.jvpError = ERROR);
        assertEquals(Kind.WRONG_FLOAT_JVP, jvp.kind(), jvp.firstLine());
        Failure hvp = failure(c, m, compiled, f -> f.hvpError = ERROR);
        assertEquals(Kind.WRONG_FLOAT_HVP, hvp.kind(), hvp.firstLine());
        Evidence ev = Evidence.of(hvp);
        assertNotNull(ev);
        if (Arrays.stream(ev.hessian()).flatMapToDouble(Arrays::stream).allMatch(x -> x == 0)
            || ev.point().freeParameters() > MethodChecker.HESSIAN_MAX_INPUTS) {
          continue; // linear, or too many inputs for hessian rows: look for another method
        }

        String out = CheckHarness.runReproducer(dir, gradient);
        for (String call : new String[] {"gradient (valueAndGradient)", "jvp along tangent",
            "jvp with a null array tangent", "jvp along each input (result)"}) {
          assertTrue(out.contains(call), "reproducer does not show " + call + ":\n" + out);
        }
        assertFalse(out.contains("threw"), out);
        assertFalse(out.contains("WRONG"), out);
        out = CheckHarness.runReproducer(dir, hvp);
        for (String call : new String[] {"hvp along direction: H v",
            "hvp with a null array direction", "hessian row 0"}) {
          assertTrue(out.contains(call), "reproducer does not show " + call + ":\n" + out);
        }
        assertFalse(out.contains("threw"), out);
        assertFalse(out.contains("WRONG"), out);
        return;
      }
      fail("no method with hvp, a differentiated array and a non-zero Hessian was float-checked");
    }
  }

  @Test
  void generatedCodeErrorsAreKeyedByTheStatementsShape() {
    assertEquals("x[i] = x;", Pipeline.shape("  t2[(i1 % t3.length)] = t2Saved;"));
    assertEquals("x[i][i] = x;", Pipeline.shape("t1[a[k]][0] = t1Saved2;"));
    assertEquals("x = Activations.softplusPullback(x, x) + x;",
        Pipeline.shape("xBar = Activations.softplusPullback(v4, t1Bar) + xBar;"));
    assertEquals("this.calleeFrame.splitBackward(x, 2, x, x);",
        Pipeline.shape("this.g0FloatM7Frame.splitBackward(c, 2, c, t9Bar);"));
    assertEquals("float x = new float[i];", Pipeline.shape("float t1 = new float[n + 1];"));
  }

  private static MethodChecker checker(ClassDef c, MethodDef m, CheckHarness compiled,
      Consumer<FloatChecker> wrong) throws ReflectiveOperationException {
    MethodChecker checker = new MethodChecker(c, m, compiled.loader, 1);
    checker.floats = new FloatChecker(checker, c, m, compiled.loader, 1);
    wrong.accept(checker.floats);
    return checker;
  }

  private static Failure failure(ClassDef c, MethodDef m, CheckHarness compiled,
      Consumer<FloatChecker> wrong) throws ReflectiveOperationException {
    MethodChecker.Outcome o = checker(c, m, compiled, wrong).check();
    assertTrue(o.checked(), m.name() + ": the double checks failed");
    Failure f = o.floats().failure();
    assertNotNull(f, m.name() + ": a wrong float expectation passed");
    return f;
  }
}

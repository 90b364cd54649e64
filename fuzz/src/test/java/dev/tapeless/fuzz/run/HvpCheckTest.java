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
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second-order checks can fail: an hvp expectation made wrong on purpose is reported as
 * {@link Kind#WRONG_HVP} (where the right one passes, hessian included), and its reproducer
 * compiles, runs and makes the checker's hvp calls and the hessian call.
 */
class HvpCheckTest {
  @Test
  void aWrongHvpIsDetectedAndReproduced(@TempDir Path dir) throws Exception {
    ClassDef c = new ClassGen(Features.defaults()).generate("ht", "G", 40, 7);
    try (CheckHarness compiled = CheckHarness.compile(c)) {
      URLClassLoader loader = compiled.loader;
      for (MethodDef m : c.differentiableMethods()) {
        // both hvp calls (a differentiated array, for the null direction) and hessian
        // (records, whose null direction may be the record's, are RecordCheckTest's)
        boolean array = m.differentiatedParams().stream().anyMatch(p -> p.type().isArray());
        if (!MethodChecker.hasHvp(m) || !array || Records.hasRecords(m)) {
          continue;
        }
        MethodChecker.Outcome right = new MethodChecker(c, m, loader, 1).check();
        if (!right.checked() || right.second().status() != MethodChecker.Hvp.CHECKED
            || !right.second().hessian()) {
          continue;
        }
        MethodChecker wrong = new MethodChecker(c, m, loader, 1);
        wrong.hvpExpectationError = 1e-3;
        Failure f = wrong.check().failure();
        assertNotNull(f, m.name() + ": a wrong hvp expectation passed");
        assertEquals(Kind.WRONG_HVP, f.kind(), f.firstLine() + "\n" + f.details());
        Evidence ev = Evidence.of(f);
        assertNotNull(ev);
        if (java.util.Arrays.stream(ev.hessian()).flatMapToDouble(java.util.Arrays::stream)
            .allMatch(x -> x == 0.0)) {
          continue; // a method linear in its inputs: look for one with a Hessian to show
        }

        String out = CheckHarness.runReproducer(dir, f);
        for (String call : new String[] {"hvp along direction: H v",
            "hvp with a null array direction", "hessian row 0"}) {
          assertTrue(out.contains(call), "reproducer does not show " + call + ":\n" + out);
        }
        assertFalse(out.contains("threw"), out);
        assertFalse(out.lines().anyMatch(l -> l.contains("WRONG")), out);
        return;
      }
      fail("no method with hvp, a differentiated array, few inputs and a non-zero Hessian was"
          + " checked");
    }
  }

  @Test
  void unsupportedReasonsAreCountedWithoutNames() {
    assertEquals("it calls a generated method", Pipeline.blurReason("it calls G3.m12, and"
        + " second derivatives do not go through calls to other @Differentiable methods yet"));
    assertEquals("it calls a generated method, which has local arrays, inside a loop or a branch",
        Pipeline.blurReason("it calls G49.m10, which has local arrays, inside a loop or a"
            + " branch"));
    assertEquals("it calls a runtime kernel with an argument that has no derivative",
        Pipeline.blurReason("it calls Linear.dot with an argument that has no derivative, and"
            + " the kernel does not accept null tangents"));
    assertEquals("it writes into its parameter #",
        Pipeline.blurReason("it writes into its parameter w"));
  }
}

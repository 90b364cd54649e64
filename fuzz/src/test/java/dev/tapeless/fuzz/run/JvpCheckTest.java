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
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Ty;
import dev.tapeless.fuzz.gen.ClassGen;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forward-mode checks can fail: a jvp expectation made wrong on purpose is reported as
 * {@link Kind#WRONG_JVP} (where the right one passes), and its reproducer compiles, runs and
 * makes the checker's three jvp calls.
 */
class JvpCheckTest {
  @Test
  void aWrongJvpIsDetectedAndReproduced(@TempDir Path dir) throws Exception {
    ClassDef c = new ClassGen(Features.defaults()).generate("jt", "G", 40, 7);
    try (CheckHarness compiled = CheckHarness.compile(c)) {
      URLClassLoader loader = compiled.loader;
      for (MethodDef m : c.differentiableMethods()) {
        // all three jvp calls: a result, a differentiated array (null tangent), an output
        boolean array = m.differentiatedParams().stream().anyMatch(p -> p.type().isArray());
        // (records, whose null tangent may be the record's, are RecordCheckTest's)
        if (m.result() != Ty.DOUBLE || !array || !m.hasOut()
            || m.params().stream().filter(Param::out).count() > 1 || Records.hasRecords(m)) {
          continue;
        }
        MethodChecker right = new MethodChecker(c, m, loader, 1);
        if (!right.check().checked()) {
          continue;
        }
        MethodChecker wrong = new MethodChecker(c, m, loader, 1);
        wrong.jvpExpectationError = 1e-3;
        Failure f = wrong.check().failure();
        assertNotNull(f, m.name() + ": a wrong jvp expectation passed");
        assertEquals(Kind.WRONG_JVP, f.kind(), f.firstLine() + "\n" + f.details());

        String out = CheckHarness.runReproducer(dir, f);
        for (String call : new String[] {"jvp along tangent", "jvp with a null array tangent",
            "jvp with null output tangents", "jvp along each input (result)",
            "jvp along each input (output 0)"}) {
          assertTrue(out.contains(call), "reproducer does not show " + call + ":\n" + out);
        }
        assertFalse(out.contains("threw"), out);
        assertFalse(out.lines().anyMatch(l -> l.contains("jvp") && l.contains("WRONG")), out);
        return;
      }
      fail("no method with a result, a differentiated array and one output was checked");
    }
  }
}

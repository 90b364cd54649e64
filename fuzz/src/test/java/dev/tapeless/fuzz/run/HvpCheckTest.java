package dev.tapeless.fuzz.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tapeless.fuzz.Features;
import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.gen.ClassGen;
import dev.tapeless.fuzz.print.JavaPrinter;
import dev.tapeless.fuzz.print.TwinPrinter;
import dev.tapeless.fuzz.reduce.ReproWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
    InProcessJavac.Result twins = InProcessJavac.compile(
        Map.of(c.qualifiedName() + TwinPrinter.SUFFIX, TwinPrinter.print(c).source()), false);
    InProcessJavac.Result plain = InProcessJavac.compile(
        Map.of(c.qualifiedName(), JavaPrinter.print(c).source()), true);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {plain.output().toUri().toURL(),
        twins.output().toUri().toURL()}, getClass().getClassLoader())) {
      assertTrue(twins.success() && plain.success(), "class does not compile: "
          + plain.errors() + twins.errors());
      for (MethodDef m : c.differentiableMethods()) {
        // both hvp calls (a differentiated array, for the null direction) and hessian
        boolean array = m.differentiatedParams().stream().anyMatch(p -> p.type().isArray());
        if (!MethodChecker.hasHvp(m) || !array) {
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

        Path file = ReproWriter.write(dir, 1, f, f, 0);
        String name = file.getFileName().toString().replace(".java", "");
        InProcessJavac.Result repro = InProcessJavac.compile(
            Map.of(name, Files.readString(file)), true);
        try (URLClassLoader reproLoader = new URLClassLoader(
            new URL[] {repro.output().toUri().toURL()}, getClass().getClassLoader())) {
          assertTrue(repro.success(), "reproducer does not compile: " + repro.errors() + "\n"
              + Files.readString(file));
          String out = runMain(reproLoader.loadClass(name));
          for (String call : new String[] {"hvp along direction: H v",
              "hvp with a null array direction", "hessian row 0"}) {
            assertTrue(out.contains(call), "reproducer does not show " + call + ":\n" + out);
          }
          assertFalse(out.contains("threw"), out);
          assertFalse(out.lines().anyMatch(l -> l.contains("WRONG")), out);
        } finally {
          repro.delete();
        }
        return;
      }
      fail("no method with hvp, a differentiated array, few inputs and a non-zero Hessian was"
          + " checked");
    } finally {
      twins.delete();
      plain.delete();
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

  private static String runMain(Class<?> main) throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      main.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(old);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}

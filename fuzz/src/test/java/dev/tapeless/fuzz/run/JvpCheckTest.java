package dev.tapeless.fuzz.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tapeless.fuzz.Features;
import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Ty;
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
 * The forward-mode checks can fail: a jvp expectation made wrong on purpose is reported as
 * {@link Kind#WRONG_JVP} (where the right one passes), and its reproducer compiles, runs and
 * makes the checker's three jvp calls.
 */
class JvpCheckTest {
  @Test
  void aWrongJvpIsDetectedAndReproduced(@TempDir Path dir) throws Exception {
    ClassDef c = new ClassGen(Features.defaults()).generate("jt", "G", 40, 7);
    InProcessJavac.Result twins = InProcessJavac.compile(
        Map.of(c.qualifiedName() + TwinPrinter.SUFFIX, TwinPrinter.print(c).source()), false);
    InProcessJavac.Result plain = InProcessJavac.compile(
        Map.of(c.qualifiedName(), JavaPrinter.print(c).source()), true);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {plain.output().toUri().toURL(),
        twins.output().toUri().toURL()}, getClass().getClassLoader())) {
      assertTrue(twins.success() && plain.success(), "class does not compile: "
          + plain.errors() + twins.errors());
      for (MethodDef m : c.differentiableMethods()) {
        // all three jvp calls: a result, a differentiated array (null tangent), an output
        boolean array = m.differentiatedParams().stream().anyMatch(p -> p.type().isArray());
        if (m.result() != Ty.DOUBLE || !array || !m.hasOut()
            || m.params().stream().filter(Param::out).count() > 1) {
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

        Path file = ReproWriter.write(dir, 1, f, f, 0);
        String name = file.getFileName().toString().replace(".java", "");
        InProcessJavac.Result repro = InProcessJavac.compile(
            Map.of(name, Files.readString(file)), true);
        try (URLClassLoader reproLoader = new URLClassLoader(
            new URL[] {repro.output().toUri().toURL()}, getClass().getClassLoader())) {
          assertTrue(repro.success(), "reproducer does not compile: " + repro.errors() + "\n"
              + Files.readString(file));
          String out = runMain(reproLoader.loadClass(name));
          for (String call : new String[] {"jvp along tangent", "jvp with a null array tangent",
              "jvp with null output tangents", "jvp along each input (result)",
              "jvp along each input (output 0)"}) {
            assertTrue(out.contains(call), "reproducer does not show " + call + ":\n" + out);
          }
          assertFalse(out.contains("threw"), out);
          assertFalse(out.lines().anyMatch(l -> l.contains("jvp") && l.contains("WRONG")), out);
        } finally {
          repro.delete();
        }
        return;
      }
      fail("no method with a result, a differentiated array and one output was checked");
    } finally {
      twins.delete();
      plain.delete();
    }
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

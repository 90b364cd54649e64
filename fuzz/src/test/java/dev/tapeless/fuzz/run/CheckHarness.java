package dev.tapeless.fuzz.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.print.JavaPrinter;
import dev.tapeless.fuzz.print.TwinPrinter;
import dev.tapeless.fuzz.reduce.ReproWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the tests that a check can fail share: a generated class compiled plain (through the
 * processor) and as twins (and, if asked, as a float program), loaded together; a failure's
 * reproducer written, compiled and run.
 */
final class CheckHarness implements AutoCloseable {
  private final InProcessJavac.Result twins;
  private final InProcessJavac.Result plain;
  private final InProcessJavac.Result floats;
  /** The methods whose float version compiled (null without float versions). */
  final ClassDef floatClass;
  final URLClassLoader loader;

  private CheckHarness(InProcessJavac.Result twins, InProcessJavac.Result plain,
      InProcessJavac.Result floats, ClassDef floatClass, URLClassLoader loader) {
    this.twins = twins;
    this.plain = plain;
    this.floats = floats;
    this.floatClass = floatClass;
    this.loader = loader;
  }

  static CheckHarness compile(ClassDef c) throws IOException {
    return compile(c, false);
  }

  /**
   * {@code c} compiled; with {@code withFloat} its float version too, without the methods
   * whose float version does not compile (they are the random tester's to report).
   */
  static CheckHarness compile(ClassDef c, boolean withFloat) throws IOException {
    InProcessJavac.Result twins = InProcessJavac.compile(
        Map.of(c.qualifiedName() + TwinPrinter.SUFFIX, TwinPrinter.print(c).source()), false);
    InProcessJavac.Result plain = InProcessJavac.compile(
        Map.of(c.qualifiedName(), JavaPrinter.print(c).source()), true);
    assertTrue(twins.success() && plain.success(), "class does not compile: "
        + plain.errors() + twins.errors());
    List<URL> urls = new ArrayList<>(List.of(plain.output().toUri().toURL(),
        twins.output().toUri().toURL()));
    InProcessJavac.Result floats = null;
    ClassDef floatClass = null;
    if (withFloat) {
      Map<String, ClassDef> compiled = new LinkedHashMap<>();
      floats = Pipeline.compileFloat(c, compiled);
      assertTrue(floats != null, "no float method of " + c.name() + " compiles");
      urls.add(floats.output().toUri().toURL());
      floatClass = compiled.get(c.name());
    }
    return new CheckHarness(twins, plain, floats, floatClass, new URLClassLoader(
        urls.toArray(new URL[0]), CheckHarness.class.getClassLoader()));
  }

  /** Writes {@code f}'s reproducer in {@code dir}, compiles and runs it: what it printed. */
  static String runReproducer(Path dir, Failure f) throws Exception {
    Path file = ReproWriter.write(dir, 1, f, f, 0);
    String name = file.getFileName().toString().replace(".java", "");
    InProcessJavac.Result repro = InProcessJavac.compile(
        Map.of(name, Files.readString(file)), true);
    try (URLClassLoader reproLoader = new URLClassLoader(
        new URL[] {repro.output().toUri().toURL()}, CheckHarness.class.getClassLoader())) {
      assertTrue(repro.success(), "reproducer does not compile: " + repro.errors() + "\n"
          + Files.readString(file));
      return runMain(reproLoader.loadClass(name));
    } finally {
      repro.delete();
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

  @Override
  public void close() throws IOException {
    try {
      loader.close();
    } finally {
      twins.delete();
      plain.delete();
      if (floats != null) {
        floats.delete();
      }
    }
  }

  /**
   * A checker of {@code m} on this compiled class, its expectations made wrong by {@code wrong}
   * (and, with {@code withFloat}, its float checker's by {@code wrongFloat}).
   */
  MethodChecker checker(ClassDef c, MethodDef m, boolean withFloat,
      Consumer<MethodChecker> wrong, Consumer<FloatChecker> wrongFloat)
      throws ReflectiveOperationException {
    MethodChecker checker = new MethodChecker(c, m, loader, 1);
    wrong.accept(checker);
    if (withFloat) {
      checker.floats = new FloatChecker(checker, c, m, loader, 1);
      wrongFloat.accept(checker.floats);
    }
    return checker;
  }

  /**
   * A wrong hvp and a wrong float gradient expectation of {@code m} are each reported with
   * their kind, and their reproducers run without throwing and show what they check.
   */
  void assertWrongHvpAndFloatGradientCaught(Path dir, ClassDef c, MethodDef m)
      throws Exception {
    Failure hvp = checker(c, m, false, x -> x.hvpExpectationError = 1e-3, f -> { })
        .check().failure();
    assertNotNull(hvp, m.name() + ": a wrong hvp expectation passed");
    assertEquals(Kind.WRONG_HVP, hvp.kind(), hvp.firstLine());
    String out = runReproducer(dir, hvp);
    assertTrue(out.contains("hvp along direction"), out);
    assertFalse(out.contains("threw"), out);

    Failure gradient = checker(c, m, true, x -> { },
        f -> f.gradientError = 1e-2).check().floats().failure();
    assertNotNull(gradient, m.name() + ": a wrong float gradient passed");
    assertEquals(Kind.WRONG_FLOAT_GRADIENT, gradient.kind(), gradient.firstLine());
    out = runReproducer(dir, gradient);
    assertTrue(out.contains("gradient (valueAndGradient)"), out);
    assertFalse(out.contains("threw"), out);
  }
}

package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Build tools wrap javac's processing environment (IntelliJ's JPS in a proxy, Gradle and kapt in
 * a delegating class): the processor finds javac's inside, reads trees from it, and still writes
 * files through the wrapper. Under a compiler without the Compiler Tree API (ECJ, or a wrapper
 * holding no javac) it reports one clear error naming the environment it got.
 */
class NoTreeApiTest {
  private static final String SOURCE = "public class T {\n"
      + "  @Differentiable public static double f(double x) { return x * x; }\n"
      + "  @Differentiable public static double g(double x) { return x + x; }\n"
      + "}";

  @TempDir
  Path tmp;

  /** Hands the processor the environment {@code wrap} makes of javac's. */
  static final class Wrapped extends AbstractProcessor {
    private final TapelessProcessor delegate = new TapelessProcessor();
    private final Function<ProcessingEnvironment, ProcessingEnvironment> wrap;

    Wrapped(Function<ProcessingEnvironment, ProcessingEnvironment> wrap) {
      this.wrap = wrap;
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      delegate.init(wrap.apply(env));
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public Set<String> getSupportedOptions() {
      return delegate.getSupportedOptions();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }
  }

  /** IntelliJ's way (2020.3 on): a proxy whose handler captured javac's environment. */
  static ProcessingEnvironment proxy(ProcessingEnvironment env) {
    return (ProcessingEnvironment) Proxy.newProxyInstance(
        NoTreeApiTest.class.getClassLoader(), new Class<?>[] {ProcessingEnvironment.class},
        (proxy, method, args) -> method.invoke(env, args));
  }

  /** A handler of IntelliJ's older shape: the delegate in a private field of type Object. */
  static final class DelegateHandler implements InvocationHandler {
    private final Object myDelegate;

    DelegateHandler(Object delegate) {
      this.myDelegate = delegate;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      return method.invoke(myDelegate, args);
    }
  }

  static ProcessingEnvironment handlerProxy(ProcessingEnvironment env) {
    return (ProcessingEnvironment) Proxy.newProxyInstance(
        NoTreeApiTest.class.getClassLoader(), new Class<?>[] {ProcessingEnvironment.class},
        new DelegateHandler(env));
  }

  /** A compiler that is not javac: a proxy that holds no environment of javac's. */
  static ProcessingEnvironment foreign(ProcessingEnvironment env) {
    Map<String, Object> opaque = new HashMap<>();
    opaque.put("env", env);
    return (ProcessingEnvironment) Proxy.newProxyInstance(
        NoTreeApiTest.class.getClassLoader(), new Class<?>[] {ProcessingEnvironment.class},
        (proxy, method, args) -> method.invoke(opaque.get("env"), args));
  }

  /** A filer that records the originating elements of each file, as Gradle's does. */
  static final class RecordingFiler implements Filer {
    private final Filer delegate;
    private final Map<String, List<String>> origins;

    RecordingFiler(Filer delegate, Map<String, List<String>> origins) {
      this.delegate = delegate;
      this.origins = origins;
    }

    private void record(CharSequence name, Element... originatingElements) {
      origins.put(name.toString(), Arrays.stream(originatingElements)
          .map(e -> ((TypeElement) e).getQualifiedName().toString()).toList());
    }

    @Override
    public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements)
        throws IOException {
      record(name, originatingElements);
      return delegate.createSourceFile(name, originatingElements);
    }

    @Override
    public JavaFileObject createClassFile(CharSequence name, Element... originatingElements)
        throws IOException {
      record(name, originatingElements);
      return delegate.createClassFile(name, originatingElements);
    }

    @Override
    public FileObject createResource(JavaFileManager.Location location, CharSequence pkg,
        CharSequence relativeName, Element... originatingElements) throws IOException {
      record(pkg + "/" + relativeName, originatingElements);
      return delegate.createResource(location, pkg, relativeName, originatingElements);
    }

    @Override
    public FileObject getResource(JavaFileManager.Location location, CharSequence pkg,
        CharSequence relativeName) throws IOException {
      return delegate.getResource(location, pkg, relativeName);
    }
  }

  /**
   * Gradle's way ({@code IncrementalProcessingEnvironment}): a class that delegates to a private
   * field, except for the filer, which is its own.
   */
  static final class GradleStyle implements ProcessingEnvironment {
    private final ProcessingEnvironment delegate;
    private final RecordingFiler filer;

    GradleStyle(ProcessingEnvironment delegate, RecordingFiler filer) {
      this.delegate = delegate;
      this.filer = filer;
    }

    @Override
    public Map<String, String> getOptions() {
      return delegate.getOptions();
    }

    @Override
    public Messager getMessager() {
      return delegate.getMessager();
    }

    @Override
    public Filer getFiler() {
      return filer;
    }

    @Override
    public Elements getElementUtils() {
      return delegate.getElementUtils();
    }

    @Override
    public Types getTypeUtils() {
      return delegate.getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
      return delegate.getSourceVersion();
    }

    @Override
    public Locale getLocale() {
      return delegate.getLocale();
    }
  }

  /** A hand-written environment with javac's services but not javac's environment itself. */
  static final class Fake implements ProcessingEnvironment {
    private final Map<String, String> options;
    private final Messager messager;
    private final Filer filer;
    private final Elements elements;
    private final Types types;

    Fake(ProcessingEnvironment env) {
      options = env.getOptions();
      messager = env.getMessager();
      filer = env.getFiler();
      elements = env.getElementUtils();
      types = env.getTypeUtils();
    }

    @Override
    public Map<String, String> getOptions() {
      return options;
    }

    @Override
    public Messager getMessager() {
      return messager;
    }

    @Override
    public Filer getFiler() {
      return filer;
    }

    @Override
    public Elements getElementUtils() {
      return elements;
    }

    @Override
    public Types getTypeUtils() {
      return types;
    }

    @Override
    public SourceVersion getSourceVersion() {
      return SourceVersion.RELEASE_17;
    }

    @Override
    public Locale getLocale() {
      return Locale.ROOT;
    }
  }

  private static Compilation compileWrapped(
      Function<ProcessingEnvironment, ProcessingEnvironment> wrap, String... options) {
    return Compiler.javac().withProcessors(new Wrapped(wrap)).withOptions((Object[]) options)
        .compile(Sources.classWith(SOURCE));
  }

  /** Compiled and generated, and the generated frames work: f'(3) = 6, g'(3) = 2. */
  private void assertWorks(Compilation c) throws Exception {
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("p.T_Grad");
    assertThat(c).generatedSourceFile("p.T_GradSweeps");
    Path classes = tmp.resolve("classes");
    Sources.writeClasses(c, classes);
    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {classes.toUri().toURL()}, NoTreeApiTest.class.getClassLoader())) {
      for (String frame : List.of("F", "G")) {
        Object g = loader.loadClass("p.T_Grad$" + frame).getConstructor().newInstance();
        g.getClass().getMethod("valueAndGradient", double.class).invoke(g, 3.0);
        assertEquals(frame.equals("F") ? 6.0 : 2.0, g.getClass().getField("dx").getDouble(g));
      }
    }
  }

  @Test
  void worksInsideAProxyWhoseHandlerCapturedTheEnvironment() throws Exception {
    assertWorks(compileWrapped(NoTreeApiTest::proxy));
  }

  @Test
  void worksInsideAProxyWhoseHandlerHoldsTheEnvironmentAsAnObject() throws Exception {
    assertWorks(compileWrapped(NoTreeApiTest::handlerProxy));
  }

  @Test
  void worksInsideGradlesDelegatingEnvironmentAndWritesThroughItsFiler() throws Exception {
    Map<String, List<String>> origins = new LinkedHashMap<>();
    assertWorks(compileWrapped(
        env -> new GradleStyle(env, new RecordingFiler(env.getFiler(), origins))));
    // Every file went through the wrapper's filer, each from the one class it is generated for:
    // what Gradle's isolating mode asks of a processor.
    assertEquals(Map.of("p.T_Grad", List.of("p.T"), "p.T_GradSweeps", List.of("p.T")), origins);
  }

  @Test
  void worksThroughAProxyAroundADelegatingEnvironment() throws Exception {
    assertWorks(compileWrapped(env ->
        handlerProxy(new GradleStyle(env, new RecordingFiler(env.getFiler(), new HashMap<>())))));
  }

  @Test
  void graphsOptionReachesThroughTheWrapper() throws Exception {
    Path dir = tmp.resolve("graphs");
    assertWorks(compileWrapped(NoTreeApiTest::proxy, "-Atapeless.graphs=" + dir));
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("p.T.f.dot", "p.T.g.dot"),
          files.map(f -> f.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void aProxyWithoutJavacInsideGetsOneErrorNamingItsHandler() {
    Compilation c = compileWrapped(NoTreeApiTest::foreign);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[TL901] Tapeless needs javac's Compiler Tree API");
    assertThat(c).hadErrorContaining("the processing environment is a proxy (jdk.proxy");
    assertThat(c).hadErrorContaining("handled by dev.tapeless.processor.NoTreeApiTest$$Lambda");
    assertThat(c).hadErrorContaining(", not javac's); compile with javac (JDK 17 or newer)");
  }

  @Test
  void aHandWrittenEnvironmentGetsOneErrorNamingItsClassAndWhatToDo() {
    Compilation c = compileWrapped(Fake::new);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    String message = c.errors().get(0).getMessage(Locale.ROOT);
    assertEquals("[TL901] Tapeless needs javac's Compiler Tree API (module jdk.compiler) to read"
        + " method bodies, and this compiler does not provide it (the processing environment is"
        + " dev.tapeless.processor.NoTreeApiTest$Fake, not javac's); compile with javac (JDK 17"
        + " or newer)", message);
    assertFalse(message.contains("IllegalArgumentException"), message);
  }

  @Test
  void eclipsesCompilerGetsOneErrorNamingItsEnvironmentAndWhatToDo() throws IOException {
    Path dir = tmp.resolve("ecj");
    Path source = dir.resolve("p/T.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "package p;\nimport dev.tapeless.*;\n" + SOURCE);
    EclipseCompiler ecj = new EclipseCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics =
        new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        ecj.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      JavaCompiler.CompilationTask task = ecj.getTask(new StringWriter(),
          files, diagnostics,
          List.of("-17", "-proc:only", "-d", dir.resolve("out").toString(),
              "-classpath", System.getProperty("java.class.path")),
          null, files.getJavaFileObjects(source.toFile()));
      task.setProcessors(List.of(new TapelessProcessor(), new HiddenDeclarationProcessor()));
      assertFalse(task.call());
    }
    List<String> errors = diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> d.getMessage(Locale.ROOT)).toList();
    assertEquals(1, errors.size(), errors::toString);
    String message = errors.get(0);
    assertTrue(message.startsWith("[TL901] Tapeless needs"
        + " javac's Compiler Tree API (module jdk.compiler) to read method bodies, and this"
        + " compiler does not provide it (the processing environment is org.eclipse.jdt."),
        message);
    assertTrue(message.endsWith(", not javac's: Eclipse's"
        + " compiler (ECJ) has none; build with Maven or Gradle, which run javac (README,"
        + " \"Eclipse\")); compile with javac (JDK 17 or newer)"), message);
    assertFalse(message.contains("IllegalArgumentException"), message);
  }
}

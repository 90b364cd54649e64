package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * Build tools wrap javac's processing environment (IntelliJ's JPS in a proxy, Gradle and kapt in
 * a delegating class): the processor finds javac's inside and works. Under a compiler without
 * the Compiler Tree API (ECJ) it reports one clear error naming the environment it got.
 */
class NoTreeApiTest {
  private static final String SOURCE = "public class T {\n"
      + "  @Differentiable public static double f(double x) { return x * x; }\n"
      + "  @Differentiable public static double g(double x) { return x + x; }\n"
      + "}";

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
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }
  }

  /** IntelliJ's way: a proxy whose handler holds javac's environment. */
  static ProcessingEnvironment proxy(ProcessingEnvironment env) {
    return (ProcessingEnvironment) Proxy.newProxyInstance(
        NoTreeApiTest.class.getClassLoader(), new Class<?>[] {ProcessingEnvironment.class},
        (proxy, method, args) -> method.invoke(env, args));
  }

  /** A compiler that is not javac: a proxy that holds no environment of javac's. */
  static ProcessingEnvironment foreign(ProcessingEnvironment env) {
    Map<String, Object> opaque = new HashMap<>();
    opaque.put("env", env);
    return (ProcessingEnvironment) Proxy.newProxyInstance(
        NoTreeApiTest.class.getClassLoader(), new Class<?>[] {ProcessingEnvironment.class},
        (proxy, method, args) -> method.invoke(opaque.get("env"), args));
  }

  /** Gradle's way: a class that delegates every method to a field. */
  abstract static class Delegating implements ProcessingEnvironment {
    final ProcessingEnvironment delegate;

    Delegating(ProcessingEnvironment delegate) {
      this.delegate = delegate;
    }
  }

  static ProcessingEnvironment delegating(ProcessingEnvironment env) {
    return new Delegating(env) {
      @Override
      public java.util.Map<String, String> getOptions() {
        return delegate.getOptions();
      }

      @Override
      public javax.annotation.processing.Messager getMessager() {
        return delegate.getMessager();
      }

      @Override
      public javax.annotation.processing.Filer getFiler() {
        return delegate.getFiler();
      }

      @Override
      public javax.lang.model.util.Elements getElementUtils() {
        return delegate.getElementUtils();
      }

      @Override
      public javax.lang.model.util.Types getTypeUtils() {
        return delegate.getTypeUtils();
      }

      @Override
      public SourceVersion getSourceVersion() {
        return delegate.getSourceVersion();
      }

      @Override
      public java.util.Locale getLocale() {
        return delegate.getLocale();
      }
    };
  }

  @Test
  void worksInsideAProxiedEnvironment() {
    Compilation c = Compiler.javac().withProcessors(new Wrapped(NoTreeApiTest::proxy))
        .compile(Sources.classWith(SOURCE));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("p.T_Grad");
  }

  @Test
  void worksInsideADelegatingEnvironment() {
    Compilation c = Compiler.javac().withProcessors(new Wrapped(NoTreeApiTest::delegating))
        .compile(Sources.classWith(SOURCE));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("p.T_Grad");
  }

  @Test
  void reportsOneClearErrorNamingTheEnvironmentWithoutTheTreeApi() {
    Compilation c = Compiler.javac().withProcessors(new Wrapped(NoTreeApiTest::foreign))
        .compile(Sources.classWith(SOURCE));
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[TL901] Tapeless needs javac's Compiler Tree API");
    assertThat(c).hadErrorContaining("the processing environment is jdk.proxy");
    assertThat(c).hadErrorContaining(", not javac's");
  }
}

package dev.tapeless.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.lang.reflect.Proxy;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * Under a compiler without the Compiler Tree API (ECJ, or a build tool that wraps javac's
 * processing environment) the processor reports one clear error and does not crash.
 */
class NoTreeApiTest {

  /** Hands the processor a processing environment that is not javac's own. */
  static final class ForeignEnvironment extends AbstractProcessor {
    private final TapelessProcessor delegate = new TapelessProcessor();

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      ProcessingEnvironment foreign = (ProcessingEnvironment) Proxy.newProxyInstance(
          getClass().getClassLoader(), new Class<?>[] {ProcessingEnvironment.class},
          (proxy, method, args) -> method.invoke(env, args));
      delegate.init(foreign);
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

  @Test
  void reportsOneClearErrorWithoutTheTreeApi() {
    Compilation c = Compiler.javac().withProcessors(new ForeignEnvironment())
        .compile(Sources.classWith("public class T {\n"
            + "  @Differentiable public static double f(double x) { return x * x; }\n"
            + "  @Differentiable public static double g(double x) { return x + x; }\n"
            + "}"));
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[TL901] Tapeless needs javac's Compiler Tree API");
  }
}

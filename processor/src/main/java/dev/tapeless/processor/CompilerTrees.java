package dev.tapeless.processor;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * javac's Tree API for a processing environment that build tools may have wrapped: IntelliJ's
 * JPS hands processors a {@link Proxy}, Gradle's incremental processing and Kotlin's kapt a
 * delegating class. {@code Trees.instance} accepts only javac's own environment, so the
 * wrapped one is found first. Only the trees come from it: messages and files still go through
 * the wrapper, which is how those tools track what a processor did (Gradle's filer records the
 * originating element of every generated file).
 */
final class CompilerTrees {
  /** javac's environment, the only one {@code Trees.instance} accepts. */
  static final String JAVAC_ENVIRONMENT =
      "com.sun.tools.javac.processing.JavacProcessingEnvironment";
  /** Wrappers seen in practice are one or two deep; a cycle or a long chain is not a wrapper. */
  private static final int MAX_DEPTH = 8;

  private CompilerTrees() {}

  /** The trees, or an exception whose message says what environment this was. */
  static Trees of(ProcessingEnvironment env) {
    List<ProcessingEnvironment> chain = unwrap(env);
    Throwable first = null;
    for (int i = chain.size() - 1; i >= 0; i--) {
      try {
        return Trees.instance(chain.get(i));
      } catch (IllegalArgumentException | LinkageError failure) {
        if (first == null) {
          first = failure;
        }
      }
    }
    throw new IllegalStateException(describe(chain, first), first);
  }

  /**
   * {@code env} and the environments it wraps, outermost first, ending at javac's when one is
   * found.
   */
  static List<ProcessingEnvironment> unwrap(ProcessingEnvironment env) {
    List<ProcessingEnvironment> chain = new ArrayList<>();
    Map<Object, Boolean> seen = new IdentityHashMap<>();
    for (ProcessingEnvironment e = env; e != null && chain.size() < MAX_DEPTH
        && seen.put(e, true) == null; e = wrapped(e)) {
      chain.add(e);
      if (e.getClass().getName().equals(JAVAC_ENVIRONMENT)) {
        break;
      }
    }
    return chain;
  }

  /** What {@code env} delegates to, or null when it holds no other environment. */
  private static ProcessingEnvironment wrapped(ProcessingEnvironment env) {
    ProcessingEnvironment unwrapped = intellijUnwrap(env);
    if (unwrapped != null) {
      return unwrapped;
    }
    Object holder = env;
    if (Proxy.isProxyClass(env.getClass())) {
      holder = Proxy.getInvocationHandler(env);
    }
    return environmentField(holder, env);
  }

  /**
   * IntelliJ's own way out of its wrappers, {@code org.jetbrains.jps.javac.APIWrappers.unwrap},
   * when the wrapper comes from its class loader; null elsewhere.
   */
  private static ProcessingEnvironment intellijUnwrap(ProcessingEnvironment env) {
    ClassLoader loader = env.getClass().getClassLoader();
    if (loader == null) {
      return null;
    }
    try {
      Class<?> wrappers = Class.forName("org.jetbrains.jps.javac.APIWrappers", false, loader);
      Method unwrap = wrappers.getMethod("unwrap", Class.class, Object.class);
      Object inner = unwrap.invoke(null, ProcessingEnvironment.class, env);
      return inner instanceof ProcessingEnvironment e && e != env ? e : null;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError notIntellij) {
      return null;
    }
  }

  /**
   * The first instance field of {@code holder} (its class or a superclass) holding another
   * environment: Gradle's {@code delegate}, kapt's {@code processingEnv}, IntelliJ's proxy
   * handler's {@code val$delegateTo} or {@code myDelegate}, whatever the next tool names it.
   */
  private static ProcessingEnvironment environmentField(Object holder, ProcessingEnvironment env) {
    for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
          continue;
        }
        try {
          if (!f.trySetAccessible()) {
            continue; // a field of a module that is not open to us: not a build tool's wrapper
          }
          Object value = f.get(holder);
          if (value instanceof ProcessingEnvironment delegate && delegate != env) {
            return delegate;
          }
        } catch (RuntimeException | IllegalAccessException inaccessible) {
          // not the delegate we look for
        }
      }
    }
    return null;
  }

  /** Names the environment got and, when it wrapped others, the innermost one found. */
  private static String describe(List<ProcessingEnvironment> chain, Throwable failure) {
    StringBuilder s = new StringBuilder("the processing environment is ")
        .append(name(chain.get(0)));
    if (chain.size() > 1) {
      s.append(", wrapping ").append(name(chain.get(chain.size() - 1)));
    }
    if (failure instanceof LinkageError) {
      return s.append(", and module jdk.compiler is missing (")
          .append(failure.getClass().getSimpleName()).append(')').toString();
    }
    s.append(", not javac's");
    if (chain.stream().anyMatch(e -> e.getClass().getName().startsWith("org.eclipse."))) {
      s.append(": Eclipse's compiler (ECJ) has none; build with Maven or Gradle, which run"
          + " javac (README, \"Eclipse\")");
    }
    return s.toString();
  }

  /** A class name, or for a proxy the class of its handler, which says whose proxy it is. */
  private static String name(ProcessingEnvironment env) {
    Class<?> c = env.getClass();
    if (Proxy.isProxyClass(c)) {
      InvocationHandler handler = Proxy.getInvocationHandler(env);
      return "a proxy (" + c.getName() + ") handled by " + handler.getClass().getName();
    }
    return c.getName();
  }
}

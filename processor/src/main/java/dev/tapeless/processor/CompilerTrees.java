package dev.tapeless.processor;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * javac's Tree API for a processing environment that build tools may have wrapped: IntelliJ's
 * JPS hands processors a {@link Proxy}, Gradle's incremental processing and Kotlin's kapt a
 * delegating class. {@code Trees.instance} accepts only javac's own environment, so the
 * wrapped one is found first. Only the trees come from it: messages and files still go through
 * the wrapper, which is how those tools track what a processor did.
 */
final class CompilerTrees {
  private CompilerTrees() {}

  /** The trees, or an exception whose message says what environment this was. */
  static Trees of(ProcessingEnvironment env) {
    Throwable first = null;
    Map<Object, Boolean> seen = new IdentityHashMap<>();
    for (ProcessingEnvironment e = env; e != null && seen.put(e, true) == null;
        e = wrapped(e)) {
      try {
        return Trees.instance(e);
      } catch (IllegalArgumentException | LinkageError failure) {
        if (first == null) {
          first = failure;
        }
      }
    }
    String got = env.getClass().getName();
    throw new IllegalStateException("the processing environment is " + got
        + (first instanceof LinkageError ? ", and module jdk.compiler is missing ("
            + first.getClass().getSimpleName() + ")" : ", not javac's"), first);
  }

  /** What {@code env} delegates to, if a field of it (or of its proxy's handler) holds one. */
  private static ProcessingEnvironment wrapped(ProcessingEnvironment env) {
    Object holder = env;
    if (Proxy.isProxyClass(env.getClass())) {
      InvocationHandler handler = Proxy.getInvocationHandler(env);
      holder = handler;
    }
    for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        try {
          f.setAccessible(true);
          Object value = f.get(holder);
          if (value instanceof ProcessingEnvironment delegate && delegate != env) {
            return delegate;
          }
        } catch (RuntimeException | IllegalAccessException inaccessible) {
          // a field of a class we may not open: not the delegate we look for
        }
      }
    }
    return null;
  }
}

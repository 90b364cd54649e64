package dev.tapeless.processor.frontend;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.QualifiedNameable;

/**
 * The method element behind each key the IR names a called method by
 * ({@code Callee.Opaque.method}), so that the IR holds plain values while helper inlining still
 * finds a helper's source and declaration. One table serves a round, like {@link OriginTrees}.
 */
public final class MethodElements {
  private final Map<ExecutableElement, String> keys = new IdentityHashMap<>();
  private final Map<String, ExecutableElement> elements = new HashMap<>();

  /** The key of {@code method}: its class, name and type; the same one each time, unique. */
  public String keyOf(ExecutableElement method) {
    String known = keys.get(method);
    if (known != null) {
      return known;
    }
    Element owner = method.getEnclosingElement();
    String base = (owner instanceof QualifiedNameable q ? q.getQualifiedName()
        : owner.getSimpleName()) + "." + method.getSimpleName() + method.asType();
    String key = base;
    for (int n = 2; elements.containsKey(key); n++) {
      key = base + "#" + n; // two local classes' methods of one name and type
    }
    keys.put(method, key);
    elements.put(key, method);
    return key;
  }

  /** The method of {@code key}, or null for a key made elsewhere (or none). */
  public ExecutableElement element(String key) {
    return key == null ? null : elements.get(key);
  }
}

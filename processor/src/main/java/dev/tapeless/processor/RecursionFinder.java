package dev.tapeless.processor;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds @Differentiable methods that reach themselves through calls. Their frames would hold
 * each other forever, so they are rejected; direct self-calls are already caught by the fence.
 */
final class RecursionFinder {
  private RecursionFinder() {}

  static Set<String> cyclic(Map<String, MethodCompiler.Compiled> methods) {
    Set<String> cyclic = new HashSet<>();
    for (String start : methods.keySet()) {
      if (reaches(start, start, methods, new HashSet<>())) {
        cyclic.add(start);
      }
    }
    return cyclic;
  }

  private static boolean reaches(String from, String target,
      Map<String, MethodCompiler.Compiled> methods, Set<String> visited) {
    MethodCompiler.Compiled c = methods.get(from);
    if (c == null) {
      return false;
    }
    for (String next : c.callees()) {
      if (next.equals(target)) {
        return true;
      }
      if (visited.add(next) && reaches(next, target, methods, visited)) {
        return true;
      }
    }
    return false;
  }

}

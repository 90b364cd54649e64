package dev.tapeless.processor.frontend;

import java.util.HashSet;
import java.util.Set;

/** Hands out names that no other variable of the generated method uses. */
public final class NameTable {
  private final Set<String> used = new HashSet<>();

  public NameTable(Set<String> reserved) {
    used.addAll(reserved);
  }

  /** {@code base} itself when free, else {@code base2}, {@code base3}, ... */
  public String fresh(String base) {
    if (used.add(base)) {
      return base;
    }
    for (int i = 2; ; i++) {
      String candidate = base + i;
      if (used.add(candidate)) {
        return candidate;
      }
    }
  }

  /** A numbered name such as {@code t1}, never reusing one. */
  public String numbered(String prefix) {
    for (int i = 1; ; i++) {
      String candidate = prefix + i;
      if (used.add(candidate)) {
        return candidate;
      }
    }
  }

  public Set<String> snapshot() {
    return Set.copyOf(used);
  }
}

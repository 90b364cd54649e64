package dev.tapeless.fuzz.ast;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which methods of its class a body calls: the call graph the compiler and reducer follow. */
public final class Calls {
  private Calls() {}

  public static Set<String> calleesOf(List<Stmt> body) {
    return of(body, CallKind.GENERATED);
  }

  public static Set<String> helpersOf(List<Stmt> body) {
    return of(body, CallKind.HELPER);
  }

  public static Set<String> kernelsOf(List<Stmt> body) {
    return of(body, CallKind.KERNEL);
  }

  private static Set<String> of(List<Stmt> body, CallKind kind) {
    Set<String> names = new LinkedHashSet<>();
    Walk.statements(body, s -> { }, e -> {
      if (e instanceof Expr.Call c && c.kind() == kind) {
        names.add(c.name());
      }
    });
    return names;
  }
}

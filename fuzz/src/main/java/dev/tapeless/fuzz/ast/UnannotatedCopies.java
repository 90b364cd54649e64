package dev.tapeless.fuzz.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * Copies of some generated methods without {@code @Differentiable}, named {@code m3Plain}, which
 * the printed callers call instead of {@code m3} (their twins still call {@code m3}'s twin):
 * Tapeless differentiates such a copy as a helper, by inlining its body, and the caller's
 * derivatives must not change. Copied are static methods without records whose bodies call
 * nothing but plain helpers and declare no array locals (a helper with array locals cannot be
 * inlined into a loop, TL122) and no list parameter (TL120); about half of those, chosen by
 * name.
 */
public final class UnannotatedCopies {
  private UnannotatedCopies() {}

  /** The suffix of a copy's name. */
  public static final String SUFFIX = "Plain";

  /** The copies to add to a class of {@code methods}. */
  public static List<MethodDef> of(List<MethodDef> methods) {
    List<MethodDef> copies = new ArrayList<>();
    for (MethodDef m : methods) {
      // not one taking a list: a list passed to a helper is TL120 (only a @Differentiable
      // method takes one whole)
      if (m.differentiable() && !Records.hasRecords(m) && !Models.hasReceiver(m)
          && m.params().stream().noneMatch(p -> p.type().isList())
          && (m.result() == Ty.DOUBLE || m.result() == Ty.VOID)
          && Math.floorMod(m.name().hashCode(), 2) == 0 && copyable(m.body())) {
        copies.add(new MethodDef(m.name() + SUFFIX, m.params(), m.result(), null, m.dims(),
            m.body(), false));
      }
    }
    return copies;
  }

  /** The name a call to {@code callee} is printed with in {@code cls}. */
  public static String calledName(ClassDef cls, Expr.Call c, String name) {
    return c.kind() == CallKind.GENERATED && cls != null && cls.hasMethod(c.name() + SUFFIX)
        ? c.name() + SUFFIX : name;
  }

  private static boolean copyable(List<Stmt> body) {
    boolean[] ok = {true};
    Walk.statements(body, s -> {
      if (s instanceof Stmt.Local l && l.type().isArray()) {
        ok[0] = false;
      }
    }, e -> {
      if (e instanceof Expr.Call c && c.kind() != CallKind.HELPER) {
        ok[0] = false;
      }
    });
    return ok[0];
  }
}

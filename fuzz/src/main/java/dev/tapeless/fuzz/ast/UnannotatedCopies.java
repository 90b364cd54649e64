package dev.tapeless.fuzz.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * Copies of some generated methods without {@code @Differentiable}, named {@code m3Plain} (or
 * {@code m3Private}, printed {@code private}), which the printed callers call instead of
 * {@code m3} (their twins still call {@code m3}'s twin): Tapeless differentiates such a copy
 * as a helper, by inlining its body, and the caller's derivatives must not change. Copied are
 * methods whose bodies call nothing but plain helpers and declare no array locals (a helper
 * with array locals sized by an int cannot be inlined into a loop, TL122); about half of those, chosen by name.
 * A copy of an instance method (of a model class) is an instance helper, and one of a method
 * taking records takes the same records; about half of the copies, chosen by name, are
 * private. The gradient class can call none of these, so Tapeless must copy them at every
 * call: they are made only for methods called nowhere but in plain arithmetic
 * ({@link CopySites}; a call in a condition is copied too, but not on the right of {@code &&}).
 * Methods with a list parameter are not copied: only a {@code @Differentiable} method takes a
 * list whole (TL120).
 */
public final class UnannotatedCopies {
  private UnannotatedCopies() {}

  /** The suffix of a package-private copy's name. */
  public static final String SUFFIX = "Plain";

  /** The suffix of a private copy's name. */
  public static final String PRIVATE_SUFFIX = "Private";

  /** The copies to add to a class of {@code methods}. */
  public static List<MethodDef> of(List<MethodDef> methods) {
    CopySites sites = new CopySites(methods);
    List<MethodDef> copies = new ArrayList<>();
    for (MethodDef m : methods) {
      if (!m.differentiable() || m.result() != Ty.DOUBLE && m.result() != Ty.VOID
          || Math.floorMod(m.name().hashCode(), 2) != 0 || !copyable(m.body())
          || m.params().stream().anyMatch(p -> p.type().isList())) {
        continue;
      }
      boolean mustCopy = Records.hasRecords(m) || Models.hasReceiver(m);
      if (mustCopy && !sites.onlyPlain(m.name())) {
        continue;
      }
      // the next bit of the name's hash: half of the copies
      boolean hidden = sites.onlyPlain(m.name()) && Math.floorMod(m.name().hashCode(), 4) == 0;
      String suffix = hidden ? PRIVATE_SUFFIX : SUFFIX;
      copies.add(new MethodDef(m.name() + suffix, m.params(), m.result(), null, m.dims(),
          m.body(), false));
    }
    return copies;
  }

  /** Whether {@code m} is a copy. */
  public static boolean isCopy(MethodDef m) {
    return !m.differentiable()
        && (m.name().endsWith(SUFFIX) || m.name().endsWith(PRIVATE_SUFFIX));
  }

  /** {@code "private "} for a private copy, else nothing. */
  public static String visibility(MethodDef m) {
    return isCopy(m) && m.name().endsWith(PRIVATE_SUFFIX) ? "private " : "";
  }

  /** The name a call to {@code callee} is printed with in {@code cls}. */
  public static String calledName(ClassDef cls, Expr.Call c, String name) {
    if (c.kind() != CallKind.GENERATED || cls == null) {
      return name;
    }
    for (String suffix : List.of(SUFFIX, PRIVATE_SUFFIX)) {
      if (cls.hasMethod(c.name() + suffix)) {
        return name + suffix;
      }
    }
    return name;
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

package dev.tapeless.fuzz.ast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Model classes: {@code @Differentiable} instance methods reading their object's fields. The
 * AST stays flat, as for records ({@link Records}): an instance method's first parameters are
 * the object's fields, each with a {@link Member} rooted at the pseudo-record {@link #RECEIVER}
 * ({@code names = [this, coef]}, {@code types = [this]}; a record field's components
 * {@code [this, layer, w]}, {@code [this, R4]}). That is the processor's flattening (the
 * receiver's leaves first, in field order and depth first, then the parameters), so the twin,
 * the gradient, {@code jacobian}'s columns and {@code hessian}'s rows need no permutation.
 * Only the printers (fields, a constructor, {@code coef[i]} or {@code this.coef[i]}, calls
 * {@code m3(x)} or {@code this.m3(x)} without the fields as arguments) and the checker (the
 * object built from the flat arguments, the gradient read from {@code d<field>}) see them.
 * Every instance method of a class has the same fields in the same order.
 */
public final class Models {
  private Models() {}

  /** The root name and type of the receiver's members. */
  public static final String RECEIVER = "this";

  /** The non-input field every model class has (a name, not an input: TL022 does not apply). */
  public static final String LABEL = "label";

  public static boolean isReceiver(Records.Node n) {
    return n.type().equals(RECEIVER);
  }

  /** Whether {@code p} is one of the object's fields (or inside a record field). */
  public static boolean isField(Param p) {
    return p.member() != null && p.member().types().get(0).equals(RECEIVER);
  }

  /** Whether {@code m} is an instance method (its first parameters are the fields). */
  public static boolean hasReceiver(MethodDef m) {
    return !m.params().isEmpty() && isField(m.params().get(0));
  }

  /** The receiver of an instance method: its first slot. */
  public static Records.Node receiver(MethodDef m) {
    return (Records.Node) Records.slots(m).get(0);
  }

  /** Whether the class has an instance method. */
  public static boolean isModel(ClassDef c) {
    return c.methods().stream().anyMatch(Models::hasReceiver);
  }

  /** The fields (the receiver's direct members, in order) of the class, empty if none. */
  public static List<Records.Slot> fields(ClassDef c) {
    for (MethodDef m : c.methods()) {
      if (hasReceiver(m)) {
        return receiver(m).members();
      }
    }
    return List.of();
  }

  /** A field's name. */
  public static String fieldName(Records.Slot s) {
    return s instanceof Records.Leaf l ? l.component() : ((Records.Node) s).name();
  }

  /** Whether the field is printed {@code @NoDerivative}. */
  public static boolean noDerivative(Records.Slot s) {
    return s instanceof Records.Leaf l
        ? (l.param().isReal() || l.param().type().isObject()) && l.param().noDerivative()
        : Records.noDerivative((Records.Node) s);
  }

  /**
   * Whether a read of a field (or a call of an instance method) in method {@code method} is
   * printed with {@code this.}: a fixed choice per method and name, so that both spellings
   * occur and every printer of the program agrees.
   */
  public static boolean qualified(String method, String name) {
    return ((method + "." + name).hashCode() & 4) != 0;
  }

  /**
   * {@code accessors} (from {@link Records#accessors}) with the fields' reads as printed:
   * {@code this.coef} or {@code coef}, {@code this.layer.w()} or {@code layer.w()}.
   */
  public static Map<String, String> accessors(MethodDef m, Map<String, String> accessors) {
    if (!hasReceiver(m)) {
      return accessors;
    }
    Map<String, String> out = new LinkedHashMap<>();
    accessors.forEach((name, access) -> {
      if (access.startsWith(RECEIVER + ".")) {
        String rest = access.substring(RECEIVER.length() + 1);
        String field = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
        out.put(name, qualified(m.name(), field) ? access : rest);
      } else {
        out.put(name, access);
      }
    });
    return out;
  }

  /**
   * Why {@code m}'s receiver cannot be printed as it is, or null: a record field
   * differentiated in part (a field is differentiated whole or not at all), or a field of an
   * instance method that is not its first parameters.
   */
  public static String problem(MethodDef m) {
    for (int i = 1; i < m.params().size(); i++) {
      if (isField(m.params().get(i)) && !isField(m.params().get(i - 1))) {
        return "field " + m.params().get(i).name() + " is not among the first parameters";
      }
    }
    if (!hasReceiver(m)) {
      return null;
    }
    for (Records.Slot s : receiver(m).members()) {
      if (s instanceof Records.Node n) {
        Set<Boolean> status = new LinkedHashSet<>();
        for (Records.Leaf l : n.leaves()) {
          if (l.param().isReal()) {
            status.add(m.differentiated(l.param()));
          }
        }
        if (status.size() > 1) {
          return "record field " + n.name() + " is differentiated in part";
        }
      }
    }
    return null;
  }

  /**
   * What an instance method does with its object, for the run's counts: the kinds of its
   * fields, {@code @NoDerivative} fields, reads as {@code this.f}, calls of other instance
   * methods. Empty for a static method.
   */
  public static Set<String> traits(ClassDef c, MethodDef m) {
    Set<String> out = new LinkedHashSet<>();
    if (!hasReceiver(m)) {
      return out;
    }
    for (Records.Slot s : receiver(m).members()) {
      if (s instanceof Records.Node) {
        out.add("record field");
      } else {
        Ty t = ((Records.Leaf) s).param().type();
        out.add(t == Ty.DOUBLE ? "scalar field" : t == Ty.DARR ? "vector field"
            : t.isObject() ? "object field" : "matrix field");
      }
      if (noDerivative(s)) {
        out.add("@NoDerivative field");
      }
    }
    Set<String> read = new LinkedHashSet<>();
    for (Param p : m.params()) {
      if (isField(p)) {
        read.add(p.name());
      }
    }
    List<String> used = new ArrayList<>();
    Walk.statements(m.body(), st -> { }, e -> {
      if (e instanceof Expr.Ref r && read.contains(r.name())) {
        used.add(r.name());
      }
      if (e instanceof Expr.Draw d && read.contains(d.object())) {
        out.add("draws from an object field");
      }
      if (e instanceof Expr.Call call && call.kind() == CallKind.GENERATED
          && c.hasMethod(call.name()) && hasReceiver(c.method(call.name()))) {
        out.add("calls an instance method");
      }
    });
    if (!used.isEmpty()) {
      out.add("reads a field");
    }
    return out;
  }
}

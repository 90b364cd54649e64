package dev.tapeless.fuzz.ast;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Record parameters. The AST is flat: a method's parameters are numbers and arrays, its body
 * refers to them by name, and its twin takes them one by one. A parameter with a
 * {@link Member} is printed as a component of a record parameter instead (its reads as
 * accessor chains, {@code rec0.in1().a()}), the record types declared as nested records of the
 * class. The members of one record are consecutive parameters, so that the processor's
 * flattening of records (leaves depth first in component order) is the parameters' own order:
 * the twin's variables, the gradient, {@code jacobian}'s columns and {@code hessian}'s rows
 * need no permutation.
 */
public final class Records {
  private Records() {}

  /** A parameter of the printed signature, or a member of a record. */
  public sealed interface Slot permits Leaf, Node {}

  /** The flat parameter with index {@code index}. */
  public record Leaf(int index, Param param) implements Slot {
    /** Its name in the printed signature or record: the component's name in a record. */
    public String component() {
      return param.member() == null ? param.name() : param.member().component();
    }
  }

  /**
   * A record: the parameter or component {@code name} of record type {@code type}, its members
   * in component order, and the expression that reads it ({@code rec0}, {@code rec0.in1()}).
   */
  public record Node(String name, String type, List<Slot> members, String access)
      implements Slot {
    /** Its flat parameters, depth first. */
    public List<Leaf> leaves() {
      List<Leaf> out = new ArrayList<>();
      for (Slot s : members) {
        if (s instanceof Leaf l) {
          out.add(l);
        } else {
          out.addAll(((Node) s).leaves());
        }
      }
      return out;
    }

    /** Itself and every record nested in it. */
    public List<Node> nodes() {
      List<Node> out = new ArrayList<>();
      out.add(this);
      for (Slot s : members) {
        if (s instanceof Node n) {
          out.addAll(n.nodes());
        }
      }
      return out;
    }
  }

  /** A component of a record type: a parameter type, or ({@code record} not null) a record. */
  public record Component(String name, Ty type, String record) {}

  /** Whether {@code m} has a record parameter (not counting an instance method's fields). */
  public static boolean hasRecordParams(MethodDef m) {
    return m.params().stream().anyMatch(p -> p.member() != null && !Models.isField(p));
  }

  /** Whether any parameter of {@code m} is printed inside a record (or is a field). */
  public static boolean hasRecords(MethodDef m) {
    return m.params().stream().anyMatch(p -> p.member() != null);
  }

  private static final class Open {
    final String name;
    final String type;
    final String access;
    final List<Slot> members = new ArrayList<>();
    final Set<String> names = new HashSet<>();

    Open(String name, String type, String access) {
      this.name = name;
      this.type = type;
      this.access = access;
    }

    Node close() {
      return new Node(name, type, members, access);
    }
  }

  /**
   * The printed signature of {@code m}: its parameters in order, consecutive members of one
   * record as one {@link Node}.
   *
   * @throws IllegalArgumentException when a record's members are not consecutive or two
   *     components of one record share a name
   */
  public static List<Slot> slots(MethodDef m) {
    List<Slot> top = new ArrayList<>();
    Set<String> topNames = new HashSet<>();
    List<Open> open = new ArrayList<>();
    for (int i = 0; i < m.params().size(); i++) {
      Param p = m.params().get(i);
      Member mem = p.member();
      int depth = mem == null ? 0 : mem.depth();
      int keep = 0;
      while (keep < Math.min(open.size(), depth) && open.get(keep).name.equals(mem.names().get(keep))
          && open.get(keep).type.equals(mem.types().get(keep))) {
        keep++;
      }
      close(open, keep, top);
      for (int d = keep; d < depth; d++) {
        String name = mem.names().get(d);
        List<Slot> parentMembers = d == 0 ? top : open.get(d - 1).members;
        Set<String> parentNames = d == 0 ? topNames : open.get(d - 1).names;
        if (!parentNames.add(name)) {
          throw new IllegalArgumentException(m.name() + ": record " + name + " is not one run"
              + " of consecutive parameters");
        }
        // a record field of the receiver is read as a field (this.layer), not an accessor
        String access = d == 0 ? name : d == 1 && mem.types().get(0).equals(Models.RECEIVER)
            ? Models.RECEIVER + "." + name : open.get(d - 1).access + "." + name
            + (isValueClass(open.get(d - 1).type) ? "" : "()");
        open.add(new Open(name, mem.types().get(d), access));
        assert parentMembers != null;
      }
      Leaf leaf = new Leaf(i, p);
      if (depth == 0) {
        if (!topNames.add(p.name())) {
          throw new IllegalArgumentException(m.name() + ": two parameters named " + p.name());
        }
        top.add(leaf);
      } else {
        Open o = open.get(depth - 1);
        if (!o.names.add(leaf.component())) {
          throw new IllegalArgumentException(m.name() + ": record " + o.name
              + " has two components " + leaf.component());
        }
        o.members.add(leaf);
      }
    }
    close(open, 0, top);
    return top;
  }

  /** Closes the open records from depth {@code from} on, innermost first. */
  private static void close(List<Open> open, int from, List<Slot> top) {
    while (open.size() > from) {
      Node n = open.remove(open.size() - 1).close();
      if (open.isEmpty()) {
        top.add(n);
      } else {
        open.get(open.size() - 1).members.add(n);
      }
    }
  }

  /** Every record of {@code m}'s signature, nested ones too, outermost first. */
  public static List<Node> nodes(MethodDef m) {
    List<Node> out = new ArrayList<>();
    for (Slot s : slots(m)) {
      if (s instanceof Node n) {
        out.addAll(n.nodes());
      }
    }
    return out;
  }

  /** The top-level records of {@code m}'s signature. */
  public static List<Node> recordParams(MethodDef m) {
    List<Node> out = new ArrayList<>();
    for (Slot s : slots(m)) {
      if (s instanceof Node n) {
        out.add(n);
      }
    }
    return out;
  }

  /** The prefix of the record types printed as value classes (final classes with fields). */
  public static final String VALUE_CLASS_PREFIX = "V";

  /** Whether record type {@code type} is printed as a value class, read by its fields. */
  public static boolean isValueClass(String type) {
    return type.startsWith(VALUE_CLASS_PREFIX);
  }

  /** How the body reads each parameter that is a record's component: its accessor chain. */
  public static Map<String, String> accessors(MethodDef m) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Node n : nodes(m)) {
      for (Slot s : n.members()) {
        if (s instanceof Leaf l) {
          out.put(l.param().name(), n.access() + "." + l.component()
              + (Models.isReceiver(n) || isValueClass(n.type()) ? "" : "()"));
        }
      }
    }
    return out;
  }

  /** Whether the record has a leaf that {@code m} differentiates. */
  public static boolean differentiated(MethodDef m, Node n) {
    return n.leaves().stream().anyMatch(l -> m.differentiated(l.param()));
  }

  /** Whether the record parameter is printed {@code @NoDerivative}: its numbers are. */
  public static boolean noDerivative(Node n) {
    return n.leaves().stream().anyMatch(l -> l.param().isReal() && l.param().noDerivative());
  }

  /** The {@code wrt} names as printed: a record's for its components', once. */
  public static List<String> printedWrt(MethodDef m) {
    if (m.wrt() == null) {
      return null;
    }
    Set<String> names = new LinkedHashSet<>();
    for (String w : m.wrt()) {
      String printed = w;
      for (Param p : m.params()) {
        if (p.name().equals(w) && p.member() != null) {
          printed = p.member().root();
        }
      }
      names.add(printed);
    }
    return List.copyOf(names);
  }

  /**
   * Why {@code m}'s records cannot be printed as they are, or null: a record whose numbers are
   * differentiated in part only (a record parameter is differentiated whole or not at all), or
   * an {@code @Out} parameter inside one.
   */
  public static String problem(MethodDef m) {
    List<Node> params;
    try {
      params = recordParams(m);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    String model = Models.problem(m);
    if (model != null) {
      return model;
    }
    for (Node n : params) {
      if (Models.isReceiver(n)) {
        continue;
      }
      Set<Boolean> status = new HashSet<>();
      Set<Boolean> annotated = new HashSet<>();
      for (Leaf l : n.leaves()) {
        if (l.param().out()) {
          return "@Out parameter " + l.param().name() + " in record " + n.name();
        }
        if (l.param().isReal()) {
          status.add(m.differentiated(l.param()));
          annotated.add(l.param().noDerivative());
        }
      }
      if (status.size() > 1 || annotated.size() > 1) {
        return "record " + n.name() + " is differentiated in part";
      }
    }
    return null;
  }

  /**
   * The record types {@code c}'s methods use, by name, each with its components as the first
   * method using it declares them (methods sharing a type declare it alike, or the class does
   * not compile).
   */
  public static Map<String, List<Component>> types(ClassDef c) {
    Map<String, List<Component>> out = new LinkedHashMap<>();
    for (MethodDef m : c.methods()) {
      if (!hasRecords(m)) {
        continue;
      }
      List<Node> all;
      try {
        all = nodes(m);
      } catch (IllegalArgumentException e) {
        continue;
      }
      // innermost first, so that a nested type is declared before the one using it
      for (int i = all.size() - 1; i >= 0; i--) {
        Node n = all.get(i);
        if (out.containsKey(n.type()) || Models.isReceiver(n)) {
          continue;
        }
        List<Component> comps = new ArrayList<>();
        for (Slot s : n.members()) {
          if (s instanceof Leaf l) {
            comps.add(new Component(l.component(), l.param().type(), null));
          } else {
            Node inner = (Node) s;
            comps.add(new Component(inner.name(), null, inner.type()));
          }
        }
        out.put(n.type(), comps);
      }
    }
    return out;
  }

  /**
   * The arguments of a call in the printed signature's shape: {@code leaf.apply(i)} for flat
   * parameter {@code i}, {@code record.apply(node, members)} for a record.
   */
  public static <T> List<T> pack(MethodDef m, IntFunction<T> leaf,
      BiFunction<Node, List<T>, T> record) {
    List<T> out = new ArrayList<>();
    for (Slot s : slots(m)) {
      out.add(pack(s, leaf, record));
    }
    return out;
  }

  private static <T> T pack(Slot s, IntFunction<T> leaf, BiFunction<Node, List<T>, T> record) {
    if (s instanceof Leaf l) {
      return leaf.apply(l.index());
    }
    Node n = (Node) s;
    List<T> members = new ArrayList<>();
    for (Slot x : n.members()) {
      members.add(pack(x, leaf, record));
    }
    return record.apply(n, members);
  }

  /**
   * The tangents (or directions) of a {@code jvp} or {@code hvp} call in the printed signature's
   * shape: one per differentiated parameter or record. A differentiated leaf gets
   * {@code tangent.apply(i)}; a record's other components ({@code int}s, say) get
   * {@code arg.apply(i)}, the point's own values; a record for which {@code nulled} holds is
   * {@code nul} (a null record: a zero tangent).
   */
  public static <T> List<T> packTangents(MethodDef m, IntFunction<T> tangent, IntFunction<T> arg,
      Predicate<Node> nulled, T nul, BiFunction<Node, List<T>, T> record) {
    List<T> out = new ArrayList<>();
    for (Slot s : slots(m)) {
      if (s instanceof Leaf l) {
        if (m.differentiated(l.param())) {
          out.add(tangent.apply(l.index()));
        }
      } else if (differentiated(m, (Node) s)) {
        Node n = (Node) s;
        out.add(nulled.test(n) ? nul : pack(n,
            i -> m.differentiated(m.params().get(i)) ? tangent.apply(i) : arg.apply(i), record));
      }
    }
    return out;
  }

  /**
   * What a {@code jvp} or {@code hvp} call may pass as null (a zero tangent): a differentiated
   * array ({@code param} its index, {@code record} null) or a differentiated record parameter
   * ({@code param} -1). Arrays first, in parameter order (those in records too), then records:
   * without records, the list the checks always used.
   */
  public record Nullable(int param, Node record) {
    /** The flat parameters whose tangents this makes zero. */
    public List<Integer> params() {
      return record == null ? List.of(param)
          : record.leaves().stream().map(Leaf::index).toList();
    }

    public String describe(MethodDef m) {
      return record == null ? m.params().get(param).name() : "record " + record.name();
    }
  }

  public static List<Nullable> nullables(MethodDef m) {
    List<Nullable> out = new ArrayList<>();
    for (int k = 0; k < m.params().size(); k++) {
      Param p = m.params().get(k);
      if (m.differentiated(p) && p.type().isArray()) {
        out.add(new Nullable(k, null));
      }
    }
    if (hasRecords(m)) {
      for (Node n : recordParams(m)) {
        if (differentiated(m, n)) {
          out.add(new Nullable(-1, n));
        }
      }
    }
    return out;
  }

  /**
   * What a method does with records, for the run's counts: {@code nested} (a record in a
   * record), {@code arrays} (an array component), {@code @NoDerivative}, {@code wrt} (a record
   * named by it), {@code passed whole} (a call passes one to a method taking its type). Empty
   * without records.
   */
  public static Set<String> traits(ClassDef c, MethodDef m) {
    Set<String> out = new LinkedHashSet<>();
    if (!hasRecordParams(m)) {
      return out;
    }
    for (Node n : recordParams(m)) {
      if (Models.isReceiver(n)) {
        continue;
      }
      if (n.nodes().size() > 1) {
        out.add("nested");
      }
      if (n.leaves().stream().anyMatch(l -> l.param().type().isArray())) {
        out.add("arrays");
      }
      if (noDerivative(n)) {
        out.add("@NoDerivative");
      }
      if (printedWrt(m) != null && printedWrt(m).contains(n.name())) {
        out.add("wrt");
      }
    }
    Walk.statements(m.body(), s -> { }, e -> {
      if (e instanceof Expr.Call call && call.kind() == CallKind.GENERATED
          && c.hasMethod(call.name()) && hasRecordParams(c.method(call.name()))) {
        out.add("passed whole");
      }
    });
    return out;
  }

  /**
   * The record of {@code nodes} that a call can pass whole where a parameter of record type
   * {@code type} takes {@code args}: one of that type whose parameters, in order, are exactly
   * the arguments. Null if none.
   */
  public static Node passedWhole(List<Node> nodes, String type, List<Expr> args) {
    for (Node n : nodes) {
      if (!n.type().equals(type)) {
        continue;
      }
      List<Leaf> leaves = n.leaves();
      boolean same = leaves.size() == args.size();
      for (int i = 0; same && i < args.size(); i++) {
        same = args.get(i) instanceof Expr.Ref r && r.name().equals(leaves.get(i).param().name());
      }
      if (same) {
        return n;
      }
    }
    return null;
  }
}

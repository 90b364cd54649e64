package dev.tapeless.fuzz.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a parameter sits inside a record parameter of the printed signature: the record
 * parameter's name and type, then for each record nested in it the component's name and type,
 * then the parameter's own component name. {@code names = [rec0, in1, a]},
 * {@code types = [R3, R1]} is read as {@code rec0.in1().a()} with {@code rec0} an {@code R3}
 * and {@code in1} an {@code R1}. The AST stays flat (bodies refer to the parameter by its own
 * name); only the printers of the plain method and the checker see records.
 */
public record Member(List<String> names, List<String> types) {
  public Member {
    names = List.copyOf(names);
    types = List.copyOf(types);
    if (types.isEmpty() || names.size() != types.size() + 1) {
      throw new IllegalArgumentException("bad member " + names + " " + types);
    }
  }

  /** The component name of the leaf itself. */
  public String component() {
    return names.get(names.size() - 1);
  }

  /** The record parameter's name. */
  public String root() {
    return names.get(0);
  }

  /** Records from the parameter down: 1 for a component of a top-level record. */
  public int depth() {
    return types.size();
  }

  /** This member inside one more record: {@code outer} of type {@code type} around it. */
  public Member wrappedIn(String outer, String type) {
    List<String> n = new ArrayList<>(names);
    n.add(0, outer);
    List<String> t = new ArrayList<>(types);
    t.add(0, type);
    return new Member(n, t);
  }

  /** A parameter named {@code name} made a component of record {@code record} of {@code type}. */
  public static Member of(String record, String type, String name) {
    return new Member(List.of(record, name), List.of(type));
  }
}

package dev.tapeless.processor.reverse;

import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Var;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The adjoint local of each active variable: {@code x} gets {@code xBar} (x̄ in AD texts). */
final class Adjoints {
  private final Map<Var, String> names = new IdentityHashMap<>();

  Adjoints(List<Var> active, NameTable table) {
    for (Var v : active) {
      names.put(v, table.fresh(v.name() + "Bar"));
    }
  }

  String of(Var v) {
    String name = names.get(v);
    if (name == null) {
      throw new IllegalStateException("no adjoint for inactive variable " + v);
    }
    return name;
  }
}

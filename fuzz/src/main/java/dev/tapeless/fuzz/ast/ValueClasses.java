package dev.tapeless.fuzz.ast;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns every other record type of a generated class into a value class (a final class with
 * public fields, read {@code p.a}): the processor takes both the same way, so the same checks
 * hold. Left a record: a type some method takes {@code @NoDerivative} (a value class would be
 * an object there, whose array fields the method may not read) and a model field's type.
 * Decided after generation, drawing nothing, so the rest of a seed's programs stay the same.
 */
public final class ValueClasses {
  private ValueClasses() {}

  public static ClassDef of(ClassDef c) {
    Set<String> candidates = new HashSet<>();
    Set<String> kept = new HashSet<>();
    for (MethodDef m : c.methods()) {
      if (!Records.hasRecords(m)) {
        continue;
      }
      List<Records.Node> nodes;
      try {
        nodes = Records.nodes(m);
      } catch (IllegalArgumentException e) {
        continue; // not printable as records; the printers say so
      }
      for (Records.Node n : nodes) {
        if (Models.isReceiver(n) || Models.isField(n.leaves().get(0).param())) {
          kept.add(n.type());
        } else if (n.type().startsWith("R")
            && Integer.parseInt(n.type().substring(1)) % 2 == 1) {
          candidates.add(n.type());
        }
      }
      for (Records.Node n : Records.recordParams(m)) {
        if (Records.noDerivative(n)) {
          kept.add(n.type());
        }
      }
    }
    candidates.removeAll(kept);
    if (candidates.isEmpty()) {
      return c;
    }
    Map<String, String> renamed = new HashMap<>();
    candidates.forEach(t -> renamed.put(t, Records.VALUE_CLASS_PREFIX + t.substring(1)));
    List<MethodDef> methods = new ArrayList<>();
    for (MethodDef m : c.methods()) {
      List<Param> params = new ArrayList<>();
      for (Param p : m.params()) {
        Member mem = p.member();
        params.add(mem == null ? p : p.withMember(new Member(mem.names(),
            mem.types().stream().map(t -> renamed.getOrDefault(t, t)).toList())));
      }
      methods.add(m.withParams(params, m.wrt()));
    }
    return new ClassDef(c.pkg(), c.name(), c.constants(), methods);
  }
}

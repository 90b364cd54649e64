package dev.tapeless.processor.reverse;

import dev.tapeless.processor.analysis.Recording;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each local of the generated method is declared. The backward sweep runs after the
 * forward sweep in the same method, so a variable first assigned inside a branch is declared
 * ("hoisted") at the top, where both sweeps see it; one first assigned at the top level is
 * declared where the user declared it, keeping the forward sweep readable.
 */
final class Declarations {
  private final Set<Stmt.Assign> inline = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Stmt.Assign> inlineSave = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Stmt.Assign, Var> saves = new IdentityHashMap<>();
  private final Map<Var, Boolean> seen = new IdentityHashMap<>();
  private final List<Var> hoisted = new ArrayList<>();

  static Declarations plan(Stmt.Block body, Recording recording, NameTable names) {
    Declarations d = new Declarations();
    d.walk(body, 0, recording, names);
    return d;
  }

  private void walk(Stmt s, int depth, Recording recording, NameTable names) {
    if (s instanceof Stmt.Assign a) {
      if (recording.isSaved(a)) {
        Var save = new Var(names.fresh(a.target().name() + "Saved"), a.target().type(),
            Var.Role.TEMP);
        saves.put(a, save);
        if (depth == 0) {
          inlineSave.add(a);
        } else {
          hoisted.add(save);
        }
      }
      Var target = a.target();
      if (target.role() != Var.Role.PARAMETER && seen.put(target, Boolean.TRUE) == null) {
        if (depth == 0) {
          inline.add(a);
        } else {
          hoisted.add(target);
        }
      }
    } else if (s instanceof Stmt.If i) {
      walk(i.thenBlock(), depth + 1, recording, names);
      walk(i.elseBlock(), depth + 1, recording, names);
    } else {
      for (Stmt child : ((Stmt.Block) s).statements()) {
        walk(child, depth, recording, names);
      }
    }
  }

  /** Whether {@code a} declares its target ({@code double x = ...}). */
  boolean declaresTarget(Stmt.Assign a) {
    return inline.contains(a);
  }

  /** The variable holding the value {@code a} overwrites, or null when none is saved. */
  Var saveOf(Stmt.Assign a) {
    return saves.get(a);
  }

  boolean declaresSave(Stmt.Assign a) {
    return inlineSave.contains(a);
  }

  /** Variables declared with a zero value at the top of the method. */
  List<Var> hoisted() {
    return hoisted;
  }
}

package dev.tapeless.processor.reverse;

import dev.tapeless.processor.analysis.Recording;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each local of the generated method is declared, and where saved values go. After the
 * forward sweep {@code backpropagate} hands its locals to the backward sweep, so a variable
 * first assigned inside a branch or loop is declared ("hoisted") at the top, where the call
 * sees it; one first assigned at the top level is declared where the user declared it. A value
 * saved outside loops goes to a local; inside loops (or a whole array) to the frame's save
 * buffer.
 */
public final class Declarations {
  private final Set<Stmt> declaring = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Stmt> inLoop = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Stmt, Var> saveLocals = new IdentityHashMap<>();
  private final Set<Stmt> inlineSave = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Var, Boolean> seen = new IdentityHashMap<>();
  private final List<Var> hoisted = new ArrayList<>();
  private final List<Var> saveLocalsInOrder = new ArrayList<>();
  private final Recording recording;
  private final NameTable names;

  private Declarations(Recording recording, NameTable names) {
    this.recording = recording;
    this.names = names;
  }

  /** Where the sweeps of {@code body} declare its locals and save what {@code recording} names. */
  public static Declarations plan(Stmt.Block body, Recording recording, NameTable names) {
    Declarations d = new Declarations(recording, names);
    d.walk(body, 0, 0);
    return d;
  }

  private void walk(Stmt s, int depth, int loops) {
    if (s instanceof Stmt.Assign || s instanceof Stmt.Store || s instanceof Stmt.Effect) {
      if (loops > 0) {
        inLoop.add(s);
      }
      planSave(s, depth, loops);
      if (s instanceof Stmt.Assign a && a.target().role() != Var.Role.PARAMETER
          && a.target().role() != Var.Role.INDEX && seen.put(a.target(), Boolean.TRUE) == null) {
        if (depth == 0) {
          declaring.add(a);
        } else {
          hoisted.add(a.target());
        }
      }
    } else if (s instanceof Stmt.If i) {
      walk(i.thenBlock(), depth + 1, loops);
      walk(i.elseBlock(), depth + 1, loops);
    } else if (s instanceof Stmt.For f) {
      walk(f.body(), depth + 1, loops + 1);
    } else if (s instanceof Stmt.Loop l) {
      walk(l.body(), depth + 1, loops + 1);
    } else if (s instanceof Stmt.Block b) {
      for (Stmt child : b.statements()) {
        walk(child, depth, loops);
      }
    }
  }

  /** Outside loops, a saved scalar or element goes to a local of its own. */
  private void planSave(Stmt s, int depth, int loops) {
    List<Var> saved = recording.savedBy(s);
    if (saved.isEmpty() || loops > 0 || s instanceof Stmt.Effect) {
      return;
    }
    Var v = saved.get(0);
    if (v.type().isArray() && !(s instanceof Stmt.Store)) {
      return; // whole arrays always go to the save buffer
    }
    // the element (or scalar) overwritten, of its own type: a float element takes a double
    // value with +=, and goes back with a plain assignment
    Type type = v.type().element();
    Var local = new Var(names.fresh(v.name() + "Saved"), type, Var.Role.TEMP);
    saveLocals.put(s, local);
    saveLocalsInOrder.add(local);
    if (depth == 0) {
      inlineSave.add(s);
    } else {
      hoisted.add(local);
    }
  }

  /** Whether {@code a} declares its target ({@code double x = ...}). */
  boolean declaresTarget(Stmt a) {
    return declaring.contains(a);
  }

  /** The local holding the value {@code s} overwrites, or null when it is saved elsewhere or not at all. */
  Var saveLocal(Stmt s) {
    return saveLocals.get(s);
  }

  boolean declaresSave(Stmt s) {
    return inlineSave.contains(s);
  }

  boolean inLoop(Stmt s) {
    return inLoop.contains(s);
  }

  /** Every local that holds a saved value, in program order. */
  List<Var> saveLocals() {
    return saveLocalsInOrder;
  }

  /** The names the generated method uses, for fresh locals. */
  NameTable names() {
    return names;
  }

  /** Variables declared with a zero value at the top of the method. */
  List<Var> hoisted() {
    return hoisted;
  }
}

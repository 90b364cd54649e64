package dev.tapeless.processor.ir;

import java.util.ArrayList;
import java.util.List;

/** Walks of the structured IR that several phases need. */
public final class Statements {
  private Statements() {}

  /** Every assignment in program order, branches and loops included. */
  public static List<Stmt.Assign> assignments(Stmt root) {
    List<Stmt.Assign> out = new ArrayList<>();
    for (Stmt s : all(root)) {
      if (s instanceof Stmt.Assign a) {
        out.add(a);
      }
    }
    return out;
  }

  /** Every statement in program order, nested ones after the statement that holds them. */
  public static List<Stmt> all(Stmt root) {
    List<Stmt> out = new ArrayList<>();
    collect(root, out);
    return out;
  }

  private static void collect(Stmt s, List<Stmt> out) {
    out.add(s);
    if (s instanceof Stmt.If i) {
      collect(i.thenBlock(), out);
      collect(i.elseBlock(), out);
    } else if (s instanceof Stmt.For f) {
      collect(f.body(), out);
    } else if (s instanceof Stmt.Loop l) {
      collect(l.body(), out);
    } else if (s instanceof Stmt.Block b) {
      for (Stmt child : b.statements()) {
        collect(child, out);
      }
    }
  }

  /** The variable a statement writes (an assignment's target or a store's array), or null. */
  public static Var written(Stmt s) {
    if (s instanceof Stmt.Assign a) {
      return a.target();
    } else if (s instanceof Stmt.Store st) {
      return st.array();
    }
    return null;
  }

  /** The value a statement computes: an assignment's or store's value, an effect's call. */
  public static Expr value(Stmt s) {
    if (s instanceof Stmt.Assign a) {
      return a.value();
    } else if (s instanceof Stmt.Store st) {
      return st.value();
    } else if (s instanceof Stmt.Effect e) {
      return e.call();
    }
    return null;
  }

  /** The expressions a statement holds itself (not those of statements nested in it). */
  public static List<Expr> expressions(Stmt s) {
    List<Expr> out = new ArrayList<>();
    if (s instanceof Stmt.Assign a) {
      out.add(a.value());
    } else if (s instanceof Stmt.Store st) {
      out.addAll(st.indices());
      out.add(st.value());
    } else if (s instanceof Stmt.If i) {
      out.add(i.condition());
    } else if (s instanceof Stmt.For f) {
      out.add(f.first());
      out.add(f.bound());
    } else if (s instanceof Stmt.Effect e) {
      out.add(e.call());
    }
    return out;
  }
}

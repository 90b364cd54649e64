package dev.tapeless.processor.ir;

import java.util.ArrayList;
import java.util.List;

/** Walks of the structured IR that several phases need. */
public final class Statements {
  private Statements() {}

  /** Every assignment in program order, branches included. */
  public static List<Stmt.Assign> assignments(Stmt root) {
    List<Stmt.Assign> out = new ArrayList<>();
    collect(root, out);
    return out;
  }

  private static void collect(Stmt s, List<Stmt.Assign> out) {
    if (s instanceof Stmt.Assign a) {
      out.add(a);
    } else if (s instanceof Stmt.If i) {
      collect(i.thenBlock(), out);
      collect(i.elseBlock(), out);
    } else if (s instanceof Stmt.Block b) {
      for (Stmt child : b.statements()) {
        collect(child, out);
      }
    }
  }
}

package dev.tapeless.processor.scalarization;

import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Local arrays of a few elements, made with a constant length and indexed only by constants
 * once the counted loops over them are unrolled, become one scalar per element. Reverse mode
 * then accumulates their adjoints in registers: through an array, every {@code stageBar[1] +=}
 * of a Runge–Kutta step waited for the store before it (the JIT cannot keep elements of an
 * array the frame holds in registers), and the gradient took twice as long.
 */
public final class SmallArrays {
  /** Elements at most. */
  static final int MAX_LENGTH = 8;

  private SmallArrays() {}

  /** {@code ir} with such arrays as scalars; {@code ir} itself when it has none. */
  public static IrMethod scalarize(IrMethod ir) {
    if (Statements.all(ir.body()).stream()
        .anyMatch(s -> s instanceof Stmt.For f && f.checkpointed())) {
      return ir; // a checkpointed loop replays its body from saved arrays: keep them
    }
    // every array of constant length: their lengths stay constants even for those that stay
    // arrays (an index t1[t2.length - 1] of one that becomes scalars reads one)
    Map<Var, Integer> lengths = Collections.unmodifiableMap(constantLengths(ir.body()));
    if (lengths.isEmpty()) {
      return ir;
    }
    Stmt.Block unrolled = ConstantLoops.unroll(ir.body(), lengths.keySet(), lengths,
        new NameTable(ir.usedNames()));
    Set<Var> scalar = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Var a : lengths.keySet()) {
      if (constantElementsOnly(unrolled, a, lengths)) {
        scalar.add(a);
      }
    }
    if (scalar.isEmpty()) {
      return ir;
    }
    // again, unrolling only the loops over the arrays that become scalars
    NameTable names = new NameTable(ir.usedNames());
    Stmt.Block body = ConstantLoops.unroll(ir.body(), scalar, lengths, names);
    Stmt.Block rewritten = new ElementScalars(scalar, lengths, names).block(body);
    return new IrMethod(ir.name(), ir.parameters(), rewritten, ir.result(), names.snapshot());
  }

  /**
   * One-dimensional locals every assignment of which makes a new array of the same constant
   * length, with that length.
   */
  private static Map<Var, Integer> constantLengths(Stmt.Block body) {
    Map<Var, Integer> lengths = new LinkedHashMap<>();
    Set<Var> other = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Stmt.Assign a : Statements.assignments(body)) {
      Var v = a.target();
      if (v.type().dims() != 1 || v.type().isObject() || v.type().isList()
          || (v.role() != Var.Role.LOCAL && v.role() != Var.Role.TEMP)) {
        continue;
      }
      Integer n = a.value() instanceof Expr.NewArray na && na.dimensions().size() == 1
          ? IntConstants.value(na.dimensions().get(0), Map.of()) : null;
      if (n == null || n < 1 || n > MAX_LENGTH
          || (lengths.containsKey(v) && !lengths.get(v).equals(n))) {
        other.add(v);
      } else {
        lengths.put(v, n);
      }
    }
    lengths.keySet().removeAll(other);
    return lengths;
  }

  /**
   * Whether {@code body} uses {@code a} only through elements at constant indices within its
   * length, its length, and its assignments of new arrays: never passed, copied or compared whole.
   */
  private static boolean constantElementsOnly(Stmt.Block body, Var a, Map<Var, Integer> lengths) {
    int n = lengths.get(a);
    for (Stmt s : Statements.all(body)) {
      if (s instanceof Stmt.Store st && st.array() == a
          && !inRange(st.indices(), n, lengths)) {
        return false;
      }
      if ((s instanceof Stmt.For f && f.index() == a)
          || (s instanceof Stmt.Loop l && l.counter() == a)) {
        return false;
      }
      for (Expr e : Statements.expressions(s)) {
        if (s instanceof Stmt.Assign as && as.target() == a && e == as.value()) {
          continue; // new double[n], as constantLengths found
        }
        int refs = 0;
        int lengthRefs = 0;
        for (Expr node : Occurrences.nodes(e)) {
          if (node instanceof Expr.Ref r && r.var() == a) {
            refs++;
          } else if (node instanceof Expr.Length l && l.array() instanceof Expr.Ref r
              && r.var() == a) {
            lengthRefs++;
          } else if (node instanceof Expr.ArrayRead r && r.array() == a
              && !inRange(r.indices(), n, lengths)) {
            return false;
          }
        }
        if (refs != lengthRefs) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean inRange(java.util.List<Expr> indices, int n, Map<Var, Integer> lengths) {
    if (indices.size() != 1) {
      return false;
    }
    Integer i = IntConstants.value(indices.get(0), lengths);
    return i != null && i >= 0 && i < n;
  }
}

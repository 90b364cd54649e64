package dev.tapeless.processor.reverse;

import dev.tapeless.processor.emit.JavaExprs;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Row references taken out of a reversed counted loop: {@code UBar[4 * k][j] += g * h[j]} in a
 * loop over {@code j} becomes {@code UBarRow[j] += ...} with {@code UBarRow = UBar[4 * k]} read
 * once before the loop, as a person would write it. Two-level indexing in the innermost loop is
 * what kept the JIT from making the backward sweep as fast as hand-written code.
 *
 * <p>Only rows read by statements the body always runs are hoisted, and the loop is guarded by
 * its own trip test, so a hoisted row is read only when the original code would read it.
 */
final class RowHoisting {
  /** A hoisted row: the local it is read into, and the expression it stands for. */
  record Row(Var local, Expr source) {}

  private final Map<String, Row> rows = new LinkedHashMap<>();
  private final Set<Row> used = new java.util.LinkedHashSet<>();
  /** The loop's index, or null for {@link #NONE}. */
  private final Var index;
  /** Variables the loop body assigns (not elements it stores): arrays named by these change. */
  private final Set<Var> reassigned = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Arrays the reversed body indexes by the loop index alone, in every iteration. */
  private final Set<Var> indexed = new java.util.LinkedHashSet<>();
  /** How many branches or inner while-loops enclose the code being written. */
  private int conditional;

  private RowHoisting(Var index) {
    this.index = index;
  }

  static final RowHoisting NONE = new RowHoisting(null);

  /** The rows worth hoisting out of {@code loop}, for the given adjoint names. */
  static RowHoisting of(Stmt.For loop, Adjoints adjoints, NameTable names) {
    RowHoisting h = new RowHoisting(loop.index());
    Set<Var> changing = Collections.newSetFromMap(new IdentityHashMap<>());
    changing.add(loop.index());
    for (Stmt s : Statements.all(loop.body())) {
      Var w = Statements.written(s);
      if (w != null) {
        changing.add(w);
      }
      if (s instanceof Stmt.Assign a) {
        h.reassigned.add(a.target());
      }
      if (s instanceof Stmt.For f) {
        changing.add(f.index());
      } else if (s instanceof Stmt.Loop l) {
        changing.add(l.counter());
      }
    }
    for (Stmt s : loop.body().statements()) {
      Expr value = s instanceof Stmt.Assign a ? a.value()
          : s instanceof Stmt.Store st ? st.value() : null;
      if (value == null || value instanceof Expr.Call) {
        continue;
      }
      List<Expr.ArrayRead> elements = new ArrayList<>();
      for (Expr operand : Operands.of(value)) {
        if (operand instanceof Expr.ArrayRead r) {
          elements.add(r);
        }
      }
      if (s instanceof Stmt.Store st) {
        elements.add(st.element());
      }
      for (Expr.ArrayRead r : elements) {
        if (r.indices().size() < 2 || reads(r.indices().get(0), changing)) {
          continue;
        }
        Type row = r.array().type().indexed(1);
        h.add(r.array(), r.indices().get(0), row, names);
        if (adjoints.has(r.array())) {
          h.add(adjoints.var(r.array()), r.indices().get(0), row, names);
        }
      }
    }
    return h;
  }

  private static boolean reads(Expr e, Set<Var> vars) {
    List<Var> reads = new ArrayList<>();
    Operands.readsOf(e, reads);
    return reads.stream().anyMatch(vars::contains);
  }

  /** A row {@code array[index]} ({@code xs.get(i)} for a list). */
  private void add(Var array, Expr index, Type row, NameTable names) {
    String key = array.name() + "[" + JavaExprs.write(index) + "]";
    rows.computeIfAbsent(key, k -> new Row(
        new Var(names.fresh(array.name() + "Row"), row, Var.Role.LOCAL),
        new Expr.ArrayRead(array, List.of(index), row)));
  }

  /** The rows the loop body's code actually read through, to declare before the loop. */
  Set<Row> used() {
    return used;
  }

  /**
   * Arrays the reversed body reads or writes as {@code a[j]}, {@code j} the loop index, in
   * every iteration: the forward sweep indexed them (or the primals whose shape their adjoints
   * share) with every index of the loop, so they are at least that long, and a test that says so
   * before the loop lets the JIT drop the bounds checks inside it.
   */
  Set<Var> indexed() {
    return indexed;
  }

  /** Marks code written from here to {@link #leaveConditional()} as not run in every iteration. */
  void enterConditional() {
    if (this != NONE) { // outside loops nothing is recorded, and NONE is shared
      conditional++;
    }
  }

  void leaveConditional() {
    if (this != NONE) {
      conditional--;
    }
  }

  /**
   * {@code array[i][j]...}, through a hoisted row when there is one.
   *
   * @param base the primal variable {@code array} is, or is the adjoint of
   */
  Expr.ArrayRead element(Var array, Var base, List<Expr> indices) {
    Type type = array.type().indexed(indices.size());
    if (indices.size() >= 2) {
      Row row = rows.get(array.name() + "[" + JavaExprs.write(indices.get(0)) + "]");
      if (row != null) {
        used.add(row);
        if (indices.size() == 2) {
          noteIndexed(row.local(), indices.get(1));
        }
        return new Expr.ArrayRead(row.local(), indices.subList(1, indices.size()), type);
      }
    } else if (indices.size() == 1 && !reassigned.contains(base)) {
      noteIndexed(array, indices.get(0));
    }
    return new Expr.ArrayRead(array, indices, type);
  }

  private void noteIndexed(Var array, Expr i) {
    if (conditional == 0 && index != null && i instanceof Expr.Ref r && r.var() == index) {
      indexed.add(array);
    }
  }
}

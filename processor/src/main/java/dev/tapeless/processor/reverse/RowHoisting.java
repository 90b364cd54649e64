package dev.tapeless.processor.reverse;

import com.palantir.javapoet.CodeBlock;
import dev.tapeless.processor.emit.JavaExprs;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
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
  record Row(String local, CodeBlock source) {}

  private final Map<String, Row> rows = new LinkedHashMap<>();
  private final Set<Row> used = new java.util.LinkedHashSet<>();

  private RowHoisting() {}

  static final RowHoisting NONE = new RowHoisting();

  /** The rows worth hoisting out of {@code loop}, for the given adjoint names. */
  static RowHoisting of(Stmt.For loop, Adjoints adjoints, NameTable names) {
    RowHoisting h = new RowHoisting();
    Set<Var> changing = Collections.newSetFromMap(new IdentityHashMap<>());
    changing.add(loop.index());
    for (Stmt s : Statements.all(loop.body())) {
      Var w = Statements.written(s);
      if (w != null) {
        changing.add(w);
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
        h.add(r.array().name(), r.indices().get(0), names);
        if (adjoints.has(r.array())) {
          h.add(adjoints.of(r.array()), r.indices().get(0), names);
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

  private void add(String array, Expr index, NameTable names) {
    String key = array + "[" + JavaExprs.write(index) + "]";
    rows.computeIfAbsent(key, k -> new Row(names.fresh(array + "Row"),
        CodeBlock.of("$N[$L]", array, JavaExprs.write(index))));
  }

  /** The rows the loop body's code actually read through, to declare before the loop. */
  Set<Row> used() {
    return used;
  }

  /** {@code array[i][j]...}, through a hoisted row when there is one. */
  CodeBlock element(String array, List<Expr> indices) {
    if (indices.size() >= 2) {
      Row row = rows.get(array + "[" + JavaExprs.write(indices.get(0)) + "]");
      if (row != null) {
        used.add(row);
        return JavaExprs.element(row.local(), indices.subList(1, indices.size()));
      }
    }
    return JavaExprs.element(array, indices);
  }
}

package dev.tapeless.processor.reverse;

import dev.tapeless.processor.emit.JavaExprs;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.BinaryOp;
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
 * <p>A pass over the backward sweep (see {@link BackwardSweep#shaped}): each reversed loop's
 * rows are named before its inner loops' (the names are numbered in that order), and a loop
 * whose reversal prints nothing is dropped here. The loop is guarded by its own trip test, so a
 * hoisted row is read only when the original code would read it.
 */
final class RowHoisting {
  /** A hoisted row: the local it is read into, and the expression it stands for. */
  record Row(Var local, Expr source) {}

  private final Map<String, Row> rows = new LinkedHashMap<>();
  private final Set<Row> used = new java.util.LinkedHashSet<>();

  private RowHoisting() {}

  /** The backward sweep with the rows of each reversed loop read once before it. */
  static List<Stmt> apply(List<Stmt> backward, Adjoints adjoints, NameTable names) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : backward) {
      out.addAll(statement(s, adjoints, names));
    }
    return out;
  }

  private static List<Stmt> statement(Stmt s, Adjoints adjoints, NameTable names) {
    if (s instanceof Stmt.Reversed r) {
      return loop(r, adjoints, names);
    } else if (s instanceof Stmt.Reversal r) {
      return List.of(new Stmt.Reversal(r.of(), block(r.code(), adjoints, names)));
    } else if (s instanceof Stmt.If i) {
      return List.of(new Stmt.If(i.condition(), block(i.thenBlock(), adjoints, names),
          block(i.elseBlock(), adjoints, names), i.origin()));
    } else if (s instanceof Stmt.For f) {
      return List.of(new Stmt.For(f.index(), f.first(), f.bound(), f.direction(),
          block(f.body(), adjoints, names), f.origin()));
    } else if (s instanceof Stmt.Strided l) {
      return List.of(l.withBody(block(l.body(), adjoints, names)));
    } else if (s instanceof Stmt.Block b) {
      return List.of(block(b, adjoints, names));
    }
    return List.of(s);
  }

  private static Stmt.Block block(Stmt.Block b, Adjoints adjoints, NameTable names) {
    return new Stmt.Block(apply(b.statements(), adjoints, names));
  }

  /**
   * One reversed loop: its rows, its body read through them, then its inner loops; inside the
   * test that it runs at all when any row is read.
   */
  private static List<Stmt> loop(Stmt.Reversed r, Adjoints adjoints, NameTable names) {
    RowHoisting rows = of(r.loop(), adjoints, names);
    Stmt.Block body = Touches.rewrite(r.body(), adjoints, (e, base, conditional) ->
        rows.element(e));
    body = block(body, adjoints, names);
    if (Silent.of(body.statements())) {
      return List.of();
    }
    Stmt.Reversed loop = new Stmt.Reversed(r.loop(), body, r.anyOrder());
    if (rows.used.isEmpty()) {
      return List.of(loop);
    }
    List<Stmt> guarded = new ArrayList<>();
    for (Row row : rows.used) {
      guarded.add(new Stmt.Declare(row.local(), row.source()));
    }
    guarded.add(loop);
    return List.of(runs(r.loop(), guarded));
  }

  /** {@code if (first < bound) { code }}: the test that {@code f} runs at all. */
  static Stmt.If runs(Stmt.For f, List<Stmt> code) {
    BinaryOp runs = switch (f.direction()) {
      case UP_EXCLUSIVE -> BinaryOp.LT;
      case UP_INCLUSIVE -> BinaryOp.LE;
      case DOWN_EXCLUSIVE -> BinaryOp.GT;
      case DOWN_INCLUSIVE -> BinaryOp.GE;
    };
    return new Stmt.If(new Expr.Binary(runs, f.first(), f.bound(), Type.BOOLEAN),
        new Stmt.Block(code), new Stmt.Block(List.of()), f.origin());
  }

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
    rows.computeIfAbsent(key(array, index), k -> new Row(
        new Var(names.fresh(array.name() + "Row"), row, Var.Role.LOCAL),
        new Expr.ArrayRead(array, List.of(index), row)));
  }

  /** What names the row {@code array[index]}. */
  static String key(Var array, Expr index) {
    return array.name() + "[" + JavaExprs.write(index) + "]";
  }

  /** {@code array[i][j]...}, through a hoisted row when there is one. */
  private Expr.ArrayRead element(Expr.ArrayRead e) {
    List<Expr> indices = e.indices();
    if (indices.size() >= 2) {
      Row row = rows.get(key(e.array(), indices.get(0)));
      if (row != null) {
        used.add(row);
        return new Expr.ArrayRead(row.local(), indices.subList(1, indices.size()), e.type());
      }
    }
    return e;
  }
}

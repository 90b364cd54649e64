package dev.tapeless.processor.reverse;

import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Length tests, a pass over the backward sweep after row hoisting: before a reversed counted
 * loop, inside the test that it runs at all, a {@link Stmt.Check} that throws when an array the
 * body indexes by the loop index alone, in every iteration, is too short for the loop's
 * indices. The forward sweep ran the same indices over the same arrays (or the primals whose
 * shape their adjoints share), so the test never holds; it is there because the JIT removes the
 * bounds checks inside a loop when a test before it has established them, and not always
 * otherwise (a C2 loop with the sweep's shape kept two bounds checks per element without it, at
 * twice the cost). Loops that may be left early are not tested.
 */
final class LengthTests {
  private LengthTests() {}

  static List<Stmt> apply(List<Stmt> backward, Adjoints adjoints) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : backward) {
      out.add(statement(s, adjoints));
    }
    return out;
  }

  private static Stmt statement(Stmt s, Adjoints adjoints) {
    if (s instanceof Stmt.If i && guardedLoop(i) != null) {
      List<Stmt> guarded = i.thenBlock().statements();
      Stmt.Reversed loop = guardedLoop(i);
      Map<String, Var> rows = new HashMap<>();
      List<Stmt> code = new ArrayList<>();
      for (Stmt d : guarded.subList(0, guarded.size() - 1)) {
        Stmt.Declare row = (Stmt.Declare) d;
        Expr.ArrayRead source = (Expr.ArrayRead) row.value();
        rows.put(RowHoisting.key(source.array(), source.indices().get(0)), row.var());
        code.add(d);
      }
      Stmt.Check check = test(loop, rows, adjoints);
      if (check != null) {
        code.add(check);
      }
      code.add(inner(loop, adjoints));
      return new Stmt.If(i.condition(), new Stmt.Block(code), i.elseBlock(), i.origin());
    } else if (s instanceof Stmt.Reversed r) {
      Stmt.Check check = test(r, Map.of(), adjoints);
      Stmt loop = inner(r, adjoints);
      return check == null ? loop : RowHoisting.runs(r.loop(), List.of(check, loop));
    } else if (s instanceof Stmt.Reversal r) {
      return new Stmt.Reversal(r.of(), block(r.code(), adjoints));
    } else if (s instanceof Stmt.If i) {
      return new Stmt.If(i.condition(), block(i.thenBlock(), adjoints),
          block(i.elseBlock(), adjoints), i.origin());
    } else if (s instanceof Stmt.For f) {
      return new Stmt.For(f.index(), f.first(), f.bound(), f.direction(),
          block(f.body(), adjoints), f.origin());
    } else if (s instanceof Stmt.Strided l) {
      return l.withBody(block(l.body(), adjoints));
    } else if (s instanceof Stmt.Block b) {
      return block(b, adjoints);
    }
    return s;
  }

  private static Stmt.Block block(Stmt.Block b, Adjoints adjoints) {
    return new Stmt.Block(apply(b.statements(), adjoints));
  }

  private static Stmt.Reversed inner(Stmt.Reversed r, Adjoints adjoints) {
    return new Stmt.Reversed(r.loop(), block(r.body(), adjoints), r.anyOrder());
  }

  /** The loop of {@code if (runs) { rows...; loop }}, as row hoisting guards one, or null. */
  private static Stmt.Reversed guardedLoop(Stmt.If i) {
    List<Stmt> then = i.thenBlock().statements();
    if (!i.elseBlock().statements().isEmpty() || then.isEmpty()
        || !(then.get(then.size() - 1) instanceof Stmt.Reversed loop)) {
      return null;
    }
    boolean rows = then.subList(0, then.size() - 1).stream()
        .allMatch(s -> s instanceof Stmt.Declare);
    return rows ? loop : null;
  }

  /**
   * The test of one loop, or null when there is none.
   *
   * @param rows the rows hoisted out of it, by {@link RowHoisting#key}
   */
  static Stmt.Check test(Stmt.Reversed r, Map<String, Var> rows, Adjoints adjoints) {
    Stmt.For f = r.loop();
    Set<Var> indexed = indexed(r, rows, adjoints);
    if (indexed.isEmpty()
        || Statements.all(f.body()).stream().anyMatch(s -> s instanceof Stmt.Exit)) {
      return null;
    }
    // The largest index and the smallest, for each direction.
    BinaryOp tooShort = f.direction() == Stmt.Direction.UP_EXCLUSIVE ? BinaryOp.LT : BinaryOp.LE;
    Expr largest = f.direction().up() ? f.bound() : f.first();
    Expr smallest = f.direction().up() ? f.first() : f.bound();
    List<Expr> failures = new ArrayList<>();
    if (!(smallest instanceof Expr.Const c && c.literal().matches("\\d+"))) {
      String least = f.direction() == Stmt.Direction.DOWN_EXCLUSIVE ? "-1" : "0";
      failures.add(new Expr.Binary(BinaryOp.LT, smallest, new Expr.Const(least, Type.INT),
          Type.BOOLEAN));
    }
    boolean any = false;
    for (Var array : indexed) {
      if (f.direction() == Stmt.Direction.UP_EXCLUSIVE && f.bound() instanceof Expr.Length l
          && l.array() instanceof Expr.Ref ref && ref.var().name().equals(array.name())) {
        continue; // the loop runs over this array's length
      }
      failures.add(new Expr.Binary(tooShort, new Expr.Length(new Expr.Ref(array)), largest,
          Type.BOOLEAN));
      any = true;
    }
    return any ? new Stmt.Check(failures,
        "index out of bounds in the backward sweep of " + SourceComments.of(f.origin())) : null;
  }

  /**
   * Arrays the reversed body reads or writes as {@code a[j]}, {@code j} the loop index, in
   * every iteration (not under a branch or in an inner while-loop), in the order it names them:
   * a hoisted row, or an array the loop does not assign.
   */
  private static Set<Var> indexed(Stmt.Reversed r, Map<String, Var> rows, Adjoints adjoints) {
    Var index = r.loop().index();
    Set<Var> reassigned = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Stmt s : Statements.all(r.loop().body())) {
      if (s instanceof Stmt.Assign a) {
        reassigned.add(a.target());
      }
    }
    Set<Var> rowLocals = Collections.newSetFromMap(new IdentityHashMap<>());
    rowLocals.addAll(rows.values());
    Set<Var> indexed = new LinkedHashSet<>();
    Touches.rewrite(r.body(), adjoints, (e, base, conditional) -> {
      Var array = e.array();
      List<Expr> indices = e.indices();
      // the element a store's reversal reads first is named from the user's store, unhoisted
      Var row = indices.size() >= 2 ? rows.get(RowHoisting.key(array, indices.get(0))) : null;
      if (row != null) {
        array = row;
        indices = indices.subList(1, indices.size());
      }
      boolean indexable = rowLocals.contains(array) || !reassigned.contains(base);
      if (indexable && indices.size() == 1 && !conditional
          && indices.get(0) instanceof Expr.Ref i && i.var() == index) {
        indexed.add(array);
      }
      return e;
    });
    return indexed;
  }
}

package dev.tapeless.processor.scalarization;

import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.inlining.Renaming;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Statements;
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
 * Counted loops of a few constant trips that index given arrays by their index, unrolled:
 * one copy of the body per trip, the index a constant in each, the body's own scalar
 * temporaries fresh in each copy (so a copy's values are not overwritten by the next one's,
 * which would make reverse mode save them).
 */
final class ConstantLoops {
  /** Trips at most; beyond this the copies cost more code than the loop saves. */
  static final int MAX_TRIPS = 8;

  private final Stmt.Block method;
  /** The arrays whose loops to unroll. */
  private final Set<Var> arrays;
  /** Arrays of constant length, which bounds may read. */
  private final Map<Var, Integer> lengths;
  private final NameTable names;

  private ConstantLoops(Stmt.Block method, Set<Var> arrays, Map<Var, Integer> lengths,
      NameTable names) {
    this.method = method;
    this.arrays = arrays;
    this.lengths = lengths;
    this.names = names;
  }

  /** {@code body} with every such loop over one of {@code arrays} unrolled. */
  static Stmt.Block unroll(Stmt.Block body, Set<Var> arrays, Map<Var, Integer> lengths,
      NameTable names) {
    return new ConstantLoops(body, arrays, lengths, names).block(body);
  }

  private Stmt.Block block(Stmt.Block b) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : b.statements()) {
      if (s instanceof Stmt.For f && unrollable(f)) {
        for (int value : trips(f, lengths)) {
          out.addAll(copy(f, value).statements());
        }
      } else {
        out.add(statement(s));
      }
    }
    return new Stmt.Block(out);
  }

  private Stmt statement(Stmt s) {
    if (s instanceof Stmt.If i) {
      return new Stmt.If(i.condition(), block(i.thenBlock()), block(i.elseBlock()), i.origin());
    } else if (s instanceof Stmt.For f) {
      return new Stmt.For(f.index(), f.first(), f.bound(), f.direction(), block(f.body()),
          f.origin(), f.checkpoint());
    } else if (s instanceof Stmt.Loop l) {
      return new Stmt.Loop(l.counter(), block(l.body()), l.origin());
    } else if (s instanceof Stmt.Block b) {
      return block(b);
    }
    return s;
  }

  /** Constant bounds, few trips, no loop or exit inside, and an array of ours indexed by it. */
  private boolean unrollable(Stmt.For f) {
    if (f.checkpointed() || trips(f, lengths) == null || containsLoop(f.body())) {
      return false;
    }
    return indexesArray(f.body(), f.index());
  }

  /** The index's values in order, or null unless the bounds are constants and few. */
  static List<Integer> trips(Stmt.For f, Map<Var, Integer> lengths) {
    Integer first = IntConstants.value(f.first(), lengths);
    Integer bound = IntConstants.value(f.bound(), lengths);
    if (first == null || bound == null) {
      return null;
    }
    int last = switch (f.direction()) {
      case UP_EXCLUSIVE -> bound - 1;
      case DOWN_EXCLUSIVE -> bound + 1;
      case UP_INCLUSIVE, DOWN_INCLUSIVE -> bound;
    };
    int step = f.direction().up() ? 1 : -1;
    int count = (last - first) * step + 1;
    if (count < 1 || count > MAX_TRIPS) {
      return null;
    }
    List<Integer> values = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      values.add(first + k * step);
    }
    return values;
  }

  private static boolean containsLoop(Stmt.Block body) {
    return Statements.all(body).stream().anyMatch(
        s -> s instanceof Stmt.For || s instanceof Stmt.Loop || s instanceof Stmt.Exit);
  }

  private boolean indexesArray(Stmt.Block body, Var index) {
    for (Stmt s : Statements.all(body)) {
      if (s instanceof Stmt.Store st && arrays.contains(st.array())
          && readsVar(st.indices(), index)) {
        return true;
      }
      for (Expr e : Statements.expressions(s)) {
        if (Occurrences.arrayReads(e).stream().anyMatch(
            r -> arrays.contains(r.array()) && readsVar(r.indices(), index))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean readsVar(List<Expr> indices, Var v) {
    List<Var> reads = new ArrayList<>();
    Operands.indexReadsOf(indices, reads);
    return reads.contains(v);
  }

  /** The body for one value of the index. */
  private Stmt.Block copy(Stmt.For f, int value) {
    Renaming renaming = Renaming.keeping(names);
    renaming.bindValue(f.index(), new Expr.Const(Integer.toString(value), Type.INT));
    for (Var v : ownScalars(f)) {
      renaming.fresh(v);
    }
    return renaming.block(f.body());
  }

  /**
   * Scalars the body assigns that appear nowhere else in the method: declared in the body,
   * so each trip assigns them before reading them.
   */
  private List<Var> ownScalars(Stmt.For f) {
    Set<Var> outside = Collections.newSetFromMap(new IdentityHashMap<>());
    Occurrences.vars(method, f, outside);
    List<Var> own = new ArrayList<>();
    for (Stmt s : Statements.all(f.body())) {
      if (s instanceof Stmt.Assign a && a.target().type().dims() == 0
          && !a.target().type().isObject() && !outside.contains(a.target())
          && !own.contains(a.target())) {
        own.add(a.target());
      }
    }
    return own;
  }
}

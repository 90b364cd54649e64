package dev.tapeless.processor.analysis;

import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Subexpressions;
import dev.tapeless.processor.ir.UnaryOp;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Arrays the backward sweep fills again instead of saving and restoring them: a loop at the top
 * of another loop's body, {@code for (j = 0; j < d; j++) xc[j] = x[i][j] - mu[c][j]}, whose
 * values depend only on loop indices and on data nothing changes. The forward sweep saved each
 * old element before the fill and the backward sweep popped it after reversing it, so that the
 * previous iteration's reversal saw its own values (on the GMM objective a third of its save
 * traffic, 250,000 elements a call); running the fill again at the start of each reversed
 * iteration gives the same values, bit for bit, for a subtraction per element.
 *
 * <p>Taken only where that is sure: the array is a local no other variable names, allocated
 * once at the method's top level and written by nothing but the fill; every read of its
 * elements comes after the fill in the same body; the fill's range and value read only
 * constants, loop indices, variables assigned once at the top level and parameter arrays
 * nothing writes; the enclosing loop's body never breaks (an iteration that stopped early
 * would not have filled); and no loop of the method is checkpointed (its segments replay their
 * bodies from what they saved).
 */
final class RecomputedFills {
  static final RecomputedFills NONE = new RecomputedFills();
  /** The most arithmetic a fill's value may do to be run again rather than saved. */
  private static final int CHEAP = 4;

  /** The fills to run again at the start of each reversed iteration of a loop. */
  private final Map<Stmt, List<Stmt.For>> atStart = new IdentityHashMap<>();
  /** The fills' stores, which save nothing. */
  private final Set<Stmt> stores = Activity.identitySet();

  private RecomputedFills() {}

  static RecomputedFills of(IrMethod method, Activity activity) {
    List<Stmt> all = Statements.all(method.body());
    if (all.stream().anyMatch(s -> s instanceof Stmt.For f && f.checkpointed())) {
      return NONE;
    }
    Facts facts = new Facts(method, all);
    RecomputedFills r = new RecomputedFills();
    r.walk(method.body(), new ArrayDeque<>(), facts, activity);
    return r;
  }

  /** The fills to run again, before anything else, in each reversed iteration of {@code loop}. */
  List<Stmt.For> atStartOf(Stmt loop) {
    return atStart.getOrDefault(loop, List.of());
  }

  /** Whether {@code s} is a fill's store, whose old values are not saved. */
  boolean refills(Stmt s) {
    return stores.contains(s);
  }

  private void walk(Stmt s, Deque<Stmt.For> enclosing, Facts facts, Activity activity) {
    if (s instanceof Stmt.For f) {
      enclosing.push(f);
      List<Stmt> body = f.body().statements();
      boolean breaks = Statements.all(f.body()).stream().anyMatch(x -> x instanceof Stmt.Exit);
      for (int p = 0; p < body.size() && !breaks; p++) {
        if (body.get(p) instanceof Stmt.For fill && refillable(fill, body, p, enclosing, facts,
            activity)) {
          atStart.computeIfAbsent(f, k -> new ArrayList<>()).add(fill);
          stores.add(fill.body().statements().get(0));
        }
      }
      walk(f.body(), enclosing, facts, activity);
      enclosing.pop();
    } else if (s instanceof Stmt.If i) {
      walk(i.thenBlock(), enclosing, facts, activity);
      walk(i.elseBlock(), enclosing, facts, activity);
    } else if (s instanceof Stmt.Loop l) {
      walk(l.body(), enclosing, facts, activity);
    } else if (s instanceof Stmt.Block b) {
      for (Stmt child : b.statements()) {
        walk(child, enclosing, facts, activity);
      }
    }
  }

  /** Whether the fill at {@code body[p]} may run again instead of being saved. */
  private static boolean refillable(Stmt.For fill, List<Stmt> body, int p,
      Deque<Stmt.For> enclosing, Facts facts, Activity activity) {
    if (fill.checkpointed() || fill.body().statements().size() != 1
        || !(fill.body().statements().get(0) instanceof Stmt.Store st)
        || st.kind() != Stmt.StoreKind.SET || st.indices().size() != 1
        || !(st.indices().get(0) instanceof Expr.Ref j) || j.var() != fill.index()) {
      return false;
    }
    Var array = st.array();
    if (!facts.unaliased.contains(array) || array.type().dims() != 1
        || !array.type().carriesDerivative() || facts.writers(array) != 2
        || !facts.allocatedOnceAtTop(array)) {
      return false;
    }
    Set<Var> indices = Activity.identitySet();
    indices.add(fill.index());
    for (Stmt.For f : enclosing) {
      if (facts.assignedAnywhere(f.index())) {
        return false; // an index the body moves: its value is not the loop's own
      }
      indices.add(f.index());
    }
    if (!facts.stable(fill.first(), Set.of()) || !facts.stable(fill.bound(), Set.of())
        || cheapNodes(st.value(), indices, facts) > CHEAP) {
      return false;
    }
    int readsAfter = 0;
    boolean neededBackward = false;
    for (int q = p + 1; q < body.size(); q++) {
      for (Stmt s : Statements.all(body.get(q))) {
        for (Expr e : Statements.expressions(s)) {
          readsAfter += facts.elementReads(e, array);
        }
        neededBackward |= (s instanceof Stmt.Assign || s instanceof Stmt.Store
            || s instanceof Stmt.Effect) && BackwardReads.of(s, activity).contains(array);
      }
    }
    return neededBackward && readsAfter == facts.elementReads(array);
  }

  /** The node count of {@code e}, or a large number if it reads what may change. */
  private static int cheapNodes(Expr e, Set<Var> indices, Facts facts) {
    final int no = 1000;
    if (e instanceof Expr.Const) {
      return 0;
    } else if (e instanceof Expr.Ref r) {
      return indices.contains(r.var()) || facts.stable(e, indices) ? 0 : no;
    } else if (e instanceof Expr.ArrayRead a) {
      if (!facts.readOnlyParameter(a.array())) {
        return no;
      }
      int n = 0;
      for (Expr i : a.indices()) {
        n += cheapNodes(i, indices, facts);
      }
      return n;
    } else if (e instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB
        || b.op() == BinaryOp.MUL)) {
      return 1 + cheapNodes(b.left(), indices, facts) + cheapNodes(b.right(), indices, facts);
    } else if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
      return 1 + cheapNodes(u.operand(), indices, facts);
    } else if (e instanceof Expr.Cast c) {
      return cheapNodes(c.operand(), indices, facts);
    }
    return no;
  }

  /** What the method does with its variables, gathered once. */
  private static final class Facts {
    final Set<Var> unaliased;
    /** Statements that write each variable (assignments, stores, calls, loop headers). */
    final Map<Var, Integer> writes = new IdentityHashMap<>();
    /** Variables written by a statement at the method's top level, outside every loop. */
    final Map<Var, Integer> topLevelWrites = new IdentityHashMap<>();
    /** Element reads of each array in the whole method. */
    final Map<Var, Integer> reads = new IdentityHashMap<>();
    /** Variables named bare somewhere other than in a length: passed on, maybe written. */
    final Set<Var> bare = Activity.identitySet();
    final Set<Var> parameters = Activity.identitySet();
    /** Indices and counters of loops, which only their headers write. */
    final Set<Var> headers = Activity.identitySet();

    Facts(IrMethod method, List<Stmt> all) {
      unaliased = UnaliasedLocals.of(method);
      parameters.addAll(method.parameters());
      for (Stmt s : all) {
        if (s instanceof Stmt.For f) {
          headers.add(f.index());
        } else if (s instanceof Stmt.Loop l) {
          headers.add(l.counter());
        }
        for (Var w : Dependencies.of(s).written()) {
          writes.merge(w, 1, Integer::sum);
        }
        for (Expr e : Statements.expressions(s)) {
          scan(e, false);
        }
      }
      for (Stmt s : method.body().statements()) {
        for (Var w : Dependencies.of(s).written()) {
          topLevelWrites.merge(w, 1, Integer::sum);
        }
      }
    }

    private void scan(Expr e, boolean inLength) {
      if (e instanceof Expr.Ref r) {
        if (!inLength) {
          bare.add(r.var());
        }
        return;
      }
      if (e instanceof Expr.ArrayRead a) {
        reads.merge(a.array(), 1, Integer::sum);
      }
      for (Expr child : Subexpressions.of(e)) {
        scan(child, e instanceof Expr.Length);
      }
    }

    int writers(Var v) {
      return writes.getOrDefault(v, 0);
    }

    boolean assignedAnywhere(Var v) {
      return writers(v) > 0;
    }

    boolean allocatedOnceAtTop(Var array) {
      return topLevelWrites.getOrDefault(array, 0) == 1 && !bare.contains(array);
    }

    /** A parameter array nothing in the method writes or passes on. */
    boolean readOnlyParameter(Var v) {
      return parameters.contains(v) && writers(v) == 0 && !bare.contains(v);
    }

    int elementReads(Var array) {
      return reads.getOrDefault(array, 0);
    }

    /** Element reads of {@code array} inside {@code e}. */
    int elementReads(Expr e, Var array) {
      int n = e instanceof Expr.ArrayRead a && a.array() == array ? 1 : 0;
      for (Expr child : Subexpressions.of(e)) {
        n += elementReads(child, array);
      }
      return n;
    }

    /**
     * Whether {@code e} has one value through the whole call once the method's top level has
     * computed it: constants, {@code indices}, parameters never written, locals written once at
     * the top level, lengths of such arrays, and arithmetic over them.
     */
    boolean stable(Expr e, Set<Var> indices) {
      if (e instanceof Expr.Const) {
        return true;
      } else if (e instanceof Expr.Ref r) {
        Var v = r.var();
        return indices.contains(v)
            || !v.type().isArray() && !headers.contains(v) && (parameters.contains(v)
                ? writers(v) == 0
                : writers(v) == 1 && topLevelWrites.getOrDefault(v, 0) == 1);
      } else if (e instanceof Expr.Length l && l.array() instanceof Expr.Ref r) {
        return readOnlyParameter(r.var()) || allocatedOnceAtTop(r.var());
      } else if (e instanceof Expr.Binary b) {
        return stable(b.left(), indices) && stable(b.right(), indices);
      } else if (e instanceof Expr.Unary u) {
        return stable(u.operand(), indices);
      } else if (e instanceof Expr.Cast c) {
        return stable(c.operand(), indices);
      }
      return false;
    }
  }
}

package dev.tapeless.processor.analysis;

import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * To-be-recorded analysis: which writes overwrite a value that the backward sweep still needs,
 * and so must save the old value first (the backward sweep restores it after reversing the
 * write). Values no one needs are not saved.
 *
 * <p>Walks the IR in program order carrying the set of variables whose current value some
 * earlier statement's reversal will read (arrays as a whole). Branches are walked separately and
 * joined; loop bodies are walked until the set carried around the back edge stops growing.
 */
public final class Recording {
  private final Activity activity;
  private final Map<Stmt, List<Var>> saved = new IdentityHashMap<>();
  private final Set<Stmt> inverted = Activity.identitySet();
  /** Assignments that give their variable the one value it ever holds: nothing to save. */
  private final Set<Stmt> invariant;
  private final FullOverwrites overwrites;
  private final Recomputation recomputed;
  private final RecomputedFills fills;

  private Recording(Activity activity, Set<Stmt> invariant, FullOverwrites overwrites,
      Recomputation recomputed, RecomputedFills fills) {
    this.activity = activity;
    this.invariant = invariant;
    this.overwrites = overwrites;
    this.recomputed = recomputed;
    this.fills = fills;
  }

  /** What to save, where every value the backward sweep needs is saved. */
  public static Recording of(IrMethod method, Activity activity) {
    return of(method, activity, Recomputation.NONE, RecomputedFills.NONE);
  }

  /**
   * What to save for reverse mode's backward sweep, which computes some temporaries again
   * instead ({@link #recomputedBefore}) and fills some arrays again ({@link #refilledAtStart}).
   */
  public static Recording recomputing(IrMethod method, Activity activity) {
    return of(method, activity, Recomputation.of(method, activity),
        RecomputedFills.of(method, activity));
  }

  private static Recording of(IrMethod method, Activity activity, Recomputation recomputed,
      RecomputedFills fills) {
    Recording r = new Recording(activity, LoopInvariantDefinitions.of(method.body()),
        new FullOverwrites(method), recomputed, fills);
    if (!activity.noneActive()) {
      // Without adjoints no backward sweep runs to restore anything: saving would leave values
      // behind on every call (in split mode, under the state the next splitBackward pops).
      r.walk(method.body(), Activity.identitySet());
    }
    return r;
  }

  /**
   * The variables {@code s} writes whose old values must be saved first: a scalar target, the
   * element a store overwrites, or the whole arrays a call writes. Empty when nothing is saved.
   */
  public List<Var> savedBy(Stmt s) {
    return saved.getOrDefault(s, List.of());
  }

  private void save(Stmt s, Var v) {
    List<Var> list = saved.computeIfAbsent(s, k -> new ArrayList<>());
    if (!list.contains(v)) {
      list.add(v);
    }
  }

  private Set<Var> walk(Stmt s, Set<Var> needed) {
    if (s instanceof Stmt.Assign a && invertible(a)) {
      if (needed.contains(a.target())) {
        inverted.add(a); // restored exactly by the inverse update, nothing saved
      }
      needed.addAll(recomputed.substitute(BackwardReads.of(s, activity)));
      return needed;
    }
    if (s instanceof Stmt.Assign || s instanceof Stmt.Store || s instanceof Stmt.Effect) {
      for (Var w : Dependencies.of(s).written()) {
        // an array made again ({@code new}, {@code clone()}) is saved whole, like a scalar
        boolean wholeVariable = !w.type().isArray()
            || s instanceof Stmt.Assign a && a.target() == w;
        if (needed.contains(w)) {
          if (!invariant.contains(s) && !fills.refills(s)) {
            save(s, w);
          }
          if (wholeVariable) {
            needed.remove(w);
          }
        }
      }
      needed.addAll(recomputed.substitute(BackwardReads.of(s, activity)));
      needed.addAll(restoreReads(s));
      return needed;
    } else if (s instanceof Stmt.If i) {
      if (i.condition() instanceof Expr.Ref r) {
        needed.add(r.var());
      }
      Set<Var> elseNeeded = copy(needed);
      Set<Var> joined = walk(i.thenBlock(), needed);
      joined.addAll(walk(i.elseBlock(), elseNeeded));
      return joined;
    } else if (s instanceof Stmt.For f) {
      Set<Var> after = loop(f.body(), needed);
      List<Var> bounds = new ArrayList<>();
      Operands.readsOf(f.first(), bounds);
      Operands.readsOf(f.bound(), bounds);
      after.addAll(bounds);
      if (f.checkpointed()) {
        // the backward sweep runs the loop's segments again: they read what they read now
        after.addAll(CheckpointState.readOnly(f));
      } else {
        // every element's old value is saved: the new ones are needed only once read again
        overwrites.of(f).forEach(after::remove);
      }
      return after;
    } else if (s instanceof Stmt.Loop l) {
      Set<Var> after = loop(l.body(), needed);
      after.add(l.counter());
      return after;
    } else if (s instanceof Stmt.Exit) {
      return needed;
    }
    Set<Var> current = needed;
    for (Stmt child : ((Stmt.Block) s).statements()) {
      current = walk(child, current);
    }
    return current;
  }

  /**
   * What a call overwrites of saved array {@code v}: the rows or arrays it passes as
   * {@code @Out} arguments ({@code h[t + 1]} rather than all of {@code h}), in argument order;
   * {@code v} itself for a store or a call that writes it otherwise.
   */
  public List<Expr> regions(Stmt s, Var v) {
    List<Expr> regions = new ArrayList<>();
    if (!(s instanceof Stmt.Store) && Statements.value(s) instanceof Expr.Call call) {
      List<Boolean> outs = outs(call);
      for (int i = 0; i < call.args().size() && i < outs.size(); i++) {
        if (outs.get(i) && Dependencies.baseVar(call.args().get(i)) == v) {
          regions.add(call.args().get(i));
        }
      }
    }
    if (regions.isEmpty()) {
      regions.add(new Expr.Ref(v));
    }
    return regions;
  }

  private static List<Boolean> outs(Expr.Call call) {
    List<Callee.Param> params = Callee.paramsOf(call.callee());
    if (params != null) {
      return params.stream().map(Callee.Param::out).toList();
    }
    return call.callee() instanceof Callee.Opaque o ? o.outs() : List.of();
  }

  /**
   * What restoring {@code s}'s saved arrays reads: the indices of the rows a call overwrote
   * ({@code t[i - 1]} is restored after reversing the call, with {@code i} as it was then). A
   * store's index is among its backward reads already.
   */
  private List<Var> restoreReads(Stmt s) {
    List<Var> reads = new ArrayList<>();
    if (s instanceof Stmt.Store) {
      return reads;
    }
    for (Var v : savedBy(s)) {
      for (Expr region : regions(s, v)) {
        if (region instanceof Expr.ArrayRead row) {
          Operands.indexValueReadsOf(row.indices(), reads);
        }
      }
    }
    return reads;
  }

  /**
   * {@code i = i + c} or {@code i = i - c} on an int or long with a constant {@code c}: integer
   * arithmetic wraps consistently, so the backward sweep undoes it exactly instead of saving.
   */
  public static boolean invertible(Stmt.Assign a) {
    Var v = a.target();
    return (v.type().equals(Type.INT)
            || v.type().kind() == Type.Kind.LONG && !v.type().isArray())
        && a.value() instanceof Expr.Binary b
        && (b.op() == BinaryOp.ADD
            || b.op() == BinaryOp.SUB)
        && b.left() instanceof Expr.Ref r && r.var() == v
        && b.right() instanceof Expr.Const;
  }

  /**
   * The temporaries the backward sweep assigns again, from their own operands, just before it
   * reverses {@code s}: they are never saved.
   */
  public List<Stmt.Assign> recomputedBefore(Stmt s) {
    return recomputed.before(s);
  }

  /**
   * The fills the backward sweep runs again at the start of each reversed iteration of
   * {@code loop}, whose stores saved nothing ({@link RecomputedFills}).
   */
  public List<Stmt.For> refilledAtStart(Stmt loop) {
    return fills.atStartOf(loop);
  }

  /** Whether the backward sweep undoes {@code s} by its inverse update. */
  public boolean isInverted(Stmt s) {
    return inverted.contains(s);
  }

  /** Walks a loop body until what one iteration leaves needed for the next stops growing. */
  private Set<Var> loop(Stmt.Block body, Set<Var> before) {
    Set<Var> entry = copy(before);
    while (true) {
      Set<Var> exit = walk(body, copy(entry));
      if (entry.containsAll(exit)) {
        Set<Var> after = copy(before);
        after.addAll(exit);
        return after;
      }
      entry.addAll(exit);
    }
  }

  private static Set<Var> copy(Set<Var> s) {
    Set<Var> c = Activity.identitySet();
    c.addAll(s);
    return c;
  }
}

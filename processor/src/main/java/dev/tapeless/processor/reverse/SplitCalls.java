package dev.tapeless.processor.reverse;

import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.BackwardReads;
import dev.tapeless.processor.frontend.DifferentiableSignature;
import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The calls of a method that run their callee in split mode (its forward sweep during this
 * forward sweep, its backward sweep during this backward sweep), and of those, the calls whose
 * arguments need no checks at run time.
 *
 * <p>A callee's split sweeps check that no {@code @Out} argument shares storage with another
 * argument and that the adjoints it is handed have the arguments' shapes. Called once per step
 * of a caller's loop with rows of weight matrices, the aliasing checks compare an output with
 * every row of each matrix on every step (about a tenth of an LSTM's gradient). Here they are
 * proved at compile time where the arguments make that easy:
 *
 * <ul>
 *   <li>Shapes always hold by construction: the caller passes an argument {@code a[i]} and the
 *       adjoint {@code aBar[i]}, and every adjoint array of the caller has its primal's shape
 *       (parameters' and outputs' adjoints checked on entry, or proved by the caller's own
 *       caller; locals' adjoints made like their primal).
 *   <li>An output argument is disjoint from another array argument when it is (a part of) an
 *       array local of the caller, which the caller's frame allocated and no other variable
 *       can reach, and the other is a parameter or another such local; or the same local at an
 *       index that provably differs ({@code h[t + 1]} and {@code h[t]}: the frame's arrays
 *       never share rows); or when the output is (a part of) the caller's own {@code @Out}
 *       parameter and the other is another parameter, which the caller's own checks compared.
 * </ul>
 *
 * Anything else (a row variable, a list's row, an index not of the form {@code v + c}) keeps
 * the checks.
 */
final class SplitCalls {
  /** No call runs split: for sweeps that call callees' {@code primal} only. */
  static final SplitCalls NONE = new SplitCalls(Set.of(), Set.of());

  private final Set<Stmt> split;
  private final Set<Stmt> unchecked;

  private SplitCalls(Set<Stmt> split, Set<Stmt> unchecked) {
    this.split = split;
    this.unchecked = unchecked;
  }

  static SplitCalls of(IrMethod method, DifferentiableSignature sig, Activity activity) {
    Set<Stmt> split = identitySet();
    for (Stmt s : Statements.all(method.body())) {
      Expr.Call call = BackwardReads.derivativeCall(s);
      if (call != null && call.callee() instanceof Callee.Differentiable
          && BackwardReads.runsPullback(s, activity)) {
        split.add(s);
      }
    }
    Storage storage = new Storage(method, sig);
    Set<Stmt> unchecked = identitySet();
    for (Stmt s : split) {
      Expr.Call call = BackwardReads.derivativeCall(s);
      if (storage.outputsDisjoint(call, ((Callee.Differentiable) call.callee()).params())) {
        unchecked.add(s);
      }
    }
    return new SplitCalls(split, unchecked);
  }

  boolean contains(Stmt s) {
    return split.contains(s);
  }

  /** Whether the split call {@code s} may skip its callee's argument checks. */
  boolean unchecked(Stmt s) {
    return unchecked.contains(s);
  }

  private static Set<Stmt> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  /** Which of the caller's array variables own storage no other variable reaches. */
  private static final class Storage {
    private final Set<Var> ownedLocals = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Var> arrayParameters = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Var> outputParameters = Collections.newSetFromMap(new IdentityHashMap<>());

    Storage(IrMethod method, DifferentiableSignature sig) {
      for (int i = 0; i < method.parameters().size(); i++) {
        Var p = method.parameters().get(i);
        if (p.type().isArray() && !p.type().isList()) {
          arrayParameters.add(p);
          if (sig.params().get(i).out()) {
            outputParameters.add(p);
          }
        }
      }
      Set<Var> otherwise = Collections.newSetFromMap(new IdentityHashMap<>());
      for (Stmt.Assign a : Statements.assignments(method.body())) {
        Var v = a.target();
        if (v.role() != Var.Role.LOCAL || !v.type().isArray() || v.type().isList()) {
          continue;
        }
        (a.value() instanceof Expr.NewArray ? ownedLocals : otherwise).add(v);
      }
      ownedLocals.removeAll(otherwise);
    }

    /** Whether every output argument of the call is disjoint from every other array one. */
    boolean outputsDisjoint(Expr.Call call, List<Callee.Param> params) {
      for (int i = 0; i < params.size(); i++) {
        if (!params.get(i).out()) {
          continue;
        }
        for (int j = 0; j < params.size(); j++) {
          Expr other = call.args().get(j);
          if (j != i && other.type().isArray() && !disjoint(call.args().get(i), other)) {
            return false;
          }
        }
      }
      return true;
    }

    private boolean disjoint(Expr output, Expr other) {
      Var out = root(output);
      Var in = root(other);
      if (out == null || in == null) {
        return false;
      }
      if (out == in) {
        return ownedLocals.contains(out) && someIndexDiffers(indices(output), indices(other));
      }
      boolean independent = ownedLocals.contains(in) || arrayParameters.contains(in);
      return independent && (ownedLocals.contains(out) || outputParameters.contains(out));
    }

    private static Var root(Expr e) {
      if (e instanceof Expr.Ref r) {
        return r.var();
      }
      return e instanceof Expr.ArrayRead a ? a.array() : null;
    }

    private static List<Expr> indices(Expr e) {
      return e instanceof Expr.ArrayRead a ? a.indices() : List.of();
    }

    /**
     * Whether at some depth both are indexed and the indices differ: the frame's arrays hold
     * distinct rows at every level, so the two are then different parts of the array.
     */
    private static boolean someIndexDiffers(List<Expr> a, List<Expr> b) {
      for (int k = 0; k < Math.min(a.size(), b.size()); k++) {
        Offset x = Offset.of(a.get(k));
        Offset y = Offset.of(b.get(k));
        if (x != null && y != null && x.base() == y.base() && x.constant() != y.constant()) {
          return true;
        }
      }
      return false;
    }
  }

  /** An index as {@code base + constant} (base null for a constant index). */
  private record Offset(Var base, long constant) {
    static Offset of(Expr e) {
      if (e instanceof Expr.Const c) {
        Long value = integer(c);
        return value == null ? null : new Offset(null, value);
      }
      if (e instanceof Expr.Ref r) {
        return new Offset(r.var(), 0);
      }
      if (e instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)) {
        Long right = b.right() instanceof Expr.Const c ? integer(c) : null;
        Long left = b.left() instanceof Expr.Const c ? integer(c) : null;
        if (b.left() instanceof Expr.Ref r && right != null) {
          return new Offset(r.var(), b.op() == BinaryOp.ADD ? right : -right);
        }
        if (b.op() == BinaryOp.ADD && b.right() instanceof Expr.Ref r && left != null) {
          return new Offset(r.var(), left);
        }
      }
      return null;
    }

    private static Long integer(Expr.Const c) {
      try {
        return Long.parseLong(c.literal());
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }
}

package dev.tapeless.processor.analysis;

import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.UnaryOp;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Temporaries in loops that the backward sweep computes again instead of saving: {@code t =
 * b * y[0]} followed in the same block by the statements that read {@code t}, none of which (nor
 * anything between) changes {@code b} or {@code y}. When the backward sweep reaches those
 * statements their operands hold the values they had, so one multiplication replaces a push in
 * the forward sweep and a pop in the backward one (in an RK4 step, eight of each).
 */
final class Recomputation {
  static final Recomputation NONE = new Recomputation();

  /** Each recomputed temporary's one assignment. */
  private final Map<Var, Stmt.Assign> definitions = new IdentityHashMap<>();
  /** The statement whose reversal needs each recomputed value first: the last to read it. */
  private final Map<Stmt, List<Stmt.Assign>> before = new IdentityHashMap<>();

  private Recomputation() {}

  static Recomputation of(IrMethod method, Activity activity) {
    List<Stmt> all = Statements.all(method.body());
    if (all.stream().anyMatch(s -> s instanceof Stmt.For f && f.checkpointed())) {
      return NONE; // segments replay their bodies from what was saved: keep that as it is
    }
    Map<Var, Integer> assignments = new IdentityHashMap<>();
    for (Stmt.Assign a : Statements.assignments(method.body())) {
      assignments.merge(a.target(), 1, Integer::sum);
    }
    Map<Var, Integer> readers = new IdentityHashMap<>();
    for (Stmt s : all) {
      for (Var v : forwardReads(s)) {
        readers.merge(v, 1, Integer::sum);
      }
    }
    Set<Stmt> invariant = LoopInvariantDefinitions.of(method.body());
    Recomputation r = new Recomputation();
    for (Stmt s : all) {
      if (s instanceof Stmt.For f) {
        r.inBlock(f.body(), activity, assignments, readers, invariant);
      } else if (s instanceof Stmt.Loop l) {
        r.inBlock(l.body(), activity, assignments, readers, invariant);
      }
    }
    return r;
  }

  /** Recomputed temporaries among the direct statements of a loop's body. */
  private void inBlock(Stmt.Block block, Activity activity, Map<Var, Integer> assignments,
      Map<Var, Integer> readers, Set<Stmt> invariant) {
    List<Stmt> stmts = block.statements();
    for (int p = 0; p < stmts.size(); p++) {
      if (!(stmts.get(p) instanceof Stmt.Assign a) || !cheap(a) || invariant.contains(a)
          || a.target().role() != Var.Role.TEMP || assignments.get(a.target()) != 1) {
        continue;
      }
      Var t = a.target();
      List<Var> operands = operandVars(a.value());
      int last = -1;
      int found = 0;
      boolean readBackward = false;
      for (int q = p + 1; q < stmts.size() && found < readers.getOrDefault(t, 0); q++) {
        Stmt s = stmts.get(q);
        if (!(s instanceof Stmt.Assign || s instanceof Stmt.Store)
            || BackwardReads.derivativeCall(s) != null
            || Dependencies.of(s).written().stream().anyMatch(operands::contains)) {
          break; // a changed operand, or a statement whose reversal this does not reach
        }
        if (forwardReads(s).contains(t)) {
          found++;
          last = q;
          readBackward |= BackwardReads.of(s, activity).contains(t);
        }
      }
      if (readBackward && found == readers.getOrDefault(t, 0)) {
        definitions.put(t, a);
        before.computeIfAbsent(stmts.get(last), k -> new ArrayList<>()).add(a);
      }
    }
  }

  /** One addition, subtraction, multiplication or negation: cheaper than a push and a pop. */
  private static boolean cheap(Stmt.Assign a) {
    if (!a.target().type().isReal() || !a.value().type().equals(a.target().type())) {
      return false;
    }
    Expr v = a.value();
    List<Expr> operands;
    if (v instanceof Expr.Binary b
        && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB || b.op() == BinaryOp.MUL)) {
      operands = List.of(b.left(), b.right());
    } else if (v instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
      operands = List.of(u.operand());
    } else {
      return false;
    }
    for (Expr o : operands) {
      if (!(o instanceof Expr.Ref || o instanceof Expr.Const
          || o instanceof Expr.ArrayRead r && r.type().dims() == 0)) {
        return false;
      }
    }
    return true;
  }

  /** The variables (and index variables) a value reads: what must not change until reversal. */
  private static List<Var> operandVars(Expr value) {
    List<Var> vars = new ArrayList<>();
    Operands.readsOf(value, vars);
    return vars;
  }

  private static List<Var> forwardReads(Stmt s) {
    List<Var> reads = new ArrayList<>();
    for (Expr e : Statements.expressions(s)) {
      Operands.readsOf(e, reads);
    }
    return reads;
  }

  boolean isRecomputed(Var v) {
    return definitions.containsKey(v);
  }

  /** {@code reads} with each recomputed temporary replaced by what its value reads. */
  List<Var> substitute(List<Var> reads) {
    if (definitions.isEmpty()) {
      return reads;
    }
    List<Var> out = new ArrayList<>();
    for (Var v : reads) {
      Stmt.Assign d = definitions.get(v);
      if (d == null) {
        out.add(v);
      } else {
        Operands.readsOf(d.value(), out);
      }
    }
    return out;
  }

  /** The assignments to run again just before {@code s} is reversed. */
  List<Stmt.Assign> before(Stmt s) {
    return before.getOrDefault(s, List.of());
  }
}

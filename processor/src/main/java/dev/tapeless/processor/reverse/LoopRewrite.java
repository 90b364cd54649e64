package dev.tapeless.processor.reverse;

import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Subexpressions;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The walk the loop passes over the backward sweep share: loops rewritten innermost first,
 * each knowing the condition that holds where it stands (that of the branch whose then-block
 * it heads), so that code moved before a loop under the loop's own entry test is not guarded
 * twice.
 */
abstract class LoopRewrite {

  /** Arrays no other variable names, which the sweep writes only by name: what a pass may take. */
  final Set<Var> owned;

  /** For the locals a pass declares. */
  final NameTable names;

  LoopRewrite(Set<Var> owned, NameTable names) {
    this.owned = owned;
    this.names = names;
  }

  /** The backward sweep rewritten; as it is when there is no owned array to take. */
  final List<Stmt> sweep(List<Stmt> backward) {
    return owned.isEmpty() ? backward : statements(backward, null);
  }

  /** A reversed loop, its body already rewritten. */
  abstract List<Stmt> reversed(Stmt.Reversed loop, Expr holds);

  /** A loop running forward, its body already rewritten: left as it is unless overridden. */
  List<Stmt> forward(Stmt.For loop, Expr holds) {
    return List.of(loop);
  }

  /**
   * @param holds a condition known to hold at the start of {@code stmts}, or null; forgotten
   *     once a statement assigns anything
   */
  final List<Stmt> statements(List<Stmt> stmts, Expr holds) {
    List<Stmt> out = new ArrayList<>(stmts.size());
    for (Stmt s : stmts) {
      out.addAll(statement(s, holds));
      if (!(s instanceof Stmt.Check || s instanceof Stmt.Comment
          || s instanceof Stmt.Declare d && !mentions(holds, d.var()))) {
        holds = null;
      }
    }
    return out;
  }

  final Stmt.Block block(Stmt.Block b) {
    return new Stmt.Block(statements(b.statements(), null));
  }

  private List<Stmt> statement(Stmt s, Expr holds) {
    if (s instanceof Stmt.Reversed r) {
      return reversed(new Stmt.Reversed(r.loop(), block(r.body()), r.anyOrder()), holds);
    } else if (s instanceof Stmt.For f) {
      return forward(new Stmt.For(f.index(), f.first(), f.bound(), f.direction(),
          block(f.body()), f.origin(), f.checkpoint()), holds);
    } else if (s instanceof Stmt.Reversal r) {
      return List.of(new Stmt.Reversal(r.of(), block(r.code())));
    } else if (s instanceof Stmt.If i) {
      return List.of(new Stmt.If(i.condition(),
          new Stmt.Block(statements(i.thenBlock().statements(), i.condition())),
          block(i.elseBlock()), i.origin()));
    } else if (s instanceof Stmt.Block b) {
      return List.of(block(b));
    }
    return List.of(s);
  }

  /**
   * {@code before}, the loop and {@code after}, under the loop's entry test unless
   * {@code holds} is that test: what is read before the loop is read only if the loop runs.
   */
  static List<Stmt> guarded(Stmt.For header, List<Stmt> before, Stmt loop, List<Stmt> after,
      Expr holds) {
    List<Stmt> guarded = new ArrayList<>(before);
    guarded.add(loop);
    guarded.addAll(after);
    Expr entered = entered(header);
    return entered.equals(holds) ? guarded : List.of(new Stmt.If(entered,
        new Stmt.Block(guarded), new Stmt.Block(List.of()), null));
  }

  /** Whether the loop runs at least once: its own test at its first index. */
  static Expr entered(Stmt.For f) {
    BinaryOp op = switch (f.direction()) {
      case UP_EXCLUSIVE -> BinaryOp.LT;
      case UP_INCLUSIVE -> BinaryOp.LE;
      case DOWN_EXCLUSIVE -> BinaryOp.GT;
      case DOWN_INCLUSIVE -> BinaryOp.GE;
    };
    return new Expr.Binary(op, f.first(), f.bound(), Type.BOOLEAN);
  }

  /** An index of ints the loop does not assign: names, constants and arithmetic only. */
  static boolean invariantIndex(Expr e, Set<Var> assigned) {
    if (e instanceof Expr.Ref r) {
      return !assigned.contains(r.var());
    } else if (e instanceof Expr.Const) {
      return true;
    } else if (e instanceof Expr.Binary b) {
      return invariantIndex(b.left(), assigned) && invariantIndex(b.right(), assigned);
    } else if (e instanceof Expr.Unary u) {
      return invariantIndex(u.operand(), assigned);
    }
    return false;
  }

  /** Whether {@code e} names {@code v} anywhere (false for no expression). */
  static boolean mentions(Expr e, Var v) {
    if (e == null) {
      return false;
    } else if (e instanceof Expr.Ref r) {
      return r.var() == v;
    } else if (e instanceof Expr.ArrayRead a && a.array() == v
        || e instanceof Expr.Member m && m.object() == v) {
      return true;
    }
    for (Expr child : Subexpressions.of(e)) {
      if (mentions(child, v)) {
        return true;
      }
    }
    return false;
  }
}

package dev.tapeless.processor.reverse;

import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.ExprRewriter;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Subexpressions;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A pass over the backward sweep: in a loop that never writes an array of the frame's own, an
 * element of it the loop reads is read into a local once, before the loop when its index does
 * not change in the loop ({@code xcentered[col]} in a loop over {@code row}), else once per
 * iteration when the body reads it twice ({@code qxcBar[row]} in {@code icfBar[c][l] +=
 * qxcBar[row] * x; sum += qxcBar[row] * icf[c][l]}). The JIT cannot do either itself: the loop
 * stores into other {@code double[]}s, which might be the same array as far as it knows, so it
 * loads the element again after every store (the GMM objective's triangular loop).
 *
 * <p>Safe because the arrays taken are ones no other variable names (the one-dimensional
 * adjoints of locals, and primal locals that only ever hold a new array and are never handed
 * to another variable), the loop writes neither them nor the variables of the index, and calls
 * nothing that could: the element holds the same value at every read, so the result is bit
 * for bit the same. Only reads that a statement at the body's top level makes on every
 * iteration move, and a read moved before the loop is guarded by the loop's entry test, so
 * nothing is read that the loop would not have read.
 */
final class InvariantReads {
  private InvariantReads() {}

  /**
   * @param owned arrays no other variable names, which the sweep may write only by name
   */
  static List<Stmt> apply(List<Stmt> backward, Set<Var> owned, NameTable names) {
    return new Pass(owned, names).sweep(backward);
  }

  private static final class Pass extends LoopRewrite {
    Pass(Set<Var> owned, NameTable names) {
      super(owned, names);
    }

    @Override
    List<Stmt> reversed(Stmt.Reversed loop, Expr holds) {
      return loop(loop.loop(), loop, holds);
    }

    @Override
    List<Stmt> forward(Stmt.For loop, Expr holds) {
      return loop(loop, loop, holds);
    }

    /** {@code loop} (running as {@code header} says) with its reads held in locals. */
    List<Stmt> loop(Stmt.For header, Stmt loop, Expr holds) {
      Stmt.Block body = loop instanceof Stmt.Reversed r ? r.body() : ((Stmt.For) loop).body();
      Scan scan = new Scan();
      scan.block(body);
      if (scan.opaque) {
        return List.of(loop);
      }
      Set<Var> assignedOrIndex = new HashSet<>(scan.assigned);
      assignedOrIndex.add(header.index());
      Map<Expr, Integer> reads = new LinkedHashMap<>();
      for (Stmt s : unconditional(body)) {
        for (Expr e : Statements.expressions(s)) {
          count(e, scan, reads);
        }
      }
      Map<Expr, Var> before = new LinkedHashMap<>();
      Map<Expr, Var> each = new LinkedHashMap<>();
      reads.forEach((read, n) -> {
        Expr.ArrayRead a = (Expr.ArrayRead) read;
        if (a.indices().stream().allMatch(i -> invariantIndex(i, assignedOrIndex))) {
          before.put(read, fresh(a));
        } else if (n > 1 && a.indices().stream().allMatch(i -> invariantIndex(i, scan.assigned))) {
          each.put(read, fresh(a));
        }
      });
      if (before.isEmpty() && each.isEmpty()) {
        return List.of(loop);
      }
      Map<Expr, Var> all = new LinkedHashMap<>(before);
      all.putAll(each);
      Stmt.Block rewritten = firstReads(redirect(body, all), each);
      Stmt newLoop = loop instanceof Stmt.Reversed r
          ? new Stmt.Reversed(r.loop(), rewritten, r.anyOrder())
          : new Stmt.For(header.index(), header.first(), header.bound(), header.direction(),
              rewritten, header.origin(), header.checkpoint());
      if (before.isEmpty()) {
        return List.of(newLoop);
      }
      List<Stmt> declared = new ArrayList<>();
      before.forEach((read, local) -> declared.add(new Stmt.Declare(local, read)));
      return guarded(header, declared, newLoop, List.of(), holds);
    }

    Var fresh(Expr.ArrayRead a) {
      return new Var(names.fresh(a.array().name() + "Element"), a.type(), Var.Role.LOCAL);
    }

    /** Counts the reads of owned arrays the loop leaves alone, in the rewriter's reach. */
    void count(Expr e, Scan scan, Map<Expr, Integer> reads) {
      rewrite(e, node -> {
        if (node instanceof Expr.ArrayRead a && owned.contains(a.array())
            && a.array().type().dims() == 1 && a.indices().size() == 1
            && !scan.written.contains(a.array()) && !scan.assigned.contains(a.array())) {
          reads.merge(a, 1, Integer::sum);
        }
        return null;
      });
    }

    /** The body with each chosen read made its local. */
    /**
     * {@code e} rewritten as {@link ExprRewriter} does, and also inside derivative rules'
     * bindings, where the backward sweep's reads are.
     */
    static Expr rewrite(Expr e, Function<Expr, Expr> replacement) {
      return ExprRewriter.rewrite(e, node -> {
        Expr replaced = replacement.apply(node);
        if (replaced != null) {
          return replaced;
        } else if (node instanceof Expr.Rule rule) {
          return rule(rule, replacement);
        } else if (node instanceof Expr.Sum sum) {
          List<Expr.Rule> terms = new ArrayList<>();
          sum.terms().forEach(t -> terms.add(rule(t, replacement)));
          return new Expr.Sum(terms);
        }
        return null;
      });
    }

    private static Expr.Rule rule(Expr.Rule rule, Function<Expr, Expr> replacement) {
      Map<String, Expr> bindings = new LinkedHashMap<>();
      rule.bindings().forEach((name, bound) -> bindings.put(name, rewrite(bound, replacement)));
      return new Expr.Rule(rule.template(), bindings, rule.type());
    }

    static Stmt.Block redirect(Stmt.Block body, Map<Expr, Var> locals) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : body.statements()) {
        out.add(redirect(s, locals));
      }
      return new Stmt.Block(out);
    }

    static Stmt redirect(Stmt s, Map<Expr, Var> locals) {
      if (s instanceof Stmt.Reversal r) {
        return new Stmt.Reversal(r.of(), redirect(r.code(), locals));
      } else if (s instanceof Stmt.Block b) {
        return redirect(b, locals);
      } else if (s instanceof Stmt.Assign a) {
        return new Stmt.Assign(a.target(), redirect(a.value(), locals), a.origin());
      } else if (s instanceof Stmt.Store st) {
        List<Expr> indices = new ArrayList<>();
        st.indices().forEach(i -> indices.add(redirect(i, locals)));
        return new Stmt.Store(st.array(), indices, redirect(st.value(), locals), st.kind(),
            st.origin());
      }
      return s; // reads elsewhere keep reading the array: the same value
    }

    static Expr redirect(Expr e, Map<Expr, Var> locals) {
      return rewrite(e, node -> {
        Var local = locals.get(node);
        return local == null ? null : new Expr.Ref(local);
      });
    }

    /**
     * The body with each per-iteration local declared, from the array, just before the first
     * top-level statement that reads it.
     */
    static Stmt.Block firstReads(Stmt.Block body, Map<Expr, Var> each) {
      if (each.isEmpty()) {
        return body;
      }
      Set<Expr> pending = new HashSet<>(each.keySet());
      return declareBefore(body, each, pending);
    }

    private static Stmt.Block declareBefore(Stmt.Block block, Map<Expr, Var> each,
        Set<Expr> pending) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : block.statements()) {
        if (s instanceof Stmt.Reversal r) {
          out.add(new Stmt.Reversal(r.of(), declareBefore(r.code(), each, pending)));
          continue;
        } else if (s instanceof Stmt.Block b) {
          out.add(declareBefore(b, each, pending));
          continue;
        }
        if (s instanceof Stmt.Assign || s instanceof Stmt.Store) {
          for (Map.Entry<Expr, Var> entry : each.entrySet()) {
            if (pending.contains(entry.getKey()) && Statements.expressions(s).stream()
                .anyMatch(e -> mentions(e, entry.getValue()))) {
              out.add(new Stmt.Declare(entry.getValue(), entry.getKey()));
              pending.remove(entry.getKey());
            }
          }
        }
        out.add(s);
      }
      return new Stmt.Block(out);
    }

    /** The assignments and stores the body makes on every iteration, in order. */
    static List<Stmt> unconditional(Stmt.Block body) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : body.statements()) {
        if (s instanceof Stmt.Reversal r) {
          out.addAll(unconditional(r.code()));
        } else if (s instanceof Stmt.Block b) {
          out.addAll(unconditional(b));
        } else if (s instanceof Stmt.Assign || s instanceof Stmt.Store) {
          out.add(s);
        }
      }
      return out;
    }
  }

  /**
   * What a loop body changes: the arrays it writes elements of, the variables it assigns,
   * and whether it holds anything that could write what this cannot see.
   */
  private static final class Scan {
    final Set<Var> written = new HashSet<>();
    final Set<Var> assigned = new HashSet<>();
    boolean opaque;

    void block(Stmt.Block b) {
      for (Stmt s : b.statements()) {
        statement(s);
      }
    }

    void statement(Stmt s) {
      if (s instanceof Stmt.Store st) {
        (st.indices().isEmpty() ? assigned : written).add(st.array());
        st.indices().forEach(this::expr);
        expr(st.value());
      } else if (s instanceof Stmt.Assign a) {
        assigned.add(a.target());
        expr(a.value());
      } else if (s instanceof Stmt.Declare d) {
        assigned.add(d.var());
        expr(d.value());
      } else if (s instanceof Stmt.Restore r) {
        target(r.target());
      } else if (s instanceof Stmt.CursorRestore r) {
        target(r.target());
        assigned.add(r.top());
        assigned.add(r.array());
      } else if (s instanceof Stmt.Reversal r) {
        block(r.code());
      } else if (s instanceof Stmt.If i) {
        expr(i.condition());
        block(i.thenBlock());
        block(i.elseBlock());
      } else if (s instanceof Stmt.For f) {
        assigned.add(f.index());
        expr(f.first());
        expr(f.bound());
        block(f.body());
      } else if (s instanceof Stmt.Reversed r) {
        assigned.add(r.loop().index());
        expr(r.loop().first());
        expr(r.loop().bound());
        block(r.body());
      } else if (s instanceof Stmt.Block b) {
        block(b);
      } else if (s instanceof Stmt.Check c) {
        c.failures().forEach(this::expr);
      } else if (s instanceof Stmt.Save sv) {
        expr(sv.value());
      } else if (s instanceof Stmt.CursorSave sv) {
        expr(sv.value());
        assigned.add(sv.top());
        assigned.add(sv.array());
      } else if (!(s instanceof Stmt.Comment)) {
        opaque = true; // calls, whole-array saves and restores, zeroing, loops of other kinds
      }
    }

    void target(Expr target) {
      if (target instanceof Expr.Ref ref) {
        assigned.add(ref.var());
      } else if (target instanceof Expr.ArrayRead a) {
        written.add(a.array());
        a.indices().forEach(this::expr);
      } else {
        opaque = true;
      }
    }

    /** Marks the body opaque if an expression calls anything but a pure function. */
    void expr(Expr e) {
      if (e instanceof Expr.Call || e instanceof Expr.FrameCall || e instanceof Expr.ZerosLike
          || e instanceof Expr.Buffered || e instanceof Expr.NewArray
          || e instanceof Expr.Invoke i && i.args().stream().anyMatch(
              a -> a.type() == null || a.type().isArray() || a.type().isObject())) {
        opaque = true;
        return;
      }
      for (Expr child : Subexpressions.of(e)) {
        expr(child);
      }
    }
  }
}

package dev.tapeless.processor.reverse;

import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Subexpressions;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The last pass over each sweep before it is printed: the outermost loops that save or restore
 * doubles (and floats, which go on the double stack) hold the save buffer's double stack in two
 * locals for the loop, {@code savedDoubles[savedTop++] = v} and {@code v = savedDoubles[--savedTop]},
 * and hand the top back after it. Through the buffer's methods each push loaded and stored the
 * stack's top in memory, so each waited for the last one's store (the JIT does not keep a field
 * in a register across a loop); the GMM objective's gradient saves 30 doubles per point and
 * component.
 *
 * <p>Safe because nothing else in such a loop touches the double stack: the pass takes only
 * loops without frame calls (a callee's or the buffer's own methods), whole-array saves or
 * shapes. A {@code break} leaves at most the loop itself, so the top is handed back after every
 * way out but an exception, and then the values the loop pushed are simply not on the stack
 * (as after a forward sweep that threw, nothing pops them). Same values in the same order: the
 * gradient is bit for bit the same.
 */
final class SaveCursors {
  private static final Type DOUBLE_ARRAY = new Type(Type.Kind.DOUBLE, 1, null);

  private SaveCursors() {}

  static List<Stmt> apply(List<Stmt> code, NameTable names) {
    return new Pass(names).statements(code);
  }

  private record Pass(NameTable names) {
    List<Stmt> statements(List<Stmt> stmts) {
      List<Stmt> out = new ArrayList<>(stmts.size());
      for (Stmt s : stmts) {
        out.addAll(statement(s));
      }
      return out;
    }

    Stmt.Block block(Stmt.Block b) {
      return new Stmt.Block(statements(b.statements()));
    }

    List<Stmt> statement(Stmt s) {
      if (isLoop(s)) {
        Uses uses = new Uses();
        uses.statement(s);
        if (!uses.unsafe && uses.buffers.size() == 1) {
          return cursored(s, uses.buffers.iterator().next());
        }
        return List.of(withBody(s, this::block));
      } else if (s instanceof Stmt.If i) {
        return List.of(new Stmt.If(i.condition(), block(i.thenBlock()), block(i.elseBlock()),
            i.origin()));
      } else if (s instanceof Stmt.Block b) {
        return List.of(block(b));
      } else if (s instanceof Stmt.Reversal r) {
        return List.of(new Stmt.Reversal(r.of(), block(r.code())));
      }
      return List.of(s);
    }

    /** The loop between the locals' declarations and the top handed back. */
    List<Stmt> cursored(Stmt loop, String buffer) {
      Var array = new Var(names.fresh("savedDoubles"), DOUBLE_ARRAY, Var.Role.LOCAL);
      Var top = new Var(names.fresh("savedTop"), Type.INT, Var.Role.LOCAL);
      Cursor cursor = new Cursor(array, top);
      return List.of(
          new Stmt.Declare(array, new Expr.FrameCall(buffer, "doubleStack", List.of(),
              DOUBLE_ARRAY)),
          new Stmt.Declare(top, new Expr.FrameCall(buffer, "doubleTop", List.of(), Type.INT)),
          cursor.statement(loop),
          new Stmt.Run(new Expr.FrameCall(buffer, "doubleTop", List.of(new Expr.Ref(top)),
              null)));
    }
  }

  /** Rewrites a cursored loop's double saves and restores, at any depth. */
  private record Cursor(Var array, Var top) {
    Stmt.Block block(Stmt.Block b) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : b.statements()) {
        out.add(statement(s));
      }
      return new Stmt.Block(out);
    }

    Stmt statement(Stmt s) {
      if (s instanceof Stmt.Save v && onDoubleStack(v.value())) {
        return new Stmt.CursorSave(v.buffer(), array, top, v.value());
      } else if (s instanceof Stmt.Restore r && onDoubleStack(r.target())) {
        return new Stmt.CursorRestore(array, top, r.target());
      } else if (isLoop(s)) {
        return withBody(s, this::block);
      } else if (s instanceof Stmt.If i) {
        return new Stmt.If(i.condition(), block(i.thenBlock()), block(i.elseBlock()),
            i.origin());
      } else if (s instanceof Stmt.Block b) {
        return block(b);
      } else if (s instanceof Stmt.Reversal r) {
        return new Stmt.Reversal(r.of(), block(r.code()));
      }
      return s;
    }
  }

  /** What a loop does with the save buffers: which buffers' double stacks, and anything else. */
  private static final class Uses {
    final Set<String> buffers = new HashSet<>();
    boolean unsafe;

    void block(Stmt.Block b) {
      for (Stmt s : b.statements()) {
        statement(s);
      }
    }

    void statement(Stmt s) {
      if (s instanceof Stmt.Save v) {
        if (onDoubleStack(v.value())) {
          buffers.add(v.buffer());
        }
        expr(v.value());
      } else if (s instanceof Stmt.Restore r) {
        if (onDoubleStack(r.target())) {
          buffers.add(r.buffer());
        }
        expr(r.target());
      } else if (s instanceof Stmt.Assign a) {
        expr(a.value());
      } else if (s instanceof Stmt.Store st) {
        st.indices().forEach(this::expr);
        expr(st.value());
      } else if (s instanceof Stmt.Declare d) {
        expr(d.value());
      } else if (s instanceof Stmt.If i) {
        expr(i.condition());
        block(i.thenBlock());
        block(i.elseBlock());
      } else if (s instanceof Stmt.For f) {
        expr(f.first());
        expr(f.bound());
        block(f.body());
      } else if (s instanceof Stmt.Reversed r) {
        expr(r.loop().first());
        expr(r.loop().bound());
        block(r.body());
      } else if (s instanceof Stmt.Strided l) {
        expr(l.first());
        expr(l.bound());
        expr(l.step());
        block(l.body());
      } else if (s instanceof Stmt.Loop l) {
        block(l.body());
      } else if (s instanceof Stmt.Block b) {
        block(b);
      } else if (s instanceof Stmt.Reversal r) {
        block(r.code());
      } else if (s instanceof Stmt.Check c) {
        c.failures().forEach(this::expr);
      } else if (s instanceof Stmt.Effect e) {
        expr(e.call());
      } else if (s instanceof Stmt.Zero z) {
        expr(z.array());
      } else if (s instanceof Stmt.SetField f) {
        expr(f.field());
        expr(f.value());
      } else if (!(s instanceof Stmt.Exit || s instanceof Stmt.Comment)) {
        unsafe = true; // frame calls, whole-array saves, shapes, code the pass does not know
      }
    }

    /** Any frame call (a callee's, the buffer's own) makes the loop unsafe. */
    void expr(Expr e) {
      if (e instanceof Expr.FrameCall) {
        unsafe = true;
      }
      Subexpressions.of(e).forEach(this::expr);
    }
  }

  /** Doubles and floats go on the double stack; ints, longs and booleans have their own. */
  private static boolean onDoubleStack(Expr e) {
    Type t = e.type();
    return t.dims() == 0 && (t.kind() == Type.Kind.DOUBLE || t.kind() == Type.Kind.FLOAT);
  }

  private static boolean isLoop(Stmt s) {
    return s instanceof Stmt.For || s instanceof Stmt.Reversed || s instanceof Stmt.Loop
        || s instanceof Stmt.Strided;
  }

  /** The same loop over its body rewritten by {@code body}. */
  private static Stmt withBody(Stmt loop, java.util.function.UnaryOperator<Stmt.Block> body) {
    if (loop instanceof Stmt.For f) {
      return new Stmt.For(f.index(), f.first(), f.bound(), f.direction(), body.apply(f.body()),
          f.origin(), f.checkpoint());
    } else if (loop instanceof Stmt.Reversed r) {
      return new Stmt.Reversed(r.loop(), body.apply(r.body()), r.anyOrder());
    } else if (loop instanceof Stmt.Loop l) {
      return new Stmt.Loop(l.counter(), body.apply(l.body()), l.origin());
    }
    Stmt.Strided l = (Stmt.Strided) loop;
    return l.withBody(body.apply(l.body()));
  }
}

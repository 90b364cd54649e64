package dev.tapeless.processor.reverse;

import com.palantir.javapoet.CodeBlock;
import dev.tapeless.processor.emit.TypeNames;
import dev.tapeless.processor.analysis.Recording;
import dev.tapeless.processor.emit.GradClassWriter;
import dev.tapeless.processor.emit.JavaStmts;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.UnaryOp;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * The forward sweep: the user's computation in three-address form, saving values that will be
 * overwritten before the backward sweep reads them. Built as IR (the user's statements and
 * {@link Stmt.Save}s, a callee's frame call as an {@link Expr.FrameCall}, an array local as
 * an {@link Expr.Buffered}, a checkpointed loop's segments as {@link Checkpointing} builds
 * them, forward mode's tangents as its {@link Tangents} build them) and printed by
 * {@link JavaStmts}.
 */
public final class ForwardSweep {
  private final Declarations declarations;
  private final Recording recording;
  private final FrameFields fields;
  private final boolean saving;
  private final SplitCalls splitCalls;
  private final Tangents tangents;
  /** Whether {@code @Checkpoint} loops run in segments, copying their state (see below). */
  private boolean checkpointing;
  /** The sweep as IR, printed once built: statements, saves, tangents. */
  private final List<Stmt> code = new ArrayList<>();

  /**
   * What forward mode adds to the computation: the tangent of each statement that writes a
   * variable with one, as IR.
   */
  public interface Tangents {
    /**
     * Appends {@code s} together with its tangent to {@code code}, or returns false to have the
     * sweep write the statement alone.
     *
     * @param declares whether the statement declares its target ({@link Stmt.Declare})
     */
    boolean write(Stmt s, boolean declares, List<Stmt> code);

    /** Runs after the sweep wrote {@code s} alone: the tangent buffer of an array local. */
    void after(Stmt s, List<Stmt> code);
  }

  private ForwardSweep(Declarations declarations, Recording recording, FrameFields fields,
      boolean saving, SplitCalls splitCalls, Tangents tangents) {
    this.declarations = declarations;
    this.recording = recording;
    this.fields = fields;
    this.saving = saving;
    this.splitCalls = splitCalls;
    this.tangents = tangents;
  }

  /**
   * The forward sweep; with {@code saving} false, just the computation (the frame's
   * {@code primal}), still using the frame's buffers.
   */
  static CodeBlock write(Stmt.Block body, Declarations declarations, Recording recording,
      FrameFields fields, boolean saving, SplitCalls splitCalls) {
    ForwardSweep sweep = new ForwardSweep(declarations, recording, fields, saving, splitCalls,
        null);
    sweep.declareHoisted();
    sweep.block(body);
    return sweep.printed();
  }

  /**
   * The forward sweep of {@code backpropagate} and {@code $splitForward}: as {@link #write}, but
   * with {@code checkpoints} each {@code @Checkpoint} loop runs without saving and copies its
   * state at the start of each segment instead (see {@link Checkpointing}); only when a backward
   * sweep will take those copies off the save buffer again.
   */
  static CodeBlock writeCheckpointed(Stmt.Block body, Declarations declarations,
      Recording recording, FrameFields fields, SplitCalls splitCalls, boolean checkpoints,
      NameTable names) {
    ForwardSweep sweep = new ForwardSweep(declarations, recording, fields, true, splitCalls,
        null);
    sweep.checkpointing = checkpoints;
    sweep.declareHoisted();
    sweep.block(body);
    return JavaStmts.write(SaveCursors.apply(sweep.code, names));
  }

  /**
   * The forward sweep of {@code body} as IR, saving, before it is printed; also a checkpointed
   * loop's body as the backward sweep runs it again for one segment.
   */
  static List<Stmt> saving(Stmt.Block body, Declarations declarations, Recording recording,
      FrameFields fields, SplitCalls splitCalls) {
    ForwardSweep sweep = new ForwardSweep(declarations, recording, fields, true, splitCalls,
        null);
    sweep.block(body);
    return sweep.code;
  }

  /** The computation with its tangents as IR, for forward mode; nothing is saved. */
  public static List<Stmt> withTangents(Stmt.Block body, Declarations declarations,
      Recording recording, FrameFields fields, Tangents tangents) {
    ForwardSweep sweep = new ForwardSweep(declarations, recording, fields, false,
        SplitCalls.NONE, tangents);
    sweep.declareHoisted();
    sweep.block(body);
    return sweep.code;
  }

  /** Locals declared at the top, with a zero value, so that both sweeps see them. */
  private void declareHoisted() {
    for (Var v : declarations.hoisted()) {
      code.add(new Stmt.Declare(v, new Expr.Const(v.type().zeroLiteral(), v.type())));
    }
  }

  private CodeBlock printed() {
    return JavaStmts.write(code);
  }

  private void block(Stmt.Block block) {
    for (Stmt s : block.statements()) {
      statement(s);
    }
  }

  private void statement(Stmt s) {
    if (tangents != null && (s instanceof Stmt.Assign || s instanceof Stmt.Store
        || s instanceof Stmt.Effect)) {
      boolean declares = s instanceof Stmt.Assign a && declarations.declaresTarget(a);
      if (!tangents.write(s, declares, code)) {
        primalStatement(s);
        tangents.after(s, code);
      }
      return;
    }
    primalStatement(s);
  }

  private void primalStatement(Stmt s) {
    if (s instanceof Stmt.Assign a) {
      save(s);
      boolean declared = declarations.declaresTarget(a);
      Expr value = a.value();
      if (value instanceof Expr.NewArray n) {
        String buffer = fields.buffer(a.target().name() + "Buffer",
            TypeNames.of(a.target().type()));
        // created again in a loop, its contents restored later: the shape must stay
        boolean again = saving && recording.savedBy(s).contains(a.target());
        value = new Expr.Buffered(buffer, n, again ? a.target() : null);
      } else if (frameCall(value) != null) {
        value = frameCall(s, frameCall(value));
      }
      code.add(declared ? new Stmt.Declare(a.target(), value)
          : new Stmt.Assign(a.target(), value, a.origin()));
    } else if (s instanceof Stmt.Store st) {
      save(s);
      code.add(st);
    } else if (s instanceof Stmt.Effect e) {
      save(s);
      if (frameCall(e.call()) != null) {
        code.add(new Stmt.Run(frameCall(s, frameCall(e.call()))));
      } else {
        code.add(e);
      }
    } else if (s instanceof Stmt.If i) {
      if (isExitTest(i)) {
        code.add(new Stmt.If(new Expr.Unary(UnaryOp.NOT, i.condition(), Type.BOOLEAN),
            new Stmt.Block(List.of(new Stmt.Exit(null))), new Stmt.Block(List.of()), null));
        block(i.thenBlock());
        return;
      }
      code.add(new Stmt.If(i.condition(), nested(i.thenBlock()), nested(i.elseBlock()),
          i.origin()));
    } else if (s instanceof Stmt.For f && f.checkpointed() && checkpointing) {
      ForwardSweep plain = new ForwardSweep(declarations, recording, fields, false, SplitCalls.NONE,
          null);
      plain.block(f.body());
      code.addAll(Checkpointing.forward(f, plain.code, recording, fields,
          declarations.names()));
    } else if (s instanceof Stmt.For f) {
      code.add(new Stmt.For(f.index(), f.first(), f.bound(), f.direction(), nested(f.body()),
          f.origin()));
    } else if (s instanceof Stmt.Loop l) {
      code.add(new Stmt.Loop(l.counter(), nested(l.body()), l.origin()));
    } else if (s instanceof Stmt.Exit e) {
      code.add(e);
    } else {
      block((Stmt.Block) s);
    }
  }

  /**
   * A block's forward sweep, each statement's in a block of its own so that a branch's else
   * is written exactly when the user's has statements.
   */
  private Stmt.Block nested(Stmt.Block block) {
    List<Stmt> statements = new ArrayList<>();
    for (Stmt s : block.statements()) {
      int from = code.size();
      statement(s);
      List<Stmt> written = code.subList(from, code.size());
      statements.add(new Stmt.Block(new ArrayList<>(written)));
      written.clear();
    }
    return new Stmt.Block(statements);
  }

  /** The call of a value that runs on another differentiable method's frame, or null. */
  private static Expr.Call frameCall(Expr e) {
    return e instanceof Expr.Call c && c.callee() instanceof Callee.Differentiable ? c : null;
  }

  /**
   * A call to another differentiable method, run on that method's frame, whose buffers make it
   * allocation-free even when the method has array locals.
   */
  private Expr.FrameCall frameCall(Stmt s, Expr.Call c) {
    Callee.Differentiable d = (Callee.Differentiable) c.callee();
    return new Expr.FrameCall(fields.calleeFrame(d),
        !splitCalls.contains(s) ? GradClassWriter.PRIMAL : splitCalls.unchecked(s)
            ? GradClassWriter.SPLIT_FORWARD_UNCHECKED : GradClassWriter.SPLIT_FORWARD,
        c.args(), c.type());
  }

  /** {@code if (c) {rest} else {break}}, which reads better as {@code if (!c) break; rest}. */
  static boolean isExitTest(Stmt.If i) {
    List<Stmt> e = i.elseBlock().statements();
    return e.size() == 1 && e.get(0) instanceof Stmt.Exit;
  }

  /** Saves the values {@code s} is about to overwrite, when the backward sweep needs them. */
  private void save(Stmt s) {
    List<Var> saved = recording.savedBy(s);
    if (saved.isEmpty() || !saving) {
      return;
    }
    Var local = declarations.saveLocal(s);
    if (local != null) {
      Expr old = s instanceof Stmt.Store st ? st.element() : new Expr.Ref(saved.get(0));
      code.add(declarations.declaresSave(s) ? new Stmt.Declare(local, old)
          : new Stmt.Assign(local, old, null));
      return;
    }
    String buffer = fields.saved();
    for (Var v : saved) {
      if (s instanceof Stmt.Store st) {
        code.add(new Stmt.Save(buffer, new Expr.ArrayRead(v, st.indices(),
            v.type().indexed(st.indices().size()))));
      } else if (v.type().isArray() && isAllocation(s)) {
        // allocated again in a loop: its contents from the last iteration, none the first time
        code.add(new Stmt.SaveAll(buffer, new Expr.Ref(v), true));
      } else if (v.type().isArray()) {
        for (Expr region : recording.regions(s, v)) {
          code.add(new Stmt.SaveAll(buffer, region, false));
        }
      } else {
        code.add(new Stmt.Save(buffer, new Expr.Ref(v)));
      }
    }
  }

  /** {@code a = new double[n]}: an array local's allocation, which zeroes its buffer. */
  static boolean isAllocation(Stmt s) {
    return s instanceof Stmt.Assign a && a.value() instanceof Expr.NewArray;
  }

  static String push(Type t) {
    return JavaStmts.push(t);
  }

  static String pop(Type t) {
    return JavaStmts.pop(t);
  }
}

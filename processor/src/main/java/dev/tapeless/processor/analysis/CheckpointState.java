package dev.tapeless.processor.analysis;

import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The state of a checkpointed loop ({@code @Checkpoint}): what a checkpoint copies and what the
 * backward sweep's second run of a segment reads that the checkpoint does not hold.
 */
public final class CheckpointState {
  private CheckpointState() {}

  /**
   * Every variable the loop's body writes, in order of first write: scalars by value, arrays by
   * contents. Putting these back makes a second run of the following iterations compute what
   * the first run did.
   */
  public static List<Var> written(Stmt.For loop) {
    Set<Var> seen = Activity.identitySet();
    List<Var> out = new ArrayList<>();
    for (Stmt s : Statements.all(loop.body())) {
      for (Var v : Dependencies.of(s).written()) {
        if (v.role() != Var.Role.INDEX && v.role() != Var.Role.CONSTANT && seen.add(v)) {
          out.add(v);
        }
      }
    }
    return out;
  }

  /**
   * The checkpointed loops whose gradient records nothing per iteration: no value saved, no
   * call to another {@code @Differentiable} method (whose frame records per call). Checkpointing
   * them only costs time (TL032).
   */
  public static List<Stmt.For> savingNothing(Stmt.Block body, Recording recording) {
    List<Stmt.For> out = new ArrayList<>();
    for (Stmt s : Statements.all(body)) {
      if (s instanceof Stmt.For f && f.checkpointed()
          && Statements.all(f.body()).stream().noneMatch(b -> !recording.savedBy(b).isEmpty()
              || Statements.value(b) instanceof Expr.Call c
                  && c.callee() instanceof dev.tapeless.processor.ir.Callee.Differentiable)) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * What a checkpoint copies: of the variables the body writes ({@link #written}), the arrays,
   * the scalars some iteration may read before writing (the state carried from step to step),
   * and the scalars the body saves (the second run of a segment saves their values at the
   * segment's start, which the backward sweep puts back for the code before the loop). A
   * temporary the body writes before each read is left out.
   */
  public static List<Var> snapshot(Stmt.For loop, Recording recording) {
    Set<Var> exposed = Activity.identitySet();
    exposedReads(loop.body(), Activity.identitySet(), exposed, true);
    for (Stmt s : Statements.all(loop.body())) {
      exposed.addAll(recording.savedBy(s));
    }
    List<Var> out = new ArrayList<>();
    for (Var v : written(loop)) {
      if (v.type().isArray() || exposed.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * Adds to {@code exposed} the variables {@code block} reads before it has surely written
   * them: a write counts only at the block's top level ({@code straight}), never inside a
   * branch or an inner loop.
   */
  private static void exposedReads(Stmt.Block block, Set<Var> written, Set<Var> exposed,
      boolean straight) {
    for (Stmt s : block.statements()) {
      List<Var> reads = new ArrayList<>();
      Expr value = Statements.value(s);
      if (value != null) {
        Operands.valueReadsOf(value, reads);
      }
      if (s instanceof Stmt.Store st) {
        Operands.indexValueReadsOf(st.indices(), reads);
        if (st.kind() != Stmt.StoreKind.SET || !st.indices().isEmpty()) {
          reads.add(st.array());
        }
      } else if (s instanceof Stmt.If i) {
        Operands.valueReadsOf(i.condition(), reads);
      } else if (s instanceof Stmt.For f) {
        Operands.valueReadsOf(f.first(), reads);
        Operands.valueReadsOf(f.bound(), reads);
      }
      for (Var v : reads) {
        if (!written.contains(v)) {
          exposed.add(v);
        }
      }
      if (s instanceof Stmt.If i) {
        exposedReads(i.thenBlock(), written, exposed, false);
        exposedReads(i.elseBlock(), written, exposed, false);
      } else if (s instanceof Stmt.For f) {
        exposedReads(f.body(), written, exposed, false);
      } else if (s instanceof Stmt.Loop l) {
        exposedReads(l.body(), written, exposed, false);
      } else if (s instanceof Stmt.Block b) {
        exposedReads(b, written, exposed, straight);
      } else if (straight) {
        for (Var w : Dependencies.of(s).written()) {
          if (!w.type().isArray()) {
            written.add(w);
          }
        }
      }
    }
  }

  /**
   * The variables the loop reads but does not write, bounds included: the second run of a
   * segment, in the backward sweep, reads them again, so a later write must save them as it
   * saves what any reversal reads ({@link Recording}).
   */
  public static List<Var> readOnly(Stmt.For loop) {
    List<Var> reads = new ArrayList<>();
    Operands.valueReadsOf(loop.first(), reads);
    Operands.valueReadsOf(loop.bound(), reads);
    for (Stmt s : Statements.all(loop.body())) {
      Expr value = Statements.value(s);
      if (value != null) {
        Operands.valueReadsOf(value, reads);
      }
      if (s instanceof Stmt.Store st) {
        Operands.indexValueReadsOf(st.indices(), reads);
      } else if (s instanceof Stmt.If i) {
        Operands.valueReadsOf(i.condition(), reads);
      } else if (s instanceof Stmt.For f) {
        Operands.valueReadsOf(f.first(), reads);
        Operands.valueReadsOf(f.bound(), reads);
      }
    }
    Set<Var> written = Activity.identitySet();
    written.addAll(written(loop));
    Set<Var> seen = Activity.identitySet();
    List<Var> out = new ArrayList<>();
    for (Var v : reads) {
      if (!written.contains(v) && v.role() != Var.Role.INDEX && v.role() != Var.Role.CONSTANT
          && seen.add(v)) {
        out.add(v);
      }
    }
    return out;
  }
}

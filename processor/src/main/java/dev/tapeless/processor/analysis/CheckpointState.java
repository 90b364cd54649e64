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

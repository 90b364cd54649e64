package dev.tapeless.processor.analysis;

import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import dev.tapeless.processor.rules.Rule;
import dev.tapeless.processor.rules.RuleBook;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Which variables get adjoints: those both varied (depend on a differentiated parameter) and
 * useful (influence the result), as in Clad and Tapenade. Both halves are flow-insensitive
 * fixpoints over the assignments, which can only over-approximate: a spare adjoint costs a
 * little time, a missing one would be a wrong gradient.
 */
public final class Activity {
  private final Set<Var> varied;
  private final Set<Var> useful;

  private Activity(Set<Var> varied, Set<Var> useful) {
    this.varied = varied;
    this.useful = useful;
  }

  public static Activity of(IrMethod method, List<Var> differentiated) {
    List<Stmt.Assign> assigns = Statements.assignments(method.body());
    return new Activity(varied(assigns, differentiated), useful(assigns, method.result()));
  }

  private static Set<Var> varied(List<Stmt.Assign> assigns, List<Var> seeds) {
    Set<Var> varied = identitySet();
    varied.addAll(seeds);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Stmt.Assign a : assigns) {
        if (!varied.contains(a.target()) && dependsOn(a.value(), varied)) {
          varied.add(a.target());
          changed = true;
        }
      }
    }
    return varied;
  }

  private static Set<Var> useful(List<Stmt.Assign> assigns, Var result) {
    Set<Var> useful = identitySet();
    useful.add(result);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Stmt.Assign a : assigns) {
        if (useful.contains(a.target())) {
          for (Var v : differentiableOperands(a.value())) {
            changed |= useful.add(v);
          }
        }
      }
    }
    return useful;
  }

  /** Whether the value has a nonzero partial with respect to a variable in {@code set}. */
  static boolean dependsOn(Expr value, Set<Var> set) {
    return differentiableOperands(value).stream().anyMatch(set::contains);
  }

  /** The operand variables the value's rule has a partial for. */
  static List<Var> differentiableOperands(Expr value) {
    Rule rule = RuleBook.ruleFor(value);
    List<Expr> operands = Operands.of(value);
    return rule.partials().stream()
        .map(p -> operands.get(p.operand()))
        .filter(o -> o instanceof Expr.Ref r && r.var().type().isDouble())
        .map(o -> ((Expr.Ref) o).var())
        .toList();
  }

  static <T> Set<T> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  public boolean isVaried(Var v) {
    return varied.contains(v);
  }

  public boolean isUseful(Var v) {
    return useful.contains(v);
  }

  /** Whether {@code v} gets an adjoint. */
  public boolean isActive(Var v) {
    return v.type().isDouble() && varied.contains(v) && useful.contains(v);
  }
}

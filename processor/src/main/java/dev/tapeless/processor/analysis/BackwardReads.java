package dev.tapeless.processor.analysis;

import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import dev.tapeless.processor.rules.Partial;
import dev.tapeless.processor.rules.Rule;
import dev.tapeless.processor.rules.RuleBook;
import dev.tapeless.processor.rules.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * The primal values the backward sweep reads when it reverses an assignment: the operands and
 * result its rule's templates mention, for the partials it actually emits.
 */
public final class BackwardReads {
  private BackwardReads() {}

  /** The partials emitted for {@code a}: those whose operand has an adjoint. */
  public static List<Partial> emittedPartials(Stmt.Assign a, Activity activity) {
    if (!activity.isActive(a.target())) {
      return List.of();
    }
    List<Expr> operands = Operands.of(a.value());
    List<Partial> emitted = new ArrayList<>();
    for (Partial p : RuleBook.ruleFor(a.value()).partials()) {
      if (operands.get(p.operand()) instanceof Expr.Ref r && activity.isActive(r.var())) {
        emitted.add(p);
      }
    }
    return emitted;
  }

  /** Whether the rule's prelude runs: only when some partial is emitted. */
  public static String emittedPrelude(Stmt.Assign a, Activity activity) {
    Rule rule = RuleBook.ruleFor(a.value());
    return rule.prelude() != null && !emittedPartials(a, activity).isEmpty() ? rule.prelude() : null;
  }

  public static List<Var> of(Stmt.Assign a, Activity activity) {
    List<Var> reads = new ArrayList<>();
    List<Expr> operands = Operands.of(a.value());
    List<String> templates = new ArrayList<>();
    emittedPartials(a, activity).forEach(p -> templates.add(p.template()));
    String prelude = emittedPrelude(a, activity);
    if (prelude != null) {
      templates.add(prelude);
    }
    for (String t : templates) {
      Template.forEachPlaceholder(t, name -> {
        if (name.equals("r")) {
          reads.add(a.target());
        } else if (Character.isDigit(name.charAt(0))) {
          Operands.readsOf(operands.get(Integer.parseInt(name)), reads);
        }
      });
    }
    return reads;
  }
}

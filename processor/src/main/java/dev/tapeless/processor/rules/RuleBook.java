package dev.tapeless.processor.rules;

import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.UnaryOp;

/** Looks up the derivative rule of the operation on the right of a double assignment. */
public final class RuleBook {
  private RuleBook() {}

  private static final Rule COPY = Rule.of("$g");
  private static final Rule ADD = Rule.of("$g", "$g");
  private static final Rule SUB = Rule.of("$g", "-$g");
  private static final Rule MUL = Rule.of("$g * $1", "$g * $0");
  private static final Rule DIV = Rule.guarded("$g / $1", "-$g * $r / $1");
  // a % b = a - b * trunc(a / b), and trunc(a / b) = (a - r) / b; guarded in b, whose partial
  // is NaN at b = 0 (a % 0 is NaN, and an unused one must not turn the gradient into NaN).
  private static final Rule REM = new Rule(java.util.List.of(new Partial(0, "$g"),
      Rule.guarded("-$g * (($0 - $r) / $1)").partials().get(0).at(1)));
  private static final Rule NEG = Rule.of("-$g");

  /** The rule for {@code value}; values of other types than double have derivative zero. */
  public static Rule ruleFor(Expr value) {
    if (!value.type().isReal()) {
      return Rule.ZERO;
    }
    if (value instanceof Expr.Ref || value instanceof Expr.ArrayRead) {
      return COPY;
    } else if (value instanceof Expr.Unary u) {
      return u.op() == UnaryOp.NEG ? NEG : COPY;
    } else if (value instanceof Expr.Cast c) {
      return c.operand().type().isReal() ? COPY : Rule.ZERO;
    } else if (value instanceof Expr.Binary b) {
      return binary(b.op());
    } else if (value instanceof Expr.Call c) {
      return call(c);
    }
    return Rule.ZERO;
  }

  /** Whether the rule of {@code value} reads its result ({@code $r}), which must then be kept. */
  public static boolean readsResult(Expr value) {
    for (Partial p : ruleFor(value).partials()) {
      boolean[] found = {false};
      Template.forEachPlaceholder(p.template(), name -> found[0] |= name.equals("r"));
      if (found[0]) {
        return true;
      }
    }
    return false;
  }

  private static Rule binary(BinaryOp op) {
    return switch (op) {
      case ADD -> ADD;
      case SUB -> SUB;
      case MUL -> MUL;
      case DIV -> DIV;
      case REM -> REM;
      default -> Rule.ZERO;
    };
  }

  /** Math functions; calls to methods with pullbacks are reversed by the reverse mode itself. */
  private static Rule call(Expr.Call call) {
    if (call.callee() instanceof Callee.MathFunction f) {
      return MathRules.rule(f.name(), call.args().size());
    }
    return Rule.ZERO;
  }
}

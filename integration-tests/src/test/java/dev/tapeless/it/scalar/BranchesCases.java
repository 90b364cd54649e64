package dev.tapeless.it.scalar;

import static dev.tapeless.it.scalar.Case.Param.bool;
import static dev.tapeless.it.scalar.Case.Param.integer;
import static dev.tapeless.it.scalar.Case.Param.real;
import static dev.tapeless.it.scalar.Case.awayFrom;
import static dev.tapeless.it.scalar.Case.fn;
import static dev.tapeless.it.scalar.Case.offGrid;

import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Cases for {@link Branches}, and its functions written again in Hipparchus arithmetic. Points
 * are kept away from where a branch switches, where finite differences straddle two formulas.
 */
final class BranchesCases {
  private BranchesCases() {}

  static List<Case<?>> cases() {
    return List.of(
        fn("Branches.reluSquared", real(-2, 2))
            .smoothWhere(a -> awayFrom(a[0], 0))
            .plain(a -> Branches.reluSquared(a[0]))
            .frame(Branches_Grad.ReluSquared::new, Branches_Grad.ReluSquared::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> reluSquared(p.x(0))),
        fn("Branches.ternary", real(-2, 2), real(-2, 2))
            .smoothWhere(a -> awayFrom(a[0], a[1]))
            .plain(a -> Branches.ternary(a[0], a[1]))
            .frame(Branches_Grad.Ternary::new, Branches_Grad.Ternary::zero, g -> g.value,
                g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> ternary(p.x(0), p.x(1))),
        fn("Branches.nestedTernary", real(-2, 3))
            .smoothWhere(a -> awayFrom(a[0], 0, 1))
            .plain(a -> Branches.nestedTernary(a[0]))
            .frame(Branches_Grad.NestedTernary::new, Branches_Grad.NestedTernary::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> nestedTernary(p.x(0))),
        fn("Branches.nestedIfElse", real(-2, 2), real(-2, 2))
            .smoothWhere(a -> awayFrom(a[0], 0) && awayFrom(a[1], 0))
            .plain(a -> Branches.nestedIfElse(a[0], a[1]))
            .frame(Branches_Grad.NestedIfElse::new, Branches_Grad.NestedIfElse::zero,
                g -> g.value, g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> nestedIfElse(p.x(0), p.x(1))),
        fn("Branches.earlyReturns", real(-3, 3), real(-2, 2))
            .smoothWhere(a -> awayFrom(a[0], -1, 1) && awayFrom(a[1], 0))
            .plain(a -> Branches.earlyReturns(a[0], a[1]))
            .frame(Branches_Grad.EarlyReturns::new, Branches_Grad.EarlyReturns::zero,
                g -> g.value, g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> earlyReturns(p.x(0), p.x(1))),
        fn("Branches.elseIfChain", real(-3, 3))
            .smoothWhere(a -> awayFrom(a[0], -1, 0, 1))
            .plain(a -> Branches.elseIfChain(a[0]))
            .frame(Branches_Grad.ElseIfChain::new, Branches_Grad.ElseIfChain::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> elseIfChain(p.x(0))),
        fn("Branches.branchOnComputed", real(-3, 3), real(-2, 2))
            .smoothWhere(a -> Math.abs(Math.sin(a[0]) * a[1] - 0.2) > 0.1)
            .plain(a -> Branches.branchOnComputed(a[0], a[1]))
            .frame(Branches_Grad.BranchOnComputed::new, Branches_Grad.BranchOnComputed::zero,
                g -> g.value, g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> branchOnComputed(p.x(0), p.x(1))),
        fn("Branches.ifWithoutElse", real(-1, 2), real(-1, 2))
            .smoothWhere(a -> Math.abs(a[0] + a[1] - 1) > 0.1 && Math.abs(a[0] + a[1] - 2) > 0.1)
            .plain(a -> Branches.ifWithoutElse(a[0], a[1]))
            .frame(Branches_Grad.IfWithoutElse::new, Branches_Grad.IfWithoutElse::zero,
                g -> g.value, g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> ifWithoutElse(p.x(0), p.x(1))),
        fn("Branches.reassignInBranch", real(-2, 2), real(-2, 2))
            .smoothWhere(a -> awayFrom(a[0], 0))
            .plain(a -> Branches.reassignInBranch(a[0], a[1]))
            .frame(Branches_Grad.ReassignInBranch::new, Branches_Grad.ReassignInBranch::zero,
                g -> g.value, g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> reassignInBranch(p.x(0), p.x(1))),
        fn("Branches.intCondition", real(-3, 3), integer(1, 6))
            .plain(a -> Branches.intCondition(a[0], (int) a[1]))
            .frame(Branches_Grad.IntCondition::new, Branches_Grad.IntCondition::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0], (int) a[1]),
                (g, a) -> g.accumulate(a[0], (int) a[1]))
            .twin(p -> intCondition(p.x(0), p.n(1))),
        fn("Branches.booleanFlag", real(-2, 2), real(-2, 2), bool())
            .plain(a -> Branches.booleanFlag(a[0], a[1], a[2] != 0))
            .frame(Branches_Grad.BooleanFlag::new, Branches_Grad.BooleanFlag::zero,
                g -> g.value, g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1], a[2] != 0),
                (g, a) -> g.accumulate(a[0], a[1], a[2] != 0))
            .twin(p -> booleanFlag(p.x(0), p.x(1), p.flag(2))),
        fn("Branches.shortCircuit", real(-2, 2), real(-2, 2), bool())
            .smoothWhere(a -> awayFrom(a[0], 0) && awayFrom(a[1], 0))
            .plain(a -> Branches.shortCircuit(a[0], a[1], a[2] != 0))
            .frame(Branches_Grad.ShortCircuit::new, Branches_Grad.ShortCircuit::zero,
                g -> g.value, g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1], a[2] != 0),
                (g, a) -> g.accumulate(a[0], a[1], a[2] != 0))
            .twin(p -> shortCircuit(p.x(0), p.x(1), p.flag(2))),
        fn("Branches.clamp", real(-2, 2))
            .smoothWhere(a -> awayFrom(a[0], -1, 1))
            .plain(a -> Branches.clamp(a[0]))
            .frame(Branches_Grad.Clamp::new, Branches_Grad.Clamp::zero, g -> g.value,
                g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> clamp(p.x(0))),
        fn("Branches.castInCondition", real(-4, 4), real(-2, 2))
            .smoothWhere(a -> offGrid(a[0], 1, 0.05))
            .plain(a -> Branches.castInCondition(a[0], a[1]))
            .frame(Branches_Grad.CastInCondition::new, Branches_Grad.CastInCondition::zero,
                g -> g.value, g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> castInCondition(p.x(0), p.x(1))),
        fn("Branches.siblingScopes", real(-2, 2), real(-2, 2))
            .smoothWhere(a -> awayFrom(a[0], 0))
            .plain(a -> Branches.siblingScopes(a[0], a[1]))
            .frame(Branches_Grad.SiblingScopes::new, Branches_Grad.SiblingScopes::zero,
                g -> g.value, g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> siblingScopes(p.x(0), p.x(1))),
        fn("Branches.booleanLocals", real(-1, 3), real(-2, 2))
            .smoothWhere(a -> awayFrom(a[0], 1, a[1]) && awayFrom(a[1], 0))
            .plain(a -> Branches.booleanLocals(a[0], a[1]))
            .frame(Branches_Grad.BooleanLocals::new, Branches_Grad.BooleanLocals::zero,
                g -> g.value, g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> booleanLocals(p.x(0), p.x(1))));
  }

  static Gradient reluSquared(Gradient x) {
    if (x.getValue() > 0) {
      return x.multiply(x);
    }
    return x.multiply(-0.5);
  }

  static Gradient ternary(Gradient x, Gradient y) {
    return x.getValue() > y.getValue() ? x.multiply(y) : x.add(y);
  }

  static Gradient nestedTernary(Gradient x) {
    double v = x.getValue();
    return v < 0 ? x.negate() : v < 1 ? x.multiply(x) : x.multiply(2).subtract(1);
  }

  static Gradient nestedIfElse(Gradient x, Gradient y) {
    Gradient r;
    if (x.getValue() > 0) {
      r = y.getValue() > 0 ? x.multiply(y) : x.subtract(y);
    } else {
      r = y.multiply(y);
    }
    return r.multiply(x);
  }

  static Gradient earlyReturns(Gradient x, Gradient y) {
    if (x.getValue() < -1) {
      return x.negate().multiply(x);
    }
    if (x.getValue() < 1) {
      return y.getValue() > 0 ? x.multiply(y) : x.add(y.multiply(y));
    }
    return x.multiply(x).multiply(y);
  }

  static Gradient elseIfChain(Gradient x) {
    double v = x.getValue();
    if (v < -1) {
      return x.exp();
    } else if (v < 0) {
      return x.multiply(x).multiply(x);
    } else if (v < 1) {
      return x.sin();
    }
    return x.log().add(1);
  }

  static Gradient branchOnComputed(Gradient x, Gradient y) {
    Gradient t = x.sin().multiply(y);
    t = t.getValue() > 0.2 ? t.multiply(t) : t.negate();
    return t.add(x);
  }

  static Gradient ifWithoutElse(Gradient x, Gradient y) {
    Gradient s = x.add(y);
    Gradient r = s.getField().getZero();
    if (s.getValue() > 1) {
      r = s.multiply(x);
    }
    if (s.getValue() < 2) {
      r = r.add(s.multiply(y));
    }
    return r.add(s);
  }

  static Gradient reassignInBranch(Gradient x, Gradient y) {
    Gradient t = x.getValue() > 0 ? x.add(1).log() : x.multiply(x).multiply(x);
    return t.multiply(y);
  }

  static Gradient intCondition(Gradient x, int n) {
    return n % 2 == 0 ? x.multiply(n) : x.divide(n);
  }

  static Gradient booleanFlag(Gradient x, Gradient y, boolean negate) {
    Gradient r = x.multiply(y);
    return (negate ? r.negate() : r).add(x);
  }

  static Gradient shortCircuit(Gradient x, Gradient y, boolean either) {
    if (x.getValue() > 0 && (y.getValue() > 0 || either)) {
      return x.multiply(y).add(y);
    }
    return x.subtract(y);
  }

  static Gradient clamp(Gradient x) {
    Gradient one = x.getField().getOne();
    return TranscendentalCases.max(one.negate(), TranscendentalCases.min(x, one)).multiply(x);
  }

  static Gradient castInCondition(Gradient x, Gradient y) {
    return (int) x.getValue() % 2 == 0 ? x.multiply(y) : x.add(y);
  }

  static Gradient siblingScopes(Gradient x, Gradient y) {
    return x.getValue() > 0 ? x.multiply(x) : x.add(1).multiply(y);
  }

  static Gradient booleanLocals(Gradient x, Gradient y) {
    boolean big = x.getValue() > 1;
    boolean negative = !(y.getValue() > 0) || x.getValue() == y.getValue();
    return big ^ negative ? x.multiply(y) : x.subtract(y);
  }
}

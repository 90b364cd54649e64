package dev.tapeless.it.scalar;

import static dev.tapeless.it.scalar.Case.Param.real;
import static dev.tapeless.it.scalar.Case.awayFrom;
import static dev.tapeless.it.scalar.Case.fn;

import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Cases for {@link Sharing}, and its functions written again in Hipparchus arithmetic. The twins
 * give every overwritten value a new name, so reassignment cannot hide a mistake in them.
 */
final class SharingCases {
  private SharingCases() {}

  static List<Case<?>> cases() {
    return List.of(
        fn("Sharing.xExpXSquared", real(-1.5, 1.5))
            .plain(a -> Sharing.xExpXSquared(a[0]))
            .frame(Sharing_Grad.XExpXSquared::new, Sharing_Grad.XExpXSquared::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> xExpXSquared(p.x(0))),
        fn("Sharing.manyUses", real(-3, 3))
            .plain(a -> Sharing.manyUses(a[0]))
            .frame(Sharing_Grad.ManyUses::new, Sharing_Grad.ManyUses::zero, g -> g.value,
                g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> manyUses(p.x(0))),
        // large r: two adds of ±r into r's adjoint would leave about 1e-7 of 0.06 wrong
        fn("Sharing.cancellingUses", real(1e8, 2e8))
            .plain(a -> Sharing.cancellingUses(a[0]))
            .frame(Sharing_Grad.CancellingUses::new, Sharing_Grad.CancellingUses::zero,
                g -> g.value, g -> new double[] {g.dr})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> cancellingUses(p.x(0))),
        fn("Sharing.diamond", real(-3, 3))
            .plain(a -> Sharing.diamond(a[0]))
            .frame(Sharing_Grad.Diamond::new, Sharing_Grad.Diamond::zero, g -> g.value,
                g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> diamond(p.x(0))),
        fn("Sharing.reassignSquare", real(-2, 2))
            .plain(a -> Sharing.reassignSquare(a[0]))
            .frame(Sharing_Grad.ReassignSquare::new, Sharing_Grad.ReassignSquare::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> reassignSquare(p.x(0))),
        fn("Sharing.selfCompound", real(-3, 3))
            .plain(a -> Sharing.selfCompound(a[0]))
            .frame(Sharing_Grad.SelfCompound::new, Sharing_Grad.SelfCompound::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> selfCompound(p.x(0))),
        fn("Sharing.compound", real(-2, 2), real(-2, 2))
            .plain(a -> Sharing.compound(a[0], a[1]))
            .frame(Sharing_Grad.Compound::new, Sharing_Grad.Compound::zero, g -> g.value,
                g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> compound(p.x(0), p.x(1))),
        fn("Sharing.accumulator", real(-2, 2), real(-2, 2))
            .plain(a -> Sharing.accumulator(a[0], a[1]))
            .frame(Sharing_Grad.Accumulator::new, Sharing_Grad.Accumulator::zero, g -> g.value,
                g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> accumulator(p.x(0), p.x(1))),
        fn("Sharing.compoundOnParams", real(-2, 2), real(-2, 2))
            .plain(a -> Sharing.compoundOnParams(a[0], a[1]))
            .frame(Sharing_Grad.CompoundOnParams::new, Sharing_Grad.CompoundOnParams::zero,
                g -> g.value, g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> compoundOnParams(p.x(0), p.x(1))),
        fn("Sharing.overwrittenTemporaries", real(-2, 2), real(-2, 2))
            .plain(a -> Sharing.overwrittenTemporaries(a[0], a[1]))
            .frame(Sharing_Grad.OverwrittenTemporaries::new,
                Sharing_Grad.OverwrittenTemporaries::zero, g -> g.value,
                g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> overwrittenTemporaries(p.x(0), p.x(1))),
        fn("Sharing.sharedAcrossBranches", real(-2, 2))
            .smoothWhere(a -> awayFrom(a[0], 0))
            .plain(a -> Sharing.sharedAcrossBranches(a[0]))
            .frame(Sharing_Grad.SharedAcrossBranches::new, Sharing_Grad.SharedAcrossBranches::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> sharedAcrossBranches(p.x(0))),
        fn("Sharing.viaCalls", real(-2, 2), real(-2, 2))
            .plain(a -> Sharing.viaCalls(a[0], a[1]))
            .frame(Sharing_Grad.ViaCalls::new, Sharing_Grad.ViaCalls::zero, g -> g.value,
                g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> viaCalls(p.x(0), p.x(1))),
        fn("Sharing.overwriteAfterUse", real(-3, 3), real(-2, 2))
            .plain(a -> Sharing.overwriteAfterUse(a[0], a[1]))
            .frame(Sharing_Grad.OverwriteAfterUse::new, Sharing_Grad.OverwriteAfterUse::zero,
                g -> g.value, g -> new double[] {g.dx, g.dy})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> overwriteAfterUse(p.x(0), p.x(1))),
        fn("Sharing.compoundWithSelf", real(-3, 3))
            .plain(a -> Sharing.compoundWithSelf(a[0]))
            .frame(Sharing_Grad.CompoundWithSelf::new, Sharing_Grad.CompoundWithSelf::zero,
                g -> g.value, g -> new double[] {g.dx})
            .calls((g, a) -> g.valueAndGradient(a[0]), (g, a) -> g.accumulate(a[0]))
            .twin(p -> compoundWithSelf(p.x(0))),
        fn("Sharing.localsNamedLikeTemporaries", real(-2, 2), real(-2, 2))
            .plain(a -> Sharing.localsNamedLikeTemporaries(a[0], a[1]))
            .frame(Sharing_Grad.LocalsNamedLikeTemporaries::new,
                Sharing_Grad.LocalsNamedLikeTemporaries::zero, g -> g.value,
                g -> new double[] {g.dx, g.dt1})
            .calls((g, a) -> g.valueAndGradient(a[0], a[1]), (g, a) -> g.accumulate(a[0], a[1]))
            .twin(p -> localsNamedLikeTemporaries(p.x(0), p.x(1))));
  }

  static Gradient xExpXSquared(Gradient x) {
    return x.multiply(x.multiply(x).exp());
  }

  static Gradient manyUses(Gradient x) {
    return x.multiply(x).multiply(x)
        .add(x.multiply(x.sin()))
        .add(x.divide(x.multiply(x).add(1)));
  }

  static Gradient cancellingUses(Gradient r) {
    return r.multiply(r.subtract(r)).add(r.multiply(0.06));
  }

  static Gradient diamond(Gradient x) {
    Gradient a = x.sin();
    Gradient b = x.cos();
    return a.multiply(b).add(a.divide(b.add(2)));
  }

  static Gradient reassignSquare(Gradient x) {
    Gradient x2 = x.multiply(x);
    Gradient x4 = x2.multiply(x2);
    return x4.add(1);
  }

  static Gradient selfCompound(Gradient x) {
    Gradient twice = x.add(x);
    return twice.multiply(twice);
  }

  static Gradient compound(Gradient x, Gradient y) {
    Gradient s1 = x.add(y);
    Gradient s2 = s1.multiply(x);
    Gradient s3 = s2.subtract(y.divide(2));
    return s3.divide(y.multiply(y).add(1));
  }

  static Gradient accumulator(Gradient x, Gradient y) {
    return x.multiply(y).add(x.multiply(x)).add(y).multiply(2);
  }

  static Gradient compoundOnParams(Gradient x, Gradient y) {
    Gradient x1 = x.multiply(y);
    Gradient y1 = y.add(x1);
    Gradient x2 = x1.divide(y1.add(10));
    return x2.multiply(y1);
  }

  static Gradient overwrittenTemporaries(Gradient x, Gradient y) {
    Gradient t1 = x.add(y);
    Gradient u1 = t1.multiply(t1);
    Gradient t2 = u1.subtract(x);
    Gradient u2 = t2.multiply(y);
    return t2.add(u2);
  }

  static Gradient sharedAcrossBranches(Gradient x) {
    Gradient t = x.multiply(x);
    Gradient r = x.getValue() > 0 ? t.multiply(x) : t.divide(t.add(1));
    return r.add(t);
  }

  static Gradient viaCalls(Gradient x, Gradient y) {
    return CallsCases.square(x.add(y)).multiply(x);
  }

  static Gradient overwriteAfterUse(Gradient x, Gradient y) {
    Gradient r = x.multiply(y);
    Gradient x1 = x.sin();
    Gradient y1 = y.multiply(x1);
    return r.add(x1.multiply(y1));
  }

  static Gradient compoundWithSelf(Gradient x) {
    Gradient s1 = x.multiply(x.add(x));
    return s1.subtract(s1.divide(3));
  }

  static Gradient localsNamedLikeTemporaries(Gradient x, Gradient t1) {
    Gradient product = x.multiply(t1);
    Gradient result = product.multiply(x);
    Gradient doubled = result.add(t1).multiply(2);
    return doubled.add(result);
  }
}

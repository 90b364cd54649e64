package dev.tapeless.it.secondorder;

import static dev.tapeless.it.secondorder.CurvatureCase.integer;
import static dev.tapeless.it.secondorder.CurvatureCase.jagged;
import static dev.tapeless.it.secondorder.CurvatureCase.matrix;
import static dev.tapeless.it.secondorder.CurvatureCase.of;
import static dev.tapeless.it.secondorder.CurvatureCase.passive;
import static dev.tapeless.it.secondorder.CurvatureCase.passiveVector;
import static dev.tapeless.it.secondorder.CurvatureCase.real;
import static dev.tapeless.it.secondorder.CurvatureCase.vector;

import dev.tapeless.it.arrays.Flatten;
import dev.tapeless.it.arrays.FreshArrays_Grad;
import dev.tapeless.it.arrays.RowVariables_Grad;
import dev.tapeless.it.secondorder.CurvatureCase.Vars;
import java.util.List;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * {@link Curvatures} and the calls of {@link SecondOrderCalls} that second order goes through,
 * each with its twin in {@code DerivativeStructure} arithmetic, statement by statement (a
 * caller's twin calls its callee's).
 */
final class CurvatureCases {
  private CurvatureCases() {}

  static List<CurvatureCase> cases() {
    return List.of(
        of("Curvatures.exponentials", Curvatures_Grad.Exponentials::new,
            g -> new double[] {g.dx, g.dy}, v -> exponentials(v.x(0), v.x(1)),
            real(0.3, 1.5), real(0.3, 1.5)),
        of("Curvatures.cancellingUses", Curvatures_Grad.CancellingUses::new,
            g -> new double[] {g.dx, g.dy}, v -> cancellingUses(v.x(0), v.x(1)),
            real(1e4, 2e4), real(-1, 1)),
        of("Curvatures.roots", Curvatures_Grad.Roots::new, g -> new double[] {g.dx, g.dy},
            v -> roots(v.x(0), v.x(1)), real(-1.5, 1.5), real(1, 2)),
        of("Curvatures.powers", Curvatures_Grad.Powers::new, g -> new double[] {g.dx, g.dy},
            v -> powers(v.x(0), v.x(1)), real(0.3, 2), real(0.3, 2)),
        of("Curvatures.trigonometric", Curvatures_Grad.Trigonometric::new,
            g -> new double[] {g.dx, g.dy}, v -> trigonometric(v.x(0), v.x(1)),
            real(-0.7, 0.7), real(-0.7, 0.7)),
        of("Curvatures.inverseTrigonometric", Curvatures_Grad.InverseTrigonometric::new,
            g -> new double[] {g.dx, g.dy}, v -> inverseTrigonometric(v.x(0), v.x(1)),
            real(-0.8, 0.8), real(-0.8, 0.8)),
        of("Curvatures.hyperbolic", Curvatures_Grad.Hyperbolic::new,
            g -> new double[] {g.dx, g.dy}, v -> hyperbolic(v.x(0), v.x(1)),
            real(-1.5, 1.5), real(-1.5, 1.5)),
        of("Curvatures.kinks", Curvatures_Grad.Kinks::new, g -> new double[] {g.dx, g.dy},
            v -> kinks(v, v.x(0), v.x(1)), real(-2, 2), real(-2, 2)),
        of("Curvatures.angles", Curvatures_Grad.Angles::new, g -> new double[] {g.dx, g.dy},
            v -> angles(v.x(0), v.x(1)), real(-3, 3), real(-3, 3)),
        of("Curvatures.quotients", Curvatures_Grad.Quotients::new,
            g -> new double[] {g.dx, g.dy}, v -> quotients(v, v.x(0), v.x(1)),
            real(0.5, 3), real(0.5, 3)),
        of("Curvatures.steps", Curvatures_Grad.Steps::new, g -> new double[] {g.dx, g.dy},
            v -> steps(v, v.x(0), v.x(1)), real(-2, 2), real(-2, 2)),
        of("Curvatures.branches", Curvatures_Grad.Branches::new,
            g -> new double[] {g.dx, g.dy}, v -> branches(v, v.x(0), v.x(1)),
            real(-2, 2), real(-2, 2)),
        of("Curvatures.compound", Curvatures_Grad.Compound::new,
            g -> new double[] {g.dx, g.dy}, v -> compound(v.x(0), v.x(1)),
            real(0.5, 1.5), real(-1, 1)),
        of("Curvatures.loopBreakContinue", Curvatures_Grad.LoopBreakContinue::new,
            g -> Flatten.flat(g.dx, g.dlimit), v -> loopBreakContinue(v, v.vec(0), v.x(1)),
            vector(3, 6, -1, 1.5), real(0.5, 2)),
        of("Curvatures.newtonCubeRoot", Curvatures_Grad.NewtonCubeRoot::new,
            g -> new double[] {g.da}, v -> newtonCubeRoot(v, v.x(0)), real(0.3, 5)),
        of("Curvatures.doWhileEarlyReturn", Curvatures_Grad.DoWhileEarlyReturn::new,
            g -> Flatten.flat(g.dx, g.dt), v -> doWhileEarlyReturn(v, v.vec(0), v.x(1)),
            vector(2, 6, -1.5, 1.5), real(0.3, 1.2)),
        of("Curvatures.recurrence", Curvatures_Grad.Recurrence::new,
            g -> Flatten.flat(g.dx, g.da), v -> recurrence(v, v.vec(0), v.x(1)),
            vector(2, 5, -1, 1), real(-1, 1)),
        of("Curvatures.quadraticForm", Curvatures_Grad.QuadraticForm::new,
            g -> Flatten.flat(g.dA, g.dx), v -> quadraticForm(v.mat(0), v.vec(1)),
            matrix(3, 3, -1, 1), vector(3, 3, -1, 1)),
        of("Curvatures.logSumExpOfLayer", Curvatures_Grad.LogSumExpOfLayer::new,
            g -> Flatten.flat(g.dW, g.dx), v -> logSumExpOfLayer(v.mat(0), v.vec(1)),
            matrix(3, 4, -1, 1), vector(4, 4, -1, 1)),
        of("Curvatures.jaggedWithCopies", Curvatures_Grad.JaggedWithCopies::new,
            g -> Flatten.flat(g.dz, g.dc), v -> jaggedWithCopies(v, v.mat(0), v.x(1)),
            jagged(3, 4, -1, 1), real(-1, 1)),
        of("Curvatures.polynomial", Curvatures_Grad.Polynomial::new,
            g -> new double[] {g.dx, g.dy}, v -> polynomial(v.x(0), v.n(1), v.d(2), v.x(3)),
            real(-1.5, 1.5), integer(0, 4), passive(0.5, 2), real(-1, 1)),
        of("Curvatures.hyperbola", Curvatures_Grad.Hyperbola::new, g -> new double[] {g.dx},
            v -> v.x(0).multiply(v.x(0)).add(1).sqrt(), real(-2, 2)),
        of("Curvatures.power", Curvatures_Grad.Power::new, g -> new double[] {g.dx, g.dy},
            v -> v.x(0).pow(v.x(1)), real(0.3, 3), real(-2, 3)),
        of("SecondOrderCalls.differentiableCallee",
            SecondOrderCalls_Grad.DifferentiableCallee::new, g -> new double[] {g.dx, g.dy},
            v -> hyperbolic(v.x(0), v.x(1)).multiply(2)
                .add(exponentials(v.x(1), v.x(0)).multiply(v.x(0))),
            real(0.3, 1.5), real(0.3, 1.5)),
        of("SecondOrderCalls.calleeInALoop", SecondOrderCalls_Grad.CalleeInALoop::new,
            g -> Flatten.flat(g.dA, g.dx), v -> calleeInALoop(v, v.mat(0), v.vec(1)),
            matrix(3, 4, -1, 1.5), vector(3, 3, -1, 1)),
        of("SecondOrderCalls.rowToCallee", SecondOrderCalls_Grad.RowToCallee::new,
            g -> Flatten.flat(g.dA, g.dx), v -> calleeInALoop(v, v.mat(0), v.vec(1)),
            matrix(3, 4, -1, 1.5), vector(3, 3, -1, 1)),
        of("SecondOrderCalls.squares", SecondOrderCalls_Grad.Squares::new,
            g -> Flatten.flat(g.dx), v -> squares(v.vec(0)), vector(4, 4, -1, 1)),
        of("SecondOrderCalls.kernelOnConstants", SecondOrderCalls_Grad.KernelOnConstants::new,
            g -> new double[] {g.dx}, v -> kernelOnConstants(v.x(0), v.dvec(1)),
            real(-2, 2), passiveVector(3, -1, 1)),
        of("SecondOrderCalls.calleeOnConstants", SecondOrderCalls_Grad.CalleeOnConstants::new,
            g -> new double[] {g.dx}, v -> calleeOnConstants(v.x(0), v.d(1)),
            real(-2, 2), passive(-1, 1)),
        of("RowVariables.rowsRead", RowVariables_Grad.RowsRead::new,
            g -> Flatten.flat(g.dW, g.dx), v -> rowsRead(v.mat(0), v.vec(1)),
            matrix(3, 3, -1, 1), vector(3, 3, -1, 1)),
        of("RowVariables.rowsWritten", RowVariables_Grad.RowsWritten::new,
            g -> Flatten.flat(g.dW, g.dx), v -> rowsWritten(v.mat(0), v.vec(1)),
            matrix(2, 3, -1.5, 1.5), vector(3, 3, -1.5, 1.5)),
        of("RowVariables.rowMoved", RowVariables_Grad.RowMoved::new,
            g -> Flatten.flat(g.dW), v -> rowMoved(v.mat(0)), matrix(4, 3, -1.5, 1.5)),
        of("RowVariables.slices", RowVariables_Grad.Slices::new,
            g -> Flatten.flat(g.dW, g.dx), v -> slices(v.mat(0), v.vec(1)),
            matrix(2, 3, -1.5, 1.5), vector(3, 3, -1.5, 1.5)),
        of("FreshArrays.scratchPerIteration", FreshArrays_Grad.ScratchPerIteration::new,
            g -> Flatten.flat(g.dx), v -> scratchPerIteration(v, v.vec(0), v.n(1)),
            vector(1, 4, -1.5, 1.5), integer(0, 3)),
        of("FreshArrays.matrixPerIteration", FreshArrays_Grad.MatrixPerIteration::new,
            g -> Flatten.flat(g.dW, g.dx), v -> matrixPerIteration(v.mat(0), v.vec(1)),
            matrix(3, 2, -1.5, 1.5), vector(2, 2, -1.5, 1.5)));
  }

  // The twins, statement by statement.

  private static DerivativeStructure exponentials(DerivativeStructure x, DerivativeStructure y) {
    return x.multiply(y).exp().add(x.log().multiply(y.log10())).add(x.multiply(y).log1p())
        .subtract(y.subtract(x).expm1());
  }

  private static DerivativeStructure cancellingUses(DerivativeStructure x,
      DerivativeStructure y) {
    DerivativeStructure q = x.multiply(x);
    return q.multiply(q.subtract(q)).add(q.multiply(0.06)).add(y);
  }

  private static DerivativeStructure roots(DerivativeStructure x, DerivativeStructure y) {
    return x.multiply(x).add(y).sqrt().multiply(x.add(y.multiply(2)).cbrt())
        .add(x.hypot(y.multiply(y)));
  }

  private static DerivativeStructure powers(DerivativeStructure x, DerivativeStructure y) {
    return x.pow(y).add(x.pow(3.0).multiply(y)).add(DerivativeStructure.pow(2.5, y.multiply(x)))
        .add(x.multiply(y).pow(0.5));
  }

  private static DerivativeStructure trigonometric(DerivativeStructure x,
      DerivativeStructure y) {
    return x.multiply(y).sin().multiply(x.cos()).add(x.subtract(y).tan());
  }

  private static DerivativeStructure inverseTrigonometric(DerivativeStructure x,
      DerivativeStructure y) {
    return x.multiply(y).asin().add(x.subtract(y).multiply(0.5).acos().multiply(x.add(y).atan()))
        .add(y.atan2(x.add(2)));
  }

  private static DerivativeStructure hyperbolic(DerivativeStructure x, DerivativeStructure y) {
    return x.sinh().multiply(y.cosh()).add(x.multiply(y).tanh());
  }

  private static DerivativeStructure kinks(Vars v, DerivativeStructure x,
      DerivativeStructure y) {
    return v.abs(x.subtract(y)).multiply(x)
        .add(v.max(x.multiply(x), y).multiply(v.min(x, y.multiply(y))));
  }

  private static DerivativeStructure angles(DerivativeStructure x, DerivativeStructure y) {
    return x.multiply(30).toRadians().sin().multiply(x.multiply(y).toDegrees()).divide(100);
  }

  private static DerivativeStructure quotients(Vars v, DerivativeStructure x,
      DerivativeStructure y) {
    return x.multiply(x).divide(y.add(3)).add(v.rem(x.multiply(y), y.add(2)))
        .subtract(y.divide(x));
  }

  private static DerivativeStructure steps(Vars v, DerivativeStructure x,
      DerivativeStructure y) {
    return v.floor(x.multiply(2)).multiply(y).multiply(y)
        .add(v.ceil(y).multiply(x).multiply(x))
        .add(v.rint(x.add(y)).multiply(x).multiply(y))
        .add(v.signum(x.subtract(y)).multiply(x.multiply(y).exp()));
  }

  private static DerivativeStructure branches(Vars v, DerivativeStructure x,
      DerivativeStructure y) {
    if (v.gt(x.multiply(y), 1)) {
      return x.multiply(x).multiply(y);
    }
    DerivativeStructure t = v.gt(x, y) ? x.subtract(y).exp() : x.multiply(y).multiply(y);
    return t.multiply(x).add(y);
  }

  private static DerivativeStructure compound(DerivativeStructure x, DerivativeStructure y) {
    DerivativeStructure s = x;
    s = s.multiply(y);
    s = s.add(x.multiply(x));
    s = s.subtract(y.divide(x));
    s = s.divide(y.multiply(y).add(1));
    x = x.add(s);
    x = x.exp();
    s = s.tanh();
    return s.multiply(x);
  }

  private static DerivativeStructure loopBreakContinue(Vars v, DerivativeStructure[] x,
      DerivativeStructure limit) {
    DerivativeStructure s = v.constant(0);
    for (DerivativeStructure xi : x) {
      if (v.lt(xi, 0)) {
        continue;
      }
      s = s.add(xi.multiply(xi).multiply(limit));
      if (v.gt(s, limit.multiply(3))) {
        break;
      }
    }
    return s.multiply(s).add(limit);
  }

  /** The trip count follows the values, as in the original; it is not a switch to avoid. */
  private static DerivativeStructure newtonCubeRoot(Vars v, DerivativeStructure a) {
    DerivativeStructure r = v.gt(a, 1) ? a : v.constant(1);
    int k = 0;
    while (Math.abs(r.getValue() * r.getValue() * r.getValue() - a.getValue())
        > 1e-14 * a.getValue() && k < 100) {
      r = r.subtract(r.multiply(r).multiply(r).subtract(a).divide(r.multiply(r).multiply(3)));
      k++;
    }
    return r.multiply(r);
  }

  private static DerivativeStructure doWhileEarlyReturn(Vars v, DerivativeStructure[] x,
      DerivativeStructure t) {
    DerivativeStructure s = v.constant(0);
    int i = 0;
    do {
      s = s.multiply(t).add(x[i].sin());
      if (v.gt(s, 2)) {
        return s.multiply(t);
      }
      i++;
    } while (i < x.length);
    return s.add(t.multiply(t));
  }

  private static DerivativeStructure recurrence(Vars v, DerivativeStructure[] x,
      DerivativeStructure a) {
    DerivativeStructure[] h = new DerivativeStructure[x.length + 1];
    java.util.Arrays.fill(h, v.constant(0));
    for (int i = 0; i < x.length; i++) {
      h[i + 1] = a.multiply(h[i]).add(x[i]).tanh();
      h[i + 1] = h[i + 1].multiply(x[i].multiply(0.1).add(1));
      h[i] = h[i].exp();
    }
    DerivativeStructure s = v.constant(0);
    for (DerivativeStructure hi : h) {
      s = s.add(hi.multiply(hi));
    }
    return s;
  }

  private static DerivativeStructure quadraticForm(DerivativeStructure[][] a,
      DerivativeStructure[] x) {
    DerivativeStructure s = x[0].getField().getZero();
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        s = s.add(x[i].multiply(a[i][j]).multiply(x[j]));
      }
    }
    return s.add(s.multiply(s).multiply(0.1));
  }

  private static DerivativeStructure logSumExpOfLayer(DerivativeStructure[][] w,
      DerivativeStructure[] x) {
    DerivativeStructure zero = x[0].getField().getZero();
    DerivativeStructure[] y = new DerivativeStructure[w.length];
    for (int i = 0; i < w.length; i++) {
      y[i] = zero;
      for (int j = 0; j < x.length; j++) {
        y[i] = y[i].add(w[i][j].multiply(x[j]));
      }
    }
    // Which y is the shift changes nothing mathematically: not a switch to avoid.
    DerivativeStructure m = y[0];
    for (int i = 1; i < y.length; i++) {
      if (y[i].getValue() > m.getValue()) {
        m = y[i];
      }
    }
    DerivativeStructure s = zero;
    for (DerivativeStructure yi : y) {
      s = s.add(yi.subtract(m).exp());
    }
    return m.add(s.log());
  }

  private static DerivativeStructure jaggedWithCopies(Vars v, DerivativeStructure[][] z,
      DerivativeStructure c) {
    DerivativeStructure[] buffer = new DerivativeStructure[4];
    DerivativeStructure s = v.constant(0);
    for (DerivativeStructure[] row : z) {
      java.util.Arrays.fill(buffer, c);
      System.arraycopy(row, 0, buffer, 0, row.length);
      for (int j = 0; j < buffer.length; j++) {
        s = s.add(buffer[j].multiply(buffer[j]).multiply(j + 1))
            .add(buffer[j].multiply(c).cos());
      }
    }
    return s;
  }

  private static DerivativeStructure polynomial(DerivativeStructure x, int degree, double w,
      DerivativeStructure y) {
    DerivativeStructure p = x.getField().getZero();
    for (int k = 0; k <= degree; k++) {
      p = p.multiply(x).add(y.multiply(w * (k + 1)));
    }
    return p.multiply(y);
  }

  private static DerivativeStructure calleeInALoop(Vars v, DerivativeStructure[][] a,
      DerivativeStructure[] x) {
    DerivativeStructure s = v.constant(0);
    for (int i = 0; i < a.length; i++) {
      s = s.add(loopBreakContinue(v, a[i], x[i].multiply(x[i]).add(0.5)));
    }
    return s;
  }

  private static DerivativeStructure squares(DerivativeStructure[] x) {
    DerivativeStructure s = x[0].getField().getZero();
    for (DerivativeStructure xi : x) {
      s = s.add(xi.multiply(xi));
    }
    return s;
  }

  private static DerivativeStructure kernelOnConstants(DerivativeStructure x, double[] w) {
    double dot = 0;
    for (double wi : w) {
      dot += wi * wi;
    }
    return x.multiply(x).multiply(dot);
  }

  private static DerivativeStructure calleeOnConstants(DerivativeStructure x, double c) {
    double factor = Math.sinh(c) * Math.cosh(c) + Math.tanh(c * c);
    return x.multiply(x).multiply(x).multiply(factor);
  }

  private static DerivativeStructure rowsRead(DerivativeStructure[][] w,
      DerivativeStructure[] x) {
    DerivativeStructure total = x[0].getField().getZero();
    for (int i = 0; i < w.length; i++) {
      DerivativeStructure s = x[0].getField().getZero();
      for (int j = 0; j < x.length; j++) {
        s = s.add(w[i][j].multiply(x[j]));
      }
      total = total.add(s.tanh().multiply(i + 1));
    }
    return total;
  }

  private static DerivativeStructure rowsWritten(DerivativeStructure[][] w,
      DerivativeStructure[] x) {
    DerivativeStructure s = x[0].getField().getZero();
    for (DerivativeStructure[] row : w) {
      for (int j = 0; j < x.length; j++) {
        DerivativeStructure h = row[j].multiply(x[j]).sin().multiply(row[j]);
        s = s.add(h.multiply(h)).add(h);
      }
    }
    return s;
  }

  private static DerivativeStructure rowMoved(DerivativeStructure[][] w) {
    DerivativeStructure s = w[0][0].getField().getZero();
    for (int t = 1; t < w.length; t++) {
      for (int j = 0; j < w[t].length; j++) {
        s = s.add(w[t - 1][j].multiply(w[t][j]).multiply(Math.exp(-0.1 * t)));
      }
    }
    for (DerivativeStructure last : w[w.length - 1]) {
      s = s.add(last.multiply(last));
    }
    return s;
  }

  private static DerivativeStructure slices(DerivativeStructure[][] w, DerivativeStructure[] x) {
    DerivativeStructure s = x[0].getField().getZero();
    for (int b = 0; b < 2; b++) {
      for (DerivativeStructure[] row : w) {
        for (int j = 0; j < x.length; j++) {
          DerivativeStructure t = row[j].multiply(b == 0 ? x[j] : x[j].multiply(x[j]));
          s = s.add(t.multiply(t));
        }
      }
    }
    return s;
  }

  private static DerivativeStructure scratchPerIteration(Vars v, DerivativeStructure[] x,
      int steps) {
    DerivativeStructure s = v.constant(0);
    for (int k = 0; k < steps; k++) {
      DerivativeStructure[] t = new DerivativeStructure[x.length];
      for (int j = 0; j < x.length; j++) {
        t[j] = x[j].multiply(k + 1).sin().add(s.multiply(0.1));
      }
      for (int j = 1; j < t.length; j++) {
        t[j] = t[j].add(t[j - 1].multiply(0.5));
      }
      s = s.add(t[t.length - 1].multiply(t[0]));
    }
    return s;
  }

  private static DerivativeStructure matrixPerIteration(DerivativeStructure[][] w,
      DerivativeStructure[] x) {
    DerivativeStructure s = x[0].getField().getZero();
    for (int i = 0; i < w.length; i++) {
      for (int a = 0; a <= i && a < x.length; a++) {
        for (DerivativeStructure xb : x) {
          DerivativeStructure p = w[i][a].multiply(xb);
          s = s.add(p.multiply(p));
        }
      }
    }
    return s;
  }
}

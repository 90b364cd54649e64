package dev.tapeless.samples.ode;

import dev.tapeless.Checkpoint;
import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.samples.ode.LotkaVolterra.Rates;

/**
 * The Lotka–Volterra model over a long horizon: 100,000 Runge–Kutta steps, the objective the
 * final state's distance to a target plus the prey population integrated along the way. The
 * time loop carries {@code @Checkpoint}, so the gradient keeps about √T copies of the two-number
 * state and the record of √T steps instead of the record of every step, for one more forward
 * pass; {@link #objectivePlain} is the same loop without it, for comparison
 * ({@link LongHorizonMemory} prints both).
 */
public final class LongHorizon {
  private LongHorizon() {}

  /** The objective, its time loop checkpointed. */
  @Differentiable
  public static double objective(Rates k, double[] y0, @NoDerivative double[] target, int steps,
      @NoDerivative double h) {
    double[] y = y0.clone();
    double[] next = new double[2];
    double prey = 0;
    for (@Checkpoint int s = 0; s < steps; s++) {
      LotkaVolterra.rk4Step(k, y, h, next);
      System.arraycopy(next, 0, y, 0, 2);
      prey += h * y[0];
    }
    double e0 = y[0] - target[0];
    double e1 = y[1] - target[1];
    return 0.5 * (e0 * e0 + e1 * e1) + 0.01 * prey;
  }

  /** {@link #objective} without {@code @Checkpoint}: the same gradient, memory per step. */
  @Differentiable
  public static double objectivePlain(Rates k, double[] y0, @NoDerivative double[] target,
      int steps, @NoDerivative double h) {
    double[] y = y0.clone();
    double[] next = new double[2];
    double prey = 0;
    for (int s = 0; s < steps; s++) {
      LotkaVolterra.rk4Step(k, y, h, next);
      System.arraycopy(next, 0, y, 0, 2);
      prey += h * y[0];
    }
    double e0 = y[0] - target[0];
    double e1 = y[1] - target[1];
    return 0.5 * (e0 * e0 + e1 * e1) + 0.01 * prey;
  }
}

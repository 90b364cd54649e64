package dev.tapeless.samples.ode;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import dev.tapeless.Out;

/**
 * The Lotka–Volterra predator–prey equations, integrated by the classical fourth-order
 * Runge–Kutta method written the way one writes it by hand: the state and the four stages in
 * local arrays, a helper that computes the right-hand side into an array, a helper for one
 * step, and a time loop. Every method is {@code @Differentiable}, so the least-squares misfit
 * of a simulated trajectory to observations has a generated gradient with respect to the rates
 * and the initial state: reverse mode runs the time loop backwards (the adjoint method, with
 * nothing written for it).
 *
 * <pre>
 *   dx/dt = alpha x − beta x y      (prey)
 *   dy/dt = delta x y − gamma y     (predators)
 * </pre>
 */
public final class LotkaVolterra {
  private LotkaVolterra() {}

  /**
   * The rates of the model.
   *
   * @param alpha the prey's growth rate
   * @param beta the rate at which predators eat prey
   * @param delta the predators' growth per prey eaten
   * @param gamma the predators' death rate
   */
  public record Rates(double alpha, double beta, double delta, double gamma) {

    /** The components in declaration order. */
    public double[] toArray() {
      return new double[] {alpha, beta, delta, gamma};
    }

    /** The inverse of {@link #toArray()}. */
    public static Rates of(double[] v) {
      return new Rates(v[0], v[1], v[2], v[3]);
    }
  }

  /** The right-hand side: {@code dydt} = f(y). */
  @Differentiable
  public static void derivative(Rates k, double[] y, @Out double[] dydt) {
    dydt[0] = k.alpha() * y[0] - k.beta() * y[0] * y[1];
    dydt[1] = k.delta() * y[0] * y[1] - k.gamma() * y[1];
  }

  /** One Runge–Kutta step of size {@code h} from {@code y} into {@code next}. */
  @Differentiable
  public static void rk4Step(Rates k, double[] y, @NoDerivative double h, @Out double[] next) {
    double[] k1 = new double[2];
    double[] k2 = new double[2];
    double[] k3 = new double[2];
    double[] k4 = new double[2];
    double[] stage = new double[2];
    derivative(k, y, k1);
    for (int i = 0; i < 2; i++) {
      stage[i] = y[i] + 0.5 * h * k1[i];
    }
    derivative(k, stage, k2);
    for (int i = 0; i < 2; i++) {
      stage[i] = y[i] + 0.5 * h * k2[i];
    }
    derivative(k, stage, k3);
    for (int i = 0; i < 2; i++) {
      stage[i] = y[i] + h * k3[i];
    }
    derivative(k, stage, k4);
    for (int i = 0; i < 2; i++) {
      next[i] = y[i] + h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
  }

  /**
   * Half the sum of squared differences between the simulated populations and
   * {@code observed[i]}, observed every {@code substeps} steps of size {@code h} after the
   * start {@code y0}.
   */
  @Differentiable
  public static double misfit(Rates k, double[] y0, @NoDerivative double[][] observed,
      int substeps, @NoDerivative double h) {
    double[] y = y0.clone();
    double[] next = new double[2];
    double sum = 0;
    for (int i = 0; i < observed.length; i++) {
      for (int s = 0; s < substeps; s++) {
        rk4Step(k, y, h, next);
        System.arraycopy(next, 0, y, 0, 2);
      }
      for (int j = 0; j < 2; j++) {
        double error = y[j] - observed[i][j];
        sum += error * error;
      }
    }
    return 0.5 * sum;
  }

  /** The trajectory itself, plain Java: row i is the state after i + 1 observation intervals. */
  public static double[][] simulate(Rates k, double[] y0, int observations, int substeps,
      double h) {
    double[][] out = new double[observations][];
    double[] y = y0.clone();
    double[] next = new double[2];
    for (int i = 0; i < observations; i++) {
      for (int s = 0; s < substeps; s++) {
        rk4Step(k, y, h, next);
        System.arraycopy(next, 0, y, 0, 2);
      }
      out[i] = y.clone();
    }
    return out;
  }
}

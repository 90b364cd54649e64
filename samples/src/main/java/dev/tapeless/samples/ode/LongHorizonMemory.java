package dev.tapeless.samples.ode;

import dev.tapeless.runtime.AllocationMeter;
import dev.tapeless.samples.ode.LotkaVolterra.Rates;
import java.util.Arrays;

/**
 * Prints the memory and time of the 100,000-step {@link LongHorizon} gradient with and without
 * {@code @Checkpoint}: the bytes a fresh frame's first call allocates (its save buffers, which
 * later calls reuse) and the median time of a call once warm.
 */
public final class LongHorizonMemory {
  /** The horizon: steps of the time loop. */
  public static final int STEPS = 100_000;
  /** The step size: 100 time units, a few predator–prey cycles. */
  public static final double H = 0.001;
  static final Rates RATES = new Rates(0.8, 0.3, 0.13, 0.5);
  static final double[] Y0 = {10, 10};
  static final double[] TARGET = {5, 12};

  private static volatile double sink;

  private LongHorizonMemory() {}

  /**
   * Runs both gradients and prints their figures.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    LongHorizon_Grad.Objective checkpointed = new LongHorizon_Grad.Objective();
    LongHorizon_Grad.ObjectivePlain plain = new LongHorizon_Grad.ObjectivePlain();
    long plainBytes = AllocationMeter.allocatedBy(
        () -> sink = plain.valueAndGradient(RATES, Y0, TARGET, STEPS, H));
    long checkpointedBytes = AllocationMeter.allocatedBy(
        () -> sink = checkpointed.valueAndGradient(RATES, Y0, TARGET, STEPS, H));
    double plainMs = medianMillis(() -> sink = plain.valueAndGradient(RATES, Y0, TARGET, STEPS, H));
    double checkpointedMs = medianMillis(
        () -> sink = checkpointed.valueAndGradient(RATES, Y0, TARGET, STEPS, H));
    double primalMs = medianMillis(
        () -> sink = LongHorizon.objective(RATES, Y0, TARGET, STEPS, H));
    System.out.printf("%,d RK4 steps of Lotka-Volterra, gradient with respect to 4 rates and"
        + " the initial state%n", STEPS);
    System.out.printf("  without @Checkpoint: first call allocates %,12d bytes, %6.2f ms a call%n",
        plainBytes, plainMs);
    System.out.printf("  with @Checkpoint:    first call allocates %,12d bytes, %6.2f ms a call%n",
        checkpointedBytes, checkpointedMs);
    System.out.printf("  the function alone:  %6.2f ms; gradients equal: %b%n", primalMs,
        Arrays.equals(rates(checkpointed.dk), rates(plain.dk))
            && Arrays.equals(checkpointed.dy0, plain.dy0));
  }

  /** The gradient with respect to the rates, as an array. */
  static double[] rates(LongHorizon_Grad.RatesAdjoint d) {
    return new double[] {d.alpha, d.beta, d.delta, d.gamma};
  }

  /** The median wall time of {@code call} over 9 runs after 5 warm-up runs. */
  static double medianMillis(Runnable call) {
    for (int i = 0; i < 5; i++) {
      call.run();
    }
    double[] ms = new double[9];
    for (int i = 0; i < ms.length; i++) {
      long start = System.nanoTime();
      call.run();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    return ms[ms.length / 2];
  }
}

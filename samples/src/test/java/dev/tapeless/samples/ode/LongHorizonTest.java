package dev.tapeless.samples.ode;

import static dev.tapeless.runtime.AllocationMeter.allocatedBy;
import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.GradCheck;
import dev.tapeless.samples.ode.LotkaVolterra.Rates;
import org.junit.jupiter.api.Test;

/**
 * The 100,000-step Lotka–Volterra gradient with {@code @Checkpoint} is the gradient without it,
 * bit for bit, and the one of finite differences; its first call allocates under 1 MB (without
 * the annotation: over 100 MB), and later calls nothing.
 */
class LongHorizonTest {
  private static final int STEPS = LongHorizonMemory.STEPS;
  private static final double H = LongHorizonMemory.H;
  private static final double[] Y0 = LongHorizonMemory.Y0;
  private static final double[] TARGET = LongHorizonMemory.TARGET;

  /** The derivatives run to thousands over 100 time units: a smaller step than the default. */
  private static final GradCheck.Options SMALL_STEP = new GradCheck.Options(1e-5);

  private static volatile double sink;

  @Test
  void checkpointedGradientIsThePlainOneAndFitsInAMegabyte() {
    LongHorizon_Grad.Objective checkpointed = new LongHorizon_Grad.Objective();
    LongHorizon_Grad.ObjectivePlain plain = new LongHorizon_Grad.ObjectivePlain();
    long checkpointedBytes = allocatedBy(() -> sink =
        checkpointed.valueAndGradient(LongHorizonMemory.RATES, Y0, TARGET, STEPS, H));
    long plainBytes = allocatedBy(() -> sink =
        plain.valueAndGradient(LongHorizonMemory.RATES, Y0, TARGET, STEPS, H));
    System.out.printf("100,000-step Lotka-Volterra gradient, first call: %,d bytes with"
        + " @Checkpoint, %,d without%n", checkpointedBytes, plainBytes);
    assertTrue(checkpointedBytes < 1 << 20, checkpointedBytes + " bytes");
    assertTrue(plainBytes > 20 * checkpointedBytes, plainBytes + " bytes");
    assertArrayEquals(LongHorizonMemory.rates(plain.dk),
        LongHorizonMemory.rates(checkpointed.dk), 0.0);
    assertArrayEquals(plain.dy0, checkpointed.dy0, 0.0);
    double[] rates = LongHorizonMemory.RATES.toArray();
    GradCheck.check(v -> LongHorizon.objective(Rates.of(v), Y0, TARGET, STEPS, H), rates,
        LongHorizonMemory.rates(checkpointed.dk), SMALL_STEP).assertWithin(1e-6);
    GradCheck.check(v -> LongHorizon.objective(LongHorizonMemory.RATES, v, TARGET, STEPS, H),
        Y0.clone(), checkpointed.dy0, SMALL_STEP).assertWithin(1e-6);
  }

  @Test
  void laterCallsAllocateNothing() {
    LongHorizon_Grad.Objective frame = new LongHorizon_Grad.Objective();
    assertAllocatesNothing("LongHorizon_Grad.Objective", () -> sink =
        frame.valueAndGradient(LongHorizonMemory.RATES, Y0, TARGET, 10_000, H));
  }
}

package dev.tapeless.it.checkpointing;

import static dev.tapeless.runtime.AllocationMeter.allocatedBy;
import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.support.SavedValues;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/**
 * Memory measured, not assumed: the gradient of a 100,000-step Runge-Kutta ODE (four state
 * variables) allocates on its first call, mostly its save buffer, under 1/20 of what the loop
 * without {@code @Checkpoint} allocates and under 1 MB, keeps a save buffer of that size, and
 * allocates nothing on later calls.
 */
class CheckpointMemoryTest {
  private static final int STEPS = 100_000;
  private static final double[] P = {0.8, 0.5};
  private static final double[] X0 = {0.3, -0.2, 0.9, 0.1};

  private static volatile double sink;

  @Test
  void checkpointedOdeNeedsUnderATwentiethOfTheMemory() throws ReflectiveOperationException {
    Checkpointed_Grad.Rk4Plain plain = new Checkpointed_Grad.Rk4Plain();
    Checkpointed_Grad.Rk4 checkpointed = new Checkpointed_Grad.Rk4();
    long plainBytes = allocatedBy(() -> sink = plain.valueAndGradient(P, X0, STEPS, 1e-4));
    long checkpointedBytes =
        allocatedBy(() -> sink = checkpointed.valueAndGradient(P, X0, STEPS, 1e-4));
    long plainBuffer = savedValuesOf(plain).capacityBytes();
    long checkpointedBuffer = savedValuesOf(checkpointed).capacityBytes();
    System.out.printf("100,000-step RK4 gradient, first call: %,d bytes allocated (save buffer"
        + " %,d) without @Checkpoint, %,d (save buffer %,d) with it%n", plainBytes, plainBuffer,
        checkpointedBytes, checkpointedBuffer);
    assertTrue(checkpointedBytes < plainBytes / 20,
        checkpointedBytes + " bytes against " + plainBytes);
    assertTrue(checkpointedBytes < 1 << 20, checkpointedBytes + " bytes");
    assertTrue(checkpointedBuffer < plainBuffer / 20,
        checkpointedBuffer + " bytes of buffer against " + plainBuffer);
    assertArrayEquals(plain.dp, checkpointed.dp, 0.0);
    assertArrayEquals(plain.dx0, checkpointed.dx0, 0.0);
    assertEquals(plain.ddt, checkpointed.ddt, 0.0);
  }

  @Test
  void laterCallsAllocateNothing() {
    Checkpointed_Grad.Rk4 g = new Checkpointed_Grad.Rk4();
    assertAllocatesNothing("checkpointed RK4", () -> sink = g.valueAndGradient(P, X0, 20_000,
        1e-4));
    Checkpointed_Grad.Twice twice = new Checkpointed_Grad.Twice();
    assertAllocatesNothing("checkpointed loop in split mode",
        () -> sink = twice.valueAndGradient(2.9, 0.3, 1000));
  }

  /** The save buffer a frame's sweeps keep, found by type: it is not API. */
  static SavedValues savedValuesOf(Object frame) throws ReflectiveOperationException {
    Field sweeps = frame.getClass().getDeclaredField("sweeps");
    sweeps.setAccessible(true);
    Object s = sweeps.get(frame);
    for (Class<?> c = s.getClass(); c != null; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getType() == SavedValues.class) {
          f.setAccessible(true);
          return (SavedValues) f.get(s);
        }
      }
    }
    throw new AssertionError("no SavedValues in " + s.getClass());
  }
}

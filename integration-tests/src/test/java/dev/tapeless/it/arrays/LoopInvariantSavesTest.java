package dev.tapeless.it.arrays;

import static dev.tapeless.runtime.AllocationMeter.allocatedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.GradCheck;
import dev.tapeless.runtime.support.SavedValues;
import java.lang.reflect.Field;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A value a loop never changes is not saved on every iteration: the oscillator with its
 * constants computed in the loop saves exactly as much as the one with them hoisted (measured
 * as the bytes a fresh frame's first call allocates, mostly its save buffer), and both give the
 * gradient of finite differences.
 */
class LoopInvariantSavesTest {

  private static volatile double sink;

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 200})
  void gradientMatchesFiniteDifferencesWithConstantsInTheLoop(int steps) {
    LongLoops_Grad.Oscillator g = new LongLoops_Grad.Oscillator();
    assertEquals(LongLoops.oscillator(0.3, 0.4, 1.2, steps),
        g.valueAndGradient(0.3, 0.4, 1.2, steps));
    GradCheck.check(v -> LongLoops.oscillator(v[0], v[1], v[2], steps),
        new double[] {0.3, 0.4, 1.2}, new double[] {g.dk, g.dc, g.dx0}).assertWithin(1e-8);
    LongLoops_Grad.OscillatorHoisted h = new LongLoops_Grad.OscillatorHoisted();
    h.valueAndGradient(0.3, 0.4, 1.2, steps);
    assertEquals(h.dk, g.dk, 1e-12 * (1 + Math.abs(h.dk)));
    assertEquals(h.dc, g.dc, 1e-12 * (1 + Math.abs(h.dc)));
    assertEquals(h.dx0, g.dx0, 1e-12 * (1 + Math.abs(h.dx0)));
    double tangent = g.jvp(0.3, 0.4, 1.2, steps, 1.0, 0.0, 0.0);
    assertEquals(g.dk, tangent, 1e-12 * (1 + Math.abs(tangent)));
  }

  @Test
  void constantsComputedInTheLoopCostNoSavesPerStep() {
    int steps = 200_000;
    long inLoop = allocatedBy(() -> sink = new LongLoops_Grad.Oscillator()
        .valueAndGradient(0.3, 0.4, 1.2, steps));
    long hoisted = allocatedBy(() -> sink = new LongLoops_Grad.OscillatorHoisted()
        .valueAndGradient(0.3, 0.4, 1.2, steps));
    // two doubles saved per step (v and x) in both: about 2 * 8 * steps bytes of buffer
    assertTrue(hoisted > 2L * 8 * steps, "hoisted: " + hoisted + " bytes");
    assertTrue(Math.abs(inLoop - hoisted) < 64 * 1024,
        "in the loop: " + inLoop + " bytes, hoisted: " + hoisted + " bytes");
  }

  @Test
  void aFrameGrownByOneLongCallGivesTheMemoryBackAfterShortOnes() throws ReflectiveOperationException {
    LongLoops_Grad.Oscillator g = new LongLoops_Grad.Oscillator();
    g.valueAndGradient(0.3, 0.4, 1.2, 1_000_000);
    SavedValues saved = savedValuesOf(g);
    assertTrue(saved.capacityBytes() > 16L * 1_000_000, saved.capacityBytes() + " bytes");
    double expected = new LongLoops_Grad.Oscillator().valueAndGradient(0.3, 0.4, 1.2, 100);
    for (int k = 0; k < 16; k++) {
      assertEquals(expected, g.valueAndGradient(0.3, 0.4, 1.2, 100));
    }
    assertTrue(saved.capacityBytes() < 16 * 1024, saved.capacityBytes() + " bytes");
    LongLoops_Grad.Oscillator fresh = new LongLoops_Grad.Oscillator();
    fresh.valueAndGradient(0.3, 0.4, 1.2, 100);
    assertEquals(fresh.dk, g.dk);
  }

  /** The save buffer a frame's sweeps keep, found by type: it is not API. */
  private static SavedValues savedValuesOf(Object frame) throws ReflectiveOperationException {
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

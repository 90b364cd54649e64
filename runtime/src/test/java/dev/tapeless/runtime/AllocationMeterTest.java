package dev.tapeless.runtime;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The meter sees an allocating loop, reports it by name, and passes one that allocates nothing. */
class AllocationMeterTest {

  private static final int CALLS = 10_000;

  /** Lets each fresh array escape, so that no escape analysis can remove the allocation. */
  private static volatile Object escaped;

  private static volatile double sink;

  private final double[] values = new double[16];

  @Test
  void countsTheBytesOfAnAllocatingLoop() {
    long bytes = AllocationMeter.allocatedBy(AllocationMeterTest::allocatingLoop);
    assertTrue(bytes >= CALLS * 16L, "only " + bytes + " bytes counted");
  }

  @Test
  void reportsAnAllocatingLoopByName() {
    Runnable calls = AllocationMeterTest::allocatingLoop;
    AssertionError e = assertThrows(
        AssertionError.class, () -> AllocationMeter.assertAllocatesNothing("fresh arrays", calls));
    assertTrue(e.getMessage().contains("fresh arrays"), e.getMessage());
  }

  @Test
  void passesALoopThatAllocatesNothing() {
    AllocationMeter.assertAllocatesNothing("sum", () -> sink = sumLoop(values));
  }

  private static void allocatingLoop() {
    for (int i = 0; i < CALLS; i++) {
      escaped = new double[1];
    }
  }

  private static double sumLoop(double[] v) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += v[i % v.length] + i;
    }
    return s;
  }
}

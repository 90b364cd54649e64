package dev.tapeless.samples.mlp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

/**
 * Counts the bytes this thread allocates, to check that a frame allocates nothing per call
 * after warm-up (its buffers are reused), as the project promises for every generated gradient.
 */
public final class Allocation {
  private Allocation() {}

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /**
   * Runs {@code calls} twice to warm up (first-call buffers, class loading), then measures five
   * runs and returns the smallest count: a one-off allocation on this thread (JIT bookkeeping)
   * can land in any one run, while an allocation per call shows in every run.
   */
  public static long minBytesOverFiveRuns(Runnable calls) {
    assertTrue(THREADS.isThreadAllocatedMemorySupported(), "no allocation counter");
    THREADS.setThreadAllocatedMemoryEnabled(true);
    calls.run();
    calls.run();
    long min = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      calls.run();
      min = Math.min(min, THREADS.getCurrentThreadAllocatedBytes() - before);
    }
    return min;
  }

  /** The bytes one run of {@code calls} allocates, without warm-up: to see the counter work. */
  public static long bytes(Runnable calls) {
    THREADS.setThreadAllocatedMemoryEnabled(true);
    long before = THREADS.getCurrentThreadAllocatedBytes();
    calls.run();
    return THREADS.getCurrentThreadAllocatedBytes() - before;
  }
}

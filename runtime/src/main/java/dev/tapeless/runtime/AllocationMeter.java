package dev.tapeless.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Measures the bytes the current thread allocates, for tests that check a frame or kernel
 * allocates nothing per call after warm-up. It counts with HotSpot's per-thread counter
 * ({@code com.sun.management.ThreadMXBean}) rather than heap usage, so that other threads and
 * GC timing do not blur the count.
 */
public final class AllocationMeter {

  private static final int WARM_UP_RUNS = 2;
  private static final int MEASURED_RUNS = 5;
  private static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();

  private AllocationMeter() {}

  /**
   * The bytes the current thread allocated while running {@code r}.
   *
   * @param r the code to run once, on this thread
   * @return the bytes allocated by this thread while r ran
   * @throws UnsupportedOperationException if this JVM cannot count the bytes a thread allocates
   */
  public static long allocatedBy(Runnable r) {
    com.sun.management.ThreadMXBean threads = threads();
    long before = threads.getCurrentThreadAllocatedBytes();
    r.run();
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  /**
   * Requires {@code calls} to allocate exactly 0 bytes in one of up to five measured runs, after
   * two warm-up runs (first-call buffers, class loading). One clean run suffices, not all five:
   * a one-off JIT or GC bookkeeping allocation on this thread can land in any one run, while an
   * allocation per call shows in every run.
   *
   * @param what names the calls in the failure message
   * @param calls the code to run, on this thread, up to seven times
   * @throws AssertionError listing the bytes of each run if none allocated 0 bytes
   * @throws UnsupportedOperationException if this JVM cannot count the bytes a thread allocates
   */
  public static void assertAllocatesNothing(String what, Runnable calls) {
    // Through allocatedBy, so that the counter's own first calls are warmed up as well.
    for (int i = 0; i < WARM_UP_RUNS; i++) {
      allocatedBy(calls);
    }
    long[] runs = new long[MEASURED_RUNS];
    for (int i = 0; i < MEASURED_RUNS; i++) {
      runs[i] = allocatedBy(calls);
      if (runs[i] == 0) {
        return;
      }
    }
    throw new AssertionError(
        what + ": every measured run allocated: " + Arrays.toString(runs) + " bytes");
  }

  private static com.sun.management.ThreadMXBean threads() {
    if (!(BEAN instanceof com.sun.management.ThreadMXBean threads)
        || !threads.isThreadAllocatedMemorySupported()) {
      throw new UnsupportedOperationException(
          "this JVM cannot count the bytes a thread allocates"
              + " (no com.sun.management.ThreadMXBean with isThreadAllocatedMemorySupported())");
    }
    if (!threads.isThreadAllocatedMemoryEnabled()) {
      threads.setThreadAllocatedMemoryEnabled(true);
    }
    return threads;
  }
}

package dev.tapeless.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * After warm-up, {@link DataParallel#accumulate} allocates 0 bytes on its worker threads and on
 * the caller: the counters of all three threads are read with {@code getThreadAllocatedBytes}.
 * The POM runs this class under {@code -Xint} too, so that a pass does not rest on escape
 * analysis. One clean run of five is required, as in {@code TrainingAllocationTest}.
 */
class DataParallelAllocationTest {

  private final double[][] W = {{1, 2, 3}, {-1, 0.5, 4}};
  private final double[] b = {0.25, -3};
  private final Parameters p = new Parameters().add("W", W).add("b", b);

  private DataParallel.Replica<DataParallelTest.Frame> replica() {
    Parameters r = p.gradientReplica();
    DataParallelTest.Frame f = new DataParallelTest.Frame();
    f.dW = r.matrixGradient("W");
    f.db = r.vectorGradient("b");
    return new DataParallel.Replica<>(f, r);
  }

  @Test
  void aStepAllocatesNothingOnTheWorkersOrTheCaller() {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    bean.setThreadAllocatedMemoryEnabled(true);
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    int[] order = new int[64];
    Arrays.setAll(order, k -> (k * 5) % 64);
    try (DataParallel<DataParallelTest.Frame> parallel = new DataParallel<>(p, 2,
        this::replica, (f, k) -> f.accumulate(W, b, k))) {
      long[] ids = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().startsWith("tapeless-data-parallel-") && !before.contains(t))
          .mapToLong(Thread::getId).toArray();
      assertEquals(2, ids.length);
      ids = Arrays.copyOf(ids, 3);
      ids[2] = Thread.currentThread().getId();
      Runnable steps = () -> {
        for (int step = 0; step < 200; step++) {
          p.zeroGradients();
          parallel.accumulate(order, step % 32, step % 32 + 32);
          parallel.accumulate(step % 8, step % 8 + 8);
        }
      };
      steps.run();
      long[] empty = measure(bean, ids, () -> { });
      long[][] runs = new long[5][];
      for (int run = 0; run < runs.length; run++) {
        runs[run] = measure(bean, ids, steps);
        for (int t = 0; t < ids.length; t++) {
          runs[run][t] -= empty[t]; // the counter's own result array, on the caller
        }
        if (Arrays.stream(runs[run]).allMatch(bytes -> bytes == 0)) {
          return;
        }
      }
      throw new AssertionError("every run of 400 calls allocated, bytes per thread (worker 0,"
          + " worker 1, caller): " + Arrays.deepToString(runs));
    }
  }

  /** The bytes each thread of {@code ids} allocated while {@code r} ran on this thread. */
  private static long[] measure(com.sun.management.ThreadMXBean bean, long[] ids, Runnable r) {
    long[] start = bean.getThreadAllocatedBytes(ids);
    r.run();
    long[] end = bean.getThreadAllocatedBytes(ids);
    for (int t = 0; t < ids.length; t++) {
      end[t] -= start[t];
    }
    return end;
  }
}

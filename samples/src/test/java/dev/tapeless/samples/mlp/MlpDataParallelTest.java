package dev.tapeless.samples.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.runtime.train.DataParallel;
import dev.tapeless.runtime.train.Parameters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The digits MLP's minibatch gradient through {@link DataParallel}: equal to one frame's to
 * rounding, the same bits on every run for a fixed thread count, and no allocation per step on
 * any thread once the frames have made their buffers.
 */
class MlpDataParallelTest {

  private static final Digits.Split SPLIT = Digits.split(Digits.load(), 0.8, 42);
  private static final Digits.Examples TRAIN = SPLIT.train();

  private final Mlp model = new Mlp(32, new Random(3));
  private final Parameters p = new Mlp_Grad.Loss().parameters(model);
  private final int[] order = shuffled(TRAIN.size(), 11);

  private static int[] shuffled(int n, long seed) {
    int[] order = new int[n];
    Arrays.setAll(order, k -> k);
    Digits.shuffle(order, new Random(seed));
    return order;
  }

  private double[] serialGradient(int from, int to) {
    Mlp_Grad.Loss frame = new Mlp_Grad.Loss();
    Parameters own = frame.parameters(model);
    MlpDigits.accumulate(frame, model, TRAIN, order, from, to);
    double[] g = new double[own.elementCount()];
    own.copyGradientsTo(g);
    return g;
  }

  private double[] parallelGradient(DataParallel<Mlp_Grad.Loss> parallel, int from, int to) {
    p.zeroGradients();
    parallel.accumulate(order, from, to);
    double[] g = new double[p.elementCount()];
    p.copyGradientsTo(g);
    return g;
  }

  @Test
  void twoAndThreeThreadsGiveTheOneFrameGradientToRounding() {
    double[] serial = serialGradient(0, 500);
    double largest = Arrays.stream(serial).map(Math::abs).max().orElseThrow();
    for (int threads : new int[] {1, 2, 3}) {
      try (DataParallel<Mlp_Grad.Loss> parallel = MlpDigits.parallel(p, model, TRAIN, threads)) {
        double[] g = parallelGradient(parallel, 0, 500);
        double worst = 0;
        for (int i = 0; i < g.length; i++) {
          worst = Math.max(worst, Math.abs(g[i] - serial[i]) / largest);
          assertEquals(serial[i], g[i], 1e-12 * largest, threads + " threads, element " + i);
        }
        System.out.printf("MlpDataParallelTest: %d threads, largest difference %.2e of the"
            + " largest element%n", threads, worst);
        if (threads == 1) {
          assertArrayEquals(serial, g, "one worker sums in the same order as one frame");
        }
      }
    }
  }

  @Test
  void aFixedThreadCountRepeatsTheTrainingRunBitForBit() {
    MlpDigits.Config config = new MlpDigits.Config(32, 2, 32, 0.01, 5);
    Mlp first = new Mlp(32, new Random(5));
    Mlp second = new Mlp(32, new Random(5));
    PrintStream quiet =
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    MlpDigits.History a = MlpDigits.train(SPLIT, config, first, 2, quiet);
    MlpDigits.History b = MlpDigits.train(SPLIT, config, second, 2, quiet);
    assertArrayEquals(a.trainLoss(), b.trainLoss());
    for (int i = 0; i < first.W1.length; i++) {
      assertArrayEquals(first.W1[i], second.W1[i], "W1 row " + i);
    }
    for (int i = 0; i < first.W2.length; i++) {
      assertArrayEquals(first.W2[i], second.W2[i], "W2 row " + i);
    }
    assertArrayEquals(first.b1, second.b1);
    assertArrayEquals(first.b2, second.b2);
    assertTrue(a.finalTestAccuracy() > 0.85, "test accuracy " + a.finalTestAccuracy());
  }

  @Test
  void aStepAllocatesNothingOnTheWorkersOrTheCaller() {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    bean.setThreadAllocatedMemoryEnabled(true);
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    try (DataParallel<Mlp_Grad.Loss> parallel = MlpDigits.parallel(p, model, TRAIN, 2)) {
      long[] ids = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().startsWith("tapeless-data-parallel-") && !before.contains(t))
          .mapToLong(Thread::getId).toArray();
      assertEquals(2, ids.length);
      ids = Arrays.copyOf(ids, 3);
      ids[2] = Thread.currentThread().getId();
      Runnable steps = () -> {
        for (int step = 0; step < 100; step++) {
          p.zeroGradients();
          parallel.accumulate(order, (step * 16) % 1000, (step * 16) % 1000 + 16);
        }
      };
      steps.run(); // warm-up: the frames' buffers, class loading
      long[] empty = measure(bean, ids, () -> { });
      long[][] runs = new long[5][];
      for (int run = 0; run < runs.length; run++) {
        runs[run] = measure(bean, ids, steps);
        for (int t = 0; t < ids.length; t++) {
          runs[run][t] -= empty[t]; // the counter's own result array, on the caller
        }
        if (Arrays.stream(runs[run]).allMatch(bytes -> bytes == 0)) {
          System.out.println("MlpDataParallelTest: 100 steps on 2 workers allocated 0 bytes"
              + " on the workers and the caller (run " + (run + 1) + ")");
          return;
        }
      }
      throw new AssertionError("every run of 100 steps allocated, bytes per thread (worker 0,"
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

package dev.tapeless.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link DataParallel} with a hand-written stand-in for a frame: the parallel sum equals one
 * thread's to rounding and repeats bit for bit, worker exceptions reach the caller, wiring
 * mistakes fail at construction, and close ends the threads.
 */
class DataParallelTest {

  private static final int EXAMPLES = 101;

  /** Adds a per-example pseudo-random gradient (a function of the example and the weight). */
  static final class Frame {
    double[][] dW;
    double[] db;

    double accumulate(double[][] W, double[] b, int k) {
      double loss = 0;
      for (int i = 0; i < W.length; i++) {
        for (int j = 0; j < W[i].length; j++) {
          double g = Math.sin(k * 0.37 + i - 0.5 * j) * W[i][j];
          dW[i][j] += g;
          loss += g * g;
        }
        db[i] += Math.cos(k * 1.3 - i) + b[i];
      }
      return loss;
    }
  }

  private final double[][] W = {{1, 2, 3}, {-1, 0.5, 4}};
  private final double[] b = {0.25, -3};
  private final Parameters p = new Parameters().add("W", W).add("b", b);

  private DataParallel.Replica<Frame> replica() {
    Parameters r = p.gradientReplica();
    Frame f = new Frame();
    f.dW = r.matrixGradient("W");
    f.db = r.vectorGradient("b");
    return new DataParallel.Replica<>(f, r);
  }

  private DataParallel<Frame> parallel(int threads) {
    return new DataParallel<>(p, threads, this::replica, (f, k) -> f.accumulate(W, b, k));
  }

  private double[] serialGradient(int[] order) {
    Frame f = new Frame();
    f.dW = new double[2][3];
    f.db = new double[2];
    for (int k : order) {
      f.accumulate(W, b, k);
    }
    return new double[] {f.dW[0][0], f.dW[0][1], f.dW[0][2], f.dW[1][0], f.dW[1][1],
        f.dW[1][2], f.db[0], f.db[1]};
  }

  private double[] parallelGradient(DataParallel<Frame> parallel, int[] order) {
    p.zeroGradients();
    parallel.accumulate(order, 0, order.length);
    double[] g = new double[p.elementCount()];
    p.copyGradientsTo(g);
    return g;
  }

  @Test
  void threeThreadsEqualOneThreadToRoundingAndRepeatTheirBits() {
    int[] order = IntStream.range(0, EXAMPLES).map(k -> (k * 37) % EXAMPLES).toArray();
    double[] serial = serialGradient(order);
    try (DataParallel<Frame> parallel = parallel(3)) {
      double[] first = parallelGradient(parallel, order);
      for (int i = 0; i < serial.length; i++) {
        assertEquals(serial[i], first[i], 1e-12 * Math.abs(serial[i]) + 1e-300, "element " + i);
      }
      for (int run = 0; run < 20; run++) {
        assertArrayEquals(first, parallelGradient(parallel, order));
      }
    }
    try (DataParallel<Frame> again = parallel(3)) {
      assertArrayEquals(parallelGradient(again, order), parallelGradient(again, order));
    }
  }

  @Test
  void accumulateAddsToTheGradientsAndReturnsTheLossSum() {
    try (DataParallel<Frame> parallel = parallel(2)) {
      p.zeroGradients();
      double loss = parallel.accumulate(0, 10);
      double again = parallel.accumulate(10, 20);
      double[] g = new double[p.elementCount()];
      p.copyGradientsTo(g);
      double[] serial = serialGradient(IntStream.range(0, 20).toArray());
      for (int i = 0; i < g.length; i++) {
        assertEquals(serial[i], g[i], 1e-12 * Math.abs(serial[i]));
      }
      Frame f = replica().frame();
      double expected = 0;
      for (int k = 0; k < 20; k++) {
        expected += f.accumulate(W, b, k);
      }
      assertEquals(expected, loss + again, 1e-12 * expected);
    }
  }

  @Test
  void moreThreadsThanExamplesLeaveTheRestIdle() {
    try (DataParallel<Frame> parallel = parallel(4)) {
      int[] order = {5, 7};
      assertArrayEquals(serialGradient(order), parallelGradient(parallel, order), 1e-15);
      assertEquals(0.0, parallel.accumulate(order, 1, 1));
    }
  }

  @Test
  void aWorkersExceptionReachesTheCallerNamingTheExample() {
    IllegalStateException boom = new IllegalStateException("boom");
    try (DataParallel<Frame> parallel = new DataParallel<>(p, 2, this::replica, (f, k) -> {
      if (k == 13) {
        throw boom;
      }
      return f.accumulate(W, b, k);
    })) {
      p.zeroGradients();
      CompletionException e =
          assertThrows(CompletionException.class, () -> parallel.accumulate(0, 20));
      assertSame(boom, e.getCause());
      assertTrue(e.getMessage().contains("worker 1 of 2 failed on example 13"), e.getMessage());
      assertEquals(0.0, p.gradientNorm(), "gradients untouched after a failure");
      // The workers survive a failure: the next step works.
      int[] order = IntStream.range(0, 13).toArray();
      assertArrayEquals(serialGradient(order), parallelGradient(parallel, order), 1e-12);
    }
  }

  @Test
  void closeEndsTheDaemonThreadsAndLaterCallsThrow() {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    DataParallel<Frame> parallel = parallel(2);
    Thread[] workers = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("tapeless-data-parallel-") && !before.contains(t))
        .toArray(Thread[]::new);
    assertEquals(2, workers.length);
    assertTrue(Arrays.stream(workers).allMatch(Thread::isDaemon));
    parallel.close();
    parallel.close();
    assertFalse(Arrays.stream(workers).anyMatch(Thread::isAlive));
    assertThrows(IllegalStateException.class, () -> parallel.accumulate(0, 1));
  }

  @Test
  void wiringMistakesFailWhenTheWorkersAreBuilt() {
    Frame shared = new Frame();
    Parameters own = p.gradientReplica();
    assertThrows(IllegalArgumentException.class,
        () -> new DataParallel<>(p, 0, this::replica, (f, k) -> 0));
    IllegalArgumentException itself = assertThrows(IllegalArgumentException.class,
        () -> new DataParallel<>(p, 1, () -> new DataParallel.Replica<>(shared, p),
            (f, k) -> 0));
    assertTrue(itself.getMessage().contains("the parameters themselves"), itself.getMessage());
    IllegalArgumentException sameGradients = assertThrows(IllegalArgumentException.class,
        () -> new DataParallel<>(p, 2, () -> new DataParallel.Replica<>(new Frame(), own),
            (f, k) -> 0));
    assertTrue(sameGradients.getMessage().contains("shares gradient arrays with worker 0"),
        sameGradients.getMessage());
    IllegalArgumentException sameFrame = assertThrows(IllegalArgumentException.class,
        () -> new DataParallel<>(p, 2,
            () -> new DataParallel.Replica<>(shared, p.gradientReplica()), (f, k) -> 0));
    assertTrue(sameFrame.getMessage().contains("has the frame of worker 0"),
        sameFrame.getMessage());
    Parameters other = new Parameters().add("W", new double[2][3]).add("b", new double[2]);
    IllegalArgumentException otherWeights = assertThrows(IllegalArgumentException.class,
        () -> new DataParallel<>(p, 1, () -> new DataParallel.Replica<>(new Frame(), other),
            (f, k) -> 0));
    assertTrue(otherWeights.getMessage().contains("does not share the parameters' value"),
        otherWeights.getMessage());
    try (DataParallel<Frame> parallel = parallel(1)) {
      assertThrows(IllegalArgumentException.class, () -> parallel.accumulate(new int[2], 1, 3));
    }
  }
}

package dev.tapeless.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One frame per thread, each adding into its own {@link Parameters#gradientReplica()}, summed
 * with {@link Parameters#addGradientsFrom} in replica order: the same gradient as one thread,
 * and the same bits from run to run.
 */
class GradientReplicaTest {

  private static final int THREADS = 4;
  private static final int EXAMPLES = 103;

  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  /**
   * Stands in for a generated frame: adds the gradient of example {@code k} into its d-fields.
   * With {@code random} false the gradient is integer-valued, so every order of summation gives
   * the same exact sum; with it true, each element is a seeded random double, whose sums depend
   * on the order.
   */
  static final class ExampleFrame {
    double[][] dW;
    float[] db;
    final boolean random;

    ExampleFrame(boolean random) {
      this.random = random;
    }

    void accumulate(int k) {
      Random rng = new Random(k);
      for (int i = 0; i < dW.length; i++) {
        for (int j = 0; j < dW[i].length; j++) {
          dW[i][j] += random ? rng.nextGaussian() : k * (i + 1) - j;
        }
      }
      for (int i = 0; i < db.length; i++) {
        db[i] += random ? (float) rng.nextGaussian() : 2 * k - i;
      }
    }
  }

  @Test
  void aReplicaSharesTheValuesAndHasItsOwnZeroGradients() {
    double[][] W = {{1, 2}, {3, 4}};
    float[] b = {5};
    Parameters p = new Parameters().add("W", W).add("b", b);
    p.matrixGradient("W")[0][0] = 9;
    Parameters replica = p.gradientReplica();
    assertEquals(p.toString(), replica.toString());
    assertSame(W[1], replica.valueRow(1));
    assertSame(b, replica.floatValueRow(2));
    assertNotSame(p.matrixGradient("W"), replica.matrixGradient("W"));
    assertNotSame(p.floatVectorGradient("b"), replica.floatVectorGradient("b"));
    assertEquals(0.0, replica.gradientNorm());
  }

  @Test
  void fourThreadsGiveTheSameSumAsOne() throws Exception {
    Parameters p = model();
    Parameters single = model();
    ExampleFrame frame = wire(single, false);
    for (int k = 0; k < EXAMPLES; k++) {
      frame.accumulate(k);
    }
    accumulateOnThreads(p, replicas(p), false);
    assertGradientsIdentical(single, p);
    assertEquals((double) EXAMPLES * (EXAMPLES - 1), p.matrixGradient("W")[1][0], "Σ 2k");
  }

  @Test
  void theSumIsTheSameBitsFromRunToRunAndEqualsTheSequentialOrder() throws Exception {
    Parameters p = model();
    Parameters[] replicas = replicas(p);
    accumulateOnThreads(p, replicas, true);
    double[] first = new double[p.elementCount()];
    p.copyGradientsTo(first);

    // The same shares filled one after the other on this thread, added in the same order.
    Parameters sequential = model();
    Parameters[] sequentialReplicas = replicas(sequential);
    for (int t = 0; t < THREADS; t++) {
      ExampleFrame frame = wire(sequentialReplicas[t], true);
      for (int k = from(t); k < from(t + 1); k++) {
        frame.accumulate(k);
      }
    }
    for (Parameters replica : sequentialReplicas) {
      sequential.addGradientsFrom(replica);
    }
    assertGradientsIdentical(sequential, p);

    for (int run = 0; run < 5; run++) {
      accumulateOnThreads(p, replicas, true);
      double[] again = new double[p.elementCount()];
      p.copyGradientsTo(again);
      assertArrayEquals(first, again, 0.0, "run " + run);
    }
  }

  @Test
  void aReplicaOfAnotherStructureIsAnErrorNamingTheParameter() {
    Parameters p = new Parameters().add("W", new double[2][3]).add("b", new float[2]);
    assertMismatch("addGradientsFrom: parameter W has shape [2][3] here but [3][2] in the"
        + " replica", p, new Parameters().add("W", new double[3][2]).add("b", new float[2]));
    assertMismatch("addGradientsFrom: parameter b has shape [2] here but [3] in the replica", p,
        new Parameters().add("W", new double[2][3]).add("b", new float[3]));
    assertMismatch("addGradientsFrom: parameter b is a float vector here but a vector in the"
        + " replica", p, new Parameters().add("W", new double[2][3]).add("b", new double[2]));
    assertMismatch("addGradientsFrom: parameter 2 is b here but bias in the replica", p,
        new Parameters().add("W", new double[2][3]).add("bias", new float[2]));
    assertMismatch("addGradientsFrom: Parameters[W[2][3], b float[2]] has 2 parameters but the"
        + " replica, Parameters[W[2][3]], has 1", p, new Parameters().add("W", new double[2][3]));
    Parameters jagged = new Parameters().add("J", new double[][] {{1}, {2, 3}});
    assertMismatch("addGradientsFrom: parameter J has shape [2][jagged] here but [2][jagged] in"
        + " the replica (the row lengths differ)", jagged,
        new Parameters().add("J", new double[][] {{1, 2}, {3}}));
    assertMismatch("addGradientsFrom: the replica is this set itself, whose gradients would"
        + " double; add the replicas made by gradientReplica()", p, p);
  }

  @Test
  void replicasOfAnotherSetOfTheSameStructureAddToo() {
    Parameters p = new Parameters().add("W", new double[1][2]);
    Parameters twin = new Parameters().add("W", new double[1][2]);
    twin.matrixGradient("W")[0][1] = 3;
    p.addGradientsFrom(twin);
    p.addGradientsFrom(twin);
    assertArrayEquals(new double[] {0, 6}, p.matrixGradient("W")[0]);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static Parameters model() {
    return new Parameters().add("W", new double[3][4]).add("b", new float[5]);
  }

  private static ExampleFrame wire(Parameters p, boolean random) {
    ExampleFrame frame = new ExampleFrame(random);
    frame.dW = p.matrixGradient("W");
    frame.db = p.floatVectorGradient("b");
    return frame;
  }

  private static Parameters[] replicas(Parameters p) {
    Parameters[] replicas = new Parameters[THREADS];
    for (int t = 0; t < THREADS; t++) {
      replicas[t] = p.gradientReplica();
    }
    return replicas;
  }

  /** Thread {@code t}'s share of the examples starts here: fixed, not by who is free. */
  private static int from(int t) {
    return t * EXAMPLES / THREADS;
  }

  /** One minibatch: every thread its share into its replica, then the sum in replica order. */
  private void accumulateOnThreads(Parameters p, Parameters[] replicas, boolean random)
      throws Exception {
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Parameters replica = replicas[t];
      int share = t;
      tasks.add(() -> {
        replica.zeroGradients();
        ExampleFrame frame = wire(replica, random);
        for (int k = from(share); k < from(share + 1); k++) {
          frame.accumulate(k);
        }
        return null;
      });
    }
    for (Future<Void> done : pool.invokeAll(tasks)) {
      done.get();
    }
    p.zeroGradients();
    for (Parameters replica : replicas) {
      p.addGradientsFrom(replica);
    }
  }

  private static void assertGradientsIdentical(Parameters expected, Parameters actual) {
    double[] e = new double[expected.elementCount()];
    double[] a = new double[actual.elementCount()];
    expected.copyGradientsTo(e);
    actual.copyGradientsTo(a);
    assertArrayEquals(e, a, 0.0);
  }

  private static void assertMismatch(String message, Parameters p, Parameters replica) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> p.addGradientsFrom(replica));
    assertEquals(message, e.getMessage());
  }
}

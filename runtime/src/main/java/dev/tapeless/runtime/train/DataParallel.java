package dev.tapeless.runtime.train;

import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A minibatch's gradient computed on several threads of its own, each with its own frame adding
 * into its own gradient arrays, then summed into one {@link Parameters} set: the "one frame per
 * thread" pattern of docs/training.md as a class.
 *
 * <pre>{@code
 * Parameters p = new Mlp_Grad.Loss().parameters(mlp);   // the optimizer's set
 * try (DataParallel<Mlp_Grad.Loss> parallel = new DataParallel<>(p, 4,
 *     () -> {
 *       Mlp_Grad.Loss frame = new Mlp_Grad.Loss();
 *       return new DataParallel.Replica<>(frame, frame.parameters(mlp));
 *     },
 *     (frame, k) -> frame.accumulate(mlp, images[k], labels[k]))) {
 *   for (...) {
 *     p.zeroGradients();
 *     parallel.accumulate(order, from, to);   // adds the gradients of order[from..to)
 *     adam.step();
 *   }
 * }
 * }</pre>
 *
 * A frame of a static method is wired by hand to a {@link Parameters#gradientReplica()}: {@code
 * Parameters r = p.gradientReplica(); frame.dW1 = r.matrixGradient("W1"); ...; return new
 * Replica<>(frame, r);}.
 *
 * <p><b>Deterministic.</b> Worker {@code t} of {@code n} always takes the same contiguous share
 * of the positions {@code from..to}, and the replicas are added into the parameters in worker
 * order once all are done, so a fixed seed and thread count give the same bits on every run,
 * however the threads are scheduled. Floating-point addition is not associative: the sum equals
 * the one-thread sum to rounding, not bit for bit.
 *
 * <p><b>No allocation per step.</b> The threads, frames and replicas are made once; a step
 * publishes the batch through a volatile counter and wakes the threads with {@link
 * LockSupport#unpark}, and the last worker to finish wakes the caller the same way, so that
 * after the frames' first calls a step allocates nothing on any thread (an executor's {@code
 * invokeAll}, futures and a barrier's wait nodes would allocate each step).
 *
 * <p><b>Errors.</b> An exception thrown by the example function on a worker is rethrown to the
 * caller, after every worker has finished, as a {@link CompletionException} whose cause it is
 * (further workers' exceptions suppressed on it); the parameters' gradients are then left as
 * they were. The threads are daemon threads, so a forgotten {@link #close()} does not keep the
 * JVM alive, but close releases them. Not thread-safe: one caller thread at a time.
 *
 * @param <F> the frame type
 */
public final class DataParallel<F> implements AutoCloseable {

  /**
   * One worker's frame and the gradient arrays it adds into: a set with the same names and
   * shapes as the parameters, sharing their value arrays, with gradients of its own.
   *
   * @param frame the worker's frame, used by this worker only
   * @param gradients the set whose gradient arrays the frame adds into
   * @param <F> the frame type
   */
  public record Replica<F>(F frame, Parameters gradients) {}

  /**
   * Adds the gradient of one example to a frame's gradient arrays.
   *
   * @param <F> the frame type
   */
  @FunctionalInterface
  public interface Example<F> {

    /**
     * Adds the gradient of example {@code index} into {@code frame}'s gradient arrays (a
     * frame's {@code accumulate}); must not allocate for a step to allocate nothing.
     *
     * @param frame the calling worker's frame
     * @param index the example's index, an element of the array given to {@code accumulate}
     * @return the example's loss, summed by {@link DataParallel#accumulate}
     */
    double accumulate(F frame, int index);
  }

  private static final AtomicLong INSTANCES = new AtomicLong();
  private static final int SPINS = 1 << 10;

  private final Parameters parameters;
  private final Example<F> example;
  private final Replica<F>[] replicas;
  private final Thread[] threads;
  private final double[] losses;
  private final Throwable[] errors;
  private final int[] failedIndex;
  private final AtomicInteger pending = new AtomicInteger();

  // Written by the caller before the volatile write of generation, read by workers after it.
  private int[] indices;
  private int from;
  private int to;
  private volatile long generation;
  private volatile Thread waiter;
  private volatile boolean closed;
  private boolean busy;

  /**
   * Starts {@code threads} daemon threads, each with a frame and replica from {@code replicas}.
   *
   * @param parameters the set the optimizer steps, whose gradients receive the sums
   * @param threads the number of worker threads, at least 1
   * @param replicas called once per worker, on this thread, in worker order: a new frame wired
   *     to gradient arrays of its own, sharing the parameters' value arrays
   * @param example adds one example's gradient to a worker's frame
   * @throws IllegalArgumentException if {@code threads < 1}, an argument is null, or a replica
   *     does not share the parameters' values, shares gradient arrays with them or with another
   *     replica, or differs in names, kinds or shapes
   */
  @SuppressWarnings("unchecked")
  public DataParallel(Parameters parameters, int threads, Supplier<Replica<F>> replicas,
      Example<F> example) {
    if (parameters == null || replicas == null || example == null) {
      throw new IllegalArgumentException("DataParallel: parameters, replicas and example must"
          + " not be null");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("DataParallel: threads is " + threads
          + " but must be at least 1");
    }
    this.parameters = parameters;
    this.example = example;
    this.replicas = (Replica<F>[]) new Replica<?>[threads];
    for (int t = 0; t < threads; t++) {
      Replica<F> replica = replicas.get();
      ReplicaCheck.require(parameters, replica, this.replicas, t);
      this.replicas[t] = replica;
    }
    this.threads = new Thread[threads];
    this.losses = new double[threads];
    this.errors = new Throwable[threads];
    this.failedIndex = new int[threads];
    String name = "tapeless-data-parallel-" + INSTANCES.incrementAndGet() + "-worker-";
    for (int t = 0; t < threads; t++) {
      int worker = t;
      Thread thread = new Thread(() -> work(worker), name + t);
      thread.setDaemon(true);
      this.threads[t] = thread;
    }
    for (Thread thread : this.threads) {
      thread.start();
    }
  }

  /**
   * The number of worker threads.
   *
   * @return the thread count given at construction
   */
  public int threadCount() {
    return threads.length;
  }

  /**
   * Adds the gradients of the examples {@code indices[from]} to {@code indices[to - 1]} into
   * the parameters' gradient arrays, as a frame's {@code accumulate} adds (zero them first for a
   * fresh minibatch). Worker {@code t} of {@code n} takes the positions from {@code from + m·t/n}
   * up to {@code from + m·(t+1)/n}, for {@code m = to − from}; the replicas are zeroed, filled
   * in parallel, and added in worker order. Returns after every worker has finished.
   *
   * @param indices example indices, read but not kept after the call
   * @param from the first position, inclusive
   * @param to the last position, exclusive
   * @return the sum of the examples' losses, summed per worker and then in worker order
   * @throws CompletionException if the example function threw on a worker (its cause)
   * @throws IllegalArgumentException if the range is not within {@code indices}
   * @throws IllegalStateException after {@link #close()}, or if called while a call runs
   */
  public double accumulate(int[] indices, int from, int to) {
    if (indices == null || from < 0 || to > indices.length || from > to) {
      throw new IllegalArgumentException("accumulate: positions " + from + " to " + to
          + " are not a range of " + (indices == null ? "null" : "an array of length "
          + indices.length));
    }
    return run(indices, from, to);
  }

  /**
   * Adds the gradients of the examples {@code from} to {@code to - 1} themselves, split as by
   * {@link #accumulate(int[], int, int)}.
   *
   * @param from the first example, inclusive
   * @param to the last example, exclusive
   * @return the sum of the examples' losses
   * @throws CompletionException if the example function threw on a worker (its cause)
   * @throws IllegalArgumentException if {@code from < 0} or {@code from > to}
   * @throws IllegalStateException after {@link #close()}, or if called while a call runs
   */
  public double accumulate(int from, int to) {
    if (from < 0 || from > to) {
      throw new IllegalArgumentException("accumulate: examples " + from + " to " + to
          + " are not a range");
    }
    return run(null, from, to);
  }

  /** Stops the worker threads and waits for them; later calls of accumulate throw. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    generation++;
    for (Thread thread : threads) {
      LockSupport.unpark(thread);
    }
    boolean interrupted = false;
    for (Thread thread : threads) {
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private double run(int[] indices, int from, int to) {
    if (closed) {
      throw new IllegalStateException("accumulate: this DataParallel is closed");
    }
    if (busy) {
      throw new IllegalStateException("accumulate: called while another call runs; a"
          + " DataParallel serves one caller thread at a time");
    }
    busy = true;
    try {
      this.indices = indices;
      this.from = from;
      this.to = to;
      pending.set(threads.length);
      waiter = Thread.currentThread();
      generation++; // publishes the fields above to the workers
      for (Thread thread : threads) {
        LockSupport.unpark(thread);
      }
      awaitWorkers();
      this.indices = null;
      rethrowFirstError();
      double loss = 0.0;
      for (int t = 0; t < replicas.length; t++) {
        parameters.addGradientsFrom(replicas[t].gradients());
        loss += losses[t];
      }
      return loss;
    } finally {
      busy = false;
    }
  }

  private void awaitWorkers() {
    for (int spin = 0; pending.get() != 0; spin++) {
      if (spin < SPINS) {
        Thread.onSpinWait();
      } else {
        LockSupport.park(this);
      }
    }
  }

  private void rethrowFirstError() {
    CompletionException failure = null;
    for (int t = 0; t < errors.length; t++) {
      Throwable error = errors[t];
      if (error == null) {
        continue;
      }
      errors[t] = null;
      if (failure == null) {
        failure = new CompletionException("DataParallel: worker " + t + " of " + errors.length
            + (failedIndex[t] < 0 ? " failed zeroing its gradients" : " failed on example "
            + failedIndex[t]) + ": " + error, error);
      } else {
        failure.addSuppressed(error);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** A worker's loop: wait for a new generation, do its share, report, until closed. */
  private void work(int t) {
    Replica<F> replica = replicas[t];
    F frame = replica.frame();
    Parameters gradients = replica.gradients();
    long seen = 0;
    while (true) {
      for (int spin = 0; generation == seen; spin++) {
        if (spin < SPINS) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
        }
      }
      seen = generation;
      if (closed) {
        return;
      }
      int n = threads.length;
      long m = to - from;
      int begin = from + (int) (m * t / n);
      int end = from + (int) (m * (t + 1) / n);
      int[] order = indices;
      double loss = 0.0;
      int position = begin;
      try {
        gradients.zeroGradients();
        for (; position < end; position++) {
          loss += example.accumulate(frame, order == null ? position : order[position]);
        }
      } catch (Throwable e) {
        errors[t] = e;
        failedIndex[t] = position >= end ? -1 : order == null ? position : order[position];
      }
      losses[t] = loss;
      if (pending.decrementAndGet() == 0) {
        LockSupport.unpark(waiter);
      }
    }
  }
}

package dev.tapeless.fuzz;

import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.gen.ClassGen;
import dev.tapeless.fuzz.run.Pipeline;
import dev.tapeless.fuzz.run.Report;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A whole run: generates {@code count} methods from one seed in classes of
 * {@code methodsPerClass}, compiles and checks them in batches on {@code threads} threads (every
 * {@code floatEvery}th class also as a float program, none if 0), then (optionally) reduces one
 * failure per distinct kind and writes reproducers. The same seed and count give the same
 * programs whatever the number of threads.
 */
public final class Fuzzer {
  /** What to run. */
  public record Config(long seed, int count, int threads, Path out, boolean reduce,
      long reduceBudgetMillis, Features features, int methodsPerClass, int classesPerBatch,
      PrintStream log, int floatEvery) {
    /**
     * Every third class as float too: a float compilation costs about what the double one
     * does, and most of a run is compiling.
     */
    public static final int FLOAT_EVERY = 3;

    public static Config of(long seed, int count) {
      return new Config(seed, count, Runtime.getRuntime().availableProcessors(), null, false,
          120_000, Features.defaults(), 60, 3, System.out, FLOAT_EVERY);
    }

    public Config withOut(Path dir, boolean reduceFailures, long budgetMillis) {
      return new Config(seed, count, threads, dir, reduceFailures, budgetMillis, features,
          methodsPerClass, classesPerBatch, log, floatEvery);
    }

    public Config withThreads(int n) {
      return new Config(seed, count, n, out, reduce, reduceBudgetMillis, features,
          methodsPerClass, classesPerBatch, log, floatEvery);
    }

    public Config withFeatures(Features f) {
      return new Config(seed, count, threads, out, reduce, reduceBudgetMillis, f,
          methodsPerClass, classesPerBatch, log, floatEvery);
    }

    public Config withFloatEvery(int k) {
      return new Config(seed, count, threads, out, reduce, reduceBudgetMillis, features,
          methodsPerClass, classesPerBatch, log, k);
    }

    /** Whether the class with index {@code k} is checked as a float program too. */
    public boolean isFloat(int k) {
      return floatEvery > 0 && k % floatEvery == 0;
    }
  }

  private Fuzzer() {}

  /** The class with index {@code k} of the run with this seed. */
  public static ClassDef generateClass(Config c, int k) {
    int n = Math.min(c.methodsPerClass(), c.count() - k * c.methodsPerClass());
    long classSeed = mix(c.seed(), k);
    return new ClassGen(c.features()).generate("fz", "G" + k, n, classSeed);
  }

  static long mix(long seed, long k) {
    long z = seed * 0x9E3779B97F4A7C15L + k * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public static Report run(Config c) {
    Report report = new Report();
    long start = System.currentTimeMillis();
    int classes = (c.count() + c.methodsPerClass() - 1) / c.methodsPerClass();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, c.threads()), r -> {
      Thread t = new Thread(r, "fuzz-worker");
      t.setDaemon(true);
      return t;
    });
    AtomicLong lastProgress = new AtomicLong(start);
    List<Future<?>> futures = new ArrayList<>();
    for (int first = 0; first < classes; first += c.classesPerBatch()) {
      int from = first;
      int to = Math.min(classes, first + c.classesPerBatch());
      futures.add(pool.submit(() -> {
        List<ClassDef> batch = new ArrayList<>();
        java.util.Set<String> floats = new java.util.HashSet<>();
        for (int k = from; k < to; k++) {
          ClassDef cls = generateClass(c, k);
          batch.add(cls);
          if (c.isFloat(k)) {
            floats.add(cls.name());
          }
        }
        Pipeline.BatchResult r = new Pipeline(c.seed(), floats).run(batch);
        report.add(r);
        long now = System.currentTimeMillis();
        long last = lastProgress.get();
        if (now - last >= 5000 && lastProgress.compareAndSet(last, now)) {
          c.log().println(report.progressLine(now - start, c.count()));
        }
      }));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("a batch crashed the fuzzer", e.getCause());
    } finally {
      pool.shutdownNow();
      try {
        pool.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    c.log().println(report.progressLine(System.currentTimeMillis() - start, c.count()));
    if (c.out() != null) {
      dev.tapeless.fuzz.reduce.Findings.write(c, report);
    }
    return report;
  }
}

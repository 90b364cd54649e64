package dev.tapeless.samples.gmm;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The ADBench GMM benchmark on the bundled inputs: for each, the objective, the norm of its
 * gradient, and how long the gradient costs relative to the objective alone.
 *
 * <p>That ratio is what ADBench compares across tools, because it does not depend on the machine:
 * reverse mode promises the whole gradient for a small constant multiple of one evaluation, and
 * the constant says how good the tool is. "Objective" times {@link GmmObjective#objective} called
 * directly (plain Java, no derivative code); "gradient" times
 * {@code GmmObjective_Grad.Objective#valueAndGradient}, which returns the value too.
 *
 * <p>Each time is the median of {@value #REPETITIONS} repetitions after a warm-up (so that the
 * JIT has compiled both), measured with {@link System#nanoTime} (wall-clock time, so a busy
 * machine inflates it); a repetition runs as many calls as make about 10 ms of objective
 * evaluations, and objective and gradient repetitions alternate so that a slow moment of the
 * machine hits both alike. The thread's CPU time is measured beside it: on a loaded machine,
 * where the wall clock also counts time spent waiting for a CPU, the CPU-time ratio is the one
 * to trust. The whole run takes about ten seconds.
 */
public final class GmmExample {
  private GmmExample() {}

  /** Timed repetitions per measurement; their median is reported. */
  static final int REPETITIONS = 7;

  /** The shortest warm-up per function, in nanoseconds. */
  private static final long WARM_UP_NANOS = 1_000_000_000L;

  /** The fewest warm-up calls per function, however long they take. */
  private static final int WARM_UP_CALLS = 3;

  /** A repetition of the objective lasts at least this long (it repeats calls to get there). */
  private static final long REPETITION_NANOS = 10_000_000L;

  /** ADBench's published gradient-to-objective time ratios, as quoted in the data README. */
  static final String PUBLISHED_RATIOS =
      "Tapenade about 4 to 15, hand-written C++ (\"Manual\") about 2 to 7";

  /** Keeps the JIT from discarding calls whose results are otherwise unused. */
  private static double sink;

  /** This thread's CPU time, a second clock beside the wall clock. */
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * What the example prints for one input.
   *
   * @param objectiveNanos median wall-clock time of one objective call
   * @param gradientNanos median wall-clock time of one value-and-gradient call
   * @param objectiveCpuNanos median CPU time of this thread for one objective call
   * @param gradientCpuNanos median CPU time of this thread for one value-and-gradient call
   * @param callsPerRepetition calls in each timed repetition
   */
  record Measurement(
      GmmData data,
      double value,
      double frameValue,
      double gradientNorm,
      double objectiveNanos,
      double gradientNanos,
      double objectiveCpuNanos,
      double gradientCpuNanos,
      int callsPerRepetition) {

    /** How many objective evaluations one gradient costs, by wall-clock time. */
    double ratio() {
      return gradientNanos / objectiveNanos;
    }

    /** The same ratio by the thread's CPU time, which time spent waiting for a CPU leaves out. */
    double cpuRatio() {
      return gradientCpuNanos / objectiveCpuNanos;
    }
  }

  /** The objective at the data's parameters, evaluated directly. */
  static double objective(GmmData data) {
    return GmmObjective.objective(
        data.alpha(), data.means(), data.icf(), data.x(), data.gamma(), data.m());
  }

  /** The value from {@code frame}, which then holds the gradient. */
  static double valueAndGradient(GmmObjective_Grad.Objective frame, GmmData data) {
    return frame.valueAndGradient(
        data.alpha(), data.means(), data.icf(), data.x(), data.gamma(), data.m());
  }

  /** The gradient as one vector, ordered alpha, means, icf (ADBench's order). */
  static double[] flatGradient(GmmObjective_Grad.Objective frame) {
    double[] flat = new double[0];
    flat = append(flat, frame.dalpha);
    for (double[] row : frame.dmeans) {
      flat = append(flat, row);
    }
    for (double[] row : frame.dicf) {
      flat = append(flat, row);
    }
    return flat;
  }

  private static double[] append(double[] a, double[] b) {
    double[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  /** The Euclidean norm of the gradient held by {@code frame}. */
  static double gradientNorm(GmmObjective_Grad.Objective frame) {
    double sum = 0;
    for (double g : flatGradient(frame)) {
      sum += g * g;
    }
    return Math.sqrt(sum);
  }

  /** Evaluates and times the objective and its gradient on {@code data}. */
  static Measurement measure(GmmData data) {
    GmmObjective_Grad.Objective frame = new GmmObjective_Grad.Objective();
    double value = objective(data);
    double frameValue = valueAndGradient(frame, data);
    double norm = gradientNorm(frame);

    warmUp(() -> sink += objective(data));
    warmUp(() -> sink += valueAndGradient(frame, data));
    long[] single = new long[2];
    timeOf(() -> sink += objective(data), 1, single);
    int calls = (int) Math.max(1, Math.min(10_000, REPETITION_NANOS / Math.max(1, single[0])));
    long[][] objectiveTimes = new long[2][REPETITIONS];
    long[][] gradientTimes = new long[2][REPETITIONS];
    long[] times = new long[2];
    for (int r = 0; r < REPETITIONS; r++) {
      timeOf(() -> sink += objective(data), calls, times);
      objectiveTimes[0][r] = times[0];
      objectiveTimes[1][r] = times[1];
      timeOf(() -> sink += valueAndGradient(frame, data), calls, times);
      gradientTimes[0][r] = times[0];
      gradientTimes[1][r] = times[1];
    }
    return new Measurement(data, value, frameValue, norm,
        median(objectiveTimes[0]) / calls, median(gradientTimes[0]) / calls,
        median(objectiveTimes[1]) / calls, median(gradientTimes[1]) / calls, calls);
  }

  private static void warmUp(Runnable call) {
    long start = System.nanoTime();
    int calls = 0;
    while (calls < WARM_UP_CALLS || System.nanoTime() - start < WARM_UP_NANOS) {
      call.run();
      calls++;
    }
  }

  /** Runs {@code call} {@code calls} times; times[0] = wall-clock, times[1] = CPU nanoseconds. */
  private static void timeOf(Runnable call, int calls, long[] times) {
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      call.run();
    }
    times[0] = System.nanoTime() - start;
    times[1] = THREADS.getCurrentThreadCpuTime() - cpuStart;
  }

  private static double median(long[] times) {
    long[] sorted = times.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }

  /** Prints one input's results as they come. */
  static void print(PrintStream out, Measurement m) {
    GmmData data = m.data();
    out.printf(Locale.ROOT, "  %s: D = %d, K = %d, N = %d, %d gradient entries%n",
        data.source(), data.d(), data.k(), data.n(), data.parameterCount());
    out.printf(Locale.ROOT, "    objective f = %.6f   (frame's value %.6f, difference %.1e)%n",
        m.value(), m.frameValue(), m.frameValue() - m.value());
    out.printf(Locale.ROOT, "    gradient norm |∇f| = %.6f%n", m.gradientNorm());
    out.printf(Locale.ROOT,
        "    objective %s, objective + gradient %s (median of %d repetitions × %d call%s),"
            + " ratio %.1f%n",
        millis(m.objectiveNanos()), millis(m.gradientNanos()), REPETITIONS,
        m.callsPerRepetition(), m.callsPerRepetition() == 1 ? "" : "s", m.ratio());
    out.printf(Locale.ROOT,
        "    by thread CPU time: objective %s, objective + gradient %s, ratio %.1f%n",
        millis(m.objectiveCpuNanos()), millis(m.gradientCpuNanos()), m.cpuRatio());
  }

  private static String millis(double nanos) {
    return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
  }

  /** Runs the benchmark on every bundled input and prints a summary table. */
  public static List<Measurement> run(PrintStream out) {
    out.println("== ADBench GMM: objective and gradient (GmmObjective, GmmObjective_Grad) ==");
    List<Measurement> results = new ArrayList<>();
    for (String name : GmmData.BUNDLED) {
      Measurement m = measure(GmmData.fromResource(name));
      print(out, m);
      results.add(m);
    }
    out.println("  summary (times per call):");
    out.printf(Locale.ROOT, "    %-16s %3s %4s %7s %18s %13s %13s %6s %10s%n",
        "input", "D", "K", "params", "f", "objective", "gradient", "ratio", "CPU ratio");
    for (Measurement m : results) {
      GmmData data = m.data();
      out.printf(Locale.ROOT, "    %-16s %3d %4d %7d %18.6f %13s %13s %6.1f %10.1f%n",
          data.source(), data.d(), data.k(), data.parameterCount(), m.value(),
          millis(m.objectiveNanos()), millis(m.gradientNanos()), m.ratio(), m.cpuRatio());
    }
    out.println("  ADBench's published gradient/objective time ratios for this objective: "
        + PUBLISHED_RATIOS + ".");
    return results;
  }

  /** Runs the benchmark. */
  public static void main(String[] args) {
    run(System.out);
  }
}

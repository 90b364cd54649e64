package dev.tapeless.benchmarks;

import dev.tapeless.samples.ode.LotkaVolterra;
import dev.tapeless.samples.ode.LotkaVolterra.Rates;
import dev.tapeless.samples.ode.LotkaVolterra_Grad;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The RK4 simulation's misfit ({@link LotkaVolterra#misfit}: local stage arrays, a helper for
 * the right-hand side and one for the step, 20 observations of 10 steps each) as plain Java, as
 * the generated frame's {@code primal}, and its generated gradient with respect to the four
 * rates and the initial state, and that gradient written by hand. The scale issue's bar: the
 * gradient within 3× of its primal.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class OdeBenchmark {
  private static final Rates TRUE_RATES = new Rates(1.1, 0.4, 0.1, 0.4);
  private static final double H = 0.01;
  private static final int SUBSTEPS = 10;
  private static final int OBSERVATIONS = 20;

  private Rates rates;
  private double[] y0;
  private double[][] observed;
  private LotkaVolterra_Grad.Misfit frame;
  private final LotkaVolterraBackprop handWritten = new LotkaVolterraBackprop();

  /** Observations from the true rates; the gradient at slightly wrong ones. */
  @Setup
  public void setUp() {
    y0 = new double[] {10, 5};
    observed = LotkaVolterra.simulate(TRUE_RATES, y0, OBSERVATIONS, SUBSTEPS, H);
    rates = new Rates(1.0, 0.45, 0.12, 0.35);
    frame = new LotkaVolterra_Grad.Misfit();
    double value = frame.valueAndGradient(rates, y0, observed, SUBSTEPS, H);
    Agreement.check("misfit", value, LotkaVolterra.misfit(rates, y0, observed, SUBSTEPS, H));
    Agreement.check("misfit (frame primal)", value,
        frame.primal(rates, y0, observed, SUBSTEPS, H));
    Agreement.check("misfit (hand-written)", value,
        handWritten.valueAndGradient(rates, y0, observed, SUBSTEPS, H));
    Agreement.check("misfit gradient", new double[] {frame.dk.alpha, frame.dk.beta,
        frame.dk.delta, frame.dk.gamma, frame.dy0[0], frame.dy0[1]}, handWritten.gradient);
  }

  /** The plain method (allocates its stage arrays on every step). */
  @Benchmark
  public void primal(Blackhole bh) {
    bh.consume(LotkaVolterra.misfit(rates, y0, observed, SUBSTEPS, H));
  }

  /** The frame's {@code primal}: value only, in the frame's reused buffers. */
  @Benchmark
  public void primalFrame(Blackhole bh) {
    bh.consume(frame.primal(rates, y0, observed, SUBSTEPS, H));
  }

  /** The same gradient written by hand ({@link LotkaVolterraBackprop}). */
  @Benchmark
  public void handWritten(Blackhole bh) {
    bh.consume(handWritten.valueAndGradient(rates, y0, observed, SUBSTEPS, H));
  }

  /** The generated gradient with respect to the rates and the initial state. */
  @Benchmark
  public void generated(Blackhole bh) {
    bh.consume(frame.valueAndGradient(rates, y0, observed, SUBSTEPS, H));
  }
}

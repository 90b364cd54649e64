package dev.tapeless.benchmarks;

import dev.tapeless.samples.gmm.GmmData;
import dev.tapeless.samples.gmm.GmmObjective;
import dev.tapeless.samples.gmm.GmmObjective_Grad;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * ADBench's GMM objective on its bundled 1k inputs: the plain method, the frame's
 * {@code primal}, and the generated objective and gradient (ADBench's task). The scale issue's
 * bar: the gradient within 3× of the objective at d = 10, K = 25.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class GmmBenchmark {

  /** The bundled input. */
  @Param({"gmm_d10_K25.txt"})
  public String input;

  private GmmData data;
  private GmmObjective_Grad.Objective frame;

  /** Reads the input; checks the frame's value against the plain method's. */
  @Setup
  public void setUp() {
    data = GmmData.fromResource(input);
    frame = new GmmObjective_Grad.Objective();
    double value = frame.valueAndGradient(data.alpha(), data.means(), data.icf(), data.x(),
        data.gamma(), data.m());
    Agreement.check("objective", value, GmmObjective.objective(data.alpha(), data.means(),
        data.icf(), data.x(), data.gamma(), data.m()));
  }

  /** The plain method. */
  @Benchmark
  public void primal(Blackhole bh) {
    bh.consume(GmmObjective.objective(data.alpha(), data.means(), data.icf(), data.x(),
        data.gamma(), data.m()));
  }

  /** The frame's {@code primal}: value only, in the frame's reused buffers. */
  @Benchmark
  public void primalFrame(Blackhole bh) {
    bh.consume(frame.primal(data.alpha(), data.means(), data.icf(), data.x(), data.gamma(),
        data.m()));
  }

  /** The generated objective and gradient with respect to alpha, means and icf. */
  @Benchmark
  public void generated(Blackhole bh) {
    bh.consume(frame.valueAndGradient(data.alpha(), data.means(), data.icf(), data.x(),
        data.gamma(), data.m()));
  }
}

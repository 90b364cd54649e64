package dev.tapeless.runtime.train;

import static dev.tapeless.runtime.AllocationMeter.allocatedBy;
import static dev.tapeless.runtime.AllocationMeter.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * After warm-up, 10,000 optimizer steps (SGD with momentum and weight decay, Adam, AdamW, and
 * each under a learning-rate schedule) and 10,000 calls of each gradient helper (clipping that
 * scales, norm, zeroing, flat copies, adding a replica's gradients) allocate 0 bytes, on double
 * parameters and on a set that mixes float and double ones. The POM runs this class a second
 * time under {@code -Xint}, so that a pass cannot come from the JIT's escape analysis removing
 * allocations that the code does make.
 *
 * <p>A run counts as clean when it allocates exactly 0 bytes, and one clean run out of five is
 * required, not all five: the thread's counter also sees one-off allocations that are not the
 * loop's (the JIT or the GC's bookkeeping, on this thread, landing inside a measured window,
 * worth a few hundred bytes). An allocation per call would show in every run, as at least
 * 160 kB (10,000 × 16 bytes).
 */
class TrainingAllocationTest {

  private static final int CALLS = 10_000;

  /** Keeps the results alive. */
  private static volatile double sink;

  private final Random random = new Random(61);
  private final double[][] w1 = new double[8][6];
  private final double[] b1 = new double[8];
  private final double[][] w2 = new double[3][8];
  private final Parameters parameters =
      new Parameters().add("W1", w1).add("b1", b1).add("W2", w2);
  private final double[] flat = new double[parameters.elementCount()];

  private final float[][] fw1 = new float[8][6];
  private final float[] fb1 = new float[8];
  private final double[][] dw2 = new double[3][8];
  private final float[] fb2 = new float[3];
  /** Float first, so that the clipping loop's row 0 is a float row. */
  private final Parameters mixed =
      new Parameters().add("W1", fw1).add("b1", fb1).add("W2", dw2).add("b2", fb2);
  private final double[] mixedFlat = new double[mixed.elementCount()];
  private final Parameters replica = parameters.gradientReplica();
  private final Parameters mixedReplica = mixed.gradientReplica();

  TrainingAllocationTest() {
    Init.heNormal(w1, random);
    Init.xavierUniform(w2, random);
    for (int r = 0; r < parameters.rowCount(); r++) {
      Init.uniform(parameters.gradientRow(r), -1.0, 1.0, random);
    }
    Init.heNormal(fw1, random);
    Init.xavierUniform(dw2, random);
    for (int r = 0; r < mixed.rowCount(); r++) {
      if (mixed.isFloatRow(r)) {
        Init.uniform(mixed.floatGradientRow(r), -1.0, 1.0, random);
      } else {
        Init.uniform(mixed.gradientRow(r), -1.0, 1.0, random);
      }
    }
  }

  @Test
  void counterSeesAnAllocatingLoop() {
    long bytes = allocatedBy(() -> sink = allocatingLoop(1_000));
    assertTrue(bytes >= 1_000 * 16, "only " + bytes + " bytes counted");
  }

  @Test
  void sgdWithMomentumStepsAllocateNothing() {
    Optimizer sgd = new Sgd(parameters, 1e-5, 0.9, 1e-4);
    assertAllocatesNothing("Sgd.step", () -> stepLoop(sgd));
    Optimizer plain = new Sgd(parameters, 1e-5);
    assertAllocatesNothing("Sgd.step without momentum", () -> stepLoop(plain));
  }

  @Test
  void adamStepsAllocateNothing() {
    Optimizer adam = new Adam(parameters, 1e-5);
    assertAllocatesNothing("Adam.step", () -> stepLoop(adam));
    Optimizer adamW = new AdamW(parameters, 1e-5, 1e-2);
    assertAllocatesNothing("AdamW.step", () -> stepLoop(adamW));
  }

  @Test
  void scheduledStepsAllocateNothing() {
    Optimizer cosine = new Scheduled(new AdamW(parameters, 1e-5, 1e-2),
        LearningRateSchedule.cosine(1e-5, 1e-7, 25_000).withWarmup(100));
    assertAllocatesNothing("Scheduled AdamW, cosine with warmup", () -> stepLoop(cosine));
    Optimizer stepDecay =
        new Scheduled(new Sgd(mixed, 1e-5, 0.9), LearningRateSchedule.stepDecay(1e-5, 0.5, 7));
    assertAllocatesNothing("Scheduled Sgd, step decay, mixed", () -> stepLoop(stepDecay));
    Optimizer exponential =
        new Scheduled(new Adam(mixed, 1e-5), LearningRateSchedule.exponential(1e-5, 0.9999));
    assertAllocatesNothing("Scheduled Adam, exponential, mixed", () -> stepLoop(exponential));
  }

  @Test
  void gradientHelpersAllocateNothing() {
    assertAllocatesNothing("clipGradientNorm", () -> sink = clipLoop(parameters));
    assertAllocatesNothing("gradientNorm", () -> sink = normLoop(parameters));
    assertAllocatesNothing("copyTo and copyFrom", () -> copyLoop(parameters, flat));
    assertAllocatesNothing(
        "copyGradientsTo and copyGradientsFrom", () -> copyGradientsLoop(parameters, flat));
    assertAllocatesNothing("zeroGradients", () -> zeroLoop(parameters));
    assertAllocatesNothing("addGradientsFrom", () -> addLoop(parameters, replica));
  }

  @Test
  void stepsOnFloatAndDoubleParametersAllocateNothing() {
    Optimizer sgd = new Sgd(mixed, 1e-5, 0.9, 1e-4);
    assertAllocatesNothing("Sgd.step, mixed", () -> stepLoop(sgd));
    Optimizer plain = new Sgd(mixed, 1e-5);
    assertAllocatesNothing("Sgd.step without momentum, mixed", () -> stepLoop(plain));
    Optimizer adam = new Adam(mixed, 1e-5);
    assertAllocatesNothing("Adam.step, mixed", () -> stepLoop(adam));
    Optimizer adamW = new AdamW(mixed, 1e-5, 1e-2);
    assertAllocatesNothing("AdamW.step, mixed", () -> stepLoop(adamW));
  }

  @Test
  void gradientHelpersOnFloatAndDoubleParametersAllocateNothing() {
    assertTrue(mixed.isFloatRow(0));
    assertAllocatesNothing("clipGradientNorm, mixed", () -> sink = floatClipLoop(mixed));
    assertAllocatesNothing("gradientNorm, mixed", () -> sink = normLoop(mixed));
    assertAllocatesNothing("copyTo and copyFrom, mixed", () -> copyLoop(mixed, mixedFlat));
    assertAllocatesNothing("copyGradientsTo and copyGradientsFrom, mixed",
        () -> copyGradientsLoop(mixed, mixedFlat));
    assertAllocatesNothing("zeroGradients, mixed", () -> zeroLoop(mixed));
    assertAllocatesNothing("addGradientsFrom, mixed", () -> addLoop(mixed, mixedReplica));
  }

  // ---- measurement -------------------------------------------------------------------------

  private static double allocatingLoop(int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double[] fresh = new double[1];
      fresh[0] = i;
      s += fresh[0];
    }
    return s;
  }

  // ---- loops: plain static methods -----------------------------------------------------------

  private static void stepLoop(Optimizer optimizer) {
    for (int i = 0; i < CALLS; i++) {
      optimizer.step();
    }
  }

  /** Each call first makes the gradient too long again, so that every call scales. */
  private static double clipLoop(Parameters p) {
    double[] g = p.gradientRow(0);
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      g[0] = 10.0;
      s += p.clipGradientNorm(1.0);
    }
    return s;
  }

  /** {@link #clipLoop} with a float row 0. */
  private static double floatClipLoop(Parameters p) {
    float[] g = p.floatGradientRow(0);
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      g[0] = 10.0f;
      s += p.clipGradientNorm(1.0);
    }
    return s;
  }

  private static double normLoop(Parameters p) {
    double s = 0;
    for (int i = 0; i < CALLS; i++) {
      s += p.gradientNorm();
    }
    return s;
  }

  private static void copyLoop(Parameters p, double[] flat) {
    for (int i = 0; i < CALLS; i++) {
      p.copyTo(flat);
      p.copyFrom(flat);
    }
  }

  private static void copyGradientsLoop(Parameters p, double[] flat) {
    for (int i = 0; i < CALLS; i++) {
      p.copyGradientsTo(flat);
      p.copyGradientsFrom(flat);
    }
  }

  private static void addLoop(Parameters p, Parameters replica) {
    for (int i = 0; i < CALLS; i++) {
      p.addGradientsFrom(replica);
    }
  }

  private static void zeroLoop(Parameters p) {
    for (int i = 0; i < CALLS; i++) {
      p.zeroGradients();
    }
  }
}

package seed;

import dev.tapeless.runtime.support.SavedValues;
import javax.annotation.processing.Generated;

/**
 * The forward and backward sweeps of the {@code @Differentiable} methods of {@link Seed}.
 *
 * <p>Each nested class belongs to one frame of {@link Seed_Grad} and holds the buffers its sweeps
 * reuse, so that after the first call nothing is allocated.
 */
@Generated(
    value = "dev.tapeless.processor.TapelessProcessor",
    comments = "gradient sweeps of seed.Seed"
)
@SuppressWarnings({"cast", "deprecation", "removal"})
final class Seed_GradSweeps {
  private Seed_GradSweeps() {
  }

  /**
   * Sweeps of {@link Seed_Grad.E}.
   */
  static final class E extends Seed_Grad.E.Sweeps {
    private final SavedValues saved = new SavedValues();

    /**
     * Forward sweep, then backward sweep, adding into {@code frame}'s adjoint fields.
     */
    @Override
    double backpropagate(Seed_Grad.E frame, double a, double b, double dResult) {
      // forward sweep
      double c = a + b;
      double d = b + 1;
      double result = c * d;
      frame.value = result;

      this.backwardSweep(frame, a, b, dResult, c, d);
      return frame.value;
    }

    /**
     * The forward computation alone, with this frame's buffers.
     */
    @Override
    double primal(double a, double b) {
      double c = a + b;
      double d = b + 1;
      double result = c * d;
      return result;
    }

    /**
     * The forward sweep alone, saving what {@code splitBackward} will need; the outputs'
     * aliasing checked when {@code check}.
     */
    @Override
    double splitForward(double a, double b, boolean check) {
      double c = a + b;
      double d = b + 1;
      double result = c * d;
      this.saved.pushDouble(c);
      this.saved.pushDouble(d);
      return result;
    }

    /**
     * The backward sweep of the last {@code splitForward} not yet reversed; the adjoints'
     * shapes and the outputs' aliasing checked when {@code check}.
     */
    @Override
    void splitBackward(Seed_Grad.E frame, double a, double b, double dResult, boolean check) {
      double d = this.saved.popDouble();
      double c = this.saved.popDouble();

      this.backwardSweep(frame, a, b, dResult, c, d);
    }

    /**
     * The backward sweep, adding into {@code frame}'s adjoint fields: written once for
     * {@code backpropagate} and {@code splitBackward}, which pass the primal locals it reads.
     */
    private void backwardSweep(Seed_Grad.E frame, double a, double b, double dResult, double c,
        double d) {
      // backward sweep
      double resultBar = dResult;
      double aBar = 0.0;
      double bBar = 0.0;
      double cBar = 0.0;
      double dBar = 0.0;
      // return c * d
      cBar = resultBar * d;
      dBar = resultBar * c;
      // double d = b + 1
      bBar = dBar;
      // double c = a + b
      aBar = cBar;
      bBar += cBar;
      frame.da += aBar;
      frame.db += bBar;
    }

    /**
     * Forward mode: the computation with its tangents; output tangents in place.
     */
    @Override
    double jvp(Seed_Grad.E frame, double a, double b, double aDot, double bDot,
        boolean clearOutputTangents) {
      double cDot = 0.0;
      double dDot = 0.0;
      double resultDot = 0.0;
      cDot = aDot + bDot;
      double c = a + b;
      dDot = bDot;
      double d = b + 1;
      resultDot = cDot * d + dDot * c;
      double result = c * d;
      frame.value = result;
      return resultDot;
    }

    /**
     * Second order: reverse mode over the tangent program, adding H v into the adjoint fields.
     */
    @Override
    double hvp(Seed_Grad.E frame, double a, double b, double aDirection, double bDirection,
        double dResult) {
      // forward sweep
      double aDot = aDirection;
      double bDot = bDirection;
      double cDot = 0.0;
      double dDot = 0.0;
      double resultDot = 0.0;
      double u1 = aDot + bDot;
      cDot = u1;
      double c = a + b;
      dDot = bDot;
      double d = b + 1;
      double u2 = cDot * d;
      double u3 = dDot * c;
      double u4 = u2 + u3;
      resultDot = u4;
      double result = c * d;
      double directional = resultDot;
      frame.value = result;

      // backward sweep
      double directionalBar = dResult;
      double aBar = 0.0;
      double bBar = 0.0;
      double resultDotBar = 0.0;
      double cBar = 0.0;
      double dBar = 0.0;
      double u2Bar = 0.0;
      double u3Bar = 0.0;
      double u4Bar = 0.0;
      resultDotBar = directionalBar;
      // return c * d
      u4Bar = resultDotBar;
      resultDotBar = 0.0;
      u2Bar = u4Bar;
      u3Bar = u4Bar;
      cBar = u3Bar * dDot;
      dBar = u2Bar * cDot;
      // double d = b + 1
      bBar = dBar;
      // double c = a + b
      aBar = cBar;
      bBar += cBar;
      resultDotBar = 0.0;
      frame.da += aBar;
      frame.db += bBar;
      return frame.value;
    }

    /**
     * Before {@code valueAndGradient}'s sweeps: zeroes the adjoint fields that no pullback sets
     * before anything else adds to them, and has the next sweep set those.
     */
    @Override
    void startOverwrite(Seed_Grad.E frame) {
      frame.da = 0.0;
      frame.db = 0.0;
    }

    /**
     * After {@code valueAndGradient}'s sweeps, also when they throw.
     */
    @Override
    void endOverwrite() {
    }
  }
}

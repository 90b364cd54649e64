package dev.tapeless.it.helpers;

import dev.tapeless.Differentiable;
import dev.tapeless.it.helpers.lib.PublicMath;

/** Helpers of another package that use only public members: copied in like local ones. */
public final class OtherPackageHelpers {
  private OtherPackageHelpers() {}

  @Differentiable
  public static double scores(double[][] w, double[] x) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += PublicMath.score(w[i], x, i % 2);
    }
    return s * s;
  }

  /** {@link #scores} through the annotated twins. */
  @Differentiable
  public static double scoresAnnotated(double[][] w, double[] x) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += PublicMath.scoreAnnotated(w[i], x, i % 2);
    }
    return s * s;
  }
}

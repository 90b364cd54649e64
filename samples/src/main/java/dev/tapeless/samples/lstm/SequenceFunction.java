package dev.tapeless.samples.lstm;

/**
 * A loss of one sequence under a {@link SequenceModel}'s arrays, or a call that adds its gradient:
 * {@code Lstm::sequenceLoss}, {@code Lstm_Grad.SequenceLoss::accumulate},
 * {@code LstmBptt::accumulate} and the GRU's twins all fit, so one training loop serves them all.
 */
@FunctionalInterface
public interface SequenceFunction {

  /** The loss of the sequence {@code xs} against {@code target}. */
  double apply(double[][] W, double[][] U, double[] b, double[] v, double[] bY, double[][] xs,
      double target);

  /** {@link #apply} with the arrays of {@code model}. */
  default double apply(SequenceModel model, double[][] xs, double target) {
    return apply(model.W, model.U, model.b, model.v, model.bY, xs, target);
  }
}

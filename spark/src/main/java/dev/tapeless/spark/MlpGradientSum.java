package dev.tapeless.spark;

import dev.tapeless.runtime.train.Parameters;
import dev.tapeless.samples.mlp.Mlp;
import dev.tapeless.samples.mlp.Mlp_Grad;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Random;

/**
 * The accumulator of {@code treeAggregate}: within a partition, {@link #add} runs the examples
 * through one frame of its own, which adds each gradient into its arrays; {@link #merge} and
 * serialization fold those arrays into a flat gradient (the order of
 * {@link Parameters#copyTo}), which is what travels between executors. The frame is transient:
 * it is made on the partition's first example, from the broadcast weights, and never shipped.
 */
public final class MlpGradientSum implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int hidden;
  private double[] gradient;
  private double loss;
  private long count;

  private transient Mlp model;
  private transient Mlp_Grad.Loss frame;
  private transient Parameters parameters;

  /** An empty sum for a network of {@code hidden} units: the zero value of the aggregation. */
  public MlpGradientSum(int hidden) {
    this.hidden = hidden;
  }

  /**
   * Adds the gradient and loss of one example at {@code weights}, with this partition's frame.
   *
   * @param weights the flat weights W1, b1, W2, b2, as {@link Parameters#copyTo} lays them out
   * @param example the image and its label
   * @return this
   */
  public MlpGradientSum add(double[] weights, LabeledImage example) {
    if (frame == null) {
      model = new Mlp(hidden, new Random(0));
      frame = new Mlp_Grad.Loss();
      parameters = frame.parameters(model);
      parameters.copyFrom(weights);
    }
    loss += frame.accumulate(model, example.image(), example.label());
    count++;
    return this;
  }

  /**
   * Adds {@code other} into this sum.
   *
   * @param other another partition's (or subtree's) sum
   * @return this
   */
  public MlpGradientSum merge(MlpGradientSum other) {
    flush();
    other.flush();
    if (other.gradient != null) {
      if (gradient == null) {
        gradient = other.gradient.clone();
      } else {
        for (int i = 0; i < gradient.length; i++) {
          gradient[i] += other.gradient[i];
        }
      }
    }
    loss += other.loss;
    count += other.count;
    return this;
  }

  /**
   * The summed gradient, flat in {@link Parameters#copyTo} order; empty if no example was added.
   *
   * @return the array itself, not a copy
   */
  public double[] gradient() {
    flush();
    return gradient == null ? new double[0] : gradient;
  }

  /**
   * The summed loss.
   *
   * @return the sum of the examples' losses
   */
  public double loss() {
    return loss;
  }

  /**
   * The number of examples added.
   *
   * @return how many examples the sum covers
   */
  public long count() {
    return count;
  }

  /** Moves what the frame has added into the flat gradient and zeroes the frame's arrays. */
  private void flush() {
    if (parameters == null) {
      return;
    }
    if (gradient == null) {
      gradient = new double[parameters.elementCount()];
    }
    int at = 0;
    for (int r = 0; r < parameters.rowCount(); r++) {
      double[] row = parameters.gradientRow(r);
      for (int j = 0; j < row.length; j++) {
        gradient[at++] += row[j];
      }
    }
    parameters.zeroGradients();
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    flush();
    out.defaultWriteObject();
  }
}

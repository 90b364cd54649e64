package dev.tapeless.it.arrays;

import java.util.Arrays;

/**
 * The arguments of one call, in declaration order: {@code Double}, {@code double[]},
 * {@code double[][]}, {@code Integer}, {@code int[]} or {@code Boolean}. The typed getters keep
 * the call lambdas of the case tables short; {@link #copy()} is deep, so that a call can never
 * change another call's arguments.
 */
final class Args {
  private final Object[] values;

  Args(Object... values) {
    this.values = values;
  }

  int size() {
    return values.length;
  }

  Object get(int i) {
    return values[i];
  }

  double d(int i) {
    return (Double) values[i];
  }

  double[] vec(int i) {
    return (double[]) values[i];
  }

  double[][] mat(int i) {
    return (double[][]) values[i];
  }

  int n(int i) {
    return (Integer) values[i];
  }

  boolean flag(int i) {
    return (Boolean) values[i];
  }

  int[] ints(int i) {
    return (int[]) values[i];
  }

  /** A deep copy. */
  Args copy() {
    Object[] copy = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      copy[i] = Flatten.deepCopy(values[i]);
    }
    return new Args(copy);
  }

  /** A shallow copy with argument {@code i} replaced: for aliasing one array into two places. */
  Args with(int i, Object value) {
    Object[] copy = values.clone();
    copy[i] = value;
    return new Args(copy);
  }

  @Override
  public String toString() {
    return Arrays.deepToString(values);
  }
}

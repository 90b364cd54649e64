package dev.tapeless.it.secondorder;

import dev.tapeless.it.arrays.Flatten;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One point of a {@link Subject}: its arguments in declaration order ({@code Double},
 * {@code double[]}, {@code double[][]}, {@code Integer}, {@code int[]} or {@code Boolean}, as
 * reflection passes them) and which of them are differentiated. The differentiated ones,
 * flattened as {@link Flatten} lays them out, are the rows and columns of the Hessian.
 */
public final class Point {
  private final Object[] values;
  private final boolean[] differentiated;

  /** Copies both arrays (deeply), so that no caller can change the point afterwards. */
  public Point(Object[] values, boolean[] differentiated) {
    if (values.length != differentiated.length) {
      throw new IllegalArgumentException(values.length + " values, " + differentiated.length
          + " flags");
    }
    this.values = deepCopy(values);
    this.differentiated = differentiated.clone();
  }

  /** A deep copy of the arguments: a call may keep or change what it is given. */
  public Object[] arguments() {
    return deepCopy(values);
  }

  /** Argument {@code i} itself, not a copy, for a twin to read. */
  Object value(int i) {
    return values[i];
  }

  int parameterCount() {
    return values.length;
  }

  boolean isDifferentiated(int i) {
    return differentiated[i];
  }

  /** The differentiated arguments, flattened in declaration order. */
  public double[] x() {
    return Flatten.flat(differentiatedValues(values));
  }

  /** This point with its differentiated arguments taken from {@code x}, flattened. */
  public Point moved(double[] x) {
    Object[] copy = deepCopy(values);
    int at = 0;
    for (int i = 0; i < copy.length; i++) {
      if (differentiated[i]) {
        copy[i] = Flatten.take(copy[i], x, at);
        at += Flatten.size(copy[i]);
      }
    }
    if (at != x.length) {
      throw new IllegalArgumentException(x.length + " values for " + at + " differentiated");
    }
    return new Point(copy, differentiated);
  }

  /** One direction per differentiated argument, of its shape, taken from {@code v}, flattened. */
  public Object[] directions(double[] v) {
    return differentiatedValues(moved(v).values);
  }

  private Object[] differentiatedValues(Object[] all) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < all.length; i++) {
      if (differentiated[i]) {
        out.add(all[i]);
      }
    }
    return out.toArray();
  }

  private static Object[] deepCopy(Object[] values) {
    Object[] copy = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      copy[i] = Flatten.deepCopy(values[i]);
    }
    return copy;
  }

  @Override
  public String toString() {
    return Arrays.deepToString(values);
  }
}

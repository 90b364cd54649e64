package dev.tapeless.runtime.support;

import java.util.Arrays;

/**
 * The values a frame's forward sweep saves inside loops because they are overwritten before the
 * backward sweep needs them, popped in reverse order. The arrays grow during the first calls
 * and are then reused, so a frame in steady state allocates nothing.
 */
public final class SavedValues {
  private double[] doubles = new double[64];
  private int doubleTop;
  private long[] longs = new long[64];
  private int longTop;

  public void pushDouble(double v) {
    if (doubleTop == doubles.length) {
      doubles = Arrays.copyOf(doubles, doubles.length * 2);
    }
    doubles[doubleTop++] = v;
  }

  public double popDouble() {
    return doubles[--doubleTop];
  }

  public void pushLong(long v) {
    if (longTop == longs.length) {
      longs = Arrays.copyOf(longs, longs.length * 2);
    }
    longs[longTop++] = v;
  }

  public long popLong() {
    return longs[--longTop];
  }

  public void pushInt(int v) {
    pushLong(v);
  }

  public int popInt() {
    return (int) popLong();
  }

  public void pushBoolean(boolean v) {
    pushLong(v ? 1 : 0);
  }

  public boolean popBoolean() {
    return popLong() != 0;
  }

  /** Saves a whole array that a call is about to overwrite. */
  public void pushAll(double[] a) {
    for (double v : a) {
      pushDouble(v);
    }
  }

  /** Restores what {@link #pushAll(double[])} saved, into the same array. */
  public void popAll(double[] a) {
    for (int i = a.length - 1; i >= 0; i--) {
      a[i] = popDouble();
    }
  }

  public void pushAll(double[][] a) {
    for (double[] row : a) {
      pushAll(row);
    }
  }

  public void popAll(double[][] a) {
    for (int i = a.length - 1; i >= 0; i--) {
      popAll(a[i]);
    }
  }

  /** Forgets everything, e.g. after a call that threw half-way through its forward sweep. */
  public void clear() {
    doubleTop = 0;
    longTop = 0;
  }
}

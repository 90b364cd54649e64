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
  private long[] longs = new long[16];
  private int longTop;
  private int[] ints = new int[64];
  private int intTop;
  private boolean[] booleans = new boolean[64];
  private int booleanTop;

  /** A stack larger than this many elements may shrink back (see {@link #settle()}). */
  private static final int LARGE = 1 << 16;
  /** How many calls in a row must use little of a large stack before it shrinks. */
  private static final int PATIENCE = 16;
  private int sparseCalls;

  /** Empty stacks, each with room to grow; a frame makes one and keeps it. */
  public SavedValues() {}

  /**
   * Called by a frame between its forward and backward sweeps, when the stacks hold all the
   * call saved. After {@value #PATIENCE} calls in a row that each used under an eighth of a
   * stack of more than 65,536 elements (an unusually long call made it grow), that stack
   * shrinks to twice what the last call used: one copy, after which the frame allocates nothing
   * again, rather than holding the long call's memory for as long as it lives.
   */
  public void settle() {
    if (doubles.length > LARGE || longs.length > LARGE || ints.length > LARGE
        || booleans.length > LARGE) {
      settleLarge();
    } else {
      sparseCalls = 0;
    }
  }

  /**
   * {@link #settle()} once a stack has grown large: a method of its own, so that the JIT does
   * not inline the shrinking into every backward sweep. Whether it did depended on whether its
   * profile happened to see a shrink (after a long call in a benchmark's setup), and the larger
   * sweep then ran 25–35% slower (the LSTM cell's, in one JMH fork in three or four).
   */
  private void settleLarge() {
    if (!sparse(doubles.length, doubleTop) && !sparse(longs.length, longTop)
        && !sparse(ints.length, intTop) && !sparse(booleans.length, booleanTop)) {
      sparseCalls = 0;
      return;
    }
    if (++sparseCalls < PATIENCE) {
      return;
    }
    sparseCalls = 0;
    if (sparse(doubles.length, doubleTop)) {
      doubles = Arrays.copyOf(doubles, shrunk(doubleTop));
    }
    if (sparse(longs.length, longTop)) {
      longs = Arrays.copyOf(longs, shrunk(longTop));
    }
    if (sparse(ints.length, intTop)) {
      ints = Arrays.copyOf(ints, shrunk(intTop));
    }
    if (sparse(booleans.length, booleanTop)) {
      booleans = Arrays.copyOf(booleans, shrunk(booleanTop));
    }
  }

  private static boolean sparse(int length, int top) {
    return length > LARGE && top < length / 8;
  }

  private static int shrunk(int top) {
    return Math.max(64, 2 * top);
  }

  /**
   * The memory the stacks hold, used or not: what a frame keeps between calls.
   *
   * @return the bytes of the stacks' arrays, without object headers
   */
  public long capacityBytes() {
    return 8L * doubles.length + 8L * longs.length + 4L * ints.length + booleans.length;
  }

  /**
   * Saves a double.
   *
   * @param v the value
   */
  public void pushDouble(double v) {
    if (doubleTop == doubles.length) {
      doubles = Arrays.copyOf(doubles, doubles.length * 2);
    }
    doubles[doubleTop++] = v;
  }

  /**
   * Takes back the double saved last.
   *
   * @return the value
   */
  public double popDouble() {
    return doubles[--doubleTop];
  }

  /**
   * The double stack's array, for a generated loop that pushes or pops through locals instead
   * of this object's fields: a store to {@code doubleTop} on every push made each push wait for
   * the last one's (the JIT does not keep a field in a register across a loop). Valid until the
   * stack grows ({@link #growDoubles}) and until {@link #doubleTop(int)} hands the top back.
   *
   * @return the array the doubles are saved in, valid below {@link #doubleTop()}
   */
  public double[] doubleStack() {
    return doubles;
  }

  /**
   * Where a generated loop's local top starts.
   *
   * @return how many doubles are saved
   */
  public int doubleTop() {
    return doubleTop;
  }

  /**
   * Takes back a generated loop's local top after it pushed or popped through the array.
   *
   * @param top how many doubles are saved now
   */
  public void doubleTop(int top) {
    doubleTop = top;
  }

  /**
   * Doubles the double stack's room when a generated loop's local top reached its end; the
   * values below that top are kept (the whole array is copied).
   *
   * @return the new array, to push into from there on
   */
  public double[] growDoubles() {
    doubles = Arrays.copyOf(doubles, doubles.length * 2);
    return doubles;
  }

  /**
   * A float goes on the double stack: widening is exact, so the pop gives it back.
   *
   * @param v the value
   */
  public void pushFloat(float v) {
    pushDouble(v);
  }

  /**
   * Takes back the float saved last.
   *
   * @return the value
   */
  public float popFloat() {
    return (float) popDouble();
  }

  /**
   * Saves a long.
   *
   * @param v the value
   */
  public void pushLong(long v) {
    if (longTop == longs.length) {
      longs = Arrays.copyOf(longs, longs.length * 2);
    }
    longs[longTop++] = v;
  }

  /**
   * Takes back the long saved last.
   *
   * @return the value
   */
  public long popLong() {
    return longs[--longTop];
  }

  /**
   * Saves an int.
   *
   * @param v the value
   */
  public void pushInt(int v) {
    if (intTop == ints.length) {
      ints = Arrays.copyOf(ints, ints.length * 2);
    }
    ints[intTop++] = v;
  }

  /**
   * Takes back the int saved last.
   *
   * @return the value
   */
  public int popInt() {
    return ints[--intTop];
  }

  /**
   * Saves a boolean, such as a branch decision.
   *
   * @param v the value
   */
  public void pushBoolean(boolean v) {
    if (booleanTop == booleans.length) {
      booleans = Arrays.copyOf(booleans, booleans.length * 2);
    }
    booleans[booleanTop++] = v;
  }

  /**
   * Takes back the boolean saved last.
   *
   * @return the value
   */
  public boolean popBoolean() {
    return booleans[--booleanTop];
  }

  /**
   * Saves a whole array that a call is about to overwrite.
   *
   * @param a the array, read
   */
  public void pushAll(double[] a) {
    for (double v : a) {
      pushDouble(v);
    }
  }

  /**
   * Restores what {@link #pushAll(double[])} saved, into the same array.
   *
   * @param a the array, overwritten
   */
  public void popAll(double[] a) {
    for (int i = a.length - 1; i >= 0; i--) {
      a[i] = popDouble();
    }
  }

  /**
   * Saves every element of a whole array that a call is about to overwrite.
   *
   * @param a the array, read
   */
  public void pushAll(double[][] a) {
    for (double[] row : a) {
      pushAll(row);
    }
  }

  /**
   * Restores what {@code pushAll} saved of an array of this shape, into the same array.
   *
   * @param a the array, overwritten
   */
  public void popAll(double[][] a) {
    for (int i = a.length - 1; i >= 0; i--) {
      popAll(a[i]);
    }
  }

  /**
   * Saves every element of a whole array that a call is about to overwrite.
   *
   * @param a the array, read
   */
  public void pushAll(double[][][] a) {
    for (double[][] block : a) {
      pushAll(block);
    }
  }

  /**
   * Restores what {@code pushAll} saved of an array of this shape, into the same array.
   *
   * @param a the array, overwritten
   */
  public void popAll(double[][][] a) {
    for (int i = a.length - 1; i >= 0; i--) {
      popAll(a[i]);
    }
  }

  /**
   * Saves every element of a whole array that a call is about to overwrite.
   *
   * @param a the array, read
   */
  public void pushAll(float[] a) {
    for (float v : a) {
      pushDouble(v);
    }
  }

  /**
   * Restores what {@code pushAll} saved of an array of this shape, into the same array.
   *
   * @param a the array, overwritten
   */
  public void popAll(float[] a) {
    for (int i = a.length - 1; i >= 0; i--) {
      a[i] = (float) popDouble();
    }
  }

  /**
   * Saves every element of a whole array that a call is about to overwrite.
   *
   * @param a the array, read
   */
  public void pushAll(float[][] a) {
    for (float[] row : a) {
      pushAll(row);
    }
  }

  /**
   * Restores what {@code pushAll} saved of an array of this shape, into the same array.
   *
   * @param a the array, overwritten
   */
  public void popAll(float[][] a) {
    for (int i = a.length - 1; i >= 0; i--) {
      popAll(a[i]);
    }
  }

  /**
   * Saves every element of a whole array that a call is about to overwrite.
   *
   * @param a the array, read
   */
  public void pushAll(float[][][] a) {
    for (float[][] block : a) {
      pushAll(block);
    }
  }

  /**
   * Restores what {@code pushAll} saved of an array of this shape, into the same array.
   *
   * @param a the array, overwritten
   */
  public void popAll(float[][][] a) {
    for (int i = a.length - 1; i >= 0; i--) {
      popAll(a[i]);
    }
  }

  /**
   * Saves an index array that a method without a derivative may overwrite.
   *
   * @param a the array, read
   */
  public void pushAll(int[] a) {
    for (int v : a) {
      pushInt(v);
    }
  }

  /**
   * Restores what {@link #pushAll(int[])} saved, into the same array.
   *
   * @param a the array, overwritten
   */
  public void popAll(int[] a) {
    for (int i = a.length - 1; i >= 0; i--) {
      a[i] = popInt();
    }
  }

  /** Forgets everything, e.g. after a call that threw half-way through its forward sweep. */
  public void clear() {
    doubleTop = 0;
    longTop = 0;
    intTop = 0;
    booleanTop = 0;
  }
}

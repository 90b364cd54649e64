package dev.tapeless.fuzz.gen;

import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.Ty;
import java.util.HashMap;
import java.util.Map;

/**
 * A variable in scope and what the generator knows about it: whether it may hold a value that
 * depends on a differentiated input, its array shape, and the index ranges it is safe for.
 */
final class V {
  final String name;
  final Ty type;
  /**
   * Never holds a value derived from a differentiated input, so it may be passed where Tapeless
   * wants constants (helpers without derivative, @NoDerivative parameters of callees).
   */
  final boolean constOnly;
  /** A scalar the body may assign (locals and scalar parameters, not loop indices). */
  boolean assignable;
  /** An array the body may write: a local array or an {@code @Out} parameter. */
  boolean writable;
  boolean outParam;
  /** Array axes. */
  Dim[] shape;
  /** A matrix whose rows may differ in length; {@code shape[1]} bounds them. */
  boolean jagged;
  /** For an int whose value equals a length: usable as a bound and a length. */
  Dim equalsDim;
  /** For loop indices: the lengths {@code name + offset} indexes safely. */
  final Map<Dim, int[]> indexFor = new HashMap<>();
  /** Known int range, or null. */
  int[] range;
  /** An int never negative (loop indices counting up, counters). */
  boolean nonneg;
  /** An int changed only by {@code ++} (counters of while loops): never assigned otherwise. */
  boolean counter;
  /**
   * A parameter printed as a record's component: read only, through its accessor chain, and
   * never the array of an enhanced for (the processor wants a variable there, TL102).
   */
  boolean inRecord;
  /**
   * For an array variable that names another array or a row of one ({@code double[] row =
   * W[i];}): the variable that owns the storage, so that calls never pass one array both as an
   * output and as another argument. Null for a variable that owns its array.
   */
  V aliasOf;
  /**
   * For {@code double[] row = W[i];} of a rectangular matrix: {@code W}, to which
   * {@code row = W[k];} may move it (every row of {@code W} has the length {@code row} knows).
   */
  V rowOf;
  /**
   * A parameter, or an int set once outside every loop: its length (or value) is the same in
   * every iteration, what a size of an array created inside a loop may use (else TL102).
   */
  boolean stable;
  /**
   * The variable of {@code for (double[] x : xs)} over a list: read only, never passed where
   * a derivative is taken (TL120), never the array of another name.
   */
  boolean listRow;

  V(String name, Ty type, boolean constOnly) {
    this.name = name;
    this.type = type;
    this.constOnly = constOnly;
  }

  /** The variable owning this one's storage: itself unless it is an alias. */
  V base() {
    return aliasOf == null ? this : aliasOf.base();
  }

  Expr ref() {
    return new Expr.Ref(name, type);
  }

  @Override
  public String toString() {
    return name + ":" + type + (constOnly ? " const" : "");
  }
}

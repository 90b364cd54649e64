package dev.tapeless.fuzz.gen;

import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.Ty;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * The variables visible at the point being generated, block by block, and the row lengths of
 * jagged matrices known inside loops over their rows.
 */
final class Scope {
  /** Inside a loop over the rows of a jagged matrix: {@code matrix[row]} has length {@code dim}. */
  record RowDim(V matrix, V row, Dim dim) {}

  private final Deque<List<V>> frames = new ArrayDeque<>();
  private final Deque<List<RowDim>> rowFrames = new ArrayDeque<>();

  Scope() {
    push();
  }

  void push() {
    frames.push(new ArrayList<>());
    rowFrames.push(new ArrayList<>());
  }

  void pop() {
    frames.pop();
    rowFrames.pop();
  }

  void add(V v) {
    frames.peek().add(v);
  }

  void addRowDim(RowDim r) {
    rowFrames.peek().add(r);
  }

  /** Every visible variable, outermost first. */
  List<V> all() {
    List<V> result = new ArrayList<>();
    List<List<V>> list = new ArrayList<>(frames);
    for (int i = list.size() - 1; i >= 0; i--) {
      result.addAll(list.get(i));
    }
    return result;
  }

  List<V> where(Predicate<V> p) {
    List<V> result = new ArrayList<>();
    for (V v : all()) {
      if (p.test(v)) {
        result.add(v);
      }
    }
    return result;
  }

  List<V> ofType(Ty t) {
    return where(v -> v.type == t);
  }

  List<RowDim> rowDims() {
    List<RowDim> result = new ArrayList<>();
    for (List<RowDim> f : rowFrames) {
      result.addAll(f);
    }
    return result;
  }

  /** The row length of {@code matrix[row]} when {@code row} is a loop over its rows. */
  Dim rowDim(V matrix, Expr rowIndex) {
    if (rowIndex instanceof Expr.Ref r) {
      for (RowDim rd : rowDims()) {
        if (rd.matrix() == matrix && rd.row().name.equals(r.name())) {
          return rd.dim();
        }
      }
    }
    return null;
  }

  /** Expressions whose value is the length {@code d}: {@code a.length}, {@code n}, a literal. */
  List<Expr> lengths(Dim d) {
    List<Expr> result = new ArrayList<>();
    for (V v : all()) {
      if (v.type.isArray() && v.shape[0] == d) {
        result.add(new Expr.Length(v.ref()));
      }
      if (v.type == Ty.DMAT && v.shape[1] == d && !v.jagged) {
        if (v.shape[0].min >= 1) {
          result.add(new Expr.Length(new Expr.Index(v.ref(), new Expr.ILit(0, Ty.INT))));
        }
        for (V i : all()) {
          int[] offsets = i.indexFor.get(v.shape[0]);
          if (offsets != null && contains(offsets, 0)) {
            result.add(new Expr.Length(new Expr.Index(v.ref(), i.ref())));
          }
        }
      }
      if (v.type == Ty.INT && v.equalsDim == d) {
        result.add(v.ref());
      }
    }
    for (RowDim rd : rowDims()) {
      if (rd.dim() == d) {
        result.add(new Expr.Length(new Expr.Index(rd.matrix().ref(), rd.row().ref())));
      }
    }
    for (V v : where(x -> x.type.isList())) {
      // xs.size(), xs.get(0).length, xs.get(0)[0].length
      Expr e = v.ref();
      for (int axis = 0; axis < v.shape.length; axis++) {
        if (v.shape[axis] == d) {
          result.add(axis == 0 ? new Expr.Size(e) : new Expr.Length(e));
        }
        if (v.shape[axis].min < 1) {
          break;
        }
        e = axis == 0 ? new Expr.ListGet(e, new Expr.ILit(0, Ty.INT))
            : new Expr.Index(e, new Expr.ILit(0, Ty.INT));
      }
    }
    if (d.fixed) {
      result.add(new Expr.ILit(d.min, Ty.INT));
    }
    return result;
  }

  static boolean contains(int[] values, int v) {
    for (int x : values) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }
}

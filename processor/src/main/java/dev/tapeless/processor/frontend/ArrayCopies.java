package dev.tapeless.processor.frontend;

import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Origin;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Arrays.fill}, {@code System.arraycopy} and {@code clone()} as loops of element stores:
 * each copied element's derivative is the source element's, and filled elements have none, so
 * the existing rules of stores give their exact derivatives and reversal.
 */
final class ArrayCopies {
  private ArrayCopies() {}

  /**
   * An array: a variable, or the row (or block) of one its leading indices {@code row} select;
   * also what a row variable ({@code double[] r = W[i]}) names.
   */
  record Region(Var array, List<Expr> row) {
    static Region of(Expr e) {
      if (e instanceof Expr.Ref r) {
        return new Region(r.var(), List.of());
      }
      Expr.ArrayRead a = (Expr.ArrayRead) e;
      return new Region(a.array(), a.indices());
    }

    Expr whole() {
      return row.isEmpty() ? new Expr.Ref(array)
          : new Expr.ArrayRead(array, row, array.type().indexed(row.size()));
    }

    Type elementType() {
      return Type.scalar(array.type().kind());
    }

    List<Expr> element(Expr index) {
      List<Expr> indices = new ArrayList<>(row);
      indices.add(index);
      return indices;
    }

    /** Whether the two may be one array at run time: the same variable, whatever the rows. */
    boolean mayBe(Region other) {
      return array == other.array;
    }
  }

  /** {@code for (k = from; k < to; k++) a[k] = value}. */
  static Stmt fill(Region a, Expr from, Expr to, Expr value, NameTable names, Origin origin) {
    Var k = index(names);
    return new Stmt.For(k, from, to, Stmt.Direction.UP_EXCLUSIVE, new Stmt.Block(List.of(
        new Stmt.Store(a.array(), a.element(new Expr.Ref(k)), value, Stmt.StoreKind.SET,
            origin))), origin);
  }

  /**
   * {@code dst[d + k] = src[s + k]} for {@code k} below {@code n}; within one array, running
   * down when the destination is above the source, as if through a temporary copy. Two rows
   * of one matrix count as one array: rows chosen by different expressions (row variables,
   * {@code row = W[k]}) may be the same row at run time.
   */
  static Stmt copy(Region src, Expr s, Region dst, Expr d, Expr n, NameTable names,
      Origin origin) {
    if (!src.mayBe(dst)) {
      Var k = index(names);
      return new Stmt.For(k, new Expr.Const("0", Type.INT), n, Stmt.Direction.UP_EXCLUSIVE,
          copyBody(src, s, dst, d, k, null, origin), origin);
    }
    Var up = index(names);
    Var down = index(names);
    Var upward = new Var(names.numbered("c"), Type.BOOLEAN, Var.Role.TEMP);
    Stmt forward = new Stmt.For(up, new Expr.Const("0", Type.INT), n,
        Stmt.Direction.UP_EXCLUSIVE, copyBody(src, s, dst, d, up, names, origin), origin);
    Stmt backward = new Stmt.For(down,
        new Expr.Binary(BinaryOp.SUB, n, new Expr.Const("1", Type.INT), Type.INT),
        new Expr.Const("0", Type.INT), Stmt.Direction.DOWN_INCLUSIVE,
        copyBody(src, s, dst, d, down, names, origin), origin);
    return new Stmt.Block(List.of(
        new Stmt.Assign(upward, new Expr.Binary(BinaryOp.GE, s, d, Type.BOOLEAN), origin),
        new Stmt.If(new Expr.Ref(upward), new Stmt.Block(List.of(forward)),
            new Stmt.Block(List.of(backward)), origin)));
  }

  /**
   * One element's copy; through a temporary when source and destination are one array
   * ({@code names} given), so that reversing the store cannot clear the adjoint it adds to.
   */
  private static Stmt.Block copyBody(Region src, Expr s, Region dst, Expr d, Var k,
      NameTable names, Origin origin) {
    Expr from = new Expr.ArrayRead(src.array(), src.element(plus(s, k)), src.elementType());
    List<Expr> to = dst.element(plus(d, k));
    if (names == null) {
      return new Stmt.Block(List.of(
          new Stmt.Store(dst.array(), to, from, Stmt.StoreKind.SET, origin)));
    }
    Type type = src.elementType();
    Var t = new Var(names.numbered(type.isReal() ? "t" : "i"), type, Var.Role.TEMP);
    return new Stmt.Block(List.of(new Stmt.Assign(t, from, origin),
        new Stmt.Store(dst.array(), to, new Expr.Ref(t), Stmt.StoreKind.SET, origin)));
  }

  /** {@code copy = new double[source.length]} and a loop copying the elements. */
  static List<Stmt> copyOf(Var copy, Region source, NameTable names, Origin origin) {
    Expr length = new Expr.Length(source.whole());
    Expr zero = new Expr.Const("0", Type.INT);
    return List.of(new Stmt.Assign(copy, new Expr.NewArray(copy.type(), List.of(length)), origin),
        copy(source, zero, Region.of(new Expr.Ref(copy)), zero, length, names, origin));
  }

  private static Expr plus(Expr offset, Var k) {
    return offset instanceof Expr.Const c && c.literal().equals("0") ? new Expr.Ref(k)
        : new Expr.Binary(BinaryOp.ADD, offset, new Expr.Ref(k), Type.INT);
  }

  private static Var index(NameTable names) {
    return new Var(names.numbered("k"), Type.INT, Var.Role.INDEX);
  }
}

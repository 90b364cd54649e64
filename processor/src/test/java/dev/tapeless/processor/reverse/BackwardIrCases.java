package dev.tapeless.processor.reverse;

import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Origin;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.List;
import java.util.Map;

/** Pieces of backward IR written by hand, for the tests of the passes over it. */
final class BackwardIrCases {
  private BackwardIrCases() {}

  static Expr.ArrayRead element(Var array, Expr... indices) {
    return new Expr.ArrayRead(array, List.of(indices),
        array.type().indexed(indices.length));
  }

  /** {@code array[indices] += value}, its origin the source text {@code code}. */
  static Stmt.Store increment(Var array, Expr value, String code, Expr... indices) {
    return new Stmt.Store(array, List.of(indices), value, Stmt.StoreKind.ADD, Origin.of(code));
  }

  /** {@code target += g}: the adjoint update of an increment, the rule's partial being 1. */
  static Stmt.Store adds(Expr.ArrayRead target, Expr g) {
    return new Stmt.Store(target.array(), target.indices(),
        new Expr.Rule("$g", Map.of("g", g), Type.DOUBLE), Stmt.StoreKind.ADD, null);
  }

  /** The backward sweep of {@code of}: its comment and its code. */
  static List<Stmt> reversal(Stmt of, Stmt... code) {
    return List.of(new Stmt.Comment(SourceComments.of(of.origin())),
        new Stmt.Reversal(of, new Stmt.Block(List.of(code))));
  }

  static Stmt.Block body(List<Stmt> first, List<Stmt> second) {
    return new Stmt.Block(java.util.stream.Stream.concat(first.stream(), second.stream())
        .toList());
  }
}

package dev.tapeless.fuzz.gen;

import static dev.tapeless.fuzz.gen.E.add;
import static dev.tapeless.fuzz.gen.E.d;
import static dev.tapeless.fuzz.gen.E.mul;

import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.Ty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The value a method returns: a random expression plus a weighted sum of the double variables
 * and array elements in scope, so that most of what the body computed reaches the result and
 * its gradient is exercised.
 */
final class FinalExpr {
  private final MethodState s;
  private final ExprGen ex;

  FinalExpr(MethodState s, ExprGen ex) {
    this.s = s;
    this.ex = ex;
  }

  Expr build() {
    Rand r = s.r;
    Expr result = ex.dbl(r.between(0, 2), true);
    List<V> doubles = new ArrayList<>(s.scope.where(v -> v.type == Ty.DOUBLE && !v.constOnly));
    Collections.reverse(doubles); // latest locals first: they are the ones most likely unused
    int terms = 0;
    for (V v : doubles) {
      if (terms >= 6) {
        break;
      }
      if (terms < 3 || r.chance(0.5)) {
        result = add(result, mul(d(r.coefficient()), v.ref()));
        terms++;
      }
    }
    for (V a : s.scope.where(v -> v.type.isArray() && v.type != Ty.IARR && !v.constOnly)) {
      if (r.chance(0.6)) {
        Expr e = ex.element(a, true);
        if (e != null) {
          result = add(result, mul(d(r.coefficient()), e));
        }
      }
    }
    return result;
  }
}

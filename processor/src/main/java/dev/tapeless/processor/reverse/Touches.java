package dev.tapeless.processor.reverse;

import dev.tapeless.processor.analysis.BackwardReads;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The elements a reversed loop's body reads and updates as the backward sweep names them: the
 * adjoint element a store's reversal reads (even when no partial uses it), then for each update
 * its target and the elements its partial reads, in the order written. Restores, calls and
 * inner counted loops (which have passes of their own) are not walked. Row hoisting rewrites
 * these elements; the length tests learn from them which arrays every iteration indexes.
 */
final class Touches {
  private Touches() {}

  /** Sees, and may replace, one element. */
  interface Visitor {
    /**
     * @param base the primal variable the element's array is, or is the adjoint of
     * @param conditional whether a branch or an inner while-loop of the body guards it
     */
    Expr.ArrayRead element(Expr.ArrayRead element, Var base, boolean conditional);
  }

  static Stmt.Block rewrite(Stmt.Block body, Adjoints adjoints, Visitor visitor) {
    return new Touches.Walk(adjoints, visitor).block(body, 0);
  }

  private record Walk(Adjoints adjoints, Visitor visitor) {
    Stmt.Block block(Stmt.Block b, int depth) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : b.statements()) {
        out.add(statement(s, depth));
      }
      return new Stmt.Block(out);
    }

    Stmt statement(Stmt s, int depth) {
      if (s instanceof Stmt.Reversal r) {
        if (r.of() instanceof Stmt.Store st && BackwardReads.derivativeCall(st) == null
            && adjoints.has(st.array())) {
          Var adjoint = adjoints.var(st.array());
          visit(new Expr.ArrayRead(adjoint, st.indices(),
              adjoint.type().indexed(st.indices().size())), depth);
        }
        boolean guarded = r.of() instanceof Stmt.If || r.of() instanceof Stmt.Loop;
        return new Stmt.Reversal(r.of(), block(r.code(), guarded ? depth + 1 : depth));
      } else if (s instanceof Stmt.If i) {
        return new Stmt.If(i.condition(), block(i.thenBlock(), depth + 1),
            block(i.elseBlock(), depth + 1), i.origin());
      } else if (s instanceof Stmt.For f) {
        return new Stmt.For(f.index(), f.first(), f.bound(), f.direction(),
            block(f.body(), depth + 1), f.origin());
      } else if (s instanceof Stmt.Strided l) {
        return l.withBody(block(l.body(), depth + 1));
      } else if (s instanceof Stmt.Block b) {
        return block(b, depth);
      } else if (s instanceof Stmt.Store st && adjointUpdate(st)) {
        Expr.ArrayRead target = st.indices().isEmpty() ? st.element() : visit(st.element(), depth);
        Expr value = st.value() instanceof Expr.Rule rule ? rule(rule, depth) : st.value();
        return new Stmt.Store(target.array(), target.indices(), value, st.kind(), st.origin());
      }
      return s;
    }

    /**
     * An update of an adjoint ({@code += partial}) or its reset to zero after a store (an
     * element of an adjoint or of a row hoisted from one); restores put back primal values.
     */
    static boolean adjointUpdate(Stmt.Store st) {
      return st.value() instanceof Expr.Rule
          || (st.kind() == Stmt.StoreKind.SET && st.value() instanceof Expr.Const);
    }

    Expr.Rule rule(Expr.Rule rule, int depth) {
      Map<String, Expr> bindings = new LinkedHashMap<>();
      rule.bindings().forEach((name, e) -> bindings.put(name, bound(e, depth)));
      return new Expr.Rule(rule.template(), bindings, rule.type());
    }

    Expr bound(Expr e, int depth) {
      if (e instanceof Expr.ArrayRead a) {
        return visit(a, depth);
      } else if (e instanceof Expr.Cast c && c.operand() instanceof Expr.ArrayRead a) {
        return new Expr.Cast(c.type(), visit(a, depth));
      }
      return e;
    }

    Expr.ArrayRead visit(Expr.ArrayRead e, int depth) {
      return visitor.element(e, adjoints.base(e.array()), depth > 0);
    }
  }
}

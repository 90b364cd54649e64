package dev.tapeless.fuzz.gen;

import static dev.tapeless.fuzz.gen.E.add;
import static dev.tapeless.fuzz.gen.E.bin;
import static dev.tapeless.fuzz.gen.E.d;
import static dev.tapeless.fuzz.gen.E.i;
import static dev.tapeless.fuzz.gen.E.mul;
import static dev.tapeless.fuzz.gen.E.rem;
import static dev.tapeless.fuzz.gen.E.sub;

import dev.tapeless.fuzz.ast.ConstDef;
import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.Op;
import dev.tapeless.fuzz.ast.Ty;
import java.util.ArrayList;
import java.util.List;

/**
 * Random expressions of each type. Every Math function gets an argument that keeps it in its
 * domain by construction ({@code Math.log(1.5 + Math.cos(e))}); every index is in bounds by
 * construction (a loop index over the same length, a literal below the smallest length, or
 * {@code e % a.length}).
 *
 * <p>{@code varied = false} asks for an expression that does not depend on any differentiated
 * input: what Tapeless accepts as an argument of a method without a derivative.
 */
final class ExprGen {
  private final MethodState s;
  private final Rand r;
  CallGen calls;

  ExprGen(MethodState s) {
    this.s = s;
    this.r = s.r;
  }

  // ---------------------------------------------------------------- double

  Expr dbl(int depth, boolean varied) {
    if (depth <= 0 || r.chance(0.25)) {
      return dblLeaf(varied);
    }
    boolean math = s.f.mathFunctions;
    int choice = r.weighted(
        6, // + - *
        1, // mixed with an int
        1.5, // division by something safely away from 0
        s.f.remainder ? 0.7 : 0,
        0.7, // unary minus
        math ? 4.5 : 0,
        s.f.ternary ? 1 : 0,
        s.f.calls || s.f.kernels || s.f.helpers ? 2 : 0,
        s.f.casts ? 0.8 : 0);
    switch (choice) {
      case 0:
        return bin(r.pickOf(Op.ADD, Op.SUB, Op.MUL, Op.MUL), dbl(depth - 1, varied),
            dbl(depth - 1, varied));
      case 1: {
        Expr n = r.chance(0.8) ? intExpr(1, varied) : longExpr(1, varied);
        Expr x = dbl(depth - 1, varied);
        return r.chance(0.5) ? bin(r.pickOf(Op.ADD, Op.SUB, Op.MUL), x, n)
            : bin(r.pickOf(Op.ADD, Op.SUB, Op.MUL), n, x);
      }
      case 2:
        return bin(Op.DIV, dbl(depth - 1, varied), denominator(depth - 1, varied));
      case 3:
        return rem(dbl(depth - 1, varied), positiveDivisor(depth - 1, varied));
      case 4:
        return new Expr.Neg(dbl(depth - 1, varied));
      case 5:
        return mathCall(depth - 1, varied);
      case 6:
        return new Expr.Cond(bool(1, varied), dbl(depth - 1, varied), dbl(depth - 1, varied));
      case 7: {
        Expr call = calls.scalarCall(depth - 1, varied);
        return call != null ? call : dblLeaf(varied);
      }
      default:
        return castRoundTrip(depth - 1, varied);
    }
  }

  private Expr castRoundTrip(int depth, boolean varied) {
    switch (r.weighted(2, 1, s.f.longs ? 1 : 0, 1)) {
      case 0:
        return new Expr.Cast(Ty.DOUBLE, intExpr(depth, varied));
      case 1:
        // A jump at every non-zero integer: the twin records how close the value was to one.
        return new Expr.Cast(Ty.DOUBLE, new Expr.Cast(Ty.INT, passiveDbl(depth, varied)));
      case 2:
        return new Expr.Cast(Ty.DOUBLE, new Expr.Cast(Ty.LONG, passiveDbl(depth, varied)));
      default:
        return new Expr.Cast(Ty.DOUBLE, dbl(depth, varied));
    }
  }

  /** A double that only a comparison or a cast to int or long uses ({@link MethodState#passive}). */
  Expr passiveDbl(int depth, boolean varied) {
    boolean drew = enterPassive();
    try {
      return dbl(depth, varied);
    } finally {
      leavePassive(drew);
    }
  }

  /** Enters a passive expression; the outermost one starts without draws. */
  private boolean enterPassive() {
    boolean drew = s.passiveDrew;
    if (s.passive++ == 0) {
      s.passiveDrew = false;
    }
    return drew;
  }

  private void leavePassive(boolean drew) {
    if (--s.passive == 0) {
      s.passiveDrew = drew;
    }
  }

  /** Whether a draw may go here, noting it if so ({@link #mayDraw(boolean)}). */
  boolean mayDraw() {
    return mayDraw(false);
  }

  /**
   * Whether a draw, or with {@code call} a call that may draw, may go here, noting it if so: in
   * a passive expression only one (see {@link MethodState#passiveDrew}), and a call there only
   * as the statement's one draw, with none after it (see
   * {@link MethodState#statementDraws}).
   */
  boolean mayDraw(boolean call) {
    if (s.statementPassiveCall) {
      return false;
    }
    if (s.passive == 0) {
      s.statementDraws++;
      return true;
    }
    if (s.passiveDrew || call && s.statementDraws > 0) {
      return false;
    }
    s.passiveDrew = true;
    s.statementDraws++;
    s.statementPassiveCall = call;
    return true;
  }

  /** Whether the method can reach a random source at all (then a call taking it may draw). */
  boolean reachesSources() {
    return !s.scope.where(v -> v.type.isObject()).isEmpty();
  }

  Expr dblLeaf(boolean varied) {
    List<V> vars = s.scope.where(v -> v.type == Ty.DOUBLE && (varied || v.constOnly));
    List<V> arrays = s.scope.where(v -> (v.type == Ty.DARR || v.type == Ty.DMAT)
        && (varied || v.constOnly));
    List<V> sources = sources();
    List<V> lists = s.scope.where(v -> v.type.isList());
    for (int attempt = 0; attempt < 4; attempt++) {
      int choice = r.weighted(vars.isEmpty() ? 0 : 7, arrays.isEmpty() ? 0 : 3.5, 1.5,
          s.f.constants ? 0.5 : 0, 0.8, sources.isEmpty() ? 0 : 2, lists.isEmpty() ? 0 : 2.5);
      switch (choice) {
        case 5:
          if (!mayDraw()) {
            break;
          }
          return new Expr.Draw(r.pick(sources).name, r.pickOf("nextDouble", "nextGaussian"),
              null);
        case 6: {
          Expr e = listElement(r.pick(lists), varied);
          if (e != null) {
            return e;
          }
          break;
        }
        case 0:
          return r.pick(vars).ref();
        case 1: {
          Expr e = element(r.pick(arrays), varied);
          if (e != null) {
            return e;
          }
          break;
        }
        case 2:
          return d(r.coefficient());
        case 3:
          return constant();
        default: {
          Expr n = intLeaf(varied);
          return s.f.casts && r.chance(0.5) ? new Expr.Cast(Ty.DOUBLE, n) : n;
        }
      }
    }
    return d(r.coefficient());
  }

  /** The random sources a draw may use here: none inside an index ({@code TL119}). */
  List<V> sources() {
    return s.noDraws > 0 ? List.of() : s.scope.where(v -> v.type.isObject());
  }

  /** {@code rng.nextInt(b)} with {@code b} a literal in [1, 4]: an int in [0, b). */
  Expr drawInt(V source, int bound) {
    return new Expr.Draw(source.name, "nextInt", i(bound));
  }

  /** {@code xs.get(i)[j]} (or {@code xs.get(i)[j][k]}) in bounds, or null. */
  Expr listElement(V list, boolean varied) {
    Expr e = list.ref();
    for (int axis = 0; axis < list.shape.length; axis++) {
      Expr at = index(list.shape[axis], varied);
      if (at == null) {
        return null;
      }
      e = axis == 0 ? new Expr.ListGet(e, at) : E.index(e, at);
    }
    return e;
  }

  private Expr constant() {
    List<ConstDef> consts = s.cls.constants;
    if (consts.isEmpty() || r.chance(0.3)) {
      return new Expr.Const(r.pickOf("Math.PI", "Math.E"));
    }
    return new Expr.Const(r.pick(consts).name());
  }

  /** {@code a[i]} or {@code A[i][j]} in bounds, or null when no safe index exists. */
  Expr element(V array, boolean varied) {
    Expr i0 = index(array.shape[0], varied);
    if (i0 == null) {
      return null;
    }
    Expr row = E.index(array.ref(), i0);
    if (array.type != Ty.DMAT) {
      return row;
    }
    Dim col = array.jagged ? s.scope.rowDim(array, i0) : array.shape[1];
    Expr i1;
    if (col != null) {
      i1 = index(col, varied);
    } else {
      i1 = array.shape[1].min >= 1 ? i(r.between(0, array.shape[1].min - 1)) : null;
    }
    return i1 == null ? null : E.index(row, i1);
  }

  /** A row {@code A[i]} usable as a double[] argument, with its length, or null. */
  RowRef row(V matrix, boolean varied) {
    Expr i0 = index(matrix.shape[0], varied);
    if (i0 == null) {
      return null;
    }
    Dim col = matrix.jagged ? s.scope.rowDim(matrix, i0) : matrix.shape[1];
    if (col == null) {
      col = Dim.unknown(matrix.shape[1].min, matrix.shape[1].max);
    }
    return new RowRef(E.index(matrix.ref(), i0), col);
  }

  record RowRef(Expr expr, Dim length) {}

  // ---------------------------------------------------------------- denominators

  /** A double expression whose value is far from 0. */
  Expr denominator(int depth, boolean varied) {
    switch (r.weighted(4, 2, 1, 1)) {
      case 0:
        return positive(depth, varied);
      case 1: {
        double c = r.coefficient();
        return d(Math.abs(c) < 0.4 ? c * 4 : c);
      }
      case 2:
        return add(nonnegInt(1, varied), i(1));
      default:
        return new Expr.Neg(positive(depth, varied));
    }
  }

  Expr positiveDivisor(int depth, boolean varied) {
    return r.chance(0.6) ? d(r.pickOf(0.7, 1.3, 2.0, 0.45, 1.7)) : positive(depth, varied);
  }

  /** An expression that is positive (and not tiny) whatever its argument. */
  Expr positive(int depth, boolean varied) {
    Expr e = dbl(depth, varied);
    boolean st = strict();
    switch (r.weighted(3, 2, 1.5, 2, 1, 1, 1, 1, 0.7, 0.7)) {
      case 0:
        return add(d(1.5), E.math("cos", st, e));
      case 1:
        return add(d(1.0), mul(e, e));
      case 2:
        return E.math("hypot", st, e, d(1.0));
      case 3:
        return add(d(2.0), E.math("sin", st, e));
      case 4:
        return E.math("exp", st, mul(d(0.5), E.math("tanh", strict(), e)));
      case 5:
        return add(d(1.2), E.math("tanh", st, e));
      case 6:
        return E.math("sqrt", st, add(d(1.0), mul(e, e)));
      case 7:
        return d(r.pickOf(0.5, 1.25, 2.5, 0.8));
      case 8:
        return E.math("cosh", st, bounded(e));
      default:
        return E.math("exp", st, E.math("sin", strict(), e));
    }
  }

  /** A value strictly inside (-1, 1), for asin and acos. */
  private Expr unitOpen(Expr e) {
    boolean st = strict();
    switch (r.weighted(3, 2, 1, 1, 1)) {
      case 0:
        return mul(d(0.9), E.math("tanh", st, e));
      case 1:
        return mul(d(0.9), E.math("sin", st, e));
      case 2:
        return mul(d(0.5), E.math("cos", st, e));
      case 3:
        return E.math("tanh", st, e);
      default:
        return bin(Op.DIV, e, E.math("hypot", st, e, d(1.0)));
    }
  }

  /** A value of moderate size, for exp, sinh, cosh and expm1. */
  private Expr bounded(Expr e) {
    boolean st = strict();
    switch (r.weighted(2, 2, 1, 1, 1)) {
      case 0:
        return E.math("tanh", st, e);
      case 1:
        return E.math("sin", st, e);
      case 2:
        return mul(d(0.5), e);
      case 3:
        return E.math("atan", st, e);
      default:
        return e;
    }
  }

  private boolean strict() {
    return s.f.strictMath && r.chance(0.2);
  }

  // ---------------------------------------------------------------- Math

  private static final String[] SMOOTH = {
    "exp", "log", "log10", "log1p", "expm1", "sqrt", "pow", "hypot", "sin", "cos", "tan",
    "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "toRadians", "toDegrees", "cbrt"
  };
  private static final String[] KINKED = {
    "abs", "max", "min", "signum", "floor", "ceil", "rint", "sqrtAbs", "powAbs"
  };

  Expr mathCall(int depth, boolean varied) {
    String fn = s.f.nonSmooth && r.chance(0.3) ? r.pickOf(KINKED) : r.pickOf(SMOOTH);
    boolean st = strict();
    Expr e = dbl(depth, varied);
    switch (fn) {
      case "exp", "sinh", "cosh", "expm1":
        return E.math(fn, st, bounded(e));
      case "log", "log10":
        return E.math(fn, st, positive(depth, varied));
      case "log1p":
        switch (r.weighted(2, 1, 1)) {
          case 0:
            return E.math(fn, st, mul(d(0.9), E.math("sin", strict(), e)));
          case 1:
            return E.math(fn, st, mul(e, e));
          default:
            return E.math(fn, st, positive(depth, varied));
        }
      case "sqrt":
        return E.math(fn, st, positive(depth, varied));
      case "cbrt":
        // Infinite slope at 0: the twin's margins keep points away from it.
        return E.math(fn, st, e);
      case "pow":
        return pow(depth, varied, st, e);
      case "hypot", "atan2":
        return r.chance(0.3) ? E.math(fn, st, e, d(r.coefficient()))
            : E.math(fn, st, e, dbl(depth, varied));
      case "tan": {
        Expr arg = r.chance(0.5) ? mul(d(1.2), E.math("tanh", strict(), e))
            : r.chance(0.5) ? mul(d(1.2), E.math("sin", strict(), e)) : E.math("atan", strict(), e);
        return E.math(fn, st, arg);
      }
      case "asin", "acos":
        return E.math(fn, st, unitOpen(e));
      case "max", "min":
        return E.math(fn, st, e, r.chance(0.3) ? d(r.coefficient()) : dbl(depth, varied));
      case "sqrtAbs":
        return E.math("sqrt", st, E.math("abs", strict(), e));
      case "powAbs":
        return E.math("pow", st, E.math("abs", strict(), e), d(r.pickOf(1.5, 2.5, 0.5)));
      default: // sin cos atan tanh toRadians toDegrees abs signum floor ceil rint
        if (r.chance(0.15) && !fn.equals("signum")) {
          // An int argument: Java widens it, the rule's template must too. (Not signum: its
          // int argument would pick the float overload.)
          return E.math(fn, st, intExpr(1, varied));
        }
        return E.math(fn, st, e);
    }
  }

  private Expr pow(int depth, boolean varied, boolean st, Expr e) {
    switch (r.weighted(3, 2, 1, 1, 0.6, 0.3)) {
      case 0:
        return E.math("pow", st, positive(depth, varied),
            d(r.pickOf(0.5, 1.5, -1.5, 2.0, 3.0, -0.5, 0.3, 2.5, -2.0)));
      case 1:
        return E.math("pow", st, e, r.chance(0.5) ? d(r.pickOf(2.0, 3.0)) : i(r.pickOf(2, 3)));
      case 2:
        return E.math("pow", st, positive(depth, varied), bounded(dbl(depth, varied)));
      case 3:
        return E.math("pow", st, d(r.pickOf(2.0, 0.5, 1.5)), bounded(e));
      case 4:
        return E.math("pow", st, positive(depth, varied), intExpr(1, varied));
      default:
        return E.math("pow", st, e, d(0.0));
    }
  }

  // ---------------------------------------------------------------- integers

  Expr intLeaf(boolean varied) {
    List<V> vars = s.scope.where(v -> v.type == Ty.INT && (varied || v.constOnly));
    List<Expr> lens = new ArrayList<>();
    for (V a : s.scope.where(v -> v.type.isArray())) {
      lens.add(E.len(a.ref()));
    }
    List<V> sources = sources();
    for (V l : s.scope.where(v -> v.type.isList())) {
      lens.add(new Expr.Size(l.ref()));
    }
    switch (r.weighted(vars.isEmpty() ? 0 : 5, lens.isEmpty() ? 0 : 1.5, 1.5,
        sources.isEmpty() ? 0 : 1)) {
      case 0:
        return r.pick(vars).ref();
      case 1:
        return r.pick(lens);
      case 3:
        if (mayDraw()) {
          return drawInt(r.pick(sources), r.between(1, 4));
        }
        return i(r.between(-2, 5));
      default:
        return i(r.between(-2, 5));
    }
  }

  /** An int expression of any sign. */
  Expr intExpr(int depth, boolean varied) {
    if (depth <= 0 || r.chance(0.35)) {
      return intLeaf(varied);
    }
    switch (r.weighted(3, 1, 1, 1, s.f.casts ? 1.2 : 0, s.f.ternary ? 0.5 : 0,
        s.f.intMathOverloads ? 0.7 : 0, 0.4, s.f.intArrays ? 0.6 : 0,
        s.f.casts && s.f.longs ? 0.3 : 0)) {
      case 0:
        return bin(r.pickOf(Op.ADD, Op.SUB, Op.MUL), intExpr(depth - 1, varied),
            intExpr(depth - 1, varied));
      case 1:
        return bin(Op.DIV, intExpr(depth - 1, varied), i(r.between(1, 3)));
      case 2:
        return rem(intExpr(depth - 1, varied), i(r.between(2, 4)));
      case 3:
        return new Expr.Neg(intLeaf(varied));
      case 4:
        return new Expr.Cast(Ty.INT, passiveDbl(depth - 1, varied));
      case 5:
        return new Expr.Cond(bool(1, varied), intExpr(depth - 1, varied),
            intExpr(depth - 1, varied));
      case 6:
        return r.chance(0.7)
            ? E.math(r.pickOf("max", "min"), false, intExpr(depth - 1, varied),
                intExpr(depth - 1, varied))
            : E.math("abs", false, intLeaf(varied));
      case 7:
        return add(intLeaf(varied), i(r.between(1, 3)));
      case 8: {
        Expr e = intArrayElement(varied);
        return e != null ? e : intLeaf(varied);
      }
      default:
        return new Expr.Cast(Ty.INT, longExpr(depth - 1, varied));
    }
  }

  /** An int expression never negative. */
  Expr nonnegInt(int depth, boolean varied) {
    List<V> vars = s.scope.where(v -> v.type == Ty.INT && v.nonneg && (varied || v.constOnly));
    if (depth <= 0 || r.chance(0.4)) {
      switch (r.weighted(vars.isEmpty() ? 0 : 5, 1.5, s.f.intArrays ? 0.5 : 0)) {
        case 0:
          return r.pick(vars).ref();
        case 1:
          return i(r.between(0, 5));
        default: {
          Expr e = intArrayElement(varied);
          return e != null ? e : i(r.between(0, 5));
        }
      }
    }
    switch (r.weighted(3, 1.5, 1, 1, s.f.intMathOverloads ? 0.6 : 0,
        varied && s.f.activeIndices && s.f.casts ? 1 : 0)) {
      case 0:
        return add(nonnegInt(depth - 1, varied), nonnegInt(depth - 1, varied));
      case 1:
        return mul(nonnegInt(depth - 1, varied), i(r.between(1, 3)));
      case 2:
        return bin(Op.DIV, nonnegInt(depth - 1, varied), i(r.between(1, 3)));
      case 3:
        return rem(nonnegInt(depth - 1, varied), i(r.between(1, 4)));
      case 4:
        return E.math(r.pickOf("max", "min"), false, nonnegInt(depth - 1, varied),
            nonnegInt(depth - 1, varied));
      default:
        // An index that depends on a differentiated value: piecewise constant, jumps recorded.
        return new Expr.Cast(Ty.INT, add(d(r.pickOf(1.5, 2.5)),
            mul(d(r.pickOf(1.0, 2.0)), E.math("tanh", false, passiveDbl(depth - 1, true)))));
    }
  }

  private Expr intArrayElement(boolean varied) {
    List<V> arrays = s.scope.ofType(Ty.IARR);
    if (arrays.isEmpty()) {
      return null;
    }
    V a = r.pick(arrays);
    Expr idx = index(a.shape[0], varied);
    return idx == null ? null : E.index(a.ref(), idx);
  }

  Expr longExpr(int depth, boolean varied) {
    List<V> vars = s.scope.where(v -> v.type == Ty.LONG && (varied || v.constOnly));
    if (depth <= 0 || r.chance(0.4)) {
      switch (r.weighted(vars.isEmpty() ? 0 : 4, 1, 1)) {
        case 0:
          return r.pick(vars).ref();
        case 1:
          return E.l(r.between(0, 5));
        default:
          return new Expr.Cast(Ty.LONG, intLeaf(varied));
      }
    }
    switch (r.weighted(2, 1, 1, 1, s.f.casts ? 1 : 0)) {
      case 0:
        return bin(r.pickOf(Op.ADD, Op.SUB), longExpr(depth - 1, varied),
            r.chance(0.5) ? longExpr(depth - 1, varied) : intExpr(depth - 1, varied));
      case 1:
        return mul(longExpr(depth - 1, varied), E.l(r.between(1, 3)));
      case 2:
        return r.chance(0.5) ? bin(Op.DIV, longExpr(depth - 1, varied), E.l(r.between(1, 3)))
            : rem(longExpr(depth - 1, varied), E.l(r.between(2, 4)));
      case 3:
        return new Expr.Cast(Ty.LONG, intExpr(depth - 1, varied));
      default:
        return new Expr.Cast(Ty.LONG, passiveDbl(depth - 1, varied));
    }
  }

  // ---------------------------------------------------------------- booleans

  Expr bool(int depth, boolean varied) {
    boolean drew = enterPassive();
    try {
      return boolOf(depth, varied);
    } finally {
      leavePassive(drew);
    }
  }

  private Expr boolOf(int depth, boolean varied) {
    List<V> vars = s.scope.where(v -> v.type == Ty.BOOLEAN && (varied || v.constOnly));
    int choice = r.weighted(5, 2, s.f.longs ? 0.3 : 0, vars.isEmpty() ? 0 : 1.2,
        depth > 0 ? 1.5 : 0, depth > 0 ? 0.4 : 0, 0.25);
    switch (choice) {
      case 0: {
        Expr a = dbl(Math.max(0, depth), varied);
        Expr b = r.chance(0.4) ? d(r.coefficient()) : dbl(Math.max(0, depth - 1), varied);
        return bin(r.pickOf(Op.LT, Op.LE, Op.GT, Op.GE), a, b);
      }
      case 1:
        return bin(r.pickOf(Op.LT, Op.LE, Op.GT, Op.GE, Op.EQ, Op.NE), intExpr(1, varied),
            intExpr(1, varied));
      case 2:
        return bin(r.pickOf(Op.LT, Op.GE, Op.EQ), longExpr(1, varied),
            r.chance(0.5) ? longExpr(0, varied) : intLeaf(varied));
      case 3:
        return r.pick(vars).ref();
      case 4:
        return bin(r.pickOf(Op.AND, Op.OR), bool(depth - 1, varied), bool(depth - 1, varied));
      case 5:
        return new Expr.Not(bool(depth - 1, varied));
      default:
        // Equality of doubles: almost never true at random points, and never near a flip.
        return bin(r.pickOf(Op.EQ, Op.NE), dbl(0, varied), dbl(0, varied));
    }
  }

  // ---------------------------------------------------------------- indices

  /** A length expression for {@code d}, or null if none is in scope. */
  Expr length(Dim d) {
    List<Expr> lens = s.scope.lengths(d);
    return lens.isEmpty() ? null : r.pick(lens);
  }

  /** An int expression in {@code [0, d)} whatever the run-time length, or null. */
  Expr index(Dim d, boolean varied) {
    s.noDraws++;
    try {
      return indexWithoutDraws(d, varied);
    } finally {
      s.noDraws--;
    }
  }

  private Expr indexWithoutDraws(Dim d, boolean varied) {
    List<Expr> loopForms = new ArrayList<>();
    List<Expr> reversed = new ArrayList<>();
    List<Expr> ranged = new ArrayList<>();
    for (V v : s.scope.ofType(Ty.INT)) {
      int[] offsets = v.indexFor.get(d);
      if (offsets != null) {
        for (int off : offsets) {
          loopForms.add(off == 0 ? v.ref() : off > 0 ? add(v.ref(), i(off)) : sub(v.ref(), i(-off)));
          if (off == 0) {
            Expr len = length(d);
            if (len != null) {
              reversed.add(sub(sub(len, i(1)), v.ref()));
            }
          }
        }
      }
      if (v.range != null && v.range[0] >= 0 && v.range[1] < d.min
          && (varied || v.constOnly)) {
        ranged.add(v.ref());
      }
    }
    Expr len = length(d);
    boolean modOk = d.min >= 1 && len != null;
    for (int attempt = 0; attempt < 3; attempt++) {
      switch (r.weighted(loopForms.isEmpty() ? 0 : 8, d.min >= 1 ? 2 : 0, modOk ? 2.5 : 0,
          modOk ? 0.7 : 0, modOk ? 0.6 : 0, reversed.isEmpty() ? 0 : 0.8,
          ranged.isEmpty() ? 0 : 1)) {
        case 0:
          return r.pick(loopForms);
        case 1:
          return i(r.between(0, d.min - 1));
        case 2:
          return rem(nonnegInt(1, varied && s.f.activeIndices), length(d));
        case 3:
          return rem(add(rem(intExpr(1, varied && s.f.activeIndices), length(d)), length(d)),
              length(d));
        case 4:
          return sub(length(d), i(1));
        case 5:
          return r.pick(reversed);
        case 6:
          return r.pick(ranged);
        default:
          return null;
      }
    }
    return null;
  }
}

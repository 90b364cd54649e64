package dev.tapeless.fuzz.gen;

import static dev.tapeless.fuzz.gen.E.add;
import static dev.tapeless.fuzz.gen.E.bin;
import static dev.tapeless.fuzz.gen.E.d;
import static dev.tapeless.fuzz.gen.E.i;
import static dev.tapeless.fuzz.gen.E.mul;
import static dev.tapeless.fuzz.gen.E.sub;

import dev.tapeless.fuzz.ast.AssignOp;
import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.Op;
import dev.tapeless.fuzz.ast.Stmt;
import dev.tapeless.fuzz.ast.Ty;
import java.util.ArrayList;
import java.util.List;

/**
 * Random statements: declarations, assignments (plain and compound), increments, array stores,
 * branches, every loop form, breaks, early returns and calls for their outputs. Loops always
 * terminate: counted loops run to a length, others carry a counter with a cap.
 */
final class StmtGen {
  private static final int MAX_LOOP_DEPTH = 3;
  private static final int MAX_NESTING = 4;

  private final MethodState s;
  private final Rand r;
  private final ExprGen ex;
  private final CallGen calls;
  private final FinalExpr finals;

  StmtGen(MethodState s, ExprGen ex, CallGen calls, FinalExpr finals) {
    this.s = s;
    this.r = s.r;
    this.ex = ex;
    this.calls = calls;
    this.finals = finals;
  }

  /** Up to {@code count} statements, fewer when the method's budget runs out. */
  List<Stmt> block(int count) {
    List<Stmt> out = new ArrayList<>();
    for (int k = 0; k < count && s.budget > 0; k++) {
      s.budget--;
      statement(out);
    }
    return out;
  }

  private List<Stmt> scoped(int count) {
    s.scope.push();
    s.nesting++;
    try {
      return block(count);
    } finally {
      s.nesting--;
      s.scope.pop();
    }
  }

  void statement(List<Stmt> out) {
    int outerDraws = s.statementDraws;
    boolean outerPassiveCall = s.statementPassiveCall;
    s.statementDraws = 0;
    s.statementPassiveCall = false;
    try {
      anyStatement(out);
    } finally {
      s.statementDraws = outerDraws;
      s.statementPassiveCall = outerPassiveCall;
    }
  }

  private void anyStatement(List<Stmt> out) {
    s.charge(3);
    List<V> doubles = s.scope.where(v -> v.type == Ty.DOUBLE && v.assignable);
    List<V> others = s.scope.where(v -> v.assignable && v.type != Ty.DOUBLE && !v.counter);
    List<V> writable = s.scope.where(v -> v.writable);
    boolean canNest = s.nesting < MAX_NESTING;
    boolean canLoop = canNest && s.loopDepth < MAX_LOOP_DEPTH && s.loopMult <= 30
        && (s.loopDepth == 0 || s.f.nestedLoops);
    boolean aliases = s.f.rowVariables && !s.scope.where(v -> (v.type == Ty.DARR
        || v.type == Ty.DMAT) && !v.listRow).isEmpty();
    List<V> movable = s.f.rowVariables ? s.scope.where(v -> v.rowOf != null) : List.of();
    // arrays created where the method may run the declaration more than once, or not at all
    boolean fresh = s.f.arraysInLoops && s.nesting > 0;
    switch (r.weighted(4, doubles.isEmpty() ? 0 : 4.5, 1.3, 0.4, s.f.longs ? 0.3 : 0,
        s.f.booleans ? 0.5 : 0, others.isEmpty() ? 0 : 0.8, s.f.incDec ? 0.9 : 0,
        writable.isEmpty() ? 0 : 3.5, canNest && s.f.ifElse ? 2 : 0, canLoop ? 3 : 0,
        (s.f.calls || s.f.kernels) ? 1.8 : 0, (s.f.arraysFill || s.f.arrayCopy) && !writable.isEmpty() ? 0.4 : 0,
        aliases ? 1.2 : 0, movable.isEmpty() ? 0 : 0.6, fresh ? 1 : 0,
        ex.sources().isEmpty() ? 0 : 1.2)) {
      case 0 -> declareDouble(out);
      case 1 -> assignDouble(out, r.pick(doubles));
      case 2 -> declareInt(out);
      case 3 -> declareLength(out);
      case 4 -> declareLong(out);
      case 5 -> declareBoolean(out);
      case 6 -> assignOther(out, r.pick(others));
      case 7 -> incDec(out);
      case 8 -> store(out, r.pick(writable));
      case 9 -> ifStatement(out);
      case 10 -> loop(out);
      case 11 -> {
        List<Stmt> call = calls.effectCall();
        if (call.isEmpty()) {
          declareDouble(out);
        } else {
          out.addAll(call);
        }
      }
      case 12 -> fill(out, r.pick(writable));
      case 13 -> declareAlias(out);
      case 14 -> moveAlias(out, r.pick(movable));
      case 15 -> freshArray(out);
      case 16 -> draw(out, canLoop);
      default -> declareDouble(out);
    }
  }

  // ---------------------------------------------------------------- random sources

  /**
   * A draw into a local ({@code int k = rng.nextInt(w.length);}, then used as an index,
   * {@code double e = rng.nextGaussian();}) or a loop whose trip count is drawn
   * ({@code for (int t = 0; t < rng.nextInt(3); t++)}, drawn again at each test).
   */
  private void draw(List<Stmt> out, boolean canLoop) {
    V src = r.pick(ex.sources());
    switch (r.weighted(3, 2, canLoop ? 1 : 0)) {
      case 0 -> {
        V k = new V(s.fresh("k"), Ty.INT, true);
        k.nonneg = true;
        Dim d = loopDim();
        if (d != null && d.min >= 1 && r.chance(0.6)) {
          k.indexFor.put(d, new int[] {0});
          out.add(new Stmt.Local(Ty.INT, k.name,
              new Expr.Draw(src.name, "nextInt", ex.length(d))));
        } else {
          int bound = r.between(1, 4);
          k.range = new int[] {0, bound - 1};
          out.add(new Stmt.Local(Ty.INT, k.name, ex.drawInt(src, bound)));
        }
        s.scope.add(k);
      }
      case 1 -> {
        V e = new V(s.fresh("e"), Ty.DOUBLE, true);
        out.add(new Stmt.Local(Ty.DOUBLE, e.name, new Expr.Draw(src.name,
            r.pickOf("nextDouble", "nextGaussian"), null)));
        s.scope.add(e);
      }
      default -> {
        V t = index("t");
        int bound = r.between(1, 3);
        t.range = new int[] {0, bound - 1};
        List<Stmt> body = loopBody(t, null, bound, List.of());
        out.add(new Stmt.For(new Stmt.Local(Ty.INT, t.name, i(0)),
            bin(Op.LT, t.ref(), ex.drawInt(src, bound + 1)), new Stmt.Step(t.ref(), true),
            body));
      }
    }
  }

  // ---------------------------------------------------------------- scalars

  private void declareDouble(List<Stmt> out) {
    boolean constOnly = r.chance(0.15);
    Expr init = ex.dbl(r.between(1, 3), !constOnly);
    V v = new V(s.fresh("v"), Ty.DOUBLE, constOnly);
    v.assignable = true;
    out.add(new Stmt.Local(Ty.DOUBLE, v.name, init));
    s.scope.add(v);
  }

  private void assignDouble(List<Stmt> out, V target) {
    boolean varied = !target.constOnly;
    AssignOp op = s.f.compoundAssign
        ? AssignOp.values()[r.weighted(4, 2.5, 1.5, 1.5, 0.8, s.f.remainder ? 0.5 : 0)]
        : AssignOp.SET;
    out.add(new Stmt.Assign(target.ref(), op, valueFor(op, varied)));
  }

  /** A right-hand side that keeps {@code x op= value} away from division by zero. */
  private Expr valueFor(AssignOp op, boolean varied) {
    return switch (op) {
      case DIV -> ex.denominator(1, varied);
      case REM -> ex.positiveDivisor(1, varied);
      case MUL -> r.chance(0.5) ? ex.dbl(1, varied)
          : E.math("tanh", false, ex.dbl(1, varied)); // keeps repeated products bounded
      default -> ex.dbl(r.between(1, 2), varied);
    };
  }

  private void declareInt(List<Stmt> out) {
    if (r.chance(0.45)) {
      V k = new V(s.fresh("k"), Ty.INT, true);
      k.counter = true;
      k.nonneg = true;
      out.add(new Stmt.Local(Ty.INT, k.name, i(0)));
      s.scope.add(k);
      return;
    }
    boolean constOnly = r.chance(0.7);
    V q = new V(s.fresh("q"), Ty.INT, constOnly);
    q.assignable = true;
    out.add(new Stmt.Local(Ty.INT, q.name, ex.intExpr(2, !constOnly)));
    s.scope.add(q);
  }

  /** {@code int len = a.length;}: one more name for a length, usable as a bound. */
  private void declareLength(List<Stmt> out) {
    List<V> arrays = s.scope.where(v -> v.type.isArray());
    if (arrays.isEmpty()) {
      declareDouble(out);
      return;
    }
    Dim d = r.pick(arrays).shape[0];
    Expr len = ex.length(d);
    if (len == null) {
      declareDouble(out);
      return;
    }
    V v = new V(s.fresh("len"), Ty.INT, true);
    v.equalsDim = d;
    v.nonneg = true;
    v.range = new int[] {d.min, d.max};
    v.stable = s.loopDepth == 0;
    out.add(new Stmt.Local(Ty.INT, v.name, len));
    s.scope.add(v);
  }

  private void declareLong(List<Stmt> out) {
    boolean constOnly = r.chance(0.6);
    V v = new V(s.fresh("L"), Ty.LONG, constOnly);
    v.assignable = true;
    out.add(new Stmt.Local(Ty.LONG, v.name, ex.longExpr(2, !constOnly)));
    s.scope.add(v);
  }

  private void declareBoolean(List<Stmt> out) {
    boolean constOnly = r.chance(0.3);
    V v = new V(s.fresh("f"), Ty.BOOLEAN, constOnly);
    v.assignable = true;
    out.add(new Stmt.Local(Ty.BOOLEAN, v.name, ex.bool(1, !constOnly)));
    s.scope.add(v);
  }

  private void assignOther(List<Stmt> out, V target) {
    boolean varied = !target.constOnly;
    switch (target.type) {
      case INT -> {
        if (s.f.intCompoundWithDouble && varied && s.f.compoundAssign && r.chance(0.25)) {
          // int += double: Java narrows (int) (q + e) implicitly.
          out.add(new Stmt.Assign(target.ref(), r.pickOf(AssignOp.ADD, AssignOp.SUB),
              ex.passiveDbl(1, true)));
        } else {
          AssignOp op = s.f.compoundAssign
              ? r.pickOf(AssignOp.SET, AssignOp.SET, AssignOp.ADD, AssignOp.SUB, AssignOp.MUL)
              : AssignOp.SET;
          out.add(new Stmt.Assign(target.ref(), op, ex.intExpr(1, varied)));
        }
      }
      case LONG -> out.add(new Stmt.Assign(target.ref(),
          s.f.compoundAssign ? r.pickOf(AssignOp.SET, AssignOp.ADD) : AssignOp.SET,
          ex.longExpr(1, varied)));
      default -> out.add(new Stmt.Assign(target.ref(), AssignOp.SET, ex.bool(1, varied)));
    }
  }

  private void incDec(List<Stmt> out) {
    List<V> counters = s.scope.where(v -> v.counter);
    List<V> ints = s.scope.where(v -> v.type == Ty.INT && v.assignable);
    List<V> doubles = s.scope.where(v -> v.type == Ty.DOUBLE && v.assignable);
    List<V> arrays = s.scope.where(v -> v.writable && v.type == Ty.DARR);
    switch (r.weighted(counters.isEmpty() ? 0 : 3, ints.isEmpty() ? 0 : 1,
        doubles.isEmpty() ? 0 : 1.5, arrays.isEmpty() || !s.f.arrayIncDec ? 0 : 1)) {
      case 0 -> out.add(new Stmt.Step(r.pick(counters).ref(), true));
      case 1 -> out.add(new Stmt.Step(r.pick(ints).ref(), r.chance(0.6)));
      case 2 -> out.add(new Stmt.Step(r.pick(doubles).ref(), r.chance(0.6)));
      case 3 -> {
        V a = r.pick(arrays);
        Expr e = ex.element(a, !a.constOnly);
        if (e != null) {
          out.add(new Stmt.Step(e, r.chance(0.6)));
        } else {
          declareDouble(out);
        }
      }
      default -> declareInt(out);
    }
  }

  // ---------------------------------------------------------------- arrays

  private void store(List<Stmt> out, V array) {
    Expr target = ex.element(array, !array.constOnly);
    if (target == null) {
      declareDouble(out);
      return;
    }
    boolean mulDiv = s.f.arrayCompoundMulDiv && s.f.compoundAssign;
    AssignOp op = AssignOp.values()[r.weighted(4, s.f.compoundAssign ? 3 : 0,
        s.f.compoundAssign ? 1 : 0, mulDiv ? 0.7 : 0, mulDiv ? 0.4 : 0,
        mulDiv && s.f.remainder ? 0.2 : 0)];
    out.add(new Stmt.Assign(target, op, valueFor(op, !array.constOnly)));
  }

  private void fill(List<Stmt> out, V array) {
    if (array.type != Ty.DARR) {
      declareDouble(out);
      return;
    }
    List<V> sources = s.scope.where(v -> v.type == Ty.DARR && v.shape[0] == array.shape[0]
        && (v.constOnly || !array.constOnly));
    Expr length = ex.length(array.shape[0]);
    if (s.f.arrayCopy && !sources.isEmpty() && length != null && r.chance(0.5)) {
      out.add(new Stmt.Copy(r.pick(sources).ref(), array.ref(), length));
      return;
    }
    if (!s.f.arraysFill) {
      declareDouble(out);
      return;
    }
    out.add(new Stmt.Fill(array.ref(), ex.dbl(1, !array.constOnly)));
  }

  // ---------------------------------------------------------------- row variables

  /**
   * {@code double[] row = W[i];} (in a loop, mostly from its index) or {@code double[] a = b;}
   * ({@code b} a parameter, a record component, a field, a local, a row): a name for an array
   * that exists, written through when that array is writable, then used as any array is.
   */
  private void declareAlias(List<Stmt> out) {
    List<V> matrices = s.scope.where(v -> v.type == Ty.DMAT && !v.listRow);
    List<V> arrays = s.scope.where(v -> (v.type == Ty.DARR || v.type == Ty.DMAT) && !v.listRow);
    V alias = null;
    Expr init = null;
    if (!matrices.isEmpty() && r.chance(0.7)) {
      V m = r.pick(matrices);
      Expr i0 = ex.index(m.shape[0], !m.constOnly);
      if (i0 != null) {
        Dim col = m.jagged ? s.scope.rowDim(m, i0) : m.shape[1];
        alias = new V(s.fresh("row"), Ty.DARR, m.constOnly);
        alias.shape = new Dim[] {col != null ? col
            : Dim.unknown(m.shape[1].min, m.shape[1].max)};
        alias.aliasOf = m;
        // rows of a jagged matrix differ in length: such a row variable stays where it is
        alias.rowOf = m.jagged ? null : m;
        alias.writable = m.writable;
        init = E.index(m.ref(), i0);
      }
    }
    if (alias == null) {
      V a = r.pick(arrays);
      alias = new V(s.fresh(a.type == Ty.DMAT ? "mat" : "arr"), a.type, a.constOnly);
      alias.shape = a.shape;
      alias.jagged = a.jagged;
      alias.aliasOf = a;
      alias.writable = a.writable;
      init = a.ref();
    }
    // never moved: its length is the same wherever it is read
    alias.stable = alias.rowOf == null && s.loopDepth == 0;
    out.add(new Stmt.Local(alias.type, alias.name, init));
    s.scope.add(alias);
    if (alias.writable && r.chance(0.6)) {
      store(out, alias);
    }
  }

  /** {@code row = W[k];}: a row variable moved to another row of the matrix it was taken from. */
  private void moveAlias(List<Stmt> out, V row) {
    V m = row.rowOf;
    Expr k = ex.index(m.shape[0], !m.constOnly);
    if (k == null) {
      declareDouble(out);
      return;
    }
    out.add(new Stmt.Assign(row.ref(), AssignOp.SET, E.index(m.ref(), k)));
    if (row.writable && r.chance(0.5)) {
      store(out, row);
    }
  }

  // ---------------------------------------------------------------- arrays in loops

  /**
   * An array created inside a loop body or a branch: {@code new double[n]},
   * {@code new double[n][m]}, {@code {a, b}} or {@code x.clone()}, fresh (zeros, a copy, the
   * initializer) each time the declaration runs; a store into it, then a read of it into a
   * variable that outlives it. Inside a loop its size is one no iteration changes
   * ({@link V#stable}, literals): any other is TL102.
   */
  private void freshArray(List<Stmt> out) {
    boolean inLoop = s.loopDepth > 0;
    List<V> sources = s.scope.where(v -> v.type == Ty.DARR && (!inLoop || v.stable)
        && !(inLoop && v.inRecord));
    V t;
    Expr init;
    switch (r.weighted(4, s.f.matrixParams ? 1.5 : 0, 1.5,
        s.f.arrayClone && !sources.isEmpty() ? 1.5 : 0)) {
      case 1 -> {
        t = new V(s.fresh("t"), Ty.DMAT, r.chance(0.2));
        t.shape = new Dim[2];
        List<Expr> sizes = List.of(size(t.shape, 0, inLoop), size(t.shape, 1, inLoop));
        init = new Expr.NewArray(Ty.DMAT, sizes);
      }
      case 2 -> {
        t = new V(s.fresh("t"), Ty.DARR, r.chance(0.2));
        int n = r.between(1, 3);
        List<Expr> elements = new ArrayList<>();
        for (int k = 0; k < n; k++) {
          elements.add(ex.dbl(1, !t.constOnly));
        }
        t.shape = new Dim[] {Dim.fixed(n)};
        init = new Expr.ArrayInit(elements);
      }
      case 3 -> {
        V source = r.pick(sources);
        t = new V(s.fresh("t"), Ty.DARR, source.constOnly);
        t.shape = source.shape;
        init = new Expr.Clone(source.ref());
      }
      default -> {
        t = new V(s.fresh("t"), Ty.DARR, r.chance(0.2));
        t.shape = new Dim[1];
        init = new Expr.NewArray(Ty.DARR, List.of(size(t.shape, 0, inLoop)));
      }
    }
    t.writable = true;
    t.stable = !inLoop;
    out.add(new Stmt.Local(t.type, t.name, init));
    s.scope.add(t);
    if (r.chance(0.8)) {
      store(out, t);
    }
    Expr read = ex.element(t, !t.constOnly);
    List<V> outer = s.scope.where(v -> v.type == Ty.DOUBLE && v.assignable
        && (!v.constOnly || t.constOnly));
    if (read == null) {
      return;
    }
    if (!outer.isEmpty() && r.chance(0.9)) {
      V v = r.pick(outer);
      out.add(new Stmt.Assign(v.ref(), AssignOp.ADD,
          r.chance(0.5) ? read : mul(read, ex.dbl(1, !v.constOnly))));
    } else {
      V v = new V(s.fresh("v"), Ty.DOUBLE, t.constOnly);
      v.assignable = true;
      out.add(new Stmt.Local(Ty.DOUBLE, v.name, read));
      s.scope.add(v);
    }
  }

  /**
   * A size for axis {@code axis} of a new array, its length recorded in {@code shape}: a
   * literal, a length or an int plus one; inside a loop only from {@link V#stable} variables.
   */
  private Expr size(Dim[] shape, int axis, boolean inLoop) {
    List<Dim> dims = new ArrayList<>();
    List<Expr> exprs = new ArrayList<>();
    List<V> ints = new ArrayList<>();
    for (V v : s.scope.all()) {
      if (inLoop && !v.stable || v.inRecord) {
        continue;
      }
      if (v.type.isArray()) {
        dims.add(v.shape[0]);
        exprs.add(new Expr.Length(v.ref()));
      } else if (v.type == Ty.INT && v.equalsDim != null) {
        dims.add(v.equalsDim);
        exprs.add(v.ref());
        ints.add(v);
      }
    }
    switch (r.weighted(2, dims.isEmpty() ? 0 : 3, ints.isEmpty() ? 0 : 1)) {
      case 1 -> {
        int k = r.between(0, dims.size() - 1);
        shape[axis] = dims.get(k);
        return exprs.get(k);
      }
      case 2 -> {
        V n = r.pick(ints);
        shape[axis] = Dim.unknown(n.equalsDim.min + 1, n.equalsDim.max + 1);
        return add(n.ref(), i(1));
      }
      default -> {
        int n = r.between(1, 4);
        shape[axis] = Dim.fixed(n);
        return i(n);
      }
    }
  }

  // ---------------------------------------------------------------- branches

  private void ifStatement(List<Stmt> out) {
    Expr condition = ex.bool(2, true);
    List<Stmt> then;
    s.scope.push();
    s.nesting++;
    try {
      then = new ArrayList<>(block(r.between(1, 3)));
      Stmt jump = jump();
      if (jump != null) {
        then.add(jump);
      }
    } finally {
      s.nesting--;
      s.scope.pop();
    }
    List<Stmt> otherwise = s.f.ifElse && r.chance(0.45) ? scoped(r.between(1, 3)) : List.of();
    out.add(new Stmt.If(condition, then, otherwise));
  }

  /** What may end a branch here: break, continue or return, or null. */
  private Stmt jump() {
    boolean inLoop = s.loopDepth > 0;
    if (inLoop && s.f.breakContinue && r.chance(0.3)) {
      return r.chance(0.55) ? new Stmt.Break() : new Stmt.Continue();
    }
    if (inLoop && s.f.returnInLoop && r.chance(0.15)) {
      return new Stmt.Return(s.returnsDouble ? finals.build() : null);
    }
    if (!inLoop && s.f.earlyReturn && r.chance(0.18)) {
      return new Stmt.Return(s.returnsDouble ? finals.build() : null);
    }
    return null;
  }

  // ---------------------------------------------------------------- loops

  private void loop(List<Stmt> out) {
    boolean counted = s.f.countedLoops;
    boolean outermost = s.loopDepth == 0;
    int choice = r.weighted(counted ? 5 : 0, counted && s.f.countingDown ? 2.5 : 0,
        counted ? 1 : 0, s.f.nonCountedFor ? 1.5 : 0, s.f.forEach ? 1.5 : 0,
        s.f.whileLoops ? 1.5 : 0, s.f.doWhileLoops ? 1 : 0,
        s.f.whileLoops && s.f.activeLoopConditions ? 1 : 0,
        s.f.whileLoops && s.f.booleans ? 0.5 : 0,
        counted && s.f.activeTripCounts ? 0.6 : 0,
        counted && outermost && s.f.checkpoints ? 1.2 : 0);
    int before = out.size();
    switch (choice) {
      case 0 -> countedUp(out);
      case 1 -> countedDown(out);
      case 2 -> constantLoop(out);
      case 3 -> nonCountedFor(out);
      case 4 -> forEach(out);
      case 5 -> whileLoop(out, false);
      case 6 -> doWhile(out);
      case 7 -> whileLoop(out, true);
      case 8 -> flagLoop(out);
      case 9 -> activeTripCount(out);
      case 10 -> longLoop(out);
      default -> declareDouble(out);
    }
    if (outermost && s.f.checkpoints && out.size() > before
        && out.get(out.size() - 1) instanceof Stmt.For f
        && Checkpoints.allowed(f, n -> !s.scope.where(v -> v.name.equals(n) && !v.inRecord)
            .isEmpty())
        && r.chance(choice == 10 ? 0.85 : 0.35)) {
      int every = r.chance(0.5) ? 0 : r.between(1, 4);
      out.set(out.size() - 1, new Stmt.For(f.init(), f.condition(), f.update(), f.body(), every));
    }
  }

  /**
   * {@code for (int t = 0; t < 23; t++)}: a trip count of 5 to 40, long enough for several
   * checkpoint segments; the index is only a number in the body (arrays may be shorter), and
   * the body is kept cheap by the loop's weight in {@code loopMult} (no loop inside it).
   */
  private void longLoop(List<Stmt> out) {
    int n = r.between(5, 40);
    V t = index("t");
    t.range = new int[] {0, n - 1};
    List<Stmt> body = loopBody(t, null, n, List.of());
    out.add(new Stmt.For(new Stmt.Local(Ty.INT, t.name, i(0)), bin(Op.LT, t.ref(), i(n)),
        new Stmt.Step(t.ref(), true), body));
  }

  /** A length in scope to loop over, with an expression for it, or null. */
  private Dim loopDim() {
    List<Dim> dims = new ArrayList<>();
    for (V v : s.scope.all()) {
      if (v.type.isArray() || v.type.isList()) {
        dims.add(v.shape[0]);
        if (v.type == Ty.DMAT || v.type.isList()) {
          dims.add(v.shape[1]);
        }
      }
      if (v.equalsDim != null) {
        dims.add(v.equalsDim);
      }
    }
    for (Scope.RowDim rd : s.scope.rowDims()) {
      dims.add(rd.dim());
      dims.add(rd.dim());
    }
    dims.removeIf(d -> s.scope.lengths(d).isEmpty());
    return dims.isEmpty() ? null : r.pick(dims);
  }

  private V index(String prefix) {
    V i = new V(s.fresh(prefix), Ty.INT, true);
    i.nonneg = true;
    return i;
  }

  /** Body of a loop whose index {@code i} runs over {@code d}, with the given safe offsets. */
  private List<Stmt> loopBody(V i, Dim d, int trips, List<Stmt> prefix) {
    s.scope.push();
    s.nesting++;
    s.loopDepth++;
    int savedMult = s.loopMult;
    s.loopMult = savedMult * Math.max(1, trips);
    try {
      if (i != null) {
        s.scope.add(i);
        if (d != null && Scope.contains(i.indexFor.getOrDefault(d, new int[0]), 0)) {
          for (V m : s.scope.where(v -> v.type == Ty.DMAT && v.jagged && v.shape[0] == d)) {
            s.scope.addRowDim(new Scope.RowDim(m, i,
                Dim.unknown(m.shape[1].min, m.shape[1].max)));
          }
        }
      }
      List<Stmt> body = new ArrayList<>(prefix);
      body.addAll(block(r.between(1, 4)));
      return body;
    } finally {
      s.loopMult = savedMult;
      s.loopDepth--;
      s.nesting--;
      s.scope.pop();
    }
  }

  private void countedUp(List<Stmt> out) {
    Dim d = loopDim();
    if (d == null) {
      constantLoop(out);
      return;
    }
    V i = index("i");
    Expr len = ex.length(d);
    Expr init;
    Expr cond;
    switch (r.weighted(4, 1.5, 1.5, 1.2)) {
      case 0 -> {
        init = i(0);
        cond = bin(Op.LT, i.ref(), len);
        i.indexFor.put(d, new int[] {0});
      }
      case 1 -> {
        init = i(0);
        cond = bin(Op.LE, i.ref(), sub(len, i(1)));
        i.indexFor.put(d, new int[] {0});
      }
      case 2 -> {
        init = i(1);
        cond = bin(Op.LT, i.ref(), len);
        i.indexFor.put(d, new int[] {0, -1});
      }
      default -> {
        init = i(0);
        cond = bin(Op.LT, i.ref(), sub(len, i(1)));
        i.indexFor.put(d, new int[] {0, 1});
      }
    }
    List<Stmt> prefix = new ArrayList<>();
    if (s.f.postIncrementIndex && r.chance(0.3)) {
      postIncrementStore(out, prefix, d);
    }
    List<Stmt> body = loopBody(i, d, d.max, prefix);
    out.add(new Stmt.For(new Stmt.Local(Ty.INT, i.name, init), cond,
        new Stmt.Step(i.ref(), true), body));
  }

  /** {@code int p = 0;} before the loop and {@code t[p++] = e;} first in its body. */
  private void postIncrementStore(List<Stmt> out, List<Stmt> prefix, Dim d) {
    List<V> targets = s.scope.where(v -> v.writable && v.type == Ty.DARR && v.shape[0] == d);
    if (targets.isEmpty()) {
      return;
    }
    V t = r.pick(targets);
    V p = new V(s.fresh("p"), Ty.INT, true);
    p.nonneg = true;
    out.add(new Stmt.Local(Ty.INT, p.name, i(0)));
    // The value is drawn before p is in scope: Tapeless accepts p++ only where the statement
    // reads p nowhere else (TL113).
    Expr value = ex.dbl(1, !t.constOnly);
    s.scope.add(p);
    prefix.add(new Stmt.Assign(E.index(t.ref(), new Expr.PostInc((Expr.Ref) p.ref())),
        AssignOp.SET, value));
  }

  private void countedDown(List<Stmt> out) {
    Dim d = loopDim();
    if (d == null) {
      constantLoop(out);
      return;
    }
    V i = index("i");
    Expr len = ex.length(d);
    Expr init;
    Expr cond;
    switch (r.weighted(3, 1.5, 1.5)) {
      case 0 -> {
        init = sub(len, i(1));
        cond = bin(Op.GE, i.ref(), i(0));
        i.indexFor.put(d, new int[] {0});
      }
      case 1 -> {
        init = len;
        cond = bin(Op.GT, i.ref(), i(0));
        i.indexFor.put(d, new int[] {-1});
      }
      default -> {
        init = sub(len, i(1));
        cond = bin(Op.GT, i.ref(), i(0));
        i.indexFor.put(d, new int[] {0, -1});
      }
    }
    List<Stmt> body = loopBody(i, d, d.max, List.of());
    out.add(new Stmt.For(new Stmt.Local(Ty.INT, i.name, init), cond,
        new Stmt.Step(i.ref(), false), body));
  }

  /** {@code for (int i = 0; i < 3; i++)}: the index is safe for lengths of at least 3. */
  private void constantLoop(List<Stmt> out) {
    int n = r.between(1, 4);
    V i = index("i");
    i.range = new int[] {0, n - 1};
    boolean down = s.f.countingDown && r.chance(0.3);
    List<Stmt> body = loopBody(i, null, n, List.of());
    if (down) {
      out.add(new Stmt.For(new Stmt.Local(Ty.INT, i.name, i(n - 1)),
          bin(Op.GE, i.ref(), i(0)), new Stmt.Step(i.ref(), false), body));
    } else {
      Expr cond = r.chance(0.5) ? bin(Op.LT, i.ref(), i(n)) : bin(Op.LE, i.ref(), i(n - 1));
      out.add(new Stmt.For(new Stmt.Local(Ty.INT, i.name, i(0)), cond,
          new Stmt.Step(i.ref(), true), body));
    }
  }

  /** A for loop Tapeless cannot count: a step of 2, or an extra condition on active values. */
  private void nonCountedFor(List<Stmt> out) {
    Dim d = loopDim();
    if (d == null) {
      constantLoop(out);
      return;
    }
    V i = index("i");
    i.indexFor.put(d, new int[] {0});
    Expr len = ex.length(d);
    if (r.chance(0.5)) {
      List<Stmt> body = loopBody(i, d, (d.max + 1) / 2, List.of());
      out.add(new Stmt.For(new Stmt.Local(Ty.INT, i.name, i(0)), bin(Op.LT, i.ref(), len),
          new Stmt.Assign(i.ref(), AssignOp.ADD, i(2)), body));
    } else {
      Expr extra = ex.bool(1, true);
      List<Stmt> body = loopBody(i, d, d.max, List.of());
      out.add(new Stmt.For(new Stmt.Local(Ty.INT, i.name, i(0)),
          bin(Op.AND, bin(Op.LT, i.ref(), len), extra), new Stmt.Step(i.ref(), true), body));
    }
  }

  private void forEach(List<Stmt> out) {
    // Not over a record's component: TL102, the processor wants a variable (rec0.w() is not).
    List<V> doubles = s.scope.where(v -> v.type == Ty.DARR && !v.inRecord);
    List<V> ints = s.scope.where(v -> v.type == Ty.IARR && !v.inRecord);
    List<V> matrices = s.scope.where(v -> v.type == Ty.DMAT && !v.inRecord);
    List<V> lists = s.scope.where(v -> v.type.isList());
    switch (r.weighted(doubles.isEmpty() ? 0 : 3,
        matrices.isEmpty() || !s.f.forEachOverRow ? 0 : 1.2,
        ints.isEmpty() ? 0 : 2, matrices.isEmpty() || !s.f.forEachRows ? 0 : 1,
        lists.isEmpty() ? 0 : 6)) {
      case 4 -> {
        V xs = r.pick(lists);
        Ty element = xs.type.listElement();
        V x = new V(s.fresh("x"), element, true);
        x.shape = java.util.Arrays.copyOfRange(xs.shape, 1, xs.shape.length);
        x.listRow = true;
        x.aliasOf = xs;
        List<Stmt> body = loopBody(x, null, xs.shape[0].max, List.of());
        out.add(new Stmt.ForEach(element, x.name, xs.ref(), body));
      }
      case 0 -> {
        V a = r.pick(doubles);
        forEachOver(out, a.ref(), a, a.shape[0]);
      }
      case 1 -> {
        V m = r.pick(matrices);
        ExprGen.RowRef row = ex.row(m, true);
        if (row == null) {
          countedUp(out);
        } else {
          forEachOver(out, row.expr(), m, row.length());
        }
      }
      case 2 -> {
        V a = r.pick(ints);
        V e = new V(s.fresh("e"), Ty.INT, true);
        e.nonneg = true;
        e.range = new int[] {0, dev.tapeless.fuzz.ast.Param.SMALL_MAX};
        List<Stmt> body = loopBody(e, null, a.shape[0].max, List.of());
        out.add(new Stmt.ForEach(Ty.INT, e.name, a.ref(), body));
      }
      case 3 -> {
        V m = r.pick(matrices);
        V row = new V(s.fresh("row"), Ty.DARR, m.constOnly);
        row.shape = new Dim[] {m.jagged ? Dim.unknown(m.shape[1].min, m.shape[1].max)
            : m.shape[1]};
        row.aliasOf = m;
        row.writable = m.writable && s.f.rowVariables;
        List<Stmt> body = loopBody(row, null, m.shape[0].max, List.of());
        out.add(new Stmt.ForEach(Ty.DARR, row.name, m.ref(), body));
      }
      default -> countedUp(out);
    }
  }

  private void forEachOver(List<Stmt> out, Expr array, V base, Dim length) {
    V e = new V(s.fresh("e"), Ty.DOUBLE, base.constOnly);
    List<Stmt> body = loopBody(e, null, length.max, List.of());
    out.add(new Stmt.ForEach(Ty.DOUBLE, e.name, array, body));
  }

  /** The cap of a loop that is not counted: a length in scope or a literal. */
  private Expr cap(Dim[] chosen) {
    Dim d = loopDim();
    if (d != null && r.chance(0.6)) {
      chosen[0] = d;
      return ex.length(d);
    }
    int n = r.between(1, 4);
    chosen[0] = Dim.fixed(n);
    return i(n);
  }

  /**
   * {@code int k = 0; while (k < cap [&& active condition]) { k++; ... }}: the counter is
   * incremented first so that continue cannot skip it; inside, {@code k - 1} is a safe index.
   */
  private void whileLoop(List<Stmt> out, boolean active) {
    Dim[] chosen = new Dim[1];
    Expr cap = cap(chosen);
    V k = new V(s.fresh("k"), Ty.INT, true);
    k.nonneg = true;
    out.add(new Stmt.Local(Ty.INT, k.name, i(0)));
    s.scope.add(k);
    Expr cond = bin(Op.LT, k.ref(), cap);
    if (active) {
      Expr extra = ex.bool(1, true);
      cond = r.chance(0.5) ? bin(Op.AND, cond, extra) : bin(Op.AND, extra, cond);
    }
    k.indexFor.put(chosen[0], new int[] {-1});
    List<Stmt> body = loopBody(null, null, chosen[0].max,
        List.of(new Stmt.Step(k.ref(), true)));
    k.indexFor.clear();
    out.add(new Stmt.While(cond, body));
  }

  /** {@code int k = 0; do { k++; ... } while (k < cap);}: runs at least once. */
  private void doWhile(List<Stmt> out) {
    Dim[] chosen = new Dim[1];
    Expr cap = cap(chosen);
    V k = new V(s.fresh("k"), Ty.INT, true);
    k.nonneg = true;
    out.add(new Stmt.Local(Ty.INT, k.name, i(0)));
    s.scope.add(k);
    if (chosen[0].min >= 1) {
      k.indexFor.put(chosen[0], new int[] {-1});
    }
    List<Stmt> body = loopBody(null, null, Math.max(1, chosen[0].max),
        List.of(new Stmt.Step(k.ref(), true)));
    k.indexFor.clear();
    Expr cond = bin(Op.LT, k.ref(), cap);
    if (s.f.activeLoopConditions && r.chance(0.3)) {
      cond = bin(Op.AND, cond, ex.bool(1, true));
    }
    out.add(new Stmt.DoWhile(body, cond));
  }

  /**
   * {@code boolean go = true; while (go && k < cap) { k++; ...; if (c) { go = false; } }}: the
   * loop's condition variable is written inside it.
   */
  private void flagLoop(List<Stmt> out) {
    V go = new V(s.fresh("go"), Ty.BOOLEAN, false);
    V k = new V(s.fresh("k"), Ty.INT, true);
    k.nonneg = true;
    int cap = r.between(2, 5);
    out.add(new Stmt.Local(Ty.BOOLEAN, go.name, new Expr.BLit(true)));
    out.add(new Stmt.Local(Ty.INT, k.name, i(0)));
    s.scope.add(go);
    s.scope.add(k);
    List<Stmt> body = new ArrayList<>(loopBody(null, null, cap,
        List.of(new Stmt.Step(k.ref(), true))));
    body.add(new Stmt.If(ex.bool(1, true),
        List.of(new Stmt.Assign(go.ref(), AssignOp.SET, new Expr.BLit(false))), List.of()));
    out.add(new Stmt.While(bin(Op.AND, go.ref(), bin(Op.LT, k.ref(), i(cap))), body));
  }

  /** {@code for (i < (int) (2.5 + 2.0 * Math.tanh(x)))}: a trip count from an active value. */
  private void activeTripCount(List<Stmt> out) {
    V i = index("i");
    i.range = new int[] {0, 3};
    Expr bound = new Expr.Cast(Ty.INT, add(d(r.pickOf(1.5, 2.5)),
        mul(d(r.pickOf(1.0, 2.0)), E.math(r.pickOf("tanh", "sin"), false,
            ex.passiveDbl(1, true)))));
    List<Stmt> body = loopBody(i, null, 4, List.of());
    out.add(new Stmt.For(new Stmt.Local(Ty.INT, i.name, i(0)), bin(Op.LT, i.ref(), bound),
        new Stmt.Step(i.ref(), true), body));
  }
}

package dev.tapeless.fuzz.gen;

import dev.tapeless.fuzz.ast.CallKind;
import dev.tapeless.fuzz.ast.DimSym;
import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Records;
import dev.tapeless.fuzz.ast.Stmt;
import dev.tapeless.fuzz.ast.Ty;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Calls to earlier generated methods, runtime kernels and plain helpers. Arguments are bound so
 * that the callee's length symbols are consistent (two parameters sharing a symbol get arrays
 * of one length, an int parameter bound to a symbol gets that length), outputs are writable
 * arrays that alias no other argument, and a parameter the callee does not differentiate gets
 * a value that does not depend on a differentiated input (Tapeless rejects the rest by design).
 */
final class CallGen {
  /** Operations one call may add to the method, counting enclosing loops. */
  static final long COST_CAP = 40_000;

  private final MethodState s;
  private final Rand r;
  private final ExprGen ex;

  CallGen(MethodState s, ExprGen ex) {
    this.s = s;
    this.r = s.r;
    this.ex = ex;
  }

  /** A call returning a double, usable inside an expression, or null. */
  Expr scalarCall(int depth, boolean varied) {
    List<MethodDef> generated = new ArrayList<>();
    if (s.f.calls) {
      for (MethodDef m : s.cls.callees) {
        if (m.result() == Ty.DOUBLE && !m.hasOut() && affordable(m) && recordsFit(m, varied)) {
          generated.add(m);
        }
      }
    }
    generated = preferObjectsAndLists(preferRecords(generated));
    int choice = r.weighted(generated.isEmpty() ? 0 : 3, s.f.kernels ? 1.5 : 0,
        s.f.helpers && !s.cls.helpers.isEmpty() ? 0.6 : 0);
    switch (choice) {
      case 0: {
        MethodDef m = r.pick(generated);
        if (s.noDraws > 0 && m.params().stream().anyMatch(p -> p.type().isObject())) {
          return null; // a random source passed to a call in an index: TL119 (seed 2505)
        }
        if (ex.reachesSources() && !ex.mayDraw(true)) {
          return null; // a second draw in a condition, or in the statement: TL111
        }
        List<Expr> args = bind(m, depth, varied);
        if (args == null) {
          return null;
        }
        s.charge(s.cls.cost.getOrDefault(m.name(), 10));
        return new Expr.Call(CallKind.GENERATED, m.name(), args, Ty.DOUBLE);
      }
      case 1: {
        // Kernels with several related arrays rarely fit at once: try a few.
        for (int attempt = 0; attempt < 4; attempt++) {
          MethodDef k = r.pick(Kernels.SCALAR);
          List<Expr> args = bind(k, depth, varied);
          if (args != null) {
            return new Expr.Call(CallKind.KERNEL, k.name(), args, Ty.DOUBLE);
          }
        }
        return null;
      }
      case 2: {
        // A method without a derivative: only arguments that do not depend on the inputs.
        MethodDef h = r.pick(s.cls.helpers);
        List<Expr> args = new ArrayList<>();
        for (Param p : h.params()) {
          args.add(p.type() == Ty.DOUBLE ? ex.dbl(depth, false) : ex.intExpr(1, false));
        }
        return new Expr.Call(CallKind.HELPER, h.name(), args, h.result());
      }
      default:
        return null;
    }
  }

  /**
   * A call made for its {@code @Out} arrays, as statements: {@code m(a, t);} or, for a callee
   * that also returns a value, {@code double v = m(a, t);}. Empty when nothing fits.
   */
  List<Stmt> effectCall() {
    List<MethodDef> generated = new ArrayList<>();
    if (s.f.calls) {
      for (MethodDef m : s.cls.callees) {
        if (m.hasOut() && affordable(m) && recordsFit(m, true)) {
          generated.add(m);
        }
      }
    }
    generated = preferObjectsAndLists(preferRecords(generated));
    int choice = r.weighted(generated.isEmpty() ? 0 : 3, s.f.kernels ? 2 : 0);
    MethodDef m = null;
    CallKind kind = choice == 0 ? CallKind.GENERATED : CallKind.KERNEL;
    List<Expr> args = null;
    for (int attempt = 0; attempt < 4 && args == null && choice >= 0; attempt++) {
      m = r.pick(choice == 0 ? generated : Kernels.EFFECT);
      args = bind(m, 1, true);
    }
    return callStatement(kind, m, args);
  }

  /**
   * A call passing one of the caller's records whole to a method taking its type (for its
   * result or its outputs), as {@link #effectCall} writes it; empty when none fits. Calls are
   * few, and those in conditions pass no records (see {@link #recordsFit}): half the methods
   * that took a copy of a record type make one such call first.
   */
  List<Stmt> recordCall() {
    List<MethodDef> takers = new ArrayList<>();
    for (MethodDef m : s.cls.callees) {
      if (Records.hasRecords(m) && affordable(m) && recordsFit(m, true)) {
        takers.add(m);
      }
    }
    MethodDef m = null;
    List<Expr> args = null;
    for (int attempt = 0; attempt < 4 && args == null && !takers.isEmpty(); attempt++) {
      m = r.pick(takers);
      args = bind(m, 1, true);
    }
    return callStatement(CallKind.GENERATED, m, args);
  }

  /** {@code double v = m(args);} or {@code m(args);}; empty when {@code args} is null. */
  private List<Stmt> callStatement(CallKind kind, MethodDef m, List<Expr> args) {
    if (args == null) {
      return List.of();
    }
    if (kind == CallKind.GENERATED) {
      s.charge(s.cls.cost.getOrDefault(m.name(), 10));
    }
    Expr.Call call = new Expr.Call(kind, m.name(), args, m.result());
    if (m.result() == Ty.DOUBLE) {
      V v = new V(s.fresh("v"), Ty.DOUBLE, false);
      v.assignable = true;
      s.scope.add(v);
      return List.of(new Stmt.Local(Ty.DOUBLE, v.name, call));
    }
    return List.of(new Stmt.Effect(call));
  }

  /**
   * Whether the caller has a record of each type {@code m}'s record parameters have, and the
   * call is not in a passive context ({@link MethodState#passive}) unless
   * {@code recordsInConditions} allows it.
   *
   * <p>A call that passes a record whole inside a comparison or a cast to int or long,
   * {@code g(p) > 0 ? x : 2 * x} or {@code t[(int) g(p)]}, is generated only with
   * {@code recordsInConditions} on (a processor bug found by this tester, seed 2, now fixed).
   */
  private boolean recordsFit(MethodDef m, boolean varied) {
    if (!Records.hasRecords(m)) {
      return true;
    }
    if (s.passive > 0 && !s.f.recordsInConditions) {
      return false;
    }
    for (Records.Node n : Records.recordParams(m)) {
      if (fitting(m, n, varied).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The caller's records (nested ones too) that can be the argument of {@code m}'s record
   * parameter {@code n}: of its type, and constant if {@code m} does not differentiate it or
   * the call must be constant.
   */
  private List<Records.Node> fitting(MethodDef m, Records.Node n, boolean varied) {
    boolean needConst = !varied || !Records.differentiated(m, n);
    List<Records.Node> fits = new ArrayList<>();
    for (Records.Node c : s.recordNodes) {
      if (c.type().equals(n.type()) && (!needConst
          || c.leaves().stream().allMatch(l -> var(l.param().name()).constOnly))) {
        fits.add(c);
      }
    }
    return fits;
  }

  /**
   * Three times in four, only the callees taking a record (of the caller's types, see
   * {@link #recordsFit}) if there are any: a record passed whole is otherwise a rare pick.
   */
  private List<MethodDef> preferRecords(List<MethodDef> callees) {
    if (s.recordNodes.isEmpty()) {
      return callees;
    }
    List<MethodDef> taking = callees.stream().filter(Records::hasRecords).toList();
    return !taking.isEmpty() && r.chance(0.75) ? taking : callees;
  }

  /**
   * Half the time, only the callees taking a random source or a list of a type the caller has,
   * if there are any: else passing one on is a rare pick.
   */
  private List<MethodDef> preferObjectsAndLists(List<MethodDef> callees) {
    Set<Ty> have = new HashSet<>();
    for (V v : s.scope.where(v -> v.type.isObject() || v.type.isList())) {
      have.add(v.type);
    }
    if (have.isEmpty()) {
      return callees;
    }
    List<MethodDef> taking = callees.stream().filter(m -> m.params().stream()
        .anyMatch(p -> have.contains(p.type()))).toList();
    return !taking.isEmpty() && r.chance(0.5) ? taking : callees;
  }

  private boolean affordable(MethodDef m) {
    long cost = s.cls.cost.getOrDefault(m.name(), 10);
    return cost * s.loopMult <= COST_CAP && s.cost + cost * s.loopMult <= 4 * COST_CAP;
  }

  /** An array argument candidate: its expression, base variable and axis lengths. */
  private record ArrayArg(Expr expr, V base, Dim[] shape, boolean jagged) {}

  /** Arguments for {@code m}, or null when the scope has no consistent set. */
  List<Expr> bind(MethodDef m, int depth, boolean varied) {
    Map<Integer, Dim> binding = new HashMap<>();
    Set<V> inBases = new HashSet<>();
    Set<V> outBases = new HashSet<>();
    Expr[] args = new Expr[m.params().size()];
    Map<Integer, Expr> ints = new HashMap<>();
    if (!bindRecords(m, varied, args, binding, inBases, ints)) {
      return null;
    }
    if (!bindObjectsAndLists(m, args, binding)) {
      return null;
    }
    // Outputs first (writable arrays of the right shape are the scarce ones), then inputs;
    // an output's array may be no other argument's.
    for (int pass = 0; pass < 2; pass++) {
      for (int k = 0; k < args.length; k++) {
        Param p = m.params().get(k);
        if (!p.type().isArray() || p.out() != (pass == 0) || args[k] != null) {
          continue;
        }
        boolean needConst = !varied || !m.differentiated(p);
        List<ArrayArg> candidates = new ArrayList<>();
        boolean kernel = Kernels.SCALAR.contains(m) || Kernels.EFFECT.contains(m);
        for (ArrayArg c : arrayCandidates(p, needConst, varied, kernel)) {
          boolean free = p.out() ? !inBases.contains(c.base) && !outBases.contains(c.base)
              : !outBases.contains(c.base);
          if (compatible(m, p, c, binding) && free) {
            candidates.add(c);
          }
        }
        if (candidates.isEmpty()) {
          return null;
        }
        ArrayArg chosen = r.pick(candidates);
        for (int axis = 0; axis < p.dims().size(); axis++) {
          if (!(axis == 1 && p.jagged())) {
            binding.putIfAbsent(p.dims().get(axis), chosen.shape[axis]);
          }
        }
        (p.out() ? outBases : inBases).add(chosen.base);
        args[k] = chosen.expr;
      }
    }
    // Belt and braces: no output shares its array with another argument.
    for (int k = 0; k < args.length; k++) {
      Param p = m.params().get(k);
      if (p.out()) {
        V base = baseOf(args[k]);
        for (int j = 0; j < args.length; j++) {
          if (j != k && args[j] != null && m.params().get(j).type().isArray()
              && baseOf(args[j]) == base) {
            return null;
          }
        }
      }
    }
    // Int parameters sharing a symbol no array binds must get one value.
    for (int k = 0; k < args.length; k++) {
      Param p = m.params().get(k);
      if (p.type().isArray() || args[k] != null) {
        continue;
      }
      boolean diff = varied && m.differentiated(p);
      switch (p.type()) {
        case DOUBLE:
          args[k] = ex.dbl(depth, diff);
          break;
        case BOOLEAN:
          args[k] = ex.bool(1, varied);
          break;
        case LONG:
          args[k] = longArg();
          break;
        case INT:
          if (m.name().equals("Losses.softmaxCrossEntropy")) {
            args[k] = targetIndex(binding.get(0), varied);
          } else {
            args[k] = ints.get(p.dims().get(0));
            if (args[k] == null) {
              args[k] = intArg(m, p, binding);
              ints.put(p.dims().get(0), args[k]);
            }
          }
          if (args[k] == null) {
            return null;
          }
          break;
        default:
          throw new IllegalStateException(p.type().toString());
      }
    }
    return List.of(args);
  }

  /**
   * The callee's random sources and lists: one of the caller's of the same type, passed on
   * (a list's lengths binding the callee's symbols as an array's do); false when the caller
   * has none.
   */
  private boolean bindObjectsAndLists(MethodDef m, Expr[] args, Map<Integer, Dim> binding) {
    for (int k = 0; k < args.length; k++) {
      Param p = m.params().get(k);
      if (!p.type().isObject() && !p.type().isList() || args[k] != null) {
        continue; // (a model's object field is bound with the receiver, as it is)
      }
      List<V> have = new ArrayList<>();
      for (V v : s.scope.where(v -> v.type == p.type())) {
        if (p.type().isObject()
            || compatible(m, p, new ArrayArg(v.ref(), v, v.shape, false), binding)) {
          have.add(v);
        }
      }
      if (have.isEmpty()) {
        return false;
      }
      V chosen = r.pick(have);
      for (int axis = 0; axis < p.dims().size(); axis++) {
        binding.putIfAbsent(p.dims().get(axis), chosen.shape[axis]);
      }
      args[k] = chosen.ref();
    }
    return true;
  }

  /**
   * The arguments of the callee's record parameters: a record of the caller (a parameter or a
   * nested component) of the same type, passed whole, its components binding the callee's
   * symbols as arrays and ints do; one whose numbers are constants where the callee's record is
   * not differentiated (or the call must be constant). False when the caller has none.
   */
  private boolean bindRecords(MethodDef m, boolean varied, Expr[] args, Map<Integer, Dim> binding,
      Set<V> inBases, Map<Integer, Expr> ints) {
    if (!Records.hasRecords(m)) {
      return true;
    }
    for (Records.Node n : Records.recordParams(m)) {
      List<Records.Node> fits = fitting(m, n, varied);
      if (fits.isEmpty()) {
        return false;
      }
      List<Records.Leaf> want = n.leaves();
      List<Records.Leaf> have = r.pick(fits).leaves();
      for (int i = 0; i < want.size(); i++) {
        Param p = want.get(i).param();
        V v = var(have.get(i).param().name());
        if (p.type().isArray()) {
          ArrayArg a = new ArrayArg(v.ref(), v, v.shape, v.jagged);
          if (!compatible(m, p, a, binding)) {
            return false;
          }
          for (int axis = 0; axis < p.dims().size(); axis++) {
            if (!(axis == 1 && p.jagged())) {
              binding.putIfAbsent(p.dims().get(axis), v.shape[axis]);
            }
          }
          inBases.add(v.base());
        } else if (p.type() == Ty.INT) {
          int sym = p.dims().get(0);
          Dim d = v.equalsDim;
          Dim already = binding.get(sym);
          DimSym range = m.dim(sym);
          if (d == null || (already != null && already != d)
              || d.min < range.min() || d.max > range.max()) {
            return false;
          }
          binding.put(sym, d);
          ints.put(sym, v.ref());
        }
        args[want.get(i).index()] = v.ref();
      }
    }
    return true;
  }

  private V var(String name) {
    for (V v : s.scope.all()) {
      if (v.name.equals(name)) {
        return v;
      }
    }
    throw new IllegalStateException("no variable " + name);
  }

  private V baseOf(Expr e) {
    while (e instanceof Expr.Index i) {
      e = i.array();
    }
    String name = ((Expr.Ref) e).name();
    for (V v : s.scope.all()) {
      if (v.name.equals(name)) {
        return v.base();
      }
    }
    throw new IllegalStateException("no variable " + name);
  }

  private Expr targetIndex(Dim d, boolean varied) {
    return d == null ? null : ex.index(d, varied);
  }

  private Expr longArg() {
    List<V> longs = s.scope.where(v -> v.type == Ty.LONG && v.range != null
        && v.range[0] >= 0 && v.range[1] <= Param.SMALL_MAX);
    if (!longs.isEmpty() && r.chance(0.5)) {
      return r.pick(longs).ref();
    }
    return E.l(r.between(0, Param.SMALL_MAX));
  }

  /** An int argument: the bound length, or a value in the callee symbol's range. */
  private Expr intArg(MethodDef m, Param p, Map<Integer, Dim> binding) {
    int sym = p.dims().get(0);
    Dim bound = binding.get(sym);
    if (bound != null) {
      return ex.length(bound);
    }
    DimSym ds = m.dim(sym);
    List<V> fitting = s.scope.where(v -> v.type == Ty.INT && v.range != null
        && v.range[0] >= ds.min() && v.range[1] <= ds.max() && v.constOnly);
    if (!fitting.isEmpty() && r.chance(0.6)) {
      return r.pick(fitting).ref();
    }
    return E.i(r.between(ds.min(), ds.max()));
  }

  /**
   * Arrays that may be passed to {@code p}. A list's row goes only to a parameter of a
   * generated method that is not differentiated: TL120 allows rows as arguments of
   * {@code @Differentiable} methods only, so a kernel's {@code @NoDerivative} parameter
   * ({@code Losses.meanSquaredError(u, x1)}, seed 2502) takes none.
   */
  private List<ArrayArg> arrayCandidates(Param p, boolean needConst, boolean varied,
      boolean kernel) {
    List<ArrayArg> result = new ArrayList<>();
    for (V v : s.scope.all()) {
      if (!v.type.isArray()) {
        continue;
      }
      if (p.out()) {
        if (!v.writable || v.constOnly) {
          continue;
        }
      } else if (needConst && !v.constOnly) {
        continue;
      }
      if (v.listRow && (kernel || !p.noDerivative())) {
        continue; // a list's row where a derivative may be taken, or given a kernel: TL120
      }
      // an alias's base is the array it names: an output shares it with no other argument
      if (v.type == p.type()) {
        result.add(new ArrayArg(v.ref(), v.base(), v.shape, v.jagged));
      } else if (p.type() == Ty.DARR && v.type == Ty.DMAT && s.f.rowArguments) {
        ExprGen.RowRef row = ex.row(v, varied && s.f.activeIndices);
        if (row != null) {
          result.add(new ArrayArg(row.expr(), v.base(), new Dim[] {row.length()}, false));
        }
      }
    }
    return result;
  }

  private static boolean compatible(MethodDef m, Param p, ArrayArg c, Map<Integer, Dim> binding) {
    if (c.jagged && !p.jagged()) {
      return false;
    }
    // Axes of one parameter may share a symbol (a square matrix): bind as we go.
    Map<Integer, Dim> local = new HashMap<>(binding);
    for (int axis = 0; axis < p.dims().size(); axis++) {
      int sym = p.dims().get(axis);
      Dim have = c.shape[axis];
      DimSym want = m.dim(sym);
      boolean free = axis == 1 && p.jagged();
      Dim already = free ? null : local.get(sym);
      if (!free) {
        local.putIfAbsent(sym, have);
      }
      if (already != null) {
        if (already != have && !(already.fixed && have.fixed && already.min == have.min)) {
          return false;
        }
      } else if (have.min < want.min() || have.max > want.max()) {
        // The callee may rely on both bounds (an int parameter below a length, say).
        return false;
      }
    }
    return true;
  }
}

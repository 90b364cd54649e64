package dev.tapeless.fuzz.gen;

import static dev.tapeless.fuzz.gen.E.i;

import dev.tapeless.fuzz.Features;
import dev.tapeless.fuzz.ast.AssignOp;
import dev.tapeless.fuzz.ast.DimSym;
import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.Member;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Op;
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
 * One random {@code @Differentiable} method: a signature (length symbols shared between array
 * and int parameters, {@code @NoDerivative}, {@code wrt}, {@code @Out}), local arrays at the
 * top, a body, outputs written, and a result that sums what the body computed.
 */
final class MethodGen {
  private static final String[] SCALARS = {"a", "b", "c", "x", "y", "z", "p", "r"};
  private static final String[] VECTORS = {"w", "u", "s", "g", "h"};
  private static final String[] MATRICES = {"A", "B", "W", "M"};
  private static final String[] INTS = {"n", "m", "j"};
  private static final String[] OUTS = {"out", "res", "acc"};

  /** The share of methods with a random source parameter, and with a list parameter. */
  static final double OBJECT_CHANCE = 0.2;
  static final double LIST_CHANCE = 0.15;
  /** The choices about random sources and lists. */
  Rand objects;

  /** The share of methods with record parameters. */
  static final double RECORD_CHANCE = 0.2;
  /** Whether the method being generated took a copy of an earlier method's record type. */
  private boolean adopted;

  private final Rand r;
  /** The choices about records. */
  private final Rand rr;
  private final Features f;
  private final ClassInfo cls;

  MethodGen(Rand r, Rand rr, Features f, ClassInfo cls) {
    this.r = r;
    this.rr = rr;
    this.f = f;
    this.cls = cls;
  }

  MethodDef generate(String name) {
    MethodState s = new MethodState(r, f, cls);
    ExprGen ex = new ExprGen(s);
    CallGen calls = new CallGen(s, ex);
    ex.calls = calls;
    FinalExpr finals = new FinalExpr(s, ex);
    StmtGen st = new StmtGen(s, ex, calls, finals);

    boolean instance = ModelGen.instance(cls);
    List<DimSym> syms = new ArrayList<>();
    if (instance) {
      syms.addAll(cls.model.syms());
    }
    int symCount = r.between(1, 3);
    for (int k = 0; k < symCount; k++) {
      syms.add(newSym(syms.size(), f.emptyArrays));
    }
    List<Param> params = params(syms);
    adopted = false;
    if (f.records && rr.chance(RECORD_CHANCE)) {
      params = records(params, syms);
    }
    List<String> wrt = wrt(params);
    if (instance) {
      params = ModelGen.withFields(cls.model, params);
      wrt = null;
    }
    params = objectsAndLists(params, syms);
    boolean hasOut = params.stream().anyMatch(Param::out);
    Ty result = hasOut && r.chance(0.5) ? Ty.VOID : Ty.DOUBLE;
    s.returnsDouble = result == Ty.DOUBLE;
    MethodDef signature = new MethodDef(name, params, result, wrt, syms, List.of(), true);

    Map<Integer, Dim> dims = new HashMap<>();
    for (DimSym d : syms) {
      dims.put(d.id(), new Dim(d.min(), d.max(), d.id(), false));
    }
    for (Param p : params) {
      s.scope.add(paramVar(signature, p, dims));
    }
    if (Records.hasRecords(signature)) {
      s.recordNodes = Records.nodes(signature);
    }
    for (V v : s.scope.all()) {
      if (v.outParam) {
        s.outs.add(v);
      }
    }

    List<Stmt> body = new ArrayList<>();
    if (f.localArrays && r.chance(0.55)) {
      int count = r.between(1, 3);
      for (int k = 0; k < count; k++) {
        localArray(s, ex, body);
      }
    }
    if (adopted && rr.chance(0.5)) {
      body.addAll(calls.recordCall());
    } else if (instance && cls.model.rm().chance(ModelGen.CALL_FIRST_CHANCE)) {
      body.addAll(calls.recordCall());
    }
    s.budget = r.between(4, 15);
    body.addAll(st.block(s.budget));
    if (!s.outs.isEmpty() && r.chance(0.6)) {
      writeOutputs(s, ex, st, body);
    }
    if (s.returnsDouble) {
      body.add(new Stmt.Return(finals.build()));
    }
    cls.cost.put(name, (int) Math.min(Integer.MAX_VALUE, s.cost + 10));
    registerRecords(signature);
    return signature.withBody(body);
  }

  // ---------------------------------------------------------------- objects and lists

  /**
   * Appends (after records and model fields, so that no record takes them) a
   * {@code @NoDerivative} random source and a read-only list of arrays, each sometimes.
   */
  private List<Param> objectsAndLists(List<Param> params, List<DimSym> syms) {
    if (objects == null) {
      return params;
    }
    List<Param> ps = new ArrayList<>(params);
    if (f.objectParams && objects.chance(OBJECT_CHANCE)) {
      Ty t = objects.chance(0.6) ? Ty.RANDOM : Ty.SPLITTABLE;
      ps.add(new Param(t, "rng", true, false, List.of(), false));
    }
    if (f.listParams && objects.chance(LIST_CHANCE)) {
      Ty t = objects.chance(0.7) ? Ty.LIST : Ty.LIST2;
      List<Integer> dims = new ArrayList<>();
      for (int k = 0; k < t.listElement().rank() + 1; k++) {
        dims.add(objects.pick(syms).id());
      }
      ps.add(new Param(t, "xs", false, false, dims, false));
    }
    return ps;
  }

  // ---------------------------------------------------------------- records

  /**
   * Makes some parameters a record's components: a copy of a record type an earlier method
   * takes (so that calls can pass it whole), and/or a run of consecutive parameters as a new
   * record type, sometimes with a nested record (or wrapping the copy). A record is
   * differentiated whole or not at all: its numbers are all {@code @NoDerivative} or none is,
   * and sometimes all are made so (when another parameter is differentiated).
   */
  private List<Param> records(List<Param> params, List<DimSym> syms) {
    List<Param> ps = new ArrayList<>(params);
    int names = 0;
    if (f.calls && !cls.recordParamTypes.isEmpty() && rr.chance(0.6)) {
      adopted = adopt(ps, syms, "rec" + names++);
    }
    if (!adopted || rr.chance(0.4)) {
      if (group(ps, "rec" + names)) {
        names++;
      }
    }
    if (rr.chance(0.15)) {
      group(ps, "rec" + names);
    }
    return ps;
  }

  /**
   * Inserts a copy of an earlier method's record type as record {@code name}. Its lengths are
   * mostly the method's own symbols of the same range, so that the method has arrays of the
   * lengths the earlier method's other parameters may share with the record's (else no call
   * could pass the record).
   */
  private boolean adopt(List<Param> ps, List<DimSym> syms, String name) {
    // a type some method takes as a parameter: one the copy can be passed to
    String type = rr.pick(List.copyOf(cls.recordParamTypes));
    ClassInfo.RecordType t = cls.recordTypes.stream().filter(x -> x.name().equals(type))
        .findFirst().orElseThrow();
    Set<String> used = new HashSet<>();
    ps.forEach(p -> used.add(p.name()));
    Map<Integer, Integer> symbols = new HashMap<>();
    Set<Integer> reused = new HashSet<>();
    // constant mostly where the first method taking the type has it constant: else the copy
    // could not be passed to it
    boolean wasConstant = t.leaves().stream().anyMatch(p -> p.isReal() && p.noDerivative());
    boolean constant = rr.chance(wasConstant ? 0.8 : 0.2)
        && ps.stream().anyMatch(this::differentiatedAlone);
    List<Param> copies = new ArrayList<>();
    for (Param q : t.leaves()) {
      List<Integer> dims = new ArrayList<>();
      for (int id : q.dims()) {
        dims.add(symbols.computeIfAbsent(id, k -> {
          DimSym src = t.sym(k);
          List<DimSym> same = syms.stream().filter(d -> d.min() == src.min()
              && d.max() == src.max() && !reused.contains(d.id())).toList();
          if (!same.isEmpty() && rr.chance(0.8)) {
            DimSym own = rr.pick(same);
            reused.add(own.id());
            return own.id();
          }
          DimSym copy = new DimSym(syms.size(), src.min(), src.max());
          syms.add(copy);
          return copy.id();
        }));
      }
      String flat = q.name();
      for (int k = 2; !used.add(flat); k++) {
        flat = q.name() + k;
      }
      List<String> memberNames = new ArrayList<>(q.member().names());
      memberNames.set(0, name);
      copies.add(new Param(q.type(), flat, q.isReal() && constant, false, dims, q.jagged(),
          new Member(memberNames, q.member().types())));
    }
    ps.addAll(rr.between(0, ps.size()), copies);
    return true;
  }

  /** A parameter differentiated on its own: what lets another record be constant. */
  private boolean differentiatedAlone(Param p) {
    return p.isReal() && !p.out() && !p.noDerivative() && p.member() == null;
  }

  /**
   * Makes a run of consecutive parameters (whole records among them) the record {@code name}
   * of a new type, sometimes with a nested record of a sub-run; false if no parameter fits.
   */
  private boolean group(List<Param> ps, String name) {
    // units: a parameter of its own, or a record parameter's members
    List<int[]> units = new ArrayList<>();
    for (int i = 0; i < ps.size(); ) {
      int j = i + 1;
      Member m = ps.get(i).member();
      while (m != null && j < ps.size() && ps.get(j).member() != null
          && ps.get(j).member().root().equals(m.root())) {
        j++;
      }
      units.add(new int[] {i, j});
      i = j;
    }
    List<Integer> starts = new ArrayList<>();
    for (int u = 0; u < units.size(); u++) {
      if (status(ps, units.get(u)) != OUT) {
        starts.add(u);
      }
    }
    if (starts.isEmpty()) {
      return false;
    }
    int first = rr.pick(starts);
    int status = status(ps, units.get(first));
    int last = first + 1;
    int want = rr.between(1, 4);
    while (last < units.size() && last - first < want) {
      int next = status(ps, units.get(last));
      if (next == OUT || (next != NEUTRAL && status != NEUTRAL && next != status)) {
        break;
      }
      status = status == NEUTRAL ? next : status;
      last++;
    }
    int from = units.get(first)[0];
    int to = units.get(last - 1)[1];
    if (last - first >= 2 && rr.chance(0.35)) {
      int a = first + rr.between(0, last - first - 1);
      int b = a + 1 + rr.between(0, last - a - 1);
      wrap(ps, units.get(a)[0], units.get(b - 1)[1], "in" + cls.recordCount);
    }
    wrap(ps, from, to, name);
    // sometimes a @NoDerivative record, when something else is differentiated
    boolean hasReal = ps.subList(from, to).stream().anyMatch(Param::isReal);
    if (hasReal && status != CONSTANT && rr.chance(0.2)) {
      boolean other = false;
      for (int k = 0; k < ps.size(); k++) {
        other |= (k < from || k >= to) && differentiatedAlone(ps.get(k));
      }
      if (other) {
        for (int k = from; k < to; k++) {
          Param p = ps.get(k);
          ps.set(k, p.withNoDerivative(p.isReal()));
        }
      }
    }
    return true;
  }

  private static final int NEUTRAL = 0;
  private static final int VARIED = 1;
  private static final int CONSTANT = 2;
  private static final int OUT = 3;

  /** Whether a unit's numbers are differentiated, @NoDerivative, neither (no numbers) or out. */
  private static int status(List<Param> ps, int[] unit) {
    int status = NEUTRAL;
    for (int k = unit[0]; k < unit[1]; k++) {
      Param p = ps.get(k);
      if (p.out()) {
        return OUT;
      } else if (p.isReal()) {
        status = p.noDerivative() ? CONSTANT : VARIED;
      }
    }
    return status;
  }

  /** Makes {@code ps[from, to)} the components of a new record type, as component {@code name}. */
  private void wrap(List<Param> ps, int from, int to, String name) {
    String type = "R" + cls.recordCount++;
    for (int k = from; k < to; k++) {
      Param p = ps.get(k);
      ps.set(k, p.withMember(p.member() == null ? Member.of(name, type, p.name())
          : p.member().wrappedIn(name, type)));
    }
  }

  /** Makes the method's record types (nested ones too) available to later methods. */
  private void registerRecords(MethodDef m) {
    if (!Records.hasRecords(m)) {
      return;
    }
    for (Records.Node n : Records.recordParams(m)) {
      if (!dev.tapeless.fuzz.ast.Models.isReceiver(n)) {
        cls.recordParamTypes.add(n.type());
      }
    }
    for (Records.Node n : Records.nodes(m)) {
      // the receiver and record fields are the class's own: no other method takes them
      if (cls.hasRecordType(n.type())
          || dev.tapeless.fuzz.ast.Models.isField(n.leaves().get(0).param())) {
        continue;
      }
      List<Param> leaves = new ArrayList<>();
      List<DimSym> used = new ArrayList<>();
      for (Records.Leaf l : n.leaves()) {
        Member mem = l.param().member();
        int d = mem.types().indexOf(n.type());
        leaves.add(l.param().withMember(new Member(mem.names().subList(d, mem.names().size()),
            mem.types().subList(d, mem.types().size()))));
        for (int id : l.param().dims()) {
          DimSym s = m.dim(id);
          if (!used.contains(s)) {
            used.add(s);
          }
        }
      }
      cls.recordTypes.add(new ClassInfo.RecordType(n.type(), leaves, used));
    }
  }

  private DimSym newSym(int id, boolean allowEmpty) {
    int min = r.weighted(allowEmpty ? 0.8 : 0, 3, 3, 2);
    int max = Math.min(4, min + r.between(0, 2));
    return new DimSym(id, min, Math.max(min, max));
  }

  private List<Param> params(List<DimSym> syms) {
    List<Param> params = new ArrayList<>();
    Set<String> used = new HashSet<>();
    int count = r.between(1, 5);
    for (int k = 0; k < count; k++) {
      int t = r.weighted(5, f.arrayParams ? 2.5 : 0, f.matrixParams ? 1.2 : 0, 1.5,
          f.intArrays ? 0.7 : 0, f.longs ? 0.4 : 0, f.booleans ? 0.6 : 0);
      switch (t) {
        case 0 -> params.add(Param.scalar(Ty.DOUBLE, name(SCALARS, used)));
        case 1 -> params.add(new Param(Ty.DARR, name(VECTORS, used), false, false,
            List.of(r.pick(syms).id()), false));
        case 2 -> {
          boolean jagged = f.jaggedMatrices && r.chance(0.2);
          int cols;
          if (jagged) {
            DimSym own = newSym(syms.size(), f.emptyArrays);
            syms.add(own);
            cols = own.id();
          } else {
            cols = r.pick(syms).id();
          }
          params.add(new Param(Ty.DMAT, name(MATRICES, used), false, false,
              List.of(r.pick(syms.subList(0, Math.min(syms.size(), 3))).id(), cols), jagged));
        }
        case 3 -> {
          int sym;
          if (r.chance(0.6)) {
            sym = r.pick(syms.subList(0, Math.min(syms.size(), 3))).id();
          } else {
            DimSym own = newSym(syms.size(), true);
            syms.add(own);
            sym = own.id();
          }
          params.add(new Param(Ty.INT, name(INTS, used), false, false, List.of(sym), false));
        }
        case 4 -> params.add(new Param(Ty.IARR, "idx" + k, false, false,
            List.of(r.pick(syms).id()), false));
        case 5 -> params.add(Param.scalar(Ty.LONG, "big" + k));
        default -> params.add(Param.scalar(Ty.BOOLEAN, "flag" + k));
      }
    }
    if (f.noDerivative) {
      for (int k = 0; k < params.size(); k++) {
        Param p = params.get(k);
        if (differentiable(p.type()) && r.chance(0.15)) {
          params.set(k, p.withNoDerivative(true));
        }
      }
    }
    if (params.stream().noneMatch(p -> differentiable(p.type()) && !p.noDerivative())) {
      params.add(r.between(0, params.size()), Param.scalar(Ty.DOUBLE, name(SCALARS, used)));
    }
    if (f.outParams && r.chance(0.25)) {
      int outs = r.chance(0.75) ? 1 : 2;
      for (int k = 0; k < outs; k++) {
        boolean matrix = f.matrixParams && r.chance(0.25);
        List<Integer> dims = matrix ? List.of(r.pick(syms).id(), r.pick(syms).id())
            : List.of(r.pick(syms).id());
        params.add(r.between(0, params.size()), new Param(matrix ? Ty.DMAT : Ty.DARR,
            name(OUTS, used), false, true, dims, false));
      }
    }
    return params;
  }

  private static boolean differentiable(Ty t) {
    return t == Ty.DOUBLE || t == Ty.DARR || t == Ty.DMAT;
  }

  private String name(String[] pool, Set<String> used) {
    for (int attempt = 0; attempt < 10; attempt++) {
      String n = r.pickOf(pool);
      if (used.add(n)) {
        return n;
      }
    }
    String n = pool[0] + used.size();
    used.add(n);
    return n;
  }

  /**
   * Sometimes {@code @Differentiable(wrt = ...)} naming a non-empty subset: a record's numbers
   * all or none (the printer names the record).
   */
  private List<String> wrt(List<Param> params) {
    if (!f.wrt || !r.chance(0.1)) {
      return null;
    }
    List<String> names = new ArrayList<>();
    String record = null;
    boolean recordIn = false;
    for (Param p : params) {
      if (differentiable(p.type()) && !p.out() && !p.noDerivative()) {
        if (p.member() == null) {
          if (r.chance(0.6)) {
            names.add(p.name());
          }
          continue;
        }
        if (!p.member().root().equals(record)) {
          record = p.member().root();
          recordIn = r.chance(0.6);
        }
        if (recordIn) {
          names.add(p.name());
        }
      }
    }
    return names.isEmpty() ? null : names;
  }

  private static V paramVar(MethodDef m, Param p, Map<Integer, Dim> dims) {
    boolean diff = m.differentiated(p);
    V v = new V(p.name(), p.type(), !diff && !p.out());
    v.inRecord = p.member() != null;
    v.stable = !v.inRecord;
    switch (p.type()) {
      case DOUBLE, BOOLEAN -> v.assignable = !v.inRecord;
      case LONG -> v.range = new int[] {0, Param.SMALL_MAX};
      case INT -> {
        Dim d = dims.get(p.dims().get(0));
        v.equalsDim = d;
        v.range = new int[] {d.min, d.max};
        v.nonneg = true;
      }
      default -> {
        v.shape = new Dim[p.dims().size()];
        for (int k = 0; k < v.shape.length; k++) {
          v.shape[k] = dims.get(p.dims().get(k));
        }
        v.jagged = p.jagged();
        v.writable = p.out();
        v.outParam = p.out();
      }
    }
    return v;
  }

  /** {@code double[] t = new double[size];} with a literal, a length, or an int plus one. */
  private void localArray(MethodState s, ExprGen ex, List<Stmt> body) {
    boolean matrix = s.f.matrixParams && r.chance(0.3);
    int rank = matrix ? 2 : 1;
    Dim[] shape = new Dim[rank];
    List<Expr> sizes = new ArrayList<>();
    for (int k = 0; k < rank; k++) {
      Dim d = null;
      Expr size = null;
      int choice = r.weighted(2, 3, 1);
      if (choice == 1) {
        List<Dim> known = new ArrayList<>();
        for (V v : s.scope.all()) {
          if (v.type.isArray() && !v.jagged) {
            known.add(v.shape[0]);
          }
          if (v.equalsDim != null) {
            known.add(v.equalsDim);
          }
        }
        if (!known.isEmpty()) {
          d = r.pick(known);
          size = ex.length(d);
        }
      } else if (choice == 2) {
        List<V> ints = s.scope.where(v -> v.equalsDim != null);
        if (!ints.isEmpty()) {
          V n = r.pick(ints);
          d = Dim.unknown(n.equalsDim.min + 1, n.equalsDim.max + 1);
          size = new Expr.Bin(Op.ADD, n.ref(), i(1));
        }
      }
      if (size == null) {
        int n = r.between(1, 4);
        d = Dim.fixed(n);
        size = i(n);
      }
      shape[k] = d;
      sizes.add(size);
    }
    Ty type = matrix ? Ty.DMAT : Ty.DARR;
    List<V> vectors = s.scope.where(v -> v.type == Ty.DARR);
    if (!matrix && f.arrayClone && !vectors.isEmpty() && r.chance(0.3)) {
      V source = r.pick(vectors);
      V t = new V(s.fresh("t"), type, source.constOnly);
      t.shape = source.shape;
      t.writable = true;
      t.stable = true;
      body.add(new Stmt.Local(type, t.name, new Expr.Clone(source.ref())));
      s.scope.add(t);
      return;
    }
    V t = new V(s.fresh("t"), type, r.chance(0.2));
    t.shape = shape;
    t.writable = true;
    t.stable = true;
    body.add(new Stmt.Local(type, t.name, new Expr.NewArray(type, sizes)));
    s.scope.add(t);
  }

  /** {@code for (int i = 0; i < out.length; i++) out[i] (+)= e;}: outputs that use the body. */
  private void writeOutputs(MethodState s, ExprGen ex, StmtGen st, List<Stmt> body) {
    V out = r.pick(s.outs);
    Dim d = out.shape[0];
    Expr len = ex.length(d);
    V i = new V(s.fresh("i"), Ty.INT, true);
    i.nonneg = true;
    i.indexFor.put(d, new int[] {0});
    s.scope.push();
    s.scope.add(i);
    int saved = s.loopMult;
    s.loopMult *= Math.max(1, d.max);
    Expr target;
    if (out.type == Ty.DARR) {
      target = E.index(out.ref(), i.ref());
    } else {
      Expr col = ex.index(out.shape[1], true);
      target = col == null ? null : E.index(E.index(out.ref(), i.ref()), col);
    }
    List<Stmt> loopBody = new ArrayList<>();
    if (target != null) {
      loopBody.add(new Stmt.Assign(target, r.chance(0.6) ? AssignOp.SET : AssignOp.ADD,
          ex.dbl(2, true)));
    }
    s.loopMult = saved;
    s.scope.pop();
    if (!loopBody.isEmpty()) {
      body.add(new Stmt.For(new Stmt.Local(Ty.INT, i.name, i(0)),
          new Expr.Bin(Op.LT, i.ref(), len), new Stmt.Step(i.ref(), true), loopBody));
    }
  }
}

package dev.tapeless.processor.reverse;

import com.palantir.javapoet.CodeBlock;
import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.BackwardReads;
import dev.tapeless.processor.analysis.FreshAdjoints;
import dev.tapeless.processor.analysis.Recording;
import dev.tapeless.processor.emit.JavaStmts;
import dev.tapeless.processor.emit.Verbatim;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Origin;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import dev.tapeless.processor.ir.UnaryOp;
import dev.tapeless.processor.rules.Partial;
import dev.tapeless.processor.rules.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The backward sweep: statements in reverse order, each adding its partials times the incoming
 * adjoint to its operands' adjoints; branches replayed from their recorded conditions; loops run
 * backwards; overwritten values restored after their statement is reversed.
 */
final class BackwardSweep {
  private final Activity activity;
  private final Recording recording;
  private final Declarations declarations;
  private final Adjoints adjoints;
  private final FrameFields fields;
  private final Set<Var> reassigned;
  private final NameTable names;
  private final CallReversal calls;
  /** A checkpointed loop's body as the backward sweep runs it again, saving. */
  private final Function<Stmt.Block, CodeBlock> rerun;
  /** Rows hoisted out of the innermost reversed counted loop being written. */
  private RowHoisting hoisted = RowHoisting.NONE;

  /**
   * @param fresh calls whose pullback may set adjoints instead of adding to them
   * @param overwrite the local that says whether parameters' adjoints are being overwritten
   * @param rerun a checkpointed loop's body as the backward sweep runs it again
   */
  BackwardSweep(Activity activity, Recording recording, Declarations declarations,
      Adjoints adjoints, FrameFields fields, Set<Var> reassigned, NameTable names,
      FreshAdjoints fresh, String overwrite, Function<Stmt.Block, CodeBlock> rerun) {
    this.rerun = rerun;
    this.activity = activity;
    this.recording = recording;
    this.declarations = declarations;
    this.adjoints = adjoints;
    this.fields = fields;
    this.reassigned = reassigned;
    this.names = names;
    this.calls = new CallReversal(activity, adjoints, fields, fresh, overwrite);
  }

  /** The backward sweep of {@code block}, printed. */
  CodeBlock block(Stmt.Block block) {
    return JavaStmts.write(reverse(block));
  }

  /** The backward sweep of {@code block} as IR: its statements reversed, last first. */
  List<Stmt> reverse(Stmt.Block block) {
    List<Stmt> code = new ArrayList<>();
    List<Stmt> stmts = block.statements();
    Origin lastOrigin = null;
    for (int i = stmts.size() - 1; i >= 0; i--) {
      Stmt s = stmts.get(i);
      List<Stmt> reversed = statement(s);
      if (reversed.isEmpty()) {
        continue;
      }
      boolean commented = s instanceof Stmt.For || s instanceof Stmt.Loop;
      if (s.origin() != null && !s.origin().equals(lastOrigin)
          && (commented || !(s instanceof Stmt.If))) {
        code.add(new Stmt.Comment(SourceComments.of(s.origin())));
        lastOrigin = s.origin();
      }
      code.addAll(reversed);
    }
    return code;
  }

  private List<Stmt> statement(Stmt s) {
    if (s instanceof Stmt.Assign || s instanceof Stmt.Store || s instanceof Stmt.Effect) {
      List<Stmt> code = new ArrayList<>();
      if (BackwardReads.derivativeCall(s) != null) {
        verbatim(calls.reverse(s, reassigned), code);
      } else {
        write(s, code);
      }
      restore(s, code);
      return code;
    } else if (s instanceof Stmt.If i) {
      return notInEveryIteration(() -> replay(i));
    } else if (s instanceof Stmt.For f && f.checkpointed()) {
      List<Stmt> code = new ArrayList<>();
      verbatim(Checkpointing.backward(f, rerun.apply(f.body()),
          piece -> JavaStmts.write(reverseFor(piece)), recording, fields, names), code);
      return code;
    } else if (s instanceof Stmt.For f) {
      return reverseFor(f);
    } else if (s instanceof Stmt.Loop l) {
      List<Stmt> body = notInEveryIteration(() -> reverse(l.body()));
      if (body.isEmpty()) {
        return body;
      }
      Var k = new Var(names.numbered("k"), Type.INT, Var.Role.INDEX);
      return List.of(new Stmt.For(k, new Expr.Ref(l.counter()), new Expr.Const("0", Type.INT),
          Stmt.Direction.DOWN_EXCLUSIVE, new Stmt.Block(body), l.origin()));
    } else if (s instanceof Stmt.Exit) {
      return List.of();
    }
    return reverse((Stmt.Block) s);
  }

  /** Code a phase still writes directly, kept in the IR when there is any. */
  private static void verbatim(CodeBlock written, List<Stmt> code) {
    if (!written.isEmpty()) {
      code.add(new Verbatim(written));
    }
  }

  /** Builds code that a branch or an inner while-loop guards (see {@link RowHoisting#indexed}). */
  private List<Stmt> notInEveryIteration(Supplier<List<Stmt>> write) {
    RowHoisting enclosing = hoisted;
    enclosing.enterConditional();
    try {
      return write.get();
    } finally {
      enclosing.leaveConditional();
    }
  }

  /**
   * A counted loop run backwards. Rows its body indexes with a loop-invariant first index are
   * read once before it, inside a test that the loop runs at all.
   */
  private List<Stmt> reverseFor(Stmt.For f) {
    return reverseFor(f, false);
  }

  /**
   * @param anyOrder the iterations are independent (see {@link #fissionable}), so they run in
   *     the forward order, which the JIT handles best
   */
  private List<Stmt> reverseFor(Stmt.For f, boolean anyOrder) {
    if (fissionable(f)) {
      List<Stmt> code = new ArrayList<>();
      List<Stmt> stmts = f.body().statements();
      for (int s = stmts.size() - 1; s >= 0; s--) {
        code.addAll(reverseFor(new Stmt.For(f.index(), f.first(), f.bound(), f.direction(),
            new Stmt.Block(List.of(stmts.get(s))), f.origin()), true));
      }
      return code;
    }
    RowHoisting rows = RowHoisting.of(f, adjoints, names);
    RowHoisting outer = hoisted;
    hoisted = rows;
    List<Stmt> body;
    try {
      body = reverse(f.body());
    } finally {
      hoisted = outer;
    }
    if (body.isEmpty()) {
      return body;
    }
    Stmt.Check lengths = lengthTest(f, rows);
    Stmt loop = reversedLoop(f, body, anyOrder);
    if (rows.used().isEmpty() && lengths == null) {
      return List.of(loop);
    }
    BinaryOp runs = switch (f.direction()) {
      case UP_EXCLUSIVE -> BinaryOp.LT;
      case UP_INCLUSIVE -> BinaryOp.LE;
      case DOWN_EXCLUSIVE -> BinaryOp.GT;
      case DOWN_INCLUSIVE -> BinaryOp.GE;
    };
    List<Stmt> guarded = new ArrayList<>();
    for (RowHoisting.Row row : rows.used()) {
      guarded.add(new Stmt.Declare(row.local(), row.source()));
    }
    if (lengths != null) {
      guarded.add(lengths);
    }
    guarded.add(loop);
    return List.of(new Stmt.If(new Expr.Binary(runs, f.first(), f.bound(), Type.BOOLEAN),
        new Stmt.Block(guarded), new Stmt.Block(List.of()), f.origin()));
  }

  /**
   * A test, true when an array the reversed loop indexes by its index alone is too short for
   * the loop's indices, or null when there is none. The forward sweep ran the same indices over
   * the same arrays, so the test never holds; it is there because the JIT removes the bounds
   * checks inside a loop when a test before it has established them, and not always otherwise
   * (a C2 loop with the sweep's shape kept two bounds checks per element without it, at twice
   * the cost). Loops that may be left early are not tested.
   */
  private static Stmt.Check lengthTest(Stmt.For f, RowHoisting rows) {
    if (rows.indexed().isEmpty()
        || Statements.all(f.body()).stream().anyMatch(s -> s instanceof Stmt.Exit)) {
      return null;
    }
    // The largest index and the smallest, for each direction.
    BinaryOp tooShort = f.direction() == Stmt.Direction.UP_EXCLUSIVE ? BinaryOp.LT : BinaryOp.LE;
    Expr largest = f.direction().up() ? f.bound() : f.first();
    Expr smallest = f.direction().up() ? f.first() : f.bound();
    List<Expr> failures = new ArrayList<>();
    if (!(smallest instanceof Expr.Const c && c.literal().matches("\\d+"))) {
      String least = f.direction() == Stmt.Direction.DOWN_EXCLUSIVE ? "-1" : "0";
      failures.add(new Expr.Binary(BinaryOp.LT, smallest, new Expr.Const(least, Type.INT),
          Type.BOOLEAN));
    }
    boolean any = false;
    for (Var array : rows.indexed()) {
      if (f.direction() == Stmt.Direction.UP_EXCLUSIVE && f.bound() instanceof Expr.Length l
          && l.array() instanceof Expr.Ref r && r.var().name().equals(array.name())) {
        continue; // the loop runs over this array's length
      }
      failures.add(new Expr.Binary(tooShort, new Expr.Length(new Expr.Ref(array)), largest,
          Type.BOOLEAN));
      any = true;
    }
    return any ? new Stmt.Check(failures,
        "index out of bounds in the backward sweep of " + SourceComments.of(f.origin())) : null;
  }

  /**
   * Whether the reversed loop can run as one loop per statement, each a simple kernel the JIT
   * compiles well, as a person writes one loop per weight row. True when every statement is an
   * increment ({@code z += W[k][j] * h[j]}) that saves nothing: its reversal only reads its
   * target's adjoint and adds into its operands' adjoints, and no statement adds into an
   * adjoint that another reads, so running them one after the other changes nothing but the
   * order of additions.
   */
  private boolean fissionable(Stmt.For f) {
    List<Stmt> stmts = f.body().statements();
    if (stmts.size() < 2) {
      return false;
    }
    Set<Var> targets = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    Set<Var> operands = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Stmt s : stmts) {
      if (!(s instanceof Stmt.Store st) || st.kind() == Stmt.StoreKind.SET
          || st.value() instanceof Expr.Call || !recording.savedBy(s).isEmpty()) {
        return false;
      }
      targets.add(st.array());
      for (Partial p : BackwardReads.emittedPartials(s, activity)) {
        operands.add(dev.tapeless.processor.analysis.Dependencies.baseVar(
            Operands.of(st.value()).get(p.operand())));
      }
    }
    return targets.stream().noneMatch(operands::contains);
  }

  private static Stmt reversedLoop(Stmt.For f, List<Stmt> body, boolean anyOrder) {
    Stmt.Block block = new Stmt.Block(body);
    return anyOrder
        ? new Stmt.For(f.index(), f.first(), f.bound(), f.direction(), block, f.origin())
        : new Stmt.Reversed(f.index(), f.first(), f.bound(), f.direction(), block, f.origin());
  }

  private List<Stmt> replay(Stmt.If i) {
    List<Stmt> whenTrue = reverse(i.thenBlock());
    List<Stmt> whenFalse = reverse(i.elseBlock());
    if (whenTrue.isEmpty() && whenFalse.isEmpty()) {
      return List.of();
    }
    if (whenTrue.isEmpty()) {
      return List.of(new Stmt.If(new Expr.Unary(UnaryOp.NOT, i.condition(), Type.BOOLEAN),
          new Stmt.Block(whenFalse), new Stmt.Block(List.of()), i.origin()));
    }
    return List.of(new Stmt.If(i.condition(), new Stmt.Block(whenTrue),
        new Stmt.Block(whenFalse), i.origin()));
  }

  /** Reverses an assignment or store of a non-call value. */
  private void write(Stmt s, List<Stmt> code) {
    Var target = Statements.written(s);
    if (target == null || !adjoints.has(target)) {
      return;
    }
    Var adjoint = adjoints.var(target);
    Expr g;
    Supplier<Expr> result;
    Expr value;
    if (s instanceof Stmt.Store st) {
      g = hoisted.element(adjoint, target, st.indices());
      result = () -> hoisted.element(target, target, st.indices());
      value = st.value();
    } else {
      g = new Expr.Ref(adjoint);
      result = () -> new Expr.Ref(target);
      value = ((Stmt.Assign) s).value();
    }
    List<Expr> operands = Operands.of(value);
    // Bound only when a template uses them: a row hoisted for nothing would be read with
    // indices the backward sweep has not restored.
    Function<String, Expr> bindings = name -> switch (name) {
      case "g" -> g;
      case "r" -> result.get();
      default -> operand(operands.get(Integer.parseInt(name)));
    };
    Stmt.StoreKind kind = s instanceof Stmt.Store st && st.kind() == Stmt.StoreKind.SUB
        ? Stmt.StoreKind.SUB : Stmt.StoreKind.ADD;
    for (Partial p : BackwardReads.emittedPartials(s, activity)) {
      Expr.ArrayRead adjointOf = adjointOf(operands.get(p.operand()));
      code.add(new Stmt.Store(adjointOf.array(), adjointOf.indices(),
          rule(p.template(), bindings), kind, null));
    }
    Expr zero = new Expr.Const(target.type().elementZero(), target.type().element());
    if (s instanceof Stmt.Store st) {
      if (st.kind() == Stmt.StoreKind.SET) {
        Expr.ArrayRead element = (Expr.ArrayRead) g;
        code.add(new Stmt.Store(element.array(), element.indices(), zero, Stmt.StoreKind.SET,
            null));
      }
    } else if (reassigned.contains(target) && target.type().isArray()) {
      // allocated again (in a loop): the adjoint of the fresh zeros starts from zero
      code.add(new Stmt.Zero(g));
    } else if (reassigned.contains(target)) {
      code.add(new Stmt.Assign(adjoint, zero, null));
    }
  }

  /** A rule's template bound to the values its placeholders name, in the order it names them. */
  private static Expr.Rule rule(String template, Function<String, Expr> bindings) {
    Map<String, Expr> bound = new LinkedHashMap<>();
    Template.forEachPlaceholder(template, name -> bound.computeIfAbsent(name, bindings));
    return new Expr.Rule(template, bound, Type.DOUBLE);
  }

  /** An operand as a rule's template reads it, in double arithmetic. */
  private Expr operand(Expr operand) {
    Expr bound = operand instanceof Expr.ArrayRead r
        ? hoisted.element(r.array(), r.array(), r.indices())
        : operand;
    if (operand.type().isReal()) {
      return bound;
    }
    return operand instanceof Expr.Const c && c.literal().matches("\\d+")
        ? new Expr.Const(c.literal() + ".0", Type.DOUBLE) : new Expr.Cast(Type.DOUBLE, bound);
  }

  /**
   * The adjoint of an operand, through a hoisted row when there is one; a scalar's as an
   * element with no indices, the target of a store.
   */
  private Expr.ArrayRead adjointOf(Expr operand) {
    if (operand instanceof Expr.ArrayRead r) {
      return hoisted.element(adjoints.var(r.array()), r.array(), r.indices());
    }
    Var adjoint = adjoints.var(((Expr.Ref) operand).var());
    return new Expr.ArrayRead(adjoint, List.of(), adjoint.type());
  }

  /** Puts back the values the forward sweep saved before {@code s} overwrote them. */
  private void restore(Stmt s, List<Stmt> code) {
    List<Var> saved = recording.savedBy(s);
    if (recording.isInverted(s)) {
      Expr.Binary update = (Expr.Binary) ((Stmt.Assign) s).value();
      Var target = ((Stmt.Assign) s).target();
      code.add(new Stmt.Store(target, List.of(), update.right(),
          update.op() == BinaryOp.ADD ? Stmt.StoreKind.SUB : Stmt.StoreKind.ADD, null));
      return;
    }
    if (saved.isEmpty()) {
      return;
    }
    Var local = declarations.saveLocal(s);
    if (local != null) {
      Var v = saved.get(0);
      Expr old = new Expr.Ref(local);
      code.add(s instanceof Stmt.Store st
          ? new Stmt.Store(v, st.indices(), old, Stmt.StoreKind.SET, null)
          : new Stmt.Assign(v, old, null));
      return;
    }
    String buffer = fields.saved();
    for (int i = saved.size() - 1; i >= 0; i--) {
      Var v = saved.get(i);
      if (v.type().isArray() && ForwardSweep.isAllocation(s)) {
        code.add(new Stmt.RestoreAll(buffer, new Expr.Ref(v), true));
      } else if (v.type().isArray() && !(s instanceof Stmt.Store)) {
        List<Expr> regions = recording.regions(s, v);
        for (int r = regions.size() - 1; r >= 0; r--) {
          code.add(new Stmt.RestoreAll(buffer, regions.get(r), false));
        }
      } else {
        code.add(new Stmt.Restore(buffer, overwritten(s, v)));
      }
    }
  }

  private static Expr overwritten(Stmt s, Var v) {
    return s instanceof Stmt.Store st
        ? new Expr.ArrayRead(v, st.indices(), v.type().indexed(st.indices().size()))
        : new Expr.Ref(v);
  }
}

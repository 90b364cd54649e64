package dev.tapeless.processor.reverse;

import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.BackwardReads;
import dev.tapeless.processor.analysis.FreshAdjoints;
import dev.tapeless.processor.analysis.Recording;
import dev.tapeless.processor.emit.JavaStmts;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.ExprRewriter;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Origin;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.UnaryOp;
import dev.tapeless.processor.ir.Var;
import dev.tapeless.processor.rules.Partial;
import dev.tapeless.processor.rules.RuleTerms;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The backward sweep, built as IR: statements in reverse order, each adding its partials times
 * the incoming adjoint to its operands' adjoints; branches replayed from their recorded
 * conditions; loops run backwards; overwritten values restored after their statement is
 * reversed. Passes then shape its loops ({@link #shaped}) and {@link JavaStmts} prints it.
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
  private final Function<Stmt.Block, List<Stmt>> rerun;

  /**
   * @param fresh calls whose pullback may set adjoints instead of adding to them
   * @param overwrite the local that says whether parameters' adjoints are being overwritten
   * @param rerun a checkpointed loop's body as the backward sweep runs it again
   * @param splitCalls which callees' backward sweeps may skip their argument checks
   */
  BackwardSweep(Activity activity, Recording recording, Declarations declarations,
      Adjoints adjoints, FrameFields fields, Set<Var> reassigned, NameTable names,
      FreshAdjoints fresh, String overwrite, Function<Stmt.Block, List<Stmt>> rerun,
      SplitCalls splitCalls) {
    this.rerun = rerun;
    this.activity = activity;
    this.recording = recording;
    this.declarations = declarations;
    this.adjoints = adjoints;
    this.fields = fields;
    this.reassigned = reassigned;
    this.names = names;
    this.calls = new CallReversal(activity, adjoints, fields, fresh, overwrite, splitCalls);
  }

  /**
   * The backward sweep of {@code block}, shaped by the passes over it, ready to print.
   *
   * @param zeroAtStart the scalar adjoints declared {@code = 0.0} before it
   * @param owned the one-dimensional adjoints of locals, in the frame's own buffers
   * @param ownedLocals the one-dimensional primal locals no other variable names
   */
  List<Stmt> block(Stmt.Block block, Set<Var> zeroAtStart, Set<Var> owned,
      Set<Var> ownedLocals) {
    Set<Var> unaliased = new HashSet<>(owned);
    unaliased.addAll(ownedLocals);
    return SaveCursors.apply(ZeroAdjointAdds.apply(InvariantReads.apply(
        InvariantAccumulators.apply(shaped(reverse(block)), owned, names), unaliased, names),
        zeroAtStart), names);
  }

  /**
   * The passes that give reversed counted loops the shape of hand-written kernels: loop
   * fission, then row hoisting, then length tests.
   */
  List<Stmt> shaped(List<Stmt> backward) {
    return LengthTests.apply(RowHoisting.apply(Fission.apply(backward, activity, recording),
        adjoints, names), adjoints);
  }

  /**
   * The backward sweep of {@code block} as IR, before the passes: for each statement, last
   * first, its {@link Stmt.Reversal}, headed by a comment naming it when it prints anything.
   */
  List<Stmt> reverse(Stmt.Block block) {
    List<Stmt> code = new ArrayList<>();
    List<Stmt> stmts = block.statements();
    Origin lastOrigin = null;
    for (int i = stmts.size() - 1; i >= 0; i--) {
      Stmt s = stmts.get(i);
      List<Stmt> reversed = statement(s);
      boolean commented = s instanceof Stmt.For || s instanceof Stmt.Loop;
      if (!Silent.of(reversed) && s.origin() != null && !s.origin().equals(lastOrigin)
          && (commented || !(s instanceof Stmt.If))) {
        code.add(new Stmt.Comment(SourceComments.of(s.origin())));
        lastOrigin = s.origin();
      }
      code.add(new Stmt.Reversal(s, new Stmt.Block(reversed)));
    }
    return code;
  }

  private List<Stmt> statement(Stmt s) {
    if (s instanceof Stmt.Assign || s instanceof Stmt.Store || s instanceof Stmt.Effect) {
      List<Stmt> code = new ArrayList<>();
      for (Stmt.Assign again : recording.recomputedBefore(s)) {
        code.add(new Stmt.Assign(again.target(), again.value(), null)); // see Recomputation
      }
      if (BackwardReads.derivativeCall(s) != null) {
        code.addAll(calls.reverse(s, reassigned));
      } else {
        write(s, code);
      }
      restore(s, code);
      return code;
    } else if (s instanceof Stmt.If i) {
      return replay(i);
    } else if (s instanceof Stmt.For f && f.checkpointed()) {
      return Checkpointing.backward(f, rerun.apply(f.body()), this::reverseFor, recording,
          fields, names);
    } else if (s instanceof Stmt.For f) {
      return reverseFor(f);
    } else if (s instanceof Stmt.Loop l) {
      List<Stmt> body = reverse(l.body());
      if (Silent.of(body)) {
        return body; // kept for the passes: what it would read, it reads under a condition
      }
      Var k = new Var(names.numbered("k"), Type.INT, Var.Role.INDEX);
      return List.of(new Stmt.For(k, new Expr.Ref(l.counter()), new Expr.Const("0", Type.INT),
          Stmt.Direction.DOWN_EXCLUSIVE, new Stmt.Block(body), l.origin()));
    } else if (s instanceof Stmt.Exit) {
      return List.of();
    }
    return reverse((Stmt.Block) s);
  }

  /**
   * A counted loop run backwards, kept even when its body prints nothing: the passes shape it
   * (see {@link #shaped}) and drop it then.
   */
  private List<Stmt> reverseFor(Stmt.For f) {
    List<Stmt> body = new ArrayList<>();
    for (Stmt.For fill : recording.refilledAtStart(f)) {
      body.add(refill(fill));
    }
    body.addAll(reverse(f.body()));
    return List.of(new Stmt.Reversed(f, new Stmt.Block(body), false));
  }

  /**
   * A fill run again, primal only, under an index of its own (a sweep's local could have its
   * index's name).
   */
  private Stmt refill(Stmt.For fill) {
    Var j = new Var(names.fresh(fill.index().name()), Type.INT, Var.Role.INDEX);
    Stmt.Store st = (Stmt.Store) fill.body().statements().get(0);
    Function<Expr, Expr> renamed = e -> e instanceof Expr.Ref r && r.var() == fill.index()
        ? new Expr.Ref(j) : null;
    Stmt.Store again = new Stmt.Store(st.array(), ExprRewriter.rewrite(st.indices(), renamed),
        ExprRewriter.rewrite(st.value(), renamed), st.kind(), null);
    return new Stmt.For(j, fill.first(), fill.bound(), fill.direction(),
        new Stmt.Block(List.of(again)), null);
  }

  /**
   * A branch replayed from its recorded condition. A side that prints nothing is kept beside
   * the branch, in the order it was reversed, for the passes.
   */
  private List<Stmt> replay(Stmt.If i) {
    List<Stmt> whenTrue = reverse(i.thenBlock());
    List<Stmt> whenFalse = reverse(i.elseBlock());
    List<Stmt> code = new ArrayList<>();
    if (Silent.of(whenTrue) && Silent.of(whenFalse)) {
      code.addAll(whenTrue);
      code.addAll(whenFalse);
    } else if (Silent.of(whenTrue)) {
      code.addAll(whenTrue);
      code.add(new Stmt.If(new Expr.Unary(UnaryOp.NOT, i.condition(), Type.BOOLEAN),
          new Stmt.Block(whenFalse), new Stmt.Block(List.of()), i.origin()));
    } else if (Silent.of(whenFalse)) {
      code.add(new Stmt.If(i.condition(), new Stmt.Block(whenTrue), new Stmt.Block(List.of()),
          i.origin()));
      code.addAll(whenFalse);
    } else {
      code.add(new Stmt.If(i.condition(), new Stmt.Block(whenTrue),
          new Stmt.Block(whenFalse), i.origin()));
    }
    return code;
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
      g = element(adjoint, st.indices());
      result = () -> element(target, st.indices());
      value = st.value();
    } else {
      g = new Expr.Ref(adjoint);
      result = () -> new Expr.Ref(target);
      value = ((Stmt.Assign) s).value();
    }
    List<Expr> operands = Operands.of(value);
    // Bound only when a template uses them: a row hoisted for nothing would be read with
    // indices the backward sweep has not restored (see RowHoisting).
    Function<String, Expr> bindings = name -> switch (name) {
      case "g" -> g;
      case "r" -> result.get();
      default -> RuleTerms.inDouble(operands.get(Integer.parseInt(name)));
    };
    Stmt.StoreKind kind = s instanceof Stmt.Store st && st.kind() == Stmt.StoreKind.SUB
        ? Stmt.StoreKind.SUB : Stmt.StoreKind.ADD;
    // an operand read twice gets the sum of its partials in one add (templates are written
    // to be added): rBar += tBar + -tBar adds exactly 0
    for (Map.Entry<Expr, List<Partial>> e : RuleTerms.byOperand(
        BackwardReads.emittedPartials(s, activity), operands).entrySet()) {
      Expr.ArrayRead adjointOf = adjointOf(e.getKey());
      String sum = e.getValue().stream().map(Partial::template)
          .collect(Collectors.joining(" + "));
      code.add(new Stmt.Store(adjointOf.array(), adjointOf.indices(),
          RuleTerms.bound(sum, bindings), kind, null));
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

  /** The element {@code array[indices]}. */
  private static Expr.ArrayRead element(Var array, List<Expr> indices) {
    return new Expr.ArrayRead(array, indices, array.type().indexed(indices.size()));
  }

  /** The adjoint of an operand; a scalar's as an element with no indices, a store's target. */
  private Expr.ArrayRead adjointOf(Expr operand) {
    if (operand instanceof Expr.ArrayRead r) {
      return element(adjoints.var(r.array()), r.indices());
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

package dev.tapeless.processor.reverse;

import com.palantir.javapoet.CodeBlock;
import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.BackwardReads;
import dev.tapeless.processor.analysis.FreshAdjoints;
import dev.tapeless.processor.analysis.Recording;
import dev.tapeless.processor.emit.JavaExprs;
import dev.tapeless.processor.emit.TypeNames;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Origin;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import dev.tapeless.processor.rules.Partial;
import java.util.List;
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

  CodeBlock block(Stmt.Block block) {
    CodeBlock.Builder code = CodeBlock.builder();
    List<Stmt> stmts = block.statements();
    Origin lastOrigin = null;
    for (int i = stmts.size() - 1; i >= 0; i--) {
      Stmt s = stmts.get(i);
      CodeBlock reversed = statement(s);
      if (reversed.isEmpty()) {
        continue;
      }
      boolean commented = s instanceof Stmt.For || s instanceof Stmt.Loop;
      if (s.origin() != null && !s.origin().equals(lastOrigin)
          && (commented || !(s instanceof Stmt.If))) {
        code.add("// $L\n", SourceComments.of(s.origin()));
        lastOrigin = s.origin();
      }
      code.add(reversed);
    }
    return code.build();
  }

  private CodeBlock statement(Stmt s) {
    if (s instanceof Stmt.Assign || s instanceof Stmt.Store || s instanceof Stmt.Effect) {
      CodeBlock.Builder code = CodeBlock.builder();
      for (Stmt.Assign again : recording.recomputedBefore(s)) {
        code.addStatement("$N = $L", again.target().name(), JavaExprs.write(again.value()));
      }
      if (BackwardReads.derivativeCall(s) != null) {
        code.add(calls.reverse(s, reassigned));
      } else {
        code.add(write(s));
      }
      code.add(restore(s));
      return code.build();
    } else if (s instanceof Stmt.If i) {
      return notInEveryIteration(() -> replay(i));
    } else if (s instanceof Stmt.For f && f.checkpointed()) {
      return Checkpointing.backward(f, rerun.apply(f.body()), this::reverseFor, recording,
          fields, names);
    } else if (s instanceof Stmt.For f) {
      return reverseFor(f);
    } else if (s instanceof Stmt.Loop l) {
      CodeBlock body = notInEveryIteration(() -> block(l.body()));
      if (body.isEmpty()) {
        return body;
      }
      String k = names.numbered("k");
      return CodeBlock.builder()
          .beginControlFlow("for (int $N = $N; $N > 0; $N--)", k, l.counter().name(), k, k)
          .add(body)
          .endControlFlow()
          .build();
    } else if (s instanceof Stmt.Exit) {
      return CodeBlock.of("");
    }
    return block((Stmt.Block) s);
  }

  /** Writes code that a branch or an inner while-loop guards (see {@link RowHoisting#indexed}). */
  private CodeBlock notInEveryIteration(Supplier<CodeBlock> write) {
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
  private CodeBlock reverseFor(Stmt.For f) {
    return reverseFor(f, false);
  }

  /**
   * @param anyOrder the iterations are independent (see {@link #fissionable}), so they run in
   *     the forward order, which the JIT handles best
   */
  private CodeBlock reverseFor(Stmt.For f, boolean anyOrder) {
    if (fissionable(f)) {
      CodeBlock.Builder code = CodeBlock.builder();
      List<Stmt> stmts = f.body().statements();
      for (int s = stmts.size() - 1; s >= 0; s--) {
        code.add(reverseFor(new Stmt.For(f.index(), f.first(), f.bound(), f.direction(),
            new Stmt.Block(List.of(stmts.get(s))), f.origin()), true));
      }
      return code.build();
    }
    RowHoisting rows = RowHoisting.of(f, adjoints, names);
    RowHoisting outer = hoisted;
    hoisted = rows;
    CodeBlock body;
    try {
      body = block(f.body());
    } finally {
      hoisted = outer;
    }
    if (body.isEmpty()) {
      return body;
    }
    CodeBlock lengths = lengthTest(f, rows);
    if (rows.used().isEmpty() && lengths == null) {
      return reversedLoop(f, body, anyOrder);
    }
    CodeBlock first = JavaExprs.operand(f.first());
    CodeBlock bound = JavaExprs.operand(f.bound());
    CodeBlock runs = switch (f.direction()) {
      case UP_EXCLUSIVE -> CodeBlock.of("$L < $L", first, bound);
      case UP_INCLUSIVE -> CodeBlock.of("$L <= $L", first, bound);
      case DOWN_EXCLUSIVE -> CodeBlock.of("$L > $L", first, bound);
      case DOWN_INCLUSIVE -> CodeBlock.of("$L >= $L", first, bound);
    };
    CodeBlock.Builder code = CodeBlock.builder().beginControlFlow("if ($L)", runs);
    for (RowHoisting.Row row : rows.used()) {
      code.addStatement("$T $N = $L", TypeNames.of(row.type()), row.local(), row.source());
    }
    if (lengths != null) {
      code.beginControlFlow("if ($L)", lengths)
          .addStatement("throw new $T($S)", ArrayIndexOutOfBoundsException.class,
              "index out of bounds in the backward sweep of " + SourceComments.of(f.origin()))
          .endControlFlow();
    }
    return code.add(reversedLoop(f, body, anyOrder)).endControlFlow().build();
  }

  /**
   * A test, true when an array the reversed loop indexes by its index alone is too short for
   * the loop's indices, or null when there is none. The forward sweep ran the same indices over
   * the same arrays, so the test never holds; it is there because the JIT removes the bounds
   * checks inside a loop when a test before it has established them, and not always otherwise
   * (a C2 loop with the sweep's shape kept two bounds checks per element without it, at twice
   * the cost). Loops that may be left early are not tested.
   */
  private static CodeBlock lengthTest(Stmt.For f, RowHoisting rows) {
    if (rows.indexed().isEmpty()
        || Statements.all(f.body()).stream().anyMatch(s -> s instanceof Stmt.Exit)) {
      return null;
    }
    CodeBlock first = JavaExprs.operand(f.first());
    CodeBlock bound = JavaExprs.operand(f.bound());
    // The largest index and the smallest, for each direction.
    CodeBlock tooShort = switch (f.direction()) {
      case UP_EXCLUSIVE -> CodeBlock.of("< $L", bound);
      case UP_INCLUSIVE -> CodeBlock.of("<= $L", bound);
      case DOWN_EXCLUSIVE, DOWN_INCLUSIVE -> CodeBlock.of("<= $L", first);
    };
    Expr smallest = f.direction().up() ? f.first() : f.bound();
    CodeBlock.Builder test = CodeBlock.builder();
    if (!(smallest instanceof Expr.Const c && c.literal().matches("\\d+"))) {
      test.add(f.direction() == Stmt.Direction.DOWN_EXCLUSIVE ? "$L < -1 || " : "$L < 0 || ",
          JavaExprs.operand(smallest));
    }
    String separator = "";
    for (String array : rows.indexed()) {
      if (f.direction() == Stmt.Direction.UP_EXCLUSIVE && f.bound() instanceof Expr.Length l
          && l.array() instanceof Expr.Ref r && r.var().name().equals(array)) {
        continue; // the loop runs over this array's length
      }
      test.add("$L$N.length $L", separator, array, tooShort);
      separator = " || ";
    }
    return separator.isEmpty() ? null : test.build();
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

  private static CodeBlock reversedLoop(Stmt.For f, CodeBlock body, boolean anyOrder) {
    String i = f.index().name();
    CodeBlock first = JavaExprs.operand(f.first());
    CodeBlock bound = JavaExprs.operand(f.bound());
    CodeBlock.Builder code = CodeBlock.builder();
    if (anyOrder) {
      return code.beginControlFlow("for (int $N = $L; $N $L $L; $N$L)", i,
              JavaExprs.write(f.first()), i, f.direction().comparison(),
              JavaExprs.write(f.bound()), i, f.direction().step())
          .add(body).endControlFlow().build();
    }
    switch (f.direction()) {
      case UP_EXCLUSIVE -> code.beginControlFlow("for (int $N = $L - 1; $N >= $L; $N--)",
          i, bound, i, first, i);
      case UP_INCLUSIVE -> code.beginControlFlow("for (int $N = $L; $N >= $L; $N--)",
          i, bound, i, first, i);
      case DOWN_EXCLUSIVE -> code.beginControlFlow("for (int $N = $L + 1; $N <= $L; $N++)",
          i, bound, i, first, i);
      case DOWN_INCLUSIVE -> code.beginControlFlow("for (int $N = $L; $N <= $L; $N++)",
          i, bound, i, first, i);
    }
    return code.add(body).endControlFlow().build();
  }

  private CodeBlock replay(Stmt.If i) {
    CodeBlock whenTrue = block(i.thenBlock());
    CodeBlock whenFalse = block(i.elseBlock());
    if (whenTrue.isEmpty() && whenFalse.isEmpty()) {
      return CodeBlock.of("");
    }
    CodeBlock.Builder code = CodeBlock.builder();
    if (whenTrue.isEmpty()) {
      code.beginControlFlow("if (!$L)", JavaExprs.operand(i.condition()));
      code.add(whenFalse);
    } else {
      code.beginControlFlow("if ($L)", JavaExprs.write(i.condition()));
      code.add(whenTrue);
      if (!whenFalse.isEmpty()) {
        code.nextControlFlow("else");
        code.add(whenFalse);
      }
    }
    return code.endControlFlow().build();
  }

  /** Reverses an assignment or store of a non-call value. */
  private CodeBlock write(Stmt s) {
    CodeBlock.Builder code = CodeBlock.builder();
    Var target = Statements.written(s);
    if (target == null || !adjoints.has(target)) {
      return code.build();
    }
    CodeBlock g;
    Supplier<CodeBlock> result;
    Expr value;
    if (s instanceof Stmt.Store st) {
      g = hoisted.element(adjoints.of(target), target, st.indices());
      result = () -> hoisted.element(target.name(), target, st.indices());
      value = st.value();
    } else {
      g = CodeBlock.of("$N", adjoints.of(target));
      result = () -> CodeBlock.of("$N", target.name());
      value = ((Stmt.Assign) s).value();
    }
    List<Expr> operands = Operands.of(value);
    // Bound only when a template uses them: a row hoisted for nothing would be read with
    // indices the backward sweep has not restored.
    Function<String, CodeBlock> bindings = name -> switch (name) {
      case "g" -> g;
      case "r" -> result.get();
      default -> operand(operands.get(Integer.parseInt(name)));
    };
    boolean subtract = s instanceof Stmt.Store st && st.kind() == Stmt.StoreKind.SUB;
    for (Partial p : BackwardReads.emittedPartials(s, activity)) {
      code.addStatement("$L $L $L", adjointOf(operands.get(p.operand())),
          subtract ? "-=" : "+=", RuleWriter.render(p.template(), bindings));
    }
    if (s instanceof Stmt.Store st) {
      if (st.kind() == Stmt.StoreKind.SET) {
        code.addStatement("$L = $L", g, target.type().elementZero());
      }
    } else if (reassigned.contains(target) && target.type().isArray()) {
      // allocated again (in a loop): the adjoint of the fresh zeros starts from zero
      code.addStatement("$T.fill($L, 0)", FrameFields.BUFFERS, g);
    } else if (reassigned.contains(target)) {
      code.addStatement("$L = $L", g, target.type().elementZero());
    }
    return code.build();
  }

  /** An operand as a rule's template reads it, in double arithmetic. */
  private CodeBlock operand(Expr operand) {
    CodeBlock bound = operand instanceof Expr.ArrayRead r
        ? hoisted.element(r.array().name(), r.array(), r.indices())
        : JavaExprs.operand(operand);
    return RuleWriter.promoted(operand, bound);
  }

  /** The adjoint of an operand, through a hoisted row when there is one. */
  private CodeBlock adjointOf(Expr operand) {
    return operand instanceof Expr.ArrayRead r
        ? hoisted.element(adjoints.of(r.array()), r.array(), r.indices())
        : adjoints.of(operand);
  }

  /** Puts back the values the forward sweep saved before {@code s} overwrote them. */
  private CodeBlock restore(Stmt s) {
    List<Var> saved = recording.savedBy(s);
    CodeBlock.Builder code = CodeBlock.builder();
    if (recording.isInverted(s)) {
      Expr.Binary update = (Expr.Binary) ((Stmt.Assign) s).value();
      String name = ((Stmt.Assign) s).target().name();
      return code.addStatement("$N $L $L", name,
          update.op() == BinaryOp.ADD ? "-=" : "+=",
          JavaExprs.write(update.right())).build();
    }
    if (saved.isEmpty()) {
      return code.build();
    }
    Var local = declarations.saveLocal(s);
    if (local != null) {
      code.addStatement("$L = $N", overwritten(s, saved.get(0)), local.name());
      return code.build();
    }
    String buffer = fields.saved();
    for (int i = saved.size() - 1; i >= 0; i--) {
      Var v = saved.get(i);
      if (v.type().isArray() && ForwardSweep.isAllocation(s)) {
        code.beginControlFlow("if (this.$N.popBoolean())", buffer);
        code.addStatement("this.$N.popAll($N)", buffer, v.name());
        code.endControlFlow();
      } else if (v.type().isArray() && !(s instanceof Stmt.Store)) {
        List<Expr> regions = recording.regions(s, v);
        for (int r = regions.size() - 1; r >= 0; r--) {
          code.addStatement("this.$N.popAll($L)", buffer, JavaExprs.write(regions.get(r)));
        }
      } else {
        Type element = Type.scalar(v.type().kind());
        String cast = switch (element.kind()) {
          case SHORT, BYTE, CHAR -> "(" + element.javaName() + ") ";
          default -> "";
        };
        code.addStatement("$L = $Lthis.$N.$L()", overwritten(s, v), cast, buffer,
            ForwardSweep.pop(element));
      }
    }
    return code.build();
  }

  private static CodeBlock overwritten(Stmt s, Var v) {
    return s instanceof Stmt.Store st ? JavaExprs.element(v.name(), st.indices())
        : CodeBlock.of("$N", v.name());
  }
}

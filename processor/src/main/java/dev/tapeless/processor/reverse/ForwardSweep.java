package dev.tapeless.processor.reverse;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.tapeless.processor.emit.TypeNames;
import dev.tapeless.processor.analysis.Recording;
import dev.tapeless.processor.emit.GradClassWriter;
import dev.tapeless.processor.emit.JavaExprs;
import dev.tapeless.processor.emit.JavaStmts;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.List;
import java.util.Set;

/**
 * The forward sweep: the user's computation in three-address form, saving values that will be
 * overwritten before the backward sweep reads them.
 */
public final class ForwardSweep {
  private final Declarations declarations;
  private final Recording recording;
  private final FrameFields fields;
  private final boolean saving;
  private final Set<Stmt> splitCalls;
  private final Tangents tangents;
  /** Whether {@code @Checkpoint} loops run in segments, copying their state (see below). */
  private boolean checkpointing;
  private final CodeBlock.Builder code = CodeBlock.builder();

  /**
   * What forward mode adds to the computation: the tangent of each statement that writes a
   * variable with one.
   */
  public interface Tangents {
    /**
     * Writes {@code s} together with its tangent, or returns false to have the sweep write the
     * statement alone.
     *
     * @param declared {@code "double "} when the statement declares its target, else empty
     */
    boolean write(Stmt s, String declared, CodeBlock.Builder code);

    /** Runs after the sweep wrote {@code s} alone: the tangent buffer of an array local. */
    void after(Stmt s, CodeBlock.Builder code);
  }

  private ForwardSweep(Declarations declarations, Recording recording, FrameFields fields,
      boolean saving, Set<Stmt> splitCalls, Tangents tangents) {
    this.declarations = declarations;
    this.recording = recording;
    this.fields = fields;
    this.saving = saving;
    this.splitCalls = splitCalls;
    this.tangents = tangents;
  }

  /**
   * The forward sweep; with {@code saving} false, just the computation (the frame's
   * {@code primal}), still using the frame's buffers.
   */
  static CodeBlock write(Stmt.Block body, Declarations declarations, Recording recording,
      FrameFields fields, boolean saving, Set<Stmt> splitCalls) {
    return write(body, declarations, recording, fields, saving, splitCalls, null);
  }

  /**
   * The forward sweep of {@code backpropagate} and {@code $splitForward}: as {@link #write}, but
   * with {@code checkpoints} each {@code @Checkpoint} loop runs without saving and copies its
   * state at the start of each segment instead (see {@link Checkpointing}); only when a backward
   * sweep will take those copies off the save buffer again.
   */
  static CodeBlock writeCheckpointed(Stmt.Block body, Declarations declarations,
      Recording recording, FrameFields fields, Set<Stmt> splitCalls, boolean checkpoints) {
    ForwardSweep sweep = new ForwardSweep(declarations, recording, fields, true, splitCalls,
        null);
    sweep.checkpointing = checkpoints;
    for (Var v : declarations.hoisted()) {
      sweep.code.addStatement("$L $N = $L", v.type().javaName(), v.name(), v.type().zeroLiteral());
    }
    sweep.block(body);
    return sweep.code.build();
  }

  /**
   * A checkpointed loop's body as the backward sweep runs it again for one segment: saving, as
   * the forward sweep of an ordinary loop does.
   */
  static CodeBlock rerun(Stmt.Block body, Declarations declarations, Recording recording,
      FrameFields fields, Set<Stmt> splitCalls) {
    ForwardSweep sweep = new ForwardSweep(declarations, recording, fields, true, splitCalls,
        null);
    sweep.block(body);
    return sweep.code.build();
  }

  /** The computation with its tangents, for forward mode; nothing is saved. */
  public static CodeBlock withTangents(Stmt.Block body, Declarations declarations,
      Recording recording, FrameFields fields, Tangents tangents) {
    return write(body, declarations, recording, fields, false, Set.of(), tangents);
  }

  private static CodeBlock write(Stmt.Block body, Declarations declarations,
      Recording recording, FrameFields fields, boolean saving, Set<Stmt> splitCalls,
      Tangents tangents) {
    ForwardSweep sweep = new ForwardSweep(declarations, recording, fields, saving, splitCalls,
        tangents);
    for (Var v : declarations.hoisted()) {
      sweep.code.addStatement("$L $N = $L", v.type().javaName(), v.name(), v.type().zeroLiteral());
    }
    sweep.block(body);
    return sweep.code.build();
  }

  private void block(Stmt.Block block) {
    for (Stmt s : block.statements()) {
      statement(s);
    }
  }

  private void statement(Stmt s) {
    if (tangents != null && (s instanceof Stmt.Assign || s instanceof Stmt.Store
        || s instanceof Stmt.Effect)) {
      String declared = s instanceof Stmt.Assign a && declarations.declaresTarget(a)
          ? a.target().type().javaName() + " " : "";
      if (!tangents.write(s, declared, code)) {
        primalStatement(s);
        tangents.after(s, code);
      }
      return;
    }
    primalStatement(s);
  }

  private void primalStatement(Stmt s) {
    if (s instanceof Stmt.Assign a) {
      save(s);
      String declared = declarations.declaresTarget(a) ? a.target().type().javaName() + " " : "";
      if (a.value() instanceof Expr.NewArray n) {
        String buffer = fields.buffer(a.target().name() + "Buffer",
            TypeNames.of(a.target().type()));
        CodeBlock.Builder dims = CodeBlock.builder();
        for (Expr d : n.dimensions()) {
          dims.add(", $L", JavaExprs.write(d));
        }
        if (saving && recording.savedBy(s).contains(a.target())) {
          // created again in a loop, its contents restored later: the shape must stay
          code.addStatement("$L$N = this.$N = $T.zerosAgain(this.$N, $N, $S$L)", declared,
              a.target().name(), buffer, FrameFields.BUFFERS, buffer, a.target().name(),
              a.target().name(), dims.build());
        } else {
          code.addStatement("$L$N = this.$N = $T.zeros(this.$N$L)", declared,
              a.target().name(), buffer, FrameFields.BUFFERS, buffer, dims.build());
        }
      } else {
        code.addStatement("$L$N = $L", declared, a.target().name(), value(s, a.value()));
      }
    } else if (s instanceof Stmt.Store st) {
      save(s);
      code.addStatement("$L $L $L", JavaExprs.element(st.array().name(), st.indices()),
          st.kind().symbol(), JavaExprs.write(st.value()));
    } else if (s instanceof Stmt.Effect e) {
      save(s);
      code.addStatement("$L", value(s, e.call()));
    } else if (s instanceof Stmt.If i) {
      if (isExitTest(i)) {
        code.beginControlFlow("if (!$L)", JavaExprs.operand(i.condition()));
        code.addStatement("break");
        code.endControlFlow();
        block(i.thenBlock());
        return;
      }
      code.beginControlFlow("if ($L)", JavaExprs.write(i.condition()));
      block(i.thenBlock());
      if (!i.elseBlock().statements().isEmpty()) {
        code.nextControlFlow("else");
        block(i.elseBlock());
      }
      code.endControlFlow();
    } else if (s instanceof Stmt.For f && f.checkpointed() && checkpointing) {
      ForwardSweep plain = new ForwardSweep(declarations, recording, fields, false, Set.of(),
          null);
      plain.block(f.body());
      code.add(Checkpointing.forward(f, plain.code.build(), recording, fields,
          declarations.names()));
    } else if (s instanceof Stmt.For f) {
      code.beginControlFlow("for (int $N = $L; $N $L $L; $N$L)", f.index().name(),
          JavaExprs.write(f.first()), f.index().name(), f.direction().comparison(),
          JavaExprs.write(f.bound()), f.index().name(), f.direction().step());
      block(f.body());
      code.endControlFlow();
    } else if (s instanceof Stmt.Loop l) {
      code.beginControlFlow("while (true)");
      block(l.body());
      code.endControlFlow();
    } else if (s instanceof Stmt.Exit) {
      code.addStatement("break");
    } else {
      block((Stmt.Block) s);
    }
  }

  /**
   * A value; a call to another differentiable method runs on that method's frame, whose buffers
   * make it allocation-free even when the method has array locals.
   */
  private CodeBlock value(Stmt s, Expr e) {
    if (e instanceof Expr.Call c && c.callee() instanceof Callee.Differentiable d) {
      CodeBlock.Builder args = CodeBlock.builder();
      for (int i = 0; i < c.args().size(); i++) {
        args.add(i == 0 ? "$L" : ", $L", JavaExprs.write(c.args().get(i)));
      }
      return CodeBlock.of("this.$N.$L($L)", fields.calleeFrame(d),
          splitCalls.contains(s) ? GradClassWriter.SPLIT_FORWARD : GradClassWriter.PRIMAL, args.build());
    }
    return JavaExprs.write(e);
  }

  /** {@code if (c) {rest} else {break}}, which reads better as {@code if (!c) break; rest}. */
  static boolean isExitTest(Stmt.If i) {
    List<Stmt> e = i.elseBlock().statements();
    return e.size() == 1 && e.get(0) instanceof Stmt.Exit;
  }

  /** Saves the values {@code s} is about to overwrite, when the backward sweep needs them. */
  private void save(Stmt s) {
    List<Var> saved = recording.savedBy(s);
    if (saved.isEmpty() || !saving) {
      return;
    }
    Var local = declarations.saveLocal(s);
    if (local != null) {
      CodeBlock old = s instanceof Stmt.Store st
          ? JavaExprs.element(st.array().name(), st.indices()) : CodeBlock.of("$N", saved.get(0).name());
      code.addStatement("$L$N = $L",
          declarations.declaresSave(s) ? local.type().javaName() + " " : "", local.name(), old);
      return;
    }
    String buffer = fields.saved();
    for (Var v : saved) {
      if (s instanceof Stmt.Store st) {
        code.addStatement("this.$N.$L($L)", buffer, push(v.type()),
            JavaExprs.element(st.array().name(), st.indices()));
      } else if (v.type().isArray() && isAllocation(s)) {
        // allocated again in a loop: its contents from the last iteration, none the first time
        code.beginControlFlow("if ($N != null)", v.name());
        code.addStatement("this.$N.pushAll($N)", buffer, v.name());
        code.endControlFlow();
        code.addStatement("this.$N.pushBoolean($N != null)", buffer, v.name());
      } else if (v.type().isArray()) {
        for (Expr region : recording.regions(s, v)) {
          code.addStatement("this.$N.pushAll($L)", buffer, JavaExprs.write(region));
        }
      } else {
        code.addStatement("this.$N.$L($N)", buffer, push(v.type()), v.name());
      }
    }
  }

  /** {@code a = new double[n]}: an array local's allocation, which zeroes its buffer. */
  static boolean isAllocation(Stmt s) {
    return s instanceof Stmt.Assign a && a.value() instanceof Expr.NewArray;
  }

  static String push(Type t) {
    return JavaStmts.push(t);
  }

  static String pop(Type t) {
    return JavaStmts.pop(t);
  }
}

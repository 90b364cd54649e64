package dev.tapeless.processor.reverse;

import static dev.tapeless.processor.reverse.RuntimeIr.ALIASING;
import static dev.tapeless.processor.reverse.RuntimeIr.SHAPES;
import static dev.tapeless.processor.reverse.RuntimeIr.buffers;
import static dev.tapeless.processor.reverse.RuntimeIr.string;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.tapeless.processor.emit.TypeNames;
import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.Dependencies;
import dev.tapeless.processor.analysis.FreshAdjoints;
import dev.tapeless.processor.analysis.Recording;
import dev.tapeless.processor.analysis.UnaliasedLocals;
import dev.tapeless.processor.emit.FrameSpec;
import dev.tapeless.processor.emit.GradClassWriter;
import dev.tapeless.processor.emit.JavaStmts;
import dev.tapeless.processor.frontend.DifferentiableSignature;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.UnaryOp;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse mode for one method: the body of the frame's {@code backpropagate}, a forward sweep
 * followed by the backward sweep, and of {@code splitBackward}, which restores what
 * {@code splitForward} saved. The backward sweep is one private method that both call
 * ({@link #backwardSweep}), given the primal locals the forward sweep left; second order's
 * {@code hvp} keeps its backward sweep in the same method as its forward sweep.
 *
 * @param code the method body, ending in {@code return} when the method returns a value
 * @param primal the body of {@code primal}: the forward computation alone
 * @param splitForward the forward sweep for a caller, ending by saving what the backward needs
 * @param splitBackward the backward sweep for a caller, starting by restoring that
 * @param backwardSweep the method holding the backward sweep, which {@code code} and
 *     {@code splitBackward} call; null when {@code code} holds it (second order) or there is
 *     none (no adjoints)
 * @param startOverwrite what {@code valueAndGradient} runs before the sweeps (see
 *     {@link FreshAdjoints})
 * @param endOverwrite what it runs after them
 * @param fields private fields the body uses; forward mode adds its own
 * @param declarations where the sweeps declare the method's locals
 * @param names the names the frame's generated code uses
 * @param frame the name of the parameter holding the user's frame (its {@code d*} fields)
 * @param resultSeed the name of the {@code double} parameter seeding the result's adjoint
 * @param outputSeeds the names of the parameters seeding the {@code @Out} arrays' adjoints
 * @param checkParameter the name of the split sweeps' flag that runs the arguments' shape and
 *     aliasing checks (false when the caller's generated code proved them at compile time)
 */
public record GradientBody(CodeBlock code, CodeBlock primal, CodeBlock splitForward,
    CodeBlock splitBackward, FrameSpec.BackwardSweep backwardSweep, CodeBlock startOverwrite,
    CodeBlock endOverwrite, FrameFields fields, Declarations declarations, NameTable names,
    String frame, String resultSeed, List<String> outputSeeds, String checkParameter) {

  /** The name of the sweeps' method holding the backward sweep. */
  static final String BACKWARD_SWEEP = "backwardSweep";

  public static GradientBody of(DifferentiableSignature sig, IrMethod method, Activity activity,
      Recording recording) {
    return of(sig, method, activity, recording, method.result(),
        new FrameFields(new HashSet<>()), true);
  }

  /**
   * Reverse mode of a method the processor made (second order's tangent program): the frame's
   * {@code value} is set to {@code reported}, and the private fields are {@code fields}, those
   * of the frame's own sweeps, so that both keep one record of the adjoint arrays the frame
   * allocated and share their buffers (the sweeps never run at the same time). Its backward
   * sweep stays in {@link #code}: only {@code hvp} runs it.
   */
  public static GradientBody of(DifferentiableSignature sig, IrMethod method, Activity activity,
      Recording recording, Var reported, FrameFields fields) {
    return of(sig, method, activity, recording, reported, fields, false);
  }

  private static GradientBody of(DifferentiableSignature sig, IrMethod method,
      Activity activity, Recording recording, Var reported, FrameFields fields,
      boolean ownMethod) {
    NameTable names = new NameTable(method.usedNames());
    String self = names.fresh("frame");
    String resultSeed = sig.returnsReal() ? names.fresh("dResult") : null;
    List<String> outputSeeds = new ArrayList<>();
    for (Callee.Param p : sig.params()) {
      if (p.out()) {
        outputSeeds.add(names.fresh("d" + p.name()));
      }
    }
    String frameName = sig.gradSimpleName() + "." + sig.frameSimpleName();
    Var check = new Var(names.fresh("check"), Type.BOOLEAN, Var.Role.PARAMETER);
    Declarations declarations = Declarations.plan(method.body(), recording, names);
    List<Var> active = activeInOrder(method, activity);
    Adjoints adjoints = new Adjoints(active, names);

    SplitCalls splitCalls = SplitCalls.of(method, sig, activity);
    FreshAdjoints fresh = FreshAdjoints.of(method.body(), activity, outputParameters(sig, method));
    boolean overwrites = !fresh.assignedParameters().isEmpty();
    String overwrite = names.fresh("overwrite");
    String overwriting = overwrites ? fields.flag("overwriting") : null;
    // without adjoints no backward sweep runs to take checkpoints off the save buffer
    CodeBlock forward = ForwardSweep.writeCheckpointed(method.body(), declarations, recording,
        fields, splitCalls, !active.isEmpty(), names);
    Var frame = new Var(self, Type.object(sig.frameSimpleName()), Var.Role.PARAMETER);
    Var overwriteVar = new Var(overwrite, Type.BOOLEAN, Var.Role.LOCAL);
    List<Stmt> prologue = new ArrayList<>();
    if (overwrites) {
      Expr.Field flag = new Expr.Field(null, overwriting, List.of(), Type.BOOLEAN);
      prologue.add(new Stmt.Declare(overwriteVar, flag));
      prologue.add(new Stmt.SetField(flag, new Expr.Const("false", Type.BOOLEAN)));
    }
    prologue.addAll(adjointShapes(sig, method, frame, frameName, fields));
    prologue.addAll(outputChecks(sig, method, frameName, outputSeeds));
    prologue.add(new Stmt.Comment("forward sweep"));
    CodeBlock.Builder code = CodeBlock.builder().add(JavaStmts.write(prologue));
    code.add(forward);
    CodeBlock.Builder primal = CodeBlock.builder()
        .add(ForwardSweep.write(method.body(), declarations, recording, fields, false,
            SplitCalls.NONE));
    if (sig.returnsReal()) {
      primal.addStatement("return $N", method.result().name());
    }
    Var result = method.result();
    List<Stmt> middle = new ArrayList<>();
    if (sig.returnsReal()) {
      middle.add(new Stmt.SetField(new Expr.Member(frame, "value", Type.DOUBLE),
          new Expr.Ref(reported)));
    }
    Map<Var, String> snapshots = snapshotOutputs(sig, method, recording, splitCalls, fields,
        middle);
    code.add(JavaStmts.write(middle));
    SplitState state = SplitState.of(method, declarations, fields);
    List<Stmt> splitPrologue = new ArrayList<>();
    if (overwrites && !ownMethod) {
      splitPrologue.add(new Stmt.Declare(overwriteVar, new Expr.Const("false", Type.BOOLEAN)));
    }
    List<Stmt> checks = new ArrayList<>(adjointShapes(sig, method, frame, frameName, fields));
    checks.addAll(outputChecks(sig, method, frameName, outputSeeds));
    splitPrologue.addAll(onlyIf(check, checks));
    CodeBlock.Builder splitBackward = CodeBlock.builder();
    FrameSpec.BackwardSweep backwardSweep = null;
    List<Stmt> forwardSaves = state.save();
    if (active.isEmpty()) {
      // nothing to reverse; splitBackward still takes splitForward's state off the buffer
      splitPrologue.addAll(state.restore());
      splitBackward.add(JavaStmts.write(splitPrologue));
    } else {
      List<Stmt> backwardIr = backward(sig, method, activity, recording, frame, declarations,
          active, adjoints, fresh, overwrite, splitCalls, fields, names, resultSeed,
          outputSeeds);
      CodeBlock backward = JavaStmts.write(backwardIr);
      // what the backward sweep reads of the forward sweep's locals before assigning them
      // is all it needs of them when the two run apart
      EntryReads.Uses uses = EntryReads.of(backwardIr);
      SplitState needed = state.keeping(uses);
      List<Stmt> declaredOutside = state.declaredOutside(uses);
      if (!ownMethod) {
        forwardSaves = needed.save();
        code.add(JavaStmts.write(List.of(BLANK))).add(backward);
        splitPrologue.addAll(needed.restore());
        splitPrologue.addAll(declaredOutside);
        splitBackward.add(JavaStmts.write(splitPrologue))
            .add(JavaStmts.write(separated(splitPrologue))).add(backward);
      } else {
        List<Var> passed = BackwardSweepArguments.passed(sig, method, overwrites,
            needed.locals());
        SplitState.Parts parts = needed.split(passed);
        forwardSaves = parts.save();
        List<Stmt> restored = new ArrayList<>(parts.spilled().restore());
        boolean restores = !restored.isEmpty();
        restored.addAll(declaredOutside);
        backwardSweep = new FrameSpec.BackwardSweep(BACKWARD_SWEEP,
            overwrites ? overwrite : null, passed, restores,
            CodeBlock.builder().add(JavaStmts.write(restored))
                .add(JavaStmts.write(separated(restored))).add(backward).build());
        List<Stmt> call = new ArrayList<>(List.of(BLANK));
        call.addAll(parts.spilled().save());
        call.add(backwardCall(sig, method, frame, resultSeed, outputSeeds,
            overwrites ? new Expr.Ref(overwriteVar) : null, passed));
        code.add(JavaStmts.write(call));
        splitPrologue.addAll(parts.passed().restore());
        splitPrologue.addAll(separated(splitPrologue));
        splitPrologue.add(backwardCall(sig, method, frame, resultSeed, outputSeeds,
            overwrites ? new Expr.Const("false", Type.BOOLEAN) : null, passed));
        splitBackward.add(JavaStmts.write(splitPrologue));
      }
    }
    List<Stmt> copies = new ArrayList<>();
    snapshots.forEach((out, buffer) -> copies.add(new Stmt.Run(buffers("copy",
        new Expr.Field(null, buffer, List.of(), out.type()), new Expr.Ref(out)))));
    code.add(JavaStmts.write(copies));
    if (sig.returnsReal()) {
      code.addStatement("return $N.value", self);
    }
    CodeBlock.Builder splitForward = CodeBlock.builder()
        .add(JavaStmts.write(onlyIf(check, outputChecks(sig, method, frameName, List.of()))));
    splitForward.add(forward).add(JavaStmts.write(forwardSaves));
    if (sig.returnsReal()) {
      splitForward.addStatement("return $N", result.name());
    }
    CodeBlock.Builder start = CodeBlock.builder();
    for (int i = 0; i < method.parameters().size(); i++) {
      Callee.Param p = sig.params().get(i);
      if (p.differentiated()
          && !fresh.assignedParameters().contains(method.parameters().get(i))) {
        start.add(GradClassWriter.zeroAdjoint(self, p));
      }
    }
    CodeBlock.Builder end = CodeBlock.builder();
    if (overwrites) {
      start.addStatement("this.$N = true", overwriting);
      end.addStatement("this.$N = false", overwriting);
    }
    return new GradientBody(code.build(), primal.build(), splitForward.build(),
        splitBackward.build(), backwardSweep, start.build(), end.build(), fields, declarations,
        names, self, resultSeed, outputSeeds, check.name());
  }

  /** {@code statements} run only when {@code flag} is true (nothing when there are none). */
  private static List<Stmt> onlyIf(Var flag, List<Stmt> statements) {
    return statements.isEmpty() ? List.of() : List.of(new Stmt.If(new Expr.Ref(flag),
        new Stmt.Block(statements), new Stmt.Block(List.of()), null));
  }

  /**
   * The one-dimensional adjoints declared in buffers of the frame's own (locals', and those of
   * parameters without a derivative): arrays no other variable names.
   */
  private static Set<Var> ownedAdjoints(List<Stmt> declarations) {
    Set<Var> owned = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Stmt s : declarations) {
      if (s instanceof Stmt.Declare d && d.value() instanceof Expr.ZerosLike
          && d.var().type().dims() == 1 && !d.var().type().isList()) {
        owned.add(d.var());
      }
    }
    return owned;
  }

  /**
   * The backward sweep: the adjoints declared (the result's from its seed), the method's
   * statements reversed, and the adjoints of scalar parameters added to the frame's fields.
   */
  private static List<Stmt> backward(DifferentiableSignature sig, IrMethod method,
      Activity activity, Recording recording, Var frame, Declarations declarations,
      List<Var> active, Adjoints adjoints, FreshAdjoints fresh, String overwrite,
      SplitCalls splitCalls, FrameFields fields, NameTable names, String resultSeed,
      List<String> outputSeeds) {
    List<Stmt> code = new ArrayList<>();
    List<Stmt> opening = new ArrayList<>();
    opening.add(new Stmt.Comment("backward sweep"));
    if (savesToBuffer(method, recording, declarations) && !checkpointed(method)) {
      // everything saved is on the stacks: shrink them if an unusually long call grew them
      opening.add(new Stmt.Run(new Expr.FrameCall(fields.saved(), "settle", List.of(), null)));
    }
    opening.addAll(declareAdjoints(sig, method, frame, active, adjoints, resultSeed,
        outputSeeds, fields));
    code.addAll(opening);
    BackwardSweep sweep = new BackwardSweep(activity, recording, declarations, adjoints,
        fields, reassigned(method, declarations), names, fresh, overwrite,
        body -> ForwardSweep.saving(body, declarations, recording, fields, splitCalls),
        splitCalls);
    Set<Var> zeroAtStart = new HashSet<>();
    for (Var v : active) {
      if (v != method.result() && !v.type().isArray()) {
        zeroAtStart.add(adjoints.var(v));
      }
    }
    code.addAll(sweep.block(method.body(), zeroAtStart, ownedAdjoints(opening),
        UnaliasedLocals.of(method)));
    List<Stmt> closing = new ArrayList<>();
    for (int i = 0; i < method.parameters().size(); i++) {
      Var p = method.parameters().get(i);
      if (sig.params().get(i).differentiated() && !p.type().isArray() && adjoints.has(p)) {
        closing.add(new Stmt.SetField(new Expr.Member(frame, sig.params().get(i).adjoint(),
            p.type()), new Expr.Ref(adjoints.var(p)), Stmt.StoreKind.ADD));
      }
    }
    code.addAll(closing);
    return code;
  }

  /** An empty line, between the forward sweep and the backward sweep. */
  private static final Stmt BLANK = new Stmt.Comment("");

  /** An empty line after {@code before}, unless there is nothing before. */
  private static List<Stmt> separated(List<Stmt> before) {
    return before.isEmpty() ? List.of() : List.of(BLANK);
  }

  /**
   * {@code this.backwardSweep(frame, parameters..., seeds..., overwrite, locals...)}, with
   * {@code overwrite} left out when null.
   */
  private static Stmt backwardCall(DifferentiableSignature sig, IrMethod method, Var frame,
      String resultSeed, List<String> outputSeeds, Expr overwrite, List<Var> locals) {
    List<Expr> args = new ArrayList<>();
    args.add(new Expr.Ref(frame));
    for (Var p : method.parameters()) {
      args.add(new Expr.Ref(p));
    }
    if (sig.returnsReal()) {
      Type seed = method.result().type();
      args.add(new Expr.Ref(new Var(resultSeed, seed, Var.Role.PARAMETER)));
    }
    int k = 0;
    for (int i = 0; i < method.parameters().size(); i++) {
      if (sig.params().get(i).out()) {
        args.add(new Expr.Ref(new Var(outputSeeds.get(k++), method.parameters().get(i).type(),
            Var.Role.PARAMETER)));
      }
    }
    if (overwrite != null) {
      args.add(overwrite);
    }
    for (Var v : locals) {
      args.add(new Expr.Ref(v));
    }
    return new Stmt.Run(new Expr.FrameCall(null, BACKWARD_SWEEP, args, null));
  }


  /** The {@code @Out} parameters, whose adjoints start as the caller's seeds. */
  private static Set<Var> outputParameters(DifferentiableSignature sig, IrMethod method) {
    Set<Var> out = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < method.parameters().size(); i++) {
      if (sig.params().get(i).out()) {
        out.add(method.parameters().get(i));
      }
    }
    return out;
  }

  /**
   * The backward sweep restores overwritten elements, and for an {@code @Out} array that would
   * leave its incoming contents (so does a callee's backward sweep for an output it is handed);
   * a copy taken after the forward sweep puts the outputs back.
   */
  private static Map<Var, String> snapshotOutputs(DifferentiableSignature sig, IrMethod method,
      Recording recording, SplitCalls splitCalls, FrameFields fields, List<Stmt> code) {
    Map<Var, String> snapshots = new java.util.LinkedHashMap<>();
    for (int i = 0; i < method.parameters().size(); i++) {
      Var p = method.parameters().get(i);
      if (!sig.params().get(i).out()) {
        continue;
      }
      boolean restored = Statements.all(method.body()).stream()
          .anyMatch(s -> recording.savedBy(s).contains(p)
              || splitCalls.contains(s) && Dependencies.of(s).written().contains(p))
          || writtenInCheckpointedLoop(method, p);
      if (restored) {
        String buffer = fields.buffer(p.name() + "Outputs", arrayClass(p));
        code.add(new Stmt.Run(new Expr.ZerosLike(buffer, new Expr.Ref(p))));
        code.add(new Stmt.Run(buffers("copy", new Expr.Ref(p),
            new Expr.Field(null, buffer, List.of(), p.type()))));
        snapshots.put(p, buffer);
      }
    }
    return snapshots;
  }

  /**
   * Whether a {@code @Checkpoint} loop writes {@code out}: its backward sweep puts each segment's
   * starting state back and runs the segment again, which leaves the array as the replays left
   * it, not as the forward sweep did.
   */
  private static boolean writtenInCheckpointedLoop(IrMethod method, Var out) {
    return Statements.all(method.body()).stream()
        .filter(s -> s instanceof Stmt.For f && f.checkpointed())
        .flatMap(f -> Statements.all(((Stmt.For) f).body()).stream())
        .anyMatch(s -> Dependencies.of(s).written().contains(out));
  }

  /** Adjoint arrays of the arguments' shapes. */
  private static List<Stmt> adjointShapes(DifferentiableSignature sig, IrMethod method,
      Var frame, String frameName, FrameFields fields) {
    List<Stmt> code = new ArrayList<>();
    for (int i = 0; i < method.parameters().size(); i++) {
      Var p = method.parameters().get(i);
      Callee.Param param = sig.params().get(i);
      if (param.differentiated() && p.type().isArray()) {
        Expr adjoint = new Expr.Member(frame, param.adjoint(), p.type());
        Expr.Field owned = new Expr.Field(null, fields.buffer("d" + p.name() + "Owned",
            arrayClass(p)), List.of(), p.type());
        Expr same = new Expr.Invoke(SHAPES, "same", List.of(adjoint, new Expr.Ref(p)),
            Type.BOOLEAN);
        code.add(new Stmt.If(new Expr.Unary(UnaryOp.NOT, same, Type.BOOLEAN), new Stmt.Block(
            List.of(new Stmt.SetField(adjoint, new Expr.Invoke(SHAPES, "adjoint", List.of(
                adjoint, owned, new Expr.Ref(p), string(frameName),
                string(DifferentiableSignature.displayName(param))), p.type())),
                new Stmt.SetField(owned, adjoint))), new Stmt.Block(List.of()), null));
      }
    }
    return code;
  }

  /** Seeds of the outputs' shapes (when given), outputs not aliased with other arguments. */
  public static List<Stmt> outputChecks(DifferentiableSignature sig, IrMethod method,
      String frameName, List<String> outputSeeds) {
    List<Stmt> code = new ArrayList<>();
    int out = 0;
    for (int i = 0; i < method.parameters().size(); i++) {
      Var p = method.parameters().get(i);
      if (sig.params().get(i).out()) {
        if (!outputSeeds.isEmpty()) {
          Var seed = new Var(outputSeeds.get(out++), p.type(), Var.Role.PARAMETER);
          code.add(new Stmt.Run(new Expr.Invoke(SHAPES, "require", List.of(new Expr.Ref(seed),
              new Expr.Ref(p), string(frameName), string(p.name())), null)));
        }
        for (Var q : method.parameters()) {
          if (q != p && q.type().isArray()) {
            code.add(new Stmt.Run(new Expr.Invoke(ALIASING, "check", List.of(string(frameName),
                new Expr.Ref(p), string(p.name()), new Expr.Ref(q), string(q.name())), null)));
          }
        }
      }
    }
    return code;
  }

  private static TypeName arrayClass(Var v) {
    return TypeNames.of(v.type());
  }

  private static List<Stmt> declareAdjoints(DifferentiableSignature sig, IrMethod method,
      Var frame, List<Var> active, Adjoints adjoints, String resultSeed,
      List<String> outputSeeds, FrameFields fields) {
    Map<Var, Integer> paramIndex = new IdentityHashMap<>();
    for (int i = 0; i < method.parameters().size(); i++) {
      paramIndex.put(method.parameters().get(i), i);
    }
    int outIndex = 0;
    Map<Var, String> seeds = new IdentityHashMap<>();
    for (int i = 0; i < method.parameters().size(); i++) {
      if (sig.params().get(i).out()) {
        seeds.put(method.parameters().get(i), outputSeeds.get(outIndex++));
      }
    }
    List<Stmt> code = new ArrayList<>();
    for (Var v : active) {
      Var bar = adjoints.var(v);
      Integer index = paramIndex.get(v);
      Expr value;
      if (v == method.result()) {
        value = new Expr.Ref(new Var(resultSeed, v.type(), Var.Role.PARAMETER));
      } else if (!v.type().isArray()) {
        value = new Expr.Const(v.type().elementZero(), v.type());
      } else if (seeds.containsKey(v)) {
        value = new Expr.Ref(new Var(seeds.get(v), v.type(), Var.Role.PARAMETER));
      } else if (index != null && sig.params().get(index).differentiated()) {
        value = new Expr.Member(frame, sig.params().get(index).adjoint(), v.type());
      } else {
        value = new Expr.ZerosLike(fields.buffer(bar.name() + "Buffer", arrayClass(v)),
            new Expr.Ref(v));
      }
      code.add(new Stmt.Declare(bar, value));
    }
    return code;
  }

  /** Whether the forward sweep saves anything in the frame's save buffer (inside loops). */
  private static boolean savesToBuffer(IrMethod method, Recording recording,
      Declarations declarations) {
    return Statements.all(method.body()).stream()
        .anyMatch(s -> !recording.savedBy(s).isEmpty() && declarations.saveLocal(s) == null);
  }

  /**
   * Whether the method has a {@code @Checkpoint} loop, whose backward sweep saves as it goes:
   * the save buffer then holds only the checkpoints when the backward sweep starts, which is no
   * measure of what it needs, so it is not settled. The checkpointed loop's share of the buffer
   * grows only like the square root of its longest trip count; an ordinary loop of the same
   * method keeps the buffer its longest call needed.
   */
  private static boolean checkpointed(IrMethod method) {
    return Statements.all(method.body()).stream()
        .anyMatch(s -> s instanceof Stmt.For f && f.checkpointed());
  }

  /**
   * The backward sweep of {@code method} as IR, shaped but not printed: what tests on hand-built
   * IR look at (the frame's own names are not reserved, so names may differ from generated code).
   */
  static List<Stmt> backwardIr(IrMethod method, Activity activity, Recording recording) {
    NameTable names = new NameTable(method.usedNames());
    Declarations declarations = Declarations.plan(method.body(), recording, names);
    Adjoints adjoints = new Adjoints(activeInOrder(method, activity), names);
    FrameFields fields = new FrameFields(new HashSet<>());
    FreshAdjoints fresh = FreshAdjoints.of(method.body(), activity, Set.of());
    BackwardSweep sweep = new BackwardSweep(activity, recording, declarations, adjoints, fields,
        reassigned(method, declarations), names, fresh, names.fresh("overwrite"),
        body -> ForwardSweep.saving(body, declarations, recording, fields, SplitCalls.NONE),
        SplitCalls.NONE);
    return sweep.shaped(sweep.reverse(method.body()));
  }

  /** Active variables: the result, parameters, then in order of first assignment. */
  private static List<Var> activeInOrder(IrMethod method, Activity activity) {
    Set<Var> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Var> out = new ArrayList<>();
    if (activity.isActive(method.result())) {
      seen.add(method.result());
      out.add(method.result());
    }
    for (Var p : method.parameters()) {
      if (activity.isActive(p) && seen.add(p)) {
        out.add(p);
      }
    }
    for (Stmt s : Statements.all(method.body())) {
      Var w = Statements.written(s);
      if (w != null && activity.isActive(w) && seen.add(w)) {
        out.add(w);
      }
      if (!(s instanceof Stmt.Store) && Statements.value(s) instanceof Expr.Call call) {
        for (Expr arg : call.args()) {
          Var v = dev.tapeless.processor.analysis.Dependencies.baseVar(arg);
          if (v != null && activity.isActive(v) && seen.add(v)) {
            out.add(v);
          }
        }
      }
    }
    return out;
  }

  /**
   * Variables whose adjoint must be reset when their assignment is reversed: parameters that are
   * assigned, variables assigned more than once, and any assigned inside a loop.
   */
  private static Set<Var> reassigned(IrMethod method, Declarations declarations) {
    Map<Var, Integer> counts = new IdentityHashMap<>();
    for (Stmt.Assign a : Statements.assignments(method.body())) {
      int weight = a.target().role() == Var.Role.PARAMETER || declarations.inLoop(a) ? 2 : 1;
      counts.merge(a.target(), weight, Integer::sum);
    }
    Set<Var> out = Collections.newSetFromMap(new IdentityHashMap<>());
    counts.forEach((v, n) -> {
      if (n > 1) {
        out.add(v);
      }
    });
    return out;
  }
}

package dev.tapeless.processor.forward;

import com.palantir.javapoet.CodeBlock;
import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.BackwardReads;
import dev.tapeless.processor.analysis.Dependencies;
import dev.tapeless.processor.analysis.Recording;
import dev.tapeless.processor.emit.JavaExprs;
import dev.tapeless.processor.emit.JavaStmts;
import dev.tapeless.processor.emit.TypeNames;
import dev.tapeless.processor.frontend.DifferentiableSignature;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import dev.tapeless.processor.reverse.Declarations;
import dev.tapeless.processor.reverse.ForwardSweep;
import dev.tapeless.processor.reverse.FrameFields;
import dev.tapeless.processor.reverse.GradientBody;
import dev.tapeless.processor.reverse.RuntimeIr;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Forward mode for one method: the body of the sweeps' {@code jvp}, the computation with the
 * tangent of every variable that has one written beside it. Nothing is saved and nothing runs
 * backwards, so it costs about one more primal.
 *
 * @param code the method body; it sets the frame's {@code value} and returns the result's
 *     tangent when the method returns a value
 * @param tangentParameters names of the tangent parameters: one per differentiated parameter,
 *     then one per {@code @Out} parameter (the output tangents, updated in place)
 * @param clearParameter name of the boolean parameter that has the output tangents zeroed
 *     (after the checks, so that a rejected call leaves them as they were) rather than taken
 *     as the tangents of what the outputs hold on entry
 */
public record TangentBody(CodeBlock code, List<String> tangentParameters,
    String clearParameter) {

  /** The same parameters, with a body that throws {@code message}. */
  public TangentBody throwing(String message) {
    return new TangentBody(CodeBlock.of("throw new $T($S);\n",
        UnsupportedOperationException.class, message), tangentParameters, clearParameter);
  }

  public static TangentBody of(DifferentiableSignature sig, IrMethod method, Activity activity,
      Recording recording, Declarations declarations, FrameFields fields, NameTable names,
      String self) {
    String frameName = sig.gradSimpleName() + "." + sig.frameSimpleName();
    List<String> publicNames = sig.tangentNames();
    TangentNames tangents = new TangentNames();
    List<Var> parameters = new ArrayList<>();
    List<Var> tangentOwners = new ArrayList<>();
    int firstOutput = (int) sig.params().stream().filter(Callee.Param::differentiated).count();
    for (boolean outputs : new boolean[] {false, true}) {
      for (int i = 0; i < method.parameters().size(); i++) {
        Callee.Param p = sig.params().get(i);
        Var v = method.parameters().get(i);
        if (outputs ? p.out() : p.differentiated()) {
          Var dot = new Var(names.fresh(v.name() + "Dot"), v.type(), Var.Role.PARAMETER);
          parameters.add(dot);
          tangentOwners.add(v);
          if (TangentNames.carries(v, activity)) {
            tangents.put(v, dot);
          }
        }
      }
    }
    List<String> parameterNames = parameters.stream().map(Var::name).toList();
    Var clear = new Var(names.fresh("clearOutputTangents"), Type.BOOLEAN, Var.Role.PARAMETER);
    String missing = missingTangent(method, activity);
    if (missing != null) {
      return new TangentBody(CodeBlock.of(""), parameterNames, clear.name())
          .throwing("forward mode of " + sig.displayName() + " " + missing);
    }
    List<Stmt> code = new ArrayList<>(GradientBody.outputChecks(sig, method, frameName,
        List.of()));
    for (int k = 0; k < parameters.size(); k++) {
      Var v = tangentOwners.get(k);
      if (v.type().isArray()) {
        code.add(arrayTangent(v, parameters.get(k), publicNames.get(k), frameName, fields));
      }
    }
    for (int k = firstOutput; k < parameters.size(); k++) {
      for (int j = 0; j < parameters.size(); j++) {
        if (j != k && tangentOwners.get(j).type().isArray()) {
          code.add(aliasingCheck(frameName, parameters.get(k), publicNames.get(k),
              parameters.get(j), publicNames.get(j)));
        }
      }
      for (Var q : method.parameters()) {
        if (q.type().isArray()) {
          code.add(aliasingCheck(frameName, parameters.get(k), publicNames.get(k), q,
              q.name()));
        }
      }
    }
    if (firstOutput < parameters.size()) {
      List<Stmt> zeroed = new ArrayList<>();
      for (Var t : parameters.subList(firstOutput, parameters.size())) {
        zeroed.add(new Stmt.Run(RuntimeIr.buffers("fill", new Expr.Ref(t),
            new Expr.Const("0.0", Type.DOUBLE))));
      }
      code.add(new Stmt.If(new Expr.Ref(clear), new Stmt.Block(zeroed),
          new Stmt.Block(List.of()), null));
    }
    code.addAll(computation(method, activity, recording, declarations, fields, names,
        tangents));
    Var result = method.result();
    if (sig.returnsReal()) {
      Var frame = new Var(self, Type.object(sig.frameSimpleName()), Var.Role.PARAMETER);
      code.add(new Stmt.SetField(new Expr.Member(frame, "value", result.type()),
          new Expr.Ref(result)));
    }
    CodeBlock.Builder text = CodeBlock.builder().add(JavaStmts.write(code));
    if (sig.returnsReal()) {
      text.addStatement("return $L", JavaExprs.write(tangents.has(result)
          ? new Expr.Ref(tangents.of(result))
          : new Expr.Const(result.type().elementZero(), result.type())));
    }
    return new TangentBody(text.build(), parameterNames, clear.name());
  }

  /**
   * The statements of {@code jvp} after its checks, as IR: the locals' tangents declared, then
   * the computation with each statement's tangent beside it; {@code tangents} holds the
   * parameters' tangents and gets the locals'.
   */
  static List<Stmt> computation(IrMethod method, Activity activity, Recording recording,
      Declarations declarations, FrameFields fields, NameTable names, TangentNames tangents) {
    List<Stmt> code = new ArrayList<>();
    for (Var v : localsWithTangents(method, activity, tangents)) {
      Var dot = new Var(names.fresh(v.name() + "Dot"), v.type(), Var.Role.LOCAL);
      tangents.put(v, dot);
      code.add(new Stmt.Declare(dot, new Expr.Const(v.type().zeroLiteral(), v.type())));
    }
    code.addAll(ForwardSweep.withTangents(method.body(), declarations, recording, fields,
        new TangentStatements(tangents, fields, names)));
    return code;
  }

  /**
   * An array tangent passed as null is zero: a zero buffer of the frame's takes its place
   * (an output's, filled by the method, starts at zero too); one passed must have the shape of
   * its primal {@code v}.
   */
  public static Stmt arrayTangent(Var v, Var tangent, String publicName, String frameName,
      FrameFields fields) {
    String buffer = fields.buffer(tangent.name() + "Zeros", TypeNames.of(v.type()));
    Expr.Ref t = new Expr.Ref(tangent);
    return new Stmt.If(
        new Expr.Binary(BinaryOp.EQ, t, new Expr.Const("null", v.type()), Type.BOOLEAN),
        new Stmt.Block(List.of(new Stmt.Assign(tangent,
            new Expr.ZerosLike(buffer, new Expr.Ref(v)), null))),
        new Stmt.Block(List.of(new Stmt.Run(new Expr.Invoke(RuntimeIr.SHAPES, "requireTangent",
            List.of(t, new Expr.Ref(v), RuntimeIr.string(frameName),
                RuntimeIr.string(publicName), RuntimeIr.string(v.name())), null)))),
        null);
  }

  /** An output tangent must not share storage with another array argument. */
  private static Stmt aliasingCheck(String frameName, Var output, String outputName, Var other,
      String otherName) {
    return new Stmt.Run(new Expr.Invoke(RuntimeIr.ALIASING, "check", List.of(
        RuntimeIr.string(frameName), new Expr.Ref(output), RuntimeIr.string(outputName),
        new Expr.Ref(other), RuntimeIr.string(otherName)), null));
  }

  /** Locals and non-differentiated parameters with a tangent, in order of first write. */
  private static List<Var> localsWithTangents(IrMethod method, Activity activity,
      TangentNames parameterTangents) {
    Set<Var> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.addAll(method.parameters());
    List<Var> out = new ArrayList<>();
    for (Var p : method.parameters()) {
      // a @NoDerivative scalar assigned a varied value
      if (!parameterTangents.has(p) && TangentNames.carries(p, activity)
          && Statements.assignments(method.body()).stream().anyMatch(a -> a.target() == p)) {
        out.add(p);
      }
    }
    for (Stmt s : Statements.all(method.body())) {
      for (Var w : Dependencies.of(s).written()) {
        if (TangentNames.carries(w, activity) && seen.add(w)) {
          out.add(w);
        }
      }
    }
    return out;
  }

  /** Why a call that forward mode must go through has no tangent, or null. */
  private static String missingTangent(IrMethod method, Activity activity) {
    for (Stmt s : Statements.all(method.body())) {
      Expr.Call call = BackwardReads.derivativeCall(s);
      if (call == null || Dependencies.of(s).written().stream()
          .noneMatch(w -> TangentNames.carries(w, activity))) {
        continue;
      }
      String callee = call.callee().owner().substring(call.callee().owner().indexOf('/') + 1)
          + "." + call.callee().name();
      if (call.callee() instanceof Callee.Custom c && c.pushforward() == null) {
        return "needs a pushforward for " + callee
            + ": add pushforward = \"...\" to its @CustomDerivative";
      } else if (call.callee() instanceof Callee.Differentiable d
          && !DifferentiableSignature.hasJvp(d.params())) {
        return "calls " + callee + ", which has too many parameters for a jvp";
      }
    }
    return null;
  }
}

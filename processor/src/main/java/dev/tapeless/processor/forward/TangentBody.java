package dev.tapeless.processor.forward;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.tapeless.processor.emit.TypeNames;
import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.BackwardReads;
import dev.tapeless.processor.analysis.Dependencies;
import dev.tapeless.processor.analysis.Recording;
import dev.tapeless.processor.frontend.DifferentiableSignature;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import dev.tapeless.processor.reverse.Declarations;
import dev.tapeless.processor.reverse.ForwardSweep;
import dev.tapeless.processor.reverse.FrameFields;
import dev.tapeless.processor.reverse.GradientBody;
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
    List<String> parameters = new ArrayList<>();
    List<Var> tangentOwners = new ArrayList<>();
    int firstOutput = (int) sig.params().stream().filter(Callee.Param::differentiated).count();
    for (boolean outputs : new boolean[] {false, true}) {
      for (int i = 0; i < method.parameters().size(); i++) {
        Callee.Param p = sig.params().get(i);
        Var v = method.parameters().get(i);
        if (outputs ? p.out() : p.differentiated()) {
          String name = names.fresh(v.name() + "Dot");
          parameters.add(name);
          tangentOwners.add(v);
          if (TangentNames.carries(v, activity)) {
            tangents.put(v, name);
          }
        }
      }
    }
    String clear = names.fresh("clearOutputTangents");
    CodeBlock.Builder code = CodeBlock.builder();
    String missing = missingTangent(method, activity);
    if (missing != null) {
      return new TangentBody(CodeBlock.of(""), parameters, clear)
          .throwing("forward mode of " + sig.displayName() + " " + missing);
    }
    GradientBody.outputChecks(sig, method, frameName, List.of(), code);
    for (int k = 0; k < parameters.size(); k++) {
      Var v = tangentOwners.get(k);
      if (v.type().isArray()) {
        prepareArrayTangent(v, parameters.get(k), publicNames.get(k), frameName, fields, code);
      }
    }
    for (int k = firstOutput; k < parameters.size(); k++) {
      for (int j = 0; j < parameters.size(); j++) {
        if (j != k && tangentOwners.get(j).type().isArray()) {
          code.addStatement("$T.check($S, $N, $S, $N, $S)", FrameFields.ALIASING, frameName,
              parameters.get(k), publicNames.get(k), parameters.get(j), publicNames.get(j));
        }
      }
      for (Var q : method.parameters()) {
        if (q.type().isArray()) {
          code.addStatement("$T.check($S, $N, $S, $N, $S)", FrameFields.ALIASING, frameName,
              parameters.get(k), publicNames.get(k), q.name(), q.name());
        }
      }
    }
    if (firstOutput < parameters.size()) {
      code.beginControlFlow("if ($N)", clear);
      for (int k = firstOutput; k < parameters.size(); k++) {
        code.addStatement("$T.fill($N, 0.0)", FrameFields.BUFFERS, parameters.get(k));
      }
      code.endControlFlow();
    }
    for (Var v : localsWithTangents(method, activity, tangents)) {
      String name = names.fresh(v.name() + "Dot");
      tangents.put(v, name);
      code.addStatement("$L $N = $L", v.type().javaName(), name, v.type().zeroLiteral());
    }
    code.add(ForwardSweep.withTangents(method.body(), declarations, recording, fields,
        new TangentStatements(tangents, fields, names)));
    if (sig.returnsReal()) {
      Var result = method.result();
      code.addStatement("$N.value = $N", self, result.name());
      code.addStatement("return $L",
          tangents.has(result) ? tangents.of(result) : result.type().elementZero());
    }
    return new TangentBody(code.build(), parameters, clear);
  }

  /**
   * An array tangent passed as null is zero: a zero buffer of the frame's takes its place
   * (an output's, filled by the method, starts at zero too).
   */
  public static void prepareArrayTangent(Var v, String name, String publicName,
      String frameName, FrameFields fields, CodeBlock.Builder code) {
    String buffer = fields.buffer(name + "Zeros",
        TypeNames.of(v.type()));
    code.beginControlFlow("if ($N == null)", name)
        .addStatement("$N = this.$N = $T.zerosLike(this.$N, $N)", name, buffer,
            FrameFields.BUFFERS, buffer, v.name())
        .nextControlFlow("else")
        .addStatement("$T.requireTangent($N, $N, $S, $S, $S)", FrameFields.SHAPES, name,
            v.name(), frameName, publicName, v.name())
        .endControlFlow();
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

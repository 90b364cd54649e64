package dev.tapeless.processor.secondorder;

import com.palantir.javapoet.CodeBlock;
import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.Recording;
import dev.tapeless.processor.emit.FrameSpec;
import dev.tapeless.processor.emit.JavaStmts;
import dev.tapeless.processor.forward.TangentBody;
import dev.tapeless.processor.frontend.DifferentiableSignature;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.inlining.CalleeInliner;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Var;
import dev.tapeless.processor.reverse.FrameFields;
import dev.tapeless.processor.reverse.GradientBody;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The Hessian-vector product of one method: reverse mode, unchanged, applied to the method's
 * {@link TangentProgram}. The gradient of {@code ∇f(x)·v} with respect to {@code x} is
 * {@code H v}; it lands in the frame's {@code d*} fields, where a gradient would.
 *
 * @param hvp what the sweeps' {@code hvp} method needs; its fields are added to the frame's
 */
public record HvpBody(FrameSpec.Hvp hvp) {

  /** Nesting of calls beyond which something is wrong (recursion is rejected earlier). */
  private static final int MAX_NESTING = 16;

  /**
   * The body for {@code sig}'s method, adding the fields it uses to {@code fields}, the
   * frame's; one that throws, naming the reason, when second order cannot go through the
   * method yet.
   */
  public static HvpBody of(DifferentiableSignature sig, IrMethod ir, FrameFields fields,
      Function<Callee.Custom, Callee.Custom> secondOrder,
      Function<Callee.Differentiable, IrMethod> bodies) {
    List<Var> inputs = new ArrayList<>();
    for (int i = 0; i < sig.params().size(); i++) {
      if (sig.params().get(i).differentiated()) {
        inputs.add(ir.parameters().get(i));
      }
    }
    // one level of calls at a time, each with the activity of the program so far, so that a
    // callee's @NoDerivative parameter is checked against what actually reaches it
    CalleeInliner inlined = new CalleeInliner(ir, null, true);
    for (int pass = 0; inlined.inlinedAny() && inlined.unsupported() == null; pass++) {
      if (pass == MAX_NESTING) {
        inlined = new CalleeInliner(ir, "calls nest more than " + MAX_NESTING + " deep", false);
        break;
      }
      IrMethod current = inlined.method();
      inlined = CalleeInliner.inlineOnce(current, inputs, List.of(current.result()), bodies);
    }
    TangentProgram program = TangentProgram.of(sig, inlined.method(), secondOrder);
    if (inlined.unsupported() != null) {
      return throwing(sig, program.directions().stream().map(Var::name).toList(),
          "hvp of " + sig.displayName() + " is not supported yet: " + inlined.unsupported());
    }
    IrMethod twin = program.method();
    List<String> directions = program.directions().stream().map(Var::name).toList();
    if (program.unsupported() != null) {
      return throwing(sig, directions, "hvp of " + sig.displayName() + " is not supported yet: "
          + program.unsupported());
    }
    List<Callee.Param> params = new ArrayList<>(sig.params());
    for (Var d : program.directions()) {
      params.add(new Callee.Param(d.name(), d.type(), false, false));
    }
    DifferentiableSignature twinSig = new DifferentiableSignature(sig.method(),
        sig.packageName(), sig.ownerQualifiedName(), sig.gradSimpleName(),
        sig.frameSimpleName(), params, true);
    List<Var> differentiated = new ArrayList<>();
    for (int i = 0; i < sig.params().size(); i++) {
      if (sig.params().get(i).differentiated()) {
        differentiated.add(twin.parameters().get(i));
      }
    }
    Activity activity = Activity.of(twin, differentiated, List.of(twin.result()));
    Recording recording = Recording.of(twin, activity);
    GradientBody body = GradientBody.of(twinSig, twin, activity, recording, program.value(),
        fields);
    String frameName = sig.gradSimpleName() + "." + sig.frameSimpleName();
    CodeBlock.Builder code = CodeBlock.builder();
    List<String> publicNames = sig.directionNames();
    for (int k = 0; k < program.directions().size(); k++) {
      Var d = program.directions().get(k);
      if (d.type().isArray()) {
        code.add(JavaStmts.write(List.of(TangentBody.arrayTangent(differentiated.get(k), d,
            publicNames.get(k), frameName, body.fields()))));
      }
    }
    code.add(body.code());
    return new HvpBody(new FrameSpec.Hvp(code.build(), directions, body.frame(),
        body.resultSeed()));
  }

  /** The same parameters, with a body that throws {@code message}. */
  public static HvpBody throwing(DifferentiableSignature sig, List<String> directions,
      String message) {
    Set<String> taken = new HashSet<>(sig.parameterNames());
    taken.addAll(directions);
    NameTable names = new NameTable(taken);
    return new HvpBody(new FrameSpec.Hvp(CodeBlock.of("throw new $T($S);\n",
        UnsupportedOperationException.class, message), directions, names.fresh("frame"),
        names.fresh("seed")));
  }

  /** This body with one that throws {@code message} instead. */
  public HvpBody throwing(DifferentiableSignature sig, String message) {
    return throwing(sig, hvp.directions(), message);
  }
}

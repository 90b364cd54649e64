package dev.tapeless.processor.reverse;

import com.palantir.javapoet.CodeBlock;
import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.BackwardReads;
import dev.tapeless.processor.analysis.Dependencies;
import dev.tapeless.processor.analysis.FreshAdjoints;
import dev.tapeless.processor.emit.GradClassWriter;
import dev.tapeless.processor.emit.JavaExprs;
import dev.tapeless.processor.frontend.DifferentiableSignature;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reverses a call to a method with a derivative: another {@code @Differentiable} method, through
 * its frame's {@code backpropagate} (its adjoint arrays pointed at the caller's, so
 * contributions land in place), or a {@code @CustomDerivative} pullback, called directly.
 */
final class CallReversal {
  private final Activity activity;
  private final Adjoints adjoints;
  private final FrameFields fields;
  private final FreshAdjoints fresh;
  private final String overwrite;

  CallReversal(Activity activity, Adjoints adjoints, FrameFields fields, FreshAdjoints fresh,
      String overwrite) {
    this.activity = activity;
    this.adjoints = adjoints;
    this.fields = fields;
    this.fresh = fresh;
    this.overwrite = overwrite;
  }

  CodeBlock reverse(Stmt s, Set<Var> reassigned) {
    Expr.Call call = BackwardReads.derivativeCall(s);
    Var target = s instanceof Stmt.Assign a ? a.target() : null;
    CodeBlock.Builder code = CodeBlock.builder();
    if (!BackwardReads.runsPullback(s, activity)) {
      return code.build(); // no output has an adjoint
    } else if (call.callee() instanceof Callee.Differentiable d) {
      throughFrame(call, d, target, code);
    } else {
      throughPullback(s, call, (Callee.Custom) call.callee(), target, code);
    }
    if (target != null && adjoints.has(target) && reassigned.contains(target)) {
      code.addStatement("$N = $L", adjoints.of(target), target.type().elementZero());
    }
    return code.build();
  }

  private CodeBlock resultSeed(Var target, Expr.Call call, boolean returnsReal) {
    if (!returnsReal) {
      return null;
    }
    // the target may be wider than the call (a float method's result in a double expression)
    return target != null && adjoints.has(target)
        ? JavaExprs.narrowedTo(call.type(), CodeBlock.of("$N", adjoints.of(target)))
        : CodeBlock.of(call.type().elementZero());
  }

  private void throughFrame(Expr.Call call, Callee.Differentiable d, Var target,
      CodeBlock.Builder code) {
    String frame = fields.calleeFrame(d);
    List<Callee.Param> params = d.params();
    for (int i = 0; i < params.size(); i++) {
      Callee.Param p = params.get(i);
      if (!p.differentiated()) {
        continue;
      }
      String field = p.adjoint();
      if (p.type().isArray()) {
        code.addStatement("this.$N.$L = $L", frame, field, adjoints.of(call.args().get(i)));
      } else {
        code.addStatement("this.$N.$L = $L", frame, field, p.type().elementZero());
      }
    }
    CodeBlock.Builder args = JavaExprs.arguments(call);
    CodeBlock seed = resultSeed(target, call, d.returnsReal());
    if (seed != null) {
      args.add(", $L", seed);
    }
    addOutputAdjoints(call, params, args);
    code.addStatement("this.$N.$L($L)", frame, GradClassWriter.SPLIT_BACKWARD, args.build());
    for (int i = 0; i < params.size(); i++) {
      Callee.Param p = params.get(i);
      if (p.differentiated() && !p.type().isArray() && adjoints.hasFor(call.args().get(i))) {
        code.addStatement("$L += this.$N.$L", adjoints.of(call.args().get(i)), frame,
            p.adjoint());
      }
    }
  }

  private void throughPullback(Stmt s, Expr.Call call, Callee.Custom c, Var target,
      CodeBlock.Builder code) {
    List<Callee.Param> params = c.params();
    CodeBlock.Builder args = JavaExprs.arguments(call);
    if (c.usesResult()) {
      // A pullback runs only when the result has an adjoint, so the call has a target.
      args.add(", $N", target.name());
    }
    CodeBlock seed = resultSeed(target, call, c.returnsReal());
    if (seed != null) {
      args.add(", $L", seed);
    }
    addOutputAdjoints(call, params, args);
    int scalars = 0;
    for (int i = 0; i < params.size(); i++) {
      Callee.Param p = params.get(i);
      if (p.differentiated() && p.type().isArray()) {
        boolean skipped = c.skipsNullAdjoints() && !adjoints.hasFor(call.args().get(i));
        args.add(", $L", skipped ? CodeBlock.of("null") : adjoints.of(call.args().get(i)));
      } else if (p.differentiated()) {
        scalars++;
      }
    }
    String scratch = null;
    if (scalars >= 2) {
      scratch = fields.scalarAdjoints(scalars);
      code.addStatement("$T.fill(this.$N, 0.0)", FrameFields.BUFFERS, scratch);
      args.add(", this.$N", scratch);
    }
    CodeBlock arguments = args.build();
    Function<String, CodeBlock> invocation = pullback -> CodeBlock.of("$T.$N($L)",
        JavaExprs.owner(c.owner()), pullback, arguments);
    if (scalars == 1) {
      int i = firstScalar(params);
      Expr arg = call.args().get(i);
      // The pullback may add into the array holding this scalar's adjoint (axpy's a = y[0]):
      // `y[0] += call` would read y[0] before the call and lose that, so the call goes first.
      // (A float argument of a double kernel gets a double adjoint back, rounded once here.)
      code.add(pullbackCall(s, c, pullback -> adjoints.hasFor(arg)
          ? CodeBlock.of("$L = $L;\n", adjoints.of(arg), JavaExprs.narrowedTo(arg.type(),
              CodeBlock.of("$L + $L", invocation.apply(pullback), adjoints.of(arg))))
          : CodeBlock.of("$L;\n", invocation.apply(pullback))));
      return;
    }
    code.add(pullbackCall(s, c, pullback -> CodeBlock.of("$L;\n", invocation.apply(pullback))));
    int k = 0;
    for (int i = 0; i < params.size(); i++) {
      Callee.Param p = params.get(i);
      if (p.differentiated() && !p.type().isArray()) {
        if (adjoints.hasFor(call.args().get(i))) {
          code.addStatement("$L += this.$N[$L]", adjoints.of(call.args().get(i)), scratch, k);
        }
        k++;
      }
    }
  }

  /**
   * The statement calling the pullback, or its assigning twin where that sets adjoints nothing
   * has touched yet: always for locals' adjoints, only when overwriting for parameters'.
   */
  private CodeBlock pullbackCall(Stmt s, Callee.Custom c, Function<String, CodeBlock> statement) {
    if (!fresh.assigns(s)) {
      return statement.apply(c.pullback());
    }
    if (!fresh.assignsParameters(s)) {
      return statement.apply(c.assigning());
    }
    return CodeBlock.builder()
        .beginControlFlow("if ($N)", overwrite)
        .add(statement.apply(c.assigning()))
        .nextControlFlow("else")
        .add(statement.apply(c.pullback()))
        .endControlFlow()
        .build();
  }

  private static int firstScalar(List<Callee.Param> params) {
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).differentiated() && !params.get(i).type().isArray()) {
        return i;
      }
    }
    throw new IllegalStateException("no differentiated scalar");
  }


  private void addOutputAdjoints(Expr.Call call, List<Callee.Param> params,
      CodeBlock.Builder args) {
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).out()) {
        Var v = Dependencies.baseVar(call.args().get(i));
        if (!adjoints.has(v)) {
          throw new IllegalStateException("output " + v + " of an active call has no adjoint");
        }
        args.add(", $L", adjoints.of(call.args().get(i)));
      }
    }
  }
}

package dev.tapeless.processor.reverse;

import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.BackwardReads;
import dev.tapeless.processor.analysis.Dependencies;
import dev.tapeless.processor.analysis.FreshAdjoints;
import dev.tapeless.processor.emit.GradClassWriter;
import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reverses a call to a method with a derivative, as backward IR: another
 * {@code @Differentiable} method, through its frame's {@code backpropagate} (its adjoint arrays
 * pointed at the caller's, so contributions land in place), or a {@code @CustomDerivative}
 * pullback, called directly. Adjoints coming back are plain {@link Stmt.Store}s and
 * {@link Stmt.Assign}s, so the passes over the backward sweep read them.
 */
final class CallReversal {
  private final Activity activity;
  private final Adjoints adjoints;
  private final FrameFields fields;
  private final FreshAdjoints fresh;
  private final Var overwrite;
  private final SplitCalls splitCalls;

  CallReversal(Activity activity, Adjoints adjoints, FrameFields fields, FreshAdjoints fresh,
      String overwrite, SplitCalls splitCalls) {
    this.splitCalls = splitCalls;
    this.activity = activity;
    this.adjoints = adjoints;
    this.fields = fields;
    this.fresh = fresh;
    this.overwrite = new Var(overwrite, Type.BOOLEAN, Var.Role.LOCAL);
  }

  List<Stmt> reverse(Stmt s, Set<Var> reassigned) {
    Expr.Call call = BackwardReads.derivativeCall(s);
    Var target = s instanceof Stmt.Assign a ? a.target() : null;
    List<Stmt> code = new ArrayList<>();
    if (!BackwardReads.runsPullback(s, activity)) {
      return code; // no output has an adjoint
    } else if (call.callee() instanceof Callee.Differentiable d) {
      throughFrame(call, d, target, code, splitCalls.unchecked(s));
    } else {
      throughPullback(s, call, (Callee.Custom) call.callee(), target, code);
    }
    if (target != null && adjoints.has(target) && reassigned.contains(target)) {
      code.add(new Stmt.Assign(adjoints.var(target), zero(target.type()), null));
    }
    return code;
  }

  private static Expr zero(Type t) {
    return new Expr.Const(t.elementZero(), t.element());
  }

  private Expr resultSeed(Var target, Expr.Call call, boolean returnsReal) {
    if (!returnsReal) {
      return null;
    }
    // the target may be wider than the call (a float method's result in a double expression)
    return target != null && adjoints.has(target)
        ? narrowedTo(call.type(), new Expr.Ref(adjoints.var(target)))
        : zero(call.type());
  }

  /** {@code value}, computed in double, as assigned to a float when {@code target} is one. */
  private static Expr narrowedTo(Type target, Expr value) {
    return target.isFloat() ? new Expr.Cast(Type.FLOAT, value) : value;
  }

  private void throughFrame(Expr.Call call, Callee.Differentiable d, Var target,
      List<Stmt> code, boolean unchecked) {
    String frame = fields.calleeFrame(d);
    List<Callee.Param> params = d.params();
    for (int i = 0; i < params.size(); i++) {
      Callee.Param p = params.get(i);
      if (!p.differentiated()) {
        continue;
      }
      code.add(new Stmt.SetField(field(frame, p), p.type().isArray()
          ? adjoints.ofOperand(call.args().get(i)) : zero(p.type())));
    }
    List<Expr> args = new ArrayList<>(call.args());
    Expr seed = resultSeed(target, call, d.returnsReal());
    if (seed != null) {
      args.add(seed);
    }
    addOutputAdjoints(call, params, args);
    code.add(new Stmt.Run(new Expr.FrameCall(frame, unchecked
        ? GradClassWriter.SPLIT_BACKWARD_UNCHECKED : GradClassWriter.SPLIT_BACKWARD, args, null)));
    for (int i = 0; i < params.size(); i++) {
      Callee.Param p = params.get(i);
      Expr arg = call.args().get(i);
      if (p.differentiated() && !p.type().isArray() && adjoints.hasFor(arg)) {
        code.add(add(adjoints.ofOperand(arg), field(frame, p)));
      }
    }
  }

  /** The callee frame's adjoint field for {@code p}. */
  private static Expr.Field field(String frame, Callee.Param p) {
    return new Expr.Field(frame, p.adjoint(), List.of(), p.type());
  }

  /** {@code adjoint += value}, for a scalar's adjoint or an element's. */
  private static Stmt add(Expr adjoint, Expr value) {
    return adjoint instanceof Expr.Ref r
        ? new Stmt.Store(r.var(), List.of(), value, Stmt.StoreKind.ADD, null)
        : new Stmt.Store(((Expr.ArrayRead) adjoint).array(),
            ((Expr.ArrayRead) adjoint).indices(), value, Stmt.StoreKind.ADD, null);
  }

  /** {@code adjoint = value}, for a scalar's adjoint or an element's. */
  private static Stmt set(Expr adjoint, Expr value) {
    return adjoint instanceof Expr.Ref r
        ? new Stmt.Assign(r.var(), value, null)
        : new Stmt.Store(((Expr.ArrayRead) adjoint).array(),
            ((Expr.ArrayRead) adjoint).indices(), value, Stmt.StoreKind.SET, null);
  }

  private void throughPullback(Stmt s, Expr.Call call, Callee.Custom c, Var target,
      List<Stmt> code) {
    List<Callee.Param> params = c.params();
    List<Expr> args = new ArrayList<>(call.args());
    if (c.usesResult()) {
      // A pullback runs only when the result has an adjoint, so the call has a target.
      // (a wider target holds the kernel's result widened: narrowing it back is exact)
      args.add(target.type().equals(call.type()) ? new Expr.Ref(target)
          : new Expr.Cast(call.type(), new Expr.Ref(target)));
    }
    Expr seed = resultSeed(target, call, c.returnsReal());
    if (seed != null) {
      args.add(seed);
    }
    addOutputAdjoints(call, params, args);
    int scalars = 0;
    for (int i = 0; i < params.size(); i++) {
      Callee.Param p = params.get(i);
      if (p.differentiated() && p.type().isArray()) {
        boolean skipped = c.skipsNullAdjoints() && !adjoints.hasFor(call.args().get(i));
        args.add(skipped ? new Expr.Const("null", p.type())
            : adjoints.ofOperand(call.args().get(i)));
      } else if (p.differentiated()) {
        scalars++;
      }
    }
    String scratch = null;
    if (scalars >= 2) {
      scratch = fields.scalarAdjoints(scalars);
      Expr.Field all = new Expr.Field(null, scratch, List.of(), new Type(Type.Kind.DOUBLE, 1));
      code.add(new Stmt.Run(new Expr.Invoke(RuntimeIr.BUFFERS, "fill",
          List.of(all, new Expr.Const("0.0", Type.DOUBLE)), null)));
      args.add(all);
    }
    Type returned = scalars == 1 ? Type.DOUBLE : null; // the one scalar's adjoint
    Function<String, Expr> invocation = pullback -> new Expr.Invoke(c.owner(), pullback, args,
        returned);
    if (scalars == 1) {
      int i = firstScalar(params);
      Expr arg = call.args().get(i);
      // The pullback may add into the array holding this scalar's adjoint (axpy's a = y[0]):
      // `y[0] += call` would read y[0] before the call and lose that, so the call goes first.
      // (A float argument of a double kernel gets a double adjoint back, rounded once here.)
      code.add(pullbackCall(s, c, pullback -> adjoints.hasFor(arg)
          ? set(adjoints.ofOperand(arg), narrowedTo(arg.type(), new Expr.Binary(BinaryOp.ADD,
              invocation.apply(pullback), adjoints.ofOperand(arg), Type.DOUBLE)))
          : new Stmt.Run(invocation.apply(pullback))));
      return;
    }
    code.add(pullbackCall(s, c, pullback -> new Stmt.Run(invocation.apply(pullback))));
    int k = 0;
    for (int i = 0; i < params.size(); i++) {
      Callee.Param p = params.get(i);
      if (p.differentiated() && !p.type().isArray()) {
        if (adjoints.hasFor(call.args().get(i))) {
          code.add(add(adjoints.ofOperand(call.args().get(i)), new Expr.Field(null, scratch,
              List.of(new Expr.Const(Integer.toString(k), Type.INT)), Type.DOUBLE)));
        }
        k++;
      }
    }
  }

  /**
   * The statement calling the pullback, or its assigning twin where that sets adjoints nothing
   * has touched yet: always for locals' adjoints, only when overwriting for parameters'.
   */
  private Stmt pullbackCall(Stmt s, Callee.Custom c, Function<String, Stmt> statement) {
    if (!fresh.assigns(s)) {
      return statement.apply(c.pullback());
    }
    if (!fresh.assignsParameters(s)) {
      return statement.apply(c.assigning());
    }
    return new Stmt.If(new Expr.Ref(overwrite),
        new Stmt.Block(List.of(statement.apply(c.assigning()))),
        new Stmt.Block(List.of(statement.apply(c.pullback()))), null);
  }

  private static int firstScalar(List<Callee.Param> params) {
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).differentiated() && !params.get(i).type().isArray()) {
        return i;
      }
    }
    throw new IllegalStateException("no differentiated scalar");
  }

  private void addOutputAdjoints(Expr.Call call, List<Callee.Param> params, List<Expr> args) {
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).out()) {
        Var v = Dependencies.baseVar(call.args().get(i));
        if (!adjoints.has(v)) {
          throw new IllegalStateException("output " + v + " of an active call has no adjoint");
        }
        args.add(adjoints.ofOperand(call.args().get(i)));
      }
    }
  }
}

package dev.tapeless.processor.forward;

import dev.tapeless.processor.analysis.BackwardReads;
import dev.tapeless.processor.analysis.Dependencies;
import dev.tapeless.processor.emit.GradClassWriter;
import dev.tapeless.processor.emit.TypeNames;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Origin;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import dev.tapeless.processor.reverse.ForwardSweep;
import dev.tapeless.processor.reverse.FrameFields;
import dev.tapeless.processor.rules.Partial;
import dev.tapeless.processor.rules.RuleBook;
import dev.tapeless.processor.rules.RuleTerms;
import dev.tapeless.processor.rules.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * The tangent of each statement, as IR next to it: a rule's partials read as the local linear
 * map they are ({@code $g} bound to an operand's tangent instead of the result's adjoint), so one
 * rule serves both modes; calls go through the callee frame's {@code $jvpInPlace} or the custom
 * derivative's pushforward.
 */
final class TangentStatements implements ForwardSweep.Tangents {
  private final TangentNames tangents;
  private final FrameFields fields;
  private final NameTable names;

  TangentStatements(TangentNames tangents, FrameFields fields, NameTable names) {
    this.tangents = tangents;
    this.fields = fields;
    this.names = names;
  }

  @Override
  public boolean write(Stmt s, boolean declares, List<Stmt> code) {
    Expr.Call call = BackwardReads.derivativeCall(s);
    if (call != null) {
      if (Dependencies.of(s).written().stream().noneMatch(tangents::has)) {
        return false;
      }
      Var target = s instanceof Stmt.Assign a ? a.target() : null;
      if (call.callee() instanceof Callee.Differentiable d) {
        throughFrame(call, d, target, declares, s.origin(), code);
      } else {
        throughPushforward(s, call, (Callee.Custom) call.callee(), target, declares, code);
      }
      return true;
    }
    Var target = Statements.written(s);
    if (target == null || !tangents.has(target) || s instanceof Stmt.Effect
        || (s instanceof Stmt.Assign a && a.value() instanceof Expr.NewArray)) {
      return false;
    }
    Expr value = Statements.value(s);
    List<Expr> operands = Operands.of(value);
    List<Partial> partials = new ArrayList<>();
    if (value.type().isReal()) {
      for (Partial p : RuleBook.ruleFor(value).partials()) {
        if (tangents.of(operands.get(p.operand())) != null) {
          partials.add(p);
        }
      }
    }
    boolean readsResult = partials.stream().anyMatch(TangentStatements::readsResult);
    if (s instanceof Stmt.Store st) {
      store(st, operands, partials, readsResult, code);
    } else {
      assign((Stmt.Assign) s, operands, partials, readsResult, declares, code);
    }
    return true;
  }

  @Override
  public void after(Stmt s, List<Stmt> code) {
    if (s instanceof Stmt.Assign a && a.value() instanceof Expr.NewArray n
        && tangents.has(a.target())) {
      Var dot = tangents.of(a.target());
      String buffer = fields.buffer(dot.name() + "Buffer", TypeNames.of(a.target().type()));
      code.add(new Stmt.Assign(dot, new Expr.Buffered(buffer, n, null), null));
    }
  }

  /** {@code x = op(...)}: tangent first, unless the rule reads the result. */
  private void assign(Stmt.Assign a, List<Expr> operands, List<Partial> partials,
      boolean readsResult, boolean declares, List<Stmt> code) {
    Var target = a.target();
    Var dot = tangents.of(target);
    Type type = target.type();
    if (!readsResult) {
      code.add(new Stmt.Assign(dot, narrowedTo(type, tangent(partials, operands, null)), null));
      code.add(assignment(target, a.value(), declares, a.origin()));
    } else if (operands.stream().noneMatch(o -> o instanceof Expr.Ref r && r.var() == target)) {
      code.add(assignment(target, a.value(), declares, a.origin()));
      code.add(new Stmt.Assign(dot, narrowedTo(type,
          tangent(partials, operands, new Expr.Ref(target))), null));
    } else {
      Var result = new Var(names.fresh(target.name() + "Value"), type, Var.Role.TEMP);
      code.add(new Stmt.Declare(result, a.value()));
      code.add(new Stmt.Assign(dot, narrowedTo(type,
          tangent(partials, operands, new Expr.Ref(result))), null));
      code.add(assignment(target, new Expr.Ref(result), declares, a.origin()));
    }
  }

  /** {@code a[i] = op(...)}, {@code += } or {@code -=}, and scalar {@code x += op(...)}. */
  private void store(Stmt.Store st, List<Expr> operands, List<Partial> partials,
      boolean readsResult, List<Stmt> code) {
    Var dot = tangents.of(st.array());
    if (partials.isEmpty()) {
      if (st.kind() == Stmt.StoreKind.SET) {
        code.add(new Stmt.Store(dot, st.indices(), zero(st.array().type()), Stmt.StoreKind.SET,
            null));
      }
      code.add(st);
    } else if (!readsResult) {
      code.add(new Stmt.Store(dot, st.indices(), stored(st, tangent(partials, operands, null)),
          st.kind(), null));
      code.add(st);
    } else {
      Var result = new Var(names.fresh(st.array().name() + "Value"), st.value().type(),
          Var.Role.TEMP);
      code.add(new Stmt.Declare(result, st.value()));
      code.add(new Stmt.Store(dot, st.indices(),
          stored(st, tangent(partials, operands, new Expr.Ref(result))), st.kind(), null));
      code.add(new Stmt.Store(st.array(), st.indices(), new Expr.Ref(result), st.kind(),
          st.origin()));
    }
  }

  /** {@code target = value}, declaring the target where the user's statement does. */
  private static Stmt assignment(Var target, Expr value, boolean declares, Origin origin) {
    return declares ? new Stmt.Declare(target, value) : new Stmt.Assign(target, value, origin);
  }

  /** A tangent stored with {@code =} into a float is narrowed; {@code +=} narrows itself. */
  private static Expr stored(Stmt.Store st, Expr tangent) {
    return st.kind() == Stmt.StoreKind.SET
        ? narrowedTo(st.array().type().element(), tangent) : tangent;
  }

  /** A tangent, computed in double, as assigned to a value of type {@code target}. */
  private static Expr narrowedTo(Type target, Expr tangent) {
    return target.isFloat() ? new Expr.Cast(Type.FLOAT, tangent) : tangent;
  }

  /**
   * Σ partial(operand's tangent): each template with {@code $g} bound to that tangent; a lone
   * {@code $g} (a copy) is the tangent itself.
   */
  private Expr tangent(List<Partial> partials, List<Expr> operands, Expr result) {
    List<Expr.Rule> terms = new ArrayList<>();
    for (Partial p : partials) {
      Expr g = tangents.of(operands.get(p.operand()));
      if (partials.size() == 1 && p.template().equals("$g")) {
        return g;
      }
      terms.add(RuleTerms.bound(p.template(), name -> switch (name) {
        case "g" -> g;
        case "r" -> result;
        default -> RuleTerms.inDouble(operands.get(Integer.parseInt(name)));
      }));
    }
    return terms.isEmpty() ? new Expr.Const("0.0", Type.DOUBLE)
        : terms.size() == 1 ? terms.get(0) : new Expr.Sum(terms);
  }

  private static boolean readsResult(Partial p) {
    boolean[] found = {false};
    Template.forEachPlaceholder(p.template(), name -> found[0] |= name.equals("r"));
    return found[0];
  }

  /** Another differentiable method: its frame's forward mode, output tangents in place. */
  private void throughFrame(Expr.Call call, Callee.Differentiable d, Var target,
      boolean declares, Origin origin, List<Stmt> code) {
    String frame = fields.calleeFrame(d);
    List<Expr> args = new ArrayList<>(call.args());
    List<Callee.Param> params = d.params();
    for (int i = 0; i < params.size(); i++) {
      Callee.Param p = params.get(i);
      if (p.differentiated()) {
        Expr t = tangents.of(call.args().get(i));
        args.add(t != null ? t : p.type().isArray() ? nothing(p.type()) : zero(p.type()));
      }
    }
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).out()) {
        Expr t = tangents.of(call.args().get(i));
        args.add(t != null ? t : nothing(params.get(i).type()));
      }
    }
    Expr invocation = new Expr.FrameCall(frame, GradClassWriter.JVP_IN_PLACE, args,
        d.returnsReal() ? call.type() : null);
    if (target != null && tangents.has(target)) {
      code.add(new Stmt.Assign(tangents.of(target), narrowedTo(target.type(), invocation),
          null));
    } else {
      code.add(new Stmt.Run(invocation));
    }
    if (target != null) {
      code.add(assignment(target, new Expr.Field(frame, "value", List.of(), call.type()),
          declares, origin));
    }
  }

  /** A custom derivative: the primal call, then its pushforward (or both at once). */
  private void throughPushforward(Stmt s, Expr.Call call, Callee.Custom c, Var target,
      boolean declares, List<Stmt> code) {
    if (c.jvp() != null && target == null) {
      code.add(new Stmt.Run(new Expr.Invoke(c.owner(), c.jvp(),
          pushforwardArguments(call, c, null), null)));
      return;
    }
    Var result = null;
    if (target != null) {
      boolean readByCall = call.args().stream().anyMatch(a -> Dependencies.baseVar(a) == target);
      if (readByCall) {
        result = new Var(names.fresh(target.name() + "Value"), call.type(), Var.Role.TEMP);
        code.add(new Stmt.Declare(result, call));
      } else {
        code.add(assignment(target, call, declares, s.origin()));
      }
    } else {
      code.add(new Stmt.Effect(call, s.origin()));
    }
    List<Expr> args = c.linear() ? linearArguments(call, c)
        : pushforwardArguments(call, c, result != null ? result : target);
    Expr push = new Expr.Invoke(c.owner(), c.pushforward(), args,
        c.returnsReal() ? call.type() : null);
    if (target != null && tangents.has(target)) {
      code.add(new Stmt.Assign(tangents.of(target), narrowedTo(target.type(), push), null));
    } else {
      code.add(new Stmt.Run(push));
    }
    if (result != null) {
      code.add(assignment(target, new Expr.Ref(result), declares, s.origin()));
    }
  }

  /**
   * A linear kernel's pushforward is the kernel: a tangent (zero where there is none) in place
   * of each differentiated argument, the output tangents in place of its outputs.
   */
  private List<Expr> linearArguments(Expr.Call call, Callee.Custom c) {
    List<Expr> args = new ArrayList<>();
    List<Callee.Param> params = c.params();
    for (int i = 0; i < params.size(); i++) {
      Callee.Param p = params.get(i);
      Expr arg = call.args().get(i);
      if (p.differentiated() || p.out()) {
        Expr t = tangents.of(arg);
        args.add(t != null ? t : p.type().isArray() ? scratch(arg, i) : zero(p.type()));
      } else {
        args.add(arg);
      }
    }
    return args;
  }

  /** The primal arguments, the result if used, the input tangents, the output tangents. */
  private List<Expr> pushforwardArguments(Expr.Call call, Callee.Custom c, Var result) {
    List<Expr> args = new ArrayList<>(call.args());
    if (c.usesResult()) {
      // the target may be wider than the kernel's result (a float kernel in a double
      // conditional): the value it holds is the result widened, narrowing it back is exact
      args.add(narrowedTo(call.type(), new Expr.Ref(result)));
    }
    List<Callee.Param> params = c.params();
    for (int i = 0; i < params.size(); i++) {
      Callee.Param p = params.get(i);
      if (p.differentiated()) {
        Expr arg = call.args().get(i);
        Expr t = tangents.of(arg);
        if (t == null && !p.type().isArray()) {
          t = zero(p.type());
        } else if (t == null) {
          t = c.skipsNullAdjoints() ? nothing(p.type()) : scratch(arg, i);
        }
        args.add(t);
      }
    }
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).out()) {
        Expr t = tangents.of(call.args().get(i));
        args.add(t != null ? t : scratch(call.args().get(i), i));
      }
    }
    return args;
  }

  /** A zero array shaped like {@code arg}, in a frame buffer, for a tangent nobody needs. */
  private Expr scratch(Expr arg, int position) {
    Type type = arg.type();
    String buffer = fields.buffer("scratchTangent" + (type.isFloat() ? "Float" : "")
        + (type.dims() == 2 ? "Matrix" : type.dims() == 3 ? "Blocks" : "") + position,
        TypeNames.of(type));
    return new Expr.ZerosLike(buffer, arg);
  }

  /** The zero of {@code type}'s elements, the tangent of a scalar that has none. */
  private static Expr zero(Type type) {
    return new Expr.Const(type.elementZero(), type.element());
  }

  /** {@code null}: an array tangent the callee takes as zero, or an output's nobody wants. */
  private static Expr nothing(Type type) {
    return new Expr.Const("null", type);
  }
}

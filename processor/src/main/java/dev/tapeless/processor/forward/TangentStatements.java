package dev.tapeless.processor.forward;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.tapeless.processor.emit.TypeNames;
import dev.tapeless.processor.analysis.BackwardReads;
import dev.tapeless.processor.analysis.Dependencies;
import dev.tapeless.processor.emit.GradClassWriter;
import dev.tapeless.processor.emit.JavaExprs;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import dev.tapeless.processor.reverse.ForwardSweep;
import dev.tapeless.processor.reverse.FrameFields;
import dev.tapeless.processor.emit.RuleWriter;
import dev.tapeless.processor.rules.Partial;
import dev.tapeless.processor.rules.RuleBook;
import dev.tapeless.processor.rules.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * The tangent of each statement, written next to it: a rule's partials read as the local linear
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
  public boolean write(Stmt s, String declared, CodeBlock.Builder code) {
    Expr.Call call = BackwardReads.derivativeCall(s);
    if (call != null) {
      if (Dependencies.of(s).written().stream().noneMatch(tangents::has)) {
        return false;
      }
      Var target = s instanceof Stmt.Assign a ? a.target() : null;
      if (call.callee() instanceof Callee.Differentiable d) {
        throughFrame(call, d, target, declared, code);
      } else {
        throughPushforward(call, (Callee.Custom) call.callee(), target, declared, code);
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
      assign((Stmt.Assign) s, operands, partials, readsResult, declared, code);
    }
    return true;
  }

  @Override
  public void after(Stmt s, CodeBlock.Builder code) {
    if (s instanceof Stmt.Assign a && a.value() instanceof Expr.NewArray n
        && tangents.has(a.target())) {
      String buffer = fields.buffer(tangents.of(a.target()) + "Buffer",
          TypeNames.of(a.target().type()));
      CodeBlock.Builder dims = CodeBlock.builder();
      for (Expr d : n.dimensions()) {
        dims.add(", $L", JavaExprs.write(d));
      }
      code.addStatement("$N = this.$N = $T.zeros(this.$N$L)", tangents.of(a.target()), buffer,
          FrameFields.BUFFERS, buffer, dims.build());
    }
  }

  /** {@code x = op(...)}: tangent first, unless the rule reads the result. */
  private void assign(Stmt.Assign a, List<Expr> operands, List<Partial> partials,
      boolean readsResult, String declared, CodeBlock.Builder code) {
    String target = a.target().name();
    String dot = tangents.of(a.target());
    CodeBlock value = JavaExprs.write(a.value());
    Type type = a.target().type();
    if (!readsResult) {
      code.addStatement("$N = $L", dot,
          JavaExprs.narrowedTo(type, tangent(partials, operands, null)));
      code.addStatement("$L$N = $L", declared, target, value);
    } else if (operands.stream().noneMatch(o -> o instanceof Expr.Ref r && r.var() == a.target())) {
      code.addStatement("$L$N = $L", declared, target, value);
      code.addStatement("$N = $L", dot, JavaExprs.narrowedTo(type,
          tangent(partials, operands, CodeBlock.of("$N", target))));
    } else {
      String result = names.fresh(target + "Value");
      code.addStatement("$T $N = $L", TypeNames.of(type), result, value);
      code.addStatement("$N = $L", dot, JavaExprs.narrowedTo(type,
          tangent(partials, operands, CodeBlock.of("$N", result))));
      code.addStatement("$L$N = $N", declared, target, result);
    }
  }

  /** {@code a[i] = op(...)}, {@code += } or {@code -=}, and scalar {@code x += op(...)}. */
  private void store(Stmt.Store st, List<Expr> operands, List<Partial> partials,
      boolean readsResult, CodeBlock.Builder code) {
    CodeBlock element = JavaExprs.element(st.array().name(), st.indices());
    CodeBlock dot = JavaExprs.element(tangents.of(st.array()), st.indices());
    String op = st.kind().symbol();
    if (partials.isEmpty()) {
      if (st.kind() == Stmt.StoreKind.SET) {
        code.addStatement("$L = $L", dot, st.array().type().elementZero());
      }
      code.addStatement("$L $L $L", element, op, JavaExprs.write(st.value()));
    } else if (!readsResult) {
      code.addStatement("$L $L $L", dot, op, stored(st, tangent(partials, operands, null)));
      code.addStatement("$L $L $L", element, op, JavaExprs.write(st.value()));
    } else {
      String result = names.fresh(st.array().name() + "Value");
      code.addStatement("$T $N = $L", TypeNames.of(st.value().type()), result,
          JavaExprs.write(st.value()));
      code.addStatement("$L $L $L", dot, op,
          stored(st, tangent(partials, operands, CodeBlock.of("$N", result))));
      code.addStatement("$L $L $N", element, op, result);
    }
  }

  /** A tangent stored with {@code =} into a float is narrowed; {@code +=} narrows itself. */
  private static CodeBlock stored(Stmt.Store st, CodeBlock tangent) {
    return st.kind() == Stmt.StoreKind.SET
        ? JavaExprs.narrowedTo(st.array().type().element(), tangent) : tangent;
  }

  /** Σ partial(operand's tangent): each template with {@code $g} bound to that tangent. */
  private CodeBlock tangent(List<Partial> partials, List<Expr> operands, CodeBlock result) {
    if (partials.isEmpty()) {
      return CodeBlock.of("0.0");
    }
    List<CodeBlock> terms = new ArrayList<>();
    for (Partial p : partials) {
      CodeBlock g = tangents.of(operands.get(p.operand()));
      terms.add(RuleWriter.render(p.template(), name -> switch (name) {
        case "g" -> g;
        case "r" -> result;
        default -> {
          Expr operand = operands.get(Integer.parseInt(name));
          yield RuleWriter.promoted(operand, JavaExprs.operand(operand));
        }
      }));
    }
    return CodeBlock.join(terms, " + ");
  }

  private static boolean readsResult(Partial p) {
    boolean[] found = {false};
    Template.forEachPlaceholder(p.template(), name -> found[0] |= name.equals("r"));
    return found[0];
  }

  /** Another differentiable method: its frame's forward mode, output tangents in place. */
  private void throughFrame(Expr.Call call, Callee.Differentiable d, Var target,
      String declared, CodeBlock.Builder code) {
    String frame = fields.calleeFrame(d);
    CodeBlock.Builder args = JavaExprs.arguments(call);
    List<Callee.Param> params = d.params();
    for (int i = 0; i < params.size(); i++) {
      Callee.Param p = params.get(i);
      if (p.differentiated()) {
        CodeBlock t = tangents.of(call.args().get(i));
        args.add(", $L", t != null ? t
            : CodeBlock.of(p.type().isArray() ? "null" : p.type().elementZero()));
      }
    }
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).out()) {
        CodeBlock t = tangents.of(call.args().get(i));
        args.add(", $L", t != null ? t : CodeBlock.of("null"));
      }
    }
    CodeBlock invocation = CodeBlock.of("this.$N.$L($L)", frame, GradClassWriter.JVP_IN_PLACE,
        args.build());
    if (target != null && tangents.has(target)) {
      code.addStatement("$N = $L", tangents.of(target),
          JavaExprs.narrowedTo(target.type(), invocation));
    } else {
      code.addStatement("$L", invocation);
    }
    if (target != null) {
      code.addStatement("$L$N = this.$N.value", declared, target.name(), frame);
    }
  }

  /** A custom derivative: the primal call, then its pushforward (or both at once). */
  private void throughPushforward(Expr.Call call, Callee.Custom c, Var target, String declared,
      CodeBlock.Builder code) {
    if (c.jvp() != null && target == null) {
      code.addStatement("$T.$N($L)", JavaExprs.owner(c.owner()), c.jvp(),
          pushforwardArguments(call, c, null).build());
      return;
    }
    CodeBlock primal = JavaExprs.write(call);
    String result = null;
    if (target != null) {
      boolean readByCall = call.args().stream().anyMatch(a -> Dependencies.baseVar(a) == target);
      if (readByCall) {
        result = names.fresh(target.name() + "Value");
        code.addStatement("$T $N = $L", TypeNames.of(call.type()), result, primal);
      } else {
        code.addStatement("$L$N = $L", declared, target.name(), primal);
      }
    } else {
      code.addStatement("$L", primal);
    }
    CodeBlock.Builder args = c.linear() ? linearArguments(call, c)
        : pushforwardArguments(call, c, result != null ? result : target != null ? target.name()
            : null);
    CodeBlock push = CodeBlock.of("$T.$N($L)", JavaExprs.owner(c.owner()), c.pushforward(),
        args.build());
    if (target != null && tangents.has(target)) {
      code.addStatement("$N = $L", tangents.of(target), JavaExprs.narrowedTo(target.type(), push));
    } else {
      code.addStatement("$L", push);
    }
    if (result != null) {
      code.addStatement("$L$N = $N", declared, target.name(), result);
    }
  }

  /**
   * A linear kernel's pushforward is the kernel: a tangent (zero where there is none) in place
   * of each differentiated argument, the output tangents in place of its outputs.
   */
  private CodeBlock.Builder linearArguments(Expr.Call call, Callee.Custom c) {
    CodeBlock.Builder args = CodeBlock.builder();
    List<Callee.Param> params = c.params();
    for (int i = 0; i < params.size(); i++) {
      Callee.Param p = params.get(i);
      Expr arg = call.args().get(i);
      CodeBlock value;
      if (p.differentiated() || p.out()) {
        value = tangents.of(arg);
        if (value == null) {
          value = p.type().isArray() ? scratch(arg, i) : CodeBlock.of(p.type().elementZero());
        }
      } else {
        value = JavaExprs.write(arg);
      }
      args.add(i == 0 ? "$L" : ", $L", value);
    }
    return args;
  }

  /** The primal arguments, the result if used, the input tangents, the output tangents. */
  private CodeBlock.Builder pushforwardArguments(Expr.Call call, Callee.Custom c,
      String result) {
    CodeBlock.Builder args = JavaExprs.arguments(call);
    if (c.usesResult()) {
      // the target may be wider than the kernel's result (a float kernel in a double
      // conditional): the value it holds is the result widened, narrowing it back is exact
      args.add(", $L", JavaExprs.narrowedTo(call.type(), CodeBlock.of("$N", result)));
    }
    List<Callee.Param> params = c.params();
    for (int i = 0; i < params.size(); i++) {
      Callee.Param p = params.get(i);
      if (p.differentiated()) {
        Expr arg = call.args().get(i);
        CodeBlock t = tangents.of(arg);
        if (t == null && !p.type().isArray()) {
          t = CodeBlock.of(p.type().elementZero());
        } else if (t == null) {
          t = c.skipsNullAdjoints() ? CodeBlock.of("null") : scratch(arg, i);
        }
        args.add(", $L", t);
      }
    }
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).out()) {
        CodeBlock t = tangents.of(call.args().get(i));
        args.add(", $L", t != null ? t : scratch(call.args().get(i), i));
      }
    }
    return args;
  }

  /** A zero array shaped like {@code arg}, for a tangent nobody needs. */
  private CodeBlock scratch(Expr arg, int position) {
    Type type = arg.type();
    String buffer = fields.buffer("scratchTangent" + (type.isFloat() ? "Float" : "")
        + (type.dims() == 2 ? "Matrix" : type.dims() == 3 ? "Blocks" : "") + position,
        TypeNames.of(type));
    return CodeBlock.of("(this.$N = $T.zerosLike(this.$N, $L))", buffer, FrameFields.BUFFERS,
        buffer, JavaExprs.write(arg));
  }
}

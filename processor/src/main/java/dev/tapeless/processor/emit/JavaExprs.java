package dev.tapeless.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Type;
import java.util.List;

/** Writes IR expressions as Java source, with imports handled by JavaPoet. */
public final class JavaExprs {
  private JavaExprs() {}

  public static CodeBlock write(Expr e) {
    if (e instanceof Expr.Ref r) {
      return CodeBlock.of("$N", r.var().name());
    } else if (e instanceof Expr.Const c) {
      return CodeBlock.of("$L", c.literal());
    } else if (e instanceof Expr.Unary u) {
      return CodeBlock.of("$L$L", u.op().symbol(), operand(u.operand()));
    } else if (e instanceof Expr.Binary b) {
      return CodeBlock.of("$L $L $L", operand(b.left()), b.op().symbol(), operand(b.right()));
    } else if (e instanceof Expr.Cast c) {
      return CodeBlock.of("($L) $L", c.type().javaName(), operand(c.operand()));
    } else if (e instanceof Expr.Conditional c) {
      return CodeBlock.of("$L ? $L : $L",
          operand(c.condition()), operand(c.whenTrue()), operand(c.whenFalse()));
    } else if (e instanceof Expr.StaticField f) {
      return CodeBlock.of("$T.$N", owner(f.owner()), f.name());
    } else if (e instanceof Expr.ArrayRead a) {
      return element(a.array(), a.indices());
    } else if (e instanceof Expr.Length l) {
      return l.array() instanceof Expr.Ref r && r.var().type().isList()
          ? CodeBlock.of("$N.size()", r.var().name())
          : CodeBlock.of("$L.length", operand(l.array()));
    } else if (e instanceof Expr.Rule r) {
      return RuleWriter.render(r.template(), name -> {
        Expr bound = r.bindings().get(name);
        return bound == null ? null : ruleOperand(bound);
      });
    } else if (e instanceof Expr.Sum sum) {
      CodeBlock.Builder b = CodeBlock.builder();
      for (Expr.Rule term : sum.terms()) {
        b.add(b.isEmpty() ? "$L" : " + $L", write(term));
      }
      return b.build();
    } else if (e instanceof Expr.Field f) {
      CodeBlock.Builder b = CodeBlock.builder().add("this.");
      if (f.frame() != null) {
        b.add("$N.", f.frame());
      }
      b.add("$L", f.name());
      for (Expr index : f.indices()) {
        b.add("[$L]", write(index));
      }
      return b.build();
    } else if (e instanceof Expr.Member m) {
      return CodeBlock.of("$N.$L", m.object().name(), m.name());
    } else if (e instanceof Expr.ZerosLike z) {
      return CodeBlock.of("this.$N = $T.zerosLike(this.$N, $L)", z.buffer(), JavaStmts.BUFFERS,
          z.buffer(), write(z.like()));
    } else if (e instanceof Expr.FrameCall c && c.frame() == null) {
      // the backward sweep's call, with a long list of locals: wrapped at the right margin
      CodeBlock.Builder args = CodeBlock.builder();
      for (int i = 0; i < c.args().size(); i++) {
        args.add(i == 0 ? "$L" : ",$W$L", write(c.args().get(i)));
      }
      return CodeBlock.of("this.$L($L)", c.method(), args.build());
    } else if (e instanceof Expr.FrameCall c) {
      return CodeBlock.of("this.$N.$L($L)", c.frame(), c.method(), arguments(c.args()));
    } else if (e instanceof Expr.Invoke c) {
      return CodeBlock.of("$T.$N($L)", owner(c.owner()), c.method(), arguments(c.args()));
    } else if (e instanceof Expr.Buffered b) {
      CodeBlock.Builder dims = CodeBlock.builder();
      for (Expr d : b.array().dimensions()) {
        dims.add(", $L", write(d));
      }
      return b.again() == null
          ? CodeBlock.of("this.$N = $T.zeros(this.$N$L)", b.buffer(), JavaStmts.BUFFERS,
              b.buffer(), dims.build())
          : CodeBlock.of("this.$N = $T.zerosAgain(this.$N, $N, $S$L)", b.buffer(),
              JavaStmts.BUFFERS, b.buffer(), b.again().name(), b.again().name(), dims.build());
    }
    Expr.Call c = (Expr.Call) e;
    if (c.callee() instanceof dev.tapeless.processor.ir.Callee.Opaque o && o.onObject()) {
      return objectCall(c, o);
    }
    return CodeBlock.of("$T.$N($L)",
        owner(c.callee().owner()), c.callee().name(), arguments(c).build());
  }

  /** {@code rng.nextGaussian()} or {@code cfg.scale}: the first argument is the object. */
  private static CodeBlock objectCall(Expr.Call c, dev.tapeless.processor.ir.Callee.Opaque o) {
    CodeBlock receiver = operand(c.args().get(0));
    if (o.form() == dev.tapeless.processor.ir.Callee.Opaque.Form.OBJECT_FIELD) {
      return CodeBlock.of("$L.$N", receiver, o.name());
    }
    CodeBlock.Builder args = CodeBlock.builder();
    for (int i = 1; i < c.args().size(); i++) {
      args.add(i == 1 ? "$L" : ", $L", write(c.args().get(i)));
    }
    return CodeBlock.of("$L.$N($L)", receiver, o.name(), args.build());
  }

  /** A call's arguments, comma-separated. */
  private static CodeBlock.Builder arguments(Expr.Call call) {
    return CodeBlock.builder().add(arguments(call.args()));
  }

  /**
   * Arguments, comma-separated; a frame's buffer made in place of one (a scratch tangent) is
   * an assignment, written in parentheses.
   */
  private static CodeBlock arguments(List<Expr> args) {
    CodeBlock.Builder out = CodeBlock.builder();
    for (int i = 0; i < args.size(); i++) {
      Expr arg = args.get(i);
      CodeBlock written = arg instanceof Expr.ZerosLike || arg instanceof Expr.Buffered
          ? CodeBlock.of("($L)", write(arg)) : write(arg);
      out.add(i == 0 ? "$L" : ", $L", written);
    }
    return out.build();
  }

  /** The class an {@code Owners}-encoded owner ({@code package/Outer.Inner}) names. */
  public static ClassName owner(String owner) {
    int slash = owner.indexOf('/');
    String[] names = owner.substring(slash + 1).split("\\.");
    return ClassName.get(owner.substring(0, slash), names[0],
        java.util.Arrays.copyOfRange(names, 1, names.length));
  }

  /**
   * {@code array[i][j]}, or {@code xs.get(i)[j]} when {@code array} is a list of arrays: an
   * element or row of a primal.
   */
  public static CodeBlock element(dev.tapeless.processor.ir.Var array, List<Expr> indices) {
    if (!array.type().isList() || indices.isEmpty()) {
      return element(array.name(), indices);
    }
    CodeBlock.Builder b = CodeBlock.builder().add("$N.get($L)", array.name(),
        write(indices.get(0)));
    for (Expr index : indices.subList(1, indices.size())) {
      b.add("[$L]", write(index));
    }
    return b.build();
  }

  /** {@code name[i][j]}: an element of a primal array or of an adjoint array. */
  public static CodeBlock element(String array, List<Expr> indices) {
    CodeBlock.Builder b = CodeBlock.builder().add("$N", array);
    for (Expr index : indices) {
      b.add("[$L]", write(index));
    }
    return b.build();
  }

  /**
   * A value bound to a rule's placeholder: an operand, or its promotion to double written
   * {@code ((double) i)} (see {@code rules.RuleTerms#inDouble}).
   */
  private static CodeBlock ruleOperand(Expr e) {
    return e instanceof Expr.Cast ? CodeBlock.of("($L)", write(e)) : operand(e);
  }

  /** An expression in operand position: parenthesized unless it is an atom. */
  public static CodeBlock operand(Expr e) {
    boolean atom = e instanceof Expr.Ref || e instanceof Expr.StaticField || e instanceof Expr.Call
        || e instanceof Expr.ArrayRead || e instanceof Expr.Length || e instanceof Expr.Field
        || e instanceof Expr.Member || e instanceof Expr.FrameCall || e instanceof Expr.Invoke
        || (e instanceof Expr.Const c && !c.literal().startsWith("-")
            && !c.literal().startsWith("("));
    return atom ? write(e) : CodeBlock.of("($L)", write(e));
  }
}

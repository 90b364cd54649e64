package dev.tapeless.processor.inlining;

import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.BackwardReads;
import dev.tapeless.processor.analysis.Dependencies;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Replaces each call to another {@code @Differentiable} method by the callee's body, its
 * variables renamed. Second order needs one program (the tangent program of a caller then needs
 * no second-order entry point in the callee's frame); reverse mode inlines small callees for
 * speed (see {@code MethodCompiler}). Only callees whose source is in this compilation can be
 * inlined; an array argument must be an array variable or a row.
 *
 * @param method the method with its calls inlined
 * @param unsupported why a call could not be inlined (null when every one was)
 * @param inlinedAny whether a call was inlined: the callees' own calls then remain, for the
 *     next pass
 */
public record CalleeInliner(IrMethod method, String unsupported, boolean inlinedAny) {

  /**
   * {@code ir} with its calls to differentiable methods inlined, one level; {@code bodies} gives a
   * callee's IR, or null when its source is not available; {@code constant} tells whether an
   * argument of {@code ir}'s own calls carries no derivative.
   */
  public static CalleeInliner inline(IrMethod ir,
      Function<Callee.Differentiable, IrMethod> bodies, Predicate<Expr> constant) {
    State state = new State(new NameTable(ir.usedNames()), bodies, constant);
    Stmt.Block body = state.block(ir.body());
    IrMethod method = new IrMethod(ir.name(), ir.parameters(), body, ir.result(),
        state.names.snapshot());
    return new CalleeInliner(method, state.unsupported, state.inlined);
  }

  /**
   * One pass of {@link #inline} where an argument carries no derivative when no variable
   * varied by {@code inputs} in {@code ir} (toward {@code outputs}) reaches it.
   */
  public static CalleeInliner inlineOnce(IrMethod ir, List<Var> inputs, List<Var> outputs,
      Function<Callee.Differentiable, IrMethod> bodies) {
    Activity activity = Activity.of(ir, inputs, outputs);
    return inline(ir, bodies, arg -> {
      Var v = Dependencies.baseVar(arg);
      return v == null || !activity.isVaried(v);
    });
  }

  private static final class State {
    final NameTable names;
    final Function<Callee.Differentiable, IrMethod> bodies;
    final Predicate<Expr> constant;
    String unsupported;
    boolean inlined;

    State(NameTable names, Function<Callee.Differentiable, IrMethod> bodies,
        Predicate<Expr> constant) {
      this.names = names;
      this.bodies = bodies;
      this.constant = constant;
    }

    Stmt.Block block(Stmt.Block b) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : b.statements()) {
        statement(s, out);
      }
      return new Stmt.Block(out);
    }

    void statement(Stmt s, List<Stmt> out) {
      if (s instanceof Stmt.Block b) {
        out.add(block(b));
      } else if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.condition(), block(i.thenBlock()), block(i.elseBlock()),
            i.origin()));
      } else if (s instanceof Stmt.For f) {
        out.add(new Stmt.For(f.index(), f.first(), f.bound(), f.direction(),
            block(f.body()), f.origin()));
      } else if (s instanceof Stmt.Loop l) {
        out.add(new Stmt.Loop(l.counter(), block(l.body()), l.origin()));
      } else if (BackwardReads.derivativeCall(s) != null
          && BackwardReads.derivativeCall(s).callee() instanceof Callee.Differentiable d) {
        Expr.Call call = BackwardReads.derivativeCall(s);
        String why = inlineCall(s, call, d, out);
        if (why != null) {
          unsupported = unsupported != null ? unsupported : "it calls "
              + d.owner().substring(d.owner().indexOf('/') + 1) + "." + d.name() + ", " + why;
          out.add(s);
        }
      } else {
        out.add(s);
      }
    }

    /** Appends the callee's body in place of the call; returns why not, or null. */
    private String inlineCall(Stmt s, Expr.Call call, Callee.Differentiable d,
        List<Stmt> out) {
      IrMethod callee = bodies.apply(d);
      if (callee == null) {
        return "whose source is not in this compilation (second order goes through calls by"
            + " reading the callee's body)";
      }
      Renaming renaming = new Renaming(names);
      List<Stmt> copyIn = new ArrayList<>();
      for (int i = 0; i < callee.parameters().size(); i++) {
        Var p = callee.parameters().get(i);
        Expr arg = call.args().get(i);
        Callee.Param declared = d.params().get(i);
        if (p.type().carriesDerivative() && !declared.differentiated() && !declared.out()
            && !constant.test(arg)) {
          // inlined, the value would carry a derivative the callee declares it does not take
          return "passing a value that may vary to its @NoDerivative parameter " + p.name();
        }
        if (p.type().isArray()) {
          if (arg instanceof Expr.Ref r) {
            renaming.bind(p, r.var());
          } else if (arg instanceof Expr.ArrayRead row) {
            renaming.bindRow(p, row);
          } else {
            return "passing it an array expression rather than an array variable or a row";
          }
        } else {
          Var local = renaming.fresh(p);
          copyIn.add(new Stmt.Assign(local, arg, s.origin()));
        }
      }
      out.addAll(copyIn);
      // the callee's own calls are inlined by the next pass, with the activity of this program
      out.addAll(renaming.block(callee.body()).statements());
      inlined = true;
      if (s instanceof Stmt.Assign a) {
        out.add(new Stmt.Assign(a.target(), new Expr.Ref(renaming.of(callee.result())),
            s.origin()));
      }
      return null;
    }
  }
}

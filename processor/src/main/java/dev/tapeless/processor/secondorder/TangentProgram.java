package dev.tapeless.processor.secondorder;

import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.BackwardReads;
import dev.tapeless.processor.analysis.Dependencies;
import dev.tapeless.processor.frontend.DifferentiableSignature;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import dev.tapeless.processor.rules.Partial;
import dev.tapeless.processor.rules.RuleBook;
import dev.tapeless.processor.rules.RuleTerms;
import dev.tapeless.processor.rules.Template;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Forward mode as an IR-to-IR pass: the method with the tangent of every varied value
 * computed beside it, in the same three-address IR, from the same rules (their smooth
 * templates, read by {@link TemplateIr}). Its result is the directional derivative
 * {@code ∇f(x)·v}; reverse mode applied to it gives {@code ∇(∇f·v) = H v}, the Hessian-vector
 * product, with {@code v} held constant.
 *
 * @param method the tangent program: the method's parameters, then a direction per
 *     differentiated parameter; its result is the directional derivative
 * @param directions the direction parameters, in the order of the differentiated parameters
 * @param value the original result, which the tangent program computes on the way
 * @param unsupported why there is no tangent program (null when there is one)
 */
public record TangentProgram(IrMethod method, List<Var> directions, Var value,
    String unsupported) {

  /**
   * The tangent program of {@code ir}, or one whose {@link #unsupported} says why not.
   * {@code secondOrder} gives the pushforward of a kernel as a callee with its own pullback,
   * or null when it has none.
   */
  public static TangentProgram of(DifferentiableSignature sig, IrMethod ir,
      Function<Callee.Custom, Callee.Custom> secondOrder) {
    List<Var> differentiated = new ArrayList<>();
    for (int i = 0; i < ir.parameters().size(); i++) {
      if (sig.params().get(i).differentiated()) {
        differentiated.add(ir.parameters().get(i));
      }
    }
    Activity activity = Activity.of(ir, differentiated, List.of(ir.result()));
    return new Builder(ir, activity, differentiated, secondOrder).build();
  }

  /**
   * A guarded rule's term: a zero tangent contributes zero where the partial is infinite or NaN
   * (an unused {@code Math.sqrt(0)} in one direction), as in first order; where the partial is
   * finite the product is taken whatever the tangent, so that reverse mode sees its derivative
   * also at a point where the tangent happens to be zero ({@code sqrt(x*x + 1)} at 0).
   */
  static final String HYGIENE = "($p - $p == 0.0 || $g != 0.0 ? $g * $p : 0.0)";

  private static final class Builder {
    private final IrMethod ir;
    private final Activity activity;
    private final List<Var> differentiated;
    private final NameTable names;
    private final Function<Callee.Custom, Callee.Custom> secondOrder;
    private final Map<Var, Var> tangents = new IdentityHashMap<>();
    private String unsupported;

    Builder(IrMethod ir, Activity activity, List<Var> differentiated,
        Function<Callee.Custom, Callee.Custom> secondOrder) {
      this.secondOrder = secondOrder;
      this.ir = ir;
      this.activity = activity;
      this.differentiated = differentiated;
      this.names = new NameTable(ir.usedNames());
    }

    TangentProgram build() {
      List<Var> parameters = new ArrayList<>(ir.parameters());
      List<Var> directions = new ArrayList<>();
      List<Stmt> body = new ArrayList<>();
      for (Var p : differentiated) {
        Var d = new Var(names.fresh(p.name() + "Direction"), p.type(), Var.Role.PARAMETER);
        directions.add(d);
        parameters.add(d);
        if (!carries(p)) {
          continue;
        }
        if (p.type().isArray()) {
          tangents.put(p, d); // read only: a parameter written in the body is refused below
        } else {
          // a local, so that assigning the parameter never assigns the direction
          Var dot = new Var(names.fresh(p.name() + "Dot"), p.type(), Var.Role.LOCAL);
          body.add(new Stmt.Assign(dot, new Expr.Ref(d), null));
          tangents.put(p, dot);
        }
      }
      for (Stmt s : Statements.all(ir.body())) {
        if (s instanceof Stmt.Store st && st.array().role() == Var.Role.PARAMETER
            && st.array().type().isArray() && differentiated.contains(st.array())) {
          unsupported = "it writes into its parameter " + st.array().name();
        }
        for (Var w : Dependencies.of(s).written()) {
          if (carries(w) && !tangents.containsKey(w)) {
            if (w.type().isArray() && w.role() == Var.Role.PARAMETER) {
              unsupported = "it writes values that vary into the parameter " + w.name();
            }
            Var dot = new Var(names.fresh(w.name() + "Dot"), w.type(), Var.Role.LOCAL);
            tangents.put(w, dot);
            if (!w.type().isArray()) {
              body.add(new Stmt.Assign(dot, zero(w.type()), null));
            }
          }
        }
      }
      body.addAll(block(ir.body()).statements());
      Var result = new Var(names.fresh("directional"), Type.DOUBLE, Var.Role.RESULT);
      Var resultDot = tangents.get(ir.result());
      body.add(new Stmt.Assign(result, resultDot != null ? new Expr.Ref(resultDot)
          : new Expr.Const("0.0", Type.DOUBLE), null));
      IrMethod method = new IrMethod(ir.name() + "Directional", parameters,
          new Stmt.Block(body), result, names.snapshot());
      return new TangentProgram(method, directions, ir.result(), unsupported);
    }

    private boolean carries(Var v) {
      return v.type().carriesDerivative() && activity.isVaried(v) && activity.isUseful(v);
    }

    private Stmt.Block block(Stmt.Block b) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : b.statements()) {
        statement(s, out);
      }
      return new Stmt.Block(out);
    }

    private void statement(Stmt s, List<Stmt> out) {
      if (s instanceof Stmt.Block b) {
        out.add(block(b));
      } else if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.condition(), block(i.thenBlock()), block(i.elseBlock()),
            i.origin()));
      } else if (s instanceof Stmt.For f) {
        out.add(new Stmt.For(f.index(), f.first(), f.bound(), f.direction(), block(f.body()),
            f.origin()));
      } else if (s instanceof Stmt.Loop l) {
        out.add(new Stmt.Loop(l.counter(), block(l.body()), l.origin()));
      } else if (BackwardReads.derivativeCall(s) != null
          && Dependencies.of(s).written().stream().anyMatch(tangents::containsKey)) {
        Expr.Call call = BackwardReads.derivativeCall(s);
        Callee.Custom pushforward = call.callee() instanceof Callee.Custom c
            ? secondOrder.apply(c) : null;
        if (pushforward != null) {
          throughPushforward(s, call, (Callee.Custom) call.callee(), pushforward, out);
        } else {
          unsupported = "it calls " + display(call) + (call.callee() instanceof Callee.Custom
              ? ", whose pushforward has no @CustomDerivative of its own (second order goes"
                  + " through a kernel by differentiating its pushforward)"
              : ", and second derivatives do not go through calls to other @Differentiable"
                  + " methods yet: write the callee's computation inline");
          out.add(s);
        }
      } else if (s instanceof Stmt.Assign a) {
        assign(a, out);
      } else if (s instanceof Stmt.Store st) {
        store(st, out);
      } else {
        out.add(s);
      }
    }

    private void assign(Stmt.Assign a, List<Stmt> out) {
      Var dot = tangents.get(a.target());
      if (dot == null) {
        out.add(a);
        return;
      }
      if (a.value() instanceof Expr.NewArray n) {
        out.add(a);
        out.add(new Stmt.Assign(dot, n, a.origin()));
        return;
      }
      if (a.target().type().isArray()) {
        unsupported = "it assigns the array " + a.target().name() + " other than with new";
        out.add(a);
        return;
      }
      List<Expr> operands = Operands.of(a.value());
      List<Partial> partials = partials(a.value(), operands);
      if (!readsResult(partials)) {
        Expr tangent = tangent(partials, operands, null, a, out);
        out.add(new Stmt.Assign(dot, as(dot.type(), tangent), a.origin()));
        out.add(a);
      } else if (operands.stream().noneMatch(o -> o instanceof Expr.Ref r
          && r.var() == a.target())) {
        out.add(a);
        out.add(new Stmt.Assign(dot, as(dot.type(), tangent(partials, operands,
            new Expr.Ref(a.target()), a, out)), a.origin()));
      } else {
        Var value = new Var(names.fresh(a.target().name() + "Value"), a.value().type(),
            Var.Role.TEMP);
        out.add(new Stmt.Assign(value, a.value(), a.origin()));
        out.add(new Stmt.Assign(dot, as(dot.type(), tangent(partials, operands,
            new Expr.Ref(value), a, out)), a.origin()));
        out.add(new Stmt.Assign(a.target(), new Expr.Ref(value), a.origin()));
      }
    }

    private void store(Stmt.Store st, List<Stmt> out) {
      Var dot = tangents.get(st.array());
      if (dot == null) {
        out.add(st);
        return;
      }
      List<Expr> operands = Operands.of(st.value());
      List<Partial> partials = partials(st.value(), operands);
      if (partials.isEmpty()) {
        if (st.kind() == Stmt.StoreKind.SET) {
          out.add(new Stmt.Store(dot, st.indices(), zero(dot.type()),
              Stmt.StoreKind.SET, st.origin()));
        }
        out.add(st);
      } else if (!readsResult(partials)) {
        Expr tangent = tangent(partials, operands, null, st, out);
        out.add(new Stmt.Store(dot, st.indices(), stored(st, dot, tangent), st.kind(),
            st.origin()));
        out.add(st);
      } else {
        Var value = new Var(names.fresh(st.array().name() + "Value"), st.value().type(),
            Var.Role.TEMP);
        out.add(new Stmt.Assign(value, st.value(), st.origin()));
        Expr tangent = tangent(partials, operands, new Expr.Ref(value), st, out);
        out.add(new Stmt.Store(dot, st.indices(), stored(st, dot, tangent), st.kind(),
            st.origin()));
        out.add(new Stmt.Store(st.array(), st.indices(), new Expr.Ref(value), st.kind(),
            st.origin()));
      }
    }

    /** A zero of the type of {@code v}'s elements. */
    private static Expr zero(Type v) {
      return new Expr.Const(v.elementZero(), v.element());
    }

    /** The tangent (computed in double) as a value of the tangent variable's type. */
    private static Expr as(Type type, Expr tangent) {
      return tangent.type().equals(type) || !type.isFloat() ? tangent
          : new Expr.Cast(type, tangent);
    }

    /** Only {@code =} narrows explicitly; {@code +=} into a float element narrows by itself. */
    private static Expr stored(Stmt.Store st, Var dot, Expr tangent) {
      return st.kind() == Stmt.StoreKind.SET ? as(dot.type().element(), tangent) : tangent;
    }

    /**
     * A kernel call, then its pushforward, itself a custom-derivative primal so that reverse
     * mode can differentiate it: arguments, the result if the kernel's rules use it, a tangent
     * per differentiated parameter ({@code null} for a zero array where allowed), the output
     * tangents.
     */
    private void throughPushforward(Stmt s, Expr.Call call, Callee.Custom c,
        Callee.Custom pushforward, List<Stmt> out) {
      Var target = s instanceof Stmt.Assign a ? a.target() : null;
      Var held = null;
      // held in a variable of the call's own type when the call reads its target, or when the
      // target is wider (a float kernel in a double conditional): the pushforward then takes
      // the result as a variable, whose adjoint reverse mode keeps
      if (target != null && (!target.type().equals(call.type()) || call.args().stream()
          .anyMatch(arg -> Dependencies.baseVar(arg) == target))) {
        held = new Var(names.fresh(target.name() + "Value"), call.type(), Var.Role.TEMP);
        out.add(new Stmt.Assign(held, call, s.origin()));
      } else {
        out.add(s);
      }
      List<Expr> args = c.linear() ? linearArguments(call, c)
          : pushforwardArguments(call, c, held != null ? held : target);
      Expr.Call push = new Expr.Call(pushforward, args,
          pushforward.returnsReal() ? call.type() : Type.INT, call.site());
      Var dot = target != null ? tangents.get(target) : null;
      if (dot != null) {
        out.add(new Stmt.Assign(dot, push, s.origin()));
      } else {
        out.add(new Stmt.Effect(push, s.origin()));
      }
      if (held != null) {
        out.add(new Stmt.Assign(target, new Expr.Ref(held), s.origin()));
      }
    }

    /**
     * A linear kernel called on the tangents: its differentiated arguments and outputs replaced
     * by their tangents, the others as given.
     */
    private List<Expr> linearArguments(Expr.Call call, Callee.Custom c) {
      List<Expr> args = new ArrayList<>();
      List<Callee.Param> params = c.params();
      for (int i = 0; i < params.size(); i++) {
        Callee.Param p = params.get(i);
        Expr arg = call.args().get(i);
        if (!p.differentiated() && !p.out()) {
          args.add(arg);
          continue;
        }
        Expr t = tangentOf(arg);
        if (t == null && !p.type().isArray()) {
          t = zero(p.type());
        } else if (t == null) {
          unsupported = "it calls the linear " + display(call) + " with an array that has no"
              + " derivative";
          t = new Expr.Const("null", p.type());
        }
        args.add(t);
      }
      return args;
    }

    /** The primal arguments, the result if used, the input tangents, the output tangents. */
    private List<Expr> pushforwardArguments(Expr.Call call, Callee.Custom c, Var result) {
      List<Expr> args = new ArrayList<>(call.args());
      if (c.usesResult()) {
        args.add(new Expr.Ref(result));
      }
      List<Callee.Param> params = c.params();
      for (int i = 0; i < params.size(); i++) {
        Callee.Param p = params.get(i);
        if (p.differentiated()) {
          Expr t = tangentOf(call.args().get(i));
          if (t == null && !p.type().isArray()) {
            t = zero(p.type());
          } else if (t == null && c.skipsNullAdjoints()) {
            t = new Expr.Const("null", p.type());
          } else if (t == null) {
            unsupported = "it calls " + display(call) + " with an argument that has no"
                + " derivative, and the kernel does not accept null tangents";
            t = new Expr.Const("null", p.type());
          }
          args.add(t);
        }
      }
      for (int i = 0; i < params.size(); i++) {
        if (params.get(i).out()) {
          Expr t = tangentOf(call.args().get(i));
          if (t == null) {
            unsupported = "it calls " + display(call) + " and uses only some of its outputs";
            t = new Expr.Const("null", params.get(i).type());
          }
          args.add(t);
        }
      }
      return args;
    }

    private static String display(Expr.Call call) {
      String owner = call.callee().owner();
      return owner.substring(owner.indexOf('/') + 1) + "." + call.callee().name();
    }

    /** The rule's partials for the operands that have a tangent. */
    private List<Partial> partials(Expr value, List<Expr> operands) {
      List<Partial> out = new ArrayList<>();
      if (value.type().isReal()) {
        for (Partial p : RuleBook.ruleFor(value).partials()) {
          if (tangentOf(operands.get(p.operand())) != null) {
            out.add(p);
          }
        }
      }
      return out;
    }

    /**
     * Σ partial(operand's tangent), appended to {@code out} as IR; returns its atom. An operand
     * the statement reads twice ({@code r - r}) has its partials summed before they multiply
     * its tangent ({@link RuleTerms#byOperand}): {@code rDot * (1.0 + -1.0)} is exactly 0, so
     * reverse mode over it adds nothing to {@code rDot}'s adjoint.
     */
    private Expr tangent(List<Partial> partials, List<Expr> operands, Expr result, Stmt at,
        List<Stmt> out) {
      Expr sum = null;
      for (Map.Entry<Expr, List<Partial>> e : RuleTerms.byOperand(partials, operands)
          .entrySet()) {
        Expr g = tangentOf(e.getKey());
        // the partials themselves (templates are linear in $g), then their product with the
        // tangent
        Expr partial = null;
        boolean guarded = false;
        for (Partial p : e.getValue()) {
          Expr one = TemplateIr.lower(p.smooth(), name -> switch (name) {
            case "g" -> new Expr.Const("1.0", Type.DOUBLE);
            case "r" -> result;
            default -> operands.get(Integer.parseInt(name));
          }, names, at.origin(), out);
          partial = partial == null ? one : added(partial, one, at, out);
          guarded |= p.guarded();
        }
        Expr coefficient = partial;
        Expr term = TemplateIr.lower(guarded ? HYGIENE : "$g * $p",
            name -> name.equals("g") ? g : coefficient, names, at.origin(), out);
        sum = sum == null ? term : added(sum, term, at, out);
      }
      return sum != null ? sum : new Expr.Const("0.0", Type.DOUBLE);
    }

    /** {@code a + b} in a temporary of its own, appended to {@code out}; returns it. */
    private Expr added(Expr a, Expr b, Stmt at, List<Stmt> out) {
      Var t = new Var(names.numbered("u"), Type.DOUBLE, Var.Role.TEMP);
      out.add(new Stmt.Assign(t, new Expr.Binary(BinaryOp.ADD, a, b, Type.DOUBLE), at.origin()));
      return new Expr.Ref(t);
    }

    /** {@code xDot}, or the element {@code wDot[i]}; null when the tangent is zero. */
    private Expr tangentOf(Expr operand) {
      if (operand instanceof Expr.Ref r && tangents.containsKey(r.var())) {
        return new Expr.Ref(tangents.get(r.var()));
      } else if (operand instanceof Expr.ArrayRead a && tangents.containsKey(a.array())) {
        return new Expr.ArrayRead(tangents.get(a.array()), a.indices(), a.type());
      }
      return null;
    }

    private static boolean readsResult(List<Partial> partials) {
      boolean[] found = {false};
      for (Partial p : partials) {
        Template.forEachPlaceholder(p.smooth(), name -> found[0] |= name.equals("r"));
      }
      return found[0];
    }
  }
}

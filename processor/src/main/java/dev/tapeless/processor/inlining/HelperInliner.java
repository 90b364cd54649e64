package dev.tapeless.processor.inlining;

import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.CallChecks;
import dev.tapeless.processor.analysis.Dependencies;
import dev.tapeless.processor.diagnostics.CompileError;
import dev.tapeless.processor.diagnostics.Diagnostic;
import dev.tapeless.processor.frontend.CopiedHelpers;
import dev.tapeless.processor.frontend.DifferentiableSignature;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Origin;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;

/**
 * Differentiates helpers, Clad-style: a method that is neither {@code @Differentiable} nor
 * {@code @CustomDerivative}, whose source is in this compilation, called with an argument that
 * carries a derivative (a call that would otherwise be {@code TL108}), is replaced by its body,
 * its variables renamed, as if the user had written it in place. Passes repeat with the
 * activity of the program so far until no call to a helper loses a derivative, so helpers
 * calling helpers are inlined too. Calls whose arguments carry no derivative stay plain calls.
 *
 * <p>Inlining rather than a frame per helper: nothing new is generated, so no class that the
 * two-round design has not written yet is named, no API appears on the helper's class, and the
 * caller's frame allocates nothing more. The cost is code size (a helper called twice is
 * copied twice), which the caller's size checks cover.
 */
public final class HelperInliner {
  /**
   * Why a helper is differentiated.
   *
   * @param rootSite the call in the {@code @Differentiable} method that leads to it
   * @param chain the methods from the {@code @Differentiable} one to the helper, for messages
   */
  public record Use(Origin rootSite, String chain) {}

  /** More inlined calls than this is runaway growth (a deep tree of helpers), not a program. */
  private static final int MAX_INLINED = 1000;

  private final HelperBodies bodies;
  private final ExecutableElement root;
  private final Map<Expr.Call, List<ExecutableElement>> chains = new IdentityHashMap<>();
  private final Map<Expr.Call, Origin> rootSites = new IdentityHashMap<>();
  private final Map<ExecutableElement, Use> uses = new LinkedHashMap<>();
  private int inlined;

  public HelperInliner(HelperBodies bodies, ExecutableElement root) {
    this.bodies = bodies;
    this.root = root;
  }

  /** Why each helper inlined so far (or tried) is differentiated. */
  public Use useOf(ExecutableElement helper) {
    return uses.get(helper);
  }

  /**
   * {@code ir} with every helper call that would lose a derivative inlined.
   *
   * @param writable whether the method may write an array variable (a local, an {@code @Out})
   * @throws CompileError on a call that cannot be inlined
   * @throws HelperBodies.Rejected when a helper's body has errors
   */
  public IrMethod inline(IrMethod ir, List<Var> seeds, List<Var> outputs,
      Predicate<Var> writable) {
    while (true) {
      Pass pass = new Pass(Activity.throughCallsWithoutRule(ir, seeds, outputs), new NameTable(ir.usedNames()),
          writable);
      Stmt.Block body = pass.block(ir.body(), 0);
      if (!pass.changed) {
        UncallableCalls.check(ir, bodies::methodOf, HelperInliner.this::declarationObstacle);
        return ir;
      }
      ir = new IrMethod(ir.name(), ir.parameters(), body, ir.result(), pass.names.snapshot());
    }
  }

  /** One walk over the method, inlining the helper calls the activity says lose a derivative. */
  private final class Pass {
    final Activity activity;
    final NameTable names;
    final Predicate<Var> writable;
    boolean changed;

    Pass(Activity activity, NameTable names, Predicate<Var> writable) {
      this.activity = activity;
      this.names = names;
      this.writable = writable;
    }

    /** {@code nested}: how many branches and loops hold {@code b}. */
    Stmt.Block block(Stmt.Block b, int nested) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : b.statements()) {
        statement(s, nested, out);
      }
      return new Stmt.Block(out);
    }

    void statement(Stmt s, int nested, List<Stmt> out) {
      if (s instanceof Stmt.Block b) {
        out.add(block(b, nested));
      } else if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.condition(), block(i.thenBlock(), nested + 1),
            block(i.elseBlock(), nested + 1), i.origin()));
      } else if (s instanceof Stmt.For f) {
        out.add(new Stmt.For(f.index(), f.first(), f.bound(), f.direction(),
            block(f.body(), nested + 1), f.origin(), f.checkpoint()));
      } else if (s instanceof Stmt.Loop l) {
        out.add(new Stmt.Loop(l.counter(), block(l.body(), nested + 1), l.origin()));
      } else {
        Expr.Call call = helperCall(s);
        List<Expr.Call> hoisted = call != null ? List.of() : CallHoisting.of(s, this::mustCopy);
        if (call != null) {
          inlineCall(s, call, nested, out);
          changed = true;
        } else if (!hoisted.isEmpty()) {
          // each into a temporary of its own, copied by the next pass
          Map<Expr.Call, Expr> swaps = new IdentityHashMap<>();
          for (Expr.Call c : hoisted) {
            Var t = new Var(names.numbered("t"), c.type(), Var.Role.TEMP);
            out.add(new Stmt.Assign(t, c, s.origin()));
            swaps.put(c, new Expr.Ref(t));
          }
          out.add(CallSwap.replace(s, swaps));
          changed = true;
        } else {
          out.add(withFencedHelpers(s));
        }
      }
    }

    /**
     * {@code s} with its other helper calls that are given an array carrying a derivative (in a
     * condition, an index, an integer cast: their results carry none) marked fenced, once
     * their bodies pass the checks of a {@code @Differentiable} method: such a helper changes
     * only its {@code @Out} arrays, so the call stays a plain call, as a call to an annotated
     * method would, rather than being rejected for what it might write ({@code TL108}).
     */
    private Stmt withFencedHelpers(Stmt s) {
      Map<Expr.Call, Expr.Call> fenced = new IdentityHashMap<>();
      for (Expr.Call c : CallSwap.calls(s)) {
        ExecutableElement helper = helperWithSource(c);
        if (helper != null && c.callee() instanceof Callee.Opaque o && !o.fenced()
            && givesCarryingArray(c, o)) {
          List<ExecutableElement> chain = chains.getOrDefault(c, List.of());
          uses.putIfAbsent(helper, new Use(rootSites.getOrDefault(c, c.site()),
              describe(chain, helper)));
          bodies.body(helper); // its errors, if any, are the user's to see
          Expr.Call marked = new Expr.Call(new Callee.Opaque(o.owner(), o.name(), o.outs(),
              o.method(), true), c.args(), c.type(), c.site());
          if (chains.containsKey(c)) {
            chains.put(marked, chain);
            rootSites.put(marked, rootSites.get(c));
          }
          fenced.put(c, marked);
        }
      }
      if (fenced.isEmpty()) {
        return s;
      }
      changed = true;
      return CallSwap.replace(s, fenced);
    }

    private boolean givesCarryingArray(Expr.Call c, Callee.Opaque o) {
      for (int i = 0; i < c.args().size(); i++) {
        Expr arg = c.args().get(i);
        Var v = Dependencies.baseVar(arg);
        boolean out = i < o.outs().size() && o.outs().get(i);
        if (v != null && !out && v.type().carriesDerivative()
            && CallChecks.carries(arg, v, activity)) {
          return true;
        }
      }
      return false;
    }

    /** The call to a helper with source that is the whole of {@code s} and loses a derivative. */
    private Expr.Call helperCall(Stmt s) {
      Expr value = s instanceof Stmt.Assign || s instanceof Stmt.Effect
          ? Statements.value(s) : null;
      if (!(value instanceof Expr.Call c)) {
        return null;
      }
      ExecutableElement helper = helperWithSource(c);
      return helper != null && (CallChecks.losesDerivative(s, c, activity) || mustCopy(helper))
          ? c : null;
    }

    /** The method {@code c} calls without a rule when its source is in this compilation. */
    private ExecutableElement helperWithSource(Expr.Call c) {
      ExecutableElement helper = c.callee() instanceof Callee.Opaque o ? bodies.methodOf(o) : null;
      return helper != null && bodies.hasSource(helper) ? helper : null;
    }

    /**
     * A helper that generated code cannot call (private, an instance method, given a record),
     * so its body is copied even where no derivative reaches it, when it can be.
     */
    private boolean mustCopy(ExecutableElement helper) {
      return CopiedHelpers.uncallable(helper) != null && declarationObstacle(helper) == null;
    }

    private boolean mustCopy(Expr.Call c) {
      ExecutableElement helper = helperWithSource(c);
      return helper != null && mustCopy(helper);
    }

    private void inlineCall(Stmt s, Expr.Call call, int nested, List<Stmt> out) {
      ExecutableElement helper = bodies.methodOf((Callee.Opaque) call.callee());
      List<ExecutableElement> chain = chains.getOrDefault(call, List.of());
      ExecutableElement caller = chain.isEmpty() ? root : chain.get(chain.size() - 1);
      String path = describe(chain, helper);
      if (helper.equals(root) || chain.contains(helper)) {
        throw new CompileError(call.site(), Diagnostic.RECURSION, helper.getSimpleName()
            + " calls itself through helpers differentiated with it: " + path);
      }
      Origin rootSite = rootSites.getOrDefault(call, call.site());
      uses.putIfAbsent(helper, new Use(rootSite, path));
      String obstacle = declarationObstacle(helper);
      if (obstacle != null) {
        throw notDifferentiable(call, helper, caller, path, obstacle,
            "mark it @Differentiable, or keep differentiated values out of this call");
      }
      IrMethod body = bodies.body(helper);
      List<Callee.Param> declared = DifferentiableSignature.of(helper).params();
      if (body.parameters().size() != call.args().size() || declared.size() != call.args().size()) {
        throw notDifferentiable(call, helper, caller, path, "it takes a parameter that is"
            + " neither a number, an array nor a record",
            "mark it @Differentiable, or keep differentiated values out of this call");
      }
      if (nested > 0 && !ArrayLocalSizes.fixed(body, call.args())) {
        throw notDifferentiable(call, helper, caller, path, "it has local arrays whose sizes"
            + " may change from one call to the next, and this call is inside a loop or a"
            + " branch (the caller's frame keeps one buffer per array local)", "size its"
            + " arrays by constants or by the length of an array parameter given a whole"
            + " array, mark it @Differentiable (its frame reuses its arrays), or call it"
            + " outside the loop or branch");
      }
      if (++inlined > MAX_INLINED) {
        throw notDifferentiable(call, helper, caller, path, "more than " + MAX_INLINED
            + " helper calls would be copied into " + root.getSimpleName(),
            "mark the helpers that are called most often @Differentiable");
      }
      Renaming renaming = new Renaming(names);
      List<Stmt> inlinedStatements = new ArrayList<>();
      for (int i = 0; i < body.parameters().size(); i++) {
        Var p = body.parameters().get(i);
        Expr arg = call.args().get(i);
        Callee.Param param = declared.get(i);
        Var base = Dependencies.baseVar(arg);
        if (p.type().carriesDerivative() && !param.differentiated() && !param.out()
            && base != null && activity.isVaried(base)) {
          throw new CompileError(argument(call, i), Diagnostic.CALLEE_DOES_NOT_DIFFERENTIATE,
              param.name(), helper.getSimpleName(), helper.getSimpleName(), param.name());
        }
        if (p.type().isArray()) {
          if (param.out() && base != null && !writable.test(base)) {
            throw notDifferentiable(call, helper, caller, path, "its @Out parameter '"
                + param.name() + "' would write into parameter array '" + base.name()
                + "', which is not @Out", "mark '" + base.name() + "' @Out, or pass a copy");
          }
          if (arg instanceof Expr.Ref r) {
            renaming.bind(p, r.var());
          } else if (arg instanceof Expr.ArrayRead row) {
            renaming.bindRow(p, row);
          } else {
            throw notDifferentiable(call, helper, caller, path, "this passes it an array"
                + " expression rather than an array variable or a row", "pass a variable");
          }
        } else {
          inlinedStatements.add(new Stmt.Assign(renaming.fresh(p), arg, s.origin()));
        }
      }
      inlinedStatements.addAll(renaming.block(body.body()).statements());
      if (s instanceof Stmt.Assign a) {
        inlinedStatements.add(new Stmt.Assign(a.target(),
            new Expr.Ref(renaming.of(body.result())), s.origin()));
      }
      List<ExecutableElement> inner = new ArrayList<>(chain);
      inner.add(helper);
      for (Stmt t : Statements.all(new Stmt.Block(inlinedStatements))) {
        Expr value = Statements.value(t);
        if (value != null) {
          registerCalls(value, List.copyOf(inner), rootSite);
        }
      }
      out.addAll(inlinedStatements);
    }
  }

  /** Remembers, for each call in an inlined body, the helpers it is inside of. */
  private void registerCalls(Expr e, List<ExecutableElement> chain, Origin rootSite) {
    if (e instanceof Expr.Call c) {
      chains.put(c, chain);
      rootSites.put(c, rootSite);
    }
    List<Expr> parts = e instanceof Expr.ArrayRead r ? r.indices() : Operands.of(e);
    for (Expr part : parts) {
      if (part != e) {
        registerCalls(part, chain, rootSite);
      }
    }
  }

  /** What in a helper's declaration keeps it from being inlined into {@code root}, or null. */
  private String declarationObstacle(ExecutableElement helper) {
    if (helper.isVarArgs()) {
      return "it takes a variable number of arguments";
    }
    TypeKind result = helper.getReturnType().getKind();
    if (result != TypeKind.DOUBLE && result != TypeKind.FLOAT && result != TypeKind.VOID) {
      return "it returns " + helper.getReturnType() + " (a differentiated helper returns"
          + " double, float or void)";
    }
    if (!packageOf(helper).equals(packageOf(root))) {
      String hidden = bodies.hasSource(helper) ? bodies.firstHidden(helper) : null;
      if (hidden != null) {
        return "it is in package " + packageOf(helper).getQualifiedName() + " and " + hidden
            + ", and the gradient of " + root.getSimpleName() + ", which copies its body, is"
            + " generated in package " + packageOf(root).getQualifiedName();
      }
    }
    for (Element e = helper.getEnclosingElement(); e instanceof TypeElement t;
        e = e.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        return "its class " + t.getSimpleName() + " is private (make it package-private)";
      }
      if (!t.getNestingKind().isNested() || t.getNestingKind() == NestingKind.MEMBER) {
        continue;
      }
      return "its class is local or anonymous, which generated code cannot name";
    }
    return null;
  }

  private CompileError notDifferentiable(Expr.Call call, ExecutableElement helper,
      ExecutableElement caller, String path, String why, String remedy) {
    return new CompileError(call.site(), Diagnostic.HELPER_NOT_DIFFERENTIABLE,
        helper.getSimpleName(), caller.getSimpleName(), path, why, remedy);
  }

  private String describe(List<ExecutableElement> chain, ExecutableElement helper) {
    StringBuilder s = new StringBuilder(root.getSimpleName());
    for (ExecutableElement e : chain) {
      s.append(" -> ").append(e.getSimpleName());
    }
    return s.append(" -> ").append(helper.getSimpleName()).toString();
  }

  private static Origin argument(Expr.Call call, int i) {
    return call.site().argument(i);
  }

  private static PackageElement packageOf(Element e) {
    while (!(e instanceof PackageElement p)) {
      e = e.getEnclosingElement();
    }
    return p;
  }
}

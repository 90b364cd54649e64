package dev.tapeless.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.CallChecks;
import dev.tapeless.processor.analysis.CheckpointState;
import dev.tapeless.processor.analysis.Recording;
import dev.tapeless.processor.diagnostics.CompileError;
import dev.tapeless.processor.diagnostics.Diagnostic;
import dev.tapeless.processor.diagnostics.Reporter;
import dev.tapeless.processor.emit.FrameSpec;
import dev.tapeless.processor.forward.TangentBody;
import dev.tapeless.processor.frontend.CheckpointedLoops;
import dev.tapeless.processor.frontend.CustomDerivatives;
import dev.tapeless.processor.frontend.DifferentiableSignature;
import dev.tapeless.processor.frontend.JavacErrors;
import dev.tapeless.processor.frontend.LanguageFence;
import dev.tapeless.processor.frontend.Lowering;
import dev.tapeless.processor.frontend.MethodElements;
import dev.tapeless.processor.frontend.OriginTrees;
import dev.tapeless.processor.graph.GraphFiles;
import dev.tapeless.processor.inlining.HelperBodies;
import dev.tapeless.processor.inlining.HelperInliner;
import dev.tapeless.processor.inlining.SmallCallees;
import dev.tapeless.processor.scalarization.SmallArrays;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.IrPrinter;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import dev.tapeless.processor.reverse.GradientBody;
import dev.tapeless.processor.secondorder.HvpBody;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Runs the pipeline for one method: front end, IR, analysis, reverse mode. Errors in user code
 * are reported on their trees and yield no frame; nothing escapes to javac.
 */
final class MethodCompiler {
  private final Trees trees;
  private final Elements elements;
  private final Types types;
  private final Set<String> rejectedFrames;
  private final boolean printIr;
  private final boolean inlineCallees;
  private final boolean scalarizeArrays;
  private final GraphFiles graphs;
  private final Reporter reporter;

  /** The result of compiling one method: its frame and the differentiable methods it calls. */
  record Compiled(FrameSpec frame, Set<String> callees) {}

  MethodCompiler(Trees trees, Elements elements, Types types, Reporter reporter,
      Set<String> rejectedFrames, boolean printIr, GraphFiles graphs, boolean inlineCallees,
      boolean scalarizeArrays) {
    this.inlineCallees = inlineCallees;
    this.scalarizeArrays = scalarizeArrays;
    this.rejectedFrames = rejectedFrames;
    this.graphs = graphs;
    this.types = types;
    this.printIr = printIr;
    this.trees = trees;
    this.elements = elements;
    this.reporter = reporter;
    this.origins = new OriginTrees(trees);
    this.methods = new MethodElements();
    this.helpers = new HelperBodies(trees, elements, types, origins, methods);
  }

  /** The trees behind the origins in the IR of this round's methods and helpers, for errors. */
  private final OriginTrees origins;

  /** The methods the IR of this round's methods and helpers calls without a rule, by key. */
  private final MethodElements methods;

  /** The helpers read this round, shared by every method that inlines them. */
  private final HelperBodies helpers;

  /**
   * A declared array parameter that is differentiated but reaches no output costs an adjoint
   * array (data-sized, often) for a gradient that is always zero. Record components and a
   * model's fields are left out: every method of a model takes all its fields.
   */
  private void warnUnusedArrays(DifferentiableSignature sig, IrMethod ir, Activity activity) {
    for (int i = 0; i < ir.parameters().size(); i++) {
      Callee.Param p = sig.params().get(i);
      Var v = ir.parameters().get(i);
      if (p.differentiated() && !p.out() && p.path().isEmpty() && !p.inReceiver()
          && v.type().isArray() && !activity.isActive(v)) {
        Element declared = sig.method().getParameters().stream()
            .filter(e -> e.getSimpleName().contentEquals(p.name()))
            .map(Element.class::cast).findFirst().orElse(sig.method());
        reporter.warning(declared, Diagnostic.UNUSED_DIFFERENTIATED_ARRAY, p.name(),
            sig.displayName());
      }
    }
  }

  /**
   * The parameters of a lowered method by role.
   *
   * @param seeds where derivatives start: the differentiated parameters, and the {@code @Out}
   *     arrays, whose contents on entry may carry a derivative in a caller (an array it
   *     computed): the backward sweep hands its adjoint back through the output's seed
   */
  private record Roles(List<Var> differentiated, List<Var> outputs, List<Var> seeds) {
    static Roles of(DifferentiableSignature sig, IrMethod ir) {
      List<Var> differentiated = new ArrayList<>();
      List<Var> outputs = new ArrayList<>();
      if (sig.returnsReal()) {
        outputs.add(ir.result());
      }
      for (int i = 0; i < ir.parameters().size(); i++) {
        if (sig.params().get(i).differentiated()) {
          differentiated.add(ir.parameters().get(i));
        }
        if (sig.params().get(i).out()) {
          outputs.add(ir.parameters().get(i));
        }
      }
      List<Var> seeds = new ArrayList<>(differentiated);
      seeds.addAll(outputs.stream().filter(v -> v.type().isArray()).toList());
      return new Roles(differentiated, outputs, seeds);
    }

    /** Whether the method may write an array variable: a local or an {@code @Out} output. */
    boolean writable(Var v) {
      return v.role() != Var.Role.PARAMETER || outputs.contains(v);
    }
  }

  /** The frame for {@code sig}'s method, or null after reporting why there is none. */
  Compiled compile(DifferentiableSignature sig) {
    TreePath methodPath = trees.getPath(sig.method());
    if (methodPath == null || ((MethodTree) methodPath.getLeaf()).getBody() == null) {
      reporter.error(sig.method(), Diagnostic.INTERNAL_ERROR, sig.displayName(),
          "the method's source is not available");
      return null;
    }
    CompilationUnitTree unit = methodPath.getCompilationUnit();
    HelperInliner inliner = new HelperInliner(helpers, sig.method());
    ErrorPlacement placement = new ErrorPlacement(reporter, sig.method(), unit, helpers, inliner,
        origins);
    try {
      TreePath body = new TreePath(methodPath, ((MethodTree) methodPath.getLeaf()).getBody());
      attribute(body);
      if (JavacErrors.in(trees, types, sig.method(), body)) {
        return null; // javac reports them; see JavacErrors
      }
      List<CompileError> fenced = LanguageFence.check(trees, sig.method(), body);
      if (!fenced.isEmpty()) {
        fenced.forEach(e -> reporter.error(sig.method(), unit, e));
        return null;
      }
      IrMethod lowered = Lowering.lower(trees, elements, sig.method(), methodPath, origins,
          methods);
      Roles roles = Roles.of(sig, lowered);
      List<Var> differentiated = roles.differentiated();
      List<Var> outputs = roles.outputs();
      List<Var> seeds = roles.seeds();
      IrMethod ir;
      try {
        ir = inliner.inline(lowered, seeds, outputs, roles::writable);
        CheckpointedLoops.checkInlined(ir.body());
      } catch (HelperBodies.Rejected r) {
        placement.report(r);
        return null;
      }
      if (callees(ir).stream().anyMatch(rejectedFrames::contains)) {
        return null; // a callee's declaration was rejected, which its own error says
      }
      if (printIr) {
        reporter.note(sig.method(), "Tapeless IR of " + sig.displayName() + ":\n"
            + IrPrinter.print(ir));
      }
      if (graphs != null) {
        graphs.write(sig, ir);
      }
      Activity activity = Activity.of(ir, seeds, outputs);
      List<CompileError> lost = CallChecks.check(ir,
          Activity.throughCallsWithoutRule(ir, seeds, outputs));
      if (!lost.isEmpty()) {
        lost.forEach(placement::report);
        return null;
      }
      Activity forward = Activity.of(ir, differentiated, outputs);
      if (outputs.stream().noneMatch(forward::isActive)) {
        reporter.warning(sig.method(), Diagnostic.CONSTANT_RESULT, sig.displayName());
      } else {
        warnUnusedArrays(sig, ir, forward);
      }
      Recording recording = Recording.recomputing(ir, activity);
      for (Stmt.For loop : CheckpointState.savingNothing(ir.body(), recording)) {
        reporter.warning(sig.method(), unit, origins.treeOf(loop.origin()),
            Diagnostic.CHECKPOINT_SAVES_NOTHING);
      }
      // small callees inlined and small arrays made scalars, unless that makes the gradient too
      // large for HotSpot to compile
      IrMethod fast = inlineCallees
          ? SmallCallees.inline(ir, sig.packageName(), seeds, outputs, this::bodyOf) : ir;
      if (scalarizeArrays) {
        fast = SmallArrays.scalarize(fast);
      }
      if (fast != ir) {
        Activity fastActivity = Activity.of(fast, seeds, outputs);
        Recording fastRecording = Recording.recomputing(fast, fastActivity);
        GradientBody inlined = GradientBody.of(sig, fast, fastActivity, fastRecording);
        if (largestMethodBytes(inlined) <= INLINED_METHOD_BYTES) {
          return finish(sig, ir, fast, fastActivity, fastRecording, inlined);
        }
      }
      return finish(sig, ir, ir, activity, recording,
          GradientBody.of(sig, ir, activity, recording));
    } catch (CompileError e) {
      placement.report(e);
      return null;
    }
  }

  /**
   * The frame from reverse mode of {@code fast} ({@code ir}, or {@code ir} with small callees
   * inlined): its gradient, forward mode over the same program, and second order from
   * {@code ir}, which inlines every callee itself.
   */
  private Compiled finish(DifferentiableSignature sig, IrMethod ir, IrMethod fast,
      Activity activity, Recording recording, GradientBody gradient) {
    int bytecode = largestMethodBytes(gradient);
    if (bytecode > TOO_LARGE_BYTES) {
      reporter.error(sig.method(), Diagnostic.TOO_LARGE, sig.displayName(), bytecode);
      return null;
    } else if (bytecode > LARGE_METHOD_BYTES) {
      reporter.warning(sig.method(), Diagnostic.LARGE_METHOD, sig.displayName(), bytecode);
    }
    TangentBody tangent = TangentBody.of(sig, fast, activity, recording,
        gradient.declarations(), gradient.fields(), gradient.names(), gradient.frame());
    if (estimatedBytecode(tangent.code().toString()) > TOO_LARGE_BYTES) {
      // Smaller than the gradient as a rule; never let it make a class javac cannot compile.
      tangent = tangent.throwing("forward mode of " + sig.displayName()
          + " is too large for one Java method: split it into smaller @Differentiable methods");
    }
    FrameSpec.Hvp hvp = null;
    if (sig.hasHvp()) {
      HvpBody second = HvpBody.of(sig, ir, gradient.fields(), this::pushforwardOf,
          this::bodyOf);
      if (estimatedBytecode(second.hvp().body().toString()) > TOO_LARGE_BYTES) {
        second = second.throwing(sig, "hvp of " + sig.displayName() + " is too large for one"
            + " Java method: split it into smaller @Differentiable methods");
      }
      hvp = second.hvp();
    }
    List<FrameSpec.Field> fields = gradient.fields().all();
    return new Compiled(new FrameSpec(sig, gradient.code(), gradient.primal(),
        gradient.splitForward(), gradient.splitBackward(), gradient.backwardSweep(),
        gradient.startOverwrite(), gradient.endOverwrite(), tangent.code(),
        tangent.tangentParameters(), tangent.clearParameter(), fields, gradient.frame(),
        gradient.resultSeed(), gradient.outputSeeds(), hvp, gradient.checkParameter()),
        callees(ir));
  }

  /**
   * The pushforward of kernel {@code c} as a callee with its own registered pullback, for
   * second order; null when it has none (or its registration is wrong).
   */
  private Callee.Custom pushforwardOf(Callee.Custom c) {
    if (c.pushforward() == null) {
      return null;
    }
    if (c.linear()) {
      return c; // its own pushforward, reversed by its own pullback
    }
    javax.lang.model.element.TypeElement type = typeNamed(c.owner());
    if (type == null) {
      return null;
    }
    for (javax.lang.model.element.Element e : type.getEnclosedElements()) {
      if (e instanceof javax.lang.model.element.ExecutableElement m
          && m.getSimpleName().contentEquals(c.pushforward())
          && CustomDerivatives.isRegistered(m) && startsWithParametersOf(m, c)) {
        CustomDerivatives.Registration r = CustomDerivatives.read(m);
        return r.problem() == null ? r.callee() : null;
      }
    }
    return null;
  }

  /** Whether {@code m} is the overload for {@code c}: its parameters begin with the kernel's. */
  private static boolean startsWithParametersOf(javax.lang.model.element.ExecutableElement m,
      Callee.Custom c) {
    if (m.getParameters().size() < c.params().size()) {
      return false;
    }
    for (int i = 0; i < c.params().size(); i++) {
      if (!c.params().get(i).type().equals(
          DifferentiableSignature.typeOf(m.getParameters().get(i).asType()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The IR of a differentiable callee whose source is in this compilation, for second order to
   * inline; null when it is in a jar or does not lower cleanly (its own errors are reported
   * when it is compiled).
   */
  private IrMethod bodyOf(Callee.Differentiable d) {
    javax.lang.model.element.TypeElement type = typeNamed(d.owner());
    if (type == null) {
      return null;
    }
    for (javax.lang.model.element.Element e : type.getEnclosedElements()) {
      if (!(e instanceof javax.lang.model.element.ExecutableElement m)
          || !m.getSimpleName().contentEquals(d.name())
          || m.getAnnotation(dev.tapeless.Differentiable.class) == null
          || !DifferentiableSignature.of(m).frameSimpleName().equals(d.frameClass())) {
        continue;
      }
      TreePath path = trees.getPath(m);
      if (path == null || ((MethodTree) path.getLeaf()).getBody() == null) {
        return null;
      }
      try {
        TreePath body = new TreePath(path, ((MethodTree) path.getLeaf()).getBody());
        attribute(body);
        if (JavacErrors.in(trees, types, m, body)
            || !LanguageFence.check(trees, m, body).isEmpty()) {
          return null;
        }
        IrMethod lowered = Lowering.lower(trees, elements, m, path, origins, methods);
        // with its helpers inlined, as its own frame has them (errors are reported there)
        DifferentiableSignature sig = DifferentiableSignature.of(m);
        Roles roles = Roles.of(sig, lowered);
        return new HelperInliner(helpers, m).inline(lowered, roles.seeds(), roles.outputs(),
            roles::writable);
      } catch (CompileError | HelperBodies.Rejected error) {
        return null;
      }
    }
    return null;
  }

  /** A class by its IR owner name, {@code package/Outer.Inner}. */
  private javax.lang.model.element.TypeElement typeNamed(String owner) {
    String name = owner.startsWith("/") ? owner.substring(1) : owner.replace('/', '.');
    return elements.getTypeElement(name);
  }

  /**
   * Inline small callees only while each of the gradient's methods (see
   * {@link #largestMethodBytes}) stays below HotSpot's limit: measured with
   * javap on the generated sweeps of samples and integration-tests, a statement takes 6 to 13
   * bytes (this estimate counts 12), so 7,000 estimated stays under 8,000 real.
   */
  private static final int INLINED_METHOD_BYTES = 7000;

  /** Warn well before HotSpot's 8000-byte limit (-XX:-DontCompileHugeMethods aside). */
  private static final int LARGE_METHOD_BYTES = 7000;

  /**
   * javac cannot compile a method over 64 KB; measured against javac, the estimate was off by up
   * to a fifth, so refuse
   * well before that rather than write a class that does not compile.
   */
  private static final int TOO_LARGE_BYTES = 50_000;

  /**
   * The estimated size of the larger of the gradient's two methods, {@code backpropagate} (the
   * forward sweep and a call) and the backward sweep's own method: HotSpot's limit and javac's
   * are per method.
   */
  private static int largestMethodBytes(GradientBody gradient) {
    int backpropagate = estimatedBytecode(gradient.code().toString());
    return gradient.backwardSweep() == null ? backpropagate
        : Math.max(backpropagate, estimatedBytecode(gradient.backwardSweep().body().toString()));
  }

  /**
   * A rough bytecode size: about 12 bytes a statement, measured on generated loops and
   * three-address statements. Good enough to warn; javac's own output is not available here.
   */
  static int estimatedBytecode(String code) {
    int statements = 0;
    for (String line : code.split("\n")) {
      if (!line.stripLeading().startsWith("//")) { // comments quote the user's statements
        statements += (int) line.chars().filter(c -> c == ';').count();
      }
    }
    return statements * 12;
  }

  /**
   * Bodies are not attributed while processors run; asking for the element of a tree inside the
   * body makes javac attribute the enclosing class, after which every expression has a type.
   */
  private void attribute(TreePath body) {
    trees.getElement(body);
  }

  /** Frame names of the differentiable methods this one calls, for finding recursion. */
  private static Set<String> callees(IrMethod ir) {
    Set<String> out = new LinkedHashSet<>();
    for (Stmt s : Statements.all(ir.body())) {
      Expr value = Statements.value(s);
      if (value != null) {
        collectCallees(value, out);
      }
    }
    return out;
  }

  private static void collectCallees(Expr e, Set<String> out) {
    if (e instanceof Expr.Call c && c.callee() instanceof Callee.Differentiable d) {
      out.add(d.packageName() + "." + d.gradClass() + "." + d.frameClass());
    }
    for (Expr part : dev.tapeless.processor.ir.Operands.of(e)) {
      if (part != e) {
        collectCallees(part, out);
      }
    }
  }
}

package dev.tapeless.processor.reverse;

import com.palantir.javapoet.CodeBlock;
import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.Recording;
import dev.tapeless.processor.frontend.DifferentiableSignature;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse mode for one method: the body of the frame's {@code accumulate}, a forward sweep
 * followed by the backward sweep in the same Java method, so that every primal value the
 * backward sweep needs is still a local.
 *
 * @param code the method body, ending in {@code return}
 * @param frames the callee frames the body uses, to become fields of the frame
 */
public record GradientBody(CodeBlock code, CalleeFrames frames) {

  public static GradientBody of(IrMethod method, List<Var> differentiated, Activity activity,
      Recording recording) {
    NameTable names = new NameTable(method.usedNames());
    Declarations declarations = Declarations.plan(method.body(), recording, names);
    List<Var> active = activeInOrder(method, activity);
    Adjoints adjoints = new Adjoints(active, names);
    CalleeFrames frames = new CalleeFrames();

    CodeBlock.Builder code = CodeBlock.builder();
    code.add("// forward sweep\n");
    code.add(ForwardSweep.write(method.body(), declarations));
    Var result = method.result();
    code.addStatement("this.value = $N", result.name());
    if (activity.isActive(result)) {
      code.add("\n// backward sweep\n");
      code.addStatement("double $N = 1.0", adjoints.of(result));
      for (Var v : active) {
        if (v != result) {
          code.addStatement("double $N = 0.0", adjoints.of(v));
        }
      }
      code.add(BackwardSweep.write(method.body(), activity, declarations, adjoints, frames,
          reassigned(method)));
      for (Var p : differentiated) {
        if (activity.isActive(p)) {
          code.addStatement("this.$N += $N", DifferentiableSignature.adjointField(p.name()),
              adjoints.of(p));
        }
      }
    }
    code.addStatement("return this.value");
    return new GradientBody(code.build(), frames);
  }

  /** Active variables: parameters first, then in order of first assignment. */
  private static List<Var> activeInOrder(IrMethod method, Activity activity) {
    Set<Var> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Var> out = new ArrayList<>();
    for (Var p : method.parameters()) {
      if (activity.isActive(p) && seen.add(p)) {
        out.add(p);
      }
    }
    for (Stmt.Assign a : Statements.assignments(method.body())) {
      if (activity.isActive(a.target()) && seen.add(a.target())) {
        out.add(a.target());
      }
    }
    return out;
  }

  /**
   * Variables whose adjoint must be reset when their assignment is reversed: parameters that are
   * assigned, and variables assigned more than once.
   */
  private static Set<Var> reassigned(IrMethod method) {
    Map<Var, Integer> counts = new IdentityHashMap<>();
    for (Stmt.Assign a : Statements.assignments(method.body())) {
      counts.merge(a.target(), a.target().role() == Var.Role.PARAMETER ? 2 : 1, Integer::sum);
    }
    Set<Var> out = Collections.newSetFromMap(new IdentityHashMap<>());
    counts.forEach((v, n) -> {
      if (n > 1) {
        out.add(v);
      }
    });
    return out;
  }
}

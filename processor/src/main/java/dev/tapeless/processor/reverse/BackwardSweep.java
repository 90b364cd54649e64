package dev.tapeless.processor.reverse;

import com.palantir.javapoet.CodeBlock;
import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.BackwardReads;
import dev.tapeless.processor.emit.JavaExprs;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import dev.tapeless.processor.rules.Partial;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The backward sweep: statements in reverse order, each adding its partials times the incoming
 * adjoint to its operands' adjoints, branches replayed from their recorded conditions, and
 * overwritten values restored after their statement is reversed.
 */
final class BackwardSweep {
  private final Activity activity;
  private final Declarations declarations;
  private final Adjoints adjoints;
  private final CalleeFrames frames;
  private final Set<Var> reassigned;

  private BackwardSweep(Activity activity, Declarations declarations, Adjoints adjoints,
      CalleeFrames frames, Set<Var> reassigned) {
    this.activity = activity;
    this.declarations = declarations;
    this.adjoints = adjoints;
    this.frames = frames;
    this.reassigned = reassigned;
  }

  static CodeBlock write(Stmt.Block body, Activity activity, Declarations declarations,
      Adjoints adjoints, CalleeFrames frames, Set<Var> reassigned) {
    return new BackwardSweep(activity, declarations, adjoints, frames, reassigned).block(body);
  }

  private CodeBlock block(Stmt.Block block) {
    CodeBlock.Builder code = CodeBlock.builder();
    List<Stmt> stmts = block.statements();
    Object lastOrigin = null;
    for (int i = stmts.size() - 1; i >= 0; i--) {
      Stmt s = stmts.get(i);
      CodeBlock reversed = statement(s);
      if (reversed.isEmpty()) {
        continue;
      }
      if (s instanceof Stmt.Assign && s.origin() != null && s.origin() != lastOrigin) {
        code.add("// $L\n", SourceComments.of(s.origin()));
        lastOrigin = s.origin();
      }
      code.add(reversed);
    }
    return code.build();
  }

  private CodeBlock statement(Stmt s) {
    if (s instanceof Stmt.Assign a) {
      return assign(a);
    } else if (s instanceof Stmt.If i) {
      CodeBlock whenTrue = block(i.thenBlock());
      CodeBlock whenFalse = block(i.elseBlock());
      if (whenTrue.isEmpty() && whenFalse.isEmpty()) {
        return CodeBlock.of("");
      }
      CodeBlock condition = JavaExprs.write(i.condition());
      CodeBlock.Builder code = CodeBlock.builder();
      if (whenTrue.isEmpty()) {
        code.beginControlFlow("if (!$L)", JavaExprs.operand(i.condition()));
        code.add(whenFalse);
      } else {
        code.beginControlFlow("if ($L)", condition);
        code.add(whenTrue);
        if (!whenFalse.isEmpty()) {
          code.nextControlFlow("else");
          code.add(whenFalse);
        }
      }
      return code.endControlFlow().build();
    }
    return block((Stmt.Block) s);
  }

  private CodeBlock assign(Stmt.Assign a) {
    CodeBlock.Builder code = CodeBlock.builder();
    Var target = a.target();
    if (activity.isActive(target)) {
      List<Expr> operands = Operands.of(a.value());
      Map<String, CodeBlock> bindings = RuleWriter.bindings(a, operands, adjoints, frames);
      String prelude = BackwardReads.emittedPrelude(a, activity);
      if (prelude != null) {
        code.addStatement(RuleWriter.render(prelude, bindings));
      }
      for (Partial p : BackwardReads.emittedPartials(a, activity)) {
        Var operand = ((Expr.Ref) operands.get(p.operand())).var();
        code.addStatement("$N += $L", adjoints.of(operand), RuleWriter.render(p.template(), bindings));
      }
      if (reassigned.contains(target)) {
        code.addStatement("$N = 0.0", adjoints.of(target));
      }
    }
    Var save = declarations.saveOf(a);
    if (save != null) {
      code.addStatement("$N = $N", target.name(), save.name());
    }
    return code.build();
  }
}

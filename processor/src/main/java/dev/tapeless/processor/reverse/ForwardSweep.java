package dev.tapeless.processor.reverse;

import com.palantir.javapoet.CodeBlock;
import dev.tapeless.processor.emit.JavaExprs;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;

/** The forward sweep: the user's computation in three-address form, saving what will be overwritten. */
final class ForwardSweep {
  private final Declarations declarations;
  private final CodeBlock.Builder code = CodeBlock.builder();

  private ForwardSweep(Declarations declarations) {
    this.declarations = declarations;
  }

  static CodeBlock write(Stmt.Block body, Declarations declarations) {
    ForwardSweep sweep = new ForwardSweep(declarations);
    for (Var v : declarations.hoisted()) {
      sweep.code.addStatement("$L $N = $L", v.type().javaName(), v.name(), v.type().zeroLiteral());
    }
    sweep.block(body);
    return sweep.code.build();
  }

  private void block(Stmt.Block block) {
    for (Stmt s : block.statements()) {
      statement(s);
    }
  }

  private void statement(Stmt s) {
    if (s instanceof Stmt.Assign a) {
      Var save = declarations.saveOf(a);
      if (save != null) {
        code.addStatement("$L$N = $N",
            declarations.declaresSave(a) ? save.type().javaName() + " " : "", save.name(),
            a.target().name());
      }
      code.addStatement("$L$N = $L",
          declarations.declaresTarget(a) ? a.target().type().javaName() + " " : "",
          a.target().name(), JavaExprs.write(a.value()));
    } else if (s instanceof Stmt.If i) {
      code.beginControlFlow("if ($L)", JavaExprs.write(i.condition()));
      block(i.thenBlock());
      if (!i.elseBlock().statements().isEmpty()) {
        code.nextControlFlow("else");
        block(i.elseBlock());
      }
      code.endControlFlow();
    } else {
      block((Stmt.Block) s);
    }
  }
}

package dev.tapeless.processor.reverse;

import com.palantir.javapoet.CodeBlock;
import dev.tapeless.processor.emit.JavaExprs;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.rules.Template;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Fills a rule's template with the names of one assignment's values. */
final class RuleWriter {
  private RuleWriter() {}

  static Map<String, CodeBlock> bindings(Stmt.Assign a, List<Expr> operands, Adjoints adjoints,
      CalleeFrames frames) {
    Map<String, CodeBlock> b = new HashMap<>();
    b.put("g", CodeBlock.of("$N", adjoints.of(a.target())));
    b.put("r", CodeBlock.of("$N", a.target().name()));
    for (int i = 0; i < operands.size(); i++) {
      b.put(Integer.toString(i), JavaExprs.operand(operands.get(i)));
    }
    if (a.value() instanceof Expr.Call c && c.callee() instanceof Callee.Differentiable d) {
      b.put("frame", CodeBlock.of("this.$N", frames.fieldFor(d)));
    }
    return b;
  }

  static CodeBlock render(String template, Map<String, CodeBlock> bindings) {
    CodeBlock.Builder code = CodeBlock.builder();
    for (Template.Piece piece : Template.parse(template)) {
      if (piece.placeholder()) {
        CodeBlock value = bindings.get(piece.text());
        if (value == null) {
          throw new IllegalStateException("unbound $" + piece.text() + " in " + template);
        }
        code.add(value);
      } else {
        code.add("$L", piece.text());
      }
    }
    return code.build();
  }
}

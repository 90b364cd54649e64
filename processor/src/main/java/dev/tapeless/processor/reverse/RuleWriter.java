package dev.tapeless.processor.reverse;

import com.palantir.javapoet.CodeBlock;
import dev.tapeless.processor.rules.Template;
import java.util.function.Function;

/** Fills a rule's template with the names of one assignment's values. */
final class RuleWriter {
  private RuleWriter() {}

  static CodeBlock render(String template, Function<String, CodeBlock> bindings) {
    CodeBlock.Builder code = CodeBlock.builder();
    for (Template.Piece piece : Template.parse(template)) {
      if (piece.placeholder()) {
        CodeBlock value = bindings.apply(piece.text());
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

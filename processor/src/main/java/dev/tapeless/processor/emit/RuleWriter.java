package dev.tapeless.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.tapeless.processor.rules.Template;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills a rule's template with the names of one assignment's values. */
public final class RuleWriter {
  private RuleWriter() {}

  public static CodeBlock render(String template, Function<String, CodeBlock> bindings) {
    CodeBlock.Builder code = CodeBlock.builder();
    for (Template.Piece piece : Template.parse(template)) {
      if (piece.placeholder()) {
        CodeBlock value = bindings.apply(piece.text());
        if (value == null) {
          throw new IllegalStateException("unbound $" + piece.text() + " in " + template);
        }
        code.add(value);
      } else {
        literal(piece.text(), code);
      }
    }
    return code.build();
  }

  private static final Pattern MATH = Pattern.compile("(?<![\\w.$])Math\\.");
  private static final ClassName MATH_CLASS = ClassName.get("java.lang", "Math");

  /**
   * Template text, with {@code Math.} written as a type reference: a class of the user's
   * package, or a frame, named {@code Math} would otherwise hide {@code java.lang.Math}.
   */
  private static void literal(String text, CodeBlock.Builder code) {
    Matcher m = MATH.matcher(text);
    int from = 0;
    while (m.find()) {
      code.add("$L$T.", text.substring(from, m.start()), MATH_CLASS);
      from = m.end();
    }
    code.add("$L", text.substring(from));
  }
}

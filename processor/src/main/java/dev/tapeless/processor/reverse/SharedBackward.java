package dev.tapeless.processor.reverse;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;

/**
 * The backward sweep as a private method of the sweeps class, written once and called by both
 * {@code backpropagate} (with the locals its forward sweep left) and {@code splitBackward} (with
 * the locals it restored), instead of a copy of the sweep in each. Its parameters are the
 * candidates the sweep's code names: the frame, the method's arguments, the seeds and the
 * split state's locals. Both callers have every one of them under the same name, so the call
 * reads the same in both; arrays go by reference, so joint mode copies nothing.
 *
 * @param method the private method, or null when the sweep stays written out in both callers
 * @param call the statement that runs it
 */
record SharedBackward(MethodSpec method, CodeBlock call) {

  static final String NAME = "backwardSweep";

  /**
   * The JVM's limit on a method's parameter slots, {@code this} included ({@code double} and
   * {@code long} take two).
   */
  static final int MAX_SLOTS = 255;

  /** A string literal on one line. */
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

  /**
   * The method for {@code sweep}, taking those of {@code candidates} it names, in their order;
   * a record without method when they would not fit in the JVM's parameter slots.
   */
  static SharedBackward of(CodeBlock sweep, List<ParameterSpec> candidates) {
    String text = code(sweep.toString());
    List<ParameterSpec> used = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int slots = 1;
    for (ParameterSpec p : candidates) {
      if (seen.add(p.name()) && names(text, p.name())) {
        used.add(p);
        slots += p.type().equals(TypeName.DOUBLE) || p.type().equals(TypeName.LONG) ? 2 : 1;
      }
    }
    if (slots > MAX_SLOTS) {
      return new SharedBackward(null, null);
    }
    MethodSpec method = MethodSpec.methodBuilder(NAME)
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("The backward sweep, written once: {@code backpropagate} runs it right"
            + " after its forward\nsweep, {@code splitBackward} after restoring what"
            + " {@code splitForward} saved. It adds\nthe adjoints into the frame's"
            + " {@code d*} fields; the other parameters are the values it\nreads.\n")
        .addParameters(used)
        .addCode(sweep)
        .build();
    CodeBlock args = CodeBlock.join(used.stream().map(p -> CodeBlock.of("$N", p.name()))
        .toList(), ",$W");
    return new SharedBackward(method, CodeBlock.builder()
        .addStatement("$N($L)", NAME, args).build());
  }

  /** Whether the sweep is a method of its own, or written out in both callers. */
  boolean shared() {
    return method != null;
  }

  /**
   * {@code sweep} without its comment lines and string literals, which quote the user's
   * statements and would pass values the sweep does not read.
   */
  private static String code(String sweep) {
    StringBuilder code = new StringBuilder();
    for (String line : sweep.split("\n")) {
      if (!line.stripLeading().startsWith("//")) {
        code.append(STRING.matcher(line).replaceAll("\"\"")).append('\n');
      }
    }
    return code.toString();
  }

  /** Whether {@code code} has {@code name} as a whole identifier. */
  private static boolean names(String code, String name) {
    return Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])").matcher(code)
        .find();
  }
}

package dev.tapeless.fuzz.reduce;

import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Models;
import java.util.ArrayList;
import java.util.List;

/**
 * A reproducer's main for an instance method ({@link Models}): {@link ReproWriter} writes the
 * object as a record of the pseudo-type {@code this}, {@code new this(arg_coef(), ...)}, the
 * first argument of the plain method and of every frame call; here the plain calls become
 * calls on the object, {@code new Repro01(arg_coef()).m5(arg_x())}, and every other
 * {@code new this(...)} a {@code new Repro01(...)}. Lines of a static method stay as they are.
 */
final class ModelRepro {
  private ModelRepro() {}

  private static final String OBJECT = "new " + Models.RECEIVER + "(";

  static List<String> rewrite(List<String> lines, String cls, MethodDef m) {
    if (!Models.hasReceiver(m)) {
      return lines;
    }
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      out.add(onObject(line, m.name()).replace(OBJECT, "new " + cls + "("));
    }
    return out;
  }

  /** {@code m5(new this(a, b), x)} as {@code new this(a, b).m5(x)}, every occurrence. */
  private static String onObject(String line, String method) {
    String call = method + "(" + OBJECT;
    int at = line.indexOf(call);
    while (at >= 0) {
      boolean plain = at == 0 || !(Character.isJavaIdentifierPart(line.charAt(at - 1))
          || line.charAt(at - 1) == '.');
      if (!plain) {
        at = line.indexOf(call, at + 1);
        continue;
      }
      int open = at + method.length() + 1 + OBJECT.length() - 1; // the object's '('
      int close = matching(line, open);
      String object = line.substring(at + method.length() + 1, close + 1);
      String rest = line.substring(close + 1);
      rest = rest.startsWith(", ") ? rest.substring(2) : rest;
      String rewritten = object + "." + method + "(";
      line = line.substring(0, at) + rewritten + rest;
      at = line.indexOf(call, at + rewritten.length());
    }
    return line;
  }

  private static int matching(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      if (s.charAt(i) == '(') {
        depth++;
      } else if (s.charAt(i) == ')' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced: " + s);
  }
}

package dev.tapeless.processor.reverse;

import com.sun.source.tree.IfTree;
import com.sun.source.tree.Tree;

/** One-line renderings of user statements, for the comments that head backward blocks. */
final class SourceComments {
  private SourceComments() {}

  static String of(Tree origin) {
    String text = origin instanceof IfTree i ? "if " + i.getCondition() : origin.toString();
    text = text.strip().replaceAll("\\s+", " ");
    if (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1);
    }
    return text.length() > 100 ? text.substring(0, 97) + "..." : text;
  }
}

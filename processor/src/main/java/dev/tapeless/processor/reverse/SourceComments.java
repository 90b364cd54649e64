package dev.tapeless.processor.reverse;

import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import java.util.stream.Collectors;

/** One-line renderings of user statements, for the comments that head backward blocks. */
final class SourceComments {
  private SourceComments() {}

  static String of(Tree origin) {
    String text;
    if (origin instanceof IfTree i) {
      text = "if " + i.getCondition();
    } else if (origin instanceof ForLoopTree f) {
      text = "for (" + f.getInitializer().stream().map(Object::toString)
          .map(SourceComments::bare).collect(Collectors.joining(", "))
          + "; " + f.getCondition() + "; " + f.getUpdate().stream().map(Object::toString)
          .map(SourceComments::bare).collect(Collectors.joining(", ")) + ")";
    } else if (origin instanceof EnhancedForLoopTree f) {
      text = "for (" + bare(f.getVariable().toString()) + " : " + f.getExpression() + ")";
    } else if (origin instanceof WhileLoopTree w) {
      text = "while " + w.getCondition();
    } else if (origin instanceof DoWhileLoopTree d) {
      text = "do ... while " + d.getCondition();
    } else {
      text = origin.toString();
    }
    text = bare(text);
    return text.length() > 100 ? text.substring(0, 97) + "..." : text;
  }

  private static String bare(String text) {
    text = text.strip().replaceAll("\\s+", " ");
    return text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
  }
}

package dev.tapeless.processor.frontend;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;

/**
 * {@code ++} and {@code --} of an integer variable inside an expression ({@code x[n++] = v},
 * {@code while (count-- > 0)}): lowering runs the update just before the expression and uses
 * its value there. That is exact when the expression reads the variable nowhere else and the
 * update always runs (not in a branch of {@code ?:} or the right side of {@code &&} and
 * {@code ||}); other nested assignments are rejected.
 */
final class NestedUpdates {
  private NestedUpdates() {}

  /** Whether the update at {@code path} (not a statement of its own) can be run first. */
  static boolean allowed(Trees trees, TreePath path) {
    if (!(path.getLeaf() instanceof UnaryTree u) || !isUpdate(u)
        || !(u.getExpression() instanceof IdentifierTree)) {
      return false;
    }
    Element variable = trees.getElement(new TreePath(path, u.getExpression()));
    if (variable == null || (variable.getKind() != ElementKind.LOCAL_VARIABLE
        && variable.getKind() != ElementKind.PARAMETER)) {
      return false;
    }
    switch (variable.asType().getKind()) {
      case INT, LONG, SHORT, BYTE, CHAR -> { }
      default -> {
        return false;
      }
    }
    TreePath root = path;
    while (root.getParentPath().getLeaf() instanceof ExpressionTree parent) {
      Tree child = root.getLeaf();
      if (parent instanceof ConditionalExpressionTree c && c.getCondition() != child) {
        return false;
      }
      if (parent instanceof BinaryTree b && b.getRightOperand() == child
          && (b.getKind() == Tree.Kind.CONDITIONAL_AND || b.getKind() == Tree.Kind.CONDITIONAL_OR)) {
        return false;
      }
      root = root.getParentPath();
    }
    int[] reads = {0};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        if (variable.equals(trees.getElement(getCurrentPath()))) {
          reads[0]++;
        }
        return null;
      }
    }.scan(root, null);
    return reads[0] == 1;
  }

  /** The updates under {@code statement} that lowering runs first, in source order. */
  static List<TreePath> in(Trees trees, TreePath statement) {
    Tree own = statement.getLeaf() instanceof ExpressionStatementTree s ? s.getExpression() : null;
    List<TreePath> found = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitUnary(UnaryTree node, Void unused) {
        if (node != own && isUpdate(node)) {
          found.add(getCurrentPath());
        }
        return super.visitUnary(node, unused);
      }
    }.scan(statement, null);
    return found;
  }

  static boolean isUpdate(UnaryTree u) {
    return switch (u.getKind()) {
      case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> true;
      default -> false;
    };
  }
}

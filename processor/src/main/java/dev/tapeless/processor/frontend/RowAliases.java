package dev.tapeless.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Array locals that name an existing array or one of its rows ({@code double[] row = W[i]},
 * {@code double[] w = p.w()}) rather than allocating one: the fence lets them through and
 * lowering reads and writes through them as through the array they name.
 */
final class RowAliases {
  private RowAliases() {}

  /** Whether the variable at {@code path} is an array local initialized with an array it names. */
  static boolean isAlias(Trees trees, TreePath path) {
    VariableTree v = (VariableTree) path.getLeaf();
    TypeMirror type = trees.getTypeMirror(new TreePath(path, v.getType()));
    return type != null && type.getKind() == TypeKind.ARRAY && v.getInitializer() != null
        && isDesignator(trees, new TreePath(path, v.getInitializer()));
  }

  /**
   * An expression naming an existing array: a variable or field, an element of an array of
   * arrays, or a record component's accessor.
   */
  static boolean isDesignator(Trees trees, TreePath path) {
    ExpressionTree e = (ExpressionTree) path.getLeaf();
    while (e instanceof ParenthesizedTree p) {
      e = p.getExpression();
    }
    return e instanceof ArrayAccessTree || e instanceof IdentifierTree
        || e instanceof MemberSelectTree
        || e instanceof MethodInvocationTree call && call.getArguments().isEmpty()
        && trees.getElement(new TreePath(path, e)) instanceof ExecutableElement accessor
        && RecordInputs.componentOf(accessor) != null;
  }

  /** Row variables assigned a whole array or row after their declaration: {@code row = W[k]}. */
  static Set<Element> moved(Trees trees, TreePath body) {
    Set<Element> moved = new HashSet<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitAnnotation(com.sun.source.tree.AnnotationTree node, Void unused) {
        return null; // @Checkpoint(every = 7) assigns no variable
      }

      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        TreePath target = new TreePath(getCurrentPath(), node.getVariable());
        TypeMirror type = trees.getTypeMirror(target);
        if (node.getVariable() instanceof IdentifierTree && type != null
            && type.getKind() == TypeKind.ARRAY) {
          moved.add(trees.getElement(target));
        }
        return super.visitAssignment(node, unused);
      }
    }.scan(body, null);
    return moved;
  }

  /** The expression under any indexing and parentheses: {@code W} in {@code (W[i])[j]}. */
  static TreePath base(TreePath path) {
    while (true) {
      if (path.getLeaf() instanceof ParenthesizedTree p) {
        path = new TreePath(path, p.getExpression());
      } else if (path.getLeaf() instanceof ArrayAccessTree a) {
        path = new TreePath(path, a.getExpression());
      } else {
        return path;
      }
    }
  }
}

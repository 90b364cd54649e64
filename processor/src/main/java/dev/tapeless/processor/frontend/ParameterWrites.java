package dev.tapeless.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The array parameters a helper's body writes, whether or not they are marked {@code @Out}:
 * element stores, {@code ++}, compound updates, {@code Arrays.fill}, the destination of
 * {@code System.arraycopy}, through a row alias or a call to another helper that writes the
 * array it is given. A call to such a helper is treated as writing those arrays, so a
 * differentiated value they receive is found (the helper is then copied in, and its fence
 * reports the unmarked write, TL117) instead of being lost with only the TL012 warning.
 */
final class ParameterWrites {
  private ParameterWrites() {}

  /** For each parameter of {@code method}, whether its body may write the array it is given. */
  static List<Boolean> of(Trees trees, ExecutableElement method) {
    return of(trees, method, new HashSet<>());
  }

  private static List<Boolean> of(Trees trees, ExecutableElement method,
      Set<ExecutableElement> visiting) {
    List<Boolean> written = new ArrayList<>();
    method.getParameters().forEach(p -> written.add(false));
    TreePath path = trees.getPath(method);
    if (path == null || !(path.getLeaf() instanceof MethodTree tree) || tree.getBody() == null
        || !visiting.add(method)) {
      return written;
    }
    trees.getElement(new TreePath(path, tree.getBody())); // attributes the helper's class
    Map<Element, Element> roots = new HashMap<>();
    for (Element p : method.getParameters()) {
      roots.put(p, p);
    }
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        if (node.getInitializer() != null && RowAliases.isAlias(trees, getCurrentPath())) {
          Element root = rootOf(new TreePath(getCurrentPath(), node.getInitializer()));
          if (root != null) {
            roots.put(trees.getElement(getCurrentPath()), root);
          }
        }
        return super.visitVariable(node, unused);
      }

      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        element(node.getVariable());
        return super.visitAssignment(node, unused);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
        element(node.getVariable());
        return super.visitCompoundAssignment(node, unused);
      }

      @Override
      public Void visitUnary(UnaryTree node, Void unused) {
        switch (node.getKind()) {
          case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT ->
              element(node.getExpression());
          default -> { }
        }
        return super.visitUnary(node, unused);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        if (trees.getElement(getCurrentPath()) instanceof ExecutableElement callee) {
          List<? extends ExpressionTree> args = node.getArguments();
          String owner = ((TypeElement) callee.getEnclosingElement()).getQualifiedName()
              .toString();
          String name = callee.getSimpleName().toString();
          if (owner.equals("java.util.Arrays") && !args.isEmpty()
              && (name.equals("fill") || name.equals("setAll") || name.equals("sort"))) {
            whole(args.get(0));
          } else if (owner.equals("java.lang.System") && name.equals("arraycopy")
              && args.size() == 5) {
            whole(args.get(2));
          } else if (CopiedHelpers.isHelper(trees, callee)) {
            List<Boolean> inner = of(trees, callee, visiting);
            for (int i = 0; i < args.size() && i < inner.size(); i++) {
              if (inner.get(i)) {
                whole(args.get(i));
              }
            }
          }
        }
        return super.visitMethodInvocation(node, unused);
      }

      /** An assignment target: counts when it is an element of a parameter's array. */
      private void element(ExpressionTree target) {
        Tree t = target;
        while (t instanceof com.sun.source.tree.ParenthesizedTree p) {
          t = p.getExpression();
        }
        if (t instanceof ArrayAccessTree) {
          whole(target);
        }
      }

      private void whole(ExpressionTree array) {
        Element root = rootOf(new TreePath(getCurrentPath(), array));
        int i = method.getParameters().indexOf(root);
        if (i >= 0) {
          written.set(i, true);
        }
      }

      private Element rootOf(TreePath array) {
        Element base = trees.getElement(RowAliases.base(array));
        if (base == null || base.getKind() == ElementKind.FIELD) {
          return null;
        }
        return roots.get(base);
      }
    }.scan(new TreePath(path, tree.getBody()), null);
    visiting.remove(method);
    return written;
  }
}

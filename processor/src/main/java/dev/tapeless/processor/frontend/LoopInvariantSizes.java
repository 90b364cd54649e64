package dev.tapeless.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;

/**
 * Whether an array allocated inside a loop has the same shape on every iteration. The frame
 * keeps one buffer per array local and zeroes it where the method allocates; the backward sweep
 * restores the buffer's earlier contents in place, which is only right while the shape stays
 * the same. A branch outside any loop allocates at most once and needs no such test.
 */
final class LoopInvariantSizes {
  private LoopInvariantSizes() {}

  /**
   * Why the size {@code size} (an expression under {@code at}) may change from one iteration
   * of the outermost loop around {@code at} to the next, or null when it cannot.
   */
  static String problem(Trees trees, TreePath at, ExpressionTree size) {
    TreePath loop = outermostLoop(at);
    if (loop == null) {
      return null;
    }
    Set<Element> changing = changingIn(trees, loop);
    String[] problem = {null};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        Element e = trees.getElement(getCurrentPath());
        if (problem[0] == null && e != null && changing.contains(e)) {
          problem[0] = "'" + node.getName() + "' changes inside the loop";
        }
        return null;
      }

      @Override
      public Void visitArrayAccess(ArrayAccessTree node, Void unused) {
        if (problem[0] == null) {
          problem[0] = "it reads an array element, which the loop may change";
        }
        return null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        Element m = trees.getElement(getCurrentPath());
        boolean math = m != null && m.getEnclosingElement().toString().equals("java.lang.Math");
        if (problem[0] == null && !math) {
          problem[0] = "it calls " + node.getMethodSelect();
        }
        return math ? super.visitMethodInvocation(node, unused) : null;
      }
    }.scan(new TreePath(at, size), null);
    return problem[0];
  }

  private static TreePath outermostLoop(TreePath at) {
    TreePath loop = null;
    for (TreePath p = at; p != null; p = p.getParentPath()) {
      switch (p.getLeaf().getKind()) {
        case FOR_LOOP, ENHANCED_FOR_LOOP, WHILE_LOOP, DO_WHILE_LOOP -> loop = p;
        case METHOD -> {
          return loop;
        }
        default -> { }
      }
    }
    return loop;
  }

  /** Variables declared or assigned as a whole anywhere inside {@code loop} (its header too). */
  private static Set<Element> changingIn(Trees trees, TreePath loop) {
    Set<Element> changing = new HashSet<>(CountedLoops.reassignedIn(trees, loop));
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        changing.add(trees.getElement(getCurrentPath()));
        return super.visitVariable(node, unused);
      }
    }.scan(loop, null);
    return changing;
  }
}

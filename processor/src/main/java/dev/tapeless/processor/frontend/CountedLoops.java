package dev.tapeless.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.tapeless.processor.ir.Stmt;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Recognizes {@code for (int i = a; i < b; i++)} and its siblings: loops whose index the
 * backward sweep can run in reverse without saving it, because the bounds are ints that nothing
 * in the body changes (neither the index, nor a variable or array element they read), and the
 * body does not break out or return.
 */
final class CountedLoops {
  private CountedLoops() {}

  /** The direction of a counted loop, or null when {@code path}'s loop is not one. */
  static Stmt.Direction shape(Trees trees, TreePath path) {
    ForLoopTree f = (ForLoopTree) path.getLeaf();
    if (f.getInitializer().size() != 1 || !(f.getInitializer().get(0) instanceof VariableTree v)
        || v.getInitializer() == null || f.getUpdate().size() != 1
        || !(f.getCondition() instanceof BinaryTree cond)) {
      return null;
    }
    Element index = trees.getElement(new TreePath(path, v));
    if (index == null || index.asType().getKind() != TypeKind.INT
        || !refersTo(trees, new TreePath(path, cond.getLeftOperand()), index)) {
      return null;
    }
    int step = step(trees, new TreePath(path, f.getUpdate().get(0)), index);
    Stmt.Direction direction = switch (cond.getKind()) {
      case LESS_THAN -> step == 1 ? Stmt.Direction.UP_EXCLUSIVE : null;
      case LESS_THAN_EQUAL -> step == 1 ? Stmt.Direction.UP_INCLUSIVE : null;
      case GREATER_THAN -> step == -1 ? Stmt.Direction.DOWN_EXCLUSIVE : null;
      case GREATER_THAN_EQUAL -> step == -1 ? Stmt.Direction.DOWN_INCLUSIVE : null;
      default -> null;
    };
    if (direction == null || JumpFinder.of(f.getStatement()).leaves()) {
      return null;
    }
    TreePath bound = new TreePath(path, cond.getRightOperand());
    TreePath first = new TreePath(new TreePath(path, v), v.getInitializer());
    Set<Element> changed = assignedIn(trees, new TreePath(path, f.getStatement()));
    if (!changed.add(index) || !isInt(trees, bound) || !isInt(trees, first)
        || !invariant(trees, bound, changed) || !invariant(trees, first, changed)) {
      return null;
    }
    return direction;
  }

  /** Whether an index bound has an int type: the reversed loop starts from it as an int. */
  private static boolean isInt(Trees trees, TreePath e) {
    TypeMirror t = trees.getTypeMirror(e);
    return t != null && switch (t.getKind()) {
      case INT, SHORT, BYTE, CHAR -> true;
      default -> false;
    };
  }

  /**
   * Whether a bound keeps its value while the loop runs: it reads nothing the body changes
   * (variables, or arrays whose elements it writes or passes to a call) and calls nothing but
   * {@code Math} functions.
   */
  private static boolean invariant(Trees trees, TreePath e, Set<Element> changed) {
    boolean[] ok = {true};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        ok[0] &= !changed.contains(trees.getElement(getCurrentPath()));
        return null;
      }

      /** A length never changes: arrays are not reassigned and rows are not replaced. */
      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        TypeMirror q = trees.getTypeMirror(new TreePath(getCurrentPath(), node.getExpression()));
        if (q != null && q.getKind() == TypeKind.DECLARED) {
          // a field of an object parameter: a call in the body may change it
          Element field = trees.getElement(getCurrentPath());
          ok[0] &= field == null || field.getKind() != javax.lang.model.element.ElementKind.FIELD
              || field.getModifiers().contains(javax.lang.model.element.Modifier.STATIC);
        }
        if (!node.getIdentifier().contentEquals("length") || q == null
            || q.getKind() != TypeKind.ARRAY) {
          return super.visitMemberSelect(node, unused);
        }
        TreePath array = new TreePath(getCurrentPath(), node.getExpression());
        while (array.getLeaf() instanceof ArrayAccessTree a) {
          scan(new TreePath(array, a.getIndex()), null);
          array = new TreePath(array, a.getExpression());
        }
        return null;
      }

      @Override
      public Void visitUnary(UnaryTree node, Void unused) {
        ok[0] &= !NestedUpdates.isUpdate(node);
        return super.visitUnary(node, unused);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        Element callee = trees.getElement(getCurrentPath());
        String owner = callee == null ? "" : callee.getEnclosingElement().toString();
        // xs.size() of a List parameter: the body cannot change the list (the fence)
        boolean listSize = owner.equals("java.util.List")
            && callee.getSimpleName().contentEquals("size")
            && node.getMethodSelect() instanceof MemberSelectTree m
            && m.getExpression() instanceof IdentifierTree;
        ok[0] &= listSize || owner.equals("java.lang.Math") || owner.equals("java.lang.StrictMath");
        return super.visitMethodInvocation(node, unused);
      }
    }.scan(e, null);
    return ok[0];
  }

  private static boolean refersTo(Trees trees, TreePath path, Element element) {
    return path.getLeaf() instanceof IdentifierTree && element.equals(trees.getElement(path));
  }

  /** +1 for i++, ++i, i += 1; -1 for the decrements; 0 otherwise. */
  private static int step(Trees trees, TreePath statement, Element index) {
    ExpressionTree e = ((ExpressionStatementTree) statement.getLeaf()).getExpression();
    TreePath ePath = new TreePath(statement, e);
    if (e instanceof UnaryTree u && refersTo(trees, new TreePath(ePath, u.getExpression()), index)) {
      return switch (u.getKind()) {
        case PREFIX_INCREMENT, POSTFIX_INCREMENT -> 1;
        case PREFIX_DECREMENT, POSTFIX_DECREMENT -> -1;
        default -> 0;
      };
    }
    if (e instanceof CompoundAssignmentTree c
        && refersTo(trees, new TreePath(ePath, c.getVariable()), index)
        && c.getExpression() instanceof LiteralTree l && Integer.valueOf(1).equals(l.getValue())) {
      return c.getKind() == Tree.Kind.PLUS_ASSIGNMENT ? 1
          : c.getKind() == Tree.Kind.MINUS_ASSIGNMENT ? -1 : 0;
    }
    return 0;
  }

  /**
   * Variables that may change anywhere under {@code path}: those assigned, arrays whose
   * elements are written, and arrays passed to a call (which may write them).
   */
  static Set<Element> assignedIn(Trees trees, TreePath path) {
    return assignedIn(trees, path, true);
  }

  /**
   * The variables assigned as a whole under {@code path} ({@code n = ...}, {@code n--},
   * {@code row = W[k]}), leaving out arrays whose elements are written: their lengths stay.
   */
  static Set<Element> reassignedIn(Trees trees, TreePath path) {
    return assignedIn(trees, path, false);
  }

  private static Set<Element> assignedIn(Trees trees, TreePath path, boolean elements) {
    Set<Element> out = new HashSet<>();
    new TreePathScanner<Void, Void>() {
      private void target(ExpressionTree t) {
        while (elements && t instanceof ArrayAccessTree a) {
          t = a.getExpression();
        }
        if (t instanceof IdentifierTree) {
          out.add(trees.getElement(new TreePath(getCurrentPath(), t)));
        }
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        for (ExpressionTree arg : elements ? node.getArguments() : List.<ExpressionTree>of()) {
          TypeMirror t = trees.getTypeMirror(new TreePath(getCurrentPath(), arg));
          if (t != null && t.getKind() == TypeKind.ARRAY) {
            target(arg);
          }
        }
        return super.visitMethodInvocation(node, unused);
      }

      @Override
      public Void visitAnnotation(com.sun.source.tree.AnnotationTree node, Void unused) {
        return null; // @Checkpoint(every = 7) assigns no variable
      }

      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        target(node.getVariable());
        return super.visitAssignment(node, unused);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
        target(node.getVariable());
        return super.visitCompoundAssignment(node, unused);
      }

      @Override
      public Void visitUnary(UnaryTree node, Void unused) {
        switch (node.getKind()) {
          case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT ->
              target(node.getExpression());
          default -> { }
        }
        return super.visitUnary(node, unused);
      }
    }.scan(path, null);
    return out;
  }
}

package dev.tapeless.processor.frontend;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Errors javac itself reports in a method body: names it cannot resolve, instance members used
 * from a static method, values of the wrong type. Tapeless leaves such a method to javac and
 * reports nothing of its own: a processor's error makes javac drop the errors it holds back
 * while processors run (missing names might yet be generated), and the user would see a Tapeless
 * message about {@code <any>} instead of the real mistake.
 */
public final class JavacErrors extends TreePathScanner<Void, Void> {
  private final Trees trees;
  private final Types types;
  private final ExecutableElement method;
  private boolean found;

  private JavacErrors(Trees trees, Types types, ExecutableElement method) {
    this.trees = trees;
    this.types = types;
    this.method = method;
  }

  /** Whether javac will report an error in the attributed body at {@code body}. */
  public static boolean in(Trees trees, Types types, ExecutableElement method, TreePath body) {
    JavacErrors scan = new JavacErrors(trees, types, method);
    scan.scan(body, null);
    return scan.found;
  }

  @Override
  public Void scan(Tree tree, Void unused) {
    if (found || tree == null) {
      return null;
    }
    if (tree instanceof ExpressionTree) {
      TypeMirror t = trees.getTypeMirror(new TreePath(getCurrentPath(), tree));
      if (t != null && t.getKind() == TypeKind.ERROR) {
        found = true;
        return null;
      }
    }
    return super.scan(tree, unused);
  }

  @Override
  public Void visitIdentifier(IdentifierTree node, Void unused) {
    Element e = trees.getElement(getCurrentPath());
    // instance members are fine in an instance method (the fence decides which are inputs)
    found |= e != null && (e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.METHOD)
        && !e.getModifiers().contains(Modifier.STATIC)
        && method.getModifiers().contains(Modifier.STATIC);
    return null;
  }

  @Override
  public Void visitVariable(VariableTree node, Void unused) {
    if (node.getInitializer() != null) {
      check(node.getInitializer(), trees.getTypeMirror(getCurrentPath()));
    }
    return super.visitVariable(node, unused);
  }

  /** An annotation's {@code every = 7} is no assignment of a value (see {@code @Checkpoint}). */
  @Override
  public Void visitAnnotation(com.sun.source.tree.AnnotationTree node, Void unused) {
    return null;
  }

  @Override
  public Void visitAssignment(AssignmentTree node, Void unused) {
    check(node.getExpression(),
        trees.getTypeMirror(new TreePath(getCurrentPath(), node.getVariable())));
    return super.visitAssignment(node, unused);
  }

  @Override
  public Void visitReturn(ReturnTree node, Void unused) {
    TypeMirror result = method.getReturnType();
    if ((node.getExpression() == null) != (result.getKind() == TypeKind.VOID)) {
      found = true;
    } else if (node.getExpression() != null) {
      check(node.getExpression(), result);
    }
    return super.visitReturn(node, unused);
  }

  /**
   * A value javac does not convert to its target: a reference where a primitive is wanted or
   * the other way round (unboxing aside), or a narrowing from {@code long}, {@code float} or
   * {@code double} (an {@code int} constant may narrow, so those are left alone).
   */
  private void check(ExpressionTree value, TypeMirror target) {
    TypeMirror from = trees.getTypeMirror(new TreePath(getCurrentPath(), value));
    if (from == null || target == null || from.getKind() == TypeKind.ERROR
        || target.getKind() == TypeKind.ERROR || types.isAssignable(from, target)) {
      return;
    }
    boolean primitives = from.getKind().isPrimitive() && target.getKind().isPrimitive();
    found |= !primitives || switch (from.getKind()) {
      case LONG, FLOAT, DOUBLE -> true;
      default -> false;
    };
  }
}

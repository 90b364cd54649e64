package dev.tapeless.processor.frontend;

import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** The JDK methods on arrays that lowering turns into loops ({@link ArrayCopies}). */
final class LibraryCalls {
  private LibraryCalls() {}

  static final String FILL = "java.util.Arrays.fill";
  static final String ARRAYCOPY = "java.lang.System.arraycopy";
  /** An array's {@code clone()}, whatever javac names its owner. */
  static final String CLONE = "clone";

  /**
   * {@code owner.name} of the method {@code path} invokes, {@link #CLONE} for an array's
   * clone, or "" when {@code path} is not a method invocation.
   */
  static String name(Trees trees, TreePath path) {
    if (!(path.getLeaf() instanceof MethodInvocationTree m)) {
      return "";
    }
    Element e = trees.getElement(path);
    if (!(e instanceof ExecutableElement method)) {
      return "";
    }
    String name = method.getSimpleName().toString();
    if (name.equals("clone") && m.getArguments().isEmpty()
        && m.getMethodSelect() instanceof com.sun.source.tree.MemberSelectTree select) {
      var qualifier = trees.getTypeMirror(new TreePath(new TreePath(path, select),
          select.getExpression()));
      if (qualifier != null && qualifier.getKind() == javax.lang.model.type.TypeKind.ARRAY) {
        return CLONE;
      }
    }
    Element owner = method.getEnclosingElement();
    return owner instanceof TypeElement t ? t.getQualifiedName() + "." + name : name;
  }
}

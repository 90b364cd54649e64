package dev.tapeless.processor.inlining;

import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Whether a helper of another package may be copied into a caller's generated code, which
 * lives in the caller's package: the helper, and every method and field its body names
 * (constants aside, which are copied as literals), must be public, in public classes.
 */
final class PublicUses {
  private PublicUses() {}

  /** What the helper or its body uses that is not public, or null when all is. */
  static String firstHidden(Trees trees, ExecutableElement helper) {
    if (!reachable(helper)) {
      return "it is not public (or its class is not)";
    }
    TreePath path = trees.getPath(helper);
    String[] found = {null};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (found[0] != null || tree == null) {
          return null;
        }
        if (tree.getKind() == Tree.Kind.IDENTIFIER || tree.getKind() == Tree.Kind.MEMBER_SELECT
            || tree.getKind() == Tree.Kind.METHOD_INVOCATION) {
          Element e = trees.getElement(new TreePath(getCurrentPath(), tree));
          if (isMember(e) && !(e instanceof VariableElement v && v.getConstantValue() != null)
              && !reachable(e)) {
            found[0] = "its body uses " + e.getSimpleName() + ", which is not public (or its"
                + " class is not)";
          }
        }
        return super.scan(tree, unused);
      }
    }.scan(new TreePath(path, ((MethodTree) path.getLeaf()).getBody()), null);
    return found[0];
  }

  private static boolean isMember(Element e) {
    return e != null && (e.getKind() == ElementKind.METHOD || e.getKind() == ElementKind.FIELD)
        && e.getEnclosingElement() instanceof TypeElement;
  }

  private static boolean reachable(Element e) {
    for (Element x = e; x instanceof TypeElement || x == e; x = x.getEnclosingElement()) {
      if (!x.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }
}

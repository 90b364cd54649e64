package dev.tapeless.processor.frontend;

import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;

/**
 * Helpers (methods without {@code @Differentiable} whose source is here) that generated code
 * cannot call, so that every call to them must be replaced by a copy of the body: a private
 * one (the gradient class is another class), an instance one (the sweeps hold the object's
 * fields, not the object) and one taking a record (the caller passes its components). The
 * fence lets calls to them through; {@code HelperInliner} copies them or reports the call.
 */
public final class CopiedHelpers {
  private CopiedHelpers() {}

  /** Whether {@code m} is a method of the user's with a body here and no derivative of its own. */
  public static boolean isHelper(Trees trees, ExecutableElement m) {
    if (m.getAnnotation(dev.tapeless.Differentiable.class) != null
        || CustomDerivatives.isRegistered(m) || m.getModifiers().contains(Modifier.ABSTRACT)) {
      return false;
    }
    TreePath path = trees.getPath(m);
    return path != null && path.getLeaf() instanceof MethodTree t && t.getBody() != null;
  }

  /**
   * Why generated code cannot call helper {@code m} (so only a copy of its body will do), or
   * null when it can.
   */
  public static String uncallable(ExecutableElement m) {
    if (m.getModifiers().contains(Modifier.PRIVATE)) {
      return "private";
    }
    if (!m.getModifiers().contains(Modifier.STATIC)) {
      return "an instance method (the gradient holds this object's fields, not the object)";
    }
    if (m.getParameters().stream().anyMatch(p -> RecordInputs.recordOf(p) != null)) {
      return "given a record (the gradient passes its components, not the record)";
    }
    return null;
  }
}

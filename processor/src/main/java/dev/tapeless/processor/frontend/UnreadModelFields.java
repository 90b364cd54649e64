package dev.tapeless.processor.frontend;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.tapeless.NoDerivative;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Fields of a model class that none of its {@code @Differentiable} instance methods reads. The
 * frames are written from declarations alone (a body is read a round later), so every input
 * field gets an adjoint and is registered by {@code parameters()}; a scratch array or a data
 * field left in the class costs memory for a gradient that is always zero. Names are matched
 * in the bodies' source, which needs no attribution: a local of the same name counts as a read,
 * so the warning can be missed but is never wrong.
 */
public final class UnreadModelFields {
  private UnreadModelFields() {}

  /** The differentiated fields of {@code owner} that no method in {@code methods} names. */
  public static List<VariableElement> of(Trees trees, TypeElement owner,
      List<ExecutableElement> methods) {
    Set<String> named = new HashSet<>();
    List<ExecutableElement> todo = new ArrayList<>(methods);
    Set<ExecutableElement> seen = new HashSet<>(methods);
    for (int k = 0; k < todo.size(); k++) {
      ExecutableElement m = todo.get(k);
      MethodTree tree = trees.getTree(m);
      if (tree == null || tree.getBody() == null) {
        return List.of(); // a body we cannot see may read anything
      }
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitIdentifier(IdentifierTree node, Void unused) {
          named.add(node.getName().toString());
          return null;
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree node, Void unused) {
          named.add(node.getIdentifier().toString());
          return super.visitMemberSelect(node, unused);
        }
      }.scan(tree.getBody(), null);
      // instance helpers they call (by name) have their bodies copied in: their reads count
      for (Element e : owner.getEnclosedElements()) {
        if (e instanceof ExecutableElement h && named.contains(h.getSimpleName().toString())
            && !h.getModifiers().contains(Modifier.STATIC) && CopiedHelpers.isHelper(trees, h)
            && seen.add(h)) {
          todo.add(h);
        }
      }
    }
    List<VariableElement> unread = new ArrayList<>();
    for (VariableElement field : RecordInputs.modelFields(owner)) {
      if (field.getAnnotation(NoDerivative.class) == null
          && !named.contains(field.getSimpleName().toString())) {
        unread.add(field);
      }
    }
    return unread;
  }
}

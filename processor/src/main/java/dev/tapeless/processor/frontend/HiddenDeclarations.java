package dev.tapeless.processor.frontend;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code @Differentiable} methods of local and anonymous classes (enum constant bodies too),
 * which javac never hands to a processor: found in the syntax tree, so that they get an error
 * rather than silently no gradient. Read without attributing anything, by the annotation's name.
 */
public final class HiddenDeclarations extends TreeScanner<Void, Void> {
  private final boolean simpleNameMeansOurs;
  private final List<MethodTree> found = new ArrayList<>();
  /** How many method bodies or anonymous class bodies enclose the current tree. */
  private int local;

  private HiddenDeclarations(boolean simpleNameMeansOurs) {
    this.simpleNameMeansOurs = simpleNameMeansOurs;
  }

  /** The annotated methods of local or anonymous classes in {@code unit}. */
  public static List<MethodTree> in(CompilationUnitTree unit) {
    boolean imported = false;
    for (ImportTree i : unit.getImports()) {
      String name = i.getQualifiedIdentifier().toString();
      imported |= !i.isStatic() && (name.equals("dev.tapeless.Differentiable")
          || name.equals("dev.tapeless.*"));
    }
    boolean samePackage = unit.getPackageName() != null
        && unit.getPackageName().toString().equals("dev.tapeless");
    HiddenDeclarations scanner = new HiddenDeclarations(imported || samePackage);
    scanner.scan(unit, null);
    return scanner.found;
  }

  @Override
  public Void visitMethod(MethodTree node, Void unused) {
    if (local > 0 && node.getModifiers().getAnnotations().stream().anyMatch(this::isOurs)) {
      found.add(node);
    }
    local++;
    try {
      return super.visitMethod(node, unused);
    } finally {
      local--;
    }
  }

  @Override
  public Void visitNewClass(NewClassTree node, Void unused) {
    scan(node.getEnclosingExpression(), null);
    scan(node.getArguments(), null);
    local++;
    try {
      return scan(node.getClassBody(), null);
    } finally {
      local--;
    }
  }

  private boolean isOurs(AnnotationTree a) {
    Tree type = a.getAnnotationType();
    String name = type.toString();
    return name.equals("dev.tapeless.Differentiable")
        || (simpleNameMeansOurs && name.equals("Differentiable"));
  }
}

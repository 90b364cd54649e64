package dev.tapeless.processor.diagnostics;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/** Puts messages on the exact element, annotation or tree they are about. */
public final class Reporter {
  private final Messager messager;
  private final Trees trees;
  private boolean errors;

  public Reporter(Messager messager, Trees trees) {
    this.messager = messager;
    this.trees = trees;
  }

  public void error(Element element, Diagnostic diagnostic, Object... args) {
    errors = true;
    messager.printMessage(Kind.ERROR, diagnostic.format(args), element);
  }

  public void error(Element element, AnnotationMirror annotation, Diagnostic d, Object... args) {
    errors = true;
    messager.printMessage(Kind.ERROR, d.format(args), element, annotation);
  }

  /** A note for users who asked for one, such as {@code -Atapeless.printIr}. */
  public void note(Element element, String text) {
    messager.printMessage(Kind.NOTE, text, element);
  }

  public void warning(Element element, Diagnostic diagnostic, Object... args) {
    messager.printMessage(Kind.WARNING, diagnostic.format(args), element);
  }

  /** An error on a tree of the method body; falls back to the method when there is no tree. */
  public void error(Element method, CompilationUnitTree unit, CompileError error) {
    errors = true;
    Tree tree = error.tree();
    if (tree != null && unit != null && trees != null) {
      trees.printMessage(Kind.ERROR, error.getMessage(), tree, unit);
    } else {
      messager.printMessage(Kind.ERROR, error.getMessage(), method);
    }
  }

  public boolean hadErrors() {
    return errors;
  }
}

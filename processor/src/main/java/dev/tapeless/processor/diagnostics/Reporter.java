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

  /**
   * A warning on {@code element}, unless it or an element enclosing it (its class, an outer
   * class) is annotated {@code @SuppressWarnings} with the warning's code ({@code "TL012"}) or
   * {@code "tapeless"}, which suppresses every Tapeless warning. Errors cannot be suppressed.
   */
  public void warning(Element element, Diagnostic diagnostic, Object... args) {
    if (!suppressed(element, diagnostic)) {
      messager.printMessage(Kind.WARNING, diagnostic.format(args), element);
    }
  }

  /**
   * A warning on a tree of {@code method}'s body (on the method when there is no tree),
   * suppressed as {@link #warning(Element, Diagnostic, Object...)} is, through the method.
   */
  public void warning(Element method, CompilationUnitTree unit, Tree tree, Diagnostic diagnostic,
      Object... args) {
    if (suppressed(method, diagnostic)) {
      return;
    }
    if (tree != null && unit != null && trees != null) {
      trees.printMessage(Kind.WARNING, diagnostic.format(args), tree, unit);
    } else {
      messager.printMessage(Kind.WARNING, diagnostic.format(args), method);
    }
  }

  /** The string in {@code @SuppressWarnings} that suppresses every Tapeless warning. */
  public static final String ALL_WARNINGS = "tapeless";

  static boolean suppressed(Element element, Diagnostic diagnostic) {
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      SuppressWarnings annotation = e.getAnnotation(SuppressWarnings.class);
      if (annotation == null) {
        continue;
      }
      for (String name : annotation.value()) {
        if (name.trim().equalsIgnoreCase(diagnostic.code()) || name.trim().equals(ALL_WARNINGS)) {
          return true;
        }
      }
    }
    return false;
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

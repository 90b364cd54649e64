package dev.tapeless.processor;

import com.google.auto.service.AutoService;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.tapeless.processor.diagnostics.Diagnostic;
import dev.tapeless.processor.frontend.HiddenDeclarations;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic.Kind;

/**
 * Reports {@code @Differentiable} on methods of local and anonymous classes ({@code TL009}).
 * javac never presents those annotations to processors, so {@link TapelessProcessor} would not
 * even run for a file holding only such methods; this one runs for every file, reads its syntax
 * tree, and claims nothing.
 */
@AutoService(Processor.class)
@SupportedAnnotationTypes("*")
public final class HiddenDeclarationProcessor extends AbstractProcessor {
  private Trees trees;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    try {
      trees = CompilerTrees.of(env);
    } catch (RuntimeException | LinkageError e) { // TapelessProcessor reports it (TL901)
      trees = null;
    }
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (trees == null) {
      return false;
    }
    try {
      Set<CompilationUnitTree> seen = new java.util.HashSet<>();
      for (Element e : round.getRootElements()) {
        TreePath path = e instanceof TypeElement ? trees.getPath(e) : null;
        if (path != null && seen.add(path.getCompilationUnit())) {
          for (MethodTree m : HiddenDeclarations.in(path.getCompilationUnit())) {
            trees.printMessage(Kind.ERROR, Diagnostic.UNSUPPORTED_ENCLOSING_CLASS.format(
                m.getName()), m, path.getCompilationUnit());
          }
        }
      }
    } catch (RuntimeException | LinkageError e) { // never crash javac
      processingEnv.getMessager().printMessage(Kind.WARNING,
          Diagnostic.INTERNAL_ERROR.format("the search for hidden declarations", e));
    }
    return false;
  }
}

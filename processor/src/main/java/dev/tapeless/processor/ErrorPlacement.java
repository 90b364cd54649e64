package dev.tapeless.processor;

import com.sun.source.tree.CompilationUnitTree;
import dev.tapeless.processor.diagnostics.CompileError;
import dev.tapeless.processor.diagnostics.Diagnostic;
import dev.tapeless.processor.diagnostics.Reporter;
import dev.tapeless.processor.frontend.OriginTrees;
import dev.tapeless.processor.inlining.HelperBodies;
import dev.tapeless.processor.inlining.HelperInliner;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;

/**
 * Reports the errors found while differentiating one method: on its own file, or, for a tree in
 * a helper inlined into it, on the helper's file together with a {@code TL121} at the call that
 * made the helper differentiated, so that the user learns why a method they did not annotate
 * is being differentiated. Errors found after lowering name an origin; its tree is looked up
 * here, so every error lands where the tree-based front end would put it.
 */
final class ErrorPlacement {
  private final Reporter reporter;
  private final ExecutableElement method;
  private final CompilationUnitTree unit;
  private final HelperBodies bodies;
  private final HelperInliner inliner;
  private final OriginTrees origins;
  private final Set<ExecutableElement> explained = new HashSet<>();

  ErrorPlacement(Reporter reporter, ExecutableElement method, CompilationUnitTree unit,
      HelperBodies bodies, HelperInliner inliner, OriginTrees origins) {
    this.origins = origins;
    this.reporter = reporter;
    this.method = method;
    this.unit = unit;
    this.bodies = bodies;
    this.inliner = inliner;
  }

  void report(CompileError found) {
    CompileError error = origins.placed(found);
    ExecutableElement helper = bodies.helperOf(error.tree());
    if (helper == null) {
      reporter.error(method, unit, error);
      return;
    }
    inHelper(helper, error);
    explain(helper);
  }

  /** A helper whose body failed the fence or lowering; nothing when javac reports it. */
  void report(HelperBodies.Rejected rejected) {
    if (rejected.errors().isEmpty()) {
      return; // javac's own errors; an error of ours would hide them (see JavacErrors)
    }
    rejected.errors().forEach(e -> inHelper(rejected.helper(), e));
    explain(rejected.helper());
  }

  private void inHelper(ExecutableElement helper, CompileError found) {
    CompileError error = origins.placed(found);
    if (bodies.firstReport(error)) {
      reporter.error(helper, bodies.unitOf(helper), error);
    }
  }

  private void explain(ExecutableElement helper) {
    HelperInliner.Use use = inliner.useOf(helper);
    if (use != null && explained.add(helper)) {
      reporter.error(method, unit, new CompileError(origins.treeOf(use.rootSite()),
          Diagnostic.HELPER_HAS_ERRORS, helper.getSimpleName(), method.getSimpleName(),
          use.chain()));
    }
  }
}

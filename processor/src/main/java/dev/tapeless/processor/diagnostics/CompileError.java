package dev.tapeless.processor.diagnostics;

import com.sun.source.tree.Tree;

/**
 * Thrown by a phase that meets user code it cannot handle; caught per method so that the error
 * lands on the exact tree and processing of the other methods goes on.
 */
public final class CompileError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Tree tree;

  public CompileError(Tree tree, String message) {
    super(message, null, false, false);
    this.tree = tree;
  }

  public CompileError(Tree tree, Diagnostic diagnostic, Object... args) {
    this(tree, diagnostic.format(args));
  }

  public Tree tree() {
    return tree;
  }
}

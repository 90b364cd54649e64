package dev.tapeless.processor.diagnostics;

import com.sun.source.tree.Tree;
import dev.tapeless.processor.ir.Origin;

/**
 * Thrown by a phase that meets user code it cannot handle; caught per method so that the error
 * lands on the exact tree and processing of the other methods goes on. The front end names the
 * tree; phases after lowering name an {@link Origin}, which the front end's table turns back
 * into its tree before the error is reported.
 */
public final class CompileError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Tree tree;
  private final Origin origin;

  public CompileError(Tree tree, String message) {
    super(message, null, false, false);
    this.tree = tree;
    this.origin = null;
  }

  public CompileError(Tree tree, Diagnostic diagnostic, Object... args) {
    this(tree, diagnostic.format(args));
  }

  public CompileError(Origin origin, String message) {
    super(message, null, false, false);
    this.tree = null;
    this.origin = origin;
  }

  public CompileError(Origin origin, Diagnostic diagnostic, Object... args) {
    this(origin, diagnostic.format(args));
  }

  /** The tree the error is on, or null when it names an origin (or nothing). */
  public Tree tree() {
    return tree;
  }

  /** The origin the error is on, or null when it names a tree (or nothing). */
  public Origin origin() {
    return origin;
  }
}

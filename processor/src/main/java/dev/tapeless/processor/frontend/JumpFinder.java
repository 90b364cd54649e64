package dev.tapeless.processor.frontend;

import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;

/**
 * Finds jumps that leave a statement: {@code return}, and {@code break}/{@code continue} of the
 * enclosing loop (not of loops nested inside). Lowering moves the statements after such a
 * statement into the branches that fall through.
 */
final class JumpFinder extends TreeScanner<Boolean, Void> {
  private final boolean breaksOnly;
  private int nested;

  private JumpFinder(boolean breaksOnly) {
    this.breaksOnly = breaksOnly;
  }

  /** Whether {@code statement} may return, break or continue. */
  static boolean mayJump(Tree statement) {
    return Boolean.TRUE.equals(new JumpFinder(false).scan(statement, null));
  }

  /** Whether a loop body breaks out of its own loop. */
  static boolean breaksOut(Tree body) {
    return Boolean.TRUE.equals(new JumpFinder(true).scan(body, null));
  }

  @Override
  public Boolean visitReturn(ReturnTree node, Void unused) {
    return !breaksOnly;
  }

  @Override
  public Boolean visitBreak(BreakTree node, Void unused) {
    return nested == 0;
  }

  @Override
  public Boolean visitContinue(ContinueTree node, Void unused) {
    return nested == 0 && !breaksOnly;
  }

  private Boolean inner(Tree loop) {
    nested++;
    try {
      return super.scan(loop, null);
    } finally {
      nested--;
    }
  }

  @Override
  public Boolean visitForLoop(ForLoopTree node, Void unused) {
    return inner(node.getStatement());
  }

  @Override
  public Boolean visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
    return inner(node.getStatement());
  }

  @Override
  public Boolean visitWhileLoop(WhileLoopTree node, Void unused) {
    return inner(node.getStatement());
  }

  @Override
  public Boolean visitDoWhileLoop(DoWhileLoopTree node, Void unused) {
    return inner(node.getStatement());
  }

  @Override
  public Boolean reduce(Boolean a, Boolean b) {
    return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
  }
}

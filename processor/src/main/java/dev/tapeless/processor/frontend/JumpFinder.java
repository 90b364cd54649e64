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
 * Finds the jumps that leave a statement: {@code return}s anywhere in it, and {@code break}s and
 * {@code continue}s of the loop it belongs to (not of loops nested inside it). Lowering turns them
 * into flags that the code after the statement tests.
 */
final class JumpFinder extends TreeScanner<Void, Void> {
  /** What a statement may do besides falling through. */
  record Jumps(boolean returns, boolean breaks, boolean continues) {
    /** Whether it may leave its loop before the loop's own test says so. */
    boolean leaves() {
      return returns || breaks;
    }
  }

  private int nested;
  /** Switches enclosing the scan, whose breaks leave the switch, not the loop. */
  private int switches;
  private boolean returns;
  private boolean breaks;
  private boolean continues;

  private JumpFinder() {}

  static Jumps of(Tree statement) {
    JumpFinder f = new JumpFinder();
    f.scan(statement, null);
    return new Jumps(f.returns, f.breaks, f.continues);
  }

  @Override
  public Void visitReturn(ReturnTree node, Void unused) {
    returns = true;
    return null;
  }

  @Override
  public Void visitBreak(BreakTree node, Void unused) {
    breaks |= nested == 0 && switches == 0;
    return null;
  }

  @Override
  public Void visitContinue(ContinueTree node, Void unused) {
    continues |= nested == 0;
    return null;
  }

  private Void inner(Tree body) {
    nested++;
    try {
      return scan(body, null);
    } finally {
      nested--;
    }
  }

  @Override
  public Void visitForLoop(ForLoopTree node, Void unused) {
    return inner(node.getStatement());
  }

  @Override
  public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
    return inner(node.getStatement());
  }

  @Override
  public Void visitWhileLoop(WhileLoopTree node, Void unused) {
    return inner(node.getStatement());
  }

  @Override
  public Void visitSwitch(com.sun.source.tree.SwitchTree node, Void unused) {
    scan(node.getExpression(), null);
    switches++;
    try {
      return scan(node.getCases(), null);
    } finally {
      switches--;
    }
  }

  @Override
  public Void visitDoWhileLoop(DoWhileLoopTree node, Void unused) {
    return inner(node.getStatement());
  }
}

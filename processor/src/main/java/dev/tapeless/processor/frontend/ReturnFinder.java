package dev.tapeless.processor.frontend;

import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;

/** Whether a statement contains a {@code return}, so the statements after it must move. */
final class ReturnFinder extends TreeScanner<Boolean, Void> {
  private ReturnFinder() {}

  static boolean mayReturn(Tree statement) {
    return Boolean.TRUE.equals(new ReturnFinder().scan(statement, null));
  }

  @Override
  public Boolean visitReturn(ReturnTree node, Void unused) {
    return true;
  }

  @Override
  public Boolean reduce(Boolean a, Boolean b) {
    return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
  }
}

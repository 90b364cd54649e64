package dev.tapeless.processor.reverse;

import dev.tapeless.processor.ir.Stmt;
import java.util.List;

/**
 * Whether backward IR prints nothing. The backward sweep keeps such code (a loop whose reversal
 * is empty, a statement whose adjoint is read but not updated) because the passes still learn
 * from it what the sweep would read; they drop it once they have.
 */
final class Silent {
  private Silent() {}

  static boolean of(List<Stmt> code) {
    return code.stream().allMatch(Silent::of);
  }

  static boolean of(Stmt s) {
    if (s instanceof Stmt.Reversal r) {
      return of(r.code().statements());
    } else if (s instanceof Stmt.Reversed r) {
      return of(r.body().statements());
    } else if (s instanceof Stmt.Block b) {
      return of(b.statements());
    }
    return false;
  }
}

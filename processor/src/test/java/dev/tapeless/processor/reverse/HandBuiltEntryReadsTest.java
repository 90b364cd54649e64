package dev.tapeless.processor.reverse;

import static dev.tapeless.processor.ir.HandBuiltIr.assign;
import static dev.tapeless.processor.ir.HandBuiltIr.block;
import static dev.tapeless.processor.ir.HandBuiltIr.index;
import static dev.tapeless.processor.ir.HandBuiltIr.integer;
import static dev.tapeless.processor.ir.HandBuiltIr.local;
import static dev.tapeless.processor.ir.HandBuiltIr.mul;
import static dev.tapeless.processor.ir.HandBuiltIr.ref;
import static dev.tapeless.processor.ir.HandBuiltIr.upTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which of the forward sweep's locals a backward sweep reads before assigning them, on code
 * built by hand: a temporary assigned again before its use is not one, a value restored after
 * its use is, and an assignment in a loop or in one arm of a branch does not count after it.
 */
class HandBuiltEntryReadsTest {
  private final Var t = local("t");
  private final Var u = local("u");
  private final Var s = local("s");
  private final Var a = local("a");
  private final Var i = index("i");
  private final Var n = new Var("n", Type.INT, Var.Role.LOCAL);

  private static Set<Var> read(Stmt... code) {
    return EntryReads.of(List.of(code)).read();
  }

  @Test
  void aTemporaryAssignedAgainBeforeItsUseIsNotReadButItsOperandsAre() {
    Stmt recompute = assign(t, mul(ref(a), ref(a)), "t = a * a");
    Stmt use = assign(s, mul(ref(t), ref(u)), "s = t * u");
    assertEquals(Set.of(a, u), read(recompute, use));
  }

  @Test
  void aValueUsedAndThenRestoredInAReversedLoopIsRead() {
    Stmt use = assign(s, mul(ref(t), ref(s)), "s = t * s");
    Stmt restore = new Stmt.Restore("saved", ref(t));
    Stmt loop = upTo(i, integer(0), ref(n), "for i", assign(t, ref(a), "t = a"), use);
    assertEquals(Set.of(n, a, s), read(loop));
    Stmt reversed = upTo(i, integer(0), ref(n), "for i", use, restore);
    assertEquals(Set.of(n, t, s), read(reversed));
  }

  @Test
  void anAssignmentInALoopOrInOneArmDoesNotCountAfterItButInBothArmsItDoes() {
    Stmt inLoop = upTo(i, integer(0), ref(n), "for i", assign(t, ref(a), "t = a"));
    Stmt after = assign(s, ref(t), "s = t");
    assertEquals(Set.of(n, a, t), read(inLoop, after));
    Expr test = new Expr.Binary(BinaryOp.LT, ref(a), ref(u), Type.BOOLEAN);
    Stmt oneArm = new Stmt.If(test, block(assign(t, ref(a), "t = a")), block(), null);
    assertEquals(Set.of(a, u, t), read(oneArm, after));
    Stmt bothArms = new Stmt.If(test, block(assign(t, ref(a), "t = a")),
        block(assign(t, ref(u), "t = u")), null);
    assertEquals(Set.of(a, u), read(bothArms, after));
  }

  @Test
  void shapesAndStridedLoopsReadWhatTheyMention() {
    assertEquals(Set.of(a), read(new Stmt.SaveShape("saved", a)));
    Stmt strided = new Stmt.Strided(i, integer(0), ref(n), integer(2), true,
        block(assign(s, ref(i), "s = i")));
    assertEquals(Set.of(n), read(strided));
  }
}

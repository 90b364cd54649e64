package dev.tapeless.processor.reverse;

import static dev.tapeless.processor.ir.HandBuiltIr.DOUBLE_ARRAY;
import static dev.tapeless.processor.ir.HandBuiltIr.at;
import static dev.tapeless.processor.ir.HandBuiltIr.block;
import static dev.tapeless.processor.ir.HandBuiltIr.index;
import static dev.tapeless.processor.ir.HandBuiltIr.integer;
import static dev.tapeless.processor.ir.HandBuiltIr.ref;
import static dev.tapeless.processor.ir.HandBuiltIr.store;
import static dev.tapeless.processor.ir.HandBuiltIr.upTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.processor.emit.JavaStmts;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The pass that holds the double stack in locals for a loop, on sweeps built by hand: the
 * outermost loop that saves or restores doubles gets the locals once, floats go through them
 * too, other stacks keep their methods, and a loop that calls a frame keeps the methods while
 * an inner loop without calls gets the locals.
 */
class HandBuiltSaveCursorsTest {
  private static final String SAVED = "saved";
  private final Var i = index("i");
  private final Var j = index("j");
  private final Var n = new Var("n", Type.INT, Var.Role.LOCAL);
  private final Var t = new Var("t", Type.DOUBLE, Var.Role.LOCAL);
  private final Var f = new Var("f", Type.FLOAT, Var.Role.LOCAL);
  private final Var k = new Var("k", Type.INT, Var.Role.LOCAL);
  private final Var xc = new Var("xc", DOUBLE_ARRAY, Var.Role.LOCAL);

  private static String printed(Stmt... code) {
    NameTable names = new NameTable(new HashSet<>(Set.of("i", "j", "n", "t", "f", "k", "xc")));
    return JavaStmts.write(SaveCursors.apply(List.of(code), names)).toString();
  }

  private static Stmt save(Expr value) {
    return new Stmt.Save(SAVED, value);
  }

  @Test
  void theOutermostLoopThatSavesDoublesHoldsTheStackInLocalsOnce() {
    Stmt loops = upTo(i, integer(0), ref(n), "for i",
        save(ref(k)),
        upTo(j, integer(0), ref(n), "for j",
            save(at(xc, ref(j))),
            store(xc, ref(j), ref(t), "xc[j] = t")),
        save(ref(t)));
    assertEquals("""
        double[] savedDoubles = this.saved.doubleStack();
        int savedTop = this.saved.doubleTop();
        for (int i = 0; i < n; i++) {
          this.saved.pushInt(k);
          for (int j = 0; j < n; j++) {
            if (savedTop == savedDoubles.length) {
              savedDoubles = this.saved.growDoubles();
            }
            savedDoubles[savedTop++] = xc[j];
            xc[j] = t;
          }
          if (savedTop == savedDoubles.length) {
            savedDoubles = this.saved.growDoubles();
          }
          savedDoubles[savedTop++] = t;
        }
        this.saved.doubleTop(savedTop);
        """, printed(loops));
  }

  @Test
  void restoresPopThroughTheLocalsAndAFloatIsNarrowedBack() {
    Stmt loop = upTo(i, integer(0), ref(n), "for i",
        new Stmt.Restore(SAVED, ref(f)),
        new Stmt.Restore(SAVED, at(xc, ref(i))),
        new Stmt.Restore(SAVED, ref(k)));
    assertEquals("""
        double[] savedDoubles = this.saved.doubleStack();
        int savedTop = this.saved.doubleTop();
        for (int i = 0; i < n; i++) {
          f = (float) savedDoubles[--savedTop];
          xc[i] = savedDoubles[--savedTop];
          k = this.saved.popInt();
        }
        this.saved.doubleTop(savedTop);
        """, printed(loop));
  }

  @Test
  void aLoopThatCallsAFrameKeepsTheMethodsAndItsInnerLoopGetsTheLocals() {
    Stmt call = new Stmt.Run(new Expr.FrameCall("callee", "$splitForward", List.of(), null));
    Stmt loop = upTo(i, integer(0), ref(n), "for i",
        save(ref(t)),
        call,
        upTo(j, integer(0), ref(n), "for j", save(at(xc, ref(j)))));
    assertEquals("""
        for (int i = 0; i < n; i++) {
          this.saved.pushDouble(t);
          this.callee.$splitForward();
          double[] savedDoubles = this.saved.doubleStack();
          int savedTop = this.saved.doubleTop();
          for (int j = 0; j < n; j++) {
            if (savedTop == savedDoubles.length) {
              savedDoubles = this.saved.growDoubles();
            }
            savedDoubles[savedTop++] = xc[j];
          }
          this.saved.doubleTop(savedTop);
        }
        """, printed(loop));
  }

  @Test
  void loopsWithoutDoubleSavesOrWithWholeArraySavesAreLeftAlone() {
    Stmt ints = upTo(i, integer(0), ref(n), "for i", save(ref(k)));
    Stmt whole = upTo(i, integer(0), ref(n), "for i", save(ref(t)),
        new Stmt.SaveAll(SAVED, ref(xc), false));
    Stmt outside = save(ref(t));
    assertEquals("""
        for (int i = 0; i < n; i++) {
          this.saved.pushInt(k);
        }
        for (int i = 0; i < n; i++) {
          this.saved.pushDouble(t);
          this.saved.pushAll(xc);
        }
        this.saved.pushDouble(t);
        """, printed(ints, whole, outside));
  }

  @Test
  void siblingLoopsGetLocalsOfTheirOwnNames() {
    Stmt first = upTo(i, integer(0), ref(n), "for i", save(ref(t)));
    Stmt second = upTo(j, integer(0), ref(n), "for j", new Stmt.Restore(SAVED, ref(t)));
    String code = printed(block(first, second));
    assertEquals(true, code.contains("double[] savedDoubles2 = this.saved.doubleStack();"), code);
    assertEquals(true, code.contains("t = savedDoubles2[--savedTop2];"), code);
  }
}

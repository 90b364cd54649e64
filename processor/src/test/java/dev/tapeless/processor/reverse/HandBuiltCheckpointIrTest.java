package dev.tapeless.processor.reverse;

import static dev.tapeless.processor.ir.HandBuiltIr.assign;
import static dev.tapeless.processor.ir.HandBuiltIr.block;
import static dev.tapeless.processor.ir.HandBuiltIr.index;
import static dev.tapeless.processor.ir.HandBuiltIr.integer;
import static dev.tapeless.processor.ir.HandBuiltIr.local;
import static dev.tapeless.processor.ir.HandBuiltIr.method;
import static dev.tapeless.processor.ir.HandBuiltIr.mul;
import static dev.tapeless.processor.ir.HandBuiltIr.num;
import static dev.tapeless.processor.ir.HandBuiltIr.param;
import static dev.tapeless.processor.ir.HandBuiltIr.ref;
import static dev.tapeless.processor.ir.HandBuiltIr.result;
import static dev.tapeless.processor.ir.HandBuiltIr.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.Recording;
import dev.tapeless.processor.emit.JavaStmts;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Origin;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A {@code @Checkpoint} loop's sweeps as IR, from a loop built by hand: segments as a
 * {@link Stmt.Strided}, the state pushed and popped by saves and restores, and the reversed
 * segment inside the segment loop where the passes see it.
 */
class HandBuiltCheckpointIrTest {
  private final Var x = param("x");
  private final Var n = param("n", Type.INT);
  private final Var s = local("s");
  private final Var y = result();
  private final Var i = index("i");
  private final Stmt.For loop = new Stmt.For(i, integer(0), ref(n), Stmt.Direction.UP_EXCLUSIVE,
      block(assign(s, mul(ref(s), ref(x)), "s = s * x;")),
      Origin.of("for (@Checkpoint int i = 0; i < n; i++)"), 0);
  private final IrMethod power = method("power", vars(x, n), y,
      assign(s, num(1.0), "double s = 1.0;"), loop, assign(y, ref(s), "return s;"));
  private final Activity activity = Activity.of(power, vars(x), vars(y));
  private final Recording recording = Recording.of(power, activity);
  private final NameTable names = new NameTable(power.usedNames());
  private final FrameFields fields = new FrameFields(new HashSet<>());

  @Test
  void theForwardSweepPushesTheStateAtTheStartOfEachSegmentAndThenItsBounds() {
    List<Stmt> body = List.of(new Stmt.Assign(s, mul(ref(s), ref(x)), null));
    assertEquals("""
        // checkpointed: the loop's state at the start of each segment, nothing else
        int iFirst = 0;
        int iTrips = dev.tapeless.runtime.support.Checkpoints.tripsUp(iFirst, n, false);
        int iSegment = dev.tapeless.runtime.support.Checkpoints.segment(iTrips, 0);
        for (int iStart = 0; iStart < iTrips; iStart += iSegment) {
          this.saved.pushDouble(s);
          int iEnd = dev.tapeless.runtime.support.Checkpoints.segmentEnd(iStart, iTrips, iSegment);
          for (int i = iFirst + iStart; i < iFirst + iEnd; i++) {
            s = s * x;
          }
        }
        this.saved.pushInt(iFirst);
        this.saved.pushInt(iTrips);
        """, JavaStmts.write(Checkpointing.forward(loop, body, recording, fields, names))
        .toString());
  }

  @Test
  void theBackwardSweepRunsEachSegmentAgainAndReversesItInsideTheSegmentLoop() {
    List<Stmt> rerun = List.of(new Stmt.Assign(s, mul(ref(s), ref(x)), null));
    Stmt.Block reversedBody = block(new Stmt.Comment("s = s * x"));
    List<Stmt> backward = Checkpointing.backward(loop, rerun,
        f -> List.of(new Stmt.Reversed(f, reversedBody, false)), recording, fields, names);

    Stmt.Strided segments = (Stmt.Strided) backward.get(backward.size() - 1);
    assertEquals(false, segments.up());
    Stmt last = segments.body().statements().get(segments.body().statements().size() - 1);
    assertEquals(reversedBody, ((Stmt.Reversed) last).body());
    assertEquals("""
        // checkpointed: each segment from its saved state, run again saving, then reversed
        int iTrips = this.saved.popInt();
        int iFirst = this.saved.popInt();
        int iSegment = dev.tapeless.runtime.support.Checkpoints.segment(iTrips, 0);
        for (int iStart = dev.tapeless.runtime.support.Checkpoints.lastSegment(iTrips, iSegment); \
        iStart >= 0; iStart -= iSegment) {
          int iEnd = dev.tapeless.runtime.support.Checkpoints.segmentEnd(iStart, iTrips, iSegment);
          s = this.saved.popDouble();
          int iSegmentFirst = iFirst + iStart;
          int iSegmentBound = iFirst + iEnd;
          for (int i = iSegmentFirst; i < iSegmentBound; i++) {
            s = s * x;
          }
          for (int i = iSegmentBound - 1; i >= iSegmentFirst; i--) {
            // s = s * x
          }
        }
        """, JavaStmts.write(backward).toString());
  }

  @Test
  void anAdjointZeroedAtTheEndOfASegmentsBodyIsAssignedInsideIt() {
    Var aBar = new Var("aBar", Type.DOUBLE, Var.Role.ADJOINT);
    Var g = new Var("g", Type.DOUBLE, Var.Role.ADJOINT);
    Stmt.Strided segments = new Stmt.Strided(local("k", Type.INT), integer(3), integer(0),
        integer(1), false, block(
            new Stmt.Store(aBar, List.of(), ref(g), Stmt.StoreKind.ADD, null),
            new Stmt.Assign(aBar, num(0), null)));
    assertEquals("""
        for (int k = 3; k >= 0; k -= 1) {
          aBar = g;
          aBar = 0.0;
        }
        """, JavaStmts.write(ZeroAdjointAdds.apply(List.of(segments), Set.of(aBar))).toString());
  }
}

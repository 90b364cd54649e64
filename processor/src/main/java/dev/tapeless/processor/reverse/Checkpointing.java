package dev.tapeless.processor.reverse;

import dev.tapeless.processor.analysis.CheckpointState;
import dev.tapeless.processor.analysis.Recording;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reverse mode of a {@code @Checkpoint} loop, in segments (the two-level scheme: about
 * &radic;T segments of &radic;T iterations). The forward sweep runs the loop without saving
 * anything, pushing the loop's state (what {@link CheckpointState#snapshot} names: arrays
 * whole) on the save buffer at the start of each segment, then the loop's first index and trip
 * count. The backward sweep
 * pops those two, then for each segment from the last: pops its state (on top, since segments
 * are reversed last to first), runs the segment again saving as an ordinary loop does, and
 * reverses it as an ordinary loop. The saves of one segment lie above the remaining snapshots
 * and are popped before the next, so the buffer holds at most the snapshots and one segment's
 * record. After the first segment's reversal the state is what the ordinary reversal leaves.
 * Both sweeps' loops are IR: the segments a {@link Stmt.Strided}, the iterations of one an
 * ordinary {@link Stmt.For}, the state's pushes and pops {@link Stmt.Save}s and
 * {@link Stmt.Restore}s, so the passes over the backward sweep see the reversed segment.
 */
final class Checkpointing {
  /** The runtime's segment arithmetic, as an IR owner. */
  static final String CHECKPOINTS = "dev.tapeless.runtime.support/Checkpoints";

  private Checkpointing() {}

  /** The loop of the forward sweep; {@code body} is its body, saving nothing. */
  static List<Stmt> forward(Stmt.For f, List<Stmt> body, Recording recording,
      FrameFields fields, NameTable names) {
    Segments n = Segments.of(f, names);
    String saved = fields.saved();
    List<Stmt> code = new ArrayList<>();
    code.add(new Stmt.Comment(
        "checkpointed: the loop's state at the start of each segment, nothing else"));
    code.add(new Stmt.Declare(n.first(), f.first()));
    code.add(new Stmt.Declare(n.trips(), checkpoints(f.direction().up() ? "tripsUp"
        : "tripsDown", ref(n.first()), f.bound(), new Expr.Const(Boolean.toString(inclusive(f)),
        Type.BOOLEAN))));
    code.add(segmentLength(f, n));
    List<Stmt> segment = new ArrayList<>();
    for (Var v : CheckpointState.snapshot(f, recording)) {
      segment.add(v.type().isArray() ? new Stmt.SaveAll(saved, ref(v), false)
          : new Stmt.Save(saved, ref(v)));
    }
    segment.add(segmentEnd(n));
    BinaryOp sign = f.direction().up() ? BinaryOp.ADD : BinaryOp.SUB;
    segment.add(new Stmt.For(f.index(), offset(n.first(), sign, n.start()),
        offset(n.first(), sign, n.end()), f.direction().up() ? Stmt.Direction.UP_EXCLUSIVE
        : Stmt.Direction.DOWN_EXCLUSIVE, new Stmt.Block(body), f.origin()));
    code.add(new Stmt.Strided(n.start(), new Expr.Const("0", Type.INT), ref(n.trips()),
        ref(n.segment()), true, new Stmt.Block(segment)));
    code.add(new Stmt.Save(saved, ref(n.first())));
    code.add(new Stmt.Save(saved, ref(n.trips())));
    return code;
  }

  /**
   * The loop of the backward sweep: {@code rerun} is the body saving, and {@code reverse}
   * reverses an ordinary loop, as IR that passes over the backward sweep shape like any other.
   */
  static List<Stmt> backward(Stmt.For f, List<Stmt> rerun,
      Function<Stmt.For, List<Stmt>> reverse, Recording recording, FrameFields fields,
      NameTable names) {
    Segments n = Segments.of(f, names);
    String base = f.index().name();
    Var segmentFirst = new Var(names.fresh(base + "SegmentFirst"), Type.INT, Var.Role.TEMP);
    Var segmentBound = new Var(names.fresh(base + "SegmentBound"), Type.INT, Var.Role.TEMP);
    String saved = fields.saved();
    List<Stmt> code = new ArrayList<>();
    code.add(new Stmt.Comment(
        "checkpointed: each segment from its saved state, run again saving, then reversed"));
    code.add(new Stmt.Declare(n.trips(), popInt(saved)));
    code.add(new Stmt.Declare(n.first(), popInt(saved)));
    code.add(segmentLength(f, n));
    List<Stmt> segment = new ArrayList<>();
    segment.add(segmentEnd(n));
    List<Var> state = CheckpointState.snapshot(f, recording);
    for (int k = state.size() - 1; k >= 0; k--) {
      Var v = state.get(k);
      segment.add(v.type().isArray() ? new Stmt.RestoreAll(saved, ref(v), false)
          : new Stmt.Restore(saved, ref(v)));
    }
    BinaryOp sign = f.direction().up() ? BinaryOp.ADD : BinaryOp.SUB;
    segment.add(new Stmt.Declare(segmentFirst, offset(n.first(), sign, n.start())));
    segment.add(new Stmt.Declare(segmentBound, offset(n.first(), sign, n.end())));
    Stmt.Direction direction = f.direction().up()
        ? Stmt.Direction.UP_EXCLUSIVE : Stmt.Direction.DOWN_EXCLUSIVE;
    Stmt.For piece = new Stmt.For(f.index(), ref(segmentFirst), ref(segmentBound), direction,
        f.body(), f.origin());
    segment.add(new Stmt.For(f.index(), ref(segmentFirst), ref(segmentBound), direction,
        new Stmt.Block(rerun), f.origin()));
    segment.addAll(reverse.apply(piece));
    code.add(new Stmt.Strided(n.start(), checkpoints("lastSegment", ref(n.trips()),
        ref(n.segment())), new Expr.Const("0", Type.INT), ref(n.segment()), false,
        new Stmt.Block(segment)));
    return code;
  }

  /**
   * The locals of a checkpointed loop's sweep: its first index and trip count, the segment
   * length, and one segment's offsets from the first index.
   */
  private record Segments(Var first, Var trips, Var segment, Var start, Var end) {
    static Segments of(Stmt.For f, NameTable names) {
      String base = f.index().name();
      return new Segments(local(names, base + "First"), local(names, base + "Trips"),
          local(names, base + "Segment"), local(names, base + "Start"),
          local(names, base + "End"));
    }

    private static Var local(NameTable names, String name) {
      return new Var(names.fresh(name), Type.INT, Var.Role.TEMP);
    }
  }

  /** {@code int segment = Checkpoints.segment(trips, k)}. */
  private static Stmt segmentLength(Stmt.For f, Segments n) {
    return new Stmt.Declare(n.segment(), checkpoints("segment", ref(n.trips()),
        new Expr.Const(Integer.toString(f.checkpoint()), Type.INT)));
  }

  /** {@code int end = Checkpoints.segmentEnd(start, trips, segment)}. */
  private static Stmt segmentEnd(Segments n) {
    return new Stmt.Declare(n.end(), checkpoints("segmentEnd", ref(n.start()), ref(n.trips()),
        ref(n.segment())));
  }

  private static Expr checkpoints(String method, Expr... args) {
    return new Expr.Invoke(CHECKPOINTS, method, List.of(args), Type.INT);
  }

  private static Expr popInt(String saved) {
    return new Expr.FrameCall(saved, "popInt", List.of(), Type.INT);
  }

  private static Expr offset(Var first, BinaryOp sign, Var by) {
    return new Expr.Binary(sign, ref(first), ref(by), Type.INT);
  }

  private static Expr.Ref ref(Var v) {
    return new Expr.Ref(v);
  }

  private static boolean inclusive(Stmt.For f) {
    return f.direction() == Stmt.Direction.UP_INCLUSIVE
        || f.direction() == Stmt.Direction.DOWN_INCLUSIVE;
  }
}

package dev.tapeless.processor.reverse;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.tapeless.processor.analysis.CheckpointState;
import dev.tapeless.processor.analysis.Recording;
import dev.tapeless.processor.emit.JavaExprs;
import dev.tapeless.processor.emit.Verbatim;
import dev.tapeless.processor.frontend.NameTable;
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
 */
final class Checkpointing {
  static final ClassName CHECKPOINTS =
      ClassName.get("dev.tapeless.runtime.support", "Checkpoints");

  private Checkpointing() {}

  /** The loop of the forward sweep; {@code body} is its body, saving nothing. */
  static CodeBlock forward(Stmt.For f, CodeBlock body, Recording recording, FrameFields fields,
      NameTable names) {
    Segments n = Segments.of(f, names);
    String first = n.first();
    String trips = n.trips();
    String segment = n.segment();
    String start = n.start();
    String end = n.end();
    String saved = fields.saved();
    CodeBlock.Builder code = CodeBlock.builder()
        .add("// checkpointed: the loop's state at the start of each segment, nothing else\n")
        .addStatement("int $N = $L", first, JavaExprs.write(f.first()))
        .addStatement("int $N = $T.$L($N, $L, $L)", trips, CHECKPOINTS,
            f.direction().up() ? "tripsUp" : "tripsDown", first, JavaExprs.write(f.bound()),
            inclusive(f))
        .addStatement("int $N = $T.segment($N, $L)", segment, CHECKPOINTS, trips, f.checkpoint())
        .beginControlFlow("for (int $N = 0; $N < $N; $N += $N)", start, start, trips, start,
            segment);
    push(CheckpointState.snapshot(f, recording), saved, code);
    code.addStatement("int $N = $T.segmentEnd($N, $N, $N)", end, CHECKPOINTS, start, trips,
        segment);
    loop(f, first, start, end, code);
    code.add(body).endControlFlow().endControlFlow();
    code.addStatement("this.$N.pushInt($N)", saved, first)
        .addStatement("this.$N.pushInt($N)", saved, trips);
    return code.build();
  }

  /**
   * The loop of the backward sweep: {@code rerun} is the body saving, and {@code reverse}
   * reverses an ordinary loop, as IR that passes over the backward sweep shape like any other;
   * the code around it is written here, carried as {@link Verbatim}.
   */
  static List<Stmt> backward(Stmt.For f, CodeBlock rerun,
      Function<Stmt.For, List<Stmt>> reverse, Recording recording, FrameFields fields,
      NameTable names) {
    Segments n = Segments.of(f, names);
    String first = n.first();
    String trips = n.trips();
    String segment = n.segment();
    String start = n.start();
    String end = n.end();
    String base = f.index().name();
    Var segmentFirst = new Var(names.fresh(base + "SegmentFirst"), Type.INT, Var.Role.TEMP);
    Var segmentBound = new Var(names.fresh(base + "SegmentBound"), Type.INT, Var.Role.TEMP);
    String saved = fields.saved();
    CodeBlock.Builder code = CodeBlock.builder()
        .add("// checkpointed: each segment from its saved state, run again saving,"
            + " then reversed\n")
        .addStatement("int $N = this.$N.popInt()", trips, saved)
        .addStatement("int $N = this.$N.popInt()", first, saved)
        .addStatement("int $N = $T.segment($N, $L)", segment, CHECKPOINTS, trips, f.checkpoint())
        .beginControlFlow("for (int $N = $T.lastSegment($N, $N); $N >= 0; $N -= $N)", start,
            CHECKPOINTS, trips, segment, start, start, segment)
        .addStatement("int $N = $T.segmentEnd($N, $N, $N)", end, CHECKPOINTS, start, trips,
            segment);
    pop(CheckpointState.snapshot(f, recording), saved, code);
    String sign = f.direction().up() ? "+" : "-";
    code.addStatement("int $N = $N $L $N", segmentFirst.name(), first, sign, start)
        .addStatement("int $N = $N $L $N", segmentBound.name(), first, sign, end);
    Stmt.Direction direction = f.direction().up()
        ? Stmt.Direction.UP_EXCLUSIVE : Stmt.Direction.DOWN_EXCLUSIVE;
    Stmt.For piece = new Stmt.For(f.index(), new Expr.Ref(segmentFirst),
        new Expr.Ref(segmentBound), direction, f.body(), f.origin());
    code.beginControlFlow("for (int $N = $N; $N $L $N; $N$L)", f.index().name(),
            segmentFirst.name(), f.index().name(), direction.comparison(), segmentBound.name(),
            f.index().name(), direction.step())
        .add(rerun)
        .endControlFlow();
    List<Stmt> sweep = new ArrayList<>();
    sweep.add(new Verbatim(code.build()));
    sweep.addAll(reverse.apply(piece));
    sweep.add(new Verbatim(CodeBlock.builder().endControlFlow().build()));
    return sweep;
  }

  /**
   * The locals of a checkpointed loop's sweep: its first index and trip count, the segment
   * length, and one segment's offsets from the first index.
   */
  private record Segments(String first, String trips, String segment, String start,
      String end) {
    static Segments of(Stmt.For f, NameTable names) {
      String base = f.index().name();
      return new Segments(names.fresh(base + "First"), names.fresh(base + "Trips"),
          names.fresh(base + "Segment"), names.fresh(base + "Start"), names.fresh(base + "End"));
    }
  }

  private static boolean inclusive(Stmt.For f) {
    return f.direction() == Stmt.Direction.UP_INCLUSIVE
        || f.direction() == Stmt.Direction.DOWN_INCLUSIVE;
  }

  /** The segment's iterations, offsets {@code start} to {@code end} from {@code first}. */
  private static void loop(Stmt.For f, String first, String start, String end,
      CodeBlock.Builder code) {
    String i = f.index().name();
    if (f.direction().up()) {
      code.beginControlFlow("for (int $N = $N + $N; $N < $N + $N; $N++)", i, first, start, i,
          first, end, i);
    } else {
      code.beginControlFlow("for (int $N = $N - $N; $N > $N - $N; $N--)", i, first, start, i,
          first, end, i);
    }
  }

  private static void push(List<Var> state, String saved, CodeBlock.Builder code) {
    for (Var v : state) {
      if (v.type().isArray()) {
        code.addStatement("this.$N.pushAll($N)", saved, v.name());
      } else {
        code.addStatement("this.$N.$L($N)", saved, ForwardSweep.push(v.type()), v.name());
      }
    }
  }

  private static void pop(List<Var> state, String saved, CodeBlock.Builder code) {
    for (int k = state.size() - 1; k >= 0; k--) {
      Var v = state.get(k);
      if (v.type().isArray()) {
        code.addStatement("this.$N.popAll($N)", saved, v.name());
      } else {
        String cast = switch (v.type().kind()) {
          case SHORT, BYTE, CHAR -> "(" + v.type().javaName() + ") ";
          default -> "";
        };
        code.addStatement("$N = $Lthis.$N.$L()", v.name(), cast, saved,
            ForwardSweep.pop(v.type()));
      }
    }
  }
}

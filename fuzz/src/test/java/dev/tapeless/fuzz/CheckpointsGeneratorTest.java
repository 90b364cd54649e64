package dev.tapeless.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.Stmt;
import dev.tapeless.fuzz.gen.ClassGen;
import dev.tapeless.fuzz.print.FloatPrinter;
import dev.tapeless.fuzz.print.JavaPrinter;
import dev.tapeless.fuzz.print.TwinPrinter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The generator puts {@code @Checkpoint} (with and without {@code every}) on loops, long ones
 * among them, only outside other loops; the Tapeless and float printings carry it, the twin and
 * the printing without checkpoints do not; and nothing of it with {@code checkpoints=off}.
 */
class CheckpointsGeneratorTest {

  private static Set<String> traits(Features features) {
    ClassGen gen = new ClassGen(features);
    Set<String> seen = new TreeSet<>();
    for (int k = 0; k < 20; k++) {
      ClassDef c = gen.generate("gt", "G" + k, 40, 5000 + k);
      for (var m : c.methods()) {
        marks(m.body(), false, seen);
      }
      if (JavaPrinter.print(c).source().contains("@dev.tapeless.Checkpoint")) {
        seen.add("printed");
      }
      if (FloatPrinter.print(c).source().contains("@dev.tapeless.Checkpoint")) {
        seen.add("printed in the float version");
      }
      if (TwinPrinter.print(c).source().contains("Checkpoint")) {
        seen.add("printed in the twin");
      }
      if (JavaPrinter.printWithoutCheckpoints(c).source().contains("Checkpoint")) {
        seen.add("printed without checkpoints");
      }
    }
    return seen;
  }

  /** What the checkpointed loops of {@code body} show; {@code inLoop}: another loop holds it. */
  private static void marks(List<Stmt> body, boolean inLoop, Set<String> seen) {
    for (Stmt s : body) {
      if (s instanceof Stmt.For f) {
        if (f.checkpointed()) {
          seen.add(inLoop ? "nested" : "outermost");
          seen.add(f.checkpoint() == 0 ? "no every" : "every");
          if (f.condition() instanceof Expr.Bin b && b.right() instanceof Expr.ILit n
              && n.value() >= 5) {
            seen.add("five trips or more");
          }
        }
        marks(f.body(), true, seen);
      } else if (s instanceof Stmt.If i) {
        marks(i.then(), inLoop, seen);
        marks(i.otherwise(), inLoop, seen);
      } else if (s instanceof Stmt.ForEach fe) {
        marks(fe.body(), true, seen);
      } else if (s instanceof Stmt.While w) {
        marks(w.body(), true, seen);
      } else if (s instanceof Stmt.DoWhile d) {
        marks(d.body(), true, seen);
      }
    }
  }

  @Test
  void generatesCheckpointsOnOutermostLoopsOnly() {
    Set<String> seen = traits(Features.defaults());
    List<String> wanted = List.of("outermost", "no every", "every", "five trips or more",
        "printed", "printed in the float version");
    List<String> missing = wanted.stream().filter(w -> !seen.contains(w)).toList();
    assertTrue(missing.isEmpty(), "never generated: " + missing + "\nseen: " + seen);
    for (String never : List.of("nested", "printed in the twin", "printed without checkpoints")) {
      assertTrue(!seen.contains(never), "generated: " + never + "\nseen: " + seen);
    }
  }

  @Test
  void generatesNoneWithTheFeatureOff() {
    Set<String> seen = traits(Features.defaults().with("checkpoints=off"));
    assertTrue(seen.isEmpty(), "generated with checkpoints=off: " + seen);
  }
}

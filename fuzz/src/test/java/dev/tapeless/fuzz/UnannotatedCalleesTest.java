package dev.tapeless.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.gen.ClassGen;
import dev.tapeless.fuzz.print.JavaPrinter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Feature {@code unannotatedCallees}: some callees get a copy without {@code @Differentiable},
 * which the printed callers call instead, so the tester covers helpers Tapeless differentiates
 * by inlining. Off, the classes are those of before.
 */
class UnannotatedCalleesTest {

  @Test
  void someCalleesAreCalledThroughCopiesWithoutTheAnnotation() {
    boolean called = false;
    for (long seed = 11; seed < 21 && !called; seed++) {
      ClassDef c = new ClassGen(new Features()).generate("fz", "U", 40, seed);
      List<MethodDef> copies = c.methods().stream()
          .filter(m -> m.name().endsWith("Plain")).toList();
      assertFalse(copies.isEmpty());
      String src = JavaPrinter.print(c).source();
      for (MethodDef copy : copies) {
        assertFalse(copy.differentiable());
        assertTrue(src.contains("\n  static " + copy.result().java() + " " + copy.name() + "("),
            copy.name());
      }
      called = copies.stream().anyMatch(m -> src.indexOf(m.name() + "(")
          != src.lastIndexOf(m.name() + "("));
    }
    assertTrue(called, "no copy is called in ten classes");
  }

  @Test
  void offTheClassIsTheClassWithoutCopies() {
    Features off = new Features();
    off.unannotatedCallees = false;
    ClassDef with = new ClassGen(new Features()).generate("fz", "U", 40, 11);
    ClassDef without = new ClassGen(off).generate("fz", "U", 40, 11);
    assertEquals(without.methods(), with.methods().stream()
        .filter(m -> !m.name().endsWith("Plain")).toList());
    assertFalse(JavaPrinter.print(without).source().contains("Plain("));
  }
}

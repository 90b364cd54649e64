package dev.tapeless.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Models;
import dev.tapeless.fuzz.ast.UnannotatedCopies;
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
  void someCalleesAreCalledThroughCopiesWithoutTheAnnotationSomePrivate() {
    boolean called = false;
    boolean hidden = false;
    for (long seed = 11; seed < 31 && !(called && hidden); seed++) {
      // the seeds were chosen for the generator before checkpoints changed its draws
      ClassDef c = new ClassGen(new Features().with("checkpoints=off")).generate("fz", "U", 40,
          seed);
      List<MethodDef> copies = c.methods().stream().filter(UnannotatedCopies::isCopy).toList();
      assertFalse(copies.isEmpty());
      String src = JavaPrinter.print(c).source();
      for (MethodDef copy : copies) {
        assertFalse(copy.differentiable());
        assertTrue(src.contains("\n  " + UnannotatedCopies.visibility(copy)
            + (Models.hasReceiver(copy) ? "" : "static ") + copy.result().java() + " "
            + copy.name() + "("), copy.name());
      }
      boolean anyCalled = copies.stream().anyMatch(m -> src.indexOf(m.name() + "(")
          != src.lastIndexOf(m.name() + "("));
      called |= anyCalled;
      hidden |= copies.stream().anyMatch(m -> m.name().endsWith(UnannotatedCopies.PRIVATE_SUFFIX)
          && src.indexOf(m.name() + "(") != src.lastIndexOf(m.name() + "("));
    }
    assertTrue(called, "no copy is called in twenty classes");
    assertTrue(hidden, "no private copy is called in twenty classes");
  }

  @Test
  void modelClassesGetInstanceHelperCopies() {
    Features f = new Features();
    boolean instance = false;
    for (long seed = 1; seed < 60 && !instance; seed++) {
      ClassDef c = new ClassGen(f).generate("fz", "U", 40, seed);
      String src = JavaPrinter.print(c).source();
      instance = c.methods().stream().anyMatch(m -> UnannotatedCopies.isCopy(m)
          && Models.hasReceiver(m) && src.indexOf(m.name() + "(") != src.lastIndexOf(m.name()
          + "("));
    }
    assertTrue(instance, "no instance helper copy is called in sixty classes");
  }

  @Test
  void offTheClassIsTheClassWithoutCopies() {
    Features off = new Features();
    off.unannotatedCallees = false;
    ClassDef with = new ClassGen(new Features()).generate("fz", "U", 40, 11);
    ClassDef without = new ClassGen(off).generate("fz", "U", 40, 11);
    assertEquals(without.methods(), with.methods().stream()
        .filter(m -> !UnannotatedCopies.isCopy(m)).toList());
    assertFalse(JavaPrinter.print(without).source().contains("Plain("));
    assertFalse(JavaPrinter.print(without).source().contains("Private("));
  }
}

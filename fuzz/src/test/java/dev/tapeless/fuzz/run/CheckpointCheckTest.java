package dev.tapeless.fuzz.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.fuzz.ast.AssignOp;
import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Op;
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Stmt;
import dev.tapeless.fuzz.ast.Ty;
import dev.tapeless.fuzz.print.JavaPrinter;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bit-for-bit check of a checkpointed method against its class compiled without
 * {@code @Checkpoint}: silent when only the annotation differs, a failure naming the method
 * when the two programs differ by one rounding.
 */
class CheckpointCheckTest {

  /** {@code s = x; for (@Checkpoint(every = 2) t < 9) s = s * y + sin(s) + extra; return s;} */
  private static ClassDef cls(double extra) {
    Expr s = new Expr.Ref("s", Ty.DOUBLE);
    Expr t = new Expr.Ref("t", Ty.INT);
    Expr step = new Expr.Bin(Op.ADD, new Expr.Bin(Op.ADD, new Expr.Bin(Op.MUL, s,
        new Expr.Ref("y", Ty.DOUBLE)), new Expr.MathCall("sin", false, List.of(s))),
        new Expr.DLit(extra));
    List<Stmt> body = List.of(new Stmt.Local(Ty.DOUBLE, "s", new Expr.Ref("x", Ty.DOUBLE)),
        new Stmt.For(new Stmt.Local(Ty.INT, "t", new Expr.ILit(0, Ty.INT)),
            new Expr.Bin(Op.LT, t, new Expr.ILit(9, Ty.INT)), new Stmt.Step(t, true),
            List.of(new Stmt.Assign(s, AssignOp.SET, step)), 2),
        new Stmt.Return(s));
    List<Param> params = List.of(
        new Param(Ty.DOUBLE, "x", false, false, List.of(), false, null),
        new Param(Ty.DOUBLE, "y", false, false, List.of(), false, null));
    return new ClassDef("ck", "Ck", List.of(),
        List.of(new MethodDef("m0", params, Ty.DOUBLE, null, List.of(), body, true)));
  }

  private static URLClassLoader load(ClassDef c, boolean checkpoints) throws Exception {
    String source = checkpoints ? JavaPrinter.print(c).source()
        : JavaPrinter.printWithoutCheckpoints(c).source();
    assertEquals(checkpoints, source.contains("@dev.tapeless.Checkpoint(every = 2)"));
    InProcessJavac.Result r = InProcessJavac.compile(Map.of(c.qualifiedName(), source), true);
    assertTrue(r.success(), "does not compile: " + r.errors());
    return new URLClassLoader(new URL[] {r.output().toUri().toURL()},
        CheckpointCheckTest.class.getClassLoader());
  }

  @Test
  void theSameMethodWithoutCheckpointGivesTheSameBits() throws Exception {
    ClassDef c = cls(0.0);
    try (URLClassLoader with = load(c, true); URLClassLoader without = load(c, false)) {
      assertNull(CheckpointCheck.compare(c, c.method("m0"), with, without, 1L, true));
    }
  }

  @Test
  void oneRoundingApartIsAFailure() throws Exception {
    ClassDef c = cls(0.0);
    try (URLClassLoader with = load(c, true);
        URLClassLoader other = load(cls(1e-15), false)) {
      Failure f = CheckpointCheck.compare(c, c.method("m0"), with, other, 1L, true);
      assertNotNull(f);
      assertEquals(Kind.WRONG_CHECKPOINTED_GRADIENT, f.kind());
      assertEquals("m0", f.method());
    }
  }

  /**
   * Through a checkpointed callee the bits may differ: without the annotation the callee is
   * inlined and the caller adds its adjoints in another order. Seed 2502's {@code G28.m16},
   * one ulp apart, passes; a difference a wrong replay would make does not.
   */
  @Test
  void throughACheckpointedCalleeRoundingPasses() {
    double[] with = {0.8690321395266506, 0.79, 0.0, -1.697925254282379};
    double[] without = {0.8690321395266506, 0.79, 0.0, -1.6979252542823797};
    assertFalse(java.util.Arrays.equals(with, without));
    assertTrue(CheckpointCheck.close(with, without));
    assertFalse(CheckpointCheck.close(new double[] {0.87, 0.79, 0.0, -1.6979},
        new double[] {0.87, 0.79, 1e-9, -1.6979}));
    assertFalse(CheckpointCheck.close(new double[] {1, Double.NaN}, new double[] {1, 0}));
    assertTrue(CheckpointCheck.close(new double[] {1, Double.NaN}, new double[] {1, Double.NaN}));
  }
}

package dev.tapeless.fuzz.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.fuzz.Features;
import dev.tapeless.fuzz.ast.CallKind;
import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.DimSym;
import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.Member;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Models;
import dev.tapeless.fuzz.ast.Op;
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Records;
import dev.tapeless.fuzz.ast.Stmt;
import dev.tapeless.fuzz.ast.Ty;
import dev.tapeless.fuzz.gen.ClassGen;
import dev.tapeless.fuzz.print.FloatPrinter;
import dev.tapeless.fuzz.print.JavaPrinter;
import dev.tapeless.fuzz.print.TwinPrinter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model classes ({@link Models}): fields printed with a constructor, instance methods reading
 * them ({@code coef[0]}, {@code this.coef[0]}) and calling each other on the same object, the
 * twin flat with the fields first; generated model classes compile through the processor and
 * their instance methods pass every check, in double and in float, with the gradient of every
 * field read from {@code d<field>}; wrong expectations are caught and reproduced.
 */
class ModelsTest {
  private static Expr ref(String n, Ty t) {
    return new Expr.Ref(n, t);
  }

  private static List<Param> fields() {
    return List.of(
        new Param(Ty.DOUBLE, "gain", false, false, List.of(), false,
            Member.of(Models.RECEIVER, Models.RECEIVER, "gain")),
        new Param(Ty.DARR, "coef", false, false, List.of(0), false,
            Member.of(Models.RECEIVER, Models.RECEIVER, "coef")),
        new Param(Ty.DOUBLE, "layerW", true, false, List.of(), false,
            new Member(List.of(Models.RECEIVER, "layer", "w"), List.of(Models.RECEIVER, "R0"))));
  }

  /**
   * {@code g(x) = gain * x + coef[0] * layer.w()} and {@code f(x) = g(x) * x}, instance methods
   * of a class with the fields {@code gain}, {@code coef} and a {@code @NoDerivative} record
   * {@code layer}; {@code s(x)}, static.
   */
  static ClassDef sample() {
    List<DimSym> dims = List.of(new DimSym(0, 1, 3));
    List<Param> gp = new ArrayList<>(fields());
    gp.add(Param.scalar(Ty.DOUBLE, "x"));
    Expr coef0 = new Expr.Index(ref("coef", Ty.DARR), new Expr.ILit(0, Ty.INT));
    MethodDef g = new MethodDef("g", gp, Ty.DOUBLE, null, dims, List.of(new Stmt.Return(
        new Expr.Bin(Op.ADD, new Expr.Bin(Op.MUL, ref("gain", Ty.DOUBLE), ref("x", Ty.DOUBLE)),
            new Expr.Bin(Op.MUL, coef0, ref("layerW", Ty.DOUBLE))))), true);
    List<Expr> args = new ArrayList<>();
    for (Param p : fields()) {
      args.add(ref(p.name(), p.type()));
    }
    args.add(ref("x", Ty.DOUBLE));
    Expr call = new Expr.Call(CallKind.GENERATED, "g", args, Ty.DOUBLE);
    MethodDef f = new MethodDef("f", gp, Ty.DOUBLE, null, dims,
        List.of(new Stmt.Return(new Expr.Bin(Op.MUL, call, ref("x", Ty.DOUBLE)))), true);
    MethodDef s = new MethodDef("s", List.of(Param.scalar(Ty.DOUBLE, "x")), Ty.DOUBLE, null,
        List.of(), List.of(new Stmt.Return(ref("x", Ty.DOUBLE))), true);
    return new ClassDef("mt", "C", List.of(), List.of(s, g, f));
  }

  @Test
  void fieldsConstructorAndInstanceMethodsArePrinted() {
    ClassDef c = sample();
    String src = JavaPrinter.print(c).source();
    assertTrue(src.contains("  double gain;\n  double[] coef;\n  @NoDerivative R0 layer;\n"
        + "  final String label;\n"), src);
    assertTrue(src.contains("public C(double gain, double[] coef, R0 layer) {"), src);
    assertTrue(src.contains("this.label = \"C\";"), src);
    assertTrue(src.contains("public record R0(double w) {}"), src);
    assertFalse(src.contains("private C()"), src);
    assertTrue(src.contains("public static double s(double x)"), src);
    assertTrue(src.contains("public double g(double x)"), src);
    assertTrue(src.contains("public double f(double x)"), src);
    String gain = Models.qualified("g", "gain") ? "this.gain" : "gain";
    String coef = Models.qualified("g", "coef") ? "this.coef" : "coef";
    String layer = Models.qualified("g", "layer") ? "this.layer" : "layer";
    assertTrue(src.contains("((" + gain + " * x) + (" + coef + "[0] * " + layer + ".w()))"), src);
    String callee = Models.qualified("f", "g") ? "this.g" : "g";
    assertTrue(src.contains("return (" + callee + "(x) * x);"), src);

    String flt = FloatPrinter.print(c).source();
    assertTrue(flt.contains("public CFloat(float gain, float[] coef, R0 layer) {"), flt);
    assertTrue(flt.contains("public record R0(float w) {}"), flt);
    assertTrue(flt.contains("public float f(float x)"), flt);

    String twin = TwinPrinter.print(c).source();
    assertTrue(twin.contains("f(Ctx<T> $c, T gain, T[] coef, T layerW, T x)"), twin);
  }

  @Test
  void theReceiverIsTheFirstSlotAndItsFieldsAreReadFromDFields() {
    MethodDef f = sample().method("f");
    assertTrue(Models.hasReceiver(f));
    assertFalse(Models.hasReceiver(sample().method("s")));
    assertEquals(List.of("gain", "coef", "layer"),
        Models.fields(sample()).stream().map(Models::fieldName).toList());
    assertEquals(List.of("this(gain, coef, R0(layerW))", "x"), Records.pack(f,
        i -> f.params().get(i).name(),
        (n, members) -> n.type() + "(" + String.join(", ", members) + ")"));
    assertNull(Records.problem(f));
    assertEquals(List.of("gain", "coef", "x"),
        f.differentiatedParams().stream().map(Param::name).toList());
    assertTrue(Models.traits(sample(), f).contains("calls an instance method"));
    assertFalse(Records.hasRecordParams(f));
  }

  /** Every instance method of a generated model class has the class's fields, first. */
  @Test
  void generatedModelsAreWellFormedAndOtherClassesUnchanged() {
    int instance = 0;
    int models = 0;
    for (long seed = 1; seed <= 12; seed++) {
      ClassDef c = new ClassGen(Features.defaults()).generate("g", "G", 40, seed);
      ClassDef off = new ClassGen(Features.defaults().with("models=off"))
          .generate("g", "G", 40, seed);
      assertFalse(Models.isModel(off));
      if (!Models.isModel(c)) {
        assertEquals(JavaPrinter.print(off).source(), JavaPrinter.print(c).source(),
            "seed " + seed + " is no model: the class of before");
        continue;
      }
      models++;
      List<Param> fields = null;
      for (MethodDef m : c.differentiableMethods()) {
        assertNull(Records.problem(m), m.name() + " of seed " + seed);
        if (!Models.hasReceiver(m)) {
          continue;
        }
        instance++;
        List<Param> mine = m.params().stream().filter(Models::isField).toList();
        if (fields == null) {
          fields = mine;
        }
        assertEquals(fields.stream().map(p -> p.name() + p.type() + p.noDerivative()).toList(),
            mine.stream().map(p -> p.name() + p.type() + p.noDerivative()).toList(),
            m.name() + " of seed " + seed);
      }
    }
    assertTrue(models >= 2, "only " + models + " model classes in 12");
    assertTrue(instance >= 25, "only " + instance + " instance methods");
  }

  @Test
  void instanceMethodsAreCheckedAndWrongDerivativesReproduced(@TempDir Path dir)
      throws Exception {
    ClassDef c = modelClass();
    try (CheckHarness compiled = CheckHarness.compile(c, true)) {
      int checked = 0;
      int floats = 0;
      int calls = 0;
      boolean shown = false;
      for (MethodDef m : c.differentiableMethods()) {
        if (!Models.hasReceiver(m)) {
          continue;
        }
        boolean withFloat = compiled.floatClass.hasMethod(m.name());
        MethodChecker.Outcome o = compiled.checker(c, m, withFloat, x -> { }, f -> { }).check();
        assertNull(o.failure(), () -> o.failure().firstLine() + "\n" + o.failure().details());
        if (!o.checked()) {
          continue;
        }
        checked++;
        floats += o.floats().status() == FloatChecker.Status.CHECKED ? 1 : 0;
        calls += Models.traits(c, m).contains("calls an instance method") ? 1 : 0;
        boolean differentiatedField = m.differentiatedParams().stream()
            .anyMatch(Models::isField);
        if (shown || !differentiatedField || !withFloat
            || o.second().status() != MethodChecker.Hvp.CHECKED
            || o.floats().status() != FloatChecker.Status.CHECKED) {
          continue;
        }
        shown = true;
        Failure jvp = compiled.checker(c, m, false, x -> x.jvpExpectationError = 1e-3, f -> { })
            .check().failure();
        assertNotNull(jvp, m.name() + ": a wrong jvp expectation passed");
        assertEquals(Kind.WRONG_JVP, jvp.kind(), jvp.firstLine());
        String out = CheckHarness.runReproducer(dir, jvp);
        assertTrue(out.contains("jvp along each input (result)"), out);
        assertFalse(out.contains("threw"), out);
        assertFalse(out.lines().anyMatch(l -> l.contains("jvp") && l.contains("WRONG")), out);
        assertFalse(out.lines().anyMatch(l -> l.startsWith("gradient") && l.contains("WRONG")),
            out);

        compiled.assertWrongHvpAndFloatGradientCaught(dir, c, m);
      }
      assertTrue(checked >= 8, "only " + checked + " instance methods checked");
      assertTrue(floats >= 1, "no float version of an instance method checked");
      assertTrue(calls >= 1, "no instance method calling another checked");
      assertTrue(shown, "no instance method with a differentiated field, hvp and a float version");
    }
  }

  /**
   * The first model class of the seeds from 2 on. (Seed 1's, G.m39, fails at one point for a
   * reason of the twin's, not the processor's: {@code acos(tanh(v))} with {@code v} near 19,
   * where {@code tanh} is 1 - 1.1e-16; Tapeless's derivative is -sqrt(2.2e-16) = -1.5e-8,
   * the twin's -0.0, past the 1e-8 floor of the tolerance. A static method.)
   */
  private static ClassDef modelClass() {
    for (long seed = 2; ; seed++) {
      ClassDef c = new ClassGen(Features.defaults()).generate("mc", "G", 40, seed);
      if (Models.isModel(c)) {
        return c;
      }
    }
  }
}

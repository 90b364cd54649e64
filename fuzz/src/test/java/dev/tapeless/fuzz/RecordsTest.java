package dev.tapeless.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.fuzz.ast.CallKind;
import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.DimSym;
import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.Member;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Op;
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Records;
import dev.tapeless.fuzz.ast.Stmt;
import dev.tapeless.fuzz.ast.Ty;
import dev.tapeless.fuzz.gen.ClassGen;
import dev.tapeless.fuzz.print.FloatPrinter;
import dev.tapeless.fuzz.print.JavaPrinter;
import dev.tapeless.fuzz.print.TwinPrinter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Record parameters as the printers write them: consecutive parameters with {@link Member}s
 * become one record parameter (nested records too), reads become accessor chains, a call whose
 * arguments are exactly a record's components passes the record whole, and the twin stays flat.
 */
class RecordsTest {
  private static Expr ref(String n, Ty t) {
    return new Expr.Ref(n, t);
  }

  /**
   * {@code g(R1 rec0)} with {@code R1(double b)}, and {@code f(R0 rec0, double x)} with
   * {@code R0(double a, R1 in1, int n)}, {@code R1(double b)}: f passes {@code rec0.in1()} to g.
   */
  private static ClassDef sample() {
    MethodDef g = new MethodDef("g", List.of(new Param(Ty.DOUBLE, "b", false, false, List.of(),
        false, Member.of("rec0", "R1", "b"))), Ty.DOUBLE, null, List.of(),
        List.of(new Stmt.Return(new Expr.MathCall("sin", false, List.of(ref("b", Ty.DOUBLE))))),
        true);
    List<Param> params = List.of(
        new Param(Ty.DOUBLE, "a", false, false, List.of(), false, Member.of("rec0", "R0", "a")),
        new Param(Ty.DOUBLE, "b", false, false, List.of(), false,
            new Member(List.of("rec0", "in1", "b"), List.of("R0", "R1"))),
        new Param(Ty.INT, "n", false, false, List.of(0), false, Member.of("rec0", "R0", "n")),
        Param.scalar(Ty.DOUBLE, "x"));
    Expr call = new Expr.Call(CallKind.GENERATED, "g", List.of(ref("b", Ty.DOUBLE)), Ty.DOUBLE);
    MethodDef f = new MethodDef("f", params, Ty.DOUBLE, List.of("a", "b"),
        List.of(new DimSym(0, 1, 3)), List.of(new Stmt.Return(new Expr.Bin(Op.ADD,
            new Expr.Bin(Op.MUL, ref("a", Ty.DOUBLE), ref("x", Ty.DOUBLE)),
            new Expr.Bin(Op.MUL, call, ref("n", Ty.INT))))), true);
    return new ClassDef("rt", "C", List.of(), List.of(g, f));
  }

  @Test
  void recordsArePrintedAsNestedRecordsReadThroughAccessors() {
    ClassDef c = sample();
    String src = JavaPrinter.print(c).source();
    assertTrue(src.contains("public record R1(double b) {}"), src);
    assertTrue(src.contains("public record R0(double a, R1 in1, int n) {}"), src);
    assertTrue(src.indexOf("record R1") < src.indexOf("record R0"), "nested type first:\n" + src);
    assertTrue(src.contains("@Differentiable(wrt = {\"rec0\"})"), src);
    assertTrue(src.contains("public static double f(R0 rec0, double x)"), src);
    assertTrue(src.contains("((rec0.a() * x) + (g(rec0.in1()) * rec0.n()))"), src);
    assertTrue(src.contains("public static double g(R1 rec0)"), src);
    assertTrue(src.contains("Math.sin(rec0.b())"), src);

    String flt = FloatPrinter.print(c).source();
    assertTrue(flt.contains("public record R0(float a, R1 in1, int n) {}"), flt);
    assertTrue(flt.contains("public record R1(float b) {}"), flt);
    assertTrue(flt.contains("public static float f(R0 rec0, float x)"), flt);
    assertTrue(flt.contains("g(rec0.in1())"), flt);

    String twin = TwinPrinter.print(c).source();
    assertTrue(twin.contains("f(Ctx<T> $c, T a, T b, int n, T x)"), twin);
  }

  @Test
  void slotsPackingAndNullables() {
    MethodDef f = sample().method("f");
    List<Records.Node> params = Records.recordParams(f);
    assertEquals(1, params.size());
    Records.Node rec0 = params.get(0);
    assertEquals("R0", rec0.type());
    assertEquals(List.of("a", "b", "n"),
        rec0.leaves().stream().map(l -> l.param().name()).toList());
    assertEquals(List.of("rec0", "rec0.in1()"),
        Records.nodes(f).stream().map(Records.Node::access).toList());
    assertEquals(Map.of("a", "rec0.a()", "b", "rec0.in1().b()", "n", "rec0.n()"),
        Records.accessors(f));
    assertEquals(List.of("R0(a, R1(b), n)", "x"), Records.pack(f, i -> f.params().get(i).name(),
        (n, members) -> n.type() + "(" + String.join(", ", members) + ")"));
    // wrt names a and b only: x is not differentiated, n is no number
    assertEquals(List.of("R0(ta, R1(tb), n)"), Records.packTangents(f,
        i -> "t" + f.params().get(i).name(), i -> f.params().get(i).name(), n -> false, "null",
        (n, members) -> n.type() + "(" + String.join(", ", members) + ")"));
    assertEquals(List.of("null"), Records.packTangents(f, i -> "t", i -> "v", n -> true, "null",
        (n, members) -> "?"));
    assertEquals(1, Records.nullables(f).size());
    assertEquals(rec0, Records.nullables(f).get(0).record());
    assertEquals(List.of(0, 1, 2), Records.nullables(f).get(0).params());
    assertEquals(Set.of("nested", "wrt", "passed whole"), Records.traits(sample(), f));
  }

  @Test
  void aRecordMustBeOneRunOfParameters() {
    MethodDef f = sample().method("f");
    List<Param> split = new ArrayList<>(f.params());
    split.add(1, split.remove(3)); // x between rec0.a and rec0.in1.b
    MethodDef broken = f.withParams(split, f.wrt());
    assertThrows(IllegalArgumentException.class, () -> Records.slots(broken));
    assertTrue(Records.problem(broken).contains("consecutive"), Records.problem(broken));
    List<Param> partly = new ArrayList<>(f.params());
    partly.set(0, partly.get(0).withNoDerivative(true));
    assertTrue(Records.problem(f.withParams(partly, null)).contains("in part"));
  }

  /** Every generated method's records are printable: consecutive, differentiated whole. */
  @Test
  void generatedRecordsAreWellFormed() {
    int records = 0;
    for (long seed = 1; seed <= 5; seed++) {
      ClassDef c = new ClassGen(Features.defaults()).generate("g", "G", 40, seed);
      for (MethodDef m : c.differentiableMethods()) {
        assertEquals(null, Records.problem(m), m.name() + " of seed " + seed);
        records += Records.hasRecordParams(m) ? 1 : 0;
      }
      Map<String, List<Records.Component>> types = Records.types(c);
      for (MethodDef m : c.differentiableMethods()) {
        for (Records.Node n : Records.hasRecords(m) ? Records.nodes(m) : List.<Records.Node>of()) {
          if (dev.tapeless.fuzz.ast.Models.isReceiver(n)) {
            continue; // an instance method's object: its fields are the class's (ModelsTest)
          }
          assertEquals(n.members().size(), types.get(n.type()).size(),
              "methods sharing " + n.type() + " declare it alike");
        }
      }
    }
    assertTrue(records >= 20, "only " + records + " methods with records in 200");
    ClassDef off = new ClassGen(Features.defaults().with("records=off")).generate("g", "G", 40, 1);
    assertTrue(off.differentiableMethods().stream().noneMatch(Records::hasRecordParams));
  }

  /** Some record types are printed as value classes, read by field, never @NoDerivative. */
  @Test
  void everyOtherRecordTypeIsPrintedAsAValueClass() {
    int valueClassMethods = 0;
    for (long seed = 1; seed <= 5; seed++) {
      ClassDef c = new ClassGen(Features.defaults()).generate("g", "G", 40, seed);
      String source = JavaPrinter.print(c).source();
      for (MethodDef m : c.differentiableMethods()) {
        if (!Records.hasRecords(m)) {
          continue;
        }
        for (Records.Node n : Records.recordParams(m)) {
          if (Records.isValueClass(n.type())) {
            valueClassMethods++;
            assertTrue(!Records.noDerivative(n), m.name() + " takes " + n.type()
                + " @NoDerivative");
            assertTrue(source.contains("public static final class " + n.type() + " {"), n.type());
          }
        }
      }
    }
    assertTrue(valueClassMethods >= 10, "only " + valueClassMethods + " methods");
    ClassDef off = new ClassGen(Features.defaults().with("valueClasses=off"))
        .generate("g", "G", 40, 1);
    assertTrue(off.differentiableMethods().stream().filter(Records::hasRecords)
        .flatMap(m -> Records.nodes(m).stream()).noneMatch(n -> Records.isValueClass(n.type())));
  }
}

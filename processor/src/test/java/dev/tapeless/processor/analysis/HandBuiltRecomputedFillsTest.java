package dev.tapeless.processor.analysis;

import static dev.tapeless.processor.ir.HandBuiltIr.DOUBLE_ARRAY;
import static dev.tapeless.processor.ir.HandBuiltIr.add;
import static dev.tapeless.processor.ir.HandBuiltIr.assign;
import static dev.tapeless.processor.ir.HandBuiltIr.at;
import static dev.tapeless.processor.ir.HandBuiltIr.index;
import static dev.tapeless.processor.ir.HandBuiltIr.integer;
import static dev.tapeless.processor.ir.HandBuiltIr.local;
import static dev.tapeless.processor.ir.HandBuiltIr.method;
import static dev.tapeless.processor.ir.HandBuiltIr.mul;
import static dev.tapeless.processor.ir.HandBuiltIr.newArray;
import static dev.tapeless.processor.ir.HandBuiltIr.num;
import static dev.tapeless.processor.ir.HandBuiltIr.param;
import static dev.tapeless.processor.ir.HandBuiltIr.ref;
import static dev.tapeless.processor.ir.HandBuiltIr.result;
import static dev.tapeless.processor.ir.HandBuiltIr.store;
import static dev.tapeless.processor.ir.HandBuiltIr.upTo;
import static dev.tapeless.processor.ir.HandBuiltIr.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Arrays the backward sweep fills again instead of saving, on IR built by hand: the GMM's shape
 * ({@code xc[j] = mu[j] * x[i]} at the top of a loop's body, read after it) is filled again;
 * a read before the fill, a fill from a value the loop changes, a second writer of the array
 * and a checkpointed loop keep the saves.
 */
class HandBuiltRecomputedFillsTest {
  private final Var mu = param("mu", DOUBLE_ARRAY);
  private final Var x = param("x", DOUBLE_ARRAY);
  private final Var n = param("n", Type.INT);
  private final Var m = param("m", Type.INT);
  private final Var xc = local("xc", DOUBLE_ARRAY);
  private final Var s = local("s");
  private final Var t = new Var("t", Type.DOUBLE, Var.Role.TEMP);
  private final Var i = index("i");
  private final Var j = index("j");
  private final Var j2 = index("j2");
  private final Var result = result();

  private Stmt.For fill(Expr value) {
    return upTo(j, integer(0), ref(n), "for (int j = 0; j < n; j++)",
        store(xc, ref(j), value, "xc[j] = ..."));
  }

  private Stmt.For sumOfSquares() {
    return upTo(j2, integer(0), ref(n), "for (int j2 = 0; j2 < n; j2++)",
        assign(t, mul(at(xc, ref(j2)), at(xc, ref(j2))), "t = xc[j2] * xc[j2]"),
        assign(s, add(ref(s), ref(t)), "s = s + t"));
  }

  /** {@code xc = new double[n]; s = 0; for (i < m) { body } after; return s}. */
  private IrMethod program(List<Stmt> body, Stmt... after) {
    List<Stmt> all = new ArrayList<>(List.of(
        assign(xc, newArray(DOUBLE_ARRAY, ref(n)), "double[] xc = new double[n]"),
        assign(s, num(0), "double s = 0"),
        upTo(i, integer(0), ref(m), "for (int i = 0; i < m; i++)",
            body.toArray(Stmt[]::new))));
    all.addAll(List.of(after));
    all.add(assign(result, ref(s), "return s"));
    return method("f", vars(mu, x, n, m), result, all.toArray(Stmt[]::new));
  }

  private static Stmt.Store storeOf(Stmt.For fill) {
    return (Stmt.Store) fill.body().statements().get(0);
  }

  private static Stmt.For outer(IrMethod method) {
    return (Stmt.For) method.body().statements().get(2);
  }

  private Recording recording(IrMethod method) {
    return Recording.recomputing(method, Activity.of(method, vars(mu), vars(result)));
  }

  @Test
  void aFillOfParameterDataAtTheTopOfALoopIsRunAgainNotSaved() {
    Stmt.For fill = fill(mul(at(mu, ref(j)), at(x, ref(i))));
    IrMethod method = program(List.of(fill, sumOfSquares()));
    Activity activity = Activity.of(method, vars(mu), vars(result));
    assertEquals(List.of(xc), Recording.of(method, activity).savedBy(storeOf(fill)),
        "without refills each element's old value is saved for the previous iteration");
    Recording refilling = recording(method);
    assertEquals(List.of(), refilling.savedBy(storeOf(fill)));
    assertEquals(List.of(fill), refilling.refilledAtStart(outer(method)));
  }

  @Test
  void aReadBeforeTheFillKeepsTheSaves() {
    Stmt.For fill = fill(mul(at(mu, ref(j)), at(x, ref(i))));
    IrMethod method = program(List.of(
        assign(s, mul(ref(s), at(xc, integer(0))), "s = s * xc[0]"),
        fill, sumOfSquares()));
    Recording refilling = recording(method);
    assertEquals(List.of(xc), refilling.savedBy(storeOf(fill)));
    assertEquals(List.of(), refilling.refilledAtStart(outer(method)));
  }

  @Test
  void aFillFromAValueTheLoopChangesKeepsTheSaves() {
    Stmt.For fill = fill(mul(at(mu, ref(j)), ref(s)));
    IrMethod method = program(List.of(fill, sumOfSquares()));
    Recording refilling = recording(method);
    assertEquals(List.of(xc), refilling.savedBy(storeOf(fill)));
    assertEquals(List.of(), refilling.refilledAtStart(outer(method)));
  }

  @Test
  void anArrayWrittenElsewhereKeepsTheSaves() {
    Stmt.For fill = fill(mul(at(mu, ref(j)), at(x, ref(i))));
    IrMethod method = program(List.of(fill, sumOfSquares()),
        store(xc, integer(0), num(1), "xc[0] = 1"));
    Recording refilling = recording(method);
    assertEquals(List.of(xc), refilling.savedBy(storeOf(fill)));
    assertEquals(List.of(), refilling.refilledAtStart(outer(method)));
  }

  @Test
  void aMethodWithACheckpointedLoopKeepsTheSaves() {
    Stmt.For fill = fill(mul(at(mu, ref(j)), at(x, ref(i))));
    IrMethod plain = program(List.of(fill, sumOfSquares()));
    Stmt.For loop = outer(plain);
    Stmt.For checkpointed = new Stmt.For(loop.index(), loop.first(), loop.bound(),
        loop.direction(), loop.body(), loop.origin(), 0);
    List<Stmt> body = new ArrayList<>(plain.body().statements());
    body.set(2, checkpointed);
    IrMethod method = method("f", vars(mu, x, n, m), result, body.toArray(Stmt[]::new));
    Recording refilling = recording(method);
    assertEquals(List.of(), refilling.refilledAtStart(checkpointed));
  }
}

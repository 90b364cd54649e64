package dev.tapeless.processor.emit;

import static dev.tapeless.processor.ir.HandBuiltIr.DOUBLE_ARRAY;
import static dev.tapeless.processor.ir.HandBuiltIr.at;
import static dev.tapeless.processor.ir.HandBuiltIr.block;
import static dev.tapeless.processor.ir.HandBuiltIr.index;
import static dev.tapeless.processor.ir.HandBuiltIr.integer;
import static dev.tapeless.processor.ir.HandBuiltIr.local;
import static dev.tapeless.processor.ir.HandBuiltIr.param;
import static dev.tapeless.processor.ir.HandBuiltIr.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.palantir.javapoet.CodeBlock;
import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The printer of the backward sweep, on backward IR written by hand. */
class HandBuiltJavaStmtsTest {
  private static final Var N = param("n", Type.INT);
  private static final Var I = index("i");

  @Test
  void aReversedLoopVisitsTheIndicesOfEachDirectionFromLastToFirst() {
    Stmt.Block empty = block();
    assertEquals(List.of("for (int i = n - 1; i >= 0; i--) {", "for (int i = n; i >= 0; i--) {",
            "for (int i = n + 1; i <= 0; i++) {", "for (int i = n; i <= 0; i++) {"),
        java.util.Arrays.stream(Stmt.Direction.values())
            .map(d -> JavaStmts.write(List.of(new Stmt.Reversed(
                new Stmt.For(I, integer(0), ref(N), d, empty, null), empty, false)))
                .toString().lines().findFirst().orElseThrow())
            .toList());
  }

  @Test
  void aReversedLoopWhoseIterationsAreIndependentRunsInTheUsersOwnOrder() {
    Var aBar = new Var("aBar", DOUBLE_ARRAY, Var.Role.ADJOINT);
    Stmt zero = new Stmt.Store(aBar, List.of(ref(I)), new Expr.Const("0.0", Type.DOUBLE),
        Stmt.StoreKind.SET, null);
    assertEquals("""
        for (int i = 0; i < n; i++) {
          aBar[i] = 0.0;
        }
        """, JavaStmts.write(List.of(new Stmt.Reversed(new Stmt.For(I, integer(0), ref(N),
        Stmt.Direction.UP_EXCLUSIVE, block(), null), block(zero), true))).toString());
  }

  @Test
  void restoresPopTheSavedValueOfTheTargetsTypeAndNarrowSmallIntegers() {
    Var b = local("b", new Type(Type.Kind.BYTE, 0));
    Var a = param("a", DOUBLE_ARRAY);
    Var rows = local("rows", DOUBLE_ARRAY);
    assertEquals("""
        b = (byte) this.saved.popInt();
        a[i] = this.saved.popDouble();
        if (this.saved.popBoolean()) {
          this.saved.popAll(rows);
        }
        this.saved.popAll(a);
        """, JavaStmts.write(List.of(new Stmt.Restore("saved", ref(b)),
        new Stmt.Restore("saved", at(a, ref(I))),
        new Stmt.RestoreAll("saved", ref(rows), true),
        new Stmt.RestoreAll("saved", ref(a), false))).toString());
  }

  @Test
  void aLengthTestThrowsWhenAnyFailureHoldsWritingANegativeConstantBare() {
    Var aBar = new Var("aBar", DOUBLE_ARRAY, Var.Role.ADJOINT);
    Stmt.Check check = new Stmt.Check(List.of(
        new Expr.Binary(BinaryOp.LT, ref(N), new Expr.Const("-1", Type.INT), Type.BOOLEAN),
        new Expr.Binary(BinaryOp.LE, new Expr.Length(ref(aBar)), ref(N), Type.BOOLEAN)),
        "index out of bounds");
    assertEquals("""
        if (n < -1 || aBar.length <= n) {
          throw new java.lang.ArrayIndexOutOfBoundsException("index out of bounds");
        }
        """, JavaStmts.write(List.of(check)).toString());
  }

  @Test
  void aRuleIsWrittenAsItsTemplateWithPromotedOperandsInParentheses() {
    Var g = new Var("yBar", Type.DOUBLE, Var.Role.ADJOINT);
    Var k = local("k", Type.INT);
    Expr.Rule partial = new Expr.Rule("$g * 2.0 * $0", Map.of("g", ref(g),
        "0", new Expr.Cast(Type.DOUBLE, ref(k))), Type.DOUBLE);
    assertEquals("yBar * 2.0 * ((double) k)", JavaExprs.write(partial).toString());
  }

  @Test
  void adjointArraysAreZeroedDeclaredAndCommentedByTheirOwnStatements() {
    Var wBar = new Var("wBar", new Type(Type.Kind.DOUBLE, 2), Var.Role.ADJOINT);
    Var row = local("wBarRow", DOUBLE_ARRAY);
    CodeBlock code = JavaStmts.write(List.of(new Stmt.Comment("w = new double[n][n]"),
        new Stmt.Zero(ref(wBar)),
        new Stmt.Declare(row, new Expr.ArrayRead(wBar, List.of(ref(I)), DOUBLE_ARRAY))));
    assertEquals("""
        // w = new double[n][n]
        dev.tapeless.runtime.support.Buffers.fill(wBar, 0);
        double[] wBarRow = wBar[i];
        """, code.toString());
  }
}

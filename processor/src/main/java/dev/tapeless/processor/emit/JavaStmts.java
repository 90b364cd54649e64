package dev.tapeless.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import java.util.List;

/**
 * Writes IR statements as Java source: the one printer of the sweeps, reverse mode's (whose
 * statements, saves, adjoint updates, restores and loops are all IR, see {@link Stmt}) and
 * forward mode's, with its tangents; {@link JavaExprs} writes their expressions.
 */
public final class JavaStmts {
  private JavaStmts() {}

  /** The runtime's array helpers, which zero an adjoint array among other things. */
  public static final ClassName BUFFERS =
      ClassName.get("dev.tapeless.runtime.support", "Buffers");

  public static CodeBlock write(List<Stmt> statements) {
    CodeBlock.Builder code = CodeBlock.builder();
    for (Stmt s : statements) {
      write(s, code);
    }
    return code.build();
  }

  public static void write(Stmt s, CodeBlock.Builder code) {
    if (s instanceof Stmt.Assign a) {
      code.addStatement("$N = $L", a.target().name(), JavaExprs.write(a.value()));
    } else if (s instanceof Stmt.Store st) {
      code.addStatement("$L $L $L", JavaExprs.element(st.array().name(), st.indices()),
          st.kind().symbol(), JavaExprs.write(st.value()));
    } else if (s instanceof Stmt.If i) {
      code.beginControlFlow("if ($L)", JavaExprs.write(i.condition()));
      block(i.thenBlock(), code);
      if (!i.elseBlock().statements().isEmpty()) {
        code.nextControlFlow("else");
        block(i.elseBlock(), code);
      }
      code.endControlFlow();
    } else if (s instanceof Stmt.For f) {
      code.beginControlFlow("for (int $N = $L; $N $L $L; $N$L)", f.index().name(),
          JavaExprs.write(f.first()), f.index().name(), f.direction().comparison(),
          JavaExprs.write(f.bound()), f.index().name(), f.direction().step());
      block(f.body(), code);
      code.endControlFlow();
    } else if (s instanceof Stmt.Reversed r && r.anyOrder()) {
      write(new Stmt.For(r.loop().index(), r.loop().first(), r.loop().bound(),
          r.loop().direction(), r.body(), r.origin()), code);
    } else if (s instanceof Stmt.Reversed r) {
      reversed(r, code);
    } else if (s instanceof Stmt.Reversal r) {
      block(r.code(), code);
    } else if (s instanceof Stmt.Comment c && c.text().isEmpty()) {
      code.add("\n");
    } else if (s instanceof Stmt.Comment c) {
      code.add("// $L\n", c.text());
    } else if (s instanceof Stmt.Restore r) {
      Type element = Type.scalar(r.target().type().kind());
      String cast = switch (element.kind()) {
        case SHORT, BYTE, CHAR -> "(" + element.javaName() + ") ";
        default -> "";
      };
      code.addStatement("$L = $Lthis.$N.$L()", target(r.target()), cast, r.buffer(),
          pop(element));
    } else if (s instanceof Stmt.RestoreAll r && r.allocated()) {
      code.beginControlFlow("if (this.$N.popBoolean())", r.buffer());
      code.addStatement("this.$N.popAll($L)", r.buffer(), JavaExprs.write(r.region()));
      code.endControlFlow();
    } else if (s instanceof Stmt.RestoreAll r) {
      code.addStatement("this.$N.popAll($L)", r.buffer(), JavaExprs.write(r.region()));
    } else if (s instanceof Stmt.Zero z) {
      code.addStatement("$T.fill($L, 0)", BUFFERS, JavaExprs.write(z.array()));
    } else if (s instanceof Stmt.Declare d) {
      code.addStatement("$L $N = $L", d.var().type().javaName(), d.var().name(),
          JavaExprs.write(d.value()));
    } else if (s instanceof Stmt.Save v) {
      code.addStatement("this.$N.$L($L)", v.buffer(), push(v.value().type()),
          target(v.value()));
    } else if (s instanceof Stmt.CursorSave v) {
      code.beginControlFlow("if ($N == $N.length)", v.top().name(), v.array().name());
      code.addStatement("$N = this.$N.growDoubles()", v.array().name(), v.buffer());
      code.endControlFlow();
      code.addStatement("$N[$N++] = $L", v.array().name(), v.top().name(), target(v.value()));
    } else if (s instanceof Stmt.CursorRestore r) {
      code.addStatement("$L = $L$N[--$N]", target(r.target()),
          r.target().type().kind() == Type.Kind.FLOAT ? "(float) " : "", r.array().name(),
          r.top().name());
    } else if (s instanceof Stmt.SaveAll v && v.allocated()) {
      code.beginControlFlow("if ($L != null)", JavaExprs.write(v.region()));
      code.addStatement("this.$N.pushAll($L)", v.buffer(), JavaExprs.write(v.region()));
      code.endControlFlow();
      code.addStatement("this.$N.pushBoolean($L != null)", v.buffer(),
          JavaExprs.write(v.region()));
    } else if (s instanceof Stmt.SaveAll v) {
      code.addStatement("this.$N.pushAll($L)", v.buffer(), JavaExprs.write(v.region()));
    } else if (s instanceof Stmt.Effect e) {
      code.addStatement("$L", JavaExprs.write(e.call()));
    } else if (s instanceof Stmt.Loop l) {
      code.beginControlFlow("while (true)");
      block(l.body(), code);
      code.endControlFlow();
    } else if (s instanceof Stmt.Exit) {
      code.addStatement("break");
    } else if (s instanceof Stmt.Check c) {
      code.beginControlFlow("if ($L)", failures(c.failures()))
          .addStatement("throw new $T($S)", ArrayIndexOutOfBoundsException.class, c.message())
          .endControlFlow();
    } else if (s instanceof Stmt.Strided l) {
      String i = l.index().name();
      code.beginControlFlow(l.up() ? "for (int $N = $L; $N < $L; $N += $L)"
              : "for (int $N = $L; $N >= $L; $N -= $L)", i, JavaExprs.write(l.first()), i,
          JavaExprs.write(l.bound()), i, JavaExprs.write(l.step()));
      block(l.body(), code);
      code.endControlFlow();
    } else if (s instanceof Stmt.SaveShape v) {
      saveShape(v, code);
    } else if (s instanceof Stmt.Run r) {
      code.addStatement("$L", JavaExprs.write(r.call()));
    } else if (s instanceof Stmt.SetField f) {
      code.addStatement("$L $L $L", JavaExprs.write(f.field()), f.kind().symbol(),
          JavaExprs.write(f.value()));
    } else if (s instanceof Stmt.Block b) {
      block(b, code);
    } else {
      throw new IllegalArgumentException("not a statement of a sweep: " + s);
    }
  }

  private static void block(Stmt.Block b, CodeBlock.Builder code) {
    for (Stmt s : b.statements()) {
      write(s, code);
    }
  }

  /** The length of each dimension, innermost first, 0 when an outer one is empty. */
  private static void saveShape(Stmt.SaveShape v, CodeBlock.Builder code) {
    String a = v.array().name();
    for (int d = v.array().type().dims() - 1; d >= 1; d--) {
      StringBuilder empty = new StringBuilder();
      for (int e = 0; e < d; e++) {
        empty.append(e == 0 ? "" : " || ").append(a).append("[0]".repeat(e))
            .append(".length == 0");
      }
      code.addStatement("this.$N.pushInt($L ? 0 : $N$L.length)", v.buffer(), empty, a,
          "[0]".repeat(d));
    }
    code.addStatement("this.$N.pushInt($N.length)", v.buffer(), a);
  }

  /** A loop's indices from last to first; the bounds as operands of the arithmetic. */
  private static void reversed(Stmt.Reversed r, CodeBlock.Builder code) {
    String i = r.loop().index().name();
    CodeBlock first = JavaExprs.operand(r.loop().first());
    CodeBlock bound = JavaExprs.operand(r.loop().bound());
    switch (r.loop().direction()) {
      case UP_EXCLUSIVE -> code.beginControlFlow("for (int $N = $L - 1; $N >= $L; $N--)",
          i, bound, i, first, i);
      case UP_INCLUSIVE -> code.beginControlFlow("for (int $N = $L; $N >= $L; $N--)",
          i, bound, i, first, i);
      case DOWN_EXCLUSIVE -> code.beginControlFlow("for (int $N = $L + 1; $N <= $L; $N++)",
          i, bound, i, first, i);
      case DOWN_INCLUSIVE -> code.beginControlFlow("for (int $N = $L; $N <= $L; $N++)",
          i, bound, i, first, i);
    }
    block(r.body(), code);
    code.endControlFlow();
  }

  /**
   * {@code i < -1 || a.length < n || ...}: comparisons of operands, except that a bound's
   * constant ({@code -1}) is written bare; an array's length is compared with an operand.
   */
  private static CodeBlock failures(List<Expr> failures) {
    CodeBlock.Builder test = CodeBlock.builder();
    String separator = "";
    for (Expr f : failures) {
      Expr.Binary b = (Expr.Binary) f;
      CodeBlock right = b.right() instanceof Expr.Const c && !(b.left() instanceof Expr.Length)
          ? CodeBlock.of("$L", c.literal()) : JavaExprs.operand(b.right());
      test.add("$L$L $L $L", separator, JavaExprs.operand(b.left()), b.op().symbol(), right);
      separator = " || ";
    }
    return test.build();
  }

  /** A scalar or an element written to: an element always by its brackets. */
  private static CodeBlock target(Expr e) {
    return e instanceof Expr.ArrayRead a ? JavaExprs.element(a.array().name(), a.indices())
        : JavaExprs.write(e);
  }

  /** The save buffer's method that pushes a scalar (or an array's element) of type {@code t}. */
  public static String push(Type t) {
    return "push" + suffix(t);
  }

  /** The save buffer's method that pops a scalar of type {@code t}. */
  public static String pop(Type t) {
    return "pop" + suffix(t);
  }

  private static String suffix(Type t) {
    return switch (t.kind()) {
      case DOUBLE -> "Double";
      case FLOAT -> "Float";
      case BOOLEAN -> "Boolean";
      case LONG -> "Long";
      default -> "Int";
    };
  }
}

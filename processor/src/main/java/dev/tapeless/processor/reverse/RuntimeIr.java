package dev.tapeless.processor.reverse;

import com.palantir.javapoet.CodeBlock;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Type;
import java.util.List;

/**
 * The runtime's support classes as owners of {@link Expr.Invoke}, and the string literals
 * their checks take: what the code the processor makes up around the sweeps calls.
 */
public final class RuntimeIr {
  private RuntimeIr() {}

  public static final String SHAPES = "dev.tapeless.runtime.support/Shapes";
  public static final String ALIASING = "dev.tapeless.runtime.support/Aliasing";
  public static final String BUFFERS = "dev.tapeless.runtime.support/Buffers";

  /** {@code Buffers.method(args)}, for its effect. */
  public static Expr buffers(String method, Expr... args) {
    return new Expr.Invoke(BUFFERS, method, List.of(args), null);
  }

  /** A string literal, as JavaPoet writes one. */
  public static Expr string(String text) {
    return new Expr.Const(CodeBlock.of("$S", text).toString(), Type.object("java.lang/String"));
  }
}

package dev.tapeless.processor.ir;

import java.util.List;

/** The target of a {@link Expr.Call}. */
public sealed interface Callee {

  /** The class that declares the method, as a qualified name. */
  String owner();

  String name();

  /** A {@code Math} or {@code StrictMath} function with a derivative rule. */
  record MathFunction(String owner, String name) implements Callee {}

  /**
   * Another {@code @Differentiable} method: differentiated through its own generated frame.
   *
   * @param frameClass qualified binary-style name of the callee's frame, e.g. {@code p.C_Grad.M}
   * @param parameterNames the callee's parameter names, in order
   * @param differentiated per parameter, whether the callee's frame has an adjoint for it
   */
  record Differentiable(
      String owner,
      String name,
      String packageName,
      String gradClass,
      String frameClass,
      List<String> parameterNames,
      List<Boolean> differentiated)
      implements Callee {
    public Differentiable {
      parameterNames = List.copyOf(parameterNames);
      differentiated = List.copyOf(differentiated);
    }
  }

  /**
   * A method with no derivative rule. Allowed only while no argument carries a derivative; the
   * analysis rejects it otherwise, so it is never silently treated as constant.
   */
  record Opaque(String owner, String name) implements Callee {}
}

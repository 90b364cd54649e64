package dev.tapeless.processor.ir;

import java.util.List;

/** The target of a {@link Expr.Call}. */
public sealed interface Callee {

  /** The class that declares the method, as {@code package/Outer.Inner} (see {@code Owners}). */
  String owner();

  String name();

  /**
   * A parameter of a callee as the derivative sees it.
   *
   * @param differentiated the callee computes an adjoint for it
   * @param out an {@code @Out} array the callee writes
   * @param root the declared parameter this one is part of: itself, or a record parameter
   *     whose component (or component of a component) it is
   * @param path the component names from {@code root} to this leaf, empty for a declared
   *     parameter
   */
  record Param(String name, Type type, boolean differentiated, boolean out, String root,
      List<String> path) {
    /** The root of the receiver's fields: a keyword, so never a parameter's name. */
    public static final String RECEIVER = "this";

    public Param {
      path = List.copyOf(path);
    }

    /** A declared parameter of its own. */
    public Param(String name, Type type, boolean differentiated, boolean out) {
      this(name, type, differentiated, out, name, List.of());
    }

    /**
     * Its adjoint in the generated frame: the field {@code dx}, or for a record's component
     * the field of the record's adjoint twin, {@code dp.inner.a}.
     */
    public String adjoint() {
      return path.isEmpty() ? "d" + name
          : root.equals(RECEIVER) ? "d" + String.join(".", path)
          : "d" + root + "." + String.join(".", path);
    }

    /** Whether it is a field of the receiver of an instance method (or inside one). */
    public boolean inReceiver() {
      return root.equals(RECEIVER);
    }

    /** Whether the frame has a field {@code d<name>} of its own for it, rather than a twin's. */
    public boolean ownAdjointField() {
      return path.isEmpty() || inReceiver() && path.size() == 1;
    }

    /** Whether it is a component of a record parameter. */
    public boolean inRecord() {
      return !path.isEmpty();
    }
  }

  /** A {@code Math} or {@code StrictMath} function with a derivative rule. */
  record MathFunction(String owner, String name) implements Callee {}

  /**
   * Another {@code @Differentiable} method: differentiated through its own generated frame,
   * {@code packageName.gradClass.frameClass}.
   */
  record Differentiable(
      String owner,
      String name,
      String packageName,
      String gradClass,
      String frameClass,
      List<Param> params,
      boolean returnsReal)
      implements Callee {
    public Differentiable {
      params = List.copyOf(params);
    }
  }

  /**
   * A method with a hand-written pullback registered by {@code @CustomDerivative}.
   *
   * @param skipsNullAdjoints the pullback takes null for an input adjoint nobody needs
   * @param usesResult the pullback takes the call's result after the primal arguments
   * @param assigning the pullback that sets the input adjoint arrays instead, or null
   * @param readsOutputs the pullback reads what the call wrote to its {@code @Out} arrays
   * @param pushforward the method computing the call's tangent (forward mode), or null; for a
   *     linear method its own name
   * @param linear the method is linear in its differentiated parameters: its pushforward is the
   *     method itself, called on the tangents in place of those arguments
   * @param jvp the void method making the call and its pushforward in one pass (forward mode
   *     calls it instead of the two), or null
   */
  record Custom(String owner, String name, String pullback, List<Param> params,
      boolean returnsReal, boolean skipsNullAdjoints, boolean usesResult, String assigning,
      boolean readsOutputs, String pushforward, boolean linear, String jvp) implements Callee {
    public Custom {
      params = List.copyOf(params);
    }
  }

  /**
   * A method with no derivative rule. Allowed only while no argument carries a derivative; the
   * analysis rejects it otherwise, so it is never silently treated as constant. When a
   * differentiated value does flow in and {@code method}'s source is in the compilation, the
   * method is a helper that {@code HelperInliner} differentiates by inlining its body.
   *
   * @param method the method called, as the key of the front end's table of method elements
   *     ({@code frontend.MethodElements}), for finding a helper's source; null when not needed
   * @param fenced a helper whose body passed the checks of a {@code @Differentiable} one, so
   *     that it writes no array but its {@code @Out} ones (arrays at other positions are only
   *     read)
   */
  record Opaque(String owner, String name, List<Boolean> outs, Form form,
      String method, boolean fenced) implements Callee {
    /**
     * How the call is written: a static method, or a method or field of an object passed as a
     * {@code @NoDerivative} parameter, which is then the call's first argument (its receiver).
     */
    public enum Form { STATIC, OBJECT_METHOD, OBJECT_FIELD }

    public Opaque {
      outs = List.copyOf(outs);
    }

    /** A static method. */
    public Opaque(String owner, String name, List<Boolean> outs) {
      this(owner, name, outs, Form.STATIC, null, false);
    }

    /** A static method, with its key for finding a helper's source. */
    public Opaque(String owner, String name, List<Boolean> outs, String method,
        boolean fenced) {
      this(owner, name, outs, Form.STATIC, method, fenced);
    }

    /** A method or field of an object parameter. */
    public Opaque(String owner, String name, List<Boolean> outs, Form form) {
      this(owner, name, outs, form, null, false);
    }

    /** Whether the first argument is the object the method or field belongs to. */
    public boolean onObject() {
      return form != Form.STATIC;
    }

    /** Whether the call may write the array at argument {@code i}. */
    public boolean mayWrite(int i) {
      return !fenced || i < outs.size() && outs.get(i);
    }
  }

  /** The parameters of a callee with a derivative, or null for the others. */
  static List<Param> paramsOf(Callee c) {
    if (c instanceof Differentiable d) {
      return d.params();
    } else if (c instanceof Custom c2) {
      return c2.params();
    }
    return null;
  }
}

package dev.tapeless;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Registers a hand-written pullback for a static method whose body Tapeless should not or cannot
 * read: a numerically better formula, a native or library call, a tuned kernel.
 *
 * <p>The value names a static method of the same class. For a primal
 * {@code R m(P1 p1, ..., Pn pn)} its parameters are, in this order:
 * <ol>
 *   <li>the primal parameters {@code p1 ... pn}, as passed to the call ({@link Out} arrays hold
 *       what the call wrote, unless {@link #readsOutputs()} is false);
 *   <li>{@code R result}, the value the call returned, if {@link #usesResult()} is set;
 *   <li>{@code R dResult}, the adjoint of the result, if {@code R} is {@code double} or
 *       {@code float};
 *   <li>for each {@link Out} parameter, an array of its type: its adjoint. On return it must hold
 *       the adjoint of the array's contents before the call: zero where the call overwrote them;
 *   <li>for each differentiated array parameter (of {@code double} or {@code float}, not
 *       {@link Out}, not {@link NoDerivative}), an array of its type to ADD its adjoint into;
 *   <li>if two or more {@code double} parameters are differentiated, a {@code double[]} to ADD
 *       their adjoints into, in parameter order.
 * </ol>
 * It returns the adjoint of the one differentiated {@code double} (or {@code float}) parameter,
 * of that parameter's type, when there is exactly one, and is {@code void} otherwise. Adjoints
 * have their values' types throughout: a {@code float} kernel's pullback takes
 * {@code float dResult} and {@code float[]} adjoints, so that float code stays float. The processor checks this signature at compile time and
 * reads the registration from class files, so it works across jars.
 *
 * <p>Forward mode ({@code jvp}, {@code hvp}, {@code jacobian} with few inputs) needs a
 * {@linkplain #pushforward() pushforward} as well: the directional derivative of the call.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface CustomDerivative {

  /**
   * The name of the pullback method, in the same class.
   *
   * @return the pullback's name
   */
  String value();

  /**
   * Whether the pullback accepts {@code null} for an input adjoint array that the caller does
   * not need (when another input of the same call does need one) and then skips that work. With
   * the default, the caller passes a scratch array instead, and the work is done for nothing.
   *
   * @return whether the pullback accepts {@code null} for an input adjoint nobody needs
   */
  boolean skipsNullAdjoints() default false;

  /**
   * Whether the pullback takes the call's result as well, as {@code R result} right after
   * the primal parameters, for derivatives cheaper to compute from it (σ' = σ(1 − σ) needs no
   * second {@code exp}). Only for primals that return {@code double} or {@code float} and have no {@link Out}
   * parameters. The caller keeps the result for the backward sweep.
   *
   * @return whether the pullback also takes the call's result
   */
  boolean usesResult() default false;

  /**
   * The name of a second pullback, in the same class and with the same signature, that SETS the
   * input adjoint arrays (item 4 above) to the call's contribution instead of adding into them;
   * empty when there is none. Where those arrays hold nothing yet, Tapeless calls it and leaves
   * them unzeroed: {@code valueAndGradient} then writes such a gradient once instead of zeroing
   * it and adding to it.
   *
   * @return the name of the assigning twin of the pullback, or {@code ""} for none
   */
  String assigning() default "";

  /**
   * Whether the pullback reads the contents of the {@link Out} arrays it is passed. With
   * {@code false} it uses only their shapes, and the caller need not keep what the call wrote
   * there until the pullback runs: a bias added in place after a matrix-vector product then
   * costs no saved values.
   *
   * @return whether the pullback reads the contents of the {@code @Out} arrays
   */
  boolean readsOutputs() default true;

  /**
   * Declares the method linear in its differentiated parameters jointly (the others, and
   * {@link NoDerivative} ones, held fixed): {@code m(a·x + b·y) = a·m(x) + b·m(y)}, as for a sum,
   * a scaling by a constant, a cumulative sum or a convolution with a fixed kernel. Its
   * derivative is then the method itself, so it needs no {@linkplain #pushforward()
   * pushforward}: forward mode calls it on the tangents (a tangent for each differentiated
   * parameter, the output tangents for its {@link Out} arrays, the other arguments as given),
   * and second order reverses that call with the pullback, which a linear map shares with its
   * derivative. The pullback (the transpose) is still needed. Not together with
   * {@code pushforward}.
   *
   * @return whether the method is linear in its differentiated arguments
   */
  boolean linear() default false;

  /**
   * The name of the pushforward method, in the same class; empty when there is none, and then
   * forward mode of a method calling this one fails with an exception naming what to add. For a
   * primal {@code R m(P1 p1, ..., Pn pn)} its parameters are, in this order:
   * <ol>
   *   <li>the primal parameters {@code p1 ... pn}, as passed to the call ({@link Out} arrays hold
   *       what the call wrote);
   *   <li>{@code R result}, the value the call returned, if {@link #usesResult()} is set;
   *   <li>for each differentiated parameter ({@code double}, {@code float} or an array of them,
   *       not {@link Out}, not {@link NoDerivative}), in order, its tangent,
   *       of the same type; with {@link #skipsNullAdjoints()} a tangent array may be
   *       {@code null}, meaning zero;
   *   <li>for each {@link Out} parameter, an array of its type that the pushforward SETS to the
   *       tangent of what the call wrote.
   * </ol>
   * It returns the tangent of the result, of type {@code R}, when {@code R} is {@code double} or
   * {@code float}, and is {@code void}
   * otherwise. The processor checks this signature at compile time.
   *
   * <p>A pushforward may itself be registered with {@code @CustomDerivative}, its output tangents
   * (the last group) marked {@link Out} and a parameter {@link NoDerivative} where the primal's
   * is. Second order ({@code hvp}, {@code hessian}) then goes through the kernel: it runs reverse
   * mode over the tangent program, which calls the pushforward after the kernel, and reverses
   * that call with the pushforward's pullback; without one, it fails naming the kernel. Where
   * the kernel has {@link #skipsNullAdjoints()}, its pushforward's registration needs it too: a
   * {@code null} tangent then gets a {@code null} adjoint.
   *
   * @return the pushforward's name, or {@code ""} for none
   */
  String pushforward() default "";

  /**
   * The name of a method, in the same class, that makes the call and its {@linkplain
   * #pushforward() pushforward} in one pass; empty when there is none. Only for {@code void}
   * methods with a pushforward. It has the pushforward's parameters and writes the {@link Out}
   * arrays as the method does and the output tangents as the pushforward does, bit for bit:
   * forward mode ({@code jvp}) then calls it in place of the two, so that a matrix-vector
   * product's value and tangent share one pass over the vector (about 1.45 times one product
   * instead of 2). Second order still calls the method and its pushforward apart.
   *
   * @return the fused method's name, or {@code ""} for none
   */
  String jvp() default "";
}

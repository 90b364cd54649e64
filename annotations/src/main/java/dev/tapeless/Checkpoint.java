package dev.tapeless;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Checkpoints a long loop of a {@code @Differentiable} method, trading time for memory: placed on
 * the index of a counted loop,
 *
 * <pre>{@code
 * for (@Checkpoint int t = 0; t < steps; t++) {
 *   ...
 * }
 * }</pre>
 *
 * the gradient's forward sweep runs the loop without recording anything, copying the loop's state
 * (every variable and array the loop writes) at the start of each segment of {@link #every()}
 * iterations. The backward sweep then takes the segments last to first: it puts a segment's copy
 * back, runs the segment again recording what its reversal needs, and reverses it. A loop of T
 * iterations thus keeps T / every copies of its state and one segment's record instead of T
 * iterations' record, for about one more forward pass of the loop; the gradient is the same to
 * the last bit, since the same arithmetic runs in the same order.
 *
 * <p>The loop must be a counted loop ({@code for (int i = a; i < b; i++)} or its {@code <=},
 * {@code >}, {@code >=}, {@code --} siblings, with a body that assigns neither the index nor what
 * the bounds read and never breaks or returns), not inside another loop, and its body must not
 * assign array variables (allocate arrays before the loop and write their elements); anything
 * else is a compile error (TL126, TL127) saying what to change. Forward mode ({@code jvp}) and
 * second order ({@code hvp}, {@code hessian}) ignore the annotation: they record nothing per
 * iteration to begin with, or record as without it.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.LOCAL_VARIABLE)
public @interface Checkpoint {
  /**
   * How many iterations a segment holds; 0 (the default) chooses the ceiling of the square root
   * of the loop's trip count at run time, which keeps about 2 &radic;T values of each state
   * variable in memory.
   *
   * @return the segment length, or 0 for &radic;T
   */
  int every() default 0;
}

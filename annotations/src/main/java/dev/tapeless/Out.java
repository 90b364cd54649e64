package dev.tapeless;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an array parameter that the method writes: an output, not an input.
 *
 * <p>A {@link Differentiable} method's frame gets {@code pullback(args..., dOut...)} with one seed
 * array per output, and {@code jacobian(args..., double[][] J)}. Its incoming contents are not
 * differentiated. Passing the same array as an output and as another parameter is rejected at
 * run time with an {@link IllegalArgumentException} naming both.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface Out {}

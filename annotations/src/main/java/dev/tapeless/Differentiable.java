package dev.tapeless;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method whose gradient Tapeless generates at compile time.
 *
 * <p>For {@code class C { @Differentiable static double m(double a, double[] w) }} the processor
 * writes {@code C_Grad.M}, a reusable frame with {@code valueAndGradient}, {@code accumulate},
 * {@code zero}, {@code value} and one {@code d<param>} field per differentiated parameter.
 *
 * <p>CLASS retention: the processor reads it from source in the same compilation and from class
 * files when a differentiable method in a jar is called, but nothing needs it at run time.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Differentiable {

  /**
   * Names of the parameters to differentiate. Empty (the default) means every {@code double} or
   * {@code float} parameter, or array of them, not marked {@link NoDerivative} or {@link Out}.
   *
   * @return the parameters to differentiate, or none for the default
   */
  String[] wrt() default {};

  /**
   * Name of the generated frame class, for overloads; the default is the method's own name.
   * The frame class is this name in UpperCamelCase.
   *
   * @return the frame's name, or {@code ""} for the method's own
   */
  String name() default "";
}

package dev.tapeless;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Put by the processor on each generated frame class; not for users. It records the method's
 * parameter names, which class files keep only when compiled with {@code -parameters}, so that a
 * differentiable method in another jar can use this frame's {@code d<name>} fields.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface GradientFrame {

  /**
   * The differentiated method's parameter names, in order.
   *
   * @return the parameter names
   */
  String[] parameters();
}

package dev.tapeless;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Excludes a {@code double} or {@code float} parameter, or an array of them, from differentiation:
 * the frame gets no adjoint field for it and computes no derivative with respect to it. On a
 * field of a model class (whose instance methods are {@code @Differentiable}), excludes that
 * field: a mask, a fixed embedding, hyperparameters.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.PARAMETER, ElementType.FIELD})
public @interface NoDerivative {}

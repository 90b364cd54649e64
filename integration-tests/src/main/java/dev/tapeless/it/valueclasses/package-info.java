/**
 * Value classes as differentiable inputs: final classes whose fields are numbers, numeric
 * arrays, records or other value classes, read as {@code p.kappa}, {@code p.curve.rate}.
 */
package dev.tapeless.it.valueclasses;

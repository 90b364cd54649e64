/**
 * Functions whose second derivatives the tests check: {@code hvp} and {@code hessian} against
 * finite differences of the gradient and against the same functions written again with
 * Hipparchus {@code DerivativeStructure}s of order 2.
 *
 * <p>{@link dev.tapeless.it.secondorder.Curvatures} is chosen so that together its functions use
 * every {@code Math} function with a derivative rule and every construct second order goes
 * through (branches, loops with break and continue, early returns, array locals, compound
 * assignment); {@link dev.tapeless.it.secondorder.SecondOrderCalls} holds the calls it does not
 * go through yet, and the ones it does.
 */
package dev.tapeless.it.secondorder;

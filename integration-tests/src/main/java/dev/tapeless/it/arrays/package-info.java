/**
 * A corpus of array and loop functions run through the Tapeless processor, grouped by theme:
 * reductions, matrix products, triangular loops, recurrences over local arrays, control flow in
 * loops, calls with array arguments, runtime kernels, index arrays and jagged matrices,
 * {@code @Out} outputs, and regressions. Each is checked in the tests against finite
 * differences, many also against the same function written again in Hipparchus forward-mode
 * arithmetic, and every {@code @Out} function's pullback and Jacobian against each other.
 *
 * <p>The functions are written the way a user would write them, not as minimal probes, so that
 * features meet each other (a branch inside a nested loop, a row passed to a callee in a loop).
 * The regressions are the exception: programs the processor once got wrong, kept as they were
 * reported (probes and fuzzer output included), so that each bug stays fixed.
 */
package dev.tapeless.it.arrays;

/**
 * A corpus of small scalar functions run through the Tapeless processor, grouped by the language
 * feature they exercise. Each is checked in the tests against finite differences and against the
 * same function written a second time in Hipparchus forward-mode arithmetic.
 *
 * <p>The functions are deliberately plain: each is what a user might write, not a minimal probe,
 * so that features meet each other (a call inside a branch, an int in a compound assignment).
 */
package dev.tapeless.it.scalar;

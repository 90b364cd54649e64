/**
 * Helpers without {@code @Differentiable}: plain static methods called with differentiated
 * arguments, which Tapeless differentiates as if they were annotated (by inlining them into the
 * caller), next to the same computation through annotated methods.
 */
package dev.tapeless.it.helpers;

/**
 * Objects passed as {@code @NoDerivative} parameters: a {@code java.util.Random} drawing noise,
 * a counting object that records each call, and a market-data class read through its fields and
 * methods. The generated entry points call them exactly as the plain method does, once per
 * evaluation, and the backward sweep and second order reuse the stored results.
 */
package dev.tapeless.it.objects;

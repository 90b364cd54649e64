/**
 * Users' own kernels: {@link dev.tapeless.it.kernels.LinearKernels} are declared
 * {@code @CustomDerivative(linear = true)}, so they have a pullback but no pushforward, and
 * forward mode and second order call them on tangents.
 */
package dev.tapeless.it.kernels;

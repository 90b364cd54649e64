/**
 * Kernels: {@link dev.tapeless.it.kernels.LinearKernels} are users' own, declared
 * {@code @CustomDerivative(linear = true)}, so they have a pullback but no pushforward, and
 * forward mode and second order call them on tangents; {@link dev.tapeless.it.kernels.BlackScholes}
 * prices a call through the runtime's normal distribution function, whose Greeks are known in
 * closed form.
 */
package dev.tapeless.it.kernels;

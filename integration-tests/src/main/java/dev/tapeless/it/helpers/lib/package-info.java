/**
 * Public helpers without {@code @Differentiable}, called from another package: copied into the
 * callers' generated code, which can reach them because they use only public members.
 */
package dev.tapeless.it.helpers.lib;

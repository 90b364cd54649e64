/**
 * {@code float} programs and three-dimensional arrays. {@link dev.tapeless.it.floats.Floats}
 * writes in float what the double corpora cover (arithmetic, every kind of Math call, loops
 * that overwrite values, local arrays, outputs, calls) and mixes float with double the way Java
 * promotes them; {@link dev.tapeless.it.floats.Blocks} uses {@code double[][][]} and
 * {@code float[][][]} parameters and locals.
 */
package dev.tapeless.it.floats;

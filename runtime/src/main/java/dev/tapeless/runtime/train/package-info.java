/**
 * Training on top of generated gradient frames: {@link dev.tapeless.runtime.train.Parameters}
 * gathers a model's arrays and their gradient arrays so that one {@link
 * dev.tapeless.runtime.train.Optimizer} ({@link dev.tapeless.runtime.train.Sgd}, {@link
 * dev.tapeless.runtime.train.Adam}, {@link dev.tapeless.runtime.train.AdamW}) can update all of
 * them, optionally under a {@link dev.tapeless.runtime.train.LearningRateSchedule} through
 * {@link dev.tapeless.runtime.train.Scheduled}, and {@link dev.tapeless.runtime.train.Init} fills
 * weights from a seeded {@link java.util.Random}. Parameters save to and load from a versioned
 * binary file, and give each thread of a parallel minibatch its own gradients through replicas;
 * {@link dev.tapeless.runtime.train.DataParallel} runs such a minibatch on threads of its own.
 * Weights may be {@code double} or {@code float}, mixed in one model: float weights keep float
 * optimizer state, as the frames of float methods keep float gradients. docs/training.md shows
 * a complete loop.
 *
 * <p>Like the frames, everything here allocates only when it is built: a training loop of frame
 * calls, gradient clipping and optimizer steps allocates nothing, also under {@code -Xint}.
 */
package dev.tapeless.runtime.train;

package dev.tapeless.spark;

import java.io.Serializable;

/**
 * One digit image and its label, as an element of an RDD: serializable, unlike the samples'
 * column-wise {@code Digits.Examples}.
 *
 * @param image 64 pixels in [0, 1]
 * @param label the digit, 0..9
 */
public record LabeledImage(double[] image, int label) implements Serializable {}

package dev.tapeless.samples.mlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * The handwritten digits of Alpaydin and Kaynak (UCI, CC BY 4.0; see
 * {@code resources/digits/README.md}): 1797 8×8 images, read from the gzipped CSV shipped as a
 * class-path resource so that the demo needs no download.
 *
 * <p>Pixels (0..16) are scaled to [0, 1]: with inputs of order 1 the usual initializers give
 * first-layer pre-activations of order 1, where sigmoid and tanh are not saturated and Adam's
 * first steps are of the right size.
 */
public final class Digits {
  private Digits() {}

  /** Pixels per image (8 × 8). */
  public static final int FEATURES = 64;

  /** Classes: the digits 0..9. */
  public static final int CLASSES = 10;

  /** The largest pixel value in the file; pixels are divided by it. */
  static final double MAX_PIXEL = 16.0;

  /** The class-path location of the data. */
  static final String RESOURCE = "/digits/digits.csv.gz";

  /**
   * Images and their labels, index-aligned.
   *
   * @param images {@code images[k]} is image k, {@link #FEATURES} values in [0, 1]
   * @param labels {@code labels[k]} is its digit, 0..9
   */
  public record Examples(double[][] images, int[] labels) {

    /** The number of examples. */
    public int size() {
      return labels.length;
    }
  }

  /** A training set and a held-out test set. */
  public record Split(Examples train, Examples test) {}

  /** Reads all 1797 examples, in file order. */
  public static Examples load() {
    try (InputStream raw = Digits.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is not on the class path");
      }
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII))) {
        return parse(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Parses rows of 64 pixel counts and a label; a malformed row names its line number. */
  static Examples parse(BufferedReader in) throws IOException {
    List<double[]> images = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    String line;
    int lineNumber = 0;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",");
      if (cells.length != FEATURES + 1) {
        throw new IOException("line " + lineNumber + ": expected " + (FEATURES + 1)
            + " comma-separated values, found " + cells.length);
      }
      double[] image = new double[FEATURES];
      for (int j = 0; j < FEATURES; j++) {
        image[j] = Integer.parseInt(cells[j].trim()) / MAX_PIXEL;
      }
      int label = Integer.parseInt(cells[FEATURES].trim());
      if (label < 0 || label >= CLASSES) {
        throw new IOException("line " + lineNumber + ": label " + label + " is not a digit");
      }
      images.add(image);
      labels.add(label);
    }
    int[] labelArray = new int[labels.size()];
    for (int k = 0; k < labelArray.length; k++) {
      labelArray[k] = labels.get(k);
    }
    return new Examples(images.toArray(new double[0][]), labelArray);
  }

  /**
   * Shuffles the examples with {@code new Random(seed)} (Fisher–Yates) and puts the first
   * {@code trainFraction} of them in the training set, the rest in the test set: the same seed
   * gives the same split on every run and machine. The arrays are shared, not copied.
   */
  public static Split split(Examples all, double trainFraction, long seed) {
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new IllegalArgumentException("trainFraction must be in (0, 1), was " + trainFraction);
    }
    int n = all.size();
    int[] order = new int[n];
    for (int k = 0; k < n; k++) {
      order[k] = k;
    }
    shuffle(order, new Random(seed));
    int trainSize = (int) Math.round(n * trainFraction);
    return new Split(subset(all, order, 0, trainSize), subset(all, order, trainSize, n));
  }

  /** Fisher–Yates: every permutation equally likely. */
  static void shuffle(int[] a, Random rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static Examples subset(Examples all, int[] order, int from, int to) {
    double[][] images = new double[to - from][];
    int[] labels = new int[to - from];
    for (int k = from; k < to; k++) {
      images[k - from] = all.images()[order[k]];
      labels[k - from] = all.labels()[order[k]];
    }
    return new Examples(images, labels);
  }
}

package dev.tapeless.fuzz.gen;

import java.util.List;
import java.util.SplittableRandom;

/** The generator's random choices, seeded so that a seed reproduces a program exactly. */
final class Rand {
  private final SplittableRandom random;

  Rand(long seed) {
    this.random = new SplittableRandom(seed);
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  /** Uniform in {@code [lo, hi]}. */
  int between(int lo, int hi) {
    return lo + random.nextInt(hi - lo + 1);
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  @SafeVarargs
  final <T> T pickOf(T... items) {
    return items[random.nextInt(items.length)];
  }

  /** An index drawn with the given (non-negative) weights; -1 when they are all 0. */
  int weighted(double... weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    if (total <= 0) {
      return -1;
    }
    double r = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0 && weights[i] > 0) {
        return i;
      }
    }
    for (int i = weights.length - 1; i >= 0; i--) {
      if (weights[i] > 0) {
        return i;
      }
    }
    return -1;
  }

  /** A short literal such as 0.37 or -1.25 (two decimals), never 0. */
  double coefficient() {
    double v;
    do {
      v = Math.round((random.nextDouble() * 3.0 - 1.5) * 100.0) / 100.0;
    } while (v == 0.0);
    return v;
  }

  double unit() {
    return random.nextDouble();
  }
}

package dev.tapeless.samples.gmm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * One component of the GMM gradient: a position in alpha, means or icf, addressed the same way
 * in the data and in a frame's adjoint fields.
 *
 * @param block 0 alpha, 1 means, 2 icf
 * @param row the component k
 * @param col the column (0 for alpha)
 */
record Parameter(int block, int row, int col) {

  /** The parameter's current value in {@code data}. */
  double get(GmmData data) {
    return switch (block) {
      case 0 -> data.alpha()[row];
      case 1 -> data.means()[row][col];
      default -> data.icf()[row][col];
    };
  }

  /** Sets the parameter in {@code data} (whose arrays are shared, so the caller restores it). */
  void set(GmmData data, double value) {
    switch (block) {
      case 0 -> data.alpha()[row] = value;
      case 1 -> data.means()[row][col] = value;
      default -> data.icf()[row][col] = value;
    }
  }

  /** The frame's derivative for this parameter. */
  double derivative(GmmObjective_Grad.Objective frame) {
    return switch (block) {
      case 0 -> frame.dalpha[row];
      case 1 -> frame.dmeans[row][col];
      default -> frame.dicf[row][col];
    };
  }

  /** The index of this parameter in the flat gradient (alpha, means, icf; rows in order). */
  int flatIndex(GmmData data) {
    return switch (block) {
      case 0 -> row;
      case 1 -> data.k() + row * data.d() + col;
      default -> data.k() + data.k() * data.d() + row * GmmData.icfLength(data.d()) + col;
    };
  }

  @Override
  public String toString() {
    String name = block == 0 ? "alpha" : block == 1 ? "means" : "icf";
    return block == 0 ? name + "[" + row + "]" : name + "[" + row + "][" + col + "]";
  }

  /** Every parameter, in the flat gradient's order. */
  static List<Parameter> all(GmmData data) {
    List<Parameter> all = new ArrayList<>();
    for (int c = 0; c < data.k(); c++) {
      all.add(new Parameter(0, c, 0));
    }
    for (int c = 0; c < data.k(); c++) {
      for (int j = 0; j < data.d(); j++) {
        all.add(new Parameter(1, c, j));
      }
    }
    for (int c = 0; c < data.k(); c++) {
      for (int j = 0; j < GmmData.icfLength(data.d()); j++) {
        all.add(new Parameter(2, c, j));
      }
    }
    return all;
  }

  /**
   * A reproducible sample without repeats across all three blocks: {@code alphas} of alpha,
   * {@code means} of the means, {@code diagonals} of icf's log-diagonal q and {@code lowers} of
   * its lower triangle l (fewer where a block is smaller).
   */
  static List<Parameter> sample(
      GmmData data, int alphas, int means, int diagonals, int lowers, long seed) {
    Random random = new Random(seed);
    List<Parameter> picked = new ArrayList<>();
    int d = data.d();
    int k = data.k();
    int lower = d * (d - 1) / 2;
    pick(picked, alphas, k, () -> new Parameter(0, random.nextInt(k), 0));
    pick(picked, means, k * d, () -> new Parameter(1, random.nextInt(k), random.nextInt(d)));
    pick(picked, diagonals, k * d, () -> new Parameter(2, random.nextInt(k), random.nextInt(d)));
    pick(picked, lowers, k * lower,
        () -> new Parameter(2, random.nextInt(k), d + random.nextInt(lower)));
    return picked;
  }

  private static void pick(
      List<Parameter> picked, int count, int available, Supplier<Parameter> next) {
    int wanted = Math.min(count, available);
    int added = 0;
    while (added < wanted) {
      Parameter p = next.get();
      if (!picked.contains(p)) {
        picked.add(p);
        added++;
      }
    }
  }
}

package dev.tapeless.runtime.support;

/**
 * Arithmetic of checkpointed loops ({@code @Checkpoint}): how many iterations a loop runs and how
 * they split into segments. The snapshots themselves go on the frame's {@link SavedValues}, below
 * the record of the segment being reversed: the backward sweep takes segments last to first, so
 * the snapshot it needs next is always on top.
 */
public final class Checkpoints {
  private Checkpoints() {}

  /**
   * The number of iterations of {@code for (int i = first; i < bound; i++)} (or {@code <=}).
   *
   * @param first the index's first value
   * @param bound the bound it is compared with
   * @param inclusive whether the comparison is {@code <=}
   * @return the trip count, 0 when the loop does not run
   */
  public static int tripsUp(int first, int bound, boolean inclusive) {
    return clamp((long) bound - first + (inclusive ? 1 : 0));
  }

  /**
   * The number of iterations of {@code for (int i = first; i > bound; i--)} (or {@code >=}).
   *
   * @param first the index's first value
   * @param bound the bound it is compared with
   * @param inclusive whether the comparison is {@code >=}
   * @return the trip count, 0 when the loop does not run
   */
  public static int tripsDown(int first, int bound, boolean inclusive) {
    return clamp((long) first - bound + (inclusive ? 1 : 0));
  }

  private static int clamp(long trips) {
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, trips));
  }

  /**
   * The segment length: {@code every} when positive, else the ceiling of the square root of the
   * trip count, which balances the number of snapshots against one segment's record.
   *
   * @param trips the loop's trip count, at least 0
   * @param every the annotation's {@code every}: a length, or 0 for the square root
   * @return the number of iterations per segment, at least 1
   */
  public static int segment(int trips, int every) {
    if (every > 0) {
      return every;
    }
    int root = (int) Math.sqrt(trips);
    while ((long) root * root < trips) {
      root++;
    }
    return Math.max(1, root);
  }

  /**
   * Where the last segment starts, counted in iterations from the first.
   *
   * @param trips the loop's trip count, at least 0
   * @param segment the segment length, at least 1
   * @return the offset of the last segment's first iteration, or -1 when the loop does not run
   */
  public static int lastSegment(int trips, int segment) {
    return trips == 0 ? -1 : (trips - 1) / segment * segment;
  }

  /**
   * Where a segment ends, counted in iterations from the first.
   *
   * @param start the offset of the segment's first iteration
   * @param trips the loop's trip count
   * @param segment the segment length
   * @return the offset just past the segment's last iteration
   */
  public static int segmentEnd(int start, int trips, int segment) {
    return (int) Math.min(trips, (long) start + segment);
  }
}

package dev.tapeless.runtime.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CheckpointsTest {

  @Test
  void tripCountsFollowTheComparison() {
    assertEquals(10, Checkpoints.tripsUp(0, 10, false));
    assertEquals(11, Checkpoints.tripsUp(0, 10, true));
    assertEquals(0, Checkpoints.tripsUp(5, 2, false));
    assertEquals(10, Checkpoints.tripsDown(10, 0, false));
    assertEquals(11, Checkpoints.tripsDown(10, 0, true));
    assertEquals(0, Checkpoints.tripsDown(0, 3, true));
  }

  @Test
  void tripCountsDoNotOverflow() {
    assertEquals(Integer.MAX_VALUE,
        Checkpoints.tripsUp(Integer.MIN_VALUE, Integer.MAX_VALUE, true));
  }

  @Test
  void defaultSegmentIsTheCeilingOfTheSquareRoot() {
    assertEquals(1, Checkpoints.segment(0, 0));
    assertEquals(1, Checkpoints.segment(1, 0));
    assertEquals(2, Checkpoints.segment(2, 0));
    assertEquals(10, Checkpoints.segment(100, 0));
    assertEquals(11, Checkpoints.segment(101, 0));
    assertEquals(317, Checkpoints.segment(100_000, 0));
    assertEquals(7, Checkpoints.segment(100_000, 7));
  }

  @Test
  void segmentsCoverEveryIterationOnce() {
    for (int trips = 0; trips < 50; trips++) {
      for (int every = 1; every < 8; every++) {
        int covered = 0;
        int expectedEnd = trips;
        for (int start = Checkpoints.lastSegment(trips, every); start >= 0; start -= every) {
          int end = Checkpoints.segmentEnd(start, trips, every);
          assertEquals(expectedEnd, end);
          covered += end - start;
          expectedEnd = start;
        }
        assertEquals(trips, covered);
        assertEquals(0, expectedEnd);
      }
    }
  }
}

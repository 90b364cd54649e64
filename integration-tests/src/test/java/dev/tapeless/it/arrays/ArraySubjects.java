package dev.tapeless.it.arrays;

import dev.tapeless.it.secondorder.Point;
import dev.tapeless.it.secondorder.Subject;
import java.util.stream.Stream;

/**
 * The array corpus for the second-order tests, which live in their own package: each case that
 * returns a double with its points, frame and adjoint fields, and nothing new to keep in step
 * with the corpus.
 */
public final class ArraySubjects {
  private ArraySubjects() {}

  /** Every case that returns a double, those without {@code hvp} ({@code @Out}) included. */
  public static Stream<Subject> all() {
    return ArrayCorpus.scalarCases().map(ArraySubjects::subject);
  }

  private static Subject subject(ArrayCase<?> c) {
    return new Subject(c.name(), c::newFrame, c::gradientOf,
        () -> c.points().stream().map(p -> point(c, p)).toList());
  }

  private static Point point(ArrayCase<?> c, Args args) {
    ArrayCase.Param[] params = c.params();
    Object[] values = new Object[params.length];
    boolean[] differentiated = new boolean[params.length];
    for (int i = 0; i < params.length; i++) {
      values[i] = args.get(i);
      differentiated[i] = params[i].active;
    }
    return new Point(values, differentiated);
  }
}

package dev.tapeless.it.scalar;

import dev.tapeless.it.secondorder.Point;
import dev.tapeless.it.secondorder.Subject;
import java.util.stream.Stream;

/**
 * The scalar corpus for the second-order tests, which live in their own package: each case with
 * its points, frame and adjoint fields, and nothing new to keep in step with the corpus.
 */
public final class ScalarSubjects {
  private ScalarSubjects() {}

  /** Every case of {@link Corpus}, those without {@code hvp} included. */
  public static Stream<Subject> all() {
    return Corpus.cases().map(ScalarSubjects::subject);
  }

  private static Subject subject(Case<?> c) {
    return new Subject(c.name(), c::newFrame, c::gradientOf,
        () -> c.points().stream().map(p -> point(c, p)).toList());
  }

  /** The arguments boxed by their declared kind, since the corpus packs them all as doubles. */
  private static Point point(Case<?> c, double[] args) {
    Case.Param[] params = c.params();
    Object[] values = new Object[args.length];
    boolean[] differentiated = new boolean[args.length];
    for (int i = 0; i < args.length; i++) {
      values[i] = switch (params[i].kind()) {
        case ACTIVE, PASSIVE -> args[i];
        case INT -> (int) args[i];
        case BOOLEAN -> args[i] != 0;
      };
      differentiated[i] = params[i].kind() == Case.Param.Kind.ACTIVE;
    }
    return new Point(values, differentiated);
  }
}

package dev.tapeless.it.secondorder;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A corpus function as the second-order tests see it: how to make its frame, read the frame's
 * adjoint fields, and where to evaluate it. The scalar and array corpora hand their cases over
 * this way ({@code ScalarSubjects}, {@code ArraySubjects}), so that their sampling, smoothness
 * predicates and frame lambdas serve the Hessian checks unchanged; the frame's {@code hvp} and
 * {@code hessian} are found by reflection ({@link HvpFrame}), so that none can be left out.
 */
public final class Subject {
  private final String name;
  private final Supplier<Object> newFrame;
  private final Function<Object, double[]> gradient;
  private final Supplier<List<Point>> points;

  /**
   * @param name "Class.method", as hvp's messages name it
   * @param newFrame makes a new frame
   * @param gradient the adjoint fields of a frame, flattened in declaration order
   * @param points where to check the function, away from its kinks
   */
  public Subject(String name, Supplier<Object> newFrame, Function<Object, double[]> gradient,
      Supplier<List<Point>> points) {
    this.name = Objects.requireNonNull(name);
    this.newFrame = Objects.requireNonNull(newFrame);
    this.gradient = Objects.requireNonNull(gradient);
    this.points = Objects.requireNonNull(points);
  }

  public String name() {
    return name;
  }

  Object newFrame() {
    return newFrame.get();
  }

  double[] gradient(Object frame) {
    return gradient.apply(frame);
  }

  List<Point> points() {
    return points.get();
  }

  @Override
  public String toString() {
    return name;
  }
}

package dev.tapeless.it.arrays;

import static dev.tapeless.it.arrays.ArrayGradientAssert.assertGradientClose;
import static dev.tapeless.it.arrays.ArrayGradientAssert.plus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every frame of a double-returning method promises, with array adjoints: accumulate adds,
 * zero resets, valueAndGradient overwrites, also when one frame sees arguments of several shapes
 * in turn; and the arguments are read, never written.
 */
class ArrayFrameContractTest {

  private static final double TOLERANCE = 1e-12;

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#scalarCases")
  void newFrameAccumulatesFromZero(ArrayCase<?> c) {
    Args p = c.points().get(0);
    ArrayCase.Probe fresh = c.probe();
    fresh.valueAndGradient(p.copy());
    ArrayCase.Probe accumulated = c.probe();
    accumulated.accumulate(p.copy());
    assertArrayEquals(fresh.gradient(), accumulated.gradient(), 0.0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#scalarCases")
  void accumulateTwiceGivesTwiceTheGradient(ArrayCase<?> c) {
    Args p = c.points().get(0);
    ArrayCase.Probe once = c.probe();
    once.valueAndGradient(p.copy());
    ArrayCase.Probe twice = c.probe();
    twice.accumulate(p.copy());
    double value = twice.accumulate(p.copy());
    assertEquals(c.plain(p), value);
    assertGradientClose(
        c.describe(p), plus(once.gradient(), once.gradient()), twice.gradient(), TOLERANCE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#scalarCases")
  void accumulateAddsTheGradientsOfDifferentPoints(ArrayCase<?> c) {
    List<Args> points = c.pointsOfOneShape();
    ArrayCase.Probe first = c.probe();
    first.valueAndGradient(points.get(0).copy());
    ArrayCase.Probe second = c.probe();
    second.valueAndGradient(points.get(1).copy());
    ArrayCase.Probe batch = c.probe();
    batch.accumulate(points.get(0).copy());
    batch.accumulate(points.get(1).copy());
    assertGradientClose(
        c.name(), plus(first.gradient(), second.gradient()), batch.gradient(), TOLERANCE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#scalarCases")
  void zeroResetsEveryAdjoint(ArrayCase<?> c) {
    List<Args> points = c.pointsOfOneShape();
    ArrayCase.Probe frame = c.probe();
    frame.accumulate(points.get(0).copy());
    frame.zero();
    assertArrayEquals(new double[c.activeValues(points.get(0)).length], frame.gradient(), 0.0);

    frame.accumulate(points.get(1).copy());
    ArrayCase.Probe fresh = c.probe();
    fresh.valueAndGradient(points.get(1).copy());
    assertArrayEquals(fresh.gradient(), frame.gradient(), 0.0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#scalarCases")
  void zeroBeforeTheFirstCallIsHarmless(ArrayCase<?> c) {
    Args p = c.points().get(0);
    ArrayCase.Probe frame = c.probe();
    frame.zero();
    frame.valueAndGradient(p.copy());
    ArrayCase.Probe fresh = c.probe();
    fresh.valueAndGradient(p.copy());
    assertArrayEquals(fresh.gradient(), frame.gradient(), 0.0);
  }

  /** The points have different shapes: one frame reallocates its adjoints as they change. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#scalarCases")
  void valueAndGradientOverwritesEarlierAdjointsAcrossShapes(ArrayCase<?> c) {
    ArrayCase.Probe reused = c.probe();
    Args previous = c.points().get(0);
    for (Args p : c.points()) {
      reused.accumulate(previous.copy());
      reused.accumulate(previous.copy());
      double value = reused.valueAndGradient(p.copy());
      ArrayCase.Probe fresh = c.probe();
      assertEquals(fresh.valueAndGradient(p.copy()), value, () -> c.describe(p));
      assertArrayEquals(fresh.gradient(), reused.gradient(), 0.0, () -> c.describe(p));
      previous = p;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#scalarCases")
  void valueFieldHoldsTheLastResult(ArrayCase<?> c) {
    ArrayCase.Probe frame = c.probe();
    for (Args p : c.points()) {
      double v = frame.valueAndGradient(p.copy());
      assertEquals(v, frame.value(), () -> c.describe(p) + " after valueAndGradient");
      double w = frame.accumulate(p.copy());
      assertEquals(w, frame.value(), () -> c.describe(p) + " after accumulate");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#scalarCases")
  void argumentsAreNotModified(ArrayCase<?> c) {
    for (Args p : c.points()) {
      Args call = p.copy();
      c.probe().valueAndGradient(call);
      for (int i = 0; i < p.size(); i++) {
        if (c.params()[i].out) {
          continue;
        }
        Object before = p.get(i);
        Object after = call.get(i);
        int index = i;
        if (before instanceof int[] ints) {
          assertArrayEquals(ints, (int[]) after, () -> c.describe(p) + " argument " + index);
        } else if (!(before instanceof Integer) && !(before instanceof Boolean)) {
          assertArrayEquals(Flatten.flat(before), Flatten.flat(after), 0.0,
              () -> c.describe(p) + " argument " + index);
        }
      }
    }
  }
}

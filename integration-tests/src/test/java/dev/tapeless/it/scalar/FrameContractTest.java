package dev.tapeless.it.scalar;

import static dev.tapeless.it.scalar.GradientAssert.assertGradientClose;
import static dev.tapeless.it.scalar.GradientAssert.plus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every frame promises: accumulate adds, zero resets, valueAndGradient overwrites. */
class FrameContractTest {

  private static final double TOLERANCE = 1e-12;

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.scalar.Corpus#cases")
  void gradientHasOneComponentPerDifferentiatedParameter(Case<?> c) {
    Case.Probe frame = c.probe();
    frame.valueAndGradient(c.points().get(0));
    assertEquals(c.activeCount(), frame.gradient().length);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.scalar.Corpus#cases")
  void newFrameAccumulatesFromZero(Case<?> c) {
    double[] p = c.points().get(0);
    Case.Probe fresh = c.probe();
    fresh.valueAndGradient(p);
    Case.Probe accumulated = c.probe();
    accumulated.accumulate(p);
    assertArrayEquals(fresh.gradient(), accumulated.gradient(), 0.0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.scalar.Corpus#cases")
  void accumulateTwiceGivesTwiceTheGradient(Case<?> c) {
    double[] p = c.points().get(0);
    Case.Probe once = c.probe();
    once.valueAndGradient(p);
    Case.Probe twice = c.probe();
    twice.accumulate(p);
    double value = twice.accumulate(p);
    assertEquals(c.plain(p), value);
    assertGradientClose(
        c.describe(p), plus(once.gradient(), once.gradient()), twice.gradient(), TOLERANCE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.scalar.Corpus#cases")
  void accumulateAddsTheGradientsOfDifferentPoints(Case<?> c) {
    List<double[]> points = c.points();
    Case.Probe first = c.probe();
    first.valueAndGradient(points.get(0));
    Case.Probe second = c.probe();
    second.valueAndGradient(points.get(1));
    Case.Probe batch = c.probe();
    batch.accumulate(points.get(0));
    batch.accumulate(points.get(1));
    assertGradientClose(
        c.name(), plus(first.gradient(), second.gradient()), batch.gradient(), TOLERANCE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.scalar.Corpus#cases")
  void zeroResetsEveryAdjoint(Case<?> c) {
    List<double[]> points = c.points();
    Case.Probe frame = c.probe();
    frame.accumulate(points.get(0));
    frame.zero();
    assertArrayEquals(new double[c.activeCount()], frame.gradient(), 0.0);

    frame.accumulate(points.get(1));
    Case.Probe fresh = c.probe();
    fresh.valueAndGradient(points.get(1));
    assertArrayEquals(fresh.gradient(), frame.gradient(), 0.0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.scalar.Corpus#cases")
  void valueAndGradientOverwritesEarlierAdjoints(Case<?> c) {
    Case.Probe reused = c.probe();
    double[] previous = c.points().get(0);
    for (double[] p : c.points()) {
      reused.accumulate(previous);
      reused.accumulate(previous);
      reused.valueAndGradient(p);
      Case.Probe fresh = c.probe();
      fresh.valueAndGradient(p);
      assertArrayEquals(fresh.gradient(), reused.gradient(), 0.0, () -> c.describe(p));
      previous = p;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.scalar.Corpus#cases")
  void valueFieldHoldsTheLastResult(Case<?> c) {
    Case.Probe frame = c.probe();
    for (double[] p : c.points()) {
      double v = frame.valueAndGradient(p);
      assertEquals(v, frame.value(), () -> c.describe(p) + " after valueAndGradient");
      double w = frame.accumulate(p);
      assertEquals(w, frame.value(), () -> c.describe(p) + " after accumulate");
    }
  }
}

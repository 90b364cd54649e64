package dev.tapeless.it.arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tapeless.runtime.GradCheck;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus function against the original method and its finite differences: the gradient of
 * the value it returns, and the Jacobian of the outputs it writes. The finite differences perturb
 * the differentiated arguments flattened into one vector.
 */
class ArrayFiniteDifferencesTest {

  private static final double TOLERANCE = 1e-6;

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#scalarCases")
  void gradientMatchesCentralFiniteDifferences(ArrayCase<?> c) {
    for (Args args : c.points()) {
      ArrayCase.Probe frame = c.probe();
      frame.valueAndGradient(args.copy());
      double[] analytic = frame.gradient();
      GradCheck.Report report =
          GradCheck.check(x -> c.plain(c.withActive(args, x)), c.activeValues(args), analytic);
      if (!report.isWithin(TOLERANCE)) {
        fail(c.describe(args) + ": " + report);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#scalarCases")
  void valueIsExactlyTheOriginalMethodsValue(ArrayCase<?> c) {
    for (Args args : c.points()) {
      double expected = c.plain(args);
      assertEquals(expected, c.probe().valueAndGradient(args.copy()), () -> c.describe(args));
      assertEquals(expected, c.probe().accumulate(args.copy()),
          () -> c.describe(args) + " accumulate");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#outputCases")
  void jacobianMatchesFiniteDifferencesOfTheOutputs(ArrayCase<?> c) {
    for (Args args : c.points()) {
      double[] x = c.activeValues(args);
      int outputs = c.plainOutputs(args).length;
      double[][] j = new double[outputs][x.length];
      c.probe().jacobian(args.copy(), j);
      for (int k = 0; k < outputs; k++) {
        int row = k;
        GradCheck.Report report =
            GradCheck.check(v -> c.plainOutputs(c.withActive(args, v))[row], x, j[row]);
        if (!report.isWithin(TOLERANCE)) {
          fail(c.describe(args) + ": row " + row + " of the Jacobian: " + report);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#outputCases")
  void pullbackAndJacobianWriteExactlyTheOriginalMethodsOutputs(ArrayCase<?> c) {
    for (Args args : c.points()) {
      double[] expected = c.plainOutputs(args);
      Args viaPullback = args.copy();
      c.probe().pullback(viaPullback, c.seeds(args, new Random(1)));
      assertArrayEquals(expected, c.outputs(viaPullback), 0.0, () -> c.describe(args));
      Args viaJacobian = args.copy();
      c.probe().jacobian(viaJacobian, new double[expected.length][c.activeValues(args).length]);
      assertArrayEquals(expected, c.outputs(viaJacobian), 0.0,
          () -> c.describe(args) + " jacobian");
      if (c.returnsDouble()) {
        Args viaGradient = args.copy();
        c.probe().valueAndGradient(viaGradient);
        assertArrayEquals(expected, c.outputs(viaGradient), 0.0,
            () -> c.describe(args) + " valueAndGradient");
      }
    }
  }
}

package dev.tapeless.it.arrays;

import static dev.tapeless.it.arrays.ArrayGradientAssert.assertGradientClose;
import static dev.tapeless.it.arrays.ArrayGradientAssert.seedTimesJacobian;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every frame of a method with {@code @Out} parameters promises: its Jacobian and its
 * pullbacks agree, seeds are left alone, and misuse (wrong shapes, an output that is also an
 * input) is an IllegalArgumentException that names the parameters involved.
 */
class OutContractTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#outputCases")
  void jacobianRowsArePullbacksOfUnitSeeds(ArrayCase<?> c) {
    for (Args args : c.points()) {
      double[][] j = jacobian(c, args);
      ArrayCase.Probe frame = c.probe();
      for (int k = 0; k < j.length; k++) {
        frame.pullback(args.copy(), c.unitSeeds(args, k));
        // Equal up to rounding: with fewer inputs than outputs, jacobian runs forward mode.
        assertGradientClose(c.describe(args) + " row " + k, j[k], frame.gradient(), 1e-12);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#outputCases")
  void pullbackOfRandomSeedsIsSeedTimesJacobian(ArrayCase<?> c) {
    Random random = new Random(c.name().hashCode());
    for (Args args : c.points()) {
      double[][] j = jacobian(c, args);
      Args seeds = c.seeds(args, random);
      ArrayCase.Probe frame = c.probe();
      frame.pullback(args.copy(), seeds);
      double[] expected = seedTimesJacobian(flatSeeds(seeds), j, c.activeValues(args).length);
      assertGradientClose(c.describe(args), expected, frame.gradient(), 1e-12);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#outputCases")
  void pullbackLeavesSeedsAndInputsUntouched(ArrayCase<?> c) {
    Random random = new Random(c.name().hashCode());
    for (Args args : c.points()) {
      Args seeds = c.seeds(args, random);
      double[] seedsBefore = flatSeeds(seeds);
      Args call = args.copy();
      c.probe().pullback(call, seeds);
      assertArrayEquals(seedsBefore, flatSeeds(seeds), 0.0, () -> c.describe(args) + " seeds");
      assertArrayEquals(c.activeValues(args), c.activeValues(call), 0.0,
          () -> c.describe(args) + " inputs");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#outputCases")
  void pullbackOverwritesEarlierAdjoints(ArrayCase<?> c) {
    Random random = new Random(c.name().hashCode());
    List<Args> points = c.pointsOfOneShape();
    ArrayCase.Probe reused = c.probe();
    for (Args args : points) {
      Args seeds = c.seeds(args, random);
      reused.pullback(points.get(0).copy(), c.seeds(args, random));
      if (c.returnsDouble()) {
        reused.accumulate(points.get(1).copy());
      }
      reused.pullback(args.copy(), seeds);
      ArrayCase.Probe fresh = c.probe();
      fresh.pullback(args.copy(), seeds);
      assertArrayEquals(fresh.gradient(), reused.gradient(), 0.0, () -> c.describe(args));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#outputCases")
  void jacobianOfTheWrongShapeIsRejectedNamingJ(ArrayCase<?> c) {
    Args args = c.points().get(0);
    int rows = c.plainOutputs(args).length;
    int columns = c.activeValues(args).length;
    double[][] ragged = new double[rows][columns];
    ragged[rows - 1] = new double[columns + 1];
    for (double[][] j : List.of(new double[rows + 1][columns], new double[rows][columns + 1],
        new double[Math.max(0, rows - 1)][columns], ragged)) {
      assertRejectedNaming(c.name() + " J " + j.length + " rows",
          () -> c.probe().jacobian(args.copy(), j), "J");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#outputCases")
  void seedOfTheWrongShapeIsRejectedNamingItsOutput(ArrayCase<?> c) {
    Args args = c.points().get(0);
    List<String> outs = outputNames(c);
    for (int k = 0; k < outs.size(); k++) {
      for (Object wrong : wrongShapes(c.seeds(args, new Random(2)).get(k))) {
        Args seeds = c.seeds(args, new Random(2)).with(k, wrong);
        assertRejectedNaming(c.name() + " seed d" + outs.get(k),
            () -> c.probe().pullback(args.copy(), seeds), "d" + outs.get(k));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#outputCases")
  void outputThatIsAlsoAnInputIsRejectedNamingBoth(ArrayCase<?> c) {
    Args args = c.points().get(0);
    ArrayCase.Param[] params = c.params();
    int checked = 0;
    for (int o = 0; o < params.length; o++) {
      if (!params[o].out) {
        continue;
      }
      for (int p = 0; p < params.length; p++) {
        if (p == o || params[p].out || !isDoubleArray(args.get(p))) {
          continue;
        }
        Args base = args.copy();
        Args call = base.with(o, aliasOf(base.get(o), base.get(p)));
        String what = c.name() + ": " + params[o].name + " aliasing " + params[p].name;
        assertRejectedNaming(what, () -> c.probe().pullback(call, seedsLike(c, call)),
            params[o].name, params[p].name);
        assertRejectedNaming(what + " (jacobian)", () -> c.probe().jacobian(call,
            new double[c.outputs(call).length][c.activeValues(call).length]),
            params[o].name, params[p].name);
        if (c.returnsDouble()) {
          assertRejectedNaming(what + " (valueAndGradient)",
              () -> c.probe().valueAndGradient(call), params[o].name, params[p].name);
        }
        checked++;
      }
    }
    assertTrue(checked > 0 || noArrayInputs(c, args), c.name() + ": nothing to alias");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#outputCases")
  void rowOfAnInputMatrixAsTheOutputIsRejectedNamingBoth(ArrayCase<?> c) {
    Args args = c.points().get(0);
    ArrayCase.Param[] params = c.params();
    for (int o = 0; o < params.length; o++) {
      if (!params[o].out || !(args.get(o) instanceof double[])) {
        continue;
      }
      for (int p = 0; p < params.length; p++) {
        if (params[p].out || !(args.get(p) instanceof double[][] m) || m.length == 0) {
          continue;
        }
        Args base = args.copy();
        Args aliased = base.with(o, ((double[][]) base.get(p))[0]);
        assertRejectedNaming(c.name() + ": " + params[o].name + " = " + params[p].name + "[0]",
            () -> c.probe().pullback(aliased, seedsLike(c, aliased)), params[o].name,
            params[p].name);
      }
    }
  }

  /** Two {@code @Out} parameters given one array: the second write would clobber the first. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#outputCases")
  void sameArrayForTwoOutputsIsRejectedNamingBoth(ArrayCase<?> c) {
    Args args = c.points().get(0);
    ArrayCase.Param[] params = c.params();
    for (int o = 0; o < params.length; o++) {
      for (int q = o + 1; q < params.length; q++) {
        if (params[o].out && params[q].out && params[o].kind == params[q].kind) {
          Args base = args.copy();
          Args call = base.with(q, base.get(o));
          assertRejectedNaming(c.name() + ": " + params[o].name + " = " + params[q].name,
              () -> c.probe().pullback(call, seedsLike(c, call)), params[o].name,
              params[q].name);
        }
      }
    }
  }

  private static double[][] jacobian(ArrayCase<?> c, Args args) {
    double[][] j = new double[c.plainOutputs(args).length][c.activeValues(args).length];
    c.probe().jacobian(args.copy(), j);
    return j;
  }

  private static double[] flatSeeds(Args seeds) {
    Object[] parts = new Object[seeds.size()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = seeds.get(i);
    }
    return Flatten.flat(parts);
  }

  private static List<String> outputNames(ArrayCase<?> c) {
    List<String> names = new ArrayList<>();
    for (ArrayCase.Param p : c.params()) {
      if (p.out) {
        names.add(p.name);
      }
    }
    return names;
  }

  /** Arrays that differ from {@code seed} in shape: one element or row more, and one fewer. */
  private static List<Object> wrongShapes(Object seed) {
    if (seed instanceof double[] v) {
      return List.of(new double[v.length + 1], new double[v.length - 1]);
    }
    double[][] m = (double[][]) seed;
    double[][] longerRow = (double[][]) Flatten.zerosLike(m);
    longerRow[0] = new double[m[0].length + 1];
    double[][] moreRows = new double[m.length + 1][m[0].length];
    return List.of(longerRow, moreRows);
  }

  private static boolean isDoubleArray(Object value) {
    return value instanceof double[] || value instanceof double[][];
  }

  private static boolean noArrayInputs(ArrayCase<?> c, Args args) {
    ArrayCase.Param[] params = c.params();
    for (int p = 0; p < params.length; p++) {
      if (!params[p].out && isDoubleArray(args.get(p))) {
        return false;
      }
    }
    return true;
  }

  /**
   * What to pass as output {@code out} so that it is input {@code in}: the same array when the
   * ranks agree, else a row of the matrix input, or a matrix whose first row is the input.
   */
  private static Object aliasOf(Object out, Object in) {
    if (out instanceof double[] && in instanceof double[][] m) {
      return m[0];
    } else if (out instanceof double[][] o && in instanceof double[] v) {
      double[][] m = (double[][]) Flatten.zerosLike(o);
      m[0] = v;
      return m;
    }
    return in;
  }

  /** Seeds shaped like the output arrays in {@code call}, aliased or not. */
  private static Args seedsLike(ArrayCase<?> c, Args call) {
    List<Object> seeds = new ArrayList<>();
    ArrayCase.Param[] params = c.params();
    for (int i = 0; i < params.length; i++) {
      if (params[i].out) {
        seeds.add(Flatten.zerosLike(call.get(i)));
      }
    }
    return new Args(seeds.toArray());
  }

  static void assertRejectedNaming(String what, Executable call, String... names) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, what);
    String message = String.valueOf(e.getMessage());
    for (String name : names) {
      assertTrue(Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(message).find(),
          () -> what + ": the message does not name " + name + ": " + message);
    }
  }
}

package dev.tapeless.it.arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forward mode on the whole array corpus: {@code jvp} along a random direction equals the
 * gradient (reverse mode) times that direction, the Jacobian times it for {@code @Out} methods,
 * and the Hipparchus twin's partials times it where there is a twin. Forward and reverse mode
 * share the derivative rules but no generated code, so each checks the other; the twin checks
 * both. Reflection finds {@code jvp}, so that every corpus method is covered without a lambda
 * per case.
 */
class ArrayForwardModeTest {

  private static final double TOLERANCE = 1e-9;

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#cases")
  void jvpIsTheGradientAlongTheTangent(ArrayCase<?> c) throws Exception {
    Method jvp = jvpOf(c);
    Object frame = jvp.getDeclaringClass().getConstructor().newInstance();
    ArrayCase.Probe probe = c.probe();
    Random random = new Random(c.name().hashCode() + 7);
    for (Args point : c.points()) {
      double[] t = new double[c.activeValues(point).length];
      for (int k = 0; k < t.length; k++) {
        t[k] = random.nextDouble() * 2 - 1;
      }
      Args args = point.copy();
      List<Object> outTangents = new ArrayList<>();
      Object result = jvp.invoke(frame, arguments(c, args, t, outTangents, random));
      if (c.returnsDouble()) {
        double value = c.plain(point);
        assertEquals(value, (double) frame.getClass().getField("value").get(frame),
            1e-12 * Math.max(1, Math.abs(value)), c + ": value at " + point);
        double[] gradient = gradientAt(probe, point);
        assertClose(dot(gradient, t), scale(gradient, t), (double) result,
            c + ": jvp vs gradient·t at " + point);
        if (c.hasScalarTwin()) {
          Gradient twin = c.twin(point.copy());
          assertClose(dot(twin.getGradient(), t), scale(twin.getGradient(), t), (double) result,
              c + ": jvp vs Hipparchus at " + point);
        }
      }
      if (c.hasOutputs()) {
        assertArrayEquals(c.plainOutputs(point), c.outputs(args), 1e-12,
            c + ": outputs after jvp at " + point);
        double[] tangents = Flatten.flat(outTangents.toArray());
        double[][] jacobian = new double[tangents.length][t.length];
        probe.jacobian(point.copy(), jacobian);
        Gradient[] twin = c.outTwin(point.copy());
        for (int i = 0; i < tangents.length; i++) {
          assertClose(dot(jacobian[i], t), scale(jacobian[i], t), tangents[i],
              c + ": output tangent " + i + " vs J·t at " + point);
          if (twin != null) {
            assertClose(dot(twin[i].getGradient(), t), scale(twin[i].getGradient(), t),
                tangents[i], c + ": output tangent " + i + " vs Hipparchus at " + point);
          }
        }
      }
    }
  }

  /** The arguments, the tangents of the differentiated ones, and output tangents full of junk. */
  private static Object[] arguments(ArrayCase<?> c, Args args, double[] t, List<Object> outs,
      Random random) {
    ArrayCase.Param[] params = c.params();
    List<Object> all = new ArrayList<>();
    for (int i = 0; i < params.length; i++) {
      all.add(args.get(i));
    }
    int at = 0;
    for (int i = 0; i < params.length; i++) {
      if (params[i].active && args.get(i) instanceof Double) {
        all.add(t[at++]);
      } else if (params[i].active) {
        Object tangent = Flatten.take(Flatten.zerosLike(args.get(i)), t, at);
        at += Flatten.size(tangent);
        all.add(tangent);
      }
    }
    for (int i = 0; i < params.length; i++) {
      if (params[i].out) {
        Object junk = Flatten.zerosLike(args.get(i));
        double[] fill = new double[Flatten.size(junk)];
        for (int k = 0; k < fill.length; k++) {
          fill[k] = 100 * random.nextDouble();
        }
        Flatten.take(junk, fill, 0);
        outs.add(junk);
        all.add(junk);
      }
    }
    return all.toArray();
  }

  private static double[] gradientAt(ArrayCase.Probe probe, Args point) {
    probe.valueAndGradient(point.copy());
    return probe.gradient();
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double scale(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += Math.abs(a[i] * b[i]);
    }
    return s;
  }

  private static void assertClose(double expected, double scale, double actual, String what) {
    if (!(Math.abs(expected - actual) <= TOLERANCE * Math.max(scale, 1e-3))) {
      fail(what + ": expected " + expected + " but jvp gave " + actual);
    }
  }

  private static Method jvpOf(ArrayCase<?> c) {
    String[] parts = c.name().split("\\.");
    for (Class<?> corpus : ArrayCorpus.CLASSES) {
      if (!corpus.getSimpleName().equals(parts[0])) {
        continue;
      }
      try {
        Class<?> frame = Class.forName(corpus.getName() + "_Grad$"
            + ArrayGeneratedApiTest.upperCamel(parts[1]));
        for (Method m : frame.getMethods()) {
          if (m.getName().equals("jvp")) {
            return m;
          }
        }
      } catch (ClassNotFoundException e) {
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("no jvp for " + c);
  }
}

package dev.tapeless.it.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.util.Random;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forward mode on the whole scalar corpus: {@code jvp} along a random direction equals the
 * reverse-mode gradient times the direction, and the Hipparchus twin's partials times it.
 * Found by reflection so that every corpus method is covered.
 */
class ForwardModeTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.scalar.Corpus#cases")
  void jvpIsTheGradientAlongTheTangent(Case<?> c) throws Exception {
    Method jvp = jvpOf(c);
    Object frame = jvp.getDeclaringClass().getConstructor().newInstance();
    Case.Probe probe = c.probe();
    Random random = new Random(c.name().hashCode() + 7);
    for (double[] point : c.points()) {
      double[] t = new double[c.activeCount()];
      for (int k = 0; k < t.length; k++) {
        t[k] = random.nextDouble() * 2 - 1;
      }
      Class<?>[] types = jvp.getParameterTypes();
      Object[] arguments = new Object[types.length];
      for (int i = 0; i < point.length; i++) {
        arguments[i] = types[i] == int.class ? (Object) (int) point[i]
            : types[i] == boolean.class ? (Object) (point[i] != 0) : (Object) point[i];
      }
      for (int k = 0; k < t.length; k++) {
        arguments[point.length + k] = t[k];
      }
      double tangent = (double) jvp.invoke(frame, arguments);
      double value = c.plain(point.clone());
      assertEquals(value, (double) frame.getClass().getField("value").get(frame),
          1e-12 * Math.max(1, Math.abs(value)), c.describe(point));
      probe.valueAndGradient(point.clone());
      assertClose(probe.gradient(), t, tangent, "gradient·t at " + c.describe(point));
      Gradient twin = c.twin(point.clone());
      assertClose(twin.getGradient(), t, tangent, "Hipparchus at " + c.describe(point));
    }
  }

  private static void assertClose(double[] gradient, double[] t, double actual, String what) {
    double expected = 0;
    double scale = 0;
    for (int k = 0; k < t.length; k++) {
      expected += gradient[k] * t[k];
      scale += Math.abs(gradient[k] * t[k]);
    }
    if (!(Math.abs(expected - actual) <= 1e-9 * Math.max(scale, 1e-3))) {
      fail(what + ": expected " + expected + " but jvp gave " + actual);
    }
  }

  private static Method jvpOf(Case<?> c) throws ClassNotFoundException {
    String[] parts = c.name().split("\\.");
    for (Class<?> corpus : Corpus.CLASSES) {
      if (corpus.getSimpleName().equals(parts[0])) {
        Class<?> frame = Class.forName(corpus.getName() + "_Grad$"
            + Character.toUpperCase(parts[1].charAt(0)) + parts[1].substring(1));
        for (Method m : frame.getMethods()) {
          if (m.getName().equals("jvp")) {
            return m;
          }
        }
      }
    }
    throw new AssertionError("no jvp for " + c);
  }
}

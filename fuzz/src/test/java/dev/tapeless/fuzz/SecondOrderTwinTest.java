package dev.tapeless.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Ty;
import dev.tapeless.fuzz.gen.ClassGen;
import dev.tapeless.fuzz.print.TwinPrinter;
import dev.tapeless.fuzz.run.InProcessJavac;
import dev.tapeless.fuzz.run.MethodChecker;
import dev.tapeless.fuzz.run.Point;
import dev.tapeless.fuzz.twin.Ctx;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hipparchus.analysis.differentiation.Derivative;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/**
 * The order-2 twin: the same generic twin code run on {@code DerivativeStructure}s of order 2
 * over every generator feature (the ones off by default too). Where the first-order twin
 * accepts a point, the order-2 twin has its values and first derivatives, and its Hessian is
 * the central finite difference of the first-order twin's gradient. Nothing here uses the
 * processor.
 */
class SecondOrderTwinTest {
  @Test
  void secondOrderTwinAgreesWithTheFirstOrderOneAndWithFiniteDifferences() throws Exception {
    ClassGen gen = new ClassGen(Features.defaults().with("forEachOverRow=on,forEachRows=on"));
    int hessians = 0;
    int entries = 0;
    int ties = 0;
    // seven classes: at most one draw per condition left six with 146 non-zero entries
    for (long seed = 0; seed < 7; seed++) {
      ClassDef c = gen.generate("so", "S" + seed, 40, 500 + seed);
      InProcessJavac.Result twins = InProcessJavac.compile(
          Map.of(c.qualifiedName() + TwinPrinter.SUFFIX, TwinPrinter.print(c).source()), false);
      try (URLClassLoader loader = twins.loader()) {
        assertTrue(twins.success(), () -> twins.errors().toString());
        Class<?> twinClass = loader.loadClass(c.qualifiedName() + TwinPrinter.SUFFIX);
        for (MethodDef m : c.differentiableMethods()) {
          Method twin = Arrays.stream(twinClass.getMethods())
              .filter(x -> x.getName().equals(m.name())).findFirst().orElseThrow();
          SplittableRandom random = new SplittableRandom(seed * 1000 + m.name().hashCode());
          for (int attempt = 0; attempt < 5; attempt++) {
            Point p = Point.draw(m, new SplittableRandom(random.nextLong()));
            Ctx<Gradient> first = Ctx.gradient(p.freeParameters());
            Object[] firstArgs = p.twinArgs(first);
            Object value = invoke(twin, firstArgs);
            if (value == NOTHING || first.minMargin() < MethodChecker.MARGIN
                || !finite(results(m, value, firstArgs))) {
              continue;
            }
            Ctx<DerivativeStructure> second = Ctx.secondOrder(p.freeParameters());
            Object[] secondArgs = p.twinArgs(second);
            Object secondValue = invoke(twin, secondArgs);
            String where = c.name() + "." + m.name() + " at " + p.describe();
            if (second.minMargin() < MethodChecker.MARGIN) {
              ties++; // a tie the first-order twin saw as structural (NaN derivatives)
            }
            List<Derivative<?>> a = results(m, value, firstArgs);
            List<Derivative<?>> b = results(m, secondValue, secondArgs);
            assertEquals(a.size(), b.size(), where);
            for (int i = 0; i < a.size(); i++) {
              assertEquals(a.get(i).getValue(), b.get(i).getValue(),
                  1e-12 * Math.max(1.0, Math.abs(a.get(i).getValue())), where);
              double[] ga = ((Gradient) a.get(i)).getGradient();
              double[] gb = second.gradient((DerivativeStructure) b.get(i));
              for (int j = 0; j < ga.length; j++) {
                assertEquals(ga[j], gb[j], 1e-9 * Math.max(1.0, Math.abs(ga[j])),
                    where + ": result " + i + ", partial " + j);
              }
            }
            if (m.result() == Ty.DOUBLE && second.minMargin() >= MethodChecker.MARGIN) {
              entries += checkAgainstFiniteDifferences(m, twin, p, (DerivativeStructure)
                  secondValue, where);
              hessians++;
            }
            break;
          }
        }
      } finally {
        twins.delete();
      }
    }
    System.out.printf("SecondOrderTwinTest: %d Hessians, %d non-zero entries, %d ties, %d"
        + " columns skipped%n", hessians, entries, ties, skipped);
    assertTrue(hessians >= 150, "Hessians checked: " + hessians);
    assertTrue(entries >= 150, "non-zero Hessian entries checked: " + entries);
    assertTrue(ties <= 3, "order-2 twin saw " + ties + " ties as near");
  }

  /**
   * Each column of the Hessian against the central difference of the first-order twin's
   * gradient along that input, where both neighbours follow the same path (a margin that
   * stays wide); returns how many non-zero entries were compared.
   */
  private static int skipped;

  private static int checkAgainstFiniteDifferences(MethodDef m, Method twin, Point p,
      DerivativeStructure result, String where) throws Exception {
    double[][] h = Ctx.hessian(result);
    double[] z = flatDifferentiated(m, p);
    int compared = 0;
    for (int j = 0; j < z.length; j++) {
      double step = 1e-6 * Math.max(1.0, Math.abs(z[j]));
      double[] plus = gradientAt(m, twin, p, z, j, step);
      double[] minus = gradientAt(m, twin, p, z, j, -step);
      if (plus == null || minus == null) {
        skipped++;
        continue;
      }
      for (int i = 0; i < z.length; i++) {
        double fd = (plus[i] - minus[i]) / (2 * step);
        double scale = Math.max(1.0, Math.max(Math.abs(fd), Math.abs(h[i][j])));
        assertEquals(h[i][j], fd, 1e-4 * scale, where + ": H[" + i + "][" + j + "] against"
            + " finite differences " + fd + "\nHessian " + Arrays.deepToString(h));
        compared += h[i][j] != 0.0 ? 1 : 0;
      }
    }
    return compared;
  }

  /** The first-order twin's gradient with input j moved by step, or null near a kink. */
  private static double[] gradientAt(MethodDef m, Method twin, Point p, double[] z, int j,
      double step) throws Exception {
    Ctx<Gradient> c = Ctx.gradient(z.length);
    Object[] args = p.twinArgs(c);
    int k = 0;
    for (int a = 0; a < m.params().size(); a++) {
      Param par = m.params().get(a);
      if (!m.differentiated(par)) {
        continue;
      }
      Object arg = args[a + 1];
      if (arg instanceof Gradient g) {
        args[a + 1] = k++ == j ? g.add(step) : g;
      } else {
        for (Object row : arg instanceof Gradient[][] mat ? mat : new Object[] {arg}) {
          Gradient[] r = (Gradient[]) row;
          for (int i = 0; i < r.length; i++) {
            r[i] = k++ == j ? r[i].add(step) : r[i];
          }
        }
      }
    }
    Object value = invoke(twin, args);
    if (value == NOTHING || c.minMargin() < 1e-4) {
      return null;
    }
    return ((Gradient) value).getGradient();
  }

  private static double[] flatDifferentiated(MethodDef m, Point p) {
    List<Double> v = new ArrayList<>();
    for (int k = 0; k < m.params().size(); k++) {
      if (m.differentiated(m.params().get(k))) {
        for (double d : Point.flat(p.arg(k))) {
          v.add(d);
        }
      }
    }
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static final Object NOTHING = new Object();

  /** The twin's result, or NOTHING if it threws (as the plain method then does). */
  private static Object invoke(Method twin, Object[] args) throws IllegalAccessException {
    try {
      return twin.invoke(null, args);
    } catch (InvocationTargetException e) {
      return NOTHING;
    }
  }

  /** The result, if any, then every output element. */
  private static List<Derivative<?>> results(MethodDef m, Object value, Object[] args) {
    List<Derivative<?>> r = new ArrayList<>();
    if (value instanceof Derivative<?> d) {
      r.add(d);
    }
    for (int k = 0; k < m.params().size(); k++) {
      if (m.params().get(k).out()) {
        r.addAll(Point.flatTwin(args[k + 1]));
      }
    }
    return r;
  }

  private static boolean finite(List<Derivative<?>> values) {
    for (Derivative<?> d : values) {
      if (!Double.isFinite(d.getValue())) {
        return false;
      }
      for (double g : ((Gradient) d).getGradient()) {
        if (!Double.isFinite(g)) {
          return false;
        }
      }
    }
    return true;
  }
}

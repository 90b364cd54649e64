package dev.tapeless.fuzz.run;

import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.print.JavaPrinter;
import dev.tapeless.fuzz.print.TwinPrinter;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The numbers a reproducer prints as "expected": the failing point, the twin's gradient and
 * output Jacobian there, and pullback seeds with their expected result. Computed by compiling
 * the (reduced) class without Tapeless, so it works for compile-time failures too.
 */
public record Evidence(Point point, Point earlier, double[] gradient, double[][] jacobian,
    List<double[]> seeds, double[] pullback) {

  /** The evidence for {@code f}, or null when it has no point (compile-time failures). */
  public static Evidence of(Failure f) {
    if (f.pointSeed() == 0) {
      return null;
    }
    ClassDef c = f.cls();
    MethodDef m = c.method(f.method());
    InProcessJavac.Result twins = InProcessJavac.compile(
        Map.of(c.qualifiedName() + TwinPrinter.SUFFIX, TwinPrinter.print(c).source()), false);
    InProcessJavac.Result plain = InProcessJavac.compile(
        Map.of(c.qualifiedName(), JavaPrinter.print(c).source()), false);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {plain.output().toUri().toURL(),
        twins.output().toUri().toURL()}, Evidence.class.getClassLoader())) {
      if (!twins.success() || !plain.success()) {
        return null;
      }
      MethodChecker checker = new MethodChecker(c, m, loader, 0);
      Point p = Point.draw(m, new SplittableRandom(f.pointSeed()));
      MethodChecker.Expected e = checker.expect(p, f.pointSeed());
      if (e == null) {
        return null;
      }
      Point earlier = f.earlierPointSeed() == 0 ? null
          : Point.draw(m, new SplittableRandom(f.earlierPointSeed()));
      SplittableRandom random = new SplittableRandom(f.pointSeed() ^ 0x5eedL);
      List<double[]> seeds = new ArrayList<>();
      List<Double> flatSeeds = new ArrayList<>();
      for (int k = 0; k < m.params().size(); k++) {
        if (m.params().get(k).out()) {
          double[] s = new double[Point.flat(p.arg(k)).length];
          for (int i = 0; i < s.length; i++) {
            s[i] = Math.round(random.nextDouble(-1, 1) * 100) / 100.0;
            flatSeeds.add(s[i]);
          }
          seeds.add(s);
        }
      }
      double[] pullback = new double[p.freeParameters()];
      for (int i = 0; i < e.outputGradients().length; i++) {
        for (int j = 0; j < pullback.length; j++) {
          pullback[j] += flatSeeds.get(i) * e.outputGradients()[i][j];
        }
      }
      return new Evidence(p, earlier, e.gradient(), e.outputGradients(), seeds, pullback);
    } catch (Exception ex) {
      return null;
    } finally {
      twins.delete();
      plain.delete();
    }
  }
}

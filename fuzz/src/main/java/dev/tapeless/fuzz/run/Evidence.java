package dev.tapeless.fuzz.run;

import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Records;
import dev.tapeless.fuzz.print.JavaPrinter;
import dev.tapeless.fuzz.print.TwinPrinter;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The numbers a reproducer prints as "expected": the failing point, the twin's gradient and
 * output Jacobian there, pullback seeds with their expected result, and the tangents the checker
 * gave {@code jvp} there ({@code jvpTangents[call]}, null for a call it does not make; in call 1
 * the tangent of {@code Records.nullables(m).get(jvpNullUnit)}, an array or a record, is null,
 * its components here zero). For a method with {@code hvp}, the second-order twin's Hessian
 * there and the checker's hvp directions ({@code hvpDirections[call]}, the same way, with
 * {@code hvpNullUnit}); {@code hessian} is
 * null when the method has no hvp or the twin's Hessian is unusable there. Computed by
 * compiling the (reduced) class without Tapeless, so it works for compile-time failures too.
 */
public record Evidence(Point point, Point earlier, double[] gradient, double[][] jacobian,
    List<double[]> seeds, double[] pullback, double[][] jvpTangents, int jvpNullUnit,
    double[][] hessian, double[][] hvpDirections, int hvpNullUnit) {

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
      // The tangents of MethodChecker.jvp: call 1 only with a differentiated array or record,
      // with its tangent null; call 2 only with outputs.
      int n = p.freeParameters();
      double[][] tangents = new double[3][];
      tangents[0] = MethodChecker.jvpTangent(f.pointSeed(), 0, n);
      List<Records.Nullable> units = Records.nullables(m);
      int nullUnit = -1;
      if (!units.isEmpty()) {
        nullUnit = MethodChecker.nulledArray(f.pointSeed(), units.size());
        tangents[1] = MethodChecker.jvpTangent(f.pointSeed(), 1, n);
        zero(tangents[1], m, p, units.get(nullUnit));
      }
      if (m.hasOut()) {
        tangents[2] = MethodChecker.jvpTangent(f.pointSeed(), 2, n);
      }
      // The directions of MethodChecker.hvp: call 1 only with a differentiated array.
      double[][] hessian = null;
      double[][] directions = new double[2][];
      if (MethodChecker.hasHvp(m)) {
        hessian = checker.twinHessian(e).hessian();
        directions[0] = MethodChecker.hvpDirection(f.pointSeed(), 0, n);
        if (nullUnit >= 0) {
          directions[1] = MethodChecker.hvpDirection(f.pointSeed(), 1, n);
          zero(directions[1], m, p, units.get(nullUnit));
        }
      }
      return new Evidence(p, earlier, e.gradient(), e.outputGradients(), seeds, pullback,
          tangents, nullUnit, hessian, directions, nullUnit);
    } catch (Exception ex) {
      return null;
    } finally {
      twins.delete();
      plain.delete();
    }
  }

  /** Zeros the components of {@code v} (over the flattened inputs) that {@code nulled} covers. */
  private static void zero(double[] v, MethodDef m, Point p, Records.Nullable nulled) {
    int at = 0;
    for (Param a : m.differentiatedParams()) {
      int k = m.params().indexOf(a);
      int size = Point.flat(p.arg(k)).length;
      if (nulled.params().contains(k)) {
        Arrays.fill(v, at, at + size, 0.0);
      }
      at += size;
    }
  }
}

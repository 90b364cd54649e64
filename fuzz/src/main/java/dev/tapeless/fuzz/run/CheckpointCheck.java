package dev.tapeless.fuzz.run;

import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Ty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A checkpointed method's reverse mode against the same class compiled without
 * {@code @Checkpoint}: the backward sweep runs each segment again with the same code on the
 * same values, so value, gradient and pullback must be equal bit for bit, a stricter test than
 * the twin's tolerance (a segment replayed from a wrong snapshot can stay within it). Forward
 * and second order ignore the annotation and are not compared. A method that reaches a
 * checkpointed loop through a callee is compared to {@link #THROUGH_CALLEES} of the largest
 * component instead: {@code SmallCallees} inlines only callees without a checkpointed loop, so
 * removing the annotation may inline the callee, and the caller then adds the adjoints of its
 * arguments in another order (seed 2502, {@code G28.m16}: one ulp).
 */
final class CheckpointCheck {
  private static final int POINTS = 2;

  /** Rounding of a reordered sum, relative to the largest component (as the twin checks). */
  static final double THROUGH_CALLEES = 1e-12;

  private CheckpointCheck() {}

  /**
   * The first difference between the two compilations of {@code m}, or null.
   *
   * @param exact whether bits must agree: no callee of {@code m} has a checkpointed loop
   */
  static Failure compare(ClassDef c, MethodDef m, ClassLoader marked, ClassLoader unmarked,
      long seed, boolean exact) {
    try {
      Side a = new Side(c, m, marked);
      Side b = new Side(c, m, unmarked);
      SplittableRandom random = new SplittableRandom(seed);
      for (int k = 0; k < POINTS; k++) {
        long pointSeed = random.nextLong();
        Point p = Point.draw(m, new SplittableRandom(pointSeed));
        double[] x = a.reverse(p, pointSeed);
        double[] y = b.reverse(p, pointSeed);
        if (x == null || y == null) {
          continue; // the method threw at this point: the ordinary checks judge that
        }
        if (exact ? !Arrays.equals(x, y) : !close(x, y)) {
          return new Failure(Kind.WRONG_CHECKPOINTED_GRADIENT,
              "checkpointed reverse mode differs from the same method without @Checkpoint",
              "with    " + Arrays.toString(x) + "\nwithout " + Arrays.toString(y) + "\nat "
                  + p.describe(), c, m.name(), pointSeed);
        }
      }
      return null;
    } catch (ReflectiveOperationException | LinkageError e) {
      return new Failure(Kind.FRAME_MISSING, "cannot load the method without @Checkpoint or its"
          + " frame: " + e, "", c, m.name(), seed);
    }
  }

  /** Equal lengths, and every component within {@link #THROUGH_CALLEES} of the largest. */
  static boolean close(double[] x, double[] y) {
    if (x.length != y.length) {
      return false;
    }
    double largest = 0;
    for (double v : y) {
      largest = Math.max(largest, Math.abs(v));
    }
    for (int i = 0; i < x.length; i++) {
      if (Double.compare(x[i], y[i]) != 0
          && !(Math.abs(x[i] - y[i]) <= THROUGH_CALLEES * largest)) {
        return false;
      }
    }
    return true;
  }

  /** One compilation's frame of {@code m}. */
  private static final class Side {
    private final MethodDef m;
    private final FrameArgs args;
    private final Class<?> frameClass;

    Side(ClassDef c, MethodDef m, ClassLoader loader) throws ReflectiveOperationException {
      this.m = m;
      Class<?> owner = Class.forName(c.qualifiedName(), true, loader);
      this.args = new FrameArgs(m, owner, false);
      this.frameClass = Class.forName(c.qualifiedName() + "_Grad$" + m.frameName(), true,
          loader);
    }

    /**
     * Value, gradient and, with outputs, the pullback of seeds drawn from {@code pointSeed}
     * and the outputs, concatenated; null if a call threw.
     */
    double[] reverse(Point p, long pointSeed) throws ReflectiveOperationException {
      Object frame = frameClass.getConstructor().newInstance();
      List<Double> out = new ArrayList<>();
      try {
        if (m.result() == Ty.DOUBLE) {
          out.add((Double) frameClass.getMethod("valueAndGradient", args.types)
              .invoke(frame, args.pack(p.copy())));
          for (double g : args.gradient(frame)) {
            out.add(g);
          }
        }
        if (m.hasOut()) {
          pullback(frame, p, pointSeed, out);
        }
      } catch (java.lang.reflect.InvocationTargetException e) {
        return null;
      }
      return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private void pullback(Object frame, Point p, long pointSeed, List<Double> out)
        throws ReflectiveOperationException {
      SplittableRandom random = new SplittableRandom(pointSeed ^ 0x5eedL);
      Object[] flat = p.copy();
      List<Object> call = new ArrayList<>(Arrays.asList(args.pack(flat)));
      List<Class<?>> sig = new ArrayList<>(Arrays.asList(args.types));
      for (int k = 0; k < m.params().size(); k++) {
        Param par = m.params().get(k);
        if (!par.out()) {
          continue;
        }
        Object seeds = Point.deepCopy(flat[k]);
        double[][] rows = seeds instanceof double[] v ? new double[][] {v} : (double[][]) seeds;
        for (double[] row : rows) {
          for (int i = 0; i < row.length; i++) {
            row[i] = random.nextDouble(-1, 1);
          }
        }
        call.add(seeds);
        sig.add(MethodChecker.javaType(par.type()));
      }
      frameClass.getMethod("pullback", sig.toArray(new Class<?>[0])).invoke(frame,
          call.toArray());
      for (double g : args.gradient(frame)) {
        out.add(g);
      }
      for (int k = 0; k < m.params().size(); k++) {
        if (m.params().get(k).out()) {
          for (double v : Point.flat(flat[k])) {
            out.add(v);
          }
        }
      }
    }
  }
}

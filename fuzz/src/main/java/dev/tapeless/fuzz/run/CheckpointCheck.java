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
 * and second order ignore the annotation and are not compared.
 */
final class CheckpointCheck {
  private static final int POINTS = 2;

  private CheckpointCheck() {}

  /** The first difference between the two compilations of {@code m}, or null. */
  static Failure compare(ClassDef c, MethodDef m, ClassLoader marked, ClassLoader unmarked,
      long seed) {
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
        if (!Arrays.equals(x, y)) {
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

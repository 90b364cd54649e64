package dev.tapeless.it.secondorder;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * A subject's frame, with {@code valueAndGradient}, {@code hvp} and {@code hessian} called by
 * reflection: the corpora have no lambdas for the second-order members, and reflection finds
 * every frame that has them. Exceptions the frame throws come out unwrapped.
 */
final class HvpFrame {
  private final Subject subject;
  private final Object frame;
  private final Method valueAndGradient;
  private final Method hvp;
  private final Method hessian;

  HvpFrame(Subject subject) {
    this.subject = subject;
    this.frame = subject.newFrame();
    this.valueAndGradient = method(frame.getClass(), "valueAndGradient");
    this.hvp = method(frame.getClass(), "hvp");
    this.hessian = method(frame.getClass(), "hessian");
    if (hvp == null || hessian == null) {
      throw new IllegalArgumentException(subject + " has no hvp or no hessian");
    }
  }

  /** Whether the subject's frame has {@code hvp}: a double result, no {@code @Out}. */
  static boolean exists(Subject subject) {
    return method(subject.newFrame().getClass(), "hvp") != null;
  }

  /** Whether {@code hvp} goes through the subject's method, rather than saying it cannot yet. */
  static boolean supported(Subject subject) {
    HvpFrame frame = new HvpFrame(subject);
    Point p = subject.points().get(0);
    try {
      frame.hvp(p, p.directions(new double[p.x().length]));
      return true;
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }

  double valueAndGradient(Point p) {
    return (double) invoke(valueAndGradient, p.arguments());
  }

  /** {@code hvp} at {@code p} along {@code directions}, one per differentiated parameter. */
  double hvp(Point p, Object[] directions) {
    Object[] args = p.arguments();
    Object[] all = Arrays.copyOf(args, args.length + directions.length);
    System.arraycopy(directions, 0, all, args.length, directions.length);
    return (double) invoke(hvp, all);
  }

  /** The Hessian at {@code p}, into a new n×n matrix. */
  double[][] hessian(Point p) {
    int n = p.x().length;
    double[][] h = new double[n][n];
    hessian(p, h);
    return h;
  }

  void hessian(Point p, double[][] h) {
    Object[] args = p.arguments();
    Object[] all = Arrays.copyOf(args, args.length + 1);
    all[args.length] = h;
    invoke(hessian, all);
  }

  /** The {@code d*} fields, flattened in declaration order. */
  double[] gradient() {
    return subject.gradient(frame);
  }

  double value() {
    try {
      return frame.getClass().getField("value").getDouble(frame);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private Object invoke(Method m, Object[] args) {
    try {
      return m.invoke(frame, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new AssertionError(e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  private static Method method(Class<?> frameClass, String name) {
    Method found = null;
    for (Method m : frameClass.getMethods()) {
      if (m.getName().equals(name)) {
        if (found != null) {
          throw new IllegalStateException(frameClass + " has two methods " + name);
        }
        found = m;
      }
    }
    return found;
  }
}

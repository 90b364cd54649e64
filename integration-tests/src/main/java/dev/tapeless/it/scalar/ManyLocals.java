package dev.tapeless.it.scalar;

import dev.tapeless.Differentiable;

/**
 * A method whose backward sweep reads 130 {@code double} locals (260 parameter slots, more than
 * a JVM method may have, so the backward sweep's own method takes them off the save buffer
 * rather than as parameters), in joint mode and, through {@link #twoCalls}, in split mode as a
 * callee.
 */
public final class ManyLocals {
  private ManyLocals() {}

  /**
   * A chain t(i) = t(i-1) x + y from t0 = x y, squared at the end. (Its backward sweep is over
   * the size Tapeless warns about, which is the point here.)
   */
  @Differentiable
  @SuppressWarnings("TL015")
  public static double chain(double x, double y) {
    double t0 = x * y;
    double t1 = t0 * x + y;
    double t2 = t1 * x + y;
    double t3 = t2 * x + y;
    double t4 = t3 * x + y;
    double t5 = t4 * x + y;
    double t6 = t5 * x + y;
    double t7 = t6 * x + y;
    double t8 = t7 * x + y;
    double t9 = t8 * x + y;
    double t10 = t9 * x + y;
    double t11 = t10 * x + y;
    double t12 = t11 * x + y;
    double t13 = t12 * x + y;
    double t14 = t13 * x + y;
    double t15 = t14 * x + y;
    double t16 = t15 * x + y;
    double t17 = t16 * x + y;
    double t18 = t17 * x + y;
    double t19 = t18 * x + y;
    double t20 = t19 * x + y;
    double t21 = t20 * x + y;
    double t22 = t21 * x + y;
    double t23 = t22 * x + y;
    double t24 = t23 * x + y;
    double t25 = t24 * x + y;
    double t26 = t25 * x + y;
    double t27 = t26 * x + y;
    double t28 = t27 * x + y;
    double t29 = t28 * x + y;
    double t30 = t29 * x + y;
    double t31 = t30 * x + y;
    double t32 = t31 * x + y;
    double t33 = t32 * x + y;
    double t34 = t33 * x + y;
    double t35 = t34 * x + y;
    double t36 = t35 * x + y;
    double t37 = t36 * x + y;
    double t38 = t37 * x + y;
    double t39 = t38 * x + y;
    double t40 = t39 * x + y;
    double t41 = t40 * x + y;
    double t42 = t41 * x + y;
    double t43 = t42 * x + y;
    double t44 = t43 * x + y;
    double t45 = t44 * x + y;
    double t46 = t45 * x + y;
    double t47 = t46 * x + y;
    double t48 = t47 * x + y;
    double t49 = t48 * x + y;
    double t50 = t49 * x + y;
    double t51 = t50 * x + y;
    double t52 = t51 * x + y;
    double t53 = t52 * x + y;
    double t54 = t53 * x + y;
    double t55 = t54 * x + y;
    double t56 = t55 * x + y;
    double t57 = t56 * x + y;
    double t58 = t57 * x + y;
    double t59 = t58 * x + y;
    double t60 = t59 * x + y;
    double t61 = t60 * x + y;
    double t62 = t61 * x + y;
    double t63 = t62 * x + y;
    double t64 = t63 * x + y;
    double t65 = t64 * x + y;
    double t66 = t65 * x + y;
    double t67 = t66 * x + y;
    double t68 = t67 * x + y;
    double t69 = t68 * x + y;
    double t70 = t69 * x + y;
    double t71 = t70 * x + y;
    double t72 = t71 * x + y;
    double t73 = t72 * x + y;
    double t74 = t73 * x + y;
    double t75 = t74 * x + y;
    double t76 = t75 * x + y;
    double t77 = t76 * x + y;
    double t78 = t77 * x + y;
    double t79 = t78 * x + y;
    double t80 = t79 * x + y;
    double t81 = t80 * x + y;
    double t82 = t81 * x + y;
    double t83 = t82 * x + y;
    double t84 = t83 * x + y;
    double t85 = t84 * x + y;
    double t86 = t85 * x + y;
    double t87 = t86 * x + y;
    double t88 = t87 * x + y;
    double t89 = t88 * x + y;
    double t90 = t89 * x + y;
    double t91 = t90 * x + y;
    double t92 = t91 * x + y;
    double t93 = t92 * x + y;
    double t94 = t93 * x + y;
    double t95 = t94 * x + y;
    double t96 = t95 * x + y;
    double t97 = t96 * x + y;
    double t98 = t97 * x + y;
    double t99 = t98 * x + y;
    double t100 = t99 * x + y;
    double t101 = t100 * x + y;
    double t102 = t101 * x + y;
    double t103 = t102 * x + y;
    double t104 = t103 * x + y;
    double t105 = t104 * x + y;
    double t106 = t105 * x + y;
    double t107 = t106 * x + y;
    double t108 = t107 * x + y;
    double t109 = t108 * x + y;
    double t110 = t109 * x + y;
    double t111 = t110 * x + y;
    double t112 = t111 * x + y;
    double t113 = t112 * x + y;
    double t114 = t113 * x + y;
    double t115 = t114 * x + y;
    double t116 = t115 * x + y;
    double t117 = t116 * x + y;
    double t118 = t117 * x + y;
    double t119 = t118 * x + y;
    double t120 = t119 * x + y;
    double t121 = t120 * x + y;
    double t122 = t121 * x + y;
    double t123 = t122 * x + y;
    double t124 = t123 * x + y;
    double t125 = t124 * x + y;
    double t126 = t125 * x + y;
    double t127 = t126 * x + y;
    double t128 = t127 * x + y;
    double t129 = t128 * x + y;
    return t129 * t129;
  }

  /** The chain called twice with its arguments swapped: its frame runs split. */
  @Differentiable
  public static double twoCalls(double x, double y) {
    return chain(x, y) + Math.sin(chain(y, x));
  }
}

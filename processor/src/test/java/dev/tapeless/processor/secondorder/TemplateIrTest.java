package dev.tapeless.processor.secondorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import dev.tapeless.processor.rules.MathRules;
import dev.tapeless.processor.rules.Partial;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every {@code Math} rule read as IR ({@link TemplateIr}) computes its partial derivative:
 * the IR is run by a small interpreter with {@code $g = 1} and compared with a central finite
 * difference of the function itself. A rule whose template the reader cannot parse, or reads
 * wrongly, would give second order a wrong or missing derivative.
 */
class TemplateIrTest {

  /** Points inside every function's domain, away from kinks. */
  private static final double[][] POINTS = {{0.3, 0.7}, {0.6, 0.2}, {0.45, 1.3}};

  @Test
  void everyMathRuleReadAsIrComputesItsPartialDerivative() throws Exception {
    int checked = 0;
    for (String key : MathRules.keys()) {
      String name = key.substring(0, key.indexOf('/'));
      int arity = Integer.parseInt(key.substring(key.indexOf('/') + 1));
      for (Partial p : MathRules.rule(name, arity).partials()) {
        for (double[] point : POINTS) {
          double[] args = java.util.Arrays.copyOf(point, arity);
          double result = math(name, args);
          Var g = new Var("g", Type.DOUBLE, Var.Role.LOCAL);
          Var r = new Var("r", Type.DOUBLE, Var.Role.LOCAL);
          List<Var> operands = new ArrayList<>();
          for (int i = 0; i < arity; i++) {
            operands.add(new Var("x" + i, Type.DOUBLE, Var.Role.PARAMETER));
          }
          List<Stmt> out = new ArrayList<>();
          Expr value = TemplateIr.lower(p.smooth(), n -> switch (n) {
            case "g" -> new Expr.Ref(g);
            case "r" -> new Expr.Ref(r);
            default -> new Expr.Ref(operands.get(Integer.parseInt(n)));
          }, new NameTable(new HashSet<>()), null, out);
          Map<Var, Double> env = new IdentityHashMap<>();
          env.put(g, 1.0);
          env.put(r, result);
          for (int i = 0; i < arity; i++) {
            env.put(operands.get(i), args[i]);
          }
          run(out, env);
          double ir = eval(value, env);
          double h = 1e-6;
          double[] up = args.clone();
          double[] down = args.clone();
          up[p.operand()] += h;
          down[p.operand()] -= h;
          double fd = (math(name, up) - math(name, down)) / (2 * h);
          assertEquals(fd, ir, 1e-6 * Math.max(1, Math.abs(fd)),
              key + " partial " + p.operand() + " at " + java.util.Arrays.toString(args)
                  + " read as IR from " + p.smooth());
          checked++;
        }
      }
    }
    assertTrue(checked >= 3 * 25, "checked " + checked);
  }

  @Test
  void everyOperationGoesToItsOwnTemporary() {
    List<Stmt> out = new ArrayList<>();
    Var x = new Var("x", Type.DOUBLE, Var.Role.PARAMETER);
    TemplateIr.lower("($g == 0.0 ? 0.0 : $g * $0 / Math.sqrt(1.0 - $0 * $0))",
        n -> new Expr.Ref(x), new NameTable(new HashSet<>()), null, out);
    for (Stmt s : dev.tapeless.processor.ir.Statements.all(new Stmt.Block(out))) {
      if (s instanceof Stmt.Assign a && a.value() instanceof Expr.Binary b) {
        assertTrue(isAtom(b.left()) && isAtom(b.right()), "not three-address: " + a);
      }
    }
  }

  private static boolean isAtom(Expr e) {
    return e instanceof Expr.Ref || e instanceof Expr.Const;
  }

  private static double math(String name, double[] args) throws Exception {
    Class<?>[] types = new Class<?>[args.length];
    Object[] boxed = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      types[i] = double.class;
      boxed[i] = args[i];
    }
    Method m = Math.class.getMethod(name, types);
    return ((Number) m.invoke(null, boxed)).doubleValue();
  }

  /** Runs straight-line IR with ifs, the only statements templates produce. */
  private static void run(List<Stmt> statements, Map<Var, Double> env) throws Exception {
    for (Stmt s : statements) {
      if (s instanceof Stmt.Assign a) {
        env.put(a.target(), eval(a.value(), env));
      } else if (s instanceof Stmt.If i) {
        run(eval(i.condition(), env) != 0 ? i.thenBlock().statements()
            : i.elseBlock().statements(), env);
      } else {
        throw new AssertionError("unexpected statement " + s);
      }
    }
  }

  private static double eval(Expr e, Map<Var, Double> env) throws Exception {
    if (e instanceof Expr.Ref r) {
      return env.get(r.var());
    } else if (e instanceof Expr.Const c) {
      return Double.parseDouble(c.literal());
    } else if (e instanceof Expr.Cast c) {
      return eval(c.operand(), env);
    } else if (e instanceof Expr.Unary u) {
      return -eval(u.operand(), env);
    } else if (e instanceof Expr.Call c) {
      assertTrue(c.callee() instanceof Callee.MathFunction);
      double[] args = new double[c.args().size()];
      for (int i = 0; i < args.length; i++) {
        args[i] = eval(c.args().get(i), env);
      }
      return math(c.callee().name(), args);
    } else if (e instanceof Expr.Binary b) {
      double l = eval(b.left(), env);
      double r = eval(b.right(), env);
      return switch (b.op()) {
        case ADD -> l + r;
        case SUB -> l - r;
        case MUL -> l * r;
        case DIV -> l / r;
        case EQ -> l == r ? 1 : 0;
        case NE -> l != r ? 1 : 0;
        case GE -> l >= r ? 1 : 0;
        case LE -> l <= r ? 1 : 0;
        case GT -> l > r ? 1 : 0;
        case LT -> l < r ? 1 : 0;
        default -> throw new AssertionError("unexpected operator " + b.op());
      };
    }
    throw new AssertionError("unexpected expression " + e);
  }
}

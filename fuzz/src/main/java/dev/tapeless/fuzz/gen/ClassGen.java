package dev.tapeless.fuzz.gen;

import static dev.tapeless.fuzz.gen.E.add;
import static dev.tapeless.fuzz.gen.E.d;
import static dev.tapeless.fuzz.gen.E.i;
import static dev.tapeless.fuzz.gen.E.mul;

import dev.tapeless.fuzz.Features;
import dev.tapeless.fuzz.ast.AssignOp;
import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.ConstDef;
import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Op;
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Stmt;
import dev.tapeless.fuzz.ast.Ty;
import dev.tapeless.fuzz.ast.UnannotatedCopies;
import dev.tapeless.fuzz.ast.ValueClasses;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole generated class from one seed: constants, plain helpers without derivative, then
 * {@code @Differentiable} methods, each free to call the earlier ones (so calls are acyclic).
 */
public final class ClassGen {
  private final Features features;

  public ClassGen(Features features) {
    this.features = features;
  }

  public ClassDef generate(String pkg, String name, int methodCount, long seed) {
    Rand r = new Rand(seed);
    ClassInfo cls = new ClassInfo();
    List<MethodDef> methods = new ArrayList<>();
    if (features.constants) {
      for (int k = 0; k < 3; k++) {
        cls.constants.add(new ConstDef("K" + k, r.coefficient(), k == 1));
      }
    }
    if (features.helpers) {
      for (MethodDef h : helpers(r)) {
        cls.helpers.add(h);
        cls.cost.put(h.name(), 10);
        methods.add(h);
      }
    }
    // Record decisions draw from a stream of their own: with records off, or in a method that
    // gets none, the other choices are those of the same seed without them.
    // Model decisions too: a class that is not a model is the class of before.
    cls.model = ModelGen.template(new Rand(seed ^ 0x6d6f64656c73L), features, cls);
    MethodGen gen = new MethodGen(r, new Rand(seed ^ 0x7265636f726473L), features, cls);
    // Random sources and lists too: a method that gets none is the method of before.
    gen.objects = new Rand(seed ^ 0x6f626a65637473L);
    for (int k = 0; k < methodCount; k++) {
      MethodDef m = gen.generate("m" + k);
      methods.add(m);
      cls.callees.add(m);
    }
    if (features.unannotatedCallees) {
      methods.addAll(UnannotatedCopies.of(methods));
    }
    ClassDef def = new ClassDef(pkg, name, cls.constants, methods);
    return features.valueClasses ? ValueClasses.of(def) : def;
  }

  /** Plain static methods Tapeless has no derivative for. */
  private static List<MethodDef> helpers(Rand r) {
    Expr a = new Expr.Ref("a", Ty.DOUBLE);
    Expr n = new Expr.Ref("n", Ty.INT);
    Expr s = new Expr.Ref("s", Ty.DOUBLE);
    Expr k = new Expr.Ref("k", Ty.INT);
    MethodDef h0 = new MethodDef("helper0",
        List.of(Param.scalar(Ty.DOUBLE, "a"), Param.scalar(Ty.INT, "n")), Ty.DOUBLE, null,
        List.of(), List.of(new Stmt.Return(add(mul(a, d(r.coefficient())), n))), false);
    List<Stmt> body1 = List.of(
        new Stmt.Local(Ty.DOUBLE, "s", d(0.0)),
        new Stmt.For(new Stmt.Local(Ty.INT, "k", i(0)), new Expr.Bin(Op.LT, k, i(3)),
            new Stmt.Step(k, true),
            List.of(new Stmt.Assign(s, AssignOp.ADD,
                E.math("cos", false, mul(a, k))))),
        new Stmt.Return(new Expr.Bin(Op.DIV, s, add(d(1.0), mul(s, s)))));
    MethodDef h1 = new MethodDef("helper1", List.of(Param.scalar(Ty.DOUBLE, "a")), Ty.DOUBLE,
        null, List.of(), body1, false);
    return List.of(h0, h1);
  }
}

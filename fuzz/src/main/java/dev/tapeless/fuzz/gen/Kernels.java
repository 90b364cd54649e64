package dev.tapeless.fuzz.gen;

import dev.tapeless.fuzz.ast.DimSym;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Ty;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime kernels with registered derivatives, as signatures with length symbols, so that
 * {@link CallGen} binds their arguments exactly like those of generated callees.
 */
final class Kernels {
  private Kernels() {}

  /** Kernels returning a double. */
  static final List<MethodDef> SCALAR = new ArrayList<>();
  /** Kernels writing an {@code @Out} array. */
  static final List<MethodDef> EFFECT = new ArrayList<>();

  private static Param arr(String name, int sym) {
    return new Param(Ty.DARR, name, false, false, List.of(sym), false);
  }

  private static Param mat(String name, int s0, int s1) {
    return new Param(Ty.DMAT, name, false, false, List.of(s0, s1), false);
  }

  private static Param out(Param p) {
    return new Param(p.type(), p.name(), false, true, p.dims(), false);
  }

  private static MethodDef k(String name, Ty result, List<DimSym> dims, Param... params) {
    return new MethodDef(name, List.of(params), result, null, dims, List.of(), true);
  }

  static {
    List<DimSym> any = List.of(new DimSym(0, 0, 99));
    List<DimSym> nonEmpty = List.of(new DimSym(0, 1, 99));
    List<DimSym> two = List.of(new DimSym(0, 0, 99), new DimSym(1, 0, 99));
    SCALAR.add(k("Linear.dot", Ty.DOUBLE, any, arr("x", 0), arr("y", 0)));
    SCALAR.add(k("Linear.sum", Ty.DOUBLE, any, arr("x", 0)));
    SCALAR.add(k("Losses.logSumExp", Ty.DOUBLE, nonEmpty, arr("z", 0)));
    // target: an int index into the logits (CallGen special-cases it)
    SCALAR.add(k("Losses.softmaxCrossEntropy", Ty.DOUBLE, nonEmpty, arr("logits", 0),
        Param.scalar(Ty.INT, "target")));
    SCALAR.add(k("Losses.meanSquaredError", Ty.DOUBLE, nonEmpty, arr("prediction", 0),
        new Param(Ty.DARR, "target", true, false, List.of(0), false)));
    for (String a : List.of("sigmoid", "tanh", "relu", "softplus")) {
      SCALAR.add(k("Activations." + a, Ty.DOUBLE, List.of(), Param.scalar(Ty.DOUBLE, "z")));
    }
    EFFECT.add(k("Linear.matvec", Ty.VOID, two, mat("W", 0, 1), arr("x", 1), out(arr("y", 0))));
    EFFECT.add(k("Linear.matvecTransposed", Ty.VOID, two, mat("W", 0, 1), arr("x", 0),
        out(arr("y", 1))));
    EFFECT.add(k("Linear.axpy", Ty.VOID, any, Param.scalar(Ty.DOUBLE, "a"), arr("x", 0),
        arr("y", 0), out(arr("z", 0))));
    EFFECT.add(k("Linear.outer", Ty.VOID, two, arr("u", 0), arr("v", 1),
        out(mat("A", 0, 1))));
    for (String a : List.of("sigmoid", "tanh", "relu", "softplus", "softmax")) {
      EFFECT.add(k("Activations." + a, Ty.VOID, any, arr("z", 0), out(arr("a", 0))));
    }
  }
}

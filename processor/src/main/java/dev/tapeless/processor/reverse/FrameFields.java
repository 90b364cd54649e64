package dev.tapeless.processor.reverse;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.tapeless.processor.emit.FrameSpec;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Callee;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The private fields a frame's code needs, created once with the frame so that calls allocate
 * nothing: callee frames (one per callee, shared by its call sites), reusable buffers, and the
 * save buffer for values overwritten inside loops.
 */
public final class FrameFields {
  public static final ClassName SAVED_VALUES =
      ClassName.get("dev.tapeless.runtime.support", "SavedValues");
  public static final ClassName BUFFERS = dev.tapeless.processor.emit.JavaStmts.BUFFERS;
  public static final ClassName SHAPES = ClassName.get("dev.tapeless.runtime.support", "Shapes");
  public static final ClassName ALIASING = ClassName.get("dev.tapeless.runtime.support", "Aliasing");

  private final NameTable names;
  private final Map<Object, FrameSpec.Field> fields = new LinkedHashMap<>();

  /** No fields yet; their names avoid {@code reserved}. */
  public FrameFields(Set<String> reserved) {
    this.names = new NameTable(reserved);
  }

  /** The field holding the frame of a differentiable callee. */
  public String calleeFrame(Callee.Differentiable callee) {
    ClassName type = ClassName.get(callee.packageName(), callee.gradClass(), callee.frameClass());
    return fields.computeIfAbsent(type, t -> {
      String owner = callee.gradClass().substring(0, callee.gradClass().length() - "_Grad".length());
      String base = Character.toLowerCase(owner.charAt(0)) + owner.substring(1)
          + callee.frameClass() + "Frame";
      return new FrameSpec.Field(names.fresh(base), type, CodeBlock.of("new $T()", type));
    }).name();
  }

  /** The save buffer for values overwritten inside loops. */
  String saved() {
    return fields.computeIfAbsent("saved", k -> new FrameSpec.Field(names.fresh("saved"),
        SAVED_VALUES, CodeBlock.of("new $T()", SAVED_VALUES))).name();
  }

  /**
   * A reusable array field (no initializer: allocated on first use), one per {@code base} and
   * type: the sweeps that use the same buffer (primal, joint and split) share it, while an
   * inlined callee's local of another type that got the same name in another sweep (seed 2301:
   * a {@code double[][] t12} next to a {@code double[] t12}) gets a field of its own.
   */
  public String buffer(String base, TypeName type) {
    return fields.computeIfAbsent("buffer:" + base + ":" + type,
        k -> new FrameSpec.Field(names.fresh(base), type, null)).name();
  }

  /** A fixed-size scratch array for the scalar adjoints a custom pullback returns. */
  String scalarAdjoints(int size) {
    String key = "scalarAdjoints" + size;
    return fields.computeIfAbsent(key, k -> new FrameSpec.Field(names.fresh(key),
        TypeName.get(double[].class), CodeBlock.of("new double[$L]", size))).name();
  }

  /** A boolean field, false until set. */
  String flag(String base) {
    return fields.computeIfAbsent("flag:" + base,
        k -> new FrameSpec.Field(names.fresh(base), TypeName.BOOLEAN, null)).name();
  }

  public List<FrameSpec.Field> all() {
    return new ArrayList<>(fields.values());
  }
}

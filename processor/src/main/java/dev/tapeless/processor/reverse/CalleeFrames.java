package dev.tapeless.processor.reverse;

import com.palantir.javapoet.ClassName;
import dev.tapeless.processor.ir.Callee;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One frame field per differentiable callee. Call sites share it: each backward use runs the
 * callee's gradient and reads its adjoints at once, so one frame per callee is enough, and it
 * is created with the caller's frame so calls allocate nothing.
 */
public final class CalleeFrames {
  /** A field of the caller's frame holding a callee's frame. */
  public record Field(String name, ClassName type) {}

  private final Map<ClassName, Field> fields = new LinkedHashMap<>();

  String fieldFor(Callee.Differentiable callee) {
    ClassName type = ClassName.get(callee.packageName(), callee.gradClass(), callee.frameClass());
    return fields.computeIfAbsent(type, t -> new Field(uniqueName(callee), t)).name();
  }

  private String uniqueName(Callee.Differentiable callee) {
    String owner = callee.gradClass().substring(0, callee.gradClass().length() - "_Grad".length());
    String base = Character.toLowerCase(owner.charAt(0)) + owner.substring(1)
        + callee.frameClass() + "Frame";
    String name = base;
    for (int i = 2; taken(name); i++) {
      name = base + i;
    }
    return name;
  }

  private boolean taken(String name) {
    return fields.values().stream().anyMatch(f -> f.name().equals(name));
  }

  public Iterable<Field> fields() {
    return fields.values();
  }
}

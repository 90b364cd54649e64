package dev.tapeless.processor.frontend;

import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * The class that declares a callee or a field, as the IR keeps it: {@code package/Outer.Inner}.
 * The slash marks where the package ends, which a qualified name does not say ({@code r.Upper}
 * may be a class or a package; {@code util} may be a class): the emitter needs it to name the
 * class in generated code.
 */
public final class Owners {
  private Owners() {}

  public static String of(TypeElement type) {
    StringBuilder names = new StringBuilder(type.getSimpleName());
    Element e = type.getEnclosingElement();
    while (!(e instanceof PackageElement)) {
      names.insert(0, e.getSimpleName() + ".");
      e = e.getEnclosingElement();
    }
    return ((PackageElement) e).getQualifiedName() + "/" + names;
  }

  /** The simple name of the class, for messages. */
  public static String simpleName(String owner) {
    return owner.substring(Math.max(owner.lastIndexOf('/'), owner.lastIndexOf('.')) + 1);
  }
}

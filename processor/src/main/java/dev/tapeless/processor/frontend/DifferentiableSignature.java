package dev.tapeless.processor.frontend;

import dev.tapeless.Differentiable;
import dev.tapeless.NoDerivative;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * What the generated API of one {@code @Differentiable} method looks like, read from its
 * declaration alone, so it works the same for a method in this compilation and one in a jar.
 */
public record DifferentiableSignature(
    ExecutableElement method,
    String packageName,
    String ownerQualifiedName,
    String gradSimpleName,
    String frameSimpleName,
    List<String> parameterNames,
    List<Boolean> differentiated) {

  public static DifferentiableSignature of(ExecutableElement method) {
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    Differentiable annotation = method.getAnnotation(Differentiable.class);
    String name = annotation == null || annotation.name().isEmpty()
        ? method.getSimpleName().toString()
        : annotation.name();
    List<String> wrt = annotation == null ? List.of() : Arrays.asList(annotation.wrt());
    List<String> names = new ArrayList<>();
    List<Boolean> active = new ArrayList<>();
    for (VariableElement p : method.getParameters()) {
      String pn = p.getSimpleName().toString();
      names.add(pn);
      boolean isDouble = p.asType().getKind() == TypeKind.DOUBLE;
      boolean chosen = wrt.isEmpty()
          ? p.getAnnotation(NoDerivative.class) == null
          : wrt.contains(pn);
      active.add(isDouble && chosen);
    }
    return new DifferentiableSignature(
        method,
        packageOf(owner),
        owner.getQualifiedName().toString(),
        gradSimpleName(owner),
        upperCamel(name),
        names,
        active);
  }

  /** {@code p.C} becomes {@code C_Grad}; a nested {@code p.A.B} becomes {@code A_B_Grad}. */
  static String gradSimpleName(TypeElement owner) {
    StringBuilder name = new StringBuilder(owner.getSimpleName());
    for (Element e = owner.getEnclosingElement();
        e.getKind() != ElementKind.PACKAGE;
        e = e.getEnclosingElement()) {
      name.insert(0, e.getSimpleName() + "_");
    }
    return name + "_Grad";
  }

  static String packageOf(Element e) {
    while (e.getKind() != ElementKind.PACKAGE) {
      e = e.getEnclosingElement();
    }
    return ((PackageElement) e).getQualifiedName().toString();
  }

  /** {@code lossFn} becomes {@code LossFn}. */
  public static String upperCamel(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  public String gradQualifiedName() {
    return packageName.isEmpty() ? gradSimpleName : packageName + "." + gradSimpleName;
  }

  /** The adjoint field of a parameter in the generated frame: "d" + name. */
  public static String adjointField(String parameterName) {
    return "d" + parameterName;
  }

  public boolean hasDifferentiatedParameter() {
    return differentiated.contains(Boolean.TRUE);
  }

  /** A readable "C.m" for messages. */
  public String displayName() {
    int dot = ownerQualifiedName.lastIndexOf('.');
    return ownerQualifiedName.substring(dot + 1) + "." + method.getSimpleName();
  }
}

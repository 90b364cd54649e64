package dev.tapeless.processor.frontend;

import dev.tapeless.CustomDerivative;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads a {@code @CustomDerivative} registration and checks the pullback's signature against
 * the convention documented on the annotation. Works on elements from source and from class
 * files alike, which is what makes registrations work across jars.
 */
public final class CustomDerivatives {
  private CustomDerivatives() {}

  /** A registration: the callee descriptor, or the reason it is unusable. */
  public record Registration(Callee.Custom callee, String problem) {}

  public static boolean isRegistered(ExecutableElement method) {
    return method.getAnnotation(CustomDerivative.class) != null;
  }

  public static Registration read(ExecutableElement primal) {
    CustomDerivative registration = primal.getAnnotation(CustomDerivative.class);
    String pullbackName = registration.value();
    TypeElement owner = (TypeElement) primal.getEnclosingElement();
    String display = owner.getSimpleName() + "." + primal.getSimpleName();
    if (!primal.getModifiers().contains(Modifier.STATIC)) {
      return problem(display + " must be static to have a custom derivative");
    }
    TypeKind result = primal.getReturnType().getKind();
    boolean returnsReal = DifferentiableSignature.isReal(result);
    if (!returnsReal && result != TypeKind.VOID) {
      return problem(display + " returns " + primal.getReturnType()
          + "; a method with a custom derivative returns double, float or void");
    }
    String resultType = returnsReal ? primal.getReturnType().toString() : "void";
    List<Callee.Param> params = DifferentiableSignature.params(primal, List.of());
    boolean usesResult = registration.usesResult();
    if (usesResult && (!returnsReal || params.stream().anyMatch(Callee.Param::out))) {
      return problem("usesResult on " + display + ": only a method that returns double or float"
          + " and has no @Out parameter can pass its result to its pullback");
    }
    for (int i = 0; i < params.size(); i++) {
      Callee.Param p = params.get(i);
      if (p.type() == null || (p.type().carriesDerivative() && p.type().dims() > 3)) {
        return problem("parameter '" + p.name() + "' of " + display + " has type "
            + primal.getParameters().get(i).asType() + ", which custom derivatives do not support");
      }
      if (p.out() && !(p.type().carriesDerivative() && p.type().isArray())) {
        return problem("@Out parameter '" + p.name() + "' of " + display
            + " must be an array of double or float");
      }
    }
    List<String> expected = expectedParameters(params, resultType, usesResult);
    String expectedReturn = scalarCount(params) == 1 ? onlyScalar(params).javaName() : "void";
    String wanted = "public static " + expectedReturn + " " + pullbackName + "("
        + String.join(", ", expected) + ")";
    ExecutableElement pullback = withSignature(owner, pullbackName, expected, expectedReturn);
    if (pullback == null) {
      return problem("@CustomDerivative(\"" + pullbackName + "\") on " + display
          + " needs a method in " + owner.getSimpleName() + " with the signature " + wanted);
    }
    if (!callable(pullback)) {
      return problem("the pullback " + pullbackName + " of " + display
          + " must be static and not private: " + wanted);
    }
    String assigning = registration.assigning();
    if (!assigning.isEmpty()) {
      ExecutableElement twin = withSignature(owner, assigning, expected, expectedReturn);
      if (twin == null || !callable(twin)) {
        return problem("@CustomDerivative(assigning = \"" + assigning + "\") on " + display
            + " needs a method in " + owner.getSimpleName() + " with the signature "
            + wanted.replace(" " + pullbackName + "(", " " + assigning + "("));
      }
    }
    String pushforward = registration.pushforward();
    if (registration.linear() && !pushforward.isEmpty()) {
      return problem("@CustomDerivative on " + display + " is linear and names a pushforward:"
          + " a linear method is its own pushforward; remove one of the two");
    }
    List<String> tangentParams = pushforwardParameters(params, resultType, usesResult);
    if (!pushforward.isEmpty()) {
      String tangentReturn = resultType;
      ExecutableElement push = withSignature(owner, pushforward, tangentParams, tangentReturn);
      if (push == null || !callable(push)) {
        return problem("@CustomDerivative(pushforward = \"" + pushforward + "\") on " + display
            + " needs a method in " + owner.getSimpleName() + " with the signature public static "
            + tangentReturn + " " + pushforward + "(" + String.join(", ", tangentParams) + ")");
      }
    }
    String jvp = registration.jvp();
    if (!jvp.isEmpty()) {
      if (returnsReal || pushforward.isEmpty()) {
        return problem("@CustomDerivative(jvp = \"" + jvp + "\") on " + display + ": only a void"
            + " method with a pushforward can have a fused jvp; remove jvp"
            + (returnsReal ? " (the method returns " + resultType + ")" : " or add pushforward"));
      }
      ExecutableElement fused = withSignature(owner, jvp, tangentParams, "void");
      if (fused == null || !callable(fused)) {
        return problem("@CustomDerivative(jvp = \"" + jvp + "\") on " + display
            + " needs a method in " + owner.getSimpleName() + " with the signature public static"
            + " void " + jvp + "(" + String.join(", ", tangentParams) + ")");
      }
    }
    return new Registration(new Callee.Custom(Owners.of(owner),
        primal.getSimpleName().toString(), pullbackName, params,
        returnsReal, registration.skipsNullAdjoints(), usesResult,
        assigning.isEmpty() ? null : assigning, registration.readsOutputs(),
        registration.linear() ? primal.getSimpleName().toString()
            : pushforward.isEmpty() ? null : pushforward, registration.linear(),
        jvp.isEmpty() ? null : jvp), null);
  }

  /**
   * The pushforward a valid registration without one would need, spelled out for a message:
   * {@code public static double squareDot(double x, double xDot)}.
   */
  public static String suggestedPushforward(ExecutableElement primal) {
    boolean returnsReal = DifferentiableSignature.isReal(primal.getReturnType().getKind());
    String resultType = returnsReal ? primal.getReturnType().toString() : "void";
    List<Callee.Param> params = DifferentiableSignature.params(primal, List.of());
    boolean usesResult = primal.getAnnotation(CustomDerivative.class).usesResult();
    return "public static " + resultType + " " + primal.getSimpleName() + "Dot("
        + String.join(", ", pushforwardParameters(params, resultType, usesResult)) + ")";
  }

  /**
   * The pushforward's parameters: the primal's, the result if used, a tangent per differentiated
   * input, then an array per {@code @Out} parameter to set to its tangent.
   */
  private static List<String> pushforwardParameters(List<Callee.Param> params,
      String resultType, boolean usesResult) {
    List<String> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Callee.Param p : params) {
      out.add(javaType(p.type()) + " " + p.name());
      names.add(p.name());
    }
    if (usesResult) {
      out.add(resultType + " result");
    }
    for (Callee.Param p : params) {
      if (p.differentiated() && !p.out()) {
        out.add(javaType(p.type()) + " " + tangentName(p.name(), names));
      }
    }
    for (Callee.Param p : params) {
      if (p.out()) {
        out.add(javaType(p.type()) + " " + tangentName(p.name(), names));
      }
    }
    return out;
  }

  /**
   * {@code nameDot}, or, where a primal parameter already has that name (a pushforward's own
   * {@code xDot}), {@code nameTangent}, {@code nameTangent2}, ...: the suggested signature must
   * compile.
   */
  private static String tangentName(String name, Set<String> taken) {
    String candidate = name + "Dot";
    for (int k = 2; !taken.add(candidate); k++) {
      candidate = name + "Tangent" + (k == 2 ? "" : k - 1);
    }
    return candidate;
  }

  /** The method {@code name} of {@code owner} with the expected signature, or null. */
  private static ExecutableElement withSignature(TypeElement owner, String name,
      List<String> expected, String expectedReturn) {
    for (Element e : owner.getEnclosedElements()) {
      if (e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(name)
          && matches((ExecutableElement) e, expected, expectedReturn)) {
        return (ExecutableElement) e;
      }
    }
    return null;
  }

  /** Generated code in the same package can call it. */
  private static boolean callable(ExecutableElement method) {
    return method.getModifiers().contains(Modifier.STATIC)
        && !method.getModifiers().contains(Modifier.PRIVATE);
  }

  private static Registration problem(String text) {
    return new Registration(null, text);
  }

  static int scalarCount(List<Callee.Param> params) {
    int n = 0;
    for (Callee.Param p : params) {
      if (p.differentiated() && !p.type().isArray()) {
        n++;
      }
    }
    return n;
  }

  /** The one differentiated scalar parameter's type, whose adjoint the pullback returns. */
  private static Type onlyScalar(List<Callee.Param> params) {
    for (Callee.Param p : params) {
      if (p.differentiated() && !p.type().isArray()) {
        return p.type();
      }
    }
    throw new IllegalStateException("no differentiated scalar");
  }

  /**
   * The pullback's parameters. Adjoints have their values' types: a float primal's pullback
   * takes {@code float dResult} and float arrays, so float kernels stay float throughout.
   */
  private static List<String> expectedParameters(List<Callee.Param> params,
      String resultType, boolean usesResult) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      out.add(javaType(params.get(i).type()) + " " + params.get(i).name());
    }
    if (usesResult) {
      out.add(resultType + " result");
    }
    if (!resultType.equals("void")) {
      out.add(resultType + " dResult");
    }
    for (Callee.Param p : params) {
      if (p.out()) {
        out.add(javaType(p.type()) + " d" + p.name());
      }
    }
    for (Callee.Param p : params) {
      if (p.differentiated() && p.type().isArray()) {
        out.add(javaType(p.type()) + " d" + p.name());
      }
    }
    if (scalarCount(params) >= 2) {
      out.add("double[] dScalars");
    }
    return out;
  }

  private static String javaType(Type t) {
    return t.javaName();
  }

  private static boolean matches(ExecutableElement candidate, List<String> expected,
      String expectedReturn) {
    if (!candidate.getReturnType().toString().equals(expectedReturn)
        || candidate.getParameters().size() != expected.size()) {
      return false;
    }
    for (int i = 0; i < expected.size(); i++) {
      TypeMirror t = candidate.getParameters().get(i).asType();
      String type = expected.get(i).substring(0, expected.get(i).indexOf(' '));
      if (!t.toString().equals(type)) {
        return false;
      }
    }
    return true;
  }
}

package dev.tapeless.processor.frontend;

import dev.tapeless.processor.diagnostics.Diagnostic;
import dev.tapeless.Out;
import dev.tapeless.processor.diagnostics.Reporter;
import dev.tapeless.processor.ir.Type;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * Checks a {@code @Differentiable} declaration before its body is read: the errors here are about
 * the method's signature and annotation, and are reported on them.
 */
public final class DeclarationValidator {
  private static final String ANNOTATION = "dev.tapeless.Differentiable";

  private final Reporter reporter;

  public DeclarationValidator(Reporter reporter) {
    this.reporter = reporter;
  }

  /** Returns true when the declaration is fit for differentiation; reports every problem. */
  public boolean validate(ExecutableElement method, DifferentiableSignature signature) {
    boolean ok = true;
    AnnotationMirror annotation = annotationOf(method);
    if (!method.getModifiers().contains(Modifier.STATIC)
        && !DifferentiableSignature.isModelMethod(method)) {
      reporter.error(method, Diagnostic.NOT_STATIC);
      ok = false;
    } else if (DifferentiableSignature.isModelMethod(method)) {
      ok &= validateModel(method);
    }
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.error(method, Diagnostic.PRIVATE_METHOD, signature.gradSimpleName());
      ok = false;
    }
    if (!method.getTypeParameters().isEmpty()) {
      reporter.error(method, Diagnostic.GENERIC_METHOD);
      ok = false;
    }
    TypeKind result = method.getReturnType().getKind();
    if (!DifferentiableSignature.isReal(result)
        && !(result == TypeKind.VOID && signature.hasOutputs())) {
      reporter.error(method, Diagnostic.NOT_DOUBLE_RESULT, method.getReturnType());
      ok = false;
    }
    if (method.getModifiers().contains(Modifier.NATIVE)
        && method.getModifiers().contains(Modifier.STATIC)) {
      reporter.error(method, Diagnostic.NO_BODY);
      ok = false;
    }
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    if (!isTopLevelOrStaticNested(owner)) {
      reporter.error(method, Diagnostic.UNSUPPORTED_ENCLOSING_CLASS, method.getSimpleName());
      ok = false;
    } else {
      for (TypeElement t = owner; t != null; t = t.getEnclosingElement() instanceof TypeElement e
          ? e : null) {
        if (t.getModifiers().contains(Modifier.PRIVATE)) {
          reporter.error(method, Diagnostic.PRIVATE_ENCLOSING_CLASS, method.getSimpleName(),
              t.getSimpleName());
          ok = false;
          break;
        }
      }
    }
    String frame = signature.frameSimpleName();
    if (frame.equals(signature.gradSimpleName()) || frame.equals(signature.gradSimpleName()
        + "Sweeps")) {
      reporter.error(method, Diagnostic.FRAME_NAME_TAKEN, frame);
      ok = false;
    }
    int slots = parameterSlots(method, signature);
    if (slots > 255 && declaredSlots(method) <= 255) {
      // (when the method itself has too many, javac says so)
      reporter.error(method, Diagnostic.TOO_MANY_PARAMETERS, signature.displayName(), slots);
      ok = false;
    }
    for (VariableElement p : method.getParameters()) {
      TypeElement record = RecordInputs.recordOf(p);
      if (record != null) {
        ok &= validateRecord(p, record);
        continue;
      }
      Type type = DifferentiableSignature.parameterTypeOf(p.asType());
      if (type != null && type.isObject()) {
        ok &= validateObject(p, method);
      } else if (type != null && type.isList() && p.getAnnotation(Out.class) != null) {
        reporter.error(p, Diagnostic.OUT_NOT_DOUBLE_ARRAY, p.getSimpleName(), p.asType());
        ok = false;
      } else if (type == null || type.dims() > 3 || (!type.carriesDerivative() && type.dims() > 2)) {
        reporter.error(p, Diagnostic.UNSUPPORTED_PARAMETER_TYPE, p.getSimpleName(), p.asType());
        ok = false;
      } else if (p.getAnnotation(Out.class) != null
          && !(type.carriesDerivative() && type.isArray())) {
        reporter.error(p, Diagnostic.OUT_NOT_DOUBLE_ARRAY, p.getSimpleName(), p.asType());
        ok = false;
      }
    }
    for (VariableElement p : method.getParameters()) {
      if (ok && SourceVersion.isKeyword("d" + p.getSimpleName())) {
        reporter.error(p, Diagnostic.ADJOINT_NAME_KEYWORD, "parameter", p.getSimpleName(),
            "d" + p.getSimpleName());
        ok = false;
      }
    }
    ok &= distinctComponentNames(method, signature);
    ok &= validateAnnotationValues(method, annotation);
    if (ok && !signature.hasDifferentiatedParameter()) {
      reporter.error(method, Diagnostic.NO_ACTIVE_PARAMETER, signature.displayName());
      ok = false;
    }
    return ok;
  }

  /**
   * An object parameter (a {@code java.util.Random}, a config class): allowed when it is left
   * out of differentiation ({@code @NoDerivative}, or a {@code wrt} that does not name it),
   * and its class is one the generated class can name.
   */
  private boolean validateObject(VariableElement p, ExecutableElement method) {
    dev.tapeless.Differentiable annotation = method.getAnnotation(dev.tapeless.Differentiable.class);
    boolean excluded = p.getAnnotation(dev.tapeless.NoDerivative.class) != null
        || annotation != null && annotation.wrt().length > 0;
    if (!excluded || p.getAnnotation(Out.class) != null) {
      reporter.error(p, Diagnostic.UNSUPPORTED_PARAMETER_TYPE, p.getSimpleName(), p.asType());
      return false;
    }
    for (javax.lang.model.element.Element e = ((javax.lang.model.type.DeclaredType) p.asType()).asElement();
        e instanceof TypeElement t; e = t.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        reporter.error(p, Diagnostic.PRIVATE_PARAMETER_TYPE, p.getSimpleName(), p.asType());
        return false;
      }
    }
    return true;
  }

  /** An instance method's class: not generic, its input fields readable by the frame. */
  private boolean validateModel(ExecutableElement method) {
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    if (!owner.getTypeParameters().isEmpty()) {
      reporter.error(method, Diagnostic.GENERIC_MODEL, owner.getSimpleName());
      return false;
    }
    boolean ok = true;
    if (owner.getKind() != ElementKind.RECORD) {
      for (VariableElement field : RecordInputs.modelFields(owner)) {
        if (SourceVersion.isKeyword("d" + field.getSimpleName())) {
          reporter.error(field, Diagnostic.ADJOINT_NAME_KEYWORD, "field", field.getSimpleName(),
              "d" + field.getSimpleName());
          ok = false;
        }
        if (field.getModifiers().contains(Modifier.PRIVATE)) {
          reporter.error(field, Diagnostic.PRIVATE_MODEL_FIELD, field.getSimpleName(),
              owner.getSimpleName(), method.getSimpleName());
          ok = false;
        }
      }
    }
    return ok;
  }

  /**
   * A record's components become parameters of the sweeps named {@code p_kappa}; javac keeps
   * declared names distinct, so a clash always involves a component.
   */
  private boolean distinctComponentNames(ExecutableElement method,
      DifferentiableSignature signature) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String name : signature.parameterNames()) {
      if (!seen.add(name)) {
        dev.tapeless.processor.ir.Callee.Param leaf = signature.params().stream()
            .filter(p -> p.inRecord() && p.name().equals(name)).findFirst().orElseThrow();
        reporter.error(method, Diagnostic.UNSUPPORTED_RECORD, leaf.root(), "its component "
            + DifferentiableSignature.displayName(leaf) + " is named " + name
            + " in generated code, like another parameter; rename that parameter");
        return false;
      }
    }
    return true;
  }

  /** A record parameter: readable from the generated class, components the IR has, not @Out. */
  private boolean validateRecord(VariableElement p, TypeElement record) {
    String problem = RecordInputs.problem(record);
    if (problem == null) {
      problem = RecordInputs.unreadableField(record, p);
    }
    if (p.getAnnotation(Out.class) != null) {
      reporter.error(p, Diagnostic.OUT_NOT_DOUBLE_ARRAY, p.getSimpleName(), p.asType());
      return false;
    } else if (problem != null) {
      reporter.error(p, Diagnostic.UNSUPPORTED_RECORD, p.getSimpleName(), problem);
      return false;
    }
    for (javax.lang.model.element.Element e = record; e instanceof TypeElement t;
        e = e.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        reporter.error(p, Diagnostic.PRIVATE_RECORD, p.getSimpleName(), p.asType());
        return false;
      }
    }
    return true;
  }

  /**
   * The JVM slots of the widest generated method, {@code backpropagate}: the receiver, the
   * frame, the arguments (two for a double or long), the result's seed and the outputs' seeds.
   */
  private static int parameterSlots(ExecutableElement method, DifferentiableSignature sig) {
    int slots = 2 + resultSeedSlots(sig);
    for (dev.tapeless.processor.ir.Callee.Param p : sig.params()) {
      Type t = p.type();
      boolean wide = t != null && !t.isArray()
          && (t.kind() == Type.Kind.DOUBLE || t.kind() == Type.Kind.LONG);
      slots += wide ? 2 : 1;
      slots += p.out() ? 1 : 0;
    }
    return slots;
  }

  /** A double seed takes two slots, a float one. */
  private static int resultSeedSlots(DifferentiableSignature sig) {
    return !sig.returnsReal() ? 0 : sig.resultType().isFloat() ? 1 : 2;
  }

  /** The slots of the method itself, which javac checks. */
  private static int declaredSlots(ExecutableElement method) {
    int slots = 0;
    for (VariableElement p : method.getParameters()) {
      TypeKind k = p.asType().getKind();
      slots += k == TypeKind.DOUBLE || k == TypeKind.LONG ? 2 : 1;
    }
    return slots;
  }

  private boolean validateAnnotationValues(ExecutableElement method, AnnotationMirror annotation) {
    if (annotation == null) {
      return true;
    }
    boolean ok = true;
    Map<String, VariableElement> params = method.getParameters().stream()
        .collect(Collectors.toMap(p -> p.getSimpleName().toString(), p -> p));
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        annotation.getElementValues().entrySet()) {
      String key = e.getKey().getSimpleName().toString();
      if (key.equals("wrt")) {
        @SuppressWarnings("unchecked")
        List<? extends AnnotationValue> names = (List<? extends AnnotationValue>) e.getValue().getValue();
        for (AnnotationValue v : names) {
          String name = String.valueOf(v.getValue());
          VariableElement p = params.get(name);
          if (p == null) {
            reporter.error(method, annotation, Diagnostic.WRT_NOT_A_PARAMETER, name,
                method.getSimpleName(), String.join(", ", params.keySet()));
            ok = false;
          } else if (RecordInputs.recordOf(p) == null
              && (DifferentiableSignature.typeOf(p.asType()) == null
              || !DifferentiableSignature.typeOf(p.asType()).carriesDerivative())) {
            reporter.error(method, annotation, Diagnostic.WRT_NOT_DIFFERENTIABLE, name, p.asType());
            ok = false;
          }
        }
      } else if (key.equals("name")) {
        String name = String.valueOf(e.getValue().getValue());
        if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
          reporter.error(method, annotation, Diagnostic.INVALID_FRAME_NAME, name);
          ok = false;
        }
      }
    }
    return ok;
  }

  private static boolean isTopLevelOrStaticNested(TypeElement type) {
    if (type.getNestingKind() == NestingKind.TOP_LEVEL) {
      return true;
    }
    return type.getNestingKind() == NestingKind.MEMBER
        && (type.getModifiers().contains(Modifier.STATIC) || type.getKind() != ElementKind.CLASS)
        && type.getEnclosingElement() instanceof TypeElement outer
        && isTopLevelOrStaticNested(outer);
  }

  static AnnotationMirror annotationOf(ExecutableElement method) {
    for (AnnotationMirror m : method.getAnnotationMirrors()) {
      TypeElement t = (TypeElement) m.getAnnotationType().asElement();
      if (t.getQualifiedName().contentEquals(ANNOTATION)) {
        return m;
      }
    }
    return null;
  }
}

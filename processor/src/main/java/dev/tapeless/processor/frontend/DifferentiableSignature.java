package dev.tapeless.processor.frontend;

import dev.tapeless.Differentiable;
import dev.tapeless.GradientFrame;
import dev.tapeless.NoDerivative;
import dev.tapeless.Out;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

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
    List<Callee.Param> params,
    boolean returnsReal) {

  /**
   * The signature of a callee, which may come from a class file compiled without
   * {@code -parameters}: then its parameter names are read from its generated frame's
   * {@link GradientFrame} annotation.
   */
  public static DifferentiableSignature ofCallee(ExecutableElement method, Elements elements) {
    DifferentiableSignature sig = of(method);
    TypeElement frame = elements.getTypeElement(sig.gradQualifiedName() + "." + sig.frameSimpleName());
    GradientFrame recorded = frame == null ? null : frame.getAnnotation(GradientFrame.class);
    if (recorded == null || recorded.parameters().length != method.getParameters().size()) {
      return sig;
    }
    // wrt names the source's parameters; without -parameters a class file calls them arg0...
    return new DifferentiableSignature(method, sig.packageName(), sig.ownerQualifiedName(),
        sig.gradSimpleName(), sig.frameSimpleName(),
        params(method, wrtOf(method), Arrays.asList(recorded.parameters())), sig.returnsReal());
  }

  public static DifferentiableSignature of(ExecutableElement method) {
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    Differentiable annotation = method.getAnnotation(Differentiable.class);
    String name = annotation == null || annotation.name().isEmpty()
        ? method.getSimpleName().toString()
        : annotation.name();
    return new DifferentiableSignature(
        method,
        packageOf(owner),
        owner.getQualifiedName().toString(),
        gradSimpleName(owner),
        upperCamel(name),
        params(method, wrtOf(method)),
        isReal(method.getReturnType().getKind()));
  }

  /**
   * Whether declared parameter {@code p} (named {@code name}) is one the method differentiates
   * with respect to: named by a non-empty {@code wrt}, or not {@code @NoDerivative} without one.
   * (Its type decides further whether it carries a derivative at all.)
   */
  static boolean chosen(VariableElement p, String name, List<String> wrt) {
    return wrt.isEmpty() ? p.getAnnotation(NoDerivative.class) == null : wrt.contains(name);
  }

  /** Whether {@code method} differentiates with respect to its declared parameter {@code p}. */
  static boolean chosen(ExecutableElement method, VariableElement p) {
    return chosen(p, p.getSimpleName().toString(), wrtOf(method));
  }

  private static List<String> wrtOf(ExecutableElement method) {
    Differentiable annotation = method.getAnnotation(Differentiable.class);
    return annotation == null ? List.of() : Arrays.asList(annotation.wrt());
  }

  /** Whether values of this kind carry a derivative: double and float. */
  public static boolean isReal(TypeKind kind) {
    return kind == TypeKind.DOUBLE || kind == TypeKind.FLOAT;
  }

  /** The method's result type (double or float), or null for a void method. */
  public Type resultType() {
    return !returnsReal ? null
        : method.getReturnType().getKind() == TypeKind.FLOAT ? Type.FLOAT : Type.DOUBLE;
  }

  /**
   * The derivative's view of the parameters: {@code double}, {@code double[]} and
   * {@code double[][]} are differentiated unless {@code @Out}, {@code @NoDerivative}, or left out
   * of a non-empty {@code wrt}.
   */
  public static List<Callee.Param> params(ExecutableElement method, List<String> wrt) {
    return params(method, wrt, method.getParameters().stream()
        .map(p -> p.getSimpleName().toString()).toList());
  }

  /** The parameters under the given names (a callee's from its frame, when its class file has none). */
  private static List<Callee.Param> params(ExecutableElement method, List<String> wrt,
      List<String> names) {
    List<Callee.Param> params = new ArrayList<>();
    if (isModelMethod(method)) {
      params.addAll(receiverParams(method, wrt, names));
    }
    for (int i = 0; i < names.size(); i++) {
      VariableElement p = method.getParameters().get(i);
      String pn = names.get(i);
      boolean out = p.getAnnotation(Out.class) != null;
      boolean chosen = chosen(p, pn, wrt);
      TypeElement record = RecordInputs.recordOf(p);
      if (record != null) {
        for (RecordInputs.Leaf leaf : RecordInputs.leaves(record)) {
          params.add(new Callee.Param(leaf.name(pn), leaf.type(),
              differentiable(leaf.type()) && chosen, false, pn, leaf.path()));
        }
        continue;
      }
      Type type = parameterTypeOf(p.asType());
      params.add(new Callee.Param(pn, type, differentiable(type) && chosen && !out, out));
    }
    return params;
  }

  /** An instance method of a model class, whose fields are inputs too. */
  public static boolean isModelMethod(ExecutableElement method) {
    return !method.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)
        && !method.getModifiers().contains(javax.lang.model.element.Modifier.ABSTRACT)
        && method.getEnclosingElement() instanceof TypeElement owner
        && (owner.getKind() == ElementKind.CLASS || owner.getKind() == ElementKind.RECORD);
  }

  /**
   * The receiver's fields as parameters, before the declared ones: differentiated unless
   * {@code @NoDerivative}, or left out of a non-empty {@code wrt} (which names them
   * {@code this}).
   */
  private static List<Callee.Param> receiverParams(ExecutableElement method, List<String> wrt,
      List<String> names) {
    boolean chosen = wrt.isEmpty() || wrt.contains(Callee.Param.RECEIVER);
    List<Callee.Param> out = new ArrayList<>();
    for (VariableElement field : RecordInputs.modelFields((TypeElement) method.getEnclosingElement())) {
      boolean constant = field.getAnnotation(NoDerivative.class) != null;
      for (RecordInputs.Leaf leaf : RecordInputs.fieldLeaves(field)) {
        out.add(new Callee.Param(RecordInputs.receiverLeafName(leaf.path()), leaf.type(),
            differentiable(leaf.type()) && chosen && !constant, false, Callee.Param.RECEIVER,
            leaf.path()));
      }
    }
    return out;
  }

  private static boolean differentiable(Type type) {
    return type != null && type.carriesDerivative() && type.dims() <= 3 && !type.isList();
  }

  /** The IR type of a parameter, or null when the IR has none for it. */
  public static Type typeOf(TypeMirror t) {
    int dims = 0;
    while (t.getKind() == TypeKind.ARRAY) {
      t = ((ArrayType) t).getComponentType();
      dims++;
    }
    Type.Kind kind = switch (t.getKind()) {
      case DOUBLE -> Type.Kind.DOUBLE;
      case FLOAT -> Type.Kind.FLOAT;
      case INT -> Type.Kind.INT;
      case LONG -> Type.Kind.LONG;
      case BOOLEAN -> Type.Kind.BOOLEAN;
      default -> null;
    };
    return kind == null ? null : new Type(kind, dims);
  }

  /**
   * The IR type of a declared parameter: a number or numeric array ({@link #typeOf}), or an
   * object of a non-generic class other than a boxed number ({@code java.util.Random}, a
   * config class), which the validator allows only where nothing is differentiated; null
   * otherwise.
   */
  public static Type parameterTypeOf(TypeMirror t) {
    Type type = typeOf(t);
    if (type == null) {
      type = listTypeOf(t);
    }
    return type != null ? type : objectTypeOf(t);
  }

  /**
   * {@code List<double[]>} or {@code List<double[][]>} (or of float arrays): read-only data,
   * typed as the array it is indexed like; null for any other type.
   */
  public static Type listTypeOf(TypeMirror t) {
    if (t.getKind() != TypeKind.DECLARED
        || !(((javax.lang.model.type.DeclaredType) t).asElement() instanceof TypeElement e)
        || !e.getQualifiedName().contentEquals("java.util.List")
        || ((javax.lang.model.type.DeclaredType) t).getTypeArguments().size() != 1) {
      return null;
    }
    Type row = typeOf(((javax.lang.model.type.DeclaredType) t).getTypeArguments().get(0));
    return row == null || !row.carriesDerivative() || row.dims() < 1 || row.dims() > 2 ? null
        : Type.list(row.kind(), row.dims() + 1);
  }

  /** The object type of {@code t}, or null when it is not a plain class or interface type. */
  public static Type objectTypeOf(TypeMirror t) {
    if (t.getKind() != TypeKind.DECLARED
        || !((javax.lang.model.type.DeclaredType) t).getTypeArguments().isEmpty()
        || !(((javax.lang.model.type.DeclaredType) t).asElement() instanceof TypeElement e)
        || BOXES.contains(e.getQualifiedName().toString())) {
      return null;
    }
    return Type.object(Owners.of(e));
  }

  /** Boxed numbers are numbers to a user: they are rejected, so the message says double. */
  private static final java.util.Set<String> BOXES = java.util.Set.of("java.lang.Double",
      "java.lang.Float", "java.lang.Integer", "java.lang.Long", "java.lang.Short",
      "java.lang.Byte", "java.lang.Character", "java.lang.Boolean", "java.lang.Number",
      "java.lang.Object");

  /** The names of the parameters as the sweeps take them: a record's components one by one. */
  public List<String> parameterNames() {
    return params.stream().map(Callee.Param::name).toList();
  }

  /** Whether a parameter is a record, which the frame's public methods take whole. */
  public boolean hasRecordParameters() {
    return params.stream().anyMatch(Callee.Param::inRecord);
  }

  public List<Boolean> differentiated() {
    return params.stream().map(Callee.Param::differentiated).toList();
  }

  /** Whether the method has {@code @Out} parameters, and so a pullback and a Jacobian. */
  public boolean hasOutputs() {
    return params.stream().anyMatch(Callee.Param::out);
  }

  /** This method as a callee of another differentiable method. */
  public Callee.Differentiable asCallee() {
    return new Callee.Differentiable(
        Owners.of((TypeElement) method.getEnclosingElement()), method.getSimpleName().toString(),
        packageName, gradSimpleName, frameSimpleName, params, returnsReal);
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

  /** A parameter as messages name it: {@code x}, {@code p.inner.a} for a record's component. */
  public static String displayName(Callee.Param p) {
    return p.inRecord() ? p.root() + "." + String.join(".", p.path()) : p.name();
  }

  /** The fields of the receiver the frame differentiates: any with an adjoint. */
  public List<Callee.Param> receiverParams() {
    return params.stream().filter(Callee.Param::inReceiver).toList();
  }

  /** The adjoint field of a parameter in the generated frame: "d" + name. */
  public static String adjointField(String parameterName) {
    return "d" + parameterName;
  }

  /**
   * The names of {@code jvp}'s tangent parameters: {@code xTangent} for each differentiated
   * parameter {@code x}, then for each {@code @Out} parameter, renamed where a parameter
   * already has the name.
   */
  public List<String> tangentNames() {
    NameTable names = new NameTable(new java.util.HashSet<>(parameterNames()));
    List<String> out = new ArrayList<>();
    for (Callee.Param p : params) {
      if (p.differentiated()) {
        out.add(names.fresh(p.name() + "Tangent"));
      }
    }
    for (Callee.Param p : params) {
      if (p.out()) {
        out.add(names.fresh(p.name() + "Tangent"));
      }
    }
    return out;
  }

  /**
   * Whether the frame has {@code jvp}: its arguments and tangents fit in the JVM's 255
   * parameter slots (a {@code double} takes two), counting the receiver and the sweeps' frame.
   */
  public static boolean hasJvp(List<Callee.Param> params) {
    int slots = 2;
    for (Callee.Param p : params) {
      int size = p.type() != null && !p.type().isArray()
          && (p.type().kind() == Type.Kind.DOUBLE || p.type().kind() == Type.Kind.LONG) ? 2 : 1;
      slots += size + (p.differentiated() || p.out() ? size : 0);
    }
    return slots <= 255;
  }

  public boolean hasJvp() {
    return hasJvp(params);
  }

  /**
   * Whether the frame has {@code hvp} and {@code hessian}: a {@code double} result, no
   * {@code @Out} outputs, a parameter to differentiate, and room for the directions.
   */
  public boolean hasHvp() {
    return returnsReal && !hasOutputs() && hasDifferentiatedParameter() && hasJvp();
  }

  /** The names of {@code hvp}'s direction parameters: {@code xDirection} for each differentiated {@code x}. */
  public List<String> directionNames() {
    NameTable names = new NameTable(new java.util.HashSet<>(parameterNames()));
    List<String> out = new ArrayList<>();
    for (Callee.Param p : params) {
      if (p.differentiated()) {
        out.add(names.fresh(p.name() + "Direction"));
      }
    }
    return out;
  }

  public boolean hasDifferentiatedParameter() {
    return params.stream().anyMatch(Callee.Param::differentiated);
  }

  /** A readable "C.m" for messages. */
  public String displayName() {
    int dot = ownerQualifiedName.lastIndexOf('.');
    return ownerQualifiedName.substring(dot + 1) + "." + method.getSimpleName();
  }
}

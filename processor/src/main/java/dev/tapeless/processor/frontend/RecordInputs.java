package dev.tapeless.processor.frontend;

import dev.tapeless.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Records as differentiable inputs: a record parameter is its components, read through their
 * accessors, each component a number, an array or another such record. Every phase after the
 * front end sees only the leaves, as if the method had taken them one by one; only the public
 * methods of the frame take the record itself and read its leaves with accessor calls.
 */
public final class RecordInputs {
  /** Records nested deeper than this are refused (a chain this long is a modelling mistake). */
  private static final int MAX_DEPTH = 8;

  private RecordInputs() {}

  /**
   * One number or array inside a record parameter.
   *
   * @param path the component names from the parameter to the leaf: {@code [inner, a]} for
   *     {@code p.inner().a()}
   * @param reads how generated code reads each step: {@code inner()} for a record's
   *     accessor, {@code a} for a value class's field
   * @param type the leaf's IR type
   */
  public record Leaf(List<String> path, List<String> reads, Type type) {
    public Leaf {
      path = List.copyOf(path);
      reads = List.copyOf(reads);
    }

    /** The leaf's name in generated code: {@code p_inner_a}. */
    public String name(String root) {
      return root + "_" + String.join("_", path);
    }

    /** The expression reading it from {@code root}: {@code p.inner().a()}. */
    public String access(String root) {
      StringBuilder s = new StringBuilder(root);
      reads.forEach(c -> s.append('.').append(c));
      return s.toString();
    }
  }

  /**
   * A component of a record, or a field of a value class.
   *
   * @param name its name
   * @param type its type
   * @param read how generated code reads it: {@code name()} or {@code name}
   */
  public record Component(String name, TypeMirror type, String read) {}

  /** The components of a record, or the instance fields of a value class, in order. */
  public static List<Component> components(TypeElement type) {
    List<Component> out = new ArrayList<>();
    if (type.getKind() == ElementKind.RECORD) {
      for (RecordComponentElement c : type.getRecordComponents()) {
        out.add(new Component(c.getSimpleName().toString(), c.asType(),
            c.getSimpleName() + "()"));
      }
      return out;
    }
    for (VariableElement f : instanceFields(type)) {
      out.add(new Component(f.getSimpleName().toString(), f.asType(),
          f.getSimpleName().toString()));
    }
    return out;
  }

  /** How generated code reads {@code path} from a value of {@code type}, step by step. */
  public static List<String> reads(TypeMirror type, List<String> path) {
    List<String> reads = new ArrayList<>();
    TypeMirror at = type;
    for (String name : path) {
      TypeElement holder = recordOf(at);
      Component c = holder == null ? null : components(holder).stream()
          .filter(k -> k.name().equals(name)).findFirst().orElse(null);
      if (c == null) {
        throw new IllegalArgumentException("no component " + name + " in " + at);
      }
      reads.add(c.read());
      at = c.type();
    }
    return reads;
  }

  /**
   * The record or value class a type names, or null. A value class is the plain Java cousin of
   * a record: a final class of its own (extending Object, without type parameters) whose
   * instance fields are all readable outside it (not private) and numbers, numeric arrays,
   * records or value classes; its fields are its components.
   */
  public static TypeElement recordOf(TypeMirror type) {
    if (type.getKind() == TypeKind.DECLARED
        && ((DeclaredType) type).asElement() instanceof TypeElement t
        && (t.getKind() == ElementKind.RECORD || isValueClass(t, 0))) {
      return t;
    }
    return null;
  }

  /**
   * The record or value class a parameter takes, as {@link #recordOf(TypeMirror)}, except that
   * a value class marked {@code @NoDerivative} is an object the method calls (a source of
   * random numbers, a data holder with methods), not an input read field by field.
   */
  public static TypeElement recordOf(VariableElement parameter) {
    TypeElement t = recordOf(parameter.asType());
    return t != null && t.getKind() != ElementKind.RECORD
        && parameter.getAnnotation(dev.tapeless.NoDerivative.class) != null ? null : t;
  }

  /** Whether {@code t} is a value class (see {@link #recordOf}). */
  public static boolean isValueClass(TypeElement t) {
    return isValueClass(t, 0);
  }

  private static boolean isValueClass(TypeElement t, int depth) {
    if (depth > MAX_DEPTH || t.getKind() != ElementKind.CLASS
        || !t.getModifiers().contains(Modifier.FINAL) || !t.getTypeParameters().isEmpty()
        || t.getSuperclass().getKind() != TypeKind.DECLARED
        || !((TypeElement) ((DeclaredType) t.getSuperclass()).asElement()).getQualifiedName()
            .contentEquals("java.lang.Object")
        || t.getQualifiedName().toString().startsWith("java.")) {
      return false;
    }
    List<VariableElement> fields = instanceFields(t);
    if (fields.isEmpty()) {
      return false;
    }
    for (VariableElement f : fields) {
      TypeMirror ft = f.asType();
      boolean nested = ft.getKind() == TypeKind.DECLARED
          && ((DeclaredType) ft).asElement() instanceof TypeElement n
          && (n.getKind() == ElementKind.RECORD || isValueClass(n, depth + 1));
      if (f.getModifiers().contains(Modifier.PRIVATE)
          || !nested && DifferentiableSignature.typeOf(ft) == null) {
        return false;
      }
    }
    return true;
  }

  /**
   * Why generated code in {@code user}'s package cannot read a field of a value class inside
   * {@code type} (itself or nested), or null when it can read them all.
   */
  public static String unreadableField(TypeElement type, javax.lang.model.element.Element user) {
    for (Component c : components(type)) {
      TypeElement nested = recordOf(c.type());
      if (type.getKind() != ElementKind.RECORD) {
        VariableElement field = instanceFields(type).stream()
            .filter(f -> f.getSimpleName().contentEquals(c.name())).findFirst().orElseThrow();
        if (!field.getModifiers().contains(Modifier.PUBLIC)
            && !Access.packageOf(field).equals(Access.packageOf(user))) {
          return "field " + c.name() + " of " + type.getSimpleName() + " is package-private in"
              + " another package, so the generated gradient class cannot read it; make it public";
        }
      }
      String problem = nested == null ? null : unreadableField(nested, user);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static List<VariableElement> instanceFields(TypeElement t) {
    List<VariableElement> out = new ArrayList<>();
    for (javax.lang.model.element.Element e : t.getEnclosedElements()) {
      if (e.getKind() == ElementKind.FIELD && !e.getModifiers().contains(Modifier.STATIC)) {
        out.add((VariableElement) e);
      }
    }
    return out;
  }

  /**
   * The component a field read names, when {@code field} is an instance field of a value
   * class, or null.
   */
  public static String valueClassComponent(javax.lang.model.element.Element field) {
    return field != null && field.getKind() == ElementKind.FIELD
        && !field.getModifiers().contains(Modifier.STATIC)
        && field.getEnclosingElement() instanceof TypeElement t && isValueClass(t)
        ? field.getSimpleName().toString() : null;
  }

  /** The leaves of a record type, depth first in component order. */
  public static List<Leaf> leaves(TypeElement record) {
    List<Leaf> out = new ArrayList<>();
    collect(record, new ArrayList<>(), out, 0);
    return out;
  }

  private static void collect(TypeElement record, List<String> prefix, List<Leaf> out,
      int depth) {
    collect(record, prefix, new ArrayList<>(prefix), out, depth);
  }

  private static void collect(TypeElement record, List<String> prefix, List<String> reads,
      List<Leaf> out, int depth) {
    for (Component c : components(record)) {
      List<String> path = new ArrayList<>(prefix);
      path.add(c.name());
      List<String> read = new ArrayList<>(reads);
      read.add(c.read());
      TypeElement nested = recordOf(c.type());
      if (nested != null && depth < MAX_DEPTH) {
        collect(nested, path, read, out, depth + 1);
      } else {
        out.add(new Leaf(path, read, DifferentiableSignature.typeOf(c.type())));
      }
    }
  }

  /**
   * The fields of a model class that an instance method's frame takes: its instance fields
   * whose type the IR has (numbers, numeric arrays, records of them), and its non-private
   * {@code @NoDerivative} fields holding an object (a {@code java.util.Random}, a config
   * object), which the body calls as it calls an object parameter; in declaration order. Other
   * fields (a name, an object without {@code @NoDerivative}) are not inputs; reading one is an
   * error.
   */
  public static List<javax.lang.model.element.VariableElement> modelFields(TypeElement owner) {
    List<javax.lang.model.element.VariableElement> out = new ArrayList<>();
    for (javax.lang.model.element.Element e : owner.getEnclosedElements()) {
      if (e.getKind() == ElementKind.FIELD
          && !e.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)
          && (isInput(e.asType()) || isObjectField(e))) {
        out.add((javax.lang.model.element.VariableElement) e);
      }
    }
    return out;
  }

  /**
   * Whether {@code field} is a model's object input: non-private, {@code @NoDerivative}, of a
   * plain class or interface type (not a number, array, list, record or value class).
   */
  public static boolean isObjectField(javax.lang.model.element.Element field) {
    TypeElement record = recordOf(field.asType());
    return field.getKind() == ElementKind.FIELD
        && !field.getModifiers().contains(javax.lang.model.element.Modifier.PRIVATE)
        && field.getAnnotation(dev.tapeless.NoDerivative.class) != null
        && (holdsObject(field.asType())
            // as for a parameter: a @NoDerivative value class is an object the method calls
            || record != null && record.getKind() != ElementKind.RECORD);
  }

  /** Whether a field of this type holds an object the IR types as {@code OBJECT}. */
  public static boolean holdsObject(TypeMirror t) {
    return recordOf(t) == null && DifferentiableSignature.typeOf(t) == null
        && DifferentiableSignature.listTypeOf(t) == null
        && DifferentiableSignature.objectTypeOf(t) != null;
  }

  /** Whether a field of this type is one of a model's inputs. */
  private static boolean isInput(TypeMirror t) {
    TypeElement record = recordOf(t);
    if (record != null) {
      return problem(record) == null;
    }
    Type type = DifferentiableSignature.typeOf(t);
    return type != null && type.dims() <= (type.carriesDerivative() ? 3 : 2);
  }

  /** The leaves of a model field: itself, or a record field's components. */
  public static List<Leaf> fieldLeaves(javax.lang.model.element.VariableElement field) {
    String name = field.getSimpleName().toString();
    if (isObjectField(field)) {
      return List.of(new Leaf(List.of(name), List.of(name),
          DifferentiableSignature.objectTypeOf(field.asType())));
    }
    TypeElement record = recordOf(field.asType());
    if (record == null) {
      return List.of(new Leaf(List.of(name), List.of(name),
          DifferentiableSignature.typeOf(field.asType())));
    }
    List<Leaf> out = new ArrayList<>();
    collect(record, new ArrayList<>(List.of(name)), out, 0);
    return out;
  }

  /**
   * The name of a receiver leaf in generated code: {@code W1}, {@code hidden_bias}; a clash
   * with a parameter's name is a declaration error.
   */
  public static String receiverLeafName(List<String> path) {
    return String.join("_", path);
  }

  /**
   * Why a record cannot be a parameter, naming the first component in the way, or null when it
   * can: every leaf must be a type the IR has.
   */
  public static String problem(TypeElement record) {
    for (Leaf leaf : leaves(record)) {
      Type t = leaf.type();
      if (t == null || t.dims() > 3 || (!t.carriesDerivative() && t.dims() > 2)) {
        return "component " + String.join(".", leaf.path()) + " of record "
            + record.getSimpleName() + " is not a number, a numeric array or a record of them";
      }
    }
    return null;
  }

  /**
   * The component a method reads, when {@code method} is a record's accessor (the method of a
   * record component), or null.
   */
  public static RecordComponentElement componentOf(ExecutableElement method) {
    if (method.getEnclosingElement() instanceof TypeElement t && t.getKind() == ElementKind.RECORD
        && method.getParameters().isEmpty()) {
      for (RecordComponentElement c : t.getRecordComponents()) {
        if (method.equals(c.getAccessor())) {
          return c;
        }
      }
    }
    return null;
  }
}

package dev.tapeless.processor.frontend;

import dev.tapeless.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
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
   * @param type the leaf's IR type
   */
  public record Leaf(List<String> path, Type type) {
    public Leaf {
      path = List.copyOf(path);
    }

    /** The leaf's name in generated code: {@code p_inner_a}. */
    public String name(String root) {
      return root + "_" + String.join("_", path);
    }

    /** The accessor calls reading it from {@code root}: {@code p.inner().a()}. */
    public String access(String root) {
      StringBuilder s = new StringBuilder(root);
      path.forEach(c -> s.append('.').append(c).append("()"));
      return s.toString();
    }
  }

  /** The record a type names, or null when it is not a record. */
  public static TypeElement recordOf(TypeMirror type) {
    if (type.getKind() == TypeKind.DECLARED
        && ((DeclaredType) type).asElement() instanceof TypeElement t
        && t.getKind() == ElementKind.RECORD) {
      return t;
    }
    return null;
  }

  /** The leaves of a record type, depth first in component order. */
  public static List<Leaf> leaves(TypeElement record) {
    List<Leaf> out = new ArrayList<>();
    collect(record, new ArrayList<>(), out, 0);
    return out;
  }

  private static void collect(TypeElement record, List<String> prefix, List<Leaf> out,
      int depth) {
    for (RecordComponentElement c : record.getRecordComponents()) {
      List<String> path = new ArrayList<>(prefix);
      path.add(c.getSimpleName().toString());
      TypeElement nested = recordOf(c.asType());
      if (nested != null && depth < MAX_DEPTH) {
        collect(nested, path, out, depth + 1);
      } else {
        out.add(new Leaf(path, DifferentiableSignature.typeOf(c.asType())));
      }
    }
  }

  /**
   * The fields of a model class that an instance method's frame differentiates: its instance
   * fields whose type the IR has (numbers, numeric arrays, records of them), in declaration
   * order. Other fields (a name, a random generator) are not inputs; reading one is an error.
   */
  public static List<javax.lang.model.element.VariableElement> modelFields(TypeElement owner) {
    List<javax.lang.model.element.VariableElement> out = new ArrayList<>();
    for (javax.lang.model.element.Element e : owner.getEnclosedElements()) {
      if (e.getKind() == ElementKind.FIELD
          && !e.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)
          && isInput(e.asType())) {
        out.add((javax.lang.model.element.VariableElement) e);
      }
    }
    return out;
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
    TypeElement record = recordOf(field.asType());
    if (record == null) {
      return List.of(new Leaf(List.of(name), DifferentiableSignature.typeOf(field.asType())));
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

package dev.tapeless.processor.ir;

/**
 * The type of an IR value: a primitive kind and an array depth (0 for scalars), so that arrays
 * fit without changing the IR's shape; or an object passed as a {@code @NoDerivative}
 * parameter ({@link Kind#OBJECT}), whose class {@code reference} names.
 *
 * @param reference for an object, its class as {@code Owners} encodes it
 *     ({@code package/Outer.Inner}); null for the primitive kinds
 */
public record Type(Kind kind, int dims, String reference) {

  /**
   * Primitive kinds, and OBJECT for an object parameter (a {@code java.util.Random}) the body
   * only calls and reads fields of; only DOUBLE and FLOAT values can carry a derivative.
   */
  public enum Kind {
    DOUBLE("double", "0.0"),
    FLOAT("float", "0.0f"),
    LONG("long", "0L"),
    INT("int", "0"),
    SHORT("short", "(short) 0"),
    BYTE("byte", "(byte) 0"),
    CHAR("char", "'\\0'"),
    BOOLEAN("boolean", "false"),
    OBJECT("Object", "null");

    private final String javaName;
    private final String zero;

    Kind(String javaName, String zero) {
      this.javaName = javaName;
      this.zero = zero;
    }
  }

  public static final Type DOUBLE = new Type(Kind.DOUBLE, 0);
  public static final Type FLOAT = new Type(Kind.FLOAT, 0);
  public static final Type INT = new Type(Kind.INT, 0);
  public static final Type BOOLEAN = new Type(Kind.BOOLEAN, 0);

  /** A primitive type, or an array of one. */
  public Type(Kind kind, int dims) {
    this(kind, dims, null);
  }

  /** An object of the class {@code owner} ({@code package/Outer.Inner}). */
  public static Type object(String owner) {
    return new Type(Kind.OBJECT, 0, owner);
  }

  /** The {@code reference} of a {@code java.util.List} of arrays. */
  public static final String LIST = "java.util/List";

  /**
   * A {@code java.util.List<double[]>} (dims 2) or {@code List<double[][]>} (dims 3): read-only
   * data indexed like an array whose first index is {@code get(i)}; never differentiated.
   */
  public static Type list(Kind kind, int dims) {
    return new Type(kind, dims, LIST);
  }

  /** Whether this is a list of arrays, whose first index is spelled {@code get(i)}. */
  public boolean isList() {
    return LIST.equals(reference);
  }

  /** Whether this is an object parameter's type, which is never a number or an array. */
  public boolean isObject() {
    return kind == Kind.OBJECT;
  }

  public static Type scalar(Kind kind) {
    return new Type(kind, 0);
  }

  /** True for scalar values that can carry a derivative: double and float. */
  public boolean isReal() {
    return carriesDerivative() && dims == 0;
  }

  /** True for scalars and arrays of doubles or floats: everything that can have an adjoint. */
  public boolean carriesDerivative() {
    return kind == Kind.DOUBLE || kind == Kind.FLOAT;
  }

  /** True for float values and arrays, whose adjoints and tangents are floats too. */
  public boolean isFloat() {
    return kind == Kind.FLOAT;
  }

  /** The scalar type of this array's elements (this type for a scalar). */
  public Type element() {
    return new Type(kind, 0);
  }

  /** The zero literal of this type's elements, to reset an adjoint or an element of one. */
  public String elementZero() {
    return kind.zero;
  }

  public boolean isArray() {
    return dims > 0;
  }

  /** The type after {@code n} indexing operations. */
  public Type indexed(int n) {
    return new Type(kind, dims - n);
  }

  public String javaName() {
    if (isList()) {
      return "java.util.List<" + indexed(1).javaName() + ">";
    }
    if (isObject()) {
      int slash = reference.indexOf('/');
      return slash == 0 ? reference.substring(1) : reference.replace('/', '.');
    }
    return kind.javaName + "[]".repeat(dims);
  }

  /** A literal of this type's default value, for hoisted declarations. */
  public String zeroLiteral() {
    return dims == 0 || isObject() ? kind.zero : "null";
  }

  @Override
  public String toString() {
    return javaName();
  }
}

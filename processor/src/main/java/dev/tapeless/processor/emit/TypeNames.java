package dev.tapeless.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.TypeName;
import dev.tapeless.processor.frontend.DifferentiableSignature;
import dev.tapeless.processor.ir.Type;

/** JavaPoet names for IR types, so that emitters never spell out {@code double[][]} themselves. */
public final class TypeNames {
  private TypeNames() {}

  /** The result type of the method's frame methods: its own, or void. */
  public static TypeName result(DifferentiableSignature sig) {
    return sig.returnsReal() ? of(sig.resultType()) : TypeName.VOID;
  }

  public static TypeName of(Type type) {
    if (type.isObject()) {
      return JavaExprs.owner(type.reference());
    }
    if (type.isList()) {
      return com.palantir.javapoet.ParameterizedTypeName.get(JavaExprs.owner(Type.LIST),
          of(type.indexed(1)));
    }
    TypeName name = switch (type.kind()) {
      case DOUBLE -> TypeName.DOUBLE;
      case FLOAT -> TypeName.FLOAT;
      case LONG -> TypeName.LONG;
      case INT -> TypeName.INT;
      case SHORT -> TypeName.SHORT;
      case BYTE -> TypeName.BYTE;
      case CHAR -> TypeName.CHAR;
      case BOOLEAN -> TypeName.BOOLEAN;
      case OBJECT -> throw new IllegalStateException("objects are named above");
    };
    for (int i = 0; i < type.dims(); i++) {
      name = ArrayTypeName.of(name);
    }
    return name;
  }
}

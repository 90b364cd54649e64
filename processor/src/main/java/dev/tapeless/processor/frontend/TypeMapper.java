package dev.tapeless.processor.frontend;

import com.sun.source.tree.Tree;
import dev.tapeless.processor.diagnostics.CompileError;
import dev.tapeless.processor.diagnostics.Diagnostic;
import dev.tapeless.processor.ir.Type;
import javax.lang.model.type.TypeMirror;

/** Maps javac's types to IR types, rejecting those the IR does not have. */
final class TypeMapper {
  private TypeMapper() {}

  static Type map(TypeMirror type, Tree where) {
    if (type == null) {
      throw new CompileError(where, Diagnostic.UNSUPPORTED_TYPE, "unknown");
    }
    return switch (type.getKind()) {
      case DOUBLE -> Type.DOUBLE;
      case FLOAT -> Type.FLOAT;
      case INT -> Type.INT;
      case LONG -> Type.scalar(Type.Kind.LONG);
      case SHORT -> Type.scalar(Type.Kind.SHORT);
      case BYTE -> Type.scalar(Type.Kind.BYTE);
      case CHAR -> Type.scalar(Type.Kind.CHAR);
      case BOOLEAN -> Type.BOOLEAN;
      case ARRAY -> {
        Type array = DifferentiableSignature.typeOf(type);
        if (array == null) {
          throw new CompileError(where, Diagnostic.UNSUPPORTED_TYPE, type);
        }
        yield array;
      }
      default -> throw new CompileError(where, Diagnostic.UNSUPPORTED_TYPE, type);
    };
  }
}

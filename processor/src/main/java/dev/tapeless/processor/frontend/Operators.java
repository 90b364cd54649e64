package dev.tapeless.processor.frontend;

import com.sun.source.tree.Tree;
import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.UnaryOp;

/** javac tree kinds to IR operators. */
final class Operators {
  private Operators() {}

  static BinaryOp binary(Tree.Kind kind) {
    return switch (kind) {
      case PLUS -> BinaryOp.ADD;
      case MINUS -> BinaryOp.SUB;
      case MULTIPLY -> BinaryOp.MUL;
      case DIVIDE -> BinaryOp.DIV;
      case REMAINDER -> BinaryOp.REM;
      case LESS_THAN -> BinaryOp.LT;
      case LESS_THAN_EQUAL -> BinaryOp.LE;
      case GREATER_THAN -> BinaryOp.GT;
      case GREATER_THAN_EQUAL -> BinaryOp.GE;
      case EQUAL_TO -> BinaryOp.EQ;
      case NOT_EQUAL_TO -> BinaryOp.NE;
      case CONDITIONAL_AND -> BinaryOp.AND;
      case CONDITIONAL_OR -> BinaryOp.OR;
      case AND -> BinaryOp.BIT_AND;
      case OR -> BinaryOp.BIT_OR;
      case XOR -> BinaryOp.XOR;
      case LEFT_SHIFT -> BinaryOp.SHL;
      case RIGHT_SHIFT -> BinaryOp.SHR;
      case UNSIGNED_RIGHT_SHIFT -> BinaryOp.USHR;
      default -> throw new IllegalArgumentException("not a binary operator: " + kind);
    };
  }

  static BinaryOp compound(Tree.Kind kind) {
    return switch (kind) {
      case PLUS_ASSIGNMENT -> BinaryOp.ADD;
      case MINUS_ASSIGNMENT -> BinaryOp.SUB;
      case MULTIPLY_ASSIGNMENT -> BinaryOp.MUL;
      case DIVIDE_ASSIGNMENT -> BinaryOp.DIV;
      case REMAINDER_ASSIGNMENT -> BinaryOp.REM;
      case AND_ASSIGNMENT -> BinaryOp.BIT_AND;
      case OR_ASSIGNMENT -> BinaryOp.BIT_OR;
      case XOR_ASSIGNMENT -> BinaryOp.XOR;
      case LEFT_SHIFT_ASSIGNMENT -> BinaryOp.SHL;
      case RIGHT_SHIFT_ASSIGNMENT -> BinaryOp.SHR;
      case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> BinaryOp.USHR;
      default -> throw new IllegalArgumentException("not a compound assignment: " + kind);
    };
  }

  static UnaryOp unary(Tree.Kind kind) {
    return switch (kind) {
      case UNARY_MINUS -> UnaryOp.NEG;
      case UNARY_PLUS -> UnaryOp.PLUS;
      case LOGICAL_COMPLEMENT -> UnaryOp.NOT;
      case BITWISE_COMPLEMENT -> UnaryOp.COMPLEMENT;
      default -> throw new IllegalArgumentException("not a unary operator: " + kind);
    };
  }
}

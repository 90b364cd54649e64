package dev.tapeless.processor.frontend;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.tapeless.processor.diagnostics.CompileError;
import dev.tapeless.processor.diagnostics.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Rejects every construct outside the differentiable subset, each on its exact tree, before
 * lowering sees the body. Collects all problems rather than stopping at the first, so a user
 * fixes them in one pass.
 */
public final class LanguageFence extends TreePathScanner<Void, Void> {
  private final Trees trees;
  private final ExecutableElement method;
  private final List<CompileError> errors = new ArrayList<>();
  private ExpressionTree statementLevelAssignment;

  private LanguageFence(Trees trees, ExecutableElement method) {
    this.trees = trees;
    this.method = method;
  }

  /** All violations in the body at {@code bodyPath}, in source order. */
  public static List<CompileError> check(Trees trees, ExecutableElement method, TreePath bodyPath) {
    LanguageFence fence = new LanguageFence(trees, method);
    fence.scan(bodyPath, null);
    return fence.errors;
  }

  private Void reject(Tree tree, Diagnostic d, Object... args) {
    errors.add(new CompileError(tree, d, args));
    return null;
  }

  private Void unsupportedStatement(Tree tree, String what, String instead) {
    return reject(tree, Diagnostic.UNSUPPORTED_STATEMENT, what, instead);
  }

  @Override
  public Void scan(Tree tree, Void unused) {
    if (tree == null) {
      return null;
    }
    switch (tree.getKind()) {
      case FOR_LOOP, ENHANCED_FOR_LOOP, WHILE_LOOP, DO_WHILE_LOOP, BREAK, CONTINUE:
        return reject(tree, Diagnostic.LOOP_NOT_SUPPORTED);
      case TRY:
        return reject(tree, Diagnostic.TRY_CATCH);
      case SWITCH, SWITCH_EXPRESSION, YIELD:
        return unsupportedStatement(tree, "switch", "use if/else or the ternary operator");
      case THROW:
        return unsupportedStatement(tree, "throw", "validate the arguments before the call");
      case ASSERT:
        return unsupportedStatement(tree, "assert", "check the condition in the caller");
      case SYNCHRONIZED:
        return unsupportedStatement(tree, "synchronized", "synchronize in the caller");
      case LABELED_STATEMENT:
        return unsupportedStatement(tree, "a labeled statement", "remove the label");
      case CLASS, INTERFACE, ENUM, RECORD:
        return unsupportedStatement(tree, "a local class", "declare it outside the method");
      case LAMBDA_EXPRESSION, MEMBER_REFERENCE:
        return reject(tree, Diagnostic.LAMBDA);
      case NEW_CLASS:
        return reject(tree, Diagnostic.OBJECT_CREATION);
      case NEW_ARRAY, ARRAY_ACCESS, ARRAY_TYPE:
        return reject(tree, Diagnostic.ARRAY_NOT_SUPPORTED);
      case INSTANCE_OF:
        return reject(tree, Diagnostic.UNSUPPORTED_EXPRESSION, "instanceof", "use double values");
      case STRING_LITERAL, NULL_LITERAL:
        return reject(tree, Diagnostic.UNSUPPORTED_EXPRESSION, "a string or null value",
            "compute with doubles and build strings in the caller");
      case FLOAT_LITERAL:
        return reject(tree, Diagnostic.UNSUPPORTED_TYPE, "float");
      default:
        return super.scan(tree, unused);
    }
  }

  @Override
  public Void visitExpressionStatement(ExpressionStatementTree node, Void unused) {
    ExpressionTree e = node.getExpression();
    if (isAssignment(e)) {
      statementLevelAssignment = e;
    } else if (e.getKind() == Tree.Kind.METHOD_INVOCATION) {
      reject(e, Diagnostic.DISCARDED_CALL);
    }
    return super.visitExpressionStatement(node, unused);
  }

  private static boolean isAssignment(ExpressionTree e) {
    return e instanceof AssignmentTree
        || e instanceof CompoundAssignmentTree
        || switch (e.getKind()) {
          case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
          default -> false;
        };
  }

  /**
   * Assignments are statements only: the one directly under an expression statement is checked
   * for its target, any other is nested inside an expression and rejected.
   */
  private Void assignment(ExpressionTree node, ExpressionTree target, ExpressionTree value) {
    if (node != statementLevelAssignment) {
      reject(node, Diagnostic.NESTED_ASSIGNMENT);
    }
    Element element = trees.getElement(new TreePath(getCurrentPath(), target));
    if (element != null && element.getKind() == ElementKind.FIELD) {
      reject(node, Diagnostic.FIELD_WRITE);
    } else if (target.getKind() != Tree.Kind.IDENTIFIER) {
      scan(target, null);
    }
    return value == null ? null : scan(value, null);
  }

  @Override
  public Void visitAssignment(AssignmentTree node, Void unused) {
    return assignment(node, node.getVariable(), node.getExpression());
  }

  @Override
  public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
    return assignment(node, node.getVariable(), node.getExpression());
  }

  @Override
  public Void visitUnary(UnaryTree node, Void unused) {
    switch (node.getKind()) {
      case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT:
        return assignment(node, node.getExpression(), null);
      default:
        return super.visitUnary(node, unused);
    }
  }

  @Override
  public Void visitVariable(VariableTree node, Void unused) {
    checkType(node.getType(), trees.getTypeMirror(new TreePath(getCurrentPath(), node.getType())));
    return scan(node.getInitializer(), null);
  }

  @Override
  public Void visitTypeCast(TypeCastTree node, Void unused) {
    checkType(node.getType(), trees.getTypeMirror(new TreePath(getCurrentPath(), node.getType())));
    return scan(node.getExpression(), null);
  }

  private void checkType(Tree where, TypeMirror type) {
    if (type == null) {
      return;
    }
    TypeKind kind = type.getKind();
    if (kind == TypeKind.ARRAY) {
      reject(where, Diagnostic.ARRAY_NOT_SUPPORTED);
    } else if (kind == TypeKind.FLOAT || !kind.isPrimitive()) {
      reject(where, Diagnostic.UNSUPPORTED_TYPE, type);
    }
  }

  @Override
  public Void visitLiteral(LiteralTree node, Void unused) {
    return null;
  }

  @Override
  public Void visitIdentifier(IdentifierTree node, Void unused) {
    checkFieldRead(node, trees.getElement(getCurrentPath()));
    return null;
  }

  @Override
  public Void visitMemberSelect(MemberSelectTree node, Void unused) {
    Element element = trees.getElement(getCurrentPath());
    if (element == null) {
      return null;
    }
    if (element.getKind() == ElementKind.FIELD) {
      checkFieldRead(node, element);
      return null;
    }
    // A qualifier such as Math in Math.PI: a type or package, nothing to check.
    return null;
  }

  private void checkFieldRead(Tree node, Element element) {
    if (element == null || element.getKind() != ElementKind.FIELD) {
      return;
    }
    VariableElement field = (VariableElement) element;
    if (!field.getModifiers().contains(Modifier.STATIC)) {
      reject(node, Diagnostic.INSTANCE_FIELD_READ);
    } else if (field.getConstantValue() == null) {
      if (field.getModifiers().contains(Modifier.PRIVATE)) {
        reject(node, Diagnostic.INACCESSIBLE_MEMBER, "field " + field.getSimpleName());
      } else {
        checkType(node, field.asType());
      }
    } else {
      checkType(node, field.asType());
    }
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
    Element element = trees.getElement(getCurrentPath());
    if (element instanceof ExecutableElement callee) {
      if (callee.equals(method)) {
        reject(node, Diagnostic.RECURSION, method.getSimpleName() + " calls itself");
      } else if (!callee.getModifiers().contains(Modifier.STATIC)) {
        reject(node, Diagnostic.UNSUPPORTED_EXPRESSION, "an instance method call",
            "call a static method with double arguments");
      } else if (callee.getModifiers().contains(Modifier.PRIVATE)) {
        reject(node, Diagnostic.INACCESSIBLE_MEMBER, "method " + callee.getSimpleName());
      } else {
        TypeMirror result = callee.getReturnType();
        if (result.getKind() == TypeKind.VOID) {
          reject(node, Diagnostic.DISCARDED_CALL);
        } else {
          checkType(node, result);
        }
      }
    }
    return scan(node.getArguments(), null);
  }

  @Override
  public Void visitNewClass(NewClassTree node, Void unused) {
    return reject(node, Diagnostic.OBJECT_CREATION);
  }

  @Override
  public Void visitNewArray(NewArrayTree node, Void unused) {
    return reject(node, Diagnostic.ARRAY_NOT_SUPPORTED);
  }

  @Override
  public Void visitArrayAccess(ArrayAccessTree node, Void unused) {
    return reject(node, Diagnostic.ARRAY_NOT_SUPPORTED);
  }

  @Override
  public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
    return reject(node, Diagnostic.LAMBDA);
  }

  @Override
  public Void visitMemberReference(MemberReferenceTree node, Void unused) {
    return reject(node, Diagnostic.LAMBDA);
  }
}

package dev.tapeless.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.tapeless.Out;
import dev.tapeless.processor.diagnostics.CompileError;
import dev.tapeless.processor.diagnostics.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
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
  /** Array locals naming another array or a row of one, by what they finally name. */
  private final Map<Element, TreePath> aliasRoots = new HashMap<>();

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
      case TRY:
        return reject(tree, Diagnostic.TRY_CATCH);
      case SWITCH:
        return checkSwitch((SwitchTree) tree);
      case SWITCH_EXPRESSION:
        return checkSwitchExpression((SwitchExpressionTree) tree);
      case YIELD:
        return unsupportedStatement(tree, "yield",
            "give each case of a switch expression a single expression: case 1 -> x * 2;");
      case THROW:
        return unsupportedStatement(tree, "throw", "validate the arguments before the call");
      case ASSERT:
        return unsupportedStatement(tree, "assert", "check the condition in the caller");
      case SYNCHRONIZED:
        return unsupportedStatement(tree, "synchronized", "synchronize in the caller");
      case LABELED_STATEMENT:
        return unsupportedStatement(tree, "a labeled statement",
            "remove the label; break and continue without labels are supported");
      case CLASS, INTERFACE, ENUM, RECORD:
        return unsupportedStatement(tree, "a local class", "declare it outside the method");
      case LAMBDA_EXPRESSION, MEMBER_REFERENCE:
        return reject(tree, Diagnostic.LAMBDA);
      case NEW_CLASS:
        return reject(tree, Diagnostic.OBJECT_CREATION);
      case INSTANCE_OF:
        return reject(tree, Diagnostic.UNSUPPORTED_EXPRESSION, "instanceof", "use double values");
      case STRING_LITERAL, NULL_LITERAL:
        return reject(tree, Diagnostic.UNSUPPORTED_TYPE, "String");
      default:
        return super.scan(tree, unused);
    }
  }

  /**
   * A switch statement on an integer (or char) with constant labels: arrow cases, or colon
   * cases that each end in {@code break} (or return, continue), so that none falls through;
   * Lowering makes it an if/else chain.
   */
  private Void checkSwitch(SwitchTree node) {
    if (!integralSelector(node.getExpression())) {
      return null;
    }
    List<? extends CaseTree> cases = node.getCases();
    for (int k = 0; k < cases.size(); k++) {
      CaseTree c = cases.get(k);
      if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
        scanCaseBody(c.getBody());
        continue;
      }
      List<? extends StatementTree> body = c.getStatements();
      boolean last = k == cases.size() - 1;
      if (!body.isEmpty() && !last && !endsInJump(body)) {
        return unsupportedStatement(c, "a case that falls through into the next",
            "end each case with break (or return), or give both cases' labels to one case:"
                + " case 1, 2:");
      }
      for (int i = 0; i < body.size(); i++) {
        boolean trailingBreak = i == body.size() - 1 && body.get(i) instanceof BreakTree;
        if (!trailingBreak) {
          scanCaseBody(body.get(i));
        }
      }
    }
    return null;
  }

  private void scanCaseBody(Tree body) {
    switchBodies.push(getCurrentPath());
    try {
      scan(body, null);
    } finally {
      switchBodies.pop();
    }
  }

  /** A switch expression whose cases are arrows to single expressions. */
  private Void checkSwitchExpression(SwitchExpressionTree node) {
    if (!integralSelector(node.getExpression())) {
      return null;
    }
    for (CaseTree c : node.getCases()) {
      if (c.getCaseKind() != CaseTree.CaseKind.RULE || !(c.getBody() instanceof ExpressionTree)) {
        return unsupportedStatement(c, "this case of a switch expression",
            "give each case a single expression: case 1 -> x * 2;");
      }
      scan(c.getBody(), null);
    }
    return null;
  }

  private boolean integralSelector(ExpressionTree selector) {
    TypeMirror type = trees.getTypeMirror(new TreePath(getCurrentPath(), selector));
    TypeKind kind = type == null ? null : type.getKind();
    if (kind != TypeKind.INT && kind != TypeKind.SHORT && kind != TypeKind.BYTE
        && kind != TypeKind.CHAR) {
      reject(selector, Diagnostic.UNSUPPORTED_EXPRESSION, "a switch on " + type,
          "switch on an int (or char), or use if/else");
      return false;
    }
    scan(selector, null);
    return true;
  }

  private static boolean endsInJump(List<? extends StatementTree> body) {
    Tree last = body.get(body.size() - 1);
    return last instanceof BreakTree || last instanceof ReturnTree
        || last instanceof ContinueTree;
  }

  /**
   * The paths around the switches whose case bodies are being scanned: the case code is scanned
   * from there (a case's last break is not scanned at all).
   */
  private final java.util.Deque<TreePath> switchBodies = new java.util.ArrayDeque<>();

  /** Whether the current break leaves the innermost switch being scanned, not a loop in it. */
  private boolean breaksOutOfASwitch() {
    TreePath around = switchBodies.peek();
    for (TreePath p = getCurrentPath().getParentPath(); p != null; p = p.getParentPath()) {
      if (p == around) {
        return true;
      }
      switch (p.getLeaf().getKind()) {
        case FOR_LOOP, ENHANCED_FOR_LOOP, WHILE_LOOP, DO_WHILE_LOOP:
          return false;
        default:
          break;
      }
    }
    return false;
  }

  @Override
  public Void visitBreak(BreakTree node, Void unused) {
    if (!switchBodies.isEmpty() && node.getLabel() == null && breaksOutOfASwitch()) {
      return unsupportedStatement(node, "a break out of a switch from inside a case's code",
          "end the case with break, and use if/else for the rest");
    }
    if (node.getLabel() != null) {
      return unsupportedStatement(node, "a labeled break", "break out of the innermost loop");
    }
    return null;
  }

  @Override
  public Void visitContinue(ContinueTree node, Void unused) {
    if (node.getLabel() != null) {
      return unsupportedStatement(node, "a labeled continue", "continue the innermost loop");
    }
    return null;
  }

  @Override
  public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
    TreePath expression = new TreePath(getCurrentPath(), node.getExpression());
    TypeMirror element = trees.getTypeMirror(new TreePath(getCurrentPath(), node.getVariable()));
    if (node.getExpression().getKind() == Tree.Kind.IDENTIFIER && isListParameter(
        trees.getElement(new TreePath(getCurrentPath(), node.getExpression())))) {
      listRows.add(trees.getElement(new TreePath(getCurrentPath(), node.getVariable())));
      return scan(node.getStatement(), null);
    }
    if (!RowAliases.isDesignator(trees, expression) || element == null) {
      reject(node.getExpression(), Diagnostic.ARRAY_NOT_SUPPORTED,
          "this enhanced for loop", "loop over an array variable, a row W[i] or a record's"
              + " array component");
    } else if (element.getKind() == TypeKind.ARRAY) {
      aliasRoots.put(trees.getElement(new TreePath(getCurrentPath(), node.getVariable())),
          root(expression));
    }
    scan(node.getExpression(), null);
    return scan(node.getStatement(), null);
  }

  @Override
  public Void visitExpressionStatement(ExpressionStatementTree node, Void unused) {
    ExpressionTree e = node.getExpression();
    if (isAssignment(e)) {
      statementLevelAssignment = e;
    } else if (e instanceof MethodInvocationTree call) {
      TreePath callPath = new TreePath(getCurrentPath(), call);
      String name = LibraryCalls.name(trees, callPath);
      if (name.equals(LibraryCalls.FILL)) {
        checkFill(callPath, call);
      } else if (name.equals(LibraryCalls.ARRAYCOPY)) {
        checkArraycopy(callPath, call);
      }
    }
    return super.visitExpressionStatement(node, unused);
  }

  /** {@code Arrays.fill} on a {@code double[]} or {@code int[]} the method may write. */
  private void checkFill(TreePath path, MethodInvocationTree call) {
    ExecutableElement fill = (ExecutableElement) trees.getElement(path);
    TypeMirror array = fill.getParameters().get(0).asType();
    if (dims(array) != 1 || (!isReal(baseKind(array)) && baseKind(array) != TypeKind.INT)) {
      reject(call, Diagnostic.ARRAY_NOT_SUPPORTED, "Arrays.fill on this array",
          "fill a double[], float[] or int[], or each row of a matrix: Arrays.fill(W[i], v)");
      return;
    }
    checkWritable(call, call.getArguments().get(0));
  }

  /** {@code System.arraycopy} between one-dimensional arrays of one supported type. */
  private void checkArraycopy(TreePath path, MethodInvocationTree call) {
    TypeMirror src = trees.getTypeMirror(new TreePath(path, call.getArguments().get(0)));
    TypeMirror dst = trees.getTypeMirror(new TreePath(path, call.getArguments().get(2)));
    if (src == null || dst == null || src.getKind() != TypeKind.ARRAY || dims(src) != 1
        || dims(dst) != 1 || baseKind(src) != baseKind(dst)
        || (!isReal(baseKind(src)) && baseKind(src) != TypeKind.INT)) {
      reject(call, Diagnostic.ARRAY_NOT_SUPPORTED, "this System.arraycopy",
          "copy between two double[] (float[], int[]) arrays or rows; copy a matrix row by row");
      return;
    }
    checkWritable(call, call.getArguments().get(2));
  }

  /** An array the method writes through a library call: a local or an {@code @Out} array. */
  private void checkWritable(Tree call, ExpressionTree array) {
    TreePath basePath = root(new TreePath(getCurrentPath(), array));
    Element element = trees.getElement(basePath);
    if (element != null && element.getKind() == ElementKind.FIELD) {
      reject(call, Diagnostic.FIELD_WRITE);
    } else if (isComponentRead(basePath)) {
      reject(call, Diagnostic.PARAMETER_ARRAY_WRITE, basePath.getLeaf().toString());
    } else if (element != null && element.getKind() == ElementKind.PARAMETER
        && element.getAnnotation(Out.class) == null) {
      reject(call, Diagnostic.PARAMETER_ARRAY_WRITE, element.getSimpleName());
    }
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
    if (node != statementLevelAssignment && !NestedUpdates.allowed(trees, getCurrentPath())) {
      reject(node, Diagnostic.NESTED_ASSIGNMENT);
    }
    checkTarget(node, target);
    if (target.getKind() != Tree.Kind.IDENTIFIER) {
      scan(target, null);
    }
    return value == null ? null : scan(value, null);
  }

  private void checkTarget(ExpressionTree node, ExpressionTree target) {
    TreePath targetPath = new TreePath(getCurrentPath(), target);
    if (target.getKind() == Tree.Kind.IDENTIFIER
        && aliasRoots.containsKey(trees.getElement(targetPath))) {
      if (!(node instanceof AssignmentTree a)
          || !RowAliases.isDesignator(trees, new TreePath(getCurrentPath(), a.getExpression()))) {
        reject(node, Diagnostic.ARRAY_NOT_SUPPORTED, "this update of a row variable",
            "point it at another row of the same array (row = W[k]) or write its elements");
      }
      return;
    }
    boolean whole = RowAliases.base(targetPath).getLeaf() == target;
    TreePath basePath = root(targetPath);
    if (isListRow(basePath)) {
      reject(node, Diagnostic.LIST_USE, "writing into " + basePath.getLeaf()
          + ", a row of a List parameter,", "compute into an array local"
          + " (double[] r = new double[n];) instead");
      return;
    }
    Element element = trees.getElement(basePath);
    if (element != null && element.getKind() == ElementKind.FIELD) {
      reject(node, Diagnostic.FIELD_WRITE);
      return;
    }
    if (!whole && isComponentRead(basePath)) {
      reject(node, Diagnostic.PARAMETER_ARRAY_WRITE, basePath.getLeaf().toString());
      return;
    }
    if (whole) {
      TypeMirror type = element == null ? null : element.asType();
      if (type != null && type.getKind() == TypeKind.ARRAY) {
        reject(node, Diagnostic.ARRAY_VARIABLE_REASSIGNED, element.getSimpleName());
      }
    } else if (element != null && element.getKind() == ElementKind.PARAMETER
        && element.getAnnotation(Out.class) == null) {
      reject(node, Diagnostic.PARAMETER_ARRAY_WRITE, element.getSimpleName());
    } else {
      TypeMirror written = trees.getTypeMirror(new TreePath(getCurrentPath(), target));
      if (written != null && written.getKind() == TypeKind.ARRAY) {
        reject(node, Diagnostic.ARRAY_NOT_SUPPORTED, "replacing a whole row",
            "write its elements instead (W[i][j] = ...)");
      }
    }
  }

  @Override
  public Void visitAssignment(AssignmentTree node, Void unused) {
    return assignment(node, node.getVariable(), node.getExpression());
  }

  /** Annotations on locals ({@code @Checkpoint(every = 7)}) hold constants, not code. */
  @Override
  public Void visitAnnotation(com.sun.source.tree.AnnotationTree node, Void unused) {
    return null;
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
    TypeMirror type = trees.getTypeMirror(new TreePath(getCurrentPath(), node.getType()));
    checkType(node.getType(), type);
    if (type != null && type.getKind() == TypeKind.ARRAY && !isLoopVariable()) {
      checkArrayLocal(node);
      return null;
    }
    return scan(node.getInitializer(), null);
  }

  private boolean isLoopVariable() {
    Tree parent = getCurrentPath().getParentPath().getLeaf();
    return parent instanceof EnhancedForLoopTree;
  }

  /**
   * What an array expression finally names: under its indexing, the array a row variable was
   * taken from rather than the row variable, so writes through it are checked as writes of it.
   */
  private TreePath root(TreePath array) {
    TreePath base = RowAliases.base(array);
    TreePath aliased = aliasRoots.get(trees.getElement(base));
    return aliased != null ? aliased : base;
  }

  /**
   * Array locals: {@code double[] h = new double[n];} (inside a loop, of a size the loop does
   * not change), a copy or an initializer, or a name for an existing array or row
   * ({@code double[] row = W[i];}).
   */
  private void checkArrayLocal(VariableTree node) {
    ExpressionTree init = node.getInitializer();
    if (RowAliases.isAlias(trees, getCurrentPath())) {
      aliasRoots.put(trees.getElement(getCurrentPath()),
          root(new TreePath(getCurrentPath(), init)));
      scan(init, null);
      return;
    }
    TypeMirror local = trees.getTypeMirror(new TreePath(getCurrentPath(), node.getType()));
    if (init != null && LibraryCalls.name(trees, new TreePath(getCurrentPath(), init))
        .equals(LibraryCalls.CLONE)) {
      ExpressionTree source =
          ((MemberSelectTree) ((MethodInvocationTree) init).getMethodSelect()).getExpression();
      if (dims(local) != 1 || !isReal(baseKind(local))) {
        reject(init, Diagnostic.ARRAY_NOT_SUPPORTED, "this clone()",
            "copy a double[] (or a row W[i]) into a local: double[] copy = a.clone();");
      } else {
        checkSizeFixed(init, source);
      }
      scan(source, null);
      return;
    }
    if (init instanceof NewArrayTree n && n.getInitializers() != null) {
      checkInitializer(node, n);
      return;
    }
    if (!(init instanceof NewArrayTree n) || n.getDimensions().isEmpty() || n.getType() == null) {
      reject(node, Diagnostic.ARRAY_NOT_SUPPORTED, "this array variable",
          "declare array locals as new double[n], new double[n][m] or new double[n][m][k],"
              + " as a copy (a.clone()), or as a name for an existing array or row"
              + " (double[] row = W[i])");
      return;
    }
    TypeMirror type = trees.getTypeMirror(new TreePath(getCurrentPath(), node.getType()));
    if (!isReal(baseKind(type)) || dims(type) > 3
        || n.getDimensions().size() != dims(type) || n.getInitializers() != null) {
      reject(init, Diagnostic.ARRAY_NOT_SUPPORTED, "this array creation",
          "use new double[n], new double[n][m] or new double[n][m][k] (or float)");
    } else {
      for (ExpressionTree d : n.getDimensions()) {
        if (checkSizeFixed(init, d)) {
          break;
        }
      }
    }
    for (ExpressionTree d : n.getDimensions()) {
      scan(d, null);
    }
  }

  /**
   * Rejects an array created inside a loop whose size may differ between iterations (the
   * frame reuses one buffer per array local); true when it did.
   */
  private boolean checkSizeFixed(ExpressionTree creation, ExpressionTree size) {
    String problem = LoopInvariantSizes.problem(trees, getCurrentPath(), size);
    if (problem != null) {
      reject(creation, Diagnostic.ARRAY_NOT_SUPPORTED,
          "an array inside a loop whose size may change from one iteration to the next ("
              + problem + ")", "compute the size before the loop (int n = ...;), or allocate"
              + " the array before the loop");
    }
    return problem != null;
  }

  /**
   * An array initializer of doubles, floats or ints, one-dimensional or rectangular
   * two-dimensional (its shape is fixed, so it may be inside a loop).
   */
  private void checkInitializer(VariableTree node, NewArrayTree init) {
    TypeMirror type = trees.getTypeMirror(new TreePath(getCurrentPath(), node.getType()));
    TypeKind base = baseKind(type);
    if ((!isReal(base) && base != TypeKind.INT) || dims(type) > 2) {
      reject(init, Diagnostic.ARRAY_NOT_SUPPORTED, "this array initializer",
          "initialize double[], float[] or int[] arrays, or rectangular [][] ones");
      return;
    }
    if (dims(type) == 2) {
      int cols = -1;
      for (ExpressionTree row : init.getInitializers()) {
        if (!(row instanceof NewArrayTree r) || r.getInitializers() == null
            || (cols >= 0 && r.getInitializers().size() != cols)) {
          reject(row, Diagnostic.ARRAY_NOT_SUPPORTED, "this row of a matrix initializer",
              "give every row as {...} with the same number of elements");
          return;
        }
        cols = r.getInitializers().size();
      }
      for (ExpressionTree row : init.getInitializers()) {
        scan(((NewArrayTree) row).getInitializers(), null);
      }
      return;
    }
    scan(init.getInitializers(), null);
  }

  private static boolean isReal(TypeKind kind) {
    return DifferentiableSignature.isReal(kind);
  }

  private static TypeKind baseKind(TypeMirror t) {
    while (t.getKind() == TypeKind.ARRAY) {
      t = ((ArrayType) t).getComponentType();
    }
    return t.getKind();
  }

  private static int dims(TypeMirror t) {
    int d = 0;
    while (t.getKind() == TypeKind.ARRAY) {
      t = ((ArrayType) t).getComponentType();
      d++;
    }
    return d;
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
      TypeKind base = baseKind(type);
      if (isReal(base) ? dims(type) > 3 : base != TypeKind.INT || dims(type) > 2) {
        reject(where, Diagnostic.ARRAY_NOT_SUPPORTED, "an array of " + base.toString().toLowerCase(),
            "use arrays of double or float (up to [][][]), int[] or int[][]");
      }
    } else if (!kind.isPrimitive()) {
      reject(where, Diagnostic.UNSUPPORTED_TYPE, type);
    }
  }

  @Override
  public Void visitLiteral(LiteralTree node, Void unused) {
    return null;
  }

  @Override
  public Void visitIdentifier(IdentifierTree node, Void unused) {
    Element element = trees.getElement(getCurrentPath());
    if (node.getName().contentEquals("this")) {
      return reject(node, Diagnostic.UNSUPPORTED_EXPRESSION, "using this whole",
          "read the model's fields, or call its @Differentiable methods");
    }
    if (isListParameter(element) && !passedWhole(getCurrentPath())) {
      return reject(node, Diagnostic.LIST_USE, "using the list " + node.getName() + " this way",
          "read " + node.getName() + ".size() and " + node.getName() + ".get(i), loop over it"
              + " with for (double[] x : " + node.getName() + "), or pass it whole to a"
              + " @Differentiable method");
    }
    if (listRows.contains(element)) {
      checkRowUse(getCurrentPath());
      return null;
    }
    if (isRecordInput(element) && !recordPassedWhole(getCurrentPath())) {
      return reject(node, Diagnostic.UNSUPPORTED_EXPRESSION, "using the record parameter "
          + node.getName() + " this way", "read its components through their accessors ("
          + node.getName() + ".x()), or pass it whole to a @Differentiable method");
    }
    checkFieldRead(node, element);
    return null;
  }

  /** A record-typed parameter of this method, or record-typed field of its model class. */
  private boolean isRecordInput(Element element) {
    return element != null && !RecordInputs.isObjectField(element) && (element instanceof VariableElement v
        ? RecordInputs.recordOf(v) : RecordInputs.recordOf(element.asType())) != null
        && (element.getKind() == ElementKind.PARAMETER && method.getParameters().contains(element)
        || isModelField(element));
  }

  /** A field of this instance method's class that its frame takes as an input. */
  private boolean isModelField(Element element) {
    return element != null && element.getKind() == ElementKind.FIELD
        && DifferentiableSignature.isModelMethod(method)
        && RecordInputs.modelFields((javax.lang.model.element.TypeElement)
            method.getEnclosingElement()).contains(element);
  }

  /** {@code this.x} or plain {@code x}: a field read on this method's own receiver. */
  private static boolean onThis(Tree node) {
    return node instanceof IdentifierTree
        || node instanceof MemberSelectTree m && m.getExpression() instanceof IdentifierTree i
        && i.getName().contentEquals("this");
  }

  /**
   * Whether the record at {@code path} is an argument of a call to a differentiable method or
   * to a helper, whose body is copied in with the record's components as its parameters.
   */
  private boolean recordPassedWhole(TreePath path) {
    if (passedWhole(path)) {
      return true;
    }
    while (path.getParentPath().getLeaf() instanceof com.sun.source.tree.ParenthesizedTree) {
      path = path.getParentPath();
    }
    return path.getParentPath().getLeaf() instanceof MethodInvocationTree call
        && call.getArguments().contains(path.getLeaf())
        && trees.getElement(path.getParentPath()) instanceof ExecutableElement m
        && CopiedHelpers.isHelper(trees, m);
  }

  /** Whether the value at {@code path} is an argument of a call to a differentiable method. */
  private boolean passedWhole(TreePath path) {
    while (path.getParentPath().getLeaf() instanceof com.sun.source.tree.ParenthesizedTree) {
      path = path.getParentPath();
    }
    Tree parent = path.getParentPath().getLeaf();
    return parent instanceof MethodInvocationTree call && call.getArguments().contains(
        path.getLeaf()) && trees.getElement(path.getParentPath()) instanceof ExecutableElement m
        && m.getAnnotation(dev.tapeless.Differentiable.class) != null;
  }

  /**
   * A record accessor whose receiver is a record parameter or, for a nested record, another
   * such accessor: {@code p.inner().a()}. Lowering reads it as the component's value.
   */
  private boolean isComponentRead(TreePath path) {
    Tree tree = path.getLeaf();
    if (tree instanceof com.sun.source.tree.ParenthesizedTree p) {
      return isComponentRead(new TreePath(path, p.getExpression()));
    } else if (tree instanceof IdentifierTree || tree instanceof MemberSelectTree && onThis(tree)) {
      return isRecordInput(trees.getElement(path));
    } else if (tree instanceof MemberSelectTree select
        && RecordInputs.valueClassComponent(trees.getElement(path)) != null) {
      return isComponentRead(new TreePath(path, select.getExpression()));
    }
    return tree instanceof MethodInvocationTree call && call.getArguments().isEmpty()
        && call.getMethodSelect() instanceof MemberSelectTree select
        && trees.getElement(path) instanceof ExecutableElement accessor
        && RecordInputs.componentOf(accessor) != null
        && isComponentRead(new TreePath(new TreePath(path, select), select.getExpression()));
  }

  /**
   * A call of another {@code @Differentiable} instance method of this method's class on the
   * same receiver, which takes the receiver's fields as inputs too.
   */
  private boolean isModelCall(MethodInvocationTree node, ExecutableElement callee) {
    return DifferentiableSignature.isModelMethod(method)
        && callee.getAnnotation(dev.tapeless.Differentiable.class) != null
        && callee.getEnclosingElement().equals(method.getEnclosingElement())
        && onThis(node.getMethodSelect());
  }

  /**
   * {@code helper(x)} or {@code this.helper(x)} in a model's instance method, {@code helper}
   * an instance method of the same class without the annotation: its body is copied in, its
   * field reads becoming the same inputs as the caller's.
   */
  private boolean isModelHelperCall(MethodInvocationTree node, ExecutableElement callee) {
    return DifferentiableSignature.isModelMethod(method)
        && callee.getEnclosingElement().equals(method.getEnclosingElement())
        && onThis(node.getMethodSelect()) && CopiedHelpers.isHelper(trees, callee);
  }

  /** Whether a component read yields a record, which only a differentiable call may take. */
  private boolean readsRecord(TreePath path) {
    TypeMirror t = trees.getTypeMirror(path);
    return t != null && RecordInputs.recordOf(t) != null;
  }

  @Override
  public Void visitMemberSelect(MemberSelectTree node, Void unused) {
    TypeMirror qualifier = trees.getTypeMirror(new TreePath(getCurrentPath(), node.getExpression()));
    if (qualifier != null && qualifier.getKind() == TypeKind.ARRAY) {
      if (!node.getIdentifier().contentEquals("length")) {
        reject(node, Diagnostic.ARRAY_NOT_SUPPORTED, "this array member", "use .length");
      }
      return scan(node.getExpression(), null);
    }
    Element element = trees.getElement(getCurrentPath());
    if (RecordInputs.valueClassComponent(element) != null && isComponentRead(getCurrentPath())) {
      return null; // a value class's field on a record input: p.inner.a
    }
    if (element != null && element.getKind() == ElementKind.FIELD && onObjectParameter(node)
        && !element.getModifiers().contains(Modifier.STATIC)) {
      checkObjectUse(node, "field " + element.getSimpleName(), element);
      if (element.asType().getKind().isPrimitive()) {
        return null;
      }
      return reject(node, Diagnostic.OBJECT_USE, "reading the field " + node
          + " of type " + element.asType(), "read only its number and boolean fields (copy an"
          + " array into a double[] parameter)");
    }
    if (element != null && element.getKind() == ElementKind.FIELD) {
      checkFieldRead(node, element);
    }
    return null;
  }

  /** The variables of {@code for (double[] x : xs)} loops over a List parameter. */
  private final java.util.Set<Element> listRows = new java.util.HashSet<>();

  /** A {@code List<double[]>} (or {@code List<double[][]>}) parameter of this method. */
  private boolean isListParameter(Element e) {
    return e != null && e.getKind() == ElementKind.PARAMETER && method.getParameters().contains(e)
        && DifferentiableSignature.listTypeOf(e.asType()) != null;
  }

  /** Whether {@code select} is {@code xs.member} with {@code xs} a List parameter. */
  private boolean onListParameter(ExpressionTree select) {
    return select instanceof MemberSelectTree m && m.getExpression() instanceof IdentifierTree
        && isListParameter(trees.getElement(TreePath.getPath(
            getCurrentPath().getCompilationUnit(), m.getExpression())));
  }

  /** {@code xs.get(i)}, or the variable of {@code for (double[] x : xs)}. */
  private boolean isListRow(TreePath path) {
    Tree tree = path.getLeaf();
    while (tree instanceof com.sun.source.tree.ParenthesizedTree p) {
      tree = p.getExpression();
    }
    if (tree instanceof MethodInvocationTree call) {
      return onListParameter(call.getMethodSelect())
          && ((MemberSelectTree) call.getMethodSelect()).getIdentifier().contentEquals("get");
    }
    return tree instanceof IdentifierTree
        && listRows.contains(trees.getElement(TreePath.getPath(
            getCurrentPath().getCompilationUnit(), tree)));
  }

  /**
   * A row of a list ({@code xs.get(i)}, a loop's {@code x}, or {@code xs.get(i)[j]} of a
   * {@code List<double[][]>}) may be indexed, have its length read, or be passed to a
   * parameter of a {@code @Differentiable} method that is not differentiated: nothing that
   * would need its adjoint or could write it. (Writes are {@link #checkTarget}'s.)
   */
  private void checkRowUse(TreePath row) {
    TreePath path = row;
    while (path.getParentPath().getLeaf() instanceof com.sun.source.tree.ParenthesizedTree) {
      path = path.getParentPath();
    }
    Tree parent = path.getParentPath().getLeaf();
    if (parent instanceof ArrayAccessTree a && a.getExpression() == path.getLeaf()) {
      TypeMirror t = trees.getTypeMirror(path.getParentPath());
      if (t != null && t.getKind() == TypeKind.ARRAY) {
        checkRowUse(path.getParentPath()); // a row of a List<double[][]>'s matrix
      }
      return;
    }
    if (parent instanceof MemberSelectTree m && m.getIdentifier().contentEquals("length")) {
      return;
    }
    if (parent instanceof EnhancedForLoopTree loop && loop.getExpression() == path.getLeaf()) {
      TypeMirror element = trees.getTypeMirror(new TreePath(path.getParentPath(),
          loop.getVariable()));
      if (element != null && element.getKind() != TypeKind.ARRAY) {
        return; // for (double v : x): x[k] for each k, as indexing is
      }
    }
    if (parent instanceof MethodInvocationTree call && call.getArguments().contains(path.getLeaf())
        && trees.getElement(path.getParentPath()) instanceof ExecutableElement callee
        && callee.getAnnotation(dev.tapeless.Differentiable.class) != null) {
      int k = call.getArguments().indexOf(path.getLeaf());
      VariableElement p = callee.getParameters().get(Math.min(k,
          callee.getParameters().size() - 1));
      if (!DifferentiableSignature.chosen(callee, p)) {
        return;
      }
      reject(row.getLeaf(), Diagnostic.LIST_USE, "passing " + row.getLeaf() + ", a row of a"
          + " List parameter, to the differentiated parameter " + p.getSimpleName() + " of "
          + callee.getSimpleName(), "mark that parameter @NoDerivative (the list carries no"
          + " derivative), or write the loop (for (int j ...) s += w[j] * x[j])");
      return;
    }
    reject(row.getLeaf(), Diagnostic.LIST_USE, "using " + row.getLeaf() + ", a row of a List"
        + " parameter, this way", "index it (x[j]), read its length, or pass it to a"
        + " @NoDerivative array parameter of a @Differentiable method");
  }

  /**
   * Whether {@code select} is {@code obj.member} with {@code obj} an object parameter of this
   * method (a {@code @NoDerivative java.util.Random}), or a {@code @NoDerivative} object field
   * of its model ({@code rng}, {@code this.rng}), which is used exactly as such a parameter.
   */
  private boolean onObjectParameter(ExpressionTree select) {
    return select instanceof MemberSelectTree m && isObjectValue(m.getExpression());
  }

  /** Whether {@code q} names an object parameter or object field, as {@link #onObjectParameter}. */
  private boolean isObjectValue(ExpressionTree q) {
    while (q instanceof com.sun.source.tree.ParenthesizedTree p) {
      q = p.getExpression();
    }
    if (!(q instanceof IdentifierTree) && !(q instanceof MemberSelectTree s && onThis(s))) {
      return false;
    }
    Element e = trees.getElement(TreePath.getPath(getCurrentPath().getCompilationUnit(), q));
    if (e != null && e.getKind() == ElementKind.FIELD) {
      return RecordInputs.isObjectField(e) && isModelField(e);
    }
    return q instanceof IdentifierTree && e != null && e.getKind() == ElementKind.PARAMETER
        && method.getParameters().contains(e)
        && DifferentiableSignature.objectTypeOf(e.asType()) != null
        && RecordInputs.recordOf((VariableElement) e) == null;
  }

  /**
   * Whether {@code select} is {@code field.member} on an object field of this model that is not
   * an input (no {@code @NoDerivative}, or private): the field's read says TL123, how to fix it.
   */
  private boolean onObjectFieldOfThis(ExpressionTree select) {
    if (!(select instanceof MemberSelectTree m) || !onThis(m.getExpression())
        || m.getExpression() instanceof IdentifierTree i && i.getName().contentEquals("this")) {
      return false;
    }
    Element e = trees.getElement(
        TreePath.getPath(getCurrentPath().getCompilationUnit(), m.getExpression()));
    return e != null && e.getKind() == ElementKind.FIELD
        && !e.getModifiers().contains(Modifier.STATIC)
        && e.getEnclosingElement().equals(method.getEnclosingElement())
        && RecordInputs.holdsObject(e.asType());
  }

  /**
   * A call or field read on an object parameter: the member must be reachable from the
   * generated class, and not inside an array index (or a list's {@code get(i)}), which the
   * backward sweep evaluates again (a second {@code rng.nextInt(n)} would draw another number).
   */
  private void checkObjectUse(Tree node, String what, Element member) {
    if (Access.hidden(member, method) != null) {
      reject(node, Diagnostic.INACCESSIBLE_MEMBER, what, Access.hidden(member, method),
          Access.remedy(member, method));
      return;
    }
    if (inIndex(getCurrentPath())) {
      reject(node, Diagnostic.OBJECT_USE, "using " + node + " in an array index",
          "read it into an int local first (int k = " + node + "; then x[k]): the gradient"
              + " reads the index again, and must not call the object twice");
    }
  }

  /** Whether {@code path} is inside an array index or a list's {@code get(i)} of its statement. */
  private boolean inIndex(TreePath path) {
    TreePath child = path;
    for (TreePath p = child.getParentPath(); p != null
        && !(p.getLeaf() instanceof StatementTree); child = p, p = p.getParentPath()) {
      boolean listIndex = p.getLeaf() instanceof MethodInvocationTree get
          && get.getArguments().contains(child.getLeaf()) && isListRow(p);
      if (listIndex || p.getLeaf() instanceof ArrayAccessTree a && a.getIndex() == child.getLeaf()) {
        return true;
      }
    }
    return false;
  }

  /**
   * A call given an object parameter ({@code m(x, rng)}) inside an array index: the callee may
   * draw, and the backward sweep evaluates the index again (random tester, seed 2505: the
   * gradient drew twice where the method drew once).
   */
  private boolean passesObjectInIndex(MethodInvocationTree node) {
    return node.getArguments().stream().anyMatch(this::isObjectValue)
        && inIndex(getCurrentPath());
  }

  private void checkFieldRead(Tree node, Element element) {
    if (element == null || element.getKind() != ElementKind.FIELD) {
      return;
    }
    VariableElement field = (VariableElement) element;
    if (isModelField(field) && onThis(node)) {
      if (isRecordInput(field) && !recordPassedWhole(getCurrentPath())) {
        reject(node, Diagnostic.UNSUPPORTED_EXPRESSION, "using the record field "
            + field.getSimpleName() + " this way", "read its components through their accessors ("
            + field.getSimpleName() + ".x()), or pass it whole to a @Differentiable method");
      }
    } else if (!field.getModifiers().contains(Modifier.STATIC) && onThis(node)
        && DifferentiableSignature.isModelMethod(method)
        && field.getEnclosingElement().equals(method.getEnclosingElement())
        && RecordInputs.holdsObject(field.asType())) {
      reject(node, Diagnostic.OBJECT_FIELD, field.getSimpleName(), field.asType(),
          field.getModifiers().contains(Modifier.PRIVATE)
              ? "make it package-private (or public) and @NoDerivative"
              : "mark it @NoDerivative");
    } else if (!field.getModifiers().contains(Modifier.STATIC)) {
      reject(node, Diagnostic.INSTANCE_FIELD_READ);
    } else if (field.getConstantValue() == null && Access.hidden(field, method) != null) {
      reject(node, Diagnostic.INACCESSIBLE_MEMBER, "field " + field.getSimpleName(),
          Access.hidden(field, method), Access.remedy(field, method));
    } else if (field.asType().getKind() == TypeKind.ARRAY) {
      Tree parent = getCurrentPath().getParentPath().getLeaf();
      boolean indexed = parent instanceof ArrayAccessTree a && a.getExpression() == node;
      boolean length = parent instanceof MemberSelectTree m && m.getExpression() == node
          && m.getIdentifier().contentEquals("length");
      if (!field.getModifiers().contains(Modifier.FINAL)) {
        reject(node, Diagnostic.ARRAY_NOT_SUPPORTED, "reading a static array field that is not"
            + " final", "make it static final (a constant table), or pass the array as a"
            + " parameter");
      } else if (!indexed && !length) {
        reject(node, Diagnostic.ARRAY_NOT_SUPPORTED, "a constant table used whole",
            "read its elements (TABLE[i]) or its length, or pass it as a parameter");
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
    if (isComponentRead(getCurrentPath())) {
      if (readsRecord(getCurrentPath()) && !recordPassedWhole(getCurrentPath())) {
        return reject(node, Diagnostic.UNSUPPORTED_EXPRESSION, "using a record component whole",
            "read its own components (" + node + ".x()), or pass it to a @Differentiable"
                + " method");
      }
      return null;
    }
    if (LibraryCalls.name(trees, getCurrentPath()).equals(LibraryCalls.CLONE)) {
      return reject(node, Diagnostic.ARRAY_NOT_SUPPORTED, "clone() here",
          "declare the copy as an array local at the top of the method:"
              + " double[] copy = a.clone();");
    }
    if (onListParameter(node.getMethodSelect())) {
      String name = ((MemberSelectTree) node.getMethodSelect()).getIdentifier().toString();
      if (name.equals("get") && node.getArguments().size() == 1) {
        checkRowUse(getCurrentPath());
      } else if (!(name.equals("size") && node.getArguments().isEmpty())) {
        return reject(node, Diagnostic.LIST_USE, "calling " + name + " on a List parameter",
            "use size() and get(i) only (size() == 0 rather than isEmpty(), a loop over"
                + " get(i) or for (double[] x : list) rather than an iterator or a stream)");
      }
      return scan(node.getArguments(), null);
    }
    if (passesObjectInIndex(node)) {
      return reject(node, Diagnostic.OBJECT_USE, "passing an object to " + node.getMethodSelect()
          + " in an array index", "assign the call to a local first (" + trees.getTypeMirror(
          getCurrentPath()) + " v = " + node + "; then use v in the index): the gradient reads"
          + " the index again, and must not call the object twice");
    }
    if (element instanceof ExecutableElement callee && onObjectParameter(node.getMethodSelect())) {
      checkObjectUse(node, "method " + callee.getSimpleName(), callee);
      if (callee.getReturnType().getKind() != TypeKind.VOID) {
        checkType(node, callee.getReturnType());
      }
    } else if (element instanceof ExecutableElement callee) {
      if (callee.equals(method)) {
        reject(node, Diagnostic.RECURSION, method.getSimpleName() + " calls itself");
      } else if (!callee.getModifiers().contains(Modifier.STATIC)
          && !isModelCall(node, callee) && !isModelHelperCall(node, callee)
          && !onObjectFieldOfThis(node.getMethodSelect())) {
        reject(node, Diagnostic.UNSUPPORTED_EXPRESSION, "an instance method call",
            "call a static method, or a method of this class on this");
      } else if (Access.hidden(callee, method) != null
          && !(callee.getModifiers().contains(Modifier.PRIVATE)
              && CopiedHelpers.isHelper(trees, callee))) {
        reject(node, Diagnostic.INACCESSIBLE_MEMBER, "method " + callee.getSimpleName(),
            Access.hidden(callee, method), Access.remedy(callee, method));
      } else if (callee.getReturnType().getKind() != TypeKind.VOID) {
        checkType(node, callee.getReturnType());
      }
    }
    return scan(node.getArguments(), null);
  }

  @Override
  public Void visitNewArray(NewArrayTree node, Void unused) {
    return reject(node, Diagnostic.ARRAY_NOT_SUPPORTED, "creating an array here",
        "declare array locals at the top of the method: double[] h = new double[n];");
  }
}

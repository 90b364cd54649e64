package dev.tapeless.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.tapeless.processor.diagnostics.CompileError;
import dev.tapeless.processor.diagnostics.Diagnostic;
import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Origin;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.UnaryOp;
import dev.tapeless.processor.ir.Var;
import dev.tapeless.processor.rules.MathRules;
import dev.tapeless.processor.rules.RuleBook;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Lowers an attributed method body to the IR: double-valued expressions into three-address form
 * (one operation per statement, temporaries for the parts), other values kept as expression
 * trees, and every {@code return} turned into an assignment of the result with the statements
 * after a returning branch moved into the branches that fall through, so the IR has one exit.
 */
public final class Lowering {
  private final Trees trees;
  private final ExecutableElement method;
  private final Elements elements;
  private final NameTable names;
  private final Set<String> claimedUserNames = new HashSet<>();
  private final Map<Element, Var> vars = new HashMap<>();
  private final Var result;
  private final OriginTrees origins;
  private final MethodElements methods;
  private final CompilationUnitTree unit;

  private Lowering(Trees trees, Elements elements, ExecutableElement method,
      Set<String> reserved, OriginTrees origins, MethodElements methods,
      CompilationUnitTree unit) {
    this.origins = origins;
    this.methods = methods;
    this.unit = unit;
    this.method = method;
    this.trees = trees;
    this.elements = elements;
    this.names = new NameTable(reserved);
    this.result = new Var(names.fresh("result"),
        method.getReturnType().getKind() == TypeKind.FLOAT ? Type.FLOAT : Type.DOUBLE,
        Var.Role.RESULT);
  }

  /**
   * Lowers the method at {@code methodPath}, whose body must already have passed the fence; the
   * origins of its statements go into {@code origins}, the methods it calls without a rule into
   * {@code methods}.
   */
  public static IrMethod lower(Trees trees, Elements elements, ExecutableElement method,
      TreePath methodPath, OriginTrees origins, MethodElements methods) {
    BlockTree body = ((com.sun.source.tree.MethodTree) methodPath.getLeaf()).getBody();
    Lowering lowering = new Lowering(trees, elements, method, namesIn(body, method), origins,
        methods, methodPath.getCompilationUnit());
    List<Var> params = new ArrayList<>();
    if (DifferentiableSignature.isModelMethod(method)) {
      params.addAll(lowering.declareReceiver((TypeElement) method.getEnclosingElement()));
    }
    for (VariableElement p : method.getParameters()) {
      TypeElement record = RecordInputs.recordOf(p);
      if (record != null) {
        params.addAll(lowering.declareRecord(p, record));
        continue;
      }
      Type declared = DifferentiableSignature.parameterTypeOf(p.asType());
      Var v = lowering.declare(p, Var.Role.PARAMETER,
          declared != null ? declared : TypeMapper.map(p.asType(), null));
      params.add(v);
    }
    TreePath bodyPath = new TreePath(methodPath, body);
    lowering.indexNames.addAll(indexNamesIn(trees, bodyPath));
    lowering.movedAliases.addAll(RowAliases.moved(trees, bodyPath));
    List<Stmt> out = new ArrayList<>();
    lowering.lowerSequence(statements(bodyPath, body.getStatements()), out);
    if (lowering.returned != null) {
      out.add(0, set(lowering.returned, false, lowering.at(body)));
    }
    if (DifferentiableSignature.isReal(method.getReturnType().getKind())
        && Statements.assignments(new Stmt.Block(out)).stream()
        .noneMatch(a -> a.target() == lowering.result)) {
      // A method that never returns (an endless loop) still declares its result.
      out.add(0, new Stmt.Assign(lowering.result,
          new Expr.Const(lowering.result.type().elementZero(), lowering.result.type()),
          lowering.at(body)));
    }
    return new IrMethod(method.getSimpleName().toString(), params, new Stmt.Block(out),
        lowering.result, lowering.names.snapshot());
  }

  /** The origin of a tree of this method. */
  private Origin at(Tree tree) {
    return origins.of(unit, tree);
  }

  private static Set<String> namesIn(BlockTree body, ExecutableElement method) {
    Set<String> found = new HashSet<>();
    for (VariableElement p : method.getParameters()) {
      String name = p.getSimpleName().toString();
      found.add(name);
      TypeElement record = RecordInputs.recordOf(p);
      if (record != null) {
        RecordInputs.leaves(record).forEach(l -> found.add(l.name(name)));
      }
    }
    if (DifferentiableSignature.isModelMethod(method)) {
      for (VariableElement f : RecordInputs.modelFields((TypeElement) method.getEnclosingElement())) {
        RecordInputs.fieldLeaves(f).forEach(l -> found.add(RecordInputs.receiverLeafName(l.path())));
      }
    }
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        found.add(node.getName().toString());
        return super.visitVariable(node, unused);
      }

      @Override
      public Void visitIdentifier(com.sun.source.tree.IdentifierTree node, Void unused) {
        found.add(node.getName().toString());
        return null;
      }
    }.scan(body, null);
    return found;
  }

  /** Names of counted-loop indices, which each loop declares afresh in both sweeps. */
  private final Set<String> indexNames = new HashSet<>();

  private static Set<String> indexNamesIn(Trees trees, TreePath body) {
    Set<String> found = new HashSet<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitForLoop(ForLoopTree node, Void unused) {
        if (CountedLoops.shape(trees, getCurrentPath()) != null) {
          found.add(((VariableTree) node.getInitializer().get(0)).getName().toString());
        }
        return super.visitForLoop(node, unused);
      }
    }.scan(body, null);
    return found;
  }

  private Var declare(Element element, Var.Role role, Type type) {
    String name = element.getSimpleName().toString();
    String unique;
    if (role == Var.Role.INDEX) {
      unique = name;
    } else {
      unique = !indexNames.contains(name) && claimedUserNames.add(name) ? name : names.fresh(name);
    }
    Var v = new Var(unique, type, role);
    vars.put(element, v);
    return v;
  }

  /**
   * A record parameter in the IR: its components, each a leaf variable or a nested record.
   * The leaves are parameters of their own, named as the frame's sweeps take them.
   */
  private record RecordValue(Map<String, Object> components, List<Var> leaves) {
    RecordValue() {
      this(new HashMap<>(), new ArrayList<>());
    }

    void add(List<String> path, Var leaf) {
      leaves.add(leaf);
      if (path.size() == 1) {
        components.put(path.get(0), leaf);
      } else {
        ((RecordValue) components.computeIfAbsent(path.get(0), k -> new RecordValue()))
            .add(path.subList(1, path.size()), leaf);
      }
    }
  }

  private final Map<Element, RecordValue> records = new HashMap<>();

  /**
   * Array locals naming a row of another array ({@code double[] row = W[i]}): reads and writes
   * through one are those of {@code W[i]}, with the row's indices as they were when it was
   * taken, so no array is copied and no derivative is lost.
   */
  private final Map<Element, ArrayCopies.Region> aliases = new HashMap<>();
  /** Row variables the method points elsewhere later ({@code row = W[k]}). */
  private final Set<Element> movedAliases = new HashSet<>();

  /** The fields of the receiver of an instance method that are not records, as parameters. */
  private final Map<Element, Var> fields = new HashMap<>();
  /** All the receiver's leaves, in order: what a call on the same receiver passes first. */
  private final List<Var> receiverLeaves = new ArrayList<>();

  /** Declares the receiver's fields as parameters, in the order the signature lists them. */
  private List<Var> declareReceiver(TypeElement owner) {
    for (VariableElement field : RecordInputs.modelFields(owner)) {
      RecordValue value = new RecordValue();
      for (RecordInputs.Leaf leaf : RecordInputs.fieldLeaves(field)) {
        String name = RecordInputs.receiverLeafName(leaf.path());
        claimedUserNames.add(name);
        Var v = new Var(name, leaf.type(), Var.Role.PARAMETER);
        receiverLeaves.add(v);
        if (leaf.path().size() == 1) {
          fields.put(field, v);
        } else {
          value.add(leaf.path().subList(1, leaf.path().size()), v);
        }
      }
      if (!value.leaves().isEmpty()) {
        records.put(field, value);
      }
    }
    return receiverLeaves;
  }

  /** Declares the leaves of a record parameter, in the order the signature lists them. */
  private List<Var> declareRecord(VariableElement p, TypeElement record) {
    RecordValue value = new RecordValue();
    for (RecordInputs.Leaf leaf : RecordInputs.leaves(record)) {
      String name = leaf.name(p.getSimpleName().toString());
      claimedUserNames.add(name);
      value.add(leaf.path(), new Var(name, leaf.type(), Var.Role.PARAMETER));
    }
    records.put(p, value);
    return value.leaves();
  }

  /**
   * What an accessor chain rooted at a record parameter reads ({@code p.inner().a()}): a leaf
   * variable, a {@link RecordValue}, or null when the expression is not such a chain.
   */
  private Object componentRead(TreePath path) {
    Tree tree = path.getLeaf();
    if (tree instanceof ParenthesizedTree p) {
      return componentRead(new TreePath(path, p.getExpression()));
    } else if (tree instanceof com.sun.source.tree.IdentifierTree || tree instanceof MemberSelectTree) {
      Element element = trees.getElement(path);
      if (!records.containsKey(element) && tree instanceof MemberSelectTree m
          && RecordInputs.valueClassComponent(element) != null) {
        // a value class's field: p.inner.a
        Object receiver = componentRead(new TreePath(path, m.getExpression()));
        return receiver instanceof RecordValue r
            ? r.components().get(m.getIdentifier().toString()) : null;
      }
      return records.get(element);
    } else if (tree instanceof MethodInvocationTree call && call.getArguments().isEmpty()
        && call.getMethodSelect() instanceof MemberSelectTree select
        && trees.getElement(path) instanceof ExecutableElement accessor
        && RecordInputs.componentOf(accessor) != null) {
      Object receiver = componentRead(new TreePath(new TreePath(path, select),
          select.getExpression()));
      return receiver instanceof RecordValue r
          ? r.components().get(select.getIdentifier().toString()) : null;
    }
    return null;
  }

  /** A call of an instance method on this method's receiver, which passes its fields first. */
  private boolean onReceiver(TreePath call) {
    if (!(trees.getElement(call) instanceof ExecutableElement m)
        || m.getModifiers().contains(Modifier.STATIC) || objectOf(call) != null) {
      return false;
    }
    rejectObjectFieldWithoutNoDerivative(call);
    return true;
  }

  /**
   * A call on a field of this object that holds an object but is not an input (no
   * {@code @NoDerivative}, or private): TL123 on the field, saying what to write.
   */
  private void rejectObjectFieldWithoutNoDerivative(TreePath call) {
    if (!(call.getLeaf() instanceof MethodInvocationTree invocation)
        || !(invocation.getMethodSelect() instanceof MemberSelectTree select)) {
      return;
    }
    ExpressionTree q = select.getExpression();
    Element e = trees.getElement(new TreePath(new TreePath(call, select), q));
    boolean onThis = q instanceof com.sun.source.tree.IdentifierTree
        || q instanceof MemberSelectTree m && m.getExpression() instanceof com.sun.source.tree.IdentifierTree t
        && t.getName().contentEquals("this");
    boolean isThis = q instanceof com.sun.source.tree.IdentifierTree i
        && i.getName().contentEquals("this");
    if (onThis && !isThis && e != null && e.getKind() == javax.lang.model.element.ElementKind.FIELD
        && !e.getModifiers().contains(Modifier.STATIC)
        && e.getEnclosingElement().equals(method.getEnclosingElement())
        && RecordInputs.holdsObject(e.asType()) && !RecordInputs.isObjectField(e)) {
      throw new CompileError(q, Diagnostic.OBJECT_FIELD, e.getSimpleName(), e.asType(),
          e.getModifiers().contains(Modifier.PRIVATE)
              ? "make it package-private (or public) and @NoDerivative"
              : "mark it @NoDerivative");
    }
  }

  /**
   * The object parameter a call or field read is made on ({@code rng} in
   * {@code rng.nextGaussian()} or {@code cfg.scale}), or null.
   */
  private Var objectOf(TreePath path) {
    Tree tree = path.getLeaf();
    ExpressionTree select = tree instanceof MethodInvocationTree call ? call.getMethodSelect()
        : tree instanceof ExpressionTree e ? e : null;
    if (!(select instanceof MemberSelectTree m)) {
      return null;
    }
    return objectRead(new TreePath(path, m.getExpression()));
  }

  /** The List parameter an expression names ({@code xs}), or null. */
  private Var listRead(TreePath path) {
    Tree tree = path.getLeaf();
    if (tree instanceof ParenthesizedTree p) {
      return listRead(new TreePath(path, p.getExpression()));
    }
    Var v = tree instanceof com.sun.source.tree.IdentifierTree
        ? vars.get(trees.getElement(path)) : null;
    return v != null && v.type().isList() ? v : null;
  }

  /**
   * The variable of each {@code for (double[] x : xs)} over a List parameter: not a local but
   * the row {@code xs.get(k)} at the loop's index, read where the body reads {@code x}.
   */
  private final Map<Element, Expr.ArrayRead> listRows = new HashMap<>();

  /**
   * {@code xs.get(i)} as the row it reads, or {@code xs.size()} as its length; null for other
   * expressions.
   */
  private Expr listAccess(TreePath path) {
    Tree tree = path.getLeaf();
    if (tree instanceof ParenthesizedTree p) {
      return listAccess(new TreePath(path, p.getExpression()));
    }
    if (tree instanceof com.sun.source.tree.IdentifierTree) {
      return listRows.get(trees.getElement(path));
    }
    if (!(tree instanceof MethodInvocationTree call)
        || !(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return null;
    }
    Var list = listRead(new TreePath(new TreePath(path, select), select.getExpression()));
    if (list == null) {
      return null;
    }
    if (select.getIdentifier().contentEquals("size")) {
      return new Expr.Length(new Expr.Ref(list));
    }
    return new Expr.ArrayRead(list,
        List.of(passive(new TreePath(path, call.getArguments().get(0)))), list.type().indexed(1));
  }

  /** The object parameter an expression names ({@code rng}, {@code (rng)}), or null. */
  private Var objectRead(TreePath path) {
    Tree tree = path.getLeaf();
    if (tree instanceof ParenthesizedTree p) {
      return objectRead(new TreePath(path, p.getExpression()));
    }
    boolean onThis = tree instanceof MemberSelectTree m
        && m.getExpression() instanceof com.sun.source.tree.IdentifierTree t
        && t.getName().contentEquals("this");
    if (!(tree instanceof com.sun.source.tree.IdentifierTree) && !onThis) {
      return null;
    }
    Element e = trees.getElement(path);
    // a parameter, or a @NoDerivative object field of the receiver (rng, this.rng)
    Var v = onThis ? null : vars.get(e);
    if (v == null) {
      v = fields.get(e);
    }
    return v != null && v.type().isObject() ? v : null;
  }

  /** The leaf an accessor chain reads, or null. */
  private Var leafRead(TreePath path) {
    return componentRead(path) instanceof Var v ? v : null;
  }

  /**
   * A call's arguments: a record passed whole becomes its leaves, which the callee, another
   * {@code @Differentiable} method, takes one by one.
   */
  private List<Expr> arguments(TreePath path, Function<TreePath, Expr> each) {
    MethodInvocationTree call = (MethodInvocationTree) path.getLeaf();
    List<Expr> args = new ArrayList<>();
    if (onReceiver(path)) {
      receiverLeaves.forEach(v -> args.add(new Expr.Ref(v)));
    } else if (objectOf(path) != null) {
      args.add(new Expr.Ref(objectOf(path)));
    }
    for (ExpressionTree arg : call.getArguments()) {
      TreePath argPath = new TreePath(path, arg);
      if (componentRead(argPath) instanceof RecordValue r) {
        if (!(trees.getElement(path) instanceof ExecutableElement m)
            || m.getAnnotation(dev.tapeless.Differentiable.class) == null
            && !CopiedHelpers.isHelper(trees, m)) {
          throw new CompileError(arg, Diagnostic.UNSUPPORTED_EXPRESSION,
              "passing a record to a method that is not @Differentiable",
              "pass the components it needs (p.kappa()), or make the method @Differentiable");
        }
        r.leaves().forEach(v -> args.add(new Expr.Ref(v)));
      } else {
        args.add(each.apply(argPath));
      }
    }
    return args;
  }

  private Var temp(Type type) {
    return new Var(names.numbered(type.isReal() ? "t" : type.kind() == Type.Kind.BOOLEAN ? "c" : "i"),
        type, Var.Role.TEMP);
  }

  private static List<TreePath> childPaths(TreePath parent, List<? extends Tree> stmts) {
    List<TreePath> paths = new ArrayList<>();
    for (Tree s : stmts) {
      paths.add(new TreePath(parent, s));
    }
    return paths;
  }

  // ---------------------------------------------------------------- statements

  /** Something still to lower. */
  private sealed interface Item {}

  /** A user statement. */
  private record Statement(TreePath path) implements Item {}

  /** A loop's body: its {@code continue}s land right after it, so no guard follows it. */
  private record LoopBody(TreePath path) implements Item {}

  /** Leaves the loop unless the condition, lowered into the given list as an atom, holds. */
  private record ExitUnless(Function<List<Stmt>, Expr> condition, Origin origin) implements Item {}

  /** Statements built directly: an enhanced for's element read and index update. */
  private record Built(Consumer<List<Stmt>> emit) implements Item {}

  /** After a loop's body: leaves the loop when the body broke out of it or returned. */
  private record LeaveIfJumped(Tree body, Origin origin) implements Item {}

  /**
   * The flags of the loop being lowered, set by its {@code break} and {@code continue} (null
   * when it has none) and tested where the jump lands: jumps become flag writes, and the code
   * they skip is guarded once by the flag, so the code stays linear in the source's size.
   */
  private record LoopFlags(Var broke, Var continued) {}

  private final Deque<LoopFlags> loops = new ArrayDeque<>();
  /** Set by a {@code return} that does not end the method's own body; null while none. */
  private Var returned;
  /** How many branches and loops enclose the statement being lowered. */
  private int nesting;

  private static List<Item> statements(TreePath parent, List<? extends StatementTree> stmts) {
    List<Item> items = new ArrayList<>();
    for (TreePath p : childPaths(parent, stmts)) {
      items.add(new Statement(p));
    }
    return items;
  }

  /**
   * Lowers items in order. After an item that may jump (return, or break or continue of the
   * loop being lowered), the rest is lowered under a test that no jump was taken.
   */
  private void lowerSequence(List<Item> seq, List<Stmt> out) {
    for (int i = 0; i < seq.size(); i++) {
      List<Item> rest = seq.subList(i + 1, seq.size());
      Item item = seq.get(i);
      if (item instanceof ExitUnless exit) {
        Expr condition = exit.condition().apply(out);
        List<Stmt> stay = new ArrayList<>();
        lowerSequence(rest, stay);
        out.add(new Stmt.If(condition, new Stmt.Block(stay),
            new Stmt.Block(List.of(new Stmt.Exit(exit.origin()))), exit.origin()));
        return;
      } else if (item instanceof LeaveIfJumped leave) {
        List<Var> flags = new ArrayList<>();
        if (loops.peek().broke() != null) {
          flags.add(loops.peek().broke());
        }
        if (JumpFinder.of(leave.body()).returns()) {
          flags.add(returned);
        }
        if (!flags.isEmpty()) {
          Var jumped = temp(Type.BOOLEAN);
          out.add(new Stmt.Assign(jumped, anySet(flags), leave.origin()));
          List<Stmt> stay = new ArrayList<>();
          lowerSequence(rest, stay);
          out.add(new Stmt.If(new Expr.Ref(jumped),
              new Stmt.Block(List.of(new Stmt.Exit(leave.origin()))), new Stmt.Block(stay),
              leave.origin()));
          return;
        }
      } else if (item instanceof Built built) {
        built.emit().accept(out);
      } else if (item instanceof LoopBody body) {
        lowerStatement(body.path(), out);
      } else {
        TreePath path = ((Statement) item).path();
        lowerStatement(path, out);
        List<Var> flags = flagsSetBy(path.getLeaf());
        if (!flags.isEmpty() && !rest.isEmpty()) {
          Expr noJump = noneSet(flags, at(path.getLeaf()), out);
          List<Stmt> stay = new ArrayList<>();
          lowerSequence(rest, stay);
          out.add(new Stmt.If(noJump, new Stmt.Block(stay), new Stmt.Block(List.of()),
              at(path.getLeaf())));
          return;
        }
      }
    }
  }

  /** The flags a jump inside {@code s} may have set, which the statements after it test. */
  private List<Var> flagsSetBy(Tree s) {
    JumpFinder.Jumps jumps = JumpFinder.of(s);
    List<Var> flags = new ArrayList<>();
    if (jumps.breaks()) {
      flags.add(loops.peek().broke());
    }
    if (jumps.continues()) {
      flags.add(loops.peek().continued());
    }
    if (jumps.returns() && returned != null) {
      flags.add(returned);
    }
    return flags;
  }

  /** {@code f1 || f2 ...}. */
  private static Expr anySet(List<Var> flags) {
    Expr any = new Expr.Ref(flags.get(0));
    for (int k = 1; k < flags.size(); k++) {
      any = new Expr.Binary(BinaryOp.OR, any, new Expr.Ref(flags.get(k)), Type.BOOLEAN);
    }
    return any;
  }

  /** A fresh boolean holding {@code !(f1 || f2 ...)}. */
  private Expr noneSet(List<Var> flags, Origin origin, List<Stmt> out) {
    Var c = temp(Type.BOOLEAN);
    out.add(new Stmt.Assign(c, new Expr.Unary(UnaryOp.NOT, anySet(flags), Type.BOOLEAN), origin));
    return new Expr.Ref(c);
  }

  private static Stmt.Assign set(Var flag, boolean value, Origin origin) {
    return new Stmt.Assign(flag, new Expr.Const(Boolean.toString(value), Type.BOOLEAN), origin);
  }

  private void lowerStatement(TreePath path, List<Stmt> out) {
    List<Stmt> outer = computeFirstInto;
    computeFirstInto = null;
    try {
      lowerStatementKind(path, out);
    } finally {
      computeFirstInto = outer;
    }
  }

  private void lowerStatementKind(TreePath path, List<Stmt> out) {
    Tree s = path.getLeaf();
    if (s instanceof VariableTree || s instanceof ExpressionStatementTree
        || s instanceof ReturnTree) {
      runUpdatesFirst(path, out);
    }
    switch (s.getKind()) {
      case BLOCK -> lowerSequence(statements(path, ((BlockTree) s).getStatements()), out);
      case RETURN -> {
        ExpressionTree e = ((ReturnTree) s).getExpression();
        if (e != null) {
          lowerAssign(result, new TreePath(path, e), out, at(s));
        }
        if (nesting > 0) {
          if (returned == null) {
            returned = new Var(names.fresh("returned"), Type.BOOLEAN, Var.Role.TEMP);
          }
          out.add(set(returned, true, at(s)));
        }
      }
      case BREAK -> out.add(set(loops.peek().broke(), true, at(s)));
      case CONTINUE -> out.add(set(loops.peek().continued(), true, at(s)));
      case IF -> lowerIf(path, out);
      case SWITCH -> lowerSwitch(path, out);
      case VARIABLE -> lowerVariable(path, out);
      case EXPRESSION_STATEMENT -> lowerExpressionStatement(path, out);
      case FOR_LOOP -> lowerFor(path, out);
      case ENHANCED_FOR_LOOP -> lowerForEach(path, out);
      case WHILE_LOOP -> {
        WhileLoopTree w = (WhileLoopTree) s;
        lowerLoop(List.of(exitUnless(new TreePath(path, w.getCondition())),
            new LoopBody(new TreePath(path, w.getStatement())),
            new LeaveIfJumped(w.getStatement(), at(s))),
            w.getStatement(), at(s), out);
      }
      case DO_WHILE_LOOP -> {
        DoWhileLoopTree d = (DoWhileLoopTree) s;
        lowerLoop(List.of(new LoopBody(new TreePath(path, d.getStatement())),
            new LeaveIfJumped(d.getStatement(), at(s)),
            exitUnless(new TreePath(path, d.getCondition()))),
            d.getStatement(), at(s), out);
      }
      case EMPTY_STATEMENT -> { }
      default -> throw new CompileError(s, Diagnostic.UNSUPPORTED_STATEMENT,
          s.getKind().toString().toLowerCase().replace('_', ' '), "rewrite it with if/else");
    }
  }

  private ExitUnless exitUnless(TreePath condition) {
    return new ExitUnless(out -> condition(condition, out), at(condition.getLeaf()));
  }

  /**
   * A loop the backward sweep replays by counting its iterations; {@code items} are its body,
   * condition tests and updates, {@code body} the user's body statement.
   */
  private void lowerLoop(List<Item> items, Tree body, Origin origin, List<Stmt> out) {
    JumpFinder.Jumps jumps = JumpFinder.of(body);
    Var broke = jumps.breaks() ? temp(Type.BOOLEAN) : null;
    Var continued = jumps.continues() ? temp(Type.BOOLEAN) : null;
    Var counter = new Var(names.numbered("iterations"), Type.INT, Var.Role.TEMP);
    out.add(new Stmt.Assign(counter, new Expr.Const("0", Type.INT), origin));
    if (broke != null) {
      out.add(set(broke, false, origin));
    }
    List<Stmt> inner = new ArrayList<>();
    inner.add(new Stmt.Assign(counter, new Expr.Binary(BinaryOp.ADD, new Expr.Ref(counter),
        new Expr.Const("1", Type.INT), Type.INT), origin));
    if (continued != null) {
      inner.add(set(continued, false, origin));
    }
    lowerInLoop(new LoopFlags(broke, continued), items, inner);
    out.add(new Stmt.Loop(counter, new Stmt.Block(inner), origin));
  }

  private void lowerInLoop(LoopFlags flags, List<Item> items, List<Stmt> out) {
    loops.push(flags);
    nesting++;
    try {
      lowerSequence(items, out);
    } finally {
      nesting--;
      loops.pop();
    }
  }

  private void lowerFor(TreePath path, List<Stmt> out) {
    ForLoopTree f = (ForLoopTree) path.getLeaf();
    Stmt.Direction direction = CountedLoops.shape(trees, path);
    if (direction != null) {
      VariableTree init = (VariableTree) f.getInitializer().get(0);
      TreePath initPath = new TreePath(path, init);
      Element indexElement = trees.getElement(initPath);
      int every = CheckpointedLoops.every(indexElement, init);
      if (every != Stmt.For.NONE && !loops.isEmpty()) {
        throw new CompileError(init, Diagnostic.CHECKPOINT_PLACEMENT,
            "is on a loop inside another loop, which would keep checkpoints per outer"
                + " iteration");
      }
      Var index = declare(indexElement, Var.Role.INDEX, Type.INT);
      Expr first = passive(new TreePath(initPath, init.getInitializer()), out);
      Expr bound = passive(new TreePath(path, ((BinaryTree) f.getCondition()).getRightOperand()));
      Stmt.Block body = countedBody(new TreePath(path, f.getStatement()), at(f));
      if (every != Stmt.For.NONE) {
        CheckpointedLoops.checkBody(body);
      }
      out.add(new Stmt.For(index, first, bound, direction, body, at(f), every));
      return;
    }
    for (StatementTree init : f.getInitializer()) {
      if (init instanceof VariableTree v
          && CheckpointedLoops.annotated(trees.getElement(new TreePath(path, v)))) {
        throw new CompileError(v, Diagnostic.CHECKPOINT_PLACEMENT,
            "is on a loop that is not counted (it may break or return, its body assigns its"
                + " index or what its bounds read, it declares more than one variable, or its"
                + " bounds are not int)");
      }
    }
    lowerSequence(statements(path, f.getInitializer()), out);
    List<Item> items = new ArrayList<>();
    if (f.getCondition() != null) {
      items.add(exitUnless(new TreePath(path, f.getCondition())));
    }
    items.add(new LoopBody(new TreePath(path, f.getStatement())));
    items.add(new LeaveIfJumped(f.getStatement(), at(f)));
    items.addAll(statements(path, f.getUpdate()));
    lowerLoop(items, f.getStatement(), at(f), out);
  }

  /** The body of a counted loop, which may continue but never leaves early. */
  private Stmt.Block countedBody(TreePath body, Origin origin) {
    Var continued = JumpFinder.of(body.getLeaf()).continues() ? temp(Type.BOOLEAN) : null;
    List<Stmt> out = new ArrayList<>();
    if (continued != null) {
      out.add(set(continued, false, origin));
    }
    lowerInLoop(new LoopFlags(null, continued), List.of(new LoopBody(body)), out);
    return new Stmt.Block(out);
  }

  /**
   * {@code for (double v : x) body} is {@code for (int k = 0; k < x.length; k++)}: a counted
   * loop, unless the body may leave it early.
   */
  private void lowerForEach(TreePath path, List<Stmt> out) {
    EnhancedForLoopTree f = (EnhancedForLoopTree) path.getLeaf();
    ArrayCopies.Region array = takenOnce(ArrayCopies.Region.of(
        passive(new TreePath(path, f.getExpression()), out)),
        new TreePath(path, f.getStatement()), out, at(f.getExpression()));
    TreePath varPath = new TreePath(path, f.getVariable());
    Element element = trees.getElement(varPath);
    if (CheckpointedLoops.annotated(element)) {
      throw new CompileError(f.getVariable(), Diagnostic.CHECKPOINT_PLACEMENT,
          "is on the variable of an enhanced for");
    }
    if (array.array().type().isList() && array.row().isEmpty()) {
      lowerForEachRow(path, array.array(), element, out);
      return;
    }
    Type elementType = TypeMapper.map(element.asType(), f.getVariable());
    // an array element is a row variable naming array[k], not a copy of it
    Var v = elementType.isArray() ? null : declare(element, Var.Role.LOCAL, elementType);
    elementLoop(path, new Expr.Length(array.whole()), (k, o) -> {
      if (v == null) {
        aliases.put(element, new ArrayCopies.Region(array.array(), array.element(k)));
      } else {
        o.add(new Stmt.Assign(v, new Expr.ArrayRead(array.array(), array.element(k),
            v.type()), at(f.getVariable())));
      }
    }, out);
  }

  /**
   * The array an enhanced {@code for} runs over, taken once before the loop as Java does: an
   * index of a row ({@code A[i]}, or a row variable's, which {@code row = W[k]} moves) that
   * the body may change, or that is more than arithmetic on variables, goes into an
   * {@code int} local first, so that the loop keeps reading the row it started with.
   */
  private ArrayCopies.Region takenOnce(ArrayCopies.Region region, TreePath body,
      List<Stmt> out, Origin origin) {
    if (region.row().isEmpty()) {
      return region;
    }
    Set<Var> changed = new HashSet<>();
    for (Element e : CountedLoops.assignedIn(trees, body)) {
      if (vars.containsKey(e)) {
        changed.add(vars.get(e));
      }
      if (aliases.containsKey(e)) {
        List<Var> moves = new ArrayList<>();
        aliases.get(e).row().forEach(i -> Operands.readsOf(i, moves));
        changed.addAll(moves);
      }
    }
    List<Expr> row = new ArrayList<>();
    for (Expr index : region.row()) {
      if (arithmeticOf(index, changed)) {
        row.add(index);
        continue;
      }
      Var at = temp(Type.INT);
      out.add(new Stmt.Assign(at, index, origin));
      row.add(new Expr.Ref(at));
    }
    return new ArrayCopies.Region(region.array(), row);
  }

  /** Whether {@code e} is arithmetic on constants and variables none of {@code changed}. */
  private static boolean arithmeticOf(Expr e, Set<Var> changed) {
    if (e instanceof Expr.Const) {
      return true;
    } else if (e instanceof Expr.Ref r) {
      return !changed.contains(r.var());
    } else if (e instanceof Expr.Binary b) {
      return arithmeticOf(b.left(), changed) && arithmeticOf(b.right(), changed);
    } else if (e instanceof Expr.Unary u) {
      return arithmeticOf(u.operand(), changed);
    } else if (e instanceof Expr.Cast c) {
      return arithmeticOf(c.operand(), changed);
    }
    return false;
  }

  /**
   * The loop of an enhanced {@code for}: an index {@code k} from 0 below {@code length}, each
   * iteration first taking the element ({@code take}, which may add statements), then the
   * body; counted when the body cannot jump out of it.
   */
  private void elementLoop(TreePath path, Expr length,
      java.util.function.BiConsumer<Expr.Ref, List<Stmt>> take, List<Stmt> out) {
    EnhancedForLoopTree f = (EnhancedForLoopTree) path.getLeaf();
    TreePath body = new TreePath(path, f.getStatement());
    boolean counted = !JumpFinder.of(f.getStatement()).leaves();
    Var index = counted ? new Var(names.numbered("k"), Type.INT, Var.Role.INDEX)
        : temp(Type.INT);
    Expr.Ref k = new Expr.Ref(index);
    if (counted) {
      List<Stmt> withElement = new ArrayList<>();
      take.accept(k, withElement);
      withElement.addAll(countedBody(body, at(f)).statements());
      out.add(new Stmt.For(index, new Expr.Const("0", Type.INT), length,
          Stmt.Direction.UP_EXCLUSIVE, new Stmt.Block(withElement), at(f)));
      return;
    }
    out.add(new Stmt.Assign(index, new Expr.Const("0", Type.INT), at(f)));
    lowerLoop(List.of(
        new ExitUnless(o -> {
          Var c = temp(Type.BOOLEAN);
          o.add(new Stmt.Assign(c, new Expr.Binary(BinaryOp.LT, k, length, Type.BOOLEAN), at(f)));
          return new Expr.Ref(c);
        }, at(f)),
        new Built(o -> take.accept(k, o)),
        new LoopBody(body),
        new LeaveIfJumped(f.getStatement(), at(f)),
        new Built(o -> o.add(new Stmt.Assign(index, new Expr.Binary(BinaryOp.ADD, k,
            new Expr.Const("1", Type.INT), Type.INT), at(f))))), f.getStatement(), at(f), out);
  }

  /** One group of a switch: its labels (none for default) and where its code is. */
  private record SwitchGroup(List<TreePath> labels, TreePath casePath, boolean isDefault) {}

  /**
   * The groups of a switch in order, the default group moved last, the labels of empty colon
   * cases merged into the next case's ({@code case 1: case 2: ...}); the fence has made sure
   * that none falls through, so the order of the groups does not matter otherwise.
   */
  private static List<SwitchGroup> groups(TreePath switchPath,
      List<? extends CaseTree> cases) {
    List<SwitchGroup> groups = new ArrayList<>();
    List<TreePath> labels = new ArrayList<>();
    boolean isDefault = false;
    for (CaseTree c : cases) {
      TreePath casePath = new TreePath(switchPath, c);
      for (ExpressionTree label : c.getExpressions()) {
        labels.add(new TreePath(casePath, label));
      }
      isDefault |= c.getExpressions().isEmpty();
      if (c.getCaseKind() == CaseTree.CaseKind.STATEMENT && c.getStatements().isEmpty()) {
        continue;
      }
      groups.add(new SwitchGroup(labels, casePath, isDefault));
      labels = new ArrayList<>();
      isDefault = false;
    }
    groups.sort(java.util.Comparator.comparing(SwitchGroup::isDefault));
    return groups;
  }

  /** A switch statement, as an if/else chain over its selector (read once) and labels. */
  private void lowerSwitch(TreePath path, List<Stmt> out) {
    SwitchTree s = (SwitchTree) path.getLeaf();
    Var selector = selector(new TreePath(path, s.getExpression()), out);
    nesting++;
    try {
      cases(selector, groups(path, s.getCases()), 0, out, (group, body) -> {
        CaseTree c = (CaseTree) group.casePath().getLeaf();
        if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
          lowerStatement(new TreePath(group.casePath(), c.getBody()), body);
        } else {
          List<? extends StatementTree> code = c.getStatements();
          if (code.get(code.size() - 1) instanceof BreakTree) {
            code = code.subList(0, code.size() - 1);
          }
          lowerSequence(statements(group.casePath(), code), body);
        }
      }, at(s));
    } finally {
      nesting--;
    }
  }

  /** A switch expression with arrow cases to expressions: each assigns one temporary. */
  private Expr switchExpression(TreePath path, List<Stmt> out, Origin origin) {
    SwitchExpressionTree s = (SwitchExpressionTree) path.getLeaf();
    Var selector = selector(new TreePath(path, s.getExpression()), out);
    Var t = temp(typeOf(path));
    cases(selector, groups(path, s.getCases()), 0, out, (group, body) -> lowerAssign(t,
        new TreePath(group.casePath(), ((CaseTree) group.casePath().getLeaf()).getBody()),
        body, origin), at(s));
    return new Expr.Ref(t);
  }

  private Var selector(TreePath path, List<Stmt> out) {
    runUpdatesFirst(path, out);
    Var selector = temp(Type.INT);
    out.add(new Stmt.Assign(selector, passive(path, out), at(path.getLeaf())));
    return selector;
  }

  /**
   * Groups {@code from} on: a test of the selector against the first group's labels, its code
   * when it holds, the rest otherwise; the default group's code when no label matched.
   */
  private void cases(Var selector, List<SwitchGroup> groups, int from, List<Stmt> out,
      java.util.function.BiConsumer<SwitchGroup, List<Stmt>> lowerBody, Origin origin) {
    if (from == groups.size()) {
      return;
    }
    SwitchGroup group = groups.get(from);
    if (group.isDefault()) {
      lowerBody.accept(group, out); // last, see groups()
      return;
    }
    Expr test = null;
    for (TreePath label : group.labels()) {
      Expr equal = new Expr.Binary(BinaryOp.EQ, new Expr.Ref(selector), passive(label),
          Type.BOOLEAN);
      test = test == null ? equal : new Expr.Binary(BinaryOp.OR, test, equal, Type.BOOLEAN);
    }
    Var c = temp(Type.BOOLEAN);
    out.add(new Stmt.Assign(c, test, at(group.casePath().getLeaf())));
    List<Stmt> whenTrue = new ArrayList<>();
    lowerBody.accept(group, whenTrue);
    List<Stmt> otherwise = new ArrayList<>();
    cases(selector, groups, from + 1, otherwise, lowerBody, origin);
    out.add(new Stmt.If(new Expr.Ref(c), new Stmt.Block(whenTrue), new Stmt.Block(otherwise),
        origin));
  }

  private void lowerIf(TreePath path, List<Stmt> out) {
    IfTree s = (IfTree) path.getLeaf();
    Expr condition = condition(new TreePath(path, s.getCondition()), out);
    List<Stmt> thenOut = new ArrayList<>();
    List<Stmt> elseOut = new ArrayList<>();
    nesting++;
    try {
      lowerStatement(new TreePath(path, s.getThenStatement()), thenOut);
      if (s.getElseStatement() != null) {
        lowerStatement(new TreePath(path, s.getElseStatement()), elseOut);
      }
    } finally {
      nesting--;
    }
    out.add(new Stmt.If(condition, new Stmt.Block(thenOut), new Stmt.Block(elseOut), at(s)));
  }

  /**
   * A boolean atom the backward sweep reads to replay the branch: always a fresh variable, so
   * that nothing the branch writes (not even the condition's own variables) changes it.
   */
  private Expr condition(TreePath path, List<Stmt> out) {
    runUpdatesFirst(path, out);
    Expr e = passive(path, out);
    if (e instanceof Expr.Const) {
      return e;
    }
    Var c = temp(Type.BOOLEAN);
    out.add(new Stmt.Assign(c, e, at(path.getLeaf())));
    return new Expr.Ref(c);
  }

  /** Values of the {@code ++}/{@code --} updates inside expressions, run before them. */
  private final Map<Tree, Expr> updated = new IdentityHashMap<>();

  /** Runs the {@link NestedUpdates} under {@code root} and records the values they give. */
  private void runUpdatesFirst(TreePath root, List<Stmt> out) {
    for (TreePath p : NestedUpdates.in(trees, root)) {
      UnaryTree u = (UnaryTree) p.getLeaf();
      if (updated.containsKey(u)) {
        continue;
      }
      Var v = local(new TreePath(p, u.getExpression()));
      boolean increment = u.getKind() == Tree.Kind.PREFIX_INCREMENT
          || u.getKind() == Tree.Kind.POSTFIX_INCREMENT;
      if (u.getKind() == Tree.Kind.POSTFIX_INCREMENT
          || u.getKind() == Tree.Kind.POSTFIX_DECREMENT) {
        Var old = temp(v.type());
        out.add(new Stmt.Assign(old, new Expr.Ref(v), at(u)));
        updated.put(u, new Expr.Ref(old));
      } else {
        updated.put(u, new Expr.Ref(v));
      }
      update(v, increment ? BinaryOp.ADD : BinaryOp.SUB, null, v.type(), out, at(u));
    }
  }

  private void lowerVariable(TreePath path, List<Stmt> out) {
    VariableTree v = (VariableTree) path.getLeaf();
    Element element = trees.getElement(path);
    if (CheckpointedLoops.annotated(element)) {
      throw new CompileError(v, Diagnostic.CHECKPOINT_PLACEMENT,
          "is on a local variable that is not a loop's index");
    }
    if (RowAliases.isAlias(trees, path)) {
      aliases.put(element, alias(element, new TreePath(path, v.getInitializer()), out, at(v)));
      return;
    }
    Var var = declare(element, Var.Role.LOCAL, TypeMapper.map(element.asType(), v));
    if (v.getInitializer() != null && LibraryCalls.name(trees,
        new TreePath(path, v.getInitializer())).equals(LibraryCalls.CLONE)) {
      MethodInvocationTree clone = (MethodInvocationTree) v.getInitializer();
      TreePath source = new TreePath(new TreePath(new TreePath(path, clone),
          clone.getMethodSelect()), ((MemberSelectTree) clone.getMethodSelect()).getExpression());
      out.addAll(ArrayCopies.copyOf(var, ArrayCopies.Region.of(passive(source, out)), names,
          at(v)));
    } else if (v.getInitializer() instanceof NewArrayTree n && n.getInitializers() != null) {
      initializer(var, new TreePath(path, n), out, at(v));
    } else if (v.getInitializer() != null) {
      lowerAssign(var, new TreePath(path, v.getInitializer()), out, at(v));
    }
  }

  /**
   * The row an alias names, its indices kept in {@code int} locals of its own: the variable it
   * was taken with may change while the alias is still read, and a later {@code row = W[k]}
   * sets the same locals, so that code lowered before it reads the row current at run time.
   * A constant or a counted loop's index is used as it is when the alias never moves.
   */
  private ArrayCopies.Region alias(Element element, TreePath designator, List<Stmt> out,
      Origin origin) {
    Expr row = passive(designator, out);
    if (row instanceof Expr.Ref r) {
      return new ArrayCopies.Region(r.var(), List.of());
    }
    if (!(row instanceof Expr.ArrayRead a)) {
      throw new CompileError(designator.getLeaf(), Diagnostic.ARRAY_NOT_SUPPORTED,
          "taking this array as a row", "name a row of an array directly: double[] row = W[i];");
    }
    List<Expr> captured = new ArrayList<>();
    for (Expr index : a.indices()) {
      // a constant, or a counted loop's index (which its body never changes), needs no copy
      if (!movedAliases.contains(element) && (index instanceof Expr.Const
          || index instanceof Expr.Ref r && r.var().role() == Var.Role.INDEX)) {
        captured.add(index);
        continue;
      }
      Var at = new Var(names.fresh(element.getSimpleName() + "Index"), Type.INT, Var.Role.LOCAL);
      out.add(new Stmt.Assign(at, index, origin));
      captured.add(new Expr.Ref(at));
    }
    return new ArrayCopies.Region(a.array(), captured);
  }

  /** {@code row = W[k]}: the alias moves to another row of the same array. */
  private void realias(Element element, TreePath designator, List<Stmt> out, Origin origin) {
    ArrayCopies.Region alias = aliases.get(element);
    Expr row = passive(designator, out);
    Var array = row instanceof Expr.Ref r ? r.var()
        : row instanceof Expr.ArrayRead a ? a.array() : null;
    List<Expr> indices = row instanceof Expr.ArrayRead a ? a.indices() : List.of();
    if (array != alias.array() || indices.size() != alias.row().size()) {
      throw new CompileError(origin, Diagnostic.ARRAY_NOT_SUPPORTED,
          "pointing " + element.getSimpleName() + " at another array",
          "a row variable may move to another row of the array it was taken from;"
              + " declare a second variable for the other array");
    }
    for (int k = 0; k < indices.size(); k++) {
      out.add(new Stmt.Assign(((Expr.Ref) alias.row().get(k)).var(), indices.get(k),
          origin));
    }
  }

  /**
   * {@code double[] a = {x, y}} (or a rectangular {@code {{..}, {..}}}): a frame-owned array
   * of that shape, then a store per element, each differentiated like {@code a[i] = ...}.
   */
  private void initializer(Var array, TreePath init, List<Stmt> out, Origin origin) {
    List<? extends ExpressionTree> rows = ((NewArrayTree) init.getLeaf()).getInitializers();
    List<Expr> shape = new ArrayList<>();
    shape.add(new Expr.Const(Integer.toString(rows.size()), Type.INT));
    if (array.type().dims() == 2) {
      int cols = rows.isEmpty() ? 0 : ((NewArrayTree) rows.get(0)).getInitializers().size();
      shape.add(new Expr.Const(Integer.toString(cols), Type.INT));
    }
    out.add(new Stmt.Assign(array, new Expr.NewArray(array.type(), shape), origin));
    for (int i = 0; i < rows.size(); i++) {
      Expr row = new Expr.Const(Integer.toString(i), Type.INT);
      TreePath rowPath = new TreePath(init, rows.get(i));
      if (array.type().dims() == 1) {
        storeInto(new Expr.ArrayRead(array, List.of(row), array.type().element()), rowPath,
            out, origin);
        continue;
      }
      List<? extends ExpressionTree> cells = ((NewArrayTree) rows.get(i)).getInitializers();
      for (int j = 0; j < cells.size(); j++) {
        storeInto(new Expr.ArrayRead(array, List.of(row,
            new Expr.Const(Integer.toString(j), Type.INT)), array.type().element()),
            new TreePath(rowPath, cells.get(j)), out, origin);
      }
    }
  }

  private void lowerExpressionStatement(TreePath path, List<Stmt> out) {
    ExpressionStatementTree s = (ExpressionStatementTree) path.getLeaf();
    ExpressionTree e = s.getExpression();
    TreePath ePath = new TreePath(path, e);
    if (e instanceof AssignmentTree a) {
      TreePath target = new TreePath(ePath, a.getVariable());
      if (a.getVariable() instanceof ArrayAccessTree) {
        store(target, new TreePath(ePath, a.getExpression()), out, at(s));
      } else if (aliases.containsKey(trees.getElement(target))) {
        realias(trees.getElement(target), new TreePath(ePath, a.getExpression()), out, at(s));
      } else {
        lowerAssign(local(target), new TreePath(ePath, a.getExpression()), out, at(s));
      }
    } else if (e instanceof CompoundAssignmentTree c) {
      BinaryOp op = Operators.compound(c.getKind());
      TreePath operand = new TreePath(ePath, c.getExpression());
      TreePath target = new TreePath(ePath, c.getVariable());
      if (c.getVariable() instanceof ArrayAccessTree) {
        storeUpdate(target, op, operand, out, at(s));
        return;
      }
      Var v = local(target);
      Type operandType = TypeMapper.map(trees.getTypeMirror(operand), c.getExpression());
      update(v, op, operand, promoted(v.type(), operandType, op), out, at(s));
    } else if (e instanceof UnaryTree u) {
      BinaryOp op = switch (u.getKind()) {
        case PREFIX_INCREMENT, POSTFIX_INCREMENT -> BinaryOp.ADD;
        default -> BinaryOp.SUB;
      };
      TreePath target = new TreePath(ePath, u.getExpression());
      if (u.getExpression() instanceof ArrayAccessTree) {
        storeUpdate(target, op, null, out, at(s));
        return;
      }
      Var v = local(target);
      update(v, op, null, v.type(), out, at(s));
    } else if (e instanceof MethodInvocationTree m) {
      String callee = LibraryCalls.name(trees, ePath);
      if (callee.equals(LibraryCalls.FILL)) {
        lowerFill(ePath, m, out, at(s));
      } else if (callee.equals(LibraryCalls.ARRAYCOPY)) {
        lowerArraycopy(ePath, m, out, at(s));
      } else {
        out.add(new Stmt.Effect(call(ePath, out, at(s)), at(s)));
      }
    } else {
      throw new CompileError(e, Diagnostic.UNSUPPORTED_EXPRESSION,
          e.getKind().toString().toLowerCase().replace('_', ' '), "assign or call instead");
    }
  }

  /** {@code Arrays.fill(a, v)} or {@code Arrays.fill(a, from, to, v)}. */
  private void lowerFill(TreePath path, MethodInvocationTree m, List<Stmt> out, Origin origin) {
    List<TreePath> args = childPaths(path, m.getArguments());
    ArrayCopies.Region a = ArrayCopies.Region.of(passive(args.get(0), out));
    Expr from = new Expr.Const("0", Type.INT);
    Expr to = new Expr.Length(a.whole());
    if (args.size() == 4) {
      from = once(atom(args.get(1), out, origin), out, origin);
      to = once(atom(args.get(2), out, origin), out, origin);
    }
    Expr value = once(atom(args.get(args.size() - 1), out, origin), out, origin);
    out.add(ArrayCopies.fill(a, from, to, value, names, origin));
  }

  /**
   * An argument Java evaluates once, before the call, kept in a temporary when it reads an
   * element: the loop the call becomes may overwrite that element (Arrays.fill(acc, acc[0])
   * writes acc[0] with itself, and its reversal zeroed acc[0]'s adjoint after adding it to
   * itself: random tester, seed 13).
   */
  private Expr once(Expr e, List<Stmt> out, Origin origin) {
    if (!(e instanceof Expr.ArrayRead)) {
      return e;
    }
    Var t = temp(e.type());
    out.add(new Stmt.Assign(t, e, origin));
    return new Expr.Ref(t);
  }

  /** {@code System.arraycopy(src, srcPos, dst, dstPos, length)}. */
  private void lowerArraycopy(TreePath path, MethodInvocationTree m, List<Stmt> out,
      Origin origin) {
    List<TreePath> args = childPaths(path, m.getArguments());
    ArrayCopies.Region src = ArrayCopies.Region.of(passive(args.get(0), out));
    Expr srcPos = once(atom(args.get(1), out, origin), out, origin);
    ArrayCopies.Region dst = ArrayCopies.Region.of(passive(args.get(2), out));
    Expr dstPos = once(atom(args.get(3), out, origin), out, origin);
    Expr length = once(atom(args.get(4), out, origin), out, origin);
    out.add(ArrayCopies.copy(src, srcPos, dst, dstPos, length, names, origin));
  }

  /**
   * The element a store writes, with every index that reads the array itself computed first
   * into a temporary: the reversal addresses the element again after the store changed the
   * array, and must find the same one.
   */
  private Expr.ArrayRead stableElement(Expr.ArrayRead element, List<Stmt> out, Origin origin) {
    List<Expr> indices = new ArrayList<>();
    for (Expr index : element.indices()) {
      if (reads(index, element.array())) {
        Var t = temp(index.type());
        out.add(new Stmt.Assign(t, index, origin));
        index = new Expr.Ref(t);
      }
      indices.add(index);
    }
    return new Expr.ArrayRead(element.array(), indices, element.type());
  }

  /** {@code a[i] = value}. */
  private void store(TreePath target, TreePath value, List<Stmt> out, Origin origin) {
    storeInto(stableElement((Expr.ArrayRead) passive(target, out), out, origin), value, out,
        origin);
  }

  private void storeInto(Expr.ArrayRead element, TreePath value, List<Stmt> out, Origin origin) {
    if (element.type().isReal() && isReal(value)) {
      Expr op = operation(value, out, origin);
      if (reads(op, element.array()) || isMethodCall(op)) {
        Var t = temp(op.type());
        out.add(new Stmt.Assign(t, op, origin));
        op = new Expr.Ref(t);
      }
      out.add(new Stmt.Store(element.array(), element.indices(), op, Stmt.StoreKind.SET, origin));
    } else {
      out.add(new Stmt.Store(element.array(), element.indices(), passive(value, out),
          Stmt.StoreKind.SET, origin));
    }
  }

  /** {@code a[i] op= operand}, or {@code a[i]++} and {@code a[i]--} (operand null). */
  private void storeUpdate(TreePath target, BinaryOp op, TreePath operand, List<Stmt> out,
      Origin origin) {
    Expr.ArrayRead element = stableElement((Expr.ArrayRead) passive(target, out), out, origin);
    Expr one = new Expr.Const("1", Type.INT);
    if (element.type().isReal()) {
      if (op == BinaryOp.ADD || op == BinaryOp.SUB) {
        Expr increment = operand == null ? one : increment(operand, element.array(), out, origin);
        out.add(new Stmt.Store(element.array(), element.indices(), increment,
            op == BinaryOp.ADD ? Stmt.StoreKind.ADD : Stmt.StoreKind.SUB, origin));
        return;
      }
      Expr right = operand == null ? one : atom(operand, out, origin);
      Type type = promoted(element.type(), right.type(), op);
      Var t = temp(type);
      out.add(new Stmt.Assign(t, new Expr.Binary(op, element, right, type), origin));
      out.add(new Stmt.Store(element.array(), element.indices(),
          narrowed(new Expr.Ref(t), element.type()), Stmt.StoreKind.SET, origin));
    } else {
      Expr right = operand == null ? one : passive(operand, out);
      Type type = operand == null ? Type.INT : promoted(element.type(),
          TypeMapper.map(trees.getTypeMirror(operand), operand.getLeaf()), op);
      Expr value = new Expr.Binary(op, element, right, type);
      if (!type.equals(element.type())) {
        value = new Expr.Cast(element.type(), value);
      }
      out.add(new Stmt.Store(element.array(), element.indices(), value, Stmt.StoreKind.SET,
          origin));
    }
  }

  /**
   * The right side of {@code x += e}: kept as one operation ({@code h[i] += W[i][j] * x[j]}, as a
   * person would write the backward sweep) unless its rule needs its result, which is not
   * stored, or it reads {@code x}, whose old value is gone by the time the sweep runs.
   */
  private Expr increment(TreePath operand, Var target, List<Stmt> out, Origin origin) {
    if (!isReal(operand)) {
      return atom(operand, out, origin);
    }
    Expr op = operation(operand, out, origin);
    if (!reads(op, target)
        && (Expr.isAtom(op) || (!RuleBook.readsResult(op) && !isMethodCall(op)))) {
      return op;
    }
    Var t = temp(op.type());
    out.add(new Stmt.Assign(t, op, origin));
    return new Expr.Ref(t);
  }

  /**
   * Calls other than Math functions are reversed as statements of their own (an assignment to a
   * temporary), never inside a store.
   */
  private static boolean isMethodCall(Expr op) {
    return op instanceof Expr.Call c && !(c.callee() instanceof Callee.MathFunction);
  }

  private static boolean reads(Expr op, Var v) {
    List<Var> reads = new ArrayList<>();
    Operands.readsOf(op, reads);
    return reads.contains(v);
  }

  /** {@code target op= operand}, or {@code target op= 1} for ++ and -- (operand null). */
  private void update(Var target, BinaryOp op, TreePath operand, Type type, List<Stmt> out,
      Origin origin) {
    Expr old = new Expr.Ref(target);
    if (target.type().isReal() && (op == BinaryOp.ADD || op == BinaryOp.SUB)) {
      Expr increment = operand == null ? new Expr.Const("1", Type.INT)
          : increment(operand, target, out, origin);
      out.add(new Stmt.Store(target, List.of(), increment,
          op == BinaryOp.ADD ? Stmt.StoreKind.ADD : Stmt.StoreKind.SUB, origin));
    } else if (target.type().isReal()) {
      Expr right = operand == null ? new Expr.Const("1", Type.INT) : atom(operand, out, origin);
      Type computed = promoted(target.type(), right.type(), op);
      Var t = temp(computed);
      out.add(new Stmt.Assign(t, new Expr.Binary(op, old, right, computed), origin));
      out.add(new Stmt.Assign(target, narrowed(new Expr.Ref(t), target.type()), origin));
    } else {
      Expr right = operand == null ? new Expr.Const("1", Type.INT) : passive(operand, out);
      Type binaryType = operand == null ? promoted(target.type(), Type.INT, op) : type;
      Expr value = new Expr.Binary(op, old, right, binaryType);
      if (!binaryType.equals(target.type())) {
        value = new Expr.Cast(target.type(), value);
      }
      out.add(new Stmt.Assign(target, value, origin));
    }
  }

  /** Java's binary numeric promotion, which decides the type a compound assignment computes in. */
  private static Type promoted(Type target, Type operand, BinaryOp op) {
    if (op == BinaryOp.SHL || op == BinaryOp.SHR || op == BinaryOp.USHR) {
      return target.kind() == Type.Kind.LONG ? target : Type.INT;
    }
    if (target.kind() == Type.Kind.BOOLEAN) {
      return Type.BOOLEAN;
    }
    for (Type.Kind k : List.of(Type.Kind.DOUBLE, Type.Kind.FLOAT, Type.Kind.LONG)) {
      if (target.kind() == k || operand.kind() == k) {
        return Type.scalar(k);
      }
    }
    return Type.INT;
  }

  /**
   * {@code value} as a {@code target}: the implicit narrowing of a compound assignment
   * ({@code f *= d} on a float computes in double), kept as a cast, which the rules see.
   */
  private static Expr narrowed(Expr value, Type target) {
    return value.type().equals(target) ? value : new Expr.Cast(target, value);
  }

  private void lowerAssign(Var target, TreePath value, List<Stmt> out, Origin origin) {
    if (!target.type().isReal() && value.getLeaf().getKind() == Tree.Kind.SWITCH_EXPRESSION) {
      out.add(new Stmt.Assign(target, switchExpression(value, out, origin), origin));
    } else if (target.type().isReal() && isReal(value)) {
      Expr op = operation(value, out, origin);
      // The reversal reads the operands (and the indices of elements) as they were: a
      // statement that overwrites one of them computes into a temporary first.
      if (reads(op, target)) {
        Var t = temp(op.type());
        out.add(new Stmt.Assign(t, op, origin));
        op = new Expr.Ref(t);
      }
      out.add(new Stmt.Assign(target, op, origin));
    } else {
      out.add(new Stmt.Assign(target, passive(value, out), origin));
    }
  }

  private Var local(TreePath path) {
    Element element = trees.getElement(path);
    Var v = vars.get(element);
    if (v == null) {
      throw new CompileError(path.getLeaf(), Diagnostic.FIELD_WRITE);
    }
    return v;
  }

  /**
   * {@code for (double[] x : xs)} over a List parameter: a loop over the indices in which
   * {@code x} stands for the row {@code xs.get(k)} (rows are not locals; the backward sweep
   * reads the row again at the same index).
   */
  private void lowerForEachRow(TreePath path, Var list, Element variable, List<Stmt> out) {
    Type row = list.type().indexed(1);
    elementLoop(path, new Expr.Length(new Expr.Ref(list)),
        (k, o) -> listRows.put(variable, new Expr.ArrayRead(list, List.of(k), row)), out);
  }

  // ---------------------------------------------------------------- real expressions

  /** Whether the expression is a double or a float, the values that carry derivatives. */
  private boolean isReal(TreePath path) {
    TypeMirror t = trees.getTypeMirror(path);
    return t != null && DifferentiableSignature.isReal(t.getKind());
  }

  private Type typeOf(TreePath path) {
    return TypeMapper.map(trees.getTypeMirror(path), path.getLeaf());
  }

  /** A real-valued expression as an atom, introducing a temporary when it is an operation. */
  private Expr atom(TreePath path, List<Stmt> out, Origin origin) {
    Expr e = isReal(path) ? operation(path, out, origin) : passive(path, out);
    if (Expr.isAtom(e)) {
      return e;
    }
    Var t = temp(e.type());
    out.add(new Stmt.Assign(t, e, origin));
    return new Expr.Ref(t);
  }

  /** A real-valued expression as one operation over atoms. */
  private Expr operation(TreePath path, List<Stmt> out, Origin origin) {
    Tree tree = path.getLeaf();
    switch (tree.getKind()) {
      case PARENTHESIZED:
        return operation(new TreePath(path, ((ParenthesizedTree) tree).getExpression()), out, origin);
      case IDENTIFIER, MEMBER_SELECT, DOUBLE_LITERAL, FLOAT_LITERAL, INT_LITERAL, LONG_LITERAL:
        return passive(path);
      case UNARY_MINUS:
        return new Expr.Unary(UnaryOp.NEG,
            atom(new TreePath(path, ((UnaryTree) tree).getExpression()), out, origin),
            typeOf(path));
      case UNARY_PLUS:
        return operation(new TreePath(path, ((UnaryTree) tree).getExpression()), out, origin);
      case PLUS, MINUS, MULTIPLY, DIVIDE, REMAINDER:
        return binary(path, out, origin);
      case TYPE_CAST:
        return cast(path, out, origin);
      case CONDITIONAL_EXPRESSION:
        return conditional(path, out, origin);
      case SWITCH_EXPRESSION:
        return switchExpression(path, out, origin);
      case METHOD_INVOCATION:
        return leafRead(path) != null ? new Expr.Ref(leafRead(path)) : call(path, out, origin);
      case ARRAY_ACCESS:
        return passive(path, out);
      default:
        throw new CompileError(tree, Diagnostic.UNSUPPORTED_EXPRESSION,
            tree.getKind().toString().toLowerCase().replace('_', ' '),
            "split it into simpler statements");
    }
  }

  // Separate from operation(), whose frame stays small: it recurses once per nested operand.

  private Expr binary(TreePath path, List<Stmt> out, Origin origin) {
    BinaryTree b = (BinaryTree) path.getLeaf();
    Expr left = atom(new TreePath(path, b.getLeftOperand()), out, origin);
    Expr right = atom(new TreePath(path, b.getRightOperand()), out, origin);
    return new Expr.Binary(Operators.binary(b.getKind()), left, right, typeOf(path));
  }

  private Expr cast(TreePath path, List<Stmt> out, Origin origin) {
    TreePath operand = new TreePath(path, ((TypeCastTree) path.getLeaf()).getExpression());
    Type target = typeOf(path);
    if (isReal(operand) && typeOf(operand).equals(target)) {
      return operation(operand, out, origin);
    }
    return new Expr.Cast(target, atom(operand, out, origin));
  }

  private Expr conditional(TreePath path, List<Stmt> out, Origin origin) {
    ConditionalExpressionTree c = (ConditionalExpressionTree) path.getLeaf();
    Expr condition = condition(new TreePath(path, c.getCondition()), out);
    Var t = temp(typeOf(path));
    List<Stmt> whenTrue = new ArrayList<>();
    lowerAssign(t, new TreePath(path, c.getTrueExpression()), whenTrue, origin);
    List<Stmt> whenFalse = new ArrayList<>();
    lowerAssign(t, new TreePath(path, c.getFalseExpression()), whenFalse, origin);
    out.add(new Stmt.If(condition, new Stmt.Block(whenTrue), new Stmt.Block(whenFalse),
        at(c.getCondition())));
    return new Expr.Ref(t);
  }

  /** A call in three-address form: scalar arguments as atoms, arrays as they are. */
  private Expr.Call call(TreePath path, List<Stmt> out, Origin origin) {
    MethodInvocationTree call = (MethodInvocationTree) path.getLeaf();
    List<Expr> args = arguments(path, argPath -> {
      TypeMirror t = trees.getTypeMirror(argPath);
      return t != null && t.getKind() == TypeKind.ARRAY ? passive(argPath, out)
          : atom(argPath, out, origin);
    });
    TypeMirror result = trees.getTypeMirror(path);
    Type type = result.getKind() == TypeKind.VOID ? Type.INT : TypeMapper.map(result, call);
    return new Expr.Call(callee(path), stableArguments(args, out, origin), type, at(call));
  }

  /**
   * The arguments with every scalar, and every row index, that reads an array the call is given
   * computed first into a temporary: the call may write that array, and its reversal reads its
   * arguments again afterwards ({@code axpy(c, g, acc[(int) out[0]], out)} must find the same
   * row of {@code acc}).
   */
  private List<Expr> stableArguments(List<Expr> args, List<Stmt> out, Origin origin) {
    List<Var> arrays = new ArrayList<>();
    for (Expr arg : args) {
      if (arg instanceof Expr.Ref r && arg.type().isArray()) {
        arrays.add(r.var());
      } else if (arg instanceof Expr.ArrayRead row && arg.type().isArray()) {
        arrays.add(row.array());
      }
    }
    if (arrays.isEmpty()) {
      return args;
    }
    List<Expr> stable = new ArrayList<>();
    for (Expr arg : args) {
      if (!arg.type().isArray() && readsAny(arg, arrays)) {
        Var t = temp(arg.type());
        out.add(new Stmt.Assign(t, arg, origin));
        stable.add(new Expr.Ref(t));
      } else if (arg instanceof Expr.ArrayRead row) {
        List<Expr> indices = new ArrayList<>();
        for (Expr index : row.indices()) {
          if (readsAny(index, arrays)) {
            Var t = temp(index.type());
            out.add(new Stmt.Assign(t, index, origin));
            index = new Expr.Ref(t);
          }
          indices.add(index);
        }
        stable.add(new Expr.ArrayRead(row.array(), indices, row.type()));
      } else {
        stable.add(arg);
      }
    }
    return stable;
  }

  private static boolean readsAny(Expr e, List<Var> vars) {
    List<Var> reads = new ArrayList<>();
    Operands.readsOf(e, reads);
    return reads.stream().anyMatch(vars::contains);
  }

  private Callee callee(TreePath path) {
    ExecutableElement method = (ExecutableElement) trees.getElement(path);
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    String ownerName = owner.getQualifiedName().toString();
    String name = method.getSimpleName().toString();
    boolean allReal = method.getParameters().stream()
        .allMatch(p -> DifferentiableSignature.isReal(p.asType().getKind()));
    if ((ownerName.equals("java.lang.Math") || ownerName.equals("java.lang.StrictMath"))
        && allReal && DifferentiableSignature.isReal(method.getReturnType().getKind())
        && MathRules.has(name, method.getParameters().size())) {
      return new Callee.MathFunction(Owners.of(owner), name);
    }
    if (CustomDerivatives.isRegistered(method)) {
      CustomDerivatives.Registration r = CustomDerivatives.read(method);
      if (r.problem() != null) {
        throw new CompileError(path.getLeaf(), Diagnostic.BAD_CUSTOM_DERIVATIVE, r.problem());
      }
      return r.callee();
    }
    List<Boolean> outs = method.getParameters().stream()
        .map(p -> p.getAnnotation(dev.tapeless.Out.class) != null).toList();
    if (objectOf(path) != null) {
      // first argument the object: never an output
      List<Boolean> withReceiver = new ArrayList<>(outs);
      withReceiver.add(0, false);
      return new Callee.Opaque(Owners.of(owner), name, withReceiver,
          Callee.Opaque.Form.OBJECT_METHOD);
    }
    if (method.getAnnotation(dev.tapeless.Differentiable.class) != null) {
      return DifferentiableSignature.ofCallee(method, elements).asCallee();
    }
    if (CopiedHelpers.isHelper(trees, method) && CopiedHelpers.uncallable(method) != null) {
      // called with the receiver's leaves first and a record's leaves in its place
      outs = DifferentiableSignature.of(method).params().stream().map(Callee.Param::out).toList();
    } else if (CopiedHelpers.isHelper(trees, method)) {
      // what its body writes counts as written, @Out or not (found, then rejected: TL117)
      List<Boolean> writes = ParameterWrites.of(trees, method);
      List<Boolean> declared = outs;
      outs = java.util.stream.IntStream.range(0, declared.size())
          .mapToObj(i -> declared.get(i) || writes.get(i)).toList();
    }
    return new Callee.Opaque(Owners.of(owner), name, outs, methods.keyOf(method), false);
  }

  // ---------------------------------------------------------------- passive expressions

  /** An expression tree for a value that carries no derivative of its own. */
  private Expr passive(TreePath path) {
    Tree tree = path.getLeaf();
    Var object = objectRead(path) != null ? objectRead(path) : listRead(path);
    if (object != null) {
      return new Expr.Ref(object); // passed along to another @Differentiable method
    }
    Expr fromList = listAccess(path);
    if (fromList != null) {
      return fromList;
    }
    Type type = TypeMapper.map(trees.getTypeMirror(path), tree);
    switch (tree.getKind()) {
      case PARENTHESIZED:
        return passive(new TreePath(path, ((ParenthesizedTree) tree).getExpression()));
      case INT_LITERAL, LONG_LITERAL, DOUBLE_LITERAL, FLOAT_LITERAL, BOOLEAN_LITERAL,
          CHAR_LITERAL:
        return Literals.of(((LiteralTree) tree).getValue());
      case ARRAY_ACCESS: {
        List<Expr> indices = new ArrayList<>();
        TreePath base = path;
        while (base.getLeaf() instanceof ArrayAccessTree a) {
          indices.add(0, passive(new TreePath(base, a.getIndex())));
          base = new TreePath(base, a.getExpression());
        }
        if (listAccess(base) instanceof Expr.ArrayRead row) {
          List<Expr> all = new ArrayList<>(row.indices());
          all.addAll(indices);
          return new Expr.ArrayRead(row.array(), all, type);
        }
        Element baseElement = trees.getElement(base);
        ArrayCopies.Region alias = aliases.get(baseElement);
        if (alias != null) {
          indices.addAll(0, alias.row());
          return new Expr.ArrayRead(alias.array(), indices, type);
        }
        Var array = fields.containsKey(baseElement) ? fields.get(baseElement)
            : RecordInputs.valueClassComponent(baseElement) != null ? leafRead(base)
            : baseElement != null && baseElement.getKind() == ElementKind.FIELD
            ? constantTable((VariableElement) baseElement)
            : base.getLeaf() instanceof MethodInvocationTree ? leafRead(base)
            : vars.get(baseElement);
        if (array == null) {
          throw new CompileError(tree, Diagnostic.ARRAY_NOT_SUPPORTED, "indexing this expression",
              "index an array parameter or local directly");
        }
        return new Expr.ArrayRead(array, indices, type);
      }
      case NEW_ARRAY: {
        List<Expr> dims = new ArrayList<>();
        for (ExpressionTree d : ((NewArrayTree) tree).getDimensions()) {
          dims.add(passive(new TreePath(path, d)));
        }
        return new Expr.NewArray(type, dims);
      }
      case MEMBER_SELECT: {
        MemberSelectTree m = (MemberSelectTree) tree;
        TreePath qualifier = new TreePath(path, m.getExpression());
        TypeMirror q = trees.getTypeMirror(qualifier);
        if (q != null && q.getKind() == TypeKind.ARRAY) {
          return new Expr.Length(passive(qualifier));
        }
        Var leaf = RecordInputs.valueClassComponent(trees.getElement(path)) != null
            ? leafRead(path) : null;
        if (leaf != null) {
          return new Expr.Ref(leaf);
        }
        if (objectRead(qualifier) != null) {
          Element field = trees.getElement(path);
          return new Expr.Call(new Callee.Opaque(
              Owners.of((TypeElement) field.getEnclosingElement()), m.getIdentifier().toString(),
              List.of(false), Callee.Opaque.Form.OBJECT_FIELD),
              List.of(new Expr.Ref(objectRead(qualifier))), type, at(tree));
        }
        return name(path, type);
      }
      case IDENTIFIER:
        return name(path, type);

      case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT: {
        Expr value = updated.get(tree);
        if (value == null) {
          throw new CompileError(tree, Diagnostic.NESTED_ASSIGNMENT);
        }
        return value;
      }
      case UNARY_MINUS, UNARY_PLUS, LOGICAL_COMPLEMENT, BITWISE_COMPLEMENT: {
        UnaryTree u = (UnaryTree) tree;
        return new Expr.Unary(Operators.unary(tree.getKind()),
            passive(new TreePath(path, u.getExpression())), type);
      }
      case TYPE_CAST:
        return new Expr.Cast(type,
            passive(new TreePath(path, ((TypeCastTree) tree).getExpression())));
      case CONDITIONAL_EXPRESSION: {
        ConditionalExpressionTree c = (ConditionalExpressionTree) tree;
        Expr condition = passive(new TreePath(path, c.getCondition()));
        TreePath whenTrue = new TreePath(path, c.getTrueExpression());
        TreePath whenFalse = new TreePath(path, c.getFalseExpression());
        if (computeFirstInto != null
            && (callsTakingRecords(whenTrue) || callsTakingRecords(whenFalse))) {
          return branched(condition, whenTrue, whenFalse, type, at(tree));
        }
        return new Expr.Conditional(condition, passive(whenTrue, null),
            passive(whenFalse, null), type);
      }
      case METHOD_INVOCATION: {
        Var leaf = leafRead(path);
        if (leaf != null) {
          return new Expr.Ref(leaf);
        }
        MethodInvocationTree call = (MethodInvocationTree) tree;
        if (onReceiver(path) || call.getArguments().stream().anyMatch(
            a -> componentRead(new TreePath(path, a)) instanceof RecordValue)) {
          return computedFirst(path);
        }
        return new Expr.Call(callee(path), arguments(path, this::passive), type, at(tree));
      }
      default:
        if (tree instanceof BinaryTree b) {
          boolean shortCircuit = tree.getKind() == Tree.Kind.CONDITIONAL_AND
              || tree.getKind() == Tree.Kind.CONDITIONAL_OR;
          Expr left = passive(new TreePath(path, b.getLeftOperand()));
          TreePath right = new TreePath(path, b.getRightOperand());
          if (shortCircuit && computeFirstInto != null && callsTakingRecords(right)) {
            boolean and = tree.getKind() == Tree.Kind.CONDITIONAL_AND;
            return branched(left, and ? right : null, and ? null : right, type, at(tree));
          }
          return new Expr.Binary(Operators.binary(tree.getKind()), left,
              shortCircuit ? passive(right, null) : passive(right), type);
        }
        throw new CompileError(tree, Diagnostic.UNSUPPORTED_EXPRESSION,
            tree.getKind().toString().toLowerCase().replace('_', ' '),
            "split it into simpler statements");
    }
  }

  /**
   * Where {@link #computedFirst} puts the calls it takes out of the passive expression being
   * lowered: the statements just before the one that evaluates the expression, or null where
   * nothing can run before it (a counted loop's bound, which has no call of this kind).
   */
  private List<Stmt> computeFirstInto;

  /** {@link #passive(TreePath)} with the calls of {@link #computedFirst} going into {@code out}. */
  private Expr passive(TreePath path, List<Stmt> out) {
    List<Stmt> outer = computeFirstInto;
    computeFirstInto = out;
    try {
      return passive(path);
    } finally {
      computeFirstInto = outer;
    }
  }

  /**
   * A call taking a record or this object inside a passive expression ({@code g(p) > 0},
   * {@code t[(int) g(p)]}), computed first into a temporary by a call statement, whose
   * arguments are the leaves: generated code cannot pass the record itself, which it does not
   * have, and copying the call into the expression would pass it the leaves. The same value, in
   * Java's order: the call always runs, before the rest of the expression is used; it writes no
   * array and draws from no object, so nothing evaluated before it in Java can tell.
   */
  private Expr computedFirst(TreePath path) {
    MethodInvocationTree call = (MethodInvocationTree) path.getLeaf();
    List<Stmt> out = computeFirstInto;
    Callee callee = callee(path);
    List<Callee.Param> params = Callee.paramsOf(callee);
    boolean writes = callee instanceof Callee.Opaque o
        ? o.outs().contains(true) || !o.fenced() && givesArrays(path)
        : params == null || params.stream().anyMatch(Callee.Param::out);
    boolean draws = call.getArguments().stream()
        .anyMatch(a -> objectRead(new TreePath(path, a)) != null)
        || onReceiver(path) && fields.values().stream().anyMatch(v -> v.type().isObject());
    if (out == null || writes || draws && drawsBeside(path)) {
      throw new CompileError(call, Diagnostic.UNSUPPORTED_EXPRESSION,
          "a call taking a record or this object, inside a condition, an index or an integer"
              + " cast, that writes an array, or draws from an object next to other draws",
          "assign its result to a double local first: double v = " + call + ";");
    }
    Expr.Call c = call(path, out, at(call));
    Var t = temp(c.type());
    out.add(new Stmt.Assign(t, c, at(call)));
    return new Expr.Ref(t);
  }

  /**
   * Whether the expression around {@code call} (up to its statement) has another call, left in
   * place, that draws from an object: computing {@code call} first, when it draws too, would
   * change the order of the draws.
   */
  private boolean drawsBeside(TreePath call) {
    TreePath root = call;
    while (root.getParentPath() != null
        && !(root.getParentPath().getLeaf() instanceof StatementTree)) {
      root = root.getParentPath();
    }
    boolean[] found = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        if (node == call.getLeaf()) {
          return null;
        }
        TreePath here = getCurrentPath();
        found[0] |= node.getMethodSelect() instanceof MemberSelectTree m
            && objectRead(new TreePath(new TreePath(here, m), m.getExpression())) != null
            || node.getArguments().stream()
            .anyMatch(a -> objectRead(new TreePath(here, a)) != null);
        return super.visitMethodInvocation(node, unused);
      }
    }.scan(root, null);
    return found[0];
  }

  /** Whether a call is given an array, alone or inside a record (or the object's fields). */
  private boolean givesArrays(TreePath path) {
    MethodInvocationTree call = (MethodInvocationTree) path.getLeaf();
    if (onReceiver(path) && receiverLeaves.stream().anyMatch(v -> v.type().isArray())) {
      return true;
    }
    for (ExpressionTree a : call.getArguments()) {
      TreePath arg = new TreePath(path, a);
      TypeMirror t = trees.getTypeMirror(arg);
      if (t != null && t.getKind() == TypeKind.ARRAY
          || componentRead(arg) instanceof RecordValue r
          && r.leaves().stream().anyMatch(v -> v.type().isArray())) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code c ? a : b} (and {@code c && b}, {@code c || b}, a null branch being {@code c}
   * itself) as an {@code if} into a temporary, when a branch has a call to compute first: it
   * then runs only on its branch, as in Java. The condition gets a variable of its own, which
   * the backward sweep reads to replay the branch.
   */
  private Expr branched(Expr condition, TreePath whenTrue, TreePath whenFalse, Type type,
      Origin origin) {
    List<Stmt> out = computeFirstInto;
    Var c = temp(Type.BOOLEAN);
    out.add(new Stmt.Assign(c, condition, origin));
    Var v = temp(type);
    List<Stmt> yes = new ArrayList<>();
    yes.add(new Stmt.Assign(v, whenTrue == null ? new Expr.Ref(c) : passive(whenTrue, yes),
        origin));
    List<Stmt> no = new ArrayList<>();
    no.add(new Stmt.Assign(v, whenFalse == null ? new Expr.Ref(c) : passive(whenFalse, no),
        origin));
    out.add(new Stmt.If(new Expr.Ref(c), new Stmt.Block(yes), new Stmt.Block(no), origin));
    return new Expr.Ref(v);
  }

  /** Whether {@code path} has a call taking a record or this object ({@link #computedFirst}). */
  private boolean callsTakingRecords(TreePath path) {
    boolean[] found = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        TreePath call = getCurrentPath();
        found[0] |= leafRead(call) == null && (onReceiver(call) || node.getArguments().stream()
            .anyMatch(a -> componentRead(new TreePath(call, a)) instanceof RecordValue));
        return super.visitMethodInvocation(node, unused);
      }
    }.scan(path, null);
    return found[0];
  }

  /** A variable or static field named by an identifier or a qualified name. */
  private Expr name(TreePath path, Type type) {
    Element element = trees.getElement(path);
    if (aliases.containsKey(element)) {
      return aliases.get(element).whole();
    }
    Var v = vars.containsKey(element) ? vars.get(element) : fields.get(element);
    if (v != null) {
      return new Expr.Ref(v);
    }
    if (element != null && element.getKind() == ElementKind.FIELD && type.isArray()) {
      return new Expr.Ref(constantTable((VariableElement) element));
    }
    if (element != null && element.getKind() == ElementKind.FIELD) {
      return field((VariableElement) element, type);
    }
    throw new CompileError(path.getLeaf(), Diagnostic.UNSUPPORTED_EXPRESSION, "this name",
        "use a parameter, a local or a static constant");
  }

  /**
   * A {@code static final} array field (the fence allows only element reads and length), as a
   * variable named by the field's qualified name: generated code reads it where the user did.
   */
  private Var constantTable(VariableElement field) {
    return constants.computeIfAbsent(field, f -> new Var(
        ((TypeElement) f.getEnclosingElement()).getQualifiedName() + "." + f.getSimpleName(),
        TypeMapper.map(f.asType(), null), Var.Role.CONSTANT));
  }

  private final Map<Element, Var> constants = new HashMap<>();

  private Expr field(VariableElement field, Type type) {
    Object constant = field.getConstantValue();
    if (constant != null && Access.hidden(field, method) != null) {
      return Literals.of(constant);
    }
    TypeElement owner = (TypeElement) field.getEnclosingElement();
    return new Expr.StaticField(Owners.of(owner),
        field.getSimpleName().toString(), type, constant != null);
  }
}

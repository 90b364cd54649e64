package dev.tapeless.processor.inlining;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.tapeless.processor.diagnostics.CompileError;
import dev.tapeless.processor.frontend.JavacErrors;
import dev.tapeless.processor.frontend.LanguageFence;
import dev.tapeless.processor.frontend.Lowering;
import dev.tapeless.processor.frontend.MethodElements;
import dev.tapeless.processor.frontend.OriginTrees;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.IrMethod;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The bodies of helpers (methods without {@code @Differentiable} whose source is in this
 * compilation), read, fenced and lowered as if they were annotated, once per round however many
 * callers inline them. Also remembers which helper each tree belongs to, so that an error found
 * later in an inlined body is placed in the helper's file.
 */
public final class HelperBodies {
  private final Trees trees;
  private final Elements elements;
  private final Types types;
  private final OriginTrees origins;
  private final MethodElements methods;
  private final Map<ExecutableElement, Object> lowered = new HashMap<>();
  private final Map<Tree, ExecutableElement> helperOfTree = new IdentityHashMap<>();
  private final Map<ExecutableElement, CompilationUnitTree> units = new HashMap<>();

  public HelperBodies(Trees trees, Elements elements, Types types, OriginTrees origins,
      MethodElements methods) {
    this.origins = origins;
    this.methods = methods;
    this.trees = trees;
    this.elements = elements;
    this.types = types;
  }

  /** Whether {@code method}'s source, with a body, is in this compilation. */
  public boolean hasSource(ExecutableElement method) {
    TreePath path = trees.getPath(method);
    return path != null && path.getLeaf() instanceof MethodTree m && m.getBody() != null;
  }

  /**
   * The helper's IR.
   *
   * @throws Rejected when its body has errors (none listed when javac reports them itself)
   */
  public IrMethod body(ExecutableElement helper) {
    Object known = lowered.computeIfAbsent(helper, this::lower);
    if (known instanceof Rejected r) {
      throw r;
    }
    return (IrMethod) known;
  }

  private Object lower(ExecutableElement helper) {
    TreePath path = trees.getPath(helper);
    MethodTree tree = (MethodTree) path.getLeaf();
    units.put(helper, path.getCompilationUnit());
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree t, Void unused) {
        if (t != null) {
          helperOfTree.putIfAbsent(t, helper);
        }
        return super.scan(t, unused);
      }
    }.scan(tree, null);
    TreePath body = new TreePath(path, tree.getBody());
    trees.getElement(body); // attributes the helper's class, as for a @Differentiable method
    if (JavacErrors.in(trees, types, helper, body)) {
      return new Rejected(helper, List.of());
    }
    List<CompileError> fenced = LanguageFence.check(trees, helper, body);
    if (!fenced.isEmpty()) {
      return new Rejected(helper, fenced);
    }
    try {
      return Lowering.lower(trees, elements, helper, path, origins, methods);
    } catch (CompileError e) {
      return new Rejected(helper, List.of(e));
    }
  }

  /**
   * Whether this error on a helper's tree is reported for the first time this round: every
   * caller that inlines a broken helper finds the same error, which should show once.
   */
  public boolean firstReport(CompileError error) {
    return reported.computeIfAbsent(error.tree(), t -> new HashSet<>()).add(error.getMessage());
  }

  private final Map<Tree, Set<String>> reported = new IdentityHashMap<>();

  /**
   * What a helper of another package uses that the caller's package cannot reach, or null
   * (its body is attributed first).
   */
  public String firstHidden(ExecutableElement helper) {
    TreePath path = trees.getPath(helper);
    trees.getElement(new TreePath(path, ((MethodTree) path.getLeaf()).getBody()));
    return PublicUses.firstHidden(trees, helper);
  }

  /** The helper whose body holds {@code tree}, or null for a tree of no helper read so far. */
  public ExecutableElement helperOf(Tree tree) {
    return tree == null ? null : helperOfTree.get(tree);
  }

  /** The method a call without a rule calls, or null when the IR does not name it. */
  public ExecutableElement methodOf(Callee.Opaque callee) {
    return methods.element(callee.method());
  }

  /** The file of a helper read so far. */
  public CompilationUnitTree unitOf(ExecutableElement helper) {
    return units.get(helper);
  }

  /** A helper whose body cannot be differentiated, with the errors found in it. */
  public static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ExecutableElement helper;
    private final transient List<CompileError> errors;

    Rejected(ExecutableElement helper, List<CompileError> errors) {
      super(helper.getSimpleName() + " has errors", null, false, false);
      this.helper = helper;
      this.errors = List.copyOf(errors);
    }

    public ExecutableElement helper() {
      return helper;
    }

    /** The errors, each on its tree in the helper; empty when javac reports them. */
    public List<CompileError> errors() {
      return errors;
    }
  }
}

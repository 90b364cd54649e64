package dev.tapeless.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import dev.tapeless.processor.diagnostics.CompileError;
import dev.tapeless.processor.ir.Origin;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The javac tree behind each {@link Origin} the front end made, so that the IR holds plain values
 * while errors found by later phases still land on the exact user expression, in the method's
 * own file or in an inlined helper's. One table serves a round: helpers lowered once are shared
 * by every method that inlines them.
 */
public final class OriginTrees {
  private final SourcePositions positions;
  private final Map<Tree, Origin> origins = new IdentityHashMap<>();
  private final Map<Origin, Tree> treesByOrigin = new HashMap<>();

  public OriginTrees(Trees trees) {
    this.positions = trees.getSourcePositions();
  }

  /** The origin of {@code tree}, a tree of {@code unit}; the same one each time. */
  public Origin of(CompilationUnitTree unit, Tree tree) {
    Origin known = origins.get(tree);
    if (known != null) {
      return known;
    }
    List<Origin> arguments = tree instanceof MethodInvocationTree m
        ? m.getArguments().stream().map(a -> of(unit, a)).toList() : List.of();
    long start = positions.getStartPosition(unit, tree);
    long end = positions.getEndPosition(unit, tree);
    long line = start >= 0 && unit.getLineMap() != null
        ? unit.getLineMap().getLineNumber(start) : -1;
    String file = unit.getSourceFile() != null ? unit.getSourceFile().getName() : "";
    Origin origin = new Origin(text(tree), file, start, end, line, arguments);
    origins.put(tree, origin);
    treesByOrigin.putIfAbsent(origin, tree);
    return origin;
  }

  /** The tree {@code origin} was made from, or null for an origin made elsewhere. */
  public Tree treeOf(Origin origin) {
    return origin == null ? null : treesByOrigin.get(origin);
  }

  /** {@code error} on its tree: an error on an origin is placed on the origin's tree. */
  public CompileError placed(CompileError error) {
    if (error.tree() != null || error.origin() == null) {
      return error;
    }
    return new CompileError(treeOf(error.origin()), error.getMessage());
  }

  /** How a tree reads on one line: loops and ifs by their header, the rest as javac prints it. */
  private static String text(Tree tree) {
    if (tree instanceof IfTree i) {
      return "if " + i.getCondition();
    } else if (tree instanceof ForLoopTree f) {
      return "for (" + f.getInitializer().stream().map(Object::toString)
          .map(OriginTrees::bare).collect(Collectors.joining(", "))
          + "; " + f.getCondition() + "; " + f.getUpdate().stream().map(Object::toString)
          .map(OriginTrees::bare).collect(Collectors.joining(", ")) + ")";
    } else if (tree instanceof EnhancedForLoopTree f) {
      return "for (" + bare(f.getVariable().toString()) + " : " + f.getExpression() + ")";
    } else if (tree instanceof WhileLoopTree w) {
      return "while " + w.getCondition();
    } else if (tree instanceof DoWhileLoopTree d) {
      return "do ... while " + d.getCondition();
    }
    return tree.toString();
  }

  /** One line without the statement's semicolon. */
  private static String bare(String text) {
    text = text.strip().replaceAll("\\s+", " ");
    return text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
  }
}

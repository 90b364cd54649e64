package dev.tapeless.processor.ir;

import com.sun.source.tree.Tree;
import java.util.List;

/**
 * Statements of the IR. Control flow stays structured (blocks and ifs; loops come with arrays)
 * so that the generated code keeps the shape of the user's code.
 */
public sealed interface Stmt {

  /** The user statement this came from: for comments in generated code and for error positions. */
  Tree origin();

  /** {@code target = value}. */
  record Assign(Var target, Expr value, Tree origin) implements Stmt {}

  /** {@code if (condition) thenBlock else elseBlock}; the condition is a boolean atom. */
  record If(Expr condition, Block thenBlock, Block elseBlock, Tree origin) implements Stmt {}

  /** A sequence of statements. */
  record Block(List<Stmt> statements) implements Stmt {
    public Block {
      statements = List.copyOf(statements);
    }

    @Override
    public Tree origin() {
      return null;
    }
  }
}

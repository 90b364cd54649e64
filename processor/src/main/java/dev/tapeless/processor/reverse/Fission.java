package dev.tapeless.processor.reverse;

import dev.tapeless.processor.analysis.Activity;
import dev.tapeless.processor.analysis.BackwardReads;
import dev.tapeless.processor.analysis.Dependencies;
import dev.tapeless.processor.analysis.Recording;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import dev.tapeless.processor.rules.Partial;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Loop fission, a pass over the backward sweep: a reversed counted loop whose iterations are
 * independent (see {@link #fissionable}) becomes one forward-running loop per statement, each a
 * simple kernel the JIT compiles well, as a person writes one loop per weight row.
 */
final class Fission {
  private Fission() {}

  static List<Stmt> apply(List<Stmt> backward, Activity activity, Recording recording) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : backward) {
      out.addAll(statement(s, activity, recording));
    }
    return out;
  }

  private static List<Stmt> statement(Stmt s, Activity activity, Recording recording) {
    if (s instanceof Stmt.Reversed r && !r.anyOrder() && fissionable(r.loop(), activity,
        recording)) {
      return pieces(r, activity, recording);
    } else if (s instanceof Stmt.Reversed r) {
      return List.of(new Stmt.Reversed(r.loop(), block(r.body(), activity, recording),
          r.anyOrder()));
    } else if (s instanceof Stmt.Reversal r) {
      return List.of(new Stmt.Reversal(r.of(), block(r.code(), activity, recording)));
    } else if (s instanceof Stmt.If i) {
      return List.of(new Stmt.If(i.condition(), block(i.thenBlock(), activity, recording),
          block(i.elseBlock(), activity, recording), i.origin()));
    } else if (s instanceof Stmt.For f) {
      return List.of(new Stmt.For(f.index(), f.first(), f.bound(), f.direction(),
          block(f.body(), activity, recording), f.origin()));
    } else if (s instanceof Stmt.Strided l) {
      return List.of(l.withBody(block(l.body(), activity, recording)));
    } else if (s instanceof Stmt.Block b) {
      return List.of(block(b, activity, recording));
    }
    return List.of(s);
  }

  private static Stmt.Block block(Stmt.Block b, Activity activity, Recording recording) {
    return new Stmt.Block(apply(b.statements(), activity, recording));
  }

  /**
   * One loop per statement, in the order the reversed body had them, each over the statement's
   * own reversal and headed by its comment. A piece that prints nothing stays for the later
   * passes, which drop it.
   */
  private static List<Stmt> pieces(Stmt.Reversed r, Activity activity, Recording recording) {
    Stmt.For f = r.loop();
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : r.body().statements()) {
      if (!(s instanceof Stmt.Reversal reversal)) {
        continue; // the comments: each piece has its own
      }
      Stmt of = reversal.of();
      Stmt.For piece = new Stmt.For(f.index(), f.first(), f.bound(), f.direction(),
          new Stmt.Block(List.of(of)), f.origin());
      List<Stmt> body = new ArrayList<>();
      Stmt.Block code = block(reversal.code(), activity, recording);
      if (of.origin() != null && !Silent.of(code.statements())) {
        body.add(new Stmt.Comment(SourceComments.of(of.origin())));
      }
      body.add(new Stmt.Reversal(of, code));
      out.add(new Stmt.Reversed(piece, new Stmt.Block(body), true));
    }
    return out;
  }

  /**
   * Whether the reversed loop can run as one loop per statement. True when every statement is
   * an increment ({@code z += W[k][j] * h[j]}) that saves nothing: its reversal only reads its
   * target's adjoint and adds into its operands' adjoints, and no statement adds into an
   * adjoint that another reads, so running them one after the other changes nothing but the
   * order of additions.
   */
  static boolean fissionable(Stmt.For f, Activity activity, Recording recording) {
    List<Stmt> stmts = f.body().statements();
    if (stmts.size() < 2) {
      return false;
    }
    Set<Var> targets = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Var> operands = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Stmt s : stmts) {
      if (!(s instanceof Stmt.Store st) || st.kind() == Stmt.StoreKind.SET
          || st.value() instanceof Expr.Call || !recording.savedBy(s).isEmpty()) {
        return false;
      }
      targets.add(st.array());
      for (Partial p : BackwardReads.emittedPartials(s, activity)) {
        operands.add(Dependencies.baseVar(Operands.of(st.value()).get(p.operand())));
      }
    }
    return targets.stream().noneMatch(operands::contains);
  }
}

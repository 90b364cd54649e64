package dev.tapeless.processor.analysis;

import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import java.util.Set;

/**
 * To-be-recorded analysis: which assignments overwrite a value that the backward sweep still
 * needs, and so must save the old value first (and the backward sweep restore it). Values no
 * one needs are not saved.
 *
 * <p>Walks the IR in program order carrying the set of variables whose current value some
 * earlier statement's reversal will read; branches are walked separately and joined.
 */
public final class Recording {
  private final Activity activity;
  private final Set<Stmt.Assign> saved = Activity.identitySet();

  private Recording(Activity activity) {
    this.activity = activity;
  }

  public static Recording of(IrMethod method, Activity activity) {
    Recording r = new Recording(activity);
    r.walk(method.body(), Activity.identitySet());
    return r;
  }

  /** Whether the old value of {@code a}'s target must be saved before {@code a} runs. */
  public boolean isSaved(Stmt.Assign a) {
    return saved.contains(a);
  }

  private Set<Var> walk(Stmt s, Set<Var> needed) {
    if (s instanceof Stmt.Assign a) {
      if (needed.remove(a.target())) {
        saved.add(a);
      }
      needed.addAll(BackwardReads.of(a, activity));
      return needed;
    } else if (s instanceof Stmt.If i) {
      if (i.condition() instanceof Expr.Ref r) {
        needed.add(r.var());
      }
      Set<Var> elseNeeded = Activity.identitySet();
      elseNeeded.addAll(needed);
      Set<Var> joined = walk(i.thenBlock(), needed);
      joined.addAll(walk(i.elseBlock(), elseNeeded));
      return joined;
    }
    Set<Var> current = needed;
    for (Stmt child : ((Stmt.Block) s).statements()) {
      current = walk(child, current);
    }
    return current;
  }
}

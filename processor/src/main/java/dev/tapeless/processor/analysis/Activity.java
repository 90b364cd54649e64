package dev.tapeless.processor.analysis;

import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which variables get adjoints: those both varied (depend on a differentiated parameter) and
 * useful (influence an output), as in Clad and Tapenade. Both halves are flow-insensitive
 * fixpoints over the statements, which can only over-approximate: a spare adjoint costs a little
 * time, a missing one would be a wrong gradient.
 */
public final class Activity {
  private final Set<Var> varied;
  private final Set<Var> useful;
  private final Set<Var> buffered;

  private Activity(Set<Var> varied, Set<Var> useful, Set<Var> buffered) {
    this.varied = varied;
    this.useful = useful;
    this.buffered = buffered;
  }

  /**
   * @param seeds the differentiated parameters
   * @param outputs the result variable and the {@code @Out} arrays
   */
  public static Activity of(IrMethod method, List<Var> seeds, List<Var> outputs) {
    return of(method, seeds, outputs, Dependencies::of);
  }

  /**
   * The activity with a call without a rule passing variation from its arguments to its result
   * ({@link Dependencies#throughCallsWithoutRule}): for finding the calls that would lose a
   * derivative, not for the gradient.
   */
  public static Activity throughCallsWithoutRule(IrMethod method, List<Var> seeds,
      List<Var> outputs) {
    return of(method, seeds, outputs, Dependencies::throughCallsWithoutRule);
  }

  private static Activity of(IrMethod method, List<Var> seeds, List<Var> outputs,
      Function<Stmt, Dependencies> edges) {
    List<Dependencies> deps = new ArrayList<>();
    List<Dependencies> needingAllAdjoints = new ArrayList<>();
    for (Stmt s : Statements.all(method.body())) {
      Dependencies d = edges.apply(s);
      if (!d.written().isEmpty()) {
        deps.add(d);
        if (d.call() && Dependencies.needsAllAdjoints(s)) {
          needingAllAdjoints.add(d);
        }
      }
    }
    Set<Var> varied = identitySet();
    varied.addAll(seeds);
    Set<Var> useful = identitySet();
    useful.addAll(outputs);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Dependencies d : deps) {
        if (d.differentiableReads().stream().anyMatch(varied::contains)) {
          for (Var w : d.written()) {
            changed |= varied.add(w);
          }
        }
        if (d.written().stream().anyMatch(useful::contains)) {
          // A call's outputs go together: reversing it needs an adjoint for each.
          for (Var w : d.written()) {
            changed |= useful.add(w);
          }
          for (Var r : d.differentiableReads()) {
            changed |= useful.add(r);
          }
        }
      }
    }
    // A reversed call passes an adjoint array for every array it reads or writes; an array
    // given one this way may in turn be the output of another call that must then run.
    Set<Var> buffered = identitySet();
    changed = true;
    while (changed) {
      changed = false;
      for (Dependencies d : needingAllAdjoints) {
        boolean active = d.written().stream().anyMatch(
            w -> (varied.contains(w) && useful.contains(w)) || buffered.contains(w));
        if (active) {
          for (Var r : d.differentiableReads()) {
            if (r.type().isArray() && !r.type().isList() && r.role() != Var.Role.CONSTANT) {
              changed |= buffered.add(r);
            }
          }
          for (Var w : d.written()) {
            changed |= buffered.add(w);
          }
        }
      }
    }
    return new Activity(varied, useful, buffered);
  }

  static <T> Set<T> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  public boolean isVaried(Var v) {
    return varied.contains(v);
  }

  public boolean isUseful(Var v) {
    return useful.contains(v);
  }

  /** Whether no variable gets an adjoint: then there is no backward sweep at all. */
  public boolean noneActive() {
    return varied.stream().noneMatch(this::isActive) && buffered.stream().noneMatch(this::isActive);
  }

  /**
   * Whether {@code v} gets an adjoint: varied and useful, or an array that a reversed call
   * needs an adjoint buffer for even though nothing flows through it. A constant table never
   * is: it is not an input, and what a call adds to its elements' adjoints is dropped. Nor is
   * a list of arrays, read-only data of the same kind.
   */
  public boolean isActive(Var v) {
    return v.type().carriesDerivative() && v.role() != Var.Role.CONSTANT && !v.type().isList()
        && ((varied.contains(v) && useful.contains(v)) || buffered.contains(v));
  }
}

package dev.tapeless.fuzz.gen;

import dev.tapeless.fuzz.Features;
import java.util.ArrayList;
import java.util.List;

/** The state shared by the expression, call and statement generators while writing one method. */
final class MethodState {
  final Rand r;
  final Features f;
  final ClassInfo cls;
  final Scope scope = new Scope();
  final List<V> outs = new ArrayList<>();
  /**
   * Above 0 while writing a double whose value only a comparison or a cast to int or long uses
   * (a condition, an index): a call there passes a record whole only with
   * {@code Features.recordsInConditions} (see {@link CallGen#recordsFit}).
   */
  int passive;
  /**
   * A draw, or a call that may draw (the method has a random source to reach), is already in
   * the outermost passive expression being written: a second one is TL111, since computing
   * the call first would change the order of the draws.
   */
  boolean passiveDrew;
  /**
   * Draws and calls that may draw in the statement being written, anywhere in it. TL111's rule
   * is per statement ({@code Lowering.drawsBeside} looks up to the enclosing statement): a call
   * that may draw inside a passive expression is computed first, so it must be the statement's
   * only draw, or the draws would run in another order than Java's (seed 2324:
   * {@code (m22(...) < 0.5) ? noise.nextInt(1) : n}). Saved and reset by
   * {@code StmtGen.statement}, so nested statements keep their own.
   */
  int statementDraws;
  /** A call that may draw went into a passive expression of the statement being written. */
  boolean statementPassiveCall;
  /** The records of the method's signature, nested ones too: what a call may pass whole. */
  List<dev.tapeless.fuzz.ast.Records.Node> recordNodes = List.of();
  /** Above 0 while writing an index: a draw there is TL119 (the backward sweep indexes again). */
  int noDraws;
  boolean returnsDouble;
  int loopDepth;
  int nesting;
  /** Product of the largest trip counts of the enclosing loops. */
  int loopMult = 1;
  /** Statements still allowed in this method. */
  int budget;
  /** Estimated operations of one call, for {@link ClassInfo#cost}. */
  long cost;
  private int names;

  MethodState(Rand r, Features f, ClassInfo cls) {
    this.r = r;
    this.f = f;
    this.cls = cls;
  }

  String fresh(String prefix) {
    return prefix + (++names);
  }

  void charge(long operations) {
    cost += operations * loopMult;
  }
}

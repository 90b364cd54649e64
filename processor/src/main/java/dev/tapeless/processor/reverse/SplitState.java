package dev.tapeless.processor.reverse;

import dev.tapeless.processor.emit.JavaStmts;
import dev.tapeless.processor.emit.TypeNames;
import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.IrMethod;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What a method's forward sweep must leave for its backward sweep when the two run as separate
 * calls (split mode, for callers): the locals it assigned, the values it saved in locals, and the
 * contents of its array locals, whose buffers the next call reuses. Saved on the frame's save
 * buffer at the end of {@code splitForward}, restored at the start of {@code splitBackward}, in
 * the callers' last-in first-out order. The same locals are the parameters of the backward
 * sweep's own method, which {@code backpropagate} and {@code splitBackward} call. Built as IR,
 * which {@code JavaStmts} prints with the sweeps.
 */
final class SplitState {
  private final List<Var> scalars;
  private final List<Var> arrays;
  /** The scalars that are not parameters and the arrays, in the order first written. */
  private final List<Var> locals;
  private final List<String> buffers;
  /**
   * Array locals first created inside a branch or a loop: null at the end of a forward sweep
   * that did not run their creation, so saved with a flag saying whether there is anything.
   */
  private final Set<Var> maybeNull;
  private final FrameFields fields;

  private SplitState(List<Var> scalars, List<Var> arrays, List<Var> locals,
      List<String> buffers, Set<Var> maybeNull, FrameFields fields) {
    this.scalars = scalars;
    this.arrays = arrays;
    this.locals = locals;
    this.buffers = buffers;
    this.maybeNull = maybeNull;
    this.fields = fields;
  }

  static SplitState of(IrMethod method, Declarations declarations, FrameFields fields) {
    Set<Var> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Var> scalars = new ArrayList<>();
    List<Var> arrays = new ArrayList<>();
    List<Var> locals = new ArrayList<>();
    List<String> buffers = new ArrayList<>();
    for (Stmt s : Statements.all(method.body())) {
      // Scalars written by assignment or by an increment (x += e), parameters included.
      Var v = s instanceof Stmt.Assign || s instanceof Stmt.Store st && st.indices().isEmpty()
          ? Statements.written(s) : null;
      if (v == null || v.role() == Var.Role.INDEX || !seen.add(v)) {
        continue;
      }
      if (s instanceof Stmt.Assign a && a.value() instanceof Expr.NewArray) {
        arrays.add(v);
        locals.add(v);
        buffers.add(fields.buffer(v.name() + "Buffer",
            TypeNames.of(v.type())));
      } else if (!v.type().isArray() && !v.type().isObject()) {
        // (an object, a Random copied into an inlined helper's parameter, is never called
        // by the backward sweep: nothing to keep)
        scalars.add(v);
        if (v.role() != Var.Role.PARAMETER) {
          locals.add(v);
        }
      }
    }
    scalars.addAll(declarations.saveLocals());
    locals.addAll(declarations.saveLocals());
    Set<Var> maybeNull = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Var v : declarations.hoisted()) {
      if (arrays.contains(v)) {
        maybeNull.add(v);
      }
    }
    return new SplitState(scalars, arrays, locals, buffers, maybeNull, fields);
  }

  /**
   * The locals {@link #restore} declares (the scalars that are not parameters, the save
   * locals, the array locals): every primal local the backward sweep may read, which a
   * method holding the backward sweep alone takes as parameters.
   */
  List<Var> locals() {
    return locals;
  }

  /**
   * This state in two parts: {@code passed}, the given locals with the parameters the sweep
   * restores, which {@code splitBackward} restores and passes to the backward sweep; and the
   * other locals, which the backward sweep takes off the save buffer itself. {@code
   * splitForward} saves the second part first, so that it lies under the first.
   */
  Parts split(List<Var> passedLocals) {
    Set<Var> passed = Collections.newSetFromMap(new IdentityHashMap<>());
    passed.addAll(passedLocals);
    return new Parts(only(v -> v.role() == Var.Role.PARAMETER || passed.contains(v)),
        only(v -> v.role() != Var.Role.PARAMETER && !passed.contains(v)));
  }

  /**
   * This state without the scalar locals the backward sweep assigns before it reads them
   * ({@link EntryReads}): it needs nothing of theirs from the forward sweep. All of it when
   * the analysis could not tell.
   */
  SplitState keeping(EntryReads.Uses backward) {
    Set<Var> readFirst = backward.read();
    return readFirst == null ? this : only(v -> v.role() == Var.Role.PARAMETER
        || v.type().isArray() || readFirst.contains(v));
  }

  /**
   * Declarations, with zero, of the scalar locals {@link #keeping} leaves out that the
   * backward sweep assigns and does not declare itself: where it runs alone, nothing else
   * declares them.
   */
  List<Stmt> declaredOutside(EntryReads.Uses backward) {
    List<Stmt> code = new ArrayList<>();
    if (backward.read() == null) {
      return code;
    }
    for (Var v : locals) {
      if (!v.type().isArray() && !backward.read().contains(v)
          && backward.assigned().contains(v) && !backward.declared().contains(v)) {
        code.add(new Stmt.Declare(v, new Expr.Const(v.type().zeroLiteral(), v.type())));
      }
    }
    return code;
  }

  /** What {@link #split} gives. */
  record Parts(SplitState passed, SplitState spilled) {
    /** The end of {@code splitForward}: the spilled part first, under the passed one. */
    List<Stmt> save() {
      List<Stmt> code = new ArrayList<>(spilled.save());
      code.addAll(passed.save());
      return code;
    }
  }

  private SplitState only(java.util.function.Predicate<Var> keep) {
    List<Var> keptScalars = new ArrayList<>();
    for (Var v : scalars) {
      if (keep.test(v)) {
        keptScalars.add(v);
      }
    }
    List<Var> keptArrays = new ArrayList<>();
    List<String> keptBuffers = new ArrayList<>();
    for (int i = 0; i < arrays.size(); i++) {
      if (keep.test(arrays.get(i))) {
        keptArrays.add(arrays.get(i));
        keptBuffers.add(buffers.get(i));
      }
    }
    List<Var> keptLocals = new ArrayList<>();
    for (Var v : locals) {
      if (keep.test(v)) {
        keptLocals.add(v);
      }
    }
    return new SplitState(keptScalars, keptArrays, keptLocals, keptBuffers, maybeNull, fields);
  }

  private boolean isEmpty() {
    return scalars.isEmpty() && arrays.isEmpty();
  }

  /** The end of {@code splitForward}: what the backward sweep will need, pushed. */
  List<Stmt> save() {
    List<Stmt> code = new ArrayList<>();
    if (isEmpty()) {
      return code;
    }
    String saved = fields.saved();
    for (Var v : scalars) {
      code.add(new Stmt.Save(saved, new Expr.Ref(v)));
    }
    // With its shape: other calls on this frame (the primal, or split calls with other
    // arguments) may reshape the buffer before the matching splitBackward.
    for (Var a : arrays) {
      List<Stmt> contents = List.of(new Stmt.SaveAll(saved, new Expr.Ref(a), false),
          new Stmt.SaveShape(saved, a));
      if (!maybeNull.contains(a)) {
        code.addAll(contents);
        continue;
      }
      List<Stmt> exists = new ArrayList<>(contents);
      exists.add(new Stmt.Save(saved, new Expr.Const("true", Type.BOOLEAN)));
      code.add(new Stmt.If(new Expr.Binary(BinaryOp.NE, new Expr.Ref(a),
              new Expr.Const("null", a.type()), Type.BOOLEAN), new Stmt.Block(exists),
          new Stmt.Block(List.of(new Stmt.Save(saved, new Expr.Const("false", Type.BOOLEAN)))),
          null));
    }
    return code;
  }

  /**
   * The start of {@code splitBackward} (or of the backward sweep's own method, when
   * {@link #locals} are too many to pass it): the array locals made again in their buffers, in
   * the shapes saved, and filled; then the scalars, declared unless they are parameters.
   */
  List<Stmt> restore() {
    List<Stmt> code = new ArrayList<>();
    if (isEmpty()) {
      return code;
    }
    String saved = fields.saved();
    for (int i = arrays.size() - 1; i >= 0; i--) {
      Var a = arrays.get(i);
      List<Expr> lengths = new ArrayList<>();
      for (int d = 0; d < a.type().dims(); d++) {
        lengths.add(pop(saved, Type.INT));
      }
      Expr made = new Expr.Buffered(buffers.get(i), new Expr.NewArray(a.type(), lengths), null);
      Stmt filled = new Stmt.RestoreAll(saved, new Expr.Ref(a), false);
      if (maybeNull.contains(a)) {
        code.add(new Stmt.Declare(a, new Expr.Const("null", a.type())));
        code.add(new Stmt.If(pop(saved, Type.BOOLEAN), new Stmt.Block(List.of(
            new Stmt.Assign(a, made, null), filled)), new Stmt.Block(List.of()), null));
      } else {
        code.add(new Stmt.Declare(a, made));
        code.add(filled);
      }
    }
    for (int i = scalars.size() - 1; i >= 0; i--) {
      Var v = scalars.get(i);
      if (v.role() == Var.Role.PARAMETER) {
        code.add(new Stmt.Restore(saved, new Expr.Ref(v)));
        continue;
      }
      Type t = Type.scalar(v.type().kind());
      Expr popped = pop(saved, t);
      code.add(new Stmt.Declare(v, switch (t.kind()) {
        case SHORT, BYTE, CHAR -> new Expr.Cast(t, popped);
        default -> popped;
      }));
    }
    return code;
  }

  /** {@code this.saved.popInt()} (or the pop of {@code t}) as a value. */
  private static Expr pop(String saved, Type t) {
    return new Expr.FrameCall(saved, JavaStmts.pop(t),
        List.of(), t.kind() == Type.Kind.SHORT || t.kind() == Type.Kind.BYTE
        || t.kind() == Type.Kind.CHAR ? Type.INT : t);
  }
}

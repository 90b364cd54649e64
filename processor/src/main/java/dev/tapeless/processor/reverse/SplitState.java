package dev.tapeless.processor.reverse;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.tapeless.processor.emit.TypeNames;
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
 * the callers' last-in first-out order.
 */
final class SplitState {
  private final List<Var> scalars;
  private final List<Var> arrays;
  private final List<String> buffers;
  /**
   * Array locals first created inside a branch or a loop: null at the end of a forward sweep
   * that did not run their creation, so saved with a flag saying whether there is anything.
   */
  private final Set<Var> maybeNull;
  private final FrameFields fields;

  private SplitState(List<Var> scalars, List<Var> arrays, List<String> buffers,
      Set<Var> maybeNull, FrameFields fields) {
    this.scalars = scalars;
    this.arrays = arrays;
    this.buffers = buffers;
    this.maybeNull = maybeNull;
    this.fields = fields;
  }

  static SplitState of(IrMethod method, Declarations declarations, FrameFields fields) {
    Set<Var> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Var> scalars = new ArrayList<>();
    List<Var> arrays = new ArrayList<>();
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
        buffers.add(fields.buffer(v.name() + "Buffer",
            TypeNames.of(v.type())));
      } else if (!v.type().isArray() && !v.type().isObject()) {
        // (an object, a Random copied into an inlined helper's parameter, is never called
        // by the backward sweep: nothing to keep)
        scalars.add(v);
      }
    }
    scalars.addAll(declarations.saveLocals());
    Set<Var> maybeNull = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Var v : declarations.hoisted()) {
      if (arrays.contains(v)) {
        maybeNull.add(v);
      }
    }
    return new SplitState(scalars, arrays, buffers, maybeNull, fields);
  }

  private boolean isEmpty() {
    return scalars.isEmpty() && arrays.isEmpty();
  }

  CodeBlock save() {
    CodeBlock.Builder code = CodeBlock.builder();
    if (isEmpty()) {
      return code.build();
    }
    String saved = fields.saved();
    for (Var v : scalars) {
      code.addStatement("this.$N.$L($N)", saved, ForwardSweep.push(v.type()), v.name());
    }
    // With its shape: other calls on this frame (the primal, or split calls with other
    // arguments) may reshape the buffer before the matching splitBackward.
    for (Var a : arrays) {
      if (maybeNull.contains(a)) {
        code.beginControlFlow("if ($N != null)", a.name());
      }
      code.addStatement("this.$N.pushAll($N)", saved, a.name());
      for (int d = a.type().dims() - 1; d >= 1; d--) {
        // The length of dimension d, 0 when an outer one is empty.
        StringBuilder empty = new StringBuilder();
        for (int e = 0; e < d; e++) {
          empty.append(e == 0 ? "" : " || ").append(a.name()).append("[0]".repeat(e))
              .append(".length == 0");
        }
        code.addStatement("this.$N.pushInt($L ? 0 : $N$L.length)", saved, empty, a.name(),
            "[0]".repeat(d));
      }
      code.addStatement("this.$N.pushInt($N.length)", saved, a.name());
      if (maybeNull.contains(a)) {
        code.addStatement("this.$N.pushBoolean(true)", saved);
        code.nextControlFlow("else");
        code.addStatement("this.$N.pushBoolean(false)", saved);
        code.endControlFlow();
      }
    }
    return code.build();
  }

  CodeBlock restore() {
    CodeBlock.Builder code = CodeBlock.builder();
    if (isEmpty()) {
      return code.build();
    }
    String saved = fields.saved();
    for (int i = arrays.size() - 1; i >= 0; i--) {
      Var a = arrays.get(i);
      if (maybeNull.contains(a)) {
        code.addStatement("$L $N = null", a.type().javaName(), a.name());
        code.beginControlFlow("if (this.$N.popBoolean())", saved);
        code.addStatement("$N = this.$N = $T.zeros(this.$N$L)", a.name(),
            buffers.get(i), FrameFields.BUFFERS, buffers.get(i),
            (", this." + saved + ".popInt()").repeat(a.type().dims()));
        code.addStatement("this.$N.popAll($N)", saved, a.name());
        code.endControlFlow();
        continue;
      }
      code.addStatement("$L $N = this.$N = $T.zeros(this.$N$L)", a.type().javaName(), a.name(),
          buffers.get(i), FrameFields.BUFFERS, buffers.get(i),
          (", this." + saved + ".popInt()").repeat(a.type().dims()));
      code.addStatement("this.$N.popAll($N)", saved, a.name());
    }
    for (int i = scalars.size() - 1; i >= 0; i--) {
      Var v = scalars.get(i);
      String cast = switch (v.type().kind()) {
        case SHORT, BYTE, CHAR -> "(" + v.type().javaName() + ") ";
        default -> "";
      };
      code.addStatement("$L$N = $Lthis.$N.$L()",
          v.role() == Var.Role.PARAMETER ? "" : v.type().javaName() + " ", v.name(), cast, saved,
          ForwardSweep.pop(Type.scalar(v.type().kind())));
    }
    return code.build();
  }
}

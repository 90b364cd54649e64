package dev.tapeless.processor.frontend;

import com.sun.source.tree.Tree;
import dev.tapeless.processor.diagnostics.CompileError;
import dev.tapeless.processor.diagnostics.Diagnostic;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Operands;
import dev.tapeless.processor.ir.Origin;
import dev.tapeless.processor.ir.Statements;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * {@code @Checkpoint} on a loop's index: read from the declaration, and the loops it cannot
 * apply to refused, each on its tree, so that an unsupported loop is an error rather than a
 * wrong gradient.
 */
public final class CheckpointedLoops {
  static final String ANNOTATION = "dev.tapeless.Checkpoint";

  private CheckpointedLoops() {}

  /** Whether a declaration carries {@code @Checkpoint}. */
  static boolean annotated(Element variable) {
    return mirror(variable) != null;
  }

  /**
   * The segment length the annotation asks for (0: the square root of the trip count), or
   * {@link Stmt.For#NONE} without the annotation.
   */
  static int every(Element variable, Tree where) {
    AnnotationMirror m = mirror(variable);
    if (m == null) {
      return Stmt.For.NONE;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
        : m.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals("every")
          && e.getValue().getValue() instanceof Integer every) {
        if (every < 0) {
          throw new CompileError(where, Diagnostic.CHECKPOINT_PLACEMENT,
              "has every = " + every + ", which must be a positive segment length or 0 (the"
                  + " square root of the trip count)");
        }
        return every;
      }
    }
    return 0;
  }

  private static AnnotationMirror mirror(Element variable) {
    if (variable == null) {
      return null;
    }
    for (AnnotationMirror m : variable.getAnnotationMirrors()) {
      if (m.getAnnotationType().asElement() instanceof TypeElement t
          && t.getQualifiedName().contentEquals(ANNOTATION)) {
        return m;
      }
    }
    return null;
  }

  /**
   * Checks the checkpointed loops again once helpers are copied in: what a helper's body brings
   * into a loop is refused as in the loop's own body, reported on the loop, since the helper's
   * statement lies in another method.
   */
  public static void checkInlined(Stmt.Block body) {
    for (Stmt s : Statements.all(body)) {
      if (s instanceof Stmt.For f && f.checkpointed()) {
        try {
          checkBody(f.body());
        } catch (CompileError e) {
          throw new CompileError(f.origin(), e.getMessage() + " (in a method this loop calls"
              + " and Tapeless copies into it)");
        }
      }
    }
  }

  /**
   * Refuses what a checkpointed body cannot hold: an array allocated in it would need its
   * buffer's identity restored with its contents, so arrays are allocated before the loop.
   */
  static void checkBody(Stmt.Block body) {
    for (Stmt s : Statements.all(body)) {
      if (s instanceof Stmt.Assign a && a.target().type().isArray()) {
        Origin where = a.origin();
        throw new CompileError(where, Diagnostic.CHECKPOINT_BODY,
            a.value() instanceof Expr.NewArray ? "an array allocation" : "an array assignment",
            "each segment would need the array variable itself put back, not only its elements",
            "allocate '" + a.target().name() + "' before the loop and overwrite its elements"
                + " in the loop");
      }
      checkCalls(Statements.value(s), s);
      if (s instanceof Stmt.Store st) {
        st.indices().forEach(i -> checkCalls(i, s));
      } else if (s instanceof Stmt.If i) {
        checkCalls(i.condition(), s);
      }
      for (dev.tapeless.processor.ir.Var w
          : dev.tapeless.processor.analysis.Dependencies.of(s).written()) {
        if (w.type().isArray() && !snapshotable(w.type())) {
          throw new CompileError(s.origin(), Diagnostic.CHECKPOINT_BODY,
              "writing the " + w.type().javaName() + " array '" + w.name() + "'",
              "a checkpoint copies the arrays the loop writes, and only double and float arrays"
                  + " (up to three dimensions) and int[] can be copied",
              "keep this array's updates outside the checkpointed loop");
        }
      }
    }
  }

  /** Arrays a checkpoint can copy with the save buffer's {@code pushAll}. */
  private static boolean snapshotable(Type t) {
    return t.carriesDerivative() && t.dims() <= 3 || t.kind() == Type.Kind.INT && t.dims() == 1;
  }

  /**
   * Refuses a method of a {@code @NoDerivative} object (a {@code Random}, say): the backward
   * sweep runs each segment again, and an object with state would answer differently.
   */
  private static void checkCalls(Expr e, Stmt s) {
    if (e instanceof Expr.Call c) {
      if (c.callee() instanceof Callee.Opaque o && o.form() == Callee.Opaque.Form.OBJECT_METHOD) {
        throw new CompileError(c.site() != null ? c.site() : s.origin(),
            Diagnostic.CHECKPOINT_BODY, "calling " + o.name() + " on an object",
            "the backward sweep runs each segment of the loop again, and an object with state"
                + " (a Random) would return other values the second time",
            "compute these values before the loop into an array and read it in the loop");
      }
      c.args().forEach(a -> checkCalls(a, s));
    } else if (e instanceof Expr.ArrayRead r) {
      r.indices().forEach(i -> checkCalls(i, s));
    } else if (e instanceof Expr.Length l) {
      checkCalls(l.array(), s);
    } else if (e instanceof Expr.NewArray n) {
      n.dimensions().forEach(d -> checkCalls(d, s));
    } else if (e != null) {
      Operands.of(e).stream().filter(o -> o != e).forEach(o -> checkCalls(o, s));
    }
  }
}

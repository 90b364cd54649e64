package dev.tapeless.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.tapeless.processor.frontend.DifferentiableSignature;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Everything the writer needs for one frame class.
 *
 * @param backpropagateBody the body of {@code backpropagate}, from reverse mode
 * @param primalBody the body of {@code primal}: the forward computation without saves
 * @param splitForwardBody the forward sweep alone, for callers (split mode)
 * @param splitBackwardBody the backward sweep alone, for callers (split mode)
 * @param backwardSweep the private method both of those call for the backward sweep, or null
 *     when there is none (nothing has an adjoint)
 * @param startOverwriteBody before {@code valueAndGradient}'s sweeps: zeroes the {@code d*}
 *     fields no assigning pullback sets first, and tells the next sweep to overwrite those
 * @param endOverwriteBody after them, even when they throw
 * @param jvpBody forward mode: the computation with its tangents
 * @param tangentParameters names of {@code jvp}'s tangent parameters, differentiated inputs'
 *     then outputs'
 * @param clearParameter name of {@code jvp}'s flag that zeroes the output tangents first
 * @param fields private fields the body uses: buffers, callee frames, save buffers
 * @param frame name of the parameter holding the user-facing frame
 * @param resultSeed name of the parameter seeding the result's adjoint, or null for void
 * @param outputSeeds names of the parameters seeding the {@code @Out} arrays' adjoints
 * @param hvp second order, for frames that have {@code hvp} (else null)
 * @param checkParameter name of the split sweeps' flag that runs the argument checks
 */
public record FrameSpec(
    DifferentiableSignature signature,
    CodeBlock backpropagateBody,
    CodeBlock primalBody,
    CodeBlock splitForwardBody,
    CodeBlock splitBackwardBody,
    BackwardSweep backwardSweep,
    CodeBlock startOverwriteBody,
    CodeBlock endOverwriteBody,
    CodeBlock jvpBody,
    List<String> tangentParameters,
    String clearParameter,
    List<Field> fields,
    String frame,
    String resultSeed,
    List<String> outputSeeds,
    Hvp hvp,
    String checkParameter) {

  /**
   * The sweeps of a method that did not compile (its errors are reported): they throw, and keep
   * the generated frame class compiling so that javac shows only the real errors.
   */
  public static FrameSpec failed(DifferentiableSignature sig) {
    NameTable names = new NameTable(new HashSet<>(sig.parameterNames()));
    List<String> outputs = new ArrayList<>();
    sig.params().stream().filter(p -> p.out()).forEach(p -> outputs.add(names.fresh("d" + p.name())));
    CodeBlock fail = CodeBlock.of("throw new $T($S);\n", IllegalStateException.class,
        sig.displayName() + " was not differentiated: see the compiler's errors");
    List<String> tangents = new ArrayList<>();
    sig.tangentNames().forEach(t -> tangents.add(names.fresh(t)));
    Hvp hvp = null;
    if (sig.hasHvp()) {
      List<String> directions = new ArrayList<>();
      sig.directionNames().forEach(d -> directions.add(names.fresh(d)));
      hvp = new Hvp(fail, directions, names.fresh("frame"), names.fresh("seed"));
    }
    return new FrameSpec(sig, fail, fail, fail, fail, null, fail, CodeBlock.of(""), fail,
        tangents, names.fresh("clearOutputTangents"), List.of(), names.fresh("frame"),
        sig.returnsReal() ? names.fresh("dResult") : null, outputs, hvp, names.fresh("check"));
  }

  /**
   * The sweeps' {@code hvp}: reverse mode over the tangent program.
   *
   * @param body adds H·v into the frame's {@code d*} fields and returns the value
   * @param directions names of the direction parameters, after the method's own
   * @param frame name of the parameter holding the user-facing frame
   * @param seed name of the {@code double} parameter seeding the directional derivative
   */
  public record Hvp(CodeBlock body, List<String> directions, String frame, String seed) {}

  /**
   * The backward sweep as a private method of its own, so that its body is emitted once:
   * {@code backpropagate} calls it after the forward sweep, {@code splitBackward} after
   * restoring what {@code splitForward} saved. Its parameters are the frame, the method's
   * parameters and seeds as {@code splitBackward} takes them, then {@code overwrite} (when not
   * null) and {@code locals}.
   *
   * @param name the method's name
   * @param overwrite the name of the flag that has assigning pullbacks set the {@code d*}
   *     fields (see {@code FreshAdjoints}), or null when the method has none
   * @param locals the primal locals passed to the sweep
   * @param restores whether the body starts by restoring the other primal locals it reads from
   *     the save buffer, because as arguments they would need more stack slots than C2 compiles
   * @param body the statements
   */
  public record BackwardSweep(String name, String overwrite, List<Var> locals,
      boolean restores, CodeBlock body) {
    public BackwardSweep {
      locals = List.copyOf(locals);
    }
  }

  /** A private field of the frame; final when it has an initializer. */
  public record Field(String name, TypeName type, CodeBlock initializer) {}
}

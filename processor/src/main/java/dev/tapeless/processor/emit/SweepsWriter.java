package dev.tapeless.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.tapeless.processor.frontend.DifferentiableSignature;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Var;
import java.util.List;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Writes {@code <Class>_GradSweeps}: for each method, the forward and backward sweeps and the
 * buffers they reuse. Package-private: users program against {@code <Class>_Grad}, whose frames
 * delegate here.
 */
public final class SweepsWriter {

  private SweepsWriter() {}

  public static JavaFile write(TypeElement owner, List<FrameSpec> frames) {
    DifferentiableSignature first = frames.get(0).signature();
    TypeSpec.Builder sweeps = GeneratedClasses.builder(GradClassWriter.sweepsName(first), owner,
            "gradient sweeps of")
        .addJavadoc("The forward and backward sweeps of the {@code @Differentiable} methods of"
            + " {@link $T}.\n\n<p>Each nested class belongs to one frame of {@link $T} and holds"
            + " the buffers its sweeps\nreuse, so that after the first call nothing is"
            + " allocated.\n", ClassName.get(owner),
            ClassName.get(first.packageName(), first.gradSimpleName()));
    for (FrameSpec frame : frames) {
      sweeps.addType(frame(frame));
    }
    return GeneratedClasses.file(first.packageName(), sweeps.build());
  }

  /** A frame's sweeps: the method body reverse mode wrote, and the fields it uses. */
  private static TypeSpec frame(FrameSpec spec) {
    DifferentiableSignature sig = spec.signature();
    ClassName api = ClassName.get(sig.packageName(), sig.gradSimpleName(),
        sig.frameSimpleName());
    TypeSpec.Builder type = TypeSpec.classBuilder(sig.frameSimpleName())
        .addModifiers(Modifier.STATIC, Modifier.FINAL)
        .superclass(GradClassWriter.contractName(sig))
        .addJavadoc("Sweeps of {@link $T}.\n", api);
    for (FrameSpec.Field f : spec.fields()) {
      FieldSpec.Builder field = FieldSpec.builder(f.type(), f.name(), Modifier.PRIVATE);
      if (f.initializer() != null) {
        field.addModifiers(Modifier.FINAL).initializer(f.initializer());
      }
      type.addField(field.build());
    }
    type.addMethod(withSeeds(spec, overriding("backpropagate")
        .addJavadoc("Forward sweep, then backward sweep, adding into {@code $N}'s adjoint"
            + " fields.\n", spec.frame())
        .addParameter(api, spec.frame()), true)
        .addCode(spec.backpropagateBody()).build());
    type.addMethod(withArgs(sig, overriding("primal")
        .addJavadoc("The forward computation alone, with this frame's buffers.\n")
        .returns(TypeNames.result(sig)))
        .addCode(spec.primalBody()).build());
    type.addMethod(withArgs(sig, overriding("splitForward")
        .addJavadoc("The forward sweep alone, saving what {@code splitBackward} will need;"
            + " the outputs'\naliasing checked when {@code $N}.\n", spec.checkParameter())
        .returns(TypeNames.result(sig)))
        .addParameter(TypeName.BOOLEAN, spec.checkParameter())
        .addCode(spec.splitForwardBody()).build());
    type.addMethod(withSeeds(spec, overriding("splitBackward")
        .addJavadoc("The backward sweep of the last {@code splitForward} not yet reversed;"
            + " the adjoints'\nshapes and the outputs' aliasing checked when {@code $N}.\n",
            spec.checkParameter())
        .addParameter(api, spec.frame()), false)
        .addParameter(TypeName.BOOLEAN, spec.checkParameter())
        .addCode(spec.splitBackwardBody()).build());
    if (spec.backwardSweep() != null) {
      type.addMethod(backwardSweep(spec, api));
    }
    if (sig.hasJvp()) {
      MethodSpec.Builder jvp = withArgs(sig, overriding("jvp")
          .addJavadoc("Forward mode: the computation with its tangents; output tangents in"
              + " place.\n")
          .addParameter(api, spec.frame()));
      addTangents(sig, spec.tangentParameters(), jvp);
      jvp.addParameter(TypeName.BOOLEAN, spec.clearParameter());
      type.addMethod(jvp.returns(TypeNames.result(sig))
          .addCode(spec.jvpBody()).build());
    }
    if (spec.hvp() != null) {
      FrameSpec.Hvp hvp = spec.hvp();
      MethodSpec.Builder m = withArgs(sig, overriding("hvp")
          .addJavadoc("Second order: reverse mode over the tangent program, adding H v into"
              + " the adjoint fields.\n")
          .addParameter(api, hvp.frame()));
      addDirections(sig, hvp.directions(), m);
      type.addMethod(m.addParameter(TypeNames.of(sig.resultType()), hvp.seed()).returns(TypeNames.of(sig.resultType()))
          .addCode(hvp.body()).build());
    }
    if (sig.returnsReal()) {
      type.addMethod(overriding("startOverwrite")
          .addJavadoc("Before {@code valueAndGradient}'s sweeps: zeroes the adjoint fields that no"
              + " pullback sets\nbefore anything else adds to them, and has the next sweep set"
              + " those.\n")
          .addParameter(api, spec.frame())
          .addCode(spec.startOverwriteBody()).build());
      type.addMethod(overriding("endOverwrite")
          .addJavadoc("After {@code valueAndGradient}'s sweeps, also when they throw.\n")
          .addCode(spec.endOverwriteBody()).build());
    }
    return type.build();
  }

  /**
   * The backward sweep, one body for {@code backpropagate} and {@code splitBackward}, which
   * call it with the primal values the forward sweep left (or restores them itself).
   */
  private static MethodSpec backwardSweep(FrameSpec spec, ClassName api) {
    FrameSpec.BackwardSweep sweep = spec.backwardSweep();
    MethodSpec.Builder m = MethodSpec.methodBuilder(sweep.name())
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("The backward sweep, adding into {@code $N}'s adjoint fields: written once"
            + " for\n{@code backpropagate} and {@code splitBackward}, ", spec.frame())
        .addJavadoc(sweep.restores()
            ? "which pass some of the primal locals it\nreads and leave the others on the save"
                + " buffer (as arguments they would need more stack\nslots than HotSpot's C2"
                + " compiles).\n"
            : "which pass the primal locals it reads.\n")
        .addParameter(api, spec.frame());
    withSeeds(spec, m, false);
    if (sweep.overwrite() != null) {
      m.addParameter(TypeName.BOOLEAN, sweep.overwrite());
    }
    for (Var v : sweep.locals()) {
      m.addParameter(TypeNames.of(v.type()), v.name());
    }
    return m.addCode(sweep.body()).build();
  }

  private static MethodSpec.Builder overriding(String name) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class);
  }

  /** The parameters as the sweeps take them: a record's components one by one. */
  private static MethodSpec.Builder withArgs(DifferentiableSignature sig, MethodSpec.Builder m) {
    for (Callee.Param p : sig.params()) {
      m.addParameter(ParameterSpec.builder(GradClassWriter.FrameWriter.javaType(p), p.name())
          .build());
    }
    return m;
  }

  /** A tangent per differentiated parameter, then one per {@code @Out} parameter. */
  static void addTangents(DifferentiableSignature sig, List<String> names, MethodSpec.Builder m) {
    int k = 0;
    for (boolean outputs : new boolean[] {false, true}) {
      for (Callee.Param p : sig.params()) {
        if (outputs ? p.out() : p.differentiated()) {
          m.addParameter(GradClassWriter.FrameWriter.javaType(p), names.get(k++));
        }
      }
    }
  }

  /** A direction per differentiated parameter, of its type. */
  static void addDirections(DifferentiableSignature sig, List<String> names,
      MethodSpec.Builder m) {
    int k = 0;
    for (Callee.Param p : sig.params()) {
      if (p.differentiated()) {
        m.addParameter(GradClassWriter.FrameWriter.javaType(p), names.get(k++));
      }
    }
  }

  /** The arguments, then the result's seed (returned value when {@code returns}), the outputs'. */
  private static MethodSpec.Builder withSeeds(FrameSpec spec, MethodSpec.Builder m,
      boolean returns) {
    DifferentiableSignature sig = spec.signature();
    withArgs(sig, m);
    if (sig.returnsReal()) {
      m.addParameter(TypeNames.of(sig.resultType()), spec.resultSeed());
      if (returns) {
        m.returns(TypeNames.of(sig.resultType()));
      }
    }
    int k = 0;
    for (Callee.Param p : sig.params()) {
      if (p.out()) {
        m.addParameter(GradClassWriter.FrameWriter.javaType(p), spec.outputSeeds().get(k++));
      }
    }
    return m;
  }
}

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
import java.util.List;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

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
        .addJavadoc("Sweeps of {@link $T}.\n", api);
    for (FrameSpec.Field f : spec.fields()) {
      FieldSpec.Builder field = FieldSpec.builder(f.type(), f.name(), Modifier.PRIVATE);
      if (f.initializer() != null) {
        field.addModifiers(Modifier.FINAL).initializer(f.initializer());
      }
      type.addField(field.build());
    }
    MethodSpec.Builder m = MethodSpec.methodBuilder("backpropagate")
        .addJavadoc("Forward sweep, then backward sweep, adding into {@code $N}'s adjoint"
            + " fields.\n", spec.frame())
        .addParameter(api, spec.frame());
    for (VariableElement p : sig.method().getParameters()) {
      m.addParameter(ParameterSpec.builder(TypeName.get(p.asType()),
          p.getSimpleName().toString()).build());
    }
    if (sig.returnsDouble()) {
      m.returns(TypeName.DOUBLE).addParameter(TypeName.DOUBLE, spec.resultSeed());
    }
    int k = 0;
    for (Callee.Param p : sig.params()) {
      if (p.out()) {
        m.addParameter(GradClassWriter.FrameWriter.javaType(p), spec.outputSeeds().get(k++));
      }
    }
    type.addMethod(m.addCode(spec.backpropagateBody()).build());
    MethodSpec.Builder primal = MethodSpec.methodBuilder("primal")
        .addJavadoc("The forward computation alone, with this frame's buffers.\n")
        .returns(sig.returnsDouble() ? TypeName.DOUBLE : TypeName.VOID);
    for (VariableElement p : sig.method().getParameters()) {
      primal.addParameter(ParameterSpec.builder(TypeName.get(p.asType()),
          p.getSimpleName().toString()).build());
    }
    type.addMethod(primal.addCode(spec.primalBody()).build());
    return type.build();
  }
}

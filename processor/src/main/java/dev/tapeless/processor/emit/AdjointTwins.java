package dev.tapeless.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.tapeless.processor.frontend.DifferentiableSignature;
import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.frontend.RecordInputs;
import dev.tapeless.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * The adjoint twins of the records that {@code @Differentiable} methods take: for a record
 * {@code R}, a mutable class {@code RAdjoint} nested in {@code <Class>_Grad} with one public
 * field per {@code double} or {@code float} component (arrays of the component's shape) and a
 * nested twin per record component. A record is immutable, so its gradient cannot be a record
 * the frame adds into; one twin class per record type, shared by the frames of the class.
 */
final class AdjointTwins {
  private final ClassName grad;
  private final NameTable names;
  private final Map<String, ClassName> twins = new LinkedHashMap<>();
  private final Map<String, TypeElement> records = new LinkedHashMap<>();

  AdjointTwins(DifferentiableSignature first, List<DifferentiableSignature> frames) {
    this.grad = ClassName.get(first.packageName(), first.gradSimpleName());
    Set<String> taken = new HashSet<>();
    taken.add(first.gradSimpleName());
    frames.forEach(f -> taken.add(f.frameSimpleName()));
    this.names = new NameTable(taken);
    for (DifferentiableSignature frame : frames) {
      GradClassWriter.recordSlots(frame).forEach(slot -> register(slot.record()));
    }
  }

  private void register(TypeElement record) {
    String key = record.getQualifiedName().toString();
    if (twins.containsKey(key)) {
      return;
    }
    twins.put(key, grad.nestedClass(names.fresh(record.getSimpleName() + "Adjoint")));
    records.put(key, record);
    for (RecordInputs.Component c : RecordInputs.components(record)) {
      TypeElement nested = RecordInputs.recordOf(c.type());
      if (nested != null && hasRealLeaf(nested)) {
        register(nested);
      }
    }
  }

  private static boolean hasRealLeaf(TypeElement record) {
    return RecordInputs.leaves(record).stream()
        .anyMatch(l -> l.type() != null && l.type().carriesDerivative());
  }

  /** The twin of {@code record}. */
  ClassName of(TypeElement record) {
    return twins.get(record.getQualifiedName().toString());
  }

  /** The twin classes, to nest in {@code <Class>_Grad}. */
  List<TypeSpec> types() {
    List<TypeSpec> out = new ArrayList<>();
    records.forEach((key, record) -> out.add(twin(record, twins.get(key))));
    return out;
  }

  private TypeSpec twin(TypeElement record, ClassName name) {
    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Derivatives with respect to the components of {@link $T}, which a frame"
            + " adds into as it does\ninto its {@code d*} fields: one field per {@code double}"
            + " or {@code float} component (arrays\nof the component's shape, allocated on the"
            + " first call, or assign your own) and a nested\ntwin per record component.\n",
            ClassName.get(record));
    for (RecordInputs.Component c : RecordInputs.components(record)) {
      String field = c.name();
      TypeElement nested = RecordInputs.recordOf(c.type());
      if (nested != null) {
        if (twins.containsKey(nested.getQualifiedName().toString())) {
          ClassName twin = of(nested);
          type.addField(FieldSpec.builder(twin, field, Modifier.PUBLIC, Modifier.FINAL)
              .initializer("new $T()", twin)
              .addJavadoc("The derivatives with respect to {@code $L}'s components.\n", field)
              .build());
        }
        continue;
      }
      Type t = DifferentiableSignature.typeOf(c.type());
      if (t != null && t.carriesDerivative()) {
        type.addField(FieldSpec.builder(TypeNames.of(t), field, Modifier.PUBLIC)
            .addJavadoc("The derivative with respect to {@code $L}.\n", field).build());
      }
    }
    return type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
        .addJavadoc("Zero derivatives.\n").build()).build();
  }
}

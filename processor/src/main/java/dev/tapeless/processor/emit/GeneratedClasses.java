package dev.tapeless.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/** What every generated class has: {@code @Generated}, the originating element, no instances. */
final class GeneratedClasses {
  private static final ClassName GENERATED =
      ClassName.get("javax.annotation.processing", "Generated");
  private static final String PROCESSOR = "dev.tapeless.processor.TapelessProcessor";

  private GeneratedClasses() {}

  /** A final, non-instantiable class generated for {@code owner}. */
  static TypeSpec.Builder builder(String name, TypeElement owner, String comments) {
    return TypeSpec.classBuilder(name)
        .addModifiers(Modifier.FINAL)
        .addAnnotation(AnnotationSpec.builder(GENERATED)
            .addMember("value", "$S", PROCESSOR)
            .addMember("comments", "$S", comments + " " + owner.getQualifiedName())
            .build())
        .addOriginatingElement(owner)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
  }

  static JavaFile file(String packageName, TypeSpec type) {
    return JavaFile.builder(packageName, type).skipJavaLangImports(true).indent("  ").build();
  }
}

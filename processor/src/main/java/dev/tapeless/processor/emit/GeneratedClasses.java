package dev.tapeless.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
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
        .alwaysQualify(namesInPackageOf(owner))
        .addModifiers(Modifier.FINAL)
        .addAnnotation(AnnotationSpec.builder(GENERATED)
            .addMember("value", "$S", PROCESSOR)
            .addMember("comments", "$S", comments + " " + owner.getQualifiedName())
            .build())
        // Calling a deprecated method of the user's is the user's choice, warned about there;
        // derivatives of float values are computed in double and narrowed where assigned, with
        // a cast that is redundant where the expression happens to be float already.
        .addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
            .addMember("value", "{$S, $S, $S}", "cast", "deprecation", "removal").build())
        .addOriginatingElement(owner)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
  }

  /**
   * The simple names of the package's own classes, which hide {@code java.lang}'s and imports
   * of the same name (a user class {@code Math}): generated code spells those out in full.
   */
  private static String[] namesInPackageOf(TypeElement owner) {
    Element e = owner;
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return e.getEnclosedElements().stream()
        .filter(t -> t instanceof TypeElement)
        .map(t -> t.getSimpleName().toString())
        .toArray(String[]::new);
  }

  static JavaFile file(String packageName, TypeSpec type) {
    return JavaFile.builder(packageName, type).skipJavaLangImports(true).indent("  ").build();
  }
}

package dev.tapeless.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The generated code for the seed example, character for character: readability of generated
 * code is a feature, so a change to it should be a deliberate change to this file. After such a
 * change, {@code -Dtapeless.golden.update=true} (run from the processor module) writes the
 * generated sources over the golden files instead of comparing: read their diff before
 * committing it.
 */
class GoldenSourceTest {

  private static String resource(String name) throws IOException {
    try (InputStream in = GoldenSourceTest.class.getResourceAsStream("/golden/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void seedGradientAndSweepsMatchGoldenSources() throws IOException {
    Compilation c = Sources.compile(
        JavaFileObjects.forSourceString("seed.Seed", resource("Seed.java")));
    assertThat(c).succeededWithoutWarnings();
    for (String name : new String[] {"Seed_Grad", "Seed_GradSweeps"}) {
      String generated = c.generatedSourceFile("seed." + name).orElseThrow()
          .getCharContent(true).toString();
      if (Boolean.getBoolean("tapeless.golden.update")) {
        Files.writeString(Path.of("src/test/resources/golden", name + ".java"), generated);
        continue;
      }
      assertThat(generated).isEqualTo(resource(name + ".java"));
    }
  }
}

package dev.tapeless.consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The README tells users to paste one of two XML snippets into their pom (versions written out,
 * or imported from {@code tapeless-bom}); this builds a separate project from each, verbatim,
 * with one forked {@code mvn} on the JDK running this build (so CI's JDK 25 pass checks the
 * snippets on 25 too), then runs the README's {@code Seed} example from both. The BOM project is
 * also a named module whose {@code module-info.java} has exactly the {@code requires} lines the
 * README names, and it runs in a module layer: the README's advice to modular projects is tested.
 *
 * <p>The fork's local repository is {@code target/consumer-repo}, where this module's
 * {@code install-file} executions put the jars the reactor has just packaged: a stale or foreign
 * Tapeless in the shared {@code ~/.m2} is never read, and nothing is written there. Everything
 * else (plugins) comes first from a {@code file:} repository over the outer build's own local
 * repository, releases only, then from Central: the fork downloads nothing the outer build
 * already has, can run offline like the outer build, and still works on a clean machine. The
 * consumers' other plugins stay unpinned, as a user's would.
 */
final class ReadmeConsumerIT {

  private static final String SECTION = "## Using it in your own Maven project";
  private static final long TIMEOUT_MINUTES = 10;
  private static final String MODULE = "com.example.consumer";

  /** One fork builds both consumers: an aggregator over the two projects. */
  private static final String AGGREGATOR = """
      <?xml version="1.0" encoding="UTF-8"?>
      <project xmlns="http://maven.apache.org/POM/4.0.0"
               xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
               xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
        <modelVersion>4.0.0</modelVersion>
        <groupId>com.example</groupId>
        <artifactId>tapeless-consumers</artifactId>
        <version>1.0</version>
        <packaging>pom</packaging>
        <modules>
          <module>plain</module>
          <module>modular</module>
        </modules>
      </project>
      """;

  @Test
  void readmeSnippetsBuildAndRunConsumerProjects() throws Exception {
    Path mvn = findMvn();
    assumeTrue(mvn != null,
        "no mvn executable (maven.home, MAVEN_HOME, PATH): the README's setup is untested");
    List<String> readme = Files.readAllLines(Path.of(property("tapeless.readme")));
    List<String> snippets = mavenSnippets(readme);
    String seed = seedClass(readme);
    Path dir = Path.of(property("tapeless.consumer.dir"));
    deleteRecursively(dir);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("pom.xml"), AGGREGATOR);

    // Versions written out; the classes in the unnamed package, on the class path.
    Path plain = dir.resolve("plain");
    Path plainSources = Files.createDirectories(plain.resolve("src/main/java"));
    Files.writeString(plain.resolve("pom.xml"), consumerPom("tapeless-consumer", snippets.get(0)));
    Files.writeString(plainSources.resolve("Seed.java"), seed);
    Files.writeString(plainSources.resolve("Check.java"), check(""));

    // The BOM; a named module.
    Path modular = dir.resolve("modular");
    Path modularSources = Files.createDirectories(modular.resolve("src/main/java"));
    Path example = Files.createDirectories(modularSources.resolve("com/example"));
    Files.writeString(modular.resolve("pom.xml"),
        consumerPom("tapeless-modular-consumer", snippets.get(1)));
    Files.writeString(modularSources.resolve("module-info.java"), moduleInfo(readme));
    Files.writeString(example.resolve("Seed.java"), "package com.example;\n\n" + seed);
    Files.writeString(example.resolve("Check.java"), check("package com.example;\n\n"));

    Path log = dir.resolve("build.log");
    int exit = build(mvn, dir, log);
    assertEquals(0, exit, () -> "the consumer build from the README's snippets failed (" + dir
        + "):\n" + readQuietly(log));
    // -V prints the fork's java.home: the JDK checked must be the one this build runs on.
    assertTrue(readQuietly(log).contains(System.getProperty("java.home")),
        () -> "the consumer build did not run on " + System.getProperty("java.home") + ":\n"
            + readQuietly(log));

    assertArrayEquals(new double[] {15.0, 3.0, 8.0}, runCheck(plain), 0.0,
        "value, ∂e/∂a, ∂e/∂b of the README's Seed example at (3, 2)");
    assertArrayEquals(new double[] {15.0, 3.0, 8.0}, runModularCheck(modular), 0.0,
        "value, ∂e/∂a, ∂e/∂b of the README's Seed example at (3, 2), BOM snippet, named module");
  }

  @Test
  void snippetsAreTheXmlBlocksOfTheMavenSection() {
    List<String> readme = List.of("# T", "```xml", "<a/>", "```", SECTION, "text", "```xml",
        "<dependencies/>", "", "<build/>", "```", "Or:", "```xml", "<c/>", "```", "## Next",
        "```xml", "<d/>", "```");
    assertEquals(List.of("<dependencies/>\n\n<build/>\n", "<c/>\n"), mavenSnippets(readme));
  }

  @Test
  void aChangedReadmeFailsSayingWhat() {
    AssertionFailedError noSection = assertThrows(AssertionFailedError.class,
        () -> mavenSnippets(List.of("## Using it", "```xml", "<a/>", "```")));
    assertTrue(noSection.getMessage().contains(SECTION), noSection.getMessage());
    AssertionFailedError oneBlock = assertThrows(AssertionFailedError.class,
        () -> mavenSnippets(List.of(SECTION, "```xml", "<a/>", "```", "```xml", "<b/>",
            "## Next", "```")));
    assertTrue(oneBlock.getMessage().contains("has 1 complete ```xml blocks"),
        oneBlock.getMessage());
    AssertionFailedError noRequires = assertThrows(AssertionFailedError.class,
        () -> moduleInfo(List.of(SECTION, "A modular project needs nothing.", "## Next")));
    assertTrue(noRequires.getMessage().contains("`requires ...;`"), noRequires.getMessage());
  }

  @Test
  void moduleInfoHasTheRequiresTheSectionNames() {
    List<String> readme = List.of("`requires z;`", SECTION, "needs `requires a.b;`,",
        "`requires static c;` and `requires static java.compiler;`: why.", "## Next",
        "`requires e;`");
    assertEquals("""
        module com.example.consumer {
          requires a.b;
          requires static c;
          requires static java.compiler;
          exports com.example;
        }
        """, moduleInfo(readme));
  }

  /**
   * The two ```xml blocks of the README's Maven section, since that is the text users copy: the
   * one with versions written out, then the one importing the BOM.
   */
  static List<String> mavenSnippets(List<String> readme) {
    List<String> blocks = new ArrayList<>();
    int start = -1;
    for (int i = sectionStart(readme); i < readme.size() && !readme.get(i).startsWith("## ");
        i++) {
      if (start < 0 && readme.get(i).equals("```xml")) {
        start = i + 1;
      } else if (start >= 0 && readme.get(i).equals("```")) {
        blocks.add(String.join("\n", readme.subList(start, i)) + "\n");
        start = -1;
      }
    }
    if (blocks.size() != 2) {
      fail("README.md's section '" + SECTION + "' has " + blocks.size()
          + " complete ```xml blocks, not 2 (versions written out, then the BOM):"
          + " update ReadmeConsumerIT with the README");
    }
    return blocks;
  }

  /**
   * The BOM project's module declaration: every {@code `requires ...;`} the README's Maven
   * section names, in order, and an export for the check to call.
   */
  static String moduleInfo(List<String> readme) {
    StringBuilder section = new StringBuilder();
    for (int i = sectionStart(readme); i < readme.size() && !readme.get(i).startsWith("## ");
        i++) {
      section.append(readme.get(i)).append('\n');
    }
    Matcher requires = Pattern.compile("`(requires [\\w. ]+;)`").matcher(section);
    StringBuilder module = new StringBuilder("module " + MODULE + " {\n");
    boolean any = false;
    while (requires.find()) {
      module.append("  ").append(requires.group(1)).append('\n');
      any = true;
    }
    if (!any) {
      fail("README.md's section '" + SECTION + "' names no `requires ...;` for modular"
          + " projects: update ReadmeConsumerIT with the README");
    }
    return module.append("  exports com.example;\n}\n").toString();
  }

  private static int sectionStart(List<String> readme) {
    int section = readme.indexOf(SECTION);
    if (section < 0) {
      fail("README.md has no line '" + SECTION + "': update ReadmeConsumerIT with the README");
    }
    return section + 1;
  }

  /** The first ```java block up to its first "}": {@code Seed}, the example users try first. */
  static String seedClass(List<String> readme) {
    int start = readme.indexOf("```java");
    int end = start < 0 ? -1 : readme.subList(start, readme.size()).indexOf("}");
    String seed = end < 0 ? "" : String.join("\n", readme.subList(start + 1, start + end + 1));
    if (!seed.contains("public final class Seed {")) {
      fail("README.md's first ```java block no longer starts with class Seed:"
          + " update ReadmeConsumerIT with the README");
    }
    return seed + "\n";
  }

  private static String check(String packageLine) {
    return packageLine + """
        public final class Check {
          private Check() {
          }

          public static double[] run() {
            Seed_Grad.E g = new Seed_Grad.E();
            double e = g.valueAndGradient(3, 2);
            return new double[] {e, g.da, g.db};
          }
        }
        """;
  }

  /**
   * A user's pom around a snippet. The repositories are the test's, not the user's: the outer
   * build's local repository as a read-only cache of releases (never of Tapeless snapshots).
   */
  static String consumerPom(String artifactId, String snippet) {
    String cache = Path.of(property("tapeless.user.repo")).toUri().toString();
    String repository = """
              <id>outer-build-local-repository</id>
              <url>%s</url>
              <releases>
                <checksumPolicy>ignore</checksumPolicy>
              </releases>
              <snapshots>
                <enabled>false</enabled>
              </snapshots>
        """.formatted(cache);
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example</groupId>
          <artifactId>%s</artifactId>
          <version>1.0</version>
          <packaging>jar</packaging>

          <properties>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>

          <repositories>
            <repository>
        %s    </repository>
          </repositories>
          <pluginRepositories>
            <pluginRepository>
        %s    </pluginRepository>
          </pluginRepositories>

        %s</project>
        """.formatted(artifactId, repository, repository, snippet);
  }

  private static int build(Path mvn, Path dir, Path log) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-V", "-ntp",
        "-f", dir.resolve("pom.xml").toString(),
        "-Dmaven.repo.local=" + property("tapeless.consumer.repo")));
    if (Boolean.parseBoolean(property("tapeless.offline"))) {
      // Offline still reads file: repositories, the cache above.
      command.add("-o");
      command.add("-Daether.offline.protocols=file");
    }
    command.add("package");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      fail("the consumer build took more than " + TIMEOUT_MINUTES + " minutes:\n"
          + readQuietly(log));
    }
    return process.exitValue();
  }

  /** A user runs with their classes, the runtime and the annotations only: so does the check. */
  private static double[] runCheck(Path project) throws Exception {
    Path classes = generatedClasses(project, "");
    URL[] path = {classes.toUri().toURL(), published("runtime").toUri().toURL(),
        published("annotations").toUri().toURL()};
    try (URLClassLoader loader = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
      return (double[]) loader.loadClass("Check").getMethod("run").invoke(null);
    }
  }

  /** The modular consumer in a layer of its own over the runtime's and annotations' jars. */
  private static double[] runModularCheck(Path project) throws Exception {
    Path classes = generatedClasses(project, "com/example/");
    assertTrue(Files.isRegularFile(classes.resolve("module-info.class")),
        "the BOM consumer was not compiled as a named module: no module-info.class in "
            + classes);
    ModuleFinder finder = ModuleFinder.of(classes, published("runtime"),
        published("annotations"));
    ModuleLayer boot = ModuleLayer.boot();
    Configuration configuration = boot.configuration().resolve(finder, ModuleFinder.of(),
        Set.of(MODULE));
    ModuleLayer layer = boot.defineModulesWithOneLoader(configuration,
        ClassLoader.getPlatformClassLoader());
    Class<?> check = layer.findLoader(MODULE).loadClass("com.example.Check");
    assertEquals(MODULE, check.getModule().getName());
    assertEquals("dev.tapeless.runtime", layer.findLoader(MODULE)
        .loadClass("dev.tapeless.runtime.support.Flat").getModule().getName());
    return (double[]) check.getMethod("run").invoke(null);
  }

  private static Path generatedClasses(Path project, String packageDir) {
    Path classes = project.resolve("target/classes");
    assertTrue(Files.isRegularFile(classes.resolve(packageDir + "Seed_Grad.class")),
        "the processor did not run in the consumer build: no Seed_Grad.class in " + classes);
    return classes;
  }

  /** A published jar as the consumer build resolved it, from its local repository. */
  private static Path published(String module) {
    String version = property("tapeless.version");
    return Path.of(property("tapeless.consumer.repo"), "dev", "tapeless", "tapeless-" + module,
        version, "tapeless-" + module + "-" + version + ".jar");
  }

  private static Path findMvn() {
    String name = System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn";
    List<String> dirs = new ArrayList<>();
    for (String home : new String[] {System.getProperty("maven.home"),
        System.getenv("MAVEN_HOME")}) {
      if (home != null && !home.isBlank()) {
        dirs.add(home + File.separator + "bin");
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    return dirs.stream().map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst()
        .orElse(null);
  }

  static String property(String key) {
    String value = System.getProperty(key);
    assertTrue(value != null && !value.isBlank(),
        "system property " + key + " is unset: run this test through the consumer-it pom");
    return value;
  }

  private static String readQuietly(Path log) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}

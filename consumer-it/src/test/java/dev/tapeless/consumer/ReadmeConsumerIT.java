package dev.tapeless.consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The README tells users to paste one XML snippet into their pom; this builds a separate project
 * from that snippet, verbatim, with a forked {@code mvn} on the JDK running this build (so CI's
 * JDK 25 pass checks the snippet on 25 too), then runs the README's {@code Seed} example from it.
 *
 * <p>The fork's local repository is {@code target/consumer-repo}, where this module's
 * {@code install-file} executions put the jars the reactor has just packaged: a stale or foreign
 * Tapeless in the shared {@code ~/.m2} is never read, and nothing is written there. Everything
 * else (plugins, javapoet) comes first from a {@code file:} repository over the outer build's own
 * local repository, releases only, then from Central: the fork downloads nothing the outer build
 * already has, can run offline like the outer build, and still works on a clean machine. The
 * consumer's other plugins stay unpinned, as a user's would.
 */
final class ReadmeConsumerIT {

  private static final String SECTION = "## Using it in your own Maven project";
  private static final long TIMEOUT_MINUTES = 10;

  @Test
  void readmeSnippetBuildsAndRunsAConsumerProject() throws Exception {
    Path mvn = findMvn();
    assumeTrue(mvn != null,
        "no mvn executable (maven.home, MAVEN_HOME, PATH): the README's setup is untested");
    List<String> readme = Files.readAllLines(Path.of(property("tapeless.readme")));
    Path dir = Path.of(property("tapeless.consumer.dir"));
    deleteRecursively(dir);
    Path sources = Files.createDirectories(dir.resolve("src/main/java"));
    Files.writeString(dir.resolve("pom.xml"), consumerPom(mavenSnippet(readme)));
    Files.writeString(sources.resolve("Seed.java"), seedClass(readme));
    Files.writeString(sources.resolve("Check.java"), """
        public final class Check {
          private Check() {
          }

          public static double[] run() {
            Seed_Grad.E g = new Seed_Grad.E();
            double e = g.valueAndGradient(3, 2);
            return new double[] {e, g.da, g.db};
          }
        }
        """);

    Path log = dir.resolve("build.log");
    int exit = build(mvn, dir, log);
    assertEquals(0, exit, () -> "the consumer build from the README's snippet failed (" + dir
        + "):\n" + readQuietly(log));
    // -V prints the fork's java.home: the JDK checked must be the one this build runs on.
    assertTrue(readQuietly(log).contains(System.getProperty("java.home")),
        () -> "the consumer build did not run on " + System.getProperty("java.home") + ":\n"
            + readQuietly(log));

    assertArrayEquals(new double[] {15.0, 3.0, 8.0}, runCheck(dir), 0.0,
        "value, ∂e/∂a, ∂e/∂b of the README's Seed example at (3, 2)");
  }

  @Test
  void snippetIsTheXmlBlockOfTheMavenSection() {
    List<String> readme = List.of("# T", "```xml", "<a/>", "```", SECTION, "text", "```xml",
        "<dependencies/>", "", "<build/>", "```", "```xml", "<c/>", "```", "## Next");
    assertEquals("<dependencies/>\n\n<build/>\n", mavenSnippet(readme));
  }

  @Test
  void aChangedReadmeFailsSayingWhat() {
    AssertionFailedError noSection = assertThrows(AssertionFailedError.class,
        () -> mavenSnippet(List.of("## Using it", "```xml", "<a/>", "```")));
    assertTrue(noSection.getMessage().contains(SECTION), noSection.getMessage());
    AssertionFailedError noBlock = assertThrows(AssertionFailedError.class,
        () -> mavenSnippet(List.of(SECTION, "```xml", "<a/>", "## Next", "```")));
    assertTrue(noBlock.getMessage().contains("no complete ```xml block"), noBlock.getMessage());
  }

  /** The ```xml block of the README's Maven section, since that is the text users copy. */
  static String mavenSnippet(List<String> readme) {
    int section = readme.indexOf(SECTION);
    if (section < 0) {
      fail("README.md has no line '" + SECTION + "': update ReadmeConsumerIT with the README");
    }
    int start = -1;
    for (int i = section + 1; i < readme.size() && !readme.get(i).startsWith("## "); i++) {
      if (start < 0 && readme.get(i).equals("```xml")) {
        start = i + 1;
      } else if (start >= 0 && readme.get(i).equals("```")) {
        return String.join("\n", readme.subList(start, i)) + "\n";
      }
    }
    return fail("README.md's section '" + SECTION
        + "' has no complete ```xml block: update ReadmeConsumerIT with the README");
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

  /**
   * A user's pom around the snippet. The repositories are the test's, not the user's: the outer
   * build's local repository as a read-only cache of releases (never of Tapeless snapshots).
   */
  static String consumerPom(String snippet) {
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
          <artifactId>tapeless-consumer</artifactId>
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
        """.formatted(repository, repository, snippet);
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
  private static double[] runCheck(Path dir) throws Exception {
    Path classes = dir.resolve("target/classes");
    assertTrue(Files.isRegularFile(classes.resolve("Seed_Grad.class")),
        "the processor did not run in the consumer build: no Seed_Grad.class in " + classes);
    Path repo = Path.of(property("tapeless.consumer.repo"), "dev", "tapeless");
    String version = property("tapeless.version");
    URL[] path = {
        classes.toUri().toURL(),
        repo.resolve("tapeless-runtime/" + version + "/tapeless-runtime-" + version + ".jar").toUri()
            .toURL(),
        repo.resolve("tapeless-annotations/" + version + "/tapeless-annotations-" + version
            + ".jar").toUri().toURL()};
    try (URLClassLoader loader = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
      return (double[]) loader.loadClass("Check").getMethod("run").invoke(null);
    }
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

  private static String property(String key) {
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

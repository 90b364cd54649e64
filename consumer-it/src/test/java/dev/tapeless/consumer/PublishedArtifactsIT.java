package dev.tapeless.consumer;

import static dev.tapeless.consumer.ReadmeConsumerIT.property;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What publishing would put in a repository, read where this module's {@code install-file}
 * executions put it ({@code target/consumer-repo}, laid out as {@code mvn install} would): for
 * each published module the jar with its {@code Automatic-Module-Name}, the sources and Javadoc
 * jars; the processor jar with JavaPoet relocated inside and its dependency-reduced POM without
 * JavaPoet; and the metadata a release repository asks for in every published POM, as Maven
 * reads it through the parents (the BOM at the root of the hierarchy, then tapeless-parent).
 */
final class PublishedArtifactsIT {

  private static final String HOME = "https://github.com/tapeless-dev/tapeless";
  private static final String RELOCATED = "dev/tapeless/processor/shaded/javapoet/";

  @ParameterizedTest
  @ValueSource(strings = {"annotations", "runtime", "processor"})
  void jarsHaveAModuleNameSourcesAndJavadoc(String module) throws IOException {
    try (JarFile jar = new JarFile(artifact(module, "").toFile())) {
      Manifest manifest = jar.getManifest();
      assertNotNull(manifest, "no manifest in " + jar.getName());
      assertEquals("dev.tapeless." + module,
          manifest.getMainAttributes().getValue("Automatic-Module-Name"),
          "Automatic-Module-Name of " + jar.getName());
    }
    String type = switch (module) {
      case "annotations" -> "dev/tapeless/Differentiable";
      case "runtime" -> "dev/tapeless/runtime/GradCheck";
      default -> "dev/tapeless/processor/TapelessProcessor";
    };
    try (JarFile sources = new JarFile(artifact(module, "-sources").toFile())) {
      assertNotNull(sources.getJarEntry(type + ".java"), type + ".java in " + sources.getName());
    }
    try (JarFile javadoc = new JarFile(artifact(module, "-javadoc").toFile())) {
      List<String> names = javadoc.stream().map(JarEntry::getName).toList();
      assertTrue(names.contains("index.html"), "index.html in " + javadoc.getName());
      // Under the module's directory (dev.tapeless.x/...): the plugin documents it as a module.
      assertTrue(names.stream().anyMatch(n -> n.endsWith(type + ".html")),
          type + ".html in " + javadoc.getName());
    }
  }

  @Test
  void processorJarHasJavaPoetRelocatedAndItsServiceFile() throws IOException {
    try (JarFile jar = new JarFile(artifact("processor", "").toFile())) {
      List<String> names = jar.stream().map(JarEntry::getName).toList();
      for (String type : List.of("JavaFile", "TypeSpec", "MethodSpec", "ClassName")) {
        assertTrue(names.contains(RELOCATED + type + ".class"),
            RELOCATED + type + ".class in " + jar.getName());
      }
      List<String> leftOver = names.stream().filter(n -> n.startsWith("com/palantir/")).toList();
      assertTrue(leftOver.isEmpty(), "not relocated: " + leftOver);
      // No class still naming the original package: every reference was rewritten.
      List<String> stale = new ArrayList<>();
      for (JarEntry entry : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
        try (InputStream in = jar.getInputStream(entry)) {
          if (new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)
              .contains("com/palantir/javapoet")) {
            stale.add(entry.getName());
          }
        }
      }
      assertTrue(stale.isEmpty(), "classes referring to com/palantir/javapoet: " + stale);
      JarEntry services = jar.getJarEntry("META-INF/services/javax.annotation.processing.Processor");
      assertNotNull(services, "no processor service file in " + jar.getName());
      try (InputStream in = jar.getInputStream(services)) {
        assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8)
            .lines().anyMatch("dev.tapeless.processor.TapelessProcessor"::equals),
            "TapelessProcessor is not in the service file");
      }
    }
  }

  @Test
  void processorPomDependsOnTheAnnotationsOnly() throws Exception {
    Element pom = read(pom("tapeless-processor"));
    List<String> passedOn = new ArrayList<>();
    for (Element dependency : children(child(pom, "dependencies"), "dependency")) {
      String artifactId = text(dependency, "artifactId");
      assertFalse(artifactId.contains("javapoet"), "the processor's POM depends on JavaPoet");
      String scope = text(dependency, "scope");
      if (scope.isEmpty() || scope.equals("compile") || scope.equals("runtime")) {
        passedOn.add(text(dependency, "groupId") + ":" + artifactId);
      }
    }
    assertEquals(List.of("dev.tapeless:tapeless-annotations"), passedOn,
        "what a user's processor path gets with the processor");
  }

  @Test
  void bomManagesTheThreePublishedArtifactsOnly() throws Exception {
    Element bom = read(pom("tapeless-bom"));
    assertEquals("pom", text(bom, "packaging"));
    assertNull(child(bom, "parent"),
        "the BOM has a parent: importing it would bring the parent's dependencyManagement too");
    assertNull(child(bom, "dependencies"), "the BOM has dependencies");
    List<String> managed = new ArrayList<>();
    for (Element d : children(child(child(bom, "dependencyManagement"), "dependencies"),
        "dependency")) {
      managed.add(text(d, "groupId") + ":" + text(d, "artifactId") + ":"
          + text(d, "version").replace("${project.version}", text(bom, "version")));
    }
    String version = property("tapeless.version");
    assertEquals(List.of("dev.tapeless:tapeless-annotations:" + version,
        "dev.tapeless:tapeless-runtime:" + version, "dev.tapeless:tapeless-processor:" + version),
        managed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tapeless-bom", "tapeless-parent", "tapeless-annotations",
      "tapeless-runtime", "tapeless-processor"})
  void publishedPomsHaveTheMetadataReleasesNeed(String artifactId) throws Exception {
    List<Element> chain = chain(artifactId);
    assertFalse(inherited(chain, "description").isBlank(), artifactId + ": description");
    assertEquals(HOME, url(chain, 0, null, "url"), artifactId + ": url");
    Element licenses = inheritedElement(chain, "licenses");
    assertNotNull(licenses, artifactId + ": licenses");
    for (Element license : children(licenses, "license")) {
      assertEquals("Apache License, Version 2.0", text(license, "name"));
      assertEquals("https://www.apache.org/licenses/LICENSE-2.0.txt", text(license, "url"));
    }
    Element developers = inheritedElement(chain, "developers");
    assertNotNull(developers, artifactId + ": developers");
    assertFalse(children(developers, "developer").isEmpty(), artifactId + ": developers");
    for (Element developer : children(developers, "developer")) {
      assertFalse(text(developer, "name").isBlank(), artifactId + ": a developer's name");
    }
    assertEquals(HOME, url(chain, 0, "scm", "url"), artifactId + ": scm url");
    assertEquals("scm:git:" + HOME + ".git", url(chain, 0, "scm", "connection"),
        artifactId + ": scm connection");
    assertEquals("scm:git:ssh://git@github.com/tapeless-dev/tapeless.git",
        url(chain, 0, "scm", "developerConnection"), artifactId + ": scm developerConnection");
  }

  /** The POM and its parents, as installed, child first. */
  private static List<Element> chain(String artifactId) throws Exception {
    List<Element> chain = new ArrayList<>();
    Element pom = read(pom(artifactId));
    while (true) {
      chain.add(pom);
      Element parent = child(pom, "parent");
      if (parent == null) {
        return chain;
      }
      assertEquals("dev.tapeless", text(parent, "groupId"), "a parent outside the project");
      pom = read(pom(text(parent, "artifactId")));
    }
  }

  private static String inherited(List<Element> chain, String name) {
    for (Element pom : chain) {
      if (!text(pom, name).isBlank()) {
        return text(pom, name);
      }
    }
    return "";
  }

  private static Element inheritedElement(List<Element> chain, String name) {
    for (Element pom : chain) {
      if (child(pom, name) != null) {
        return child(pom, name);
      }
    }
    return null;
  }

  /**
   * A URL as Maven 3 inherits it: a child that does not declare it gets its parent's with
   * "/artifactId" appended, unless the parent (or one of its parents) says
   * {@code child.<element>.inherit.append.path="false"}.
   */
  private static String url(List<Element> chain, int i, String container, String name) {
    Element pom = chain.get(i);
    Element holder = container == null ? pom : child(pom, container);
    if (holder != null && !text(holder, name).isBlank()) {
      return text(holder, name);
    }
    if (i + 1 == chain.size()) {
      fail(text(pom, "artifactId") + ": no " + (container == null ? "" : container + ".")
          + name);
    }
    String parentUrl = url(chain, i + 1, container, name);
    String attribute = "child." + (container == null ? "project" : container) + "." + name
        + ".inherit.append.path";
    for (Element ancestor : chain.subList(i + 1, chain.size())) {
      Element on = container == null ? ancestor : child(ancestor, container);
      if (on != null && on.hasAttribute(attribute)) {
        return Boolean.parseBoolean(on.getAttribute(attribute))
            ? parentUrl + "/" + text(pom, "artifactId") : parentUrl;
      }
    }
    return parentUrl + "/" + text(pom, "artifactId");
  }

  private static Path artifact(String module, String classifier) {
    String version = property("tapeless.version");
    Path path = directory("tapeless-" + module)
        .resolve("tapeless-" + module + "-" + version + classifier + ".jar");
    assertTrue(Files.isRegularFile(path), "not installed: " + path);
    return path;
  }

  private static Path pom(String artifactId) {
    Path path = directory(artifactId)
        .resolve(artifactId + "-" + property("tapeless.version") + ".pom");
    assertTrue(Files.isRegularFile(path), "not installed: " + path);
    return path;
  }

  private static Path directory(String artifactId) {
    return Path.of(property("tapeless.consumer.repo"), "dev", "tapeless", artifactId,
        property("tapeless.version"));
  }

  private static Element read(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
  }

  private static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    if (parent != null) {
      for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e && e.getTagName().equals(name)) {
          found.add(e);
        }
      }
    }
    return found;
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? "" : e.getTextContent().trim();
  }
}

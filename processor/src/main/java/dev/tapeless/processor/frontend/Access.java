package dev.tapeless.processor.frontend;

import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;

/**
 * Whether generated code, which lives in the package of the differentiated method but not in
 * its class, can name a member the method uses.
 */
final class Access {
  private Access() {}

  /** Why the generated class cannot reach {@code member}, or null when it can. */
  static String hidden(Element member, Element user) {
    if (member.getModifiers().contains(Modifier.PRIVATE)) {
      return "private";
    }
    if (member.getModifiers().contains(Modifier.PROTECTED)
        && !packageOf(member).equals(packageOf(user))) {
      return "protected and declared in another package";
    }
    return null;
  }

  /** What to change so that it can. */
  static String remedy(Element member, Element user) {
    return member.getModifiers().contains(Modifier.PRIVATE) ? "package-private"
        : "public, or reach it through a static method of your own package";
  }

  /** The package {@code e} is declared in. */
  static PackageElement packageOf(Element e) {
    while (!(e instanceof PackageElement p)) {
      e = e.getEnclosingElement();
    }
    return p;
  }
}

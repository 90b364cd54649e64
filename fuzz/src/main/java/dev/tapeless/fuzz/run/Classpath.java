package dev.tapeless.fuzz.run;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The class path for in-process compilation, from where the needed classes were loaded. Under
 * surefire {@code java.class.path} is a manifest-only jar, so it cannot be used.
 */
public final class Classpath {
  private Classpath() {}

  public static List<File> entries() {
    Set<File> files = new LinkedHashSet<>();
    for (Class<?> c : List.of(dev.tapeless.Differentiable.class,
        dev.tapeless.runtime.Linear.class,
        org.hipparchus.analysis.differentiation.Gradient.class,
        dev.tapeless.fuzz.twin.Ctx.class)) {
      files.add(locationOf(c));
    }
    return List.copyOf(files);
  }

  private static File locationOf(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile();
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("cannot locate the classes of " + c.getName(), e);
    }
  }
}

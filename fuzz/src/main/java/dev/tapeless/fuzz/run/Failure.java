package dev.tapeless.fuzz.run;

import dev.tapeless.fuzz.ast.ClassDef;

/**
 * One failing method (at point {@code pointSeed}, after a call at {@code earlierPointSeed} on
 * the same frame for stale state): its kind, a first line that identifies the failure (deduplication key
 * together with the kind), details for the report, and the class it came from so that the
 * reducer can shrink it.
 */
public record Failure(Kind kind, String firstLine, String details, ClassDef cls, String method,
    long pointSeed, long earlierPointSeed) {
  public Failure(Kind kind, String firstLine, String details, ClassDef cls, String method,
      long pointSeed) {
    this(kind, firstLine, details, cls, method, pointSeed, 0);
  }

  /** Kind plus the first line with numbers and generated names blurred. */
  public String key() {
    return kind + ": " + normalize(firstLine);
  }

  static String normalize(String line) {
    String s = line.replaceAll("\\b[mM]\\d+\\b", "m#");
    s = s.replaceAll("\\b[A-Z]\\w*_Grad(Sweeps)?\\b", "C_Grad");
    s = s.replaceAll("\\bG\\d+(_\\d+)?(Float)?\\b", "C");
    s = s.replaceAll("'[^']*'", "'#'");
    s = s.replaceAll("\"[^\"]*\"", "\"#\"");
    s = s.replaceAll("-?\\d+(\\.\\d+)?([eE]-?\\d+)?", "#");
    return s.length() > 200 ? s.substring(0, 200) : s;
  }

  public String where() {
    return cls.qualifiedName() + "." + method;
  }
}

package dev.tapeless.fuzz.ast;

/** Which methods and classes have a loop with {@code @Checkpoint}: counted and cross-checked. */
public final class Checkpointed {
  private Checkpointed() {}

  /** Whether a loop of {@code m}'s own body carries {@code @Checkpoint}. */
  public static boolean has(MethodDef m) {
    boolean[] found = {false};
    Walk.statements(m.body(), s -> found[0] |= s instanceof Stmt.For f && f.checkpointed(),
        e -> { });
    return found[0];
  }

  /** Whether a method of {@code c} has a checkpointed loop. */
  public static boolean has(ClassDef c) {
    return c.methods().stream().anyMatch(Checkpointed::has);
  }
}

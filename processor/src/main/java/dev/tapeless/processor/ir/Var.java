package dev.tapeless.processor.ir;

/**
 * A variable of the IR: a parameter, a user local, or a temporary made by lowering.
 *
 * <p>Identity matters, not the name: two user locals with the same name in sibling blocks are two
 * Vars with distinct emitted names.
 */
public final class Var {

  /** Where a variable comes from; the emitter declares each kind differently. */
  public enum Role {
    PARAMETER,
    LOCAL,
    /** The index of a counted loop, declared by the loop itself in both sweeps. */
    INDEX,
    TEMP,
    RESULT,
    /**
     * A {@code static final} array field the method reads (a constant table): named by its
     * qualified name, never written, never declared, carrying no derivative.
     */
    CONSTANT,
    /** The adjoint of another variable ({@code xBar}), made by reverse mode's backward sweep. */
    ADJOINT
  }

  private final String name;
  private final Type type;
  private final Role role;

  public Var(String name, Type type, Role role) {
    this.name = name;
    this.type = type;
    this.role = role;
  }

  /** The unique name used in generated code. */
  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  public Role role() {
    return role;
  }

  @Override
  public String toString() {
    return name;
  }
}

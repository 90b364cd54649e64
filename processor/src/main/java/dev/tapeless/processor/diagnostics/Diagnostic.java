package dev.tapeless.processor.diagnostics;

/**
 * Every message the processor can print, with a stable code users can search for.
 *
 * <p>One place for all texts (as MapStruct does) so that wording stays consistent and tests can
 * check codes instead of prose. Each message says what to do instead.
 */
public enum Diagnostic {
  // Declarations: reported on the method or its annotation.
  NOT_STATIC("TL001", "@Differentiable method must be static, or an instance method of a class"
      + " or record; make it a static method"),
  NOT_DOUBLE_RESULT(
      "TL002",
      "@Differentiable method must return double or float (or void with @Out parameters), but"
          + " returns %s; return a double value"),
  WRT_NOT_A_PARAMETER(
      "TL003", "wrt names '%s', which is not a parameter of %s; use one of: %s"),
  WRT_NOT_DIFFERENTIABLE(
      "TL004",
      "wrt names '%s' of type %s; only double and float parameters and arrays of them (up to"
          + " three dimensions) can be differentiated"),
  PRIVATE_METHOD(
      "TL005",
      "@Differentiable method must not be private: the generated %s calls it; make it"
          + " package-private or public"),
  DUPLICATE_FRAME_NAME(
      "TL006",
      "another @Differentiable method of %s already uses the frame name %s; give this one"
          + " @Differentiable(name = \"...\")"),
  GENERIC_METHOD("TL007", "@Differentiable methods cannot be generic; remove the type parameters"),
  UNSUPPORTED_PARAMETER_TYPE(
      "TL008",
      "parameter '%s' has type %s, which is not supported; use double or float (or arrays of"
          + " them, up to [][][]), int, int[], long or boolean; an object the method only"
          + " calls or reads fields of (a java.util.Random, a config class) is allowed when"
          + " marked @NoDerivative; a record, or a final class whose fields are all numbers,"
          + " numeric arrays or such classes (none private), is differentiated field by field"),
  UNSUPPORTED_ENCLOSING_CLASS(
      "TL009",
      "@Differentiable methods must be declared in a top-level or static nested class; move %s"),
  INVALID_FRAME_NAME("TL010", "name = \"%s\" is not a Java identifier; choose one that is"),
  NO_ACTIVE_PARAMETER(
      "TL011",
      "%s has no parameter to differentiate; add a double parameter or remove @NoDerivative/wrt"),
  OUT_NOT_DOUBLE_ARRAY(
      "TL013", "@Out parameter '%s' has type %s; outputs must be arrays of double or float"),
  BAD_CUSTOM_DERIVATIVE("TL014", "%s"),
  LARGE_METHOD(
      "TL015",
      "a method of the gradient of %s is about %d bytes of bytecode; HotSpot does not compile"
          + " methods over 8000 bytes, so it would run interpreted and slowly: split this method"
          + " into smaller @Differentiable methods (for example one per layer or per time step)"),
  NO_BODY(
      "TL016",
      "a native method has no body for Tapeless to read; give it a Java body, or register its"
          + " derivative on a wrapper with @CustomDerivative"),
  PRIVATE_ENCLOSING_CLASS(
      "TL017",
      "%s is declared in the private class %s, which the generated gradient class cannot reach;"
          + " make that class package-private"),
  FRAME_NAME_TAKEN(
      "TL018",
      "the frame name %s is also the name of the generated class that holds it; give this method"
          + " @Differentiable(name = \"...\")"),
  TOO_MANY_PARAMETERS(
      "TL019",
      "%s's generated methods would need %d parameter slots, more than the JVM's 255 (a double"
          + " takes two); pass some of the values in a double[]"),
  GRAD_CLASS_NAME_TAKEN(
      "TL020",
      "Tapeless names the gradient class of %s '%s', which is also the name %s; rename one of"
          + " the classes"),
  TOO_LARGE(
      "TL021",
      "a method of the gradient of %s would be about %d bytes of bytecode, beyond what javac"
          + " can compile in one method (64 KB); split it into smaller @Differentiable methods"
          + " (for example one per layer or per time step)"),
  UNSUPPORTED_RECORD(
      "TL022",
      "parameter '%s': %s; a record parameter's components must be double or float (or arrays"
          + " of them, up to [][][]), int, int[], long, boolean, or records of those"),
  PRIVATE_RECORD(
      "TL023",
      "parameter '%s' has type %s, which is private, so the generated gradient class cannot read"
          + " its components; make the record package-private"),
  PRIVATE_PARAMETER_TYPE(
      "TL029",
      "parameter '%s' has type %s, which is private (or nested in a private class), so the"
          + " generated gradient class cannot name it; make the class package-private"),
  PRIVATE_MODEL_FIELD(
      "TL024",
      "field '%s' of %s is private, but the frame of the instance method %s passes every"
          + " number, array and record field of the object to its sweeps (a model's fields are"
          + " its inputs); make it package-private (with @NoDerivative if it is data, not a"
          + " parameter), move state that is neither into another object, or make the class a"
          + " record"),
  GENERIC_MODEL(
      "TL025",
      "%s is generic; @Differentiable instance methods need a class without type parameters"),
  UNUSED_DIFFERENTIATED_ARRAY(
      "TL026",
      "parameter '%s' of %s is differentiated, but no derivative flows from it to the result"
          + " (it is only read in conditions, indices or sizes, passed where nothing is"
          + " differentiated, or not read at all); its gradient is always zero and its adjoint"
          + " array costs memory: mark it @NoDerivative, or leave it out of wrt"),
  NO_PUSHFORWARD(
      "TL027",
      "@CustomDerivative on %s has no pushforward, so forward mode cannot go through it: jvp,"
          + " hvp, hessian (and jacobian where it uses forward mode) of the methods that call it"
          + " throw UnsupportedOperationException; add pushforward = \"...\" naming a method"
          + " %s, or linear = true if it is linear in its differentiated parameters (or"
          + " @SuppressWarnings(\"TL027\") if you use reverse mode only)"),
  UNREAD_MODEL_FIELD(
      "TL028",
      "field '%s' of %s is read by none of its @Differentiable methods, yet each of their frames"
          + " takes it as an input (an adjoint d%s, registered by parameters()), for a gradient"
          + " that is always zero: mark it @NoDerivative, make it static, or keep it out of the"
          + " model class"),
  ADJOINT_NAME_KEYWORD(
      "TL033",
      "%s '%s' would give the frame an adjoint field named %s, which is a Java keyword; rename"
          + " it"),
  CHECKPOINT_SAVES_NOTHING(
      "TL032",
      "@Checkpoint on a loop whose gradient saves nothing per iteration: checkpointing would"
          + " only copy its state and run it a second time, for no memory saved; remove"
          + " @Checkpoint"),
  CONSTANT_RESULT(
      "TL012",
      "the result of %s does not depend on any differentiated parameter; its gradient is zero"),

  // Body: reported on the exact statement or expression.
  ARRAY_NOT_SUPPORTED("TL102", "%s is not supported; %s"),
  FIELD_WRITE(
      "TL103",
      "a @Differentiable method must not write fields: the gradient could not see the effect;"
          + " return the value or use a local variable"),
  OBJECT_CREATION(
      "TL104",
      "object creation is not supported in a @Differentiable method; compute with doubles and"
          + " move object handling to the caller"),
  LAMBDA("TL105", "lambdas and method references are not supported; call a static method instead"),
  TRY_CATCH(
      "TL106",
      "try/catch/finally is not supported in a @Differentiable method; check inputs in the caller"),
  RECURSION(
      "TL107",
      "recursive call (%s); Tapeless differentiates straight-line code and loops, rewrite it"
          + " iteratively"),
  NO_DERIVATIVE_RULE(
      "TL108",
      "call to %s: its %s %s, but Tapeless has no derivative for this method (it is neither"
          + " @Differentiable nor has a @CustomDerivative); if the method is yours, mark it"
          + " @Differentiable; if it is a library method (e.g. Erf.erfc), call it from a static"
          + " method of yours annotated @CustomDerivative(\"itsPullback\") with the pullback"
          + " written next to it (example under TL108 in docs/diagnostics.md); or keep"
          + " differentiated values out of it (@NoDerivative on the parameter they come from)"),
  INSTANCE_FIELD_READ(
      "TL109",
      "this instance field is not an input: a @Differentiable instance method reads the"
          + " number, numeric-array and record fields of its own object (this.x); pass other"
          + " values as parameters"),
  OBJECT_USE("TL119", "%s is not supported in a @Differentiable method; %s"),
  OBJECT_FIELD(
      "TL123",
      "the field %s holds an object (%s), which an instance method calls only as a"
          + " @NoDerivative input, never differentiated: %s"),
  LIST_USE("TL120", "%s is not supported: a List parameter is read-only data; %s"),
  UNSUPPORTED_STATEMENT("TL110", "%s is not supported in a @Differentiable method; %s"),
  UNSUPPORTED_EXPRESSION("TL111", "%s is not supported in a @Differentiable method; %s"),
  UNSUPPORTED_TYPE(
      "TL112",
      "type %s is not supported yet; use double or float for real values, int/long/boolean"
          + " otherwise"),
  NESTED_ASSIGNMENT(
      "TL113",
      "this assignment inside an expression is not supported (only ++ and -- of an int or long"
          + " variable that the expression reads nowhere else, and not in a branch of ?: or on"
          + " the right of && or ||); make it a separate statement"),
  CALLEE_DOES_NOT_DIFFERENTIATE(
      "TL114",
      "argument for parameter '%s' of %s depends on a differentiated value, but %s does not"
          + " differentiate '%s' (wrt/@NoDerivative); differentiate it there or pass a constant"),
  INACCESSIBLE_MEMBER(
      "TL115",
      "%s is %s, so the generated gradient class cannot use it; make it %s"),
  PARAMETER_ARRAY_WRITE(
      "TL117",
      "this writes to parameter array '%s', which is not marked @Out; mark it @Out if it is an"
          + " output, or copy it into a local array (new double[...]) and change that"),
  ARRAY_VARIABLE_REASSIGNED(
      "TL118",
      "array variable '%s' is assigned here; array variables must be declared once with"
          + " new double[...] and then changed element by element"),
  CHECKPOINT_PLACEMENT(
      "TL126",
      "@Checkpoint %s; put it on the index of a counted loop that is not inside another loop:"
          + " for (@Checkpoint int i = a; i < b; i++) (or <=, >, >=, i--), whose body assigns"
          + " neither i nor what the bounds read and never breaks or returns"),
  CHECKPOINT_BODY(
      "TL127",
      "%s inside a @Checkpoint loop is not supported: %s; %s"),
  HELPER_HAS_ERRORS(
      "TL121",
      "%s is differentiated as if it were @Differentiable, because %s passes it a"
          + " differentiated value (calls %s); its body has an error, reported there: change what"
          + " that error says, or keep differentiated values out of this call (@NoDerivative on"
          + " the parameter they come from)"),
  HELPER_NOT_DIFFERENTIABLE(
      "TL122",
      "%s is differentiated as if it were @Differentiable, because %s passes it a"
          + " differentiated value (calls %s), but %s; %s"),

  UNCALLABLE_HELPER(
      "TL124",
      "%s is %s, so the generated gradient class cannot call it and copies its body in"
          + " instead, which it cannot do for this call: %s; %s"),

  // Environment and internal failures.
  NO_TREE_API(
      "TL901",
      "Tapeless needs javac's Compiler Tree API (module jdk.compiler) to read method bodies, and"
          + " this compiler does not provide it (%s); compile with javac (JDK 17 or newer)"),
  INTERNAL_ERROR(
      "TL902",
      "internal error in the Tapeless processor while differentiating %s: %s; please report it"
          + " with this method's source"),
  GRAPH_NOT_WRITTEN(
      "TL903",
      "could not write the graph of %s to %s (%s); the compilation goes on without it: give"
          + " -Atapeless.graphs a directory that can be created and written");

  private final String code;
  private final String template;

  Diagnostic(String code, String template) {
    this.code = code;
    this.template = template;
  }

  public String code() {
    return code;
  }

  /** The full message: "[code] text", with the template's arguments filled in. */
  public String format(Object... args) {
    return "[" + code + "] " + String.format(template, args);
  }
}

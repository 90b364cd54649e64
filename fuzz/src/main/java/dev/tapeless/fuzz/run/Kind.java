package dev.tapeless.fuzz.run;

/**
 * What went wrong with one method. The first group are failures of the processor (or of the
 * code it generates), the second problems of the fuzzer itself (its generator or its twin),
 * counted separately so that they are fixed rather than mistaken for processor bugs.
 */
public enum Kind {
  PROCESSOR_CRASH("processor internal error (TL902) or crash", true),
  REJECTED("TL0xx/TL1xx error on a program the generator believes supported", true),
  GENERATED_CODE_DOES_NOT_COMPILE("javac error in the code Tapeless generated", true),
  FRAME_MISSING("no gradient frame was generated", true),
  FRAME_EXCEPTION("exception thrown by the gradient frame", true),
  WRONG_VALUE("valueAndGradient returns a value other than the method's", true),
  WRONG_OUTPUTS("@Out arrays after a frame call differ from the method's outputs", true),
  INPUT_MODIFIED("a frame call changed an input array", true),
  WRONG_OBJECT_CALLS("a frame call drew from a @NoDerivative object more or less often than"
      + " the plain method", true),
  WRONG_GRADIENT("gradient differs from the forward-mode twin", true),
  NAN_GRADIENT("NaN or infinite gradient where the twin's is finite", true),
  WRONG_ACCUMULATE("accumulate does not add the gradient", true),
  WRONG_ZERO("zero() leaves adjoints non-zero", true),
  WRONG_PULLBACK("pullback differs from seed times the twin's Jacobian", true),
  WRONG_JACOBIAN("jacobian row differs from the twin's", true),
  WRONG_JVP("jvp differs from the twin's derivative along the tangent", true),
  WRONG_HVP("hvp or hessian differs from the twin's Hessian (or throws, or a wrong value)",
      true),
  WRONG_CHECKPOINTED_GRADIENT("a method with @Checkpoint: value, gradient or pullback not"
      + " bit-identical to the same class compiled without the annotation (within 1e-12"
      + " through a checkpointed callee)", true),
  STALE_STATE("wrong at a second point on a reused frame, right on a fresh one", true),
  FRAME_TIMEOUT("a frame call did not return within the time limit", true),
  FLOAT_REJECTED("float version: TLxxx error or processor crash, the double version compiles",
      true),
  FLOAT_GENERATED_CODE_DOES_NOT_COMPILE("float version: javac error in the code Tapeless"
      + " generated, the double version compiles", true),
  FLOAT_FRAME_EXCEPTION("exception thrown by the float gradient frame", true),
  WRONG_FLOAT_GRADIENT("float frame's value, gradient, accumulate, pullback or jacobian differs"
      + " from the double program's beyond float precision", true),
  WRONG_FLOAT_JVP("float jvp differs from the double program's derivative along the tangent",
      true),
  WRONG_FLOAT_HVP("float hvp or hessian differs from the double program's Hessian", true),

  PLAIN_DOES_NOT_COMPILE("generator bug: javac rejects the generated method", false),
  PLAIN_EXCEPTION("generator bug: the generated method throws", false),
  PLAIN_TIMEOUT("generator bug: the generated method (or its twin) does not terminate", false),
  TWIN_DOES_NOT_COMPILE("fuzzer bug: the twin does not compile", false),
  TWIN_EXCEPTION("fuzzer bug: the twin throws where the method does not", false),
  TWIN_MISMATCH("fuzzer bug: the twin's value differs from the method's", false),
  FLOAT_PLAIN_DOES_NOT_COMPILE("fuzzer bug: javac rejects the float printing of a method",
      false);

  private final String description;
  private final boolean processor;

  Kind(String description, boolean processor) {
    this.description = description;
    this.processor = processor;
  }

  public String description() {
    return description;
  }

  /** Whether this failure is about a method's float version (reproduced as a float program). */
  public boolean isFloat() {
    return name().contains("FLOAT");
  }

  /** Whether this is a failure of Tapeless rather than of the fuzzer. */
  public boolean isProcessorFailure() {
    return processor;
  }
}

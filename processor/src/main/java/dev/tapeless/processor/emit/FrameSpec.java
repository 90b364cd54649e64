package dev.tapeless.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.tapeless.processor.frontend.DifferentiableSignature;
import java.util.List;

/**
 * Everything the writer needs for one frame class.
 *
 * @param accumulateBody the body of {@code accumulate}, from reverse mode
 * @param calleeFrames fields holding the frames of called differentiable methods
 */
public record FrameSpec(
    DifferentiableSignature signature,
    CodeBlock accumulateBody,
    List<CalleeFrameField> calleeFrames) {

  /** A field {@code private final T name = new T();}. */
  public record CalleeFrameField(String name, com.palantir.javapoet.ClassName type) {}
}

package dev.tapeless.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.tapeless.processor.frontend.DifferentiableSignature;
import java.util.List;

/**
 * Everything the writer needs for one frame class.
 *
 * @param backpropagateBody the body of {@code backpropagate}, from reverse mode
 * @param fields private fields the body uses: buffers, callee frames, save buffers
 * @param resultSeed name of the parameter seeding the result's adjoint, or null for void
 * @param outputSeeds names of the parameters seeding the {@code @Out} arrays' adjoints
 */
public record FrameSpec(
    DifferentiableSignature signature,
    CodeBlock backpropagateBody,
    List<Field> fields,
    String resultSeed,
    List<String> outputSeeds) {

  /** A private field of the frame; final when it has an initializer. */
  public record Field(String name, TypeName type, CodeBlock initializer) {}
}

package dev.tapeless.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.tapeless.processor.ir.Stmt;

/**
 * Java a phase still writes itself (forward mode's tangents, from {@code TangentStatements}),
 * placed in IR among statements the printer writes, so that one pass prints the whole sweep.
 */
public record Verbatim(CodeBlock code) implements Stmt.Foreign {}

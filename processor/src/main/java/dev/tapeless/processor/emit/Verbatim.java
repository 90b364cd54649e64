package dev.tapeless.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.tapeless.processor.ir.Stmt;

/**
 * Java a phase still writes itself (call reversal, checkpointed loops), placed in IR among
 * statements the printer writes, so that one pass prints the whole backward sweep.
 */
public record Verbatim(CodeBlock code) implements Stmt.Foreign {}

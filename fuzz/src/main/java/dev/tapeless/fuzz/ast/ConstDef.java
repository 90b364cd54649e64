package dev.tapeless.fuzz.ast;

/** A {@code static final double} of the generated class (private ones are inlined by Tapeless). */
public record ConstDef(String name, double value, boolean isPrivate) {}

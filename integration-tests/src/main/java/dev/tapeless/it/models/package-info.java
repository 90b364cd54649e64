/**
 * Models as objects: {@code @Differentiable} instance methods whose object's fields (numbers,
 * arrays, records of them) are inputs next to the declared parameters. A class with a record
 * field and a field excluded by {@code @NoDerivative}, a record with an instance method, a
 * float model; trained through the frame's {@code parameters}.
 */
package dev.tapeless.it.models;

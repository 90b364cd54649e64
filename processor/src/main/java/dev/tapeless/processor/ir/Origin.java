package dev.tapeless.processor.ir;

import java.util.List;

/**
 * Where a statement or call came from in the user's source, as plain values: phases read its
 * text (the comments in generated code quote it) and compare origins, and never need javac, so
 * they can be tested on IR built by hand. Errors on an origin find their javac tree again through
 * the front end's table ({@code frontend.OriginTrees}).
 *
 * @param text the code on one line: javac's rendering of an expression or a simple statement,
 *     the header of an {@code if} or a loop
 * @param file the source file's name; empty for a hand-built origin
 * @param start the offset of the first character in the file, or -1 when unknown
 * @param end the offset after the last character, or -1 when unknown
 * @param line the line of {@code start}, from 1, or -1 when unknown
 * @param arguments for a method call, its arguments' origins (for errors on one argument);
 *     otherwise empty
 */
public record Origin(String text, String file, long start, long end, long line,
    List<Origin> arguments) {

  public Origin {
    arguments = List.copyOf(arguments);
  }

  /** An origin with only its text, for IR built without a source file (tests, mostly). */
  public static Origin of(String text) {
    return new Origin(text, "", -1, -1, -1, List.of());
  }

  /** A call's origin with only texts: its own and its arguments'. */
  public static Origin call(String text, String... arguments) {
    return new Origin(text, "", -1, -1, -1,
        java.util.Arrays.stream(arguments).map(Origin::of).toList());
  }

  /** The origin of argument {@code i} of this call, or this origin when there is none. */
  public Origin argument(int i) {
    return i >= 0 && i < arguments.size() ? arguments.get(i) : this;
  }
}

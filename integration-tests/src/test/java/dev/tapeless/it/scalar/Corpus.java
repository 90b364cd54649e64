package dev.tapeless.it.scalar;

import java.util.List;
import java.util.stream.Stream;

/** Every case of every theme: the {@code @MethodSource} of the parameterized tests. */
final class Corpus {
  private Corpus() {}

  /** The corpus classes; every public static method in them is {@code @Differentiable}. */
  static final List<Class<?>> CLASSES =
      List.of(
          Arithmetic.class,
          Transcendental.class,
          Branches.class,
          Calls.class,
          Sharing.class,
          Mixed.class);

  static Stream<Case<?>> cases() {
    return Stream.of(
            ArithmeticCases.cases(),
            TranscendentalCases.cases(),
            BranchesCases.cases(),
            CallsCases.cases(),
            SharingCases.cases(),
            MixedCases.cases())
        .flatMap(List::stream);
  }
}

package dev.tapeless.it.arrays;

import java.util.List;
import java.util.stream.Stream;

/** Every case of every theme: the {@code @MethodSource} of the parameterized tests. */
final class ArrayCorpus {
  private ArrayCorpus() {}

  /** The corpus classes; every public static method in them is {@code @Differentiable}. */
  static final List<Class<?>> CLASSES =
      List.of(
          Reductions.class,
          Matrices.class,
          Triangular.class,
          Recurrences.class,
          ControlFlow.class,
          ArrayCalls.class,
          Kernels.class,
          Indexing.class,
          Outputs.class,
          Hazards.class,
          Regressions.class,
          RegressionCalls.class,
          FuzzFindings.class,
          RowVariables.class,
          RowLoops.class,
          FreshArrays.class,
          SmallArrays.class);

  static Stream<ArrayCase<?>> cases() {
    return Stream.of(
            ReductionsCases.cases(),
            MatricesCases.cases(),
            TriangularCases.cases(),
            RecurrencesCases.cases(),
            ControlFlowCases.cases(),
            ArrayCallsCases.cases(),
            KernelsCases.cases(),
            IndexingCases.cases(),
            OutputsCases.cases(),
            HazardsCases.cases(),
            RegressionsCases.cases(),
            RegressionCallsCases.cases(),
            FuzzFindingsCases.cases(),
            RowVariablesCases.cases(),
            RowLoopsCases.cases(),
            FreshArraysCases.cases(),
            SmallArraysCases.cases())
        .flatMap(List::stream);
  }

  /** The cases of methods that return a double: valueAndGradient and accumulate. */
  static Stream<ArrayCase<?>> scalarCases() {
    return cases().filter(ArrayCase::returnsDouble);
  }

  /** The cases of methods with {@code @Out} parameters: pullback and jacobian. */
  static Stream<ArrayCase<?>> outputCases() {
    return cases().filter(ArrayCase::hasOutputs);
  }

  static Stream<ArrayCase<?>> scalarTwinCases() {
    return cases().filter(ArrayCase::hasScalarTwin);
  }

  static Stream<ArrayCase<?>> outputTwinCases() {
    return cases().filter(ArrayCase::hasOutTwin);
  }
}

package dev.tapeless.samples;

import dev.tapeless.samples.seed.ChainRuleCase1;
import dev.tapeless.samples.seed.ChainRuleCase2;
import dev.tapeless.samples.seed.ComputationalGraph;
import dev.tapeless.samples.seed.ParameterSharing;
import dev.tapeless.samples.seed.SigmoidNeuron;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs every seed example in the order the ideas build on each other, one heading each, so that
 * {@code mvn -Pdemo verify} shows the whole tour of the ideas Tapeless implements.
 */
public final class SeedExamples {
  private SeedExamples() {}

  /** A heading and the example printed under it. */
  private record Example(String heading, Consumer<PrintStream> body) {}

  private static final List<Example> EXAMPLES = List.of(
      new Example("A computational graph: e = (a + b)(b + 1)", ComputationalGraph::run),
      new Example("Chain rule, case 1: y = f(g(h(x)))", ChainRuleCase1::run),
      new Example("Chain rule, case 2: z = k(g(s), h(s))", ChainRuleCase2::run),
      new Example("Parameter sharing: y = x·e^(x²)", ParameterSharing::run),
      new Example("A sigmoid neuron with cross-entropy loss", SigmoidNeuron::run));

  /** Prints all examples to {@code out}. */
  public static void run(PrintStream out) {
    for (int i = 0; i < EXAMPLES.size(); i++) {
      Example example = EXAMPLES.get(i);
      if (i > 0) {
        out.println();
      }
      out.println("== " + (i + 1) + ". " + example.heading() + " ==");
      example.body().accept(out);
    }
  }

  /** Runs all seed examples. */
  public static void main(String[] args) {
    run(System.out);
  }
}

package dev.tapeless.processor.ir;

import java.util.List;
import java.util.Set;

/**
 * A lowered method: parameters, body, and the variable holding the returned value.
 *
 * @param usedNames every name the generated method already uses, for choosing fresh ones
 */
public record IrMethod(
    String name, List<Var> parameters, Stmt.Block body, Var result, Set<String> usedNames) {
  public IrMethod {
    parameters = List.copyOf(parameters);
  }
}

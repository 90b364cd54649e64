package dev.tapeless.fuzz.gen;

import dev.tapeless.fuzz.ast.ConstDef;
import dev.tapeless.fuzz.ast.MethodDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a method being generated may use from its class: constants, helpers, earlier methods. */
final class ClassInfo {
  final List<ConstDef> constants = new ArrayList<>();
  final List<MethodDef> helpers = new ArrayList<>();
  final List<MethodDef> callees = new ArrayList<>();
  /** A rough count of operations one call of each method runs, to keep callers' loops cheap. */
  final Map<String, Integer> cost = new HashMap<>();
}

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
  /**
   * The record types earlier methods declared, in order: a later method may take one too (a
   * copy of its components), so that it can pass its record whole to them.
   */
  final List<RecordType> recordTypes = new ArrayList<>();
  /** The fields of a model class ({@link ModelGen}), or null. */
  ModelGen.Template model;
  /** Record types named so far ({@code R0}, {@code R1}, ...). */
  int recordCount;
  /** The record types some earlier method takes as a parameter (not only nested). */
  final java.util.Set<String> recordParamTypes = new java.util.LinkedHashSet<>();

  /**
   * A record type as a method declared it: its components (parameters whose members start at
   * the record, named for it) and the length symbols they use in that method.
   */
  record RecordType(String name, List<dev.tapeless.fuzz.ast.Param> leaves,
      List<dev.tapeless.fuzz.ast.DimSym> syms) {
    dev.tapeless.fuzz.ast.DimSym sym(int id) {
      for (dev.tapeless.fuzz.ast.DimSym d : syms) {
        if (d.id() == id) {
          return d;
        }
      }
      throw new IllegalArgumentException(name + " has no symbol " + id);
    }
  }

  boolean hasRecordType(String name) {
    return recordTypes.stream().anyMatch(t -> t.name().equals(name));
  }
}

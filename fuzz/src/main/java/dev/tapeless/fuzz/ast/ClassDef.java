package dev.tapeless.fuzz.ast;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A generated class: constants, then methods, each calling only earlier ones. */
public record ClassDef(String pkg, String name, List<ConstDef> constants,
    List<MethodDef> methods) {
  public ClassDef {
    constants = List.copyOf(constants);
    methods = List.copyOf(methods);
  }

  public String qualifiedName() {
    return pkg.isEmpty() ? name : pkg + "." + name;
  }

  public MethodDef method(String methodName) {
    for (MethodDef m : methods) {
      if (m.name().equals(methodName)) {
        return m;
      }
    }
    throw new IllegalArgumentException(name + " has no method " + methodName);
  }

  public boolean hasMethod(String methodName) {
    return methods.stream().anyMatch(m -> m.name().equals(methodName));
  }

  public List<MethodDef> differentiableMethods() {
    return methods.stream().filter(MethodDef::differentiable).toList();
  }

  /** The methods {@code root} needs (itself, its callees, theirs...), in class order. */
  public Set<String> closure(String root) {
    Set<String> needed = new LinkedHashSet<>();
    List<String> todo = new ArrayList<>(List.of(root));
    while (!todo.isEmpty()) {
      String n = todo.remove(todo.size() - 1);
      if (hasMethod(n) && needed.add(n)) {
        todo.addAll(method(n).callees());
        todo.addAll(Calls.helpersOf(method(n).body()));
      }
    }
    return needed;
  }

  /** This class with only the named methods, in their original order. */
  public ClassDef keep(Set<String> names) {
    List<MethodDef> kept = methods.stream().filter(m -> names.contains(m.name())).toList();
    return new ClassDef(pkg, name, constants, kept);
  }

  /** Methods that call {@code target}, directly or through others. */
  public Set<String> callersOf(Set<String> targets) {
    Set<String> result = new LinkedHashSet<>(targets);
    boolean grew = true;
    while (grew) {
      grew = false;
      for (MethodDef m : methods) {
        if (!result.contains(m.name())) {
          Set<String> uses = new LinkedHashSet<>(m.callees());
          uses.addAll(Calls.helpersOf(m.body()));
          for (String u : uses) {
            if (result.contains(u)) {
              result.add(m.name());
              grew = true;
              break;
            }
          }
        }
      }
    }
    result.removeAll(targets);
    return result;
  }

  public ClassDef withMethods(List<MethodDef> newMethods) {
    return new ClassDef(pkg, name, constants, newMethods);
  }

  public ClassDef renamed(String newPkg, String newName) {
    return new ClassDef(newPkg, newName, constants, methods);
  }
}

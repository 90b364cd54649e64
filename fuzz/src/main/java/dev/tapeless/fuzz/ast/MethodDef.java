package dev.tapeless.fuzz.ast;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One static method of a generated class: a {@code @Differentiable} one, or a plain helper
 * without a derivative.
 *
 * @param wrt the {@code @Differentiable(wrt = ...)} names, or null for the default
 * @param dims the length symbols its array and int parameters use
 */
public record MethodDef(String name, List<Param> params, Ty result, List<String> wrt,
    List<DimSym> dims, List<Stmt> body, boolean differentiable) {
  public MethodDef {
    params = List.copyOf(params);
    wrt = wrt == null ? null : List.copyOf(wrt);
    dims = List.copyOf(dims);
    body = List.copyOf(body);
  }

  /** Whether Tapeless differentiates this parameter (has a {@code d<name>} field for it). */
  public boolean differentiated(Param p) {
    if (!differentiable || p.out()) {
      return false;
    }
    if (wrt != null) {
      return wrt.contains(p.name());
    }
    return !p.noDerivative()
        && (p.type() == Ty.DOUBLE || p.type() == Ty.DARR || p.type() == Ty.DMAT);
  }

  public List<Param> differentiatedParams() {
    List<Param> result = new ArrayList<>();
    for (Param p : params) {
      if (differentiated(p)) {
        result.add(p);
      }
    }
    return result;
  }

  public List<Param> outParams() {
    return params.stream().filter(Param::out).toList();
  }

  public boolean hasOut() {
    return params.stream().anyMatch(Param::out);
  }

  public DimSym dim(int id) {
    for (DimSym d : dims) {
      if (d.id() == id) {
        return d;
      }
    }
    throw new IllegalArgumentException(name + " has no dim " + id);
  }

  public MethodDef withBody(List<Stmt> newBody) {
    return new MethodDef(name, params, result, wrt, dims, newBody, differentiable);
  }

  public MethodDef withParams(List<Param> newParams, List<String> newWrt) {
    return new MethodDef(name, newParams, result, newWrt, dims, body, differentiable);
  }

  /** The frame class name Tapeless gives this method: UpperCamelCase. */
  public String frameName() {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** Names of the generated methods this one calls. */
  public Set<String> callees() {
    return Calls.calleesOf(body);
  }
}

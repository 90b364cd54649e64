package dev.tapeless.processor.secondorder;

import dev.tapeless.processor.frontend.NameTable;
import dev.tapeless.processor.ir.BinaryOp;
import dev.tapeless.processor.ir.Callee;
import dev.tapeless.processor.ir.Expr;
import dev.tapeless.processor.ir.Origin;
import dev.tapeless.processor.ir.Stmt;
import dev.tapeless.processor.ir.Type;
import dev.tapeless.processor.ir.UnaryOp;
import dev.tapeless.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a rule template ({@code "$g * Math.cos($0)"}) as IR in three-address form, so that
 * code built from rules can itself be differentiated: each operation goes to a temporary, a
 * comparison to a boolean temporary, and {@code c ? a : b} to an {@code if} assigning one.
 *
 * <p>The grammar is what rule templates use: numbers, placeholders, {@code Math.f(...)} calls,
 * unary minus, {@code + - * /}, comparisons, {@code ||} and the conditional, with parentheses.
 */
final class TemplateIr {
  private final NameTable names;
  private final Origin origin;
  private final Function<String, Expr> bindings;
  private String text;
  private int at;
  private List<Stmt> out;

  private TemplateIr(NameTable names, Origin origin, Function<String, Expr> bindings) {
    this.names = names;
    this.origin = origin;
    this.bindings = bindings;
  }

  /**
   * Appends to {@code out} the statements computing {@code template} and returns the atom
   * holding its value. {@code bindings} maps a placeholder's name ({@code "g"}, {@code "r"},
   * {@code "0"}...) to an atom; operands of other types than double are converted first.
   */
  static Expr lower(String template, Function<String, Expr> bindings, NameTable names,
      Origin origin, List<Stmt> out) {
    TemplateIr t = new TemplateIr(names, origin, bindings);
    t.text = template;
    t.at = 0;
    t.out = out;
    Expr value = t.conditional();
    t.skipSpaces();
    if (t.at != template.length()) {
      throw new IllegalArgumentException("unexpected '" + template.substring(t.at)
          + "' in rule template " + template);
    }
    return value;
  }

  private Expr conditional() {
    Expr condition = disjunction();
    if (!accept("?")) {
      return condition;
    }
    Var result = temp(Type.DOUBLE);
    List<Stmt> outer = out;
    List<Stmt> whenTrue = new ArrayList<>();
    out = whenTrue;
    whenTrue.add(new Stmt.Assign(result, conditional(), origin));
    expect(":");
    List<Stmt> whenFalse = new ArrayList<>();
    out = whenFalse;
    whenFalse.add(new Stmt.Assign(result, conditional(), origin));
    out = outer;
    out.add(new Stmt.If(condition, new Stmt.Block(whenTrue), new Stmt.Block(whenFalse), origin));
    return new Expr.Ref(result);
  }

  private Expr disjunction() {
    Expr left = comparison();
    while (accept("||")) {
      left = assign(new Expr.Binary(BinaryOp.OR, left, comparison(), Type.BOOLEAN));
    }
    return left;
  }

  private Expr comparison() {
    Expr left = additive();
    for (BinaryOp op : new BinaryOp[] {BinaryOp.EQ, BinaryOp.NE, BinaryOp.GE, BinaryOp.LE,
        BinaryOp.GT, BinaryOp.LT}) {
      if (accept(op.symbol())) {
        return assign(new Expr.Binary(op, left, additive(), Type.BOOLEAN));
      }
    }
    return left;
  }

  private Expr additive() {
    Expr left = multiplicative();
    while (true) {
      if (accept("+")) {
        left = assign(new Expr.Binary(BinaryOp.ADD, left, multiplicative(), Type.DOUBLE));
      } else if (accept("-")) {
        left = assign(new Expr.Binary(BinaryOp.SUB, left, multiplicative(), Type.DOUBLE));
      } else {
        return left;
      }
    }
  }

  private Expr multiplicative() {
    Expr left = unary();
    while (true) {
      if (accept("*")) {
        left = assign(new Expr.Binary(BinaryOp.MUL, left, unary(), Type.DOUBLE));
      } else if (accept("/")) {
        left = assign(new Expr.Binary(BinaryOp.DIV, left, unary(), Type.DOUBLE));
      } else {
        return left;
      }
    }
  }

  private Expr unary() {
    if (accept("-")) {
      return assign(new Expr.Unary(UnaryOp.NEG, unary(), Type.DOUBLE));
    }
    return primary();
  }

  private Expr primary() {
    skipSpaces();
    if (accept("(")) {
      Expr inner = conditional();
      expect(")");
      return inner;
    }
    char c = text.charAt(at);
    if (c == '$') {
      int start = ++at;
      if (Character.isDigit(text.charAt(at))) {
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
          at++;
        }
      } else {
        at++;
      }
      return asDouble(bindings.apply(text.substring(start, at)));
    }
    if (Character.isDigit(c)) {
      int start = at;
      while (at < text.length() && (Character.isDigit(text.charAt(at))
          || text.charAt(at) == '.' || text.charAt(at) == 'E' || text.charAt(at) == 'e'
          || ((text.charAt(at) == '-' || text.charAt(at) == '+')
              && (text.charAt(at - 1) == 'E' || text.charAt(at - 1) == 'e')))) {
        at++;
      }
      return new Expr.Const(text.substring(start, at), Type.DOUBLE);
    }
    if (text.startsWith("Math.", at)) {
      at += "Math.".length();
      int start = at;
      while (Character.isLetterOrDigit(text.charAt(at))) {
        at++;
      }
      String name = text.substring(start, at);
      expect("(");
      List<Expr> args = new ArrayList<>();
      if (!accept(")")) {
        do {
          args.add(conditional());
        } while (accept(","));
        expect(")");
      }
      return assign(new Expr.Call(new Callee.MathFunction("java.lang/Math", name), args,
          Type.DOUBLE, origin));
    }
    throw new IllegalArgumentException("unexpected '" + text.substring(at)
        + "' in rule template " + text);
  }

  /** An {@code int} or {@code long} operand is converted once, so no product overflows. */
  private Expr asDouble(Expr atom) {
    if (atom.type().equals(Type.DOUBLE)) {
      return atom;
    }
    return assign(new Expr.Cast(Type.DOUBLE, atom));
  }

  private Expr assign(Expr value) {
    // the partial is the template with $g = 1: fold the ones that binding leaves
    if (value instanceof Expr.Binary b && b.op() == BinaryOp.MUL && isOne(b.left())) {
      return b.right();
    } else if (value instanceof Expr.Binary b && b.op() == BinaryOp.MUL && isOne(b.right())) {
      return b.left();
    } else if (value instanceof Expr.Unary u && u.operand() instanceof Expr.Const c
        && c.type().equals(Type.DOUBLE) && !c.literal().startsWith("-")) {
      return new Expr.Const("-" + c.literal(), Type.DOUBLE);
    }
    Var t = temp(value.type());
    out.add(new Stmt.Assign(t, value, origin));
    return new Expr.Ref(t);
  }

  private static boolean isOne(Expr e) {
    return e instanceof Expr.Const c && c.type().equals(Type.DOUBLE)
        && (c.literal().equals("1.0") || c.literal().equals("1"));
  }

  private Var temp(Type type) {
    return new Var(names.numbered("u"), type, Var.Role.TEMP);
  }

  private boolean accept(String token) {
    skipSpaces();
    if (text.startsWith(token, at)) {
      // ">=" is not ">" followed by "="; "-" in "-$g" is unary, which the caller decides
      if ((token.equals(">") || token.equals("<")) && text.startsWith("=", at + 1)) {
        return false;
      }
      at += token.length();
      return true;
    }
    return false;
  }

  private void expect(String token) {
    if (!accept(token)) {
      throw new IllegalArgumentException("expected '" + token + "' at " + at
          + " in rule template " + text);
    }
  }

  private void skipSpaces() {
    while (at < text.length() && text.charAt(at) == ' ') {
      at++;
    }
  }
}

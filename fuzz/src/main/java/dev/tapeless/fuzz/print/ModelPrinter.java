package dev.tapeless.fuzz.print;

import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.Expr;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Models;
import dev.tapeless.fuzz.ast.Records;
import dev.tapeless.fuzz.ast.Ty;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The parts of a model class the printers of the plain program (double and float) write
 * alike ({@link Models}): its fields and constructor, and how a call of an instance method is
 * spelled.
 */
final class ModelPrinter {
  private ModelPrinter() {}

  /**
   * The class's constructor and fields: without instance methods the private constructor of
   * before; else the fields in the receiver's order ({@code @NoDerivative} where they are,
   * package-private: the frame reads them), a non-input {@code String} field, and a
   * constructor taking the input fields in order.
   */
  static void members(Src src, ClassDef c, String className, Function<Ty, String> type) {
    List<Records.Slot> fields = Models.fields(c);
    if (fields.isEmpty()) {
      src.line("private " + className + "() {}");
      return;
    }
    List<String> params = new ArrayList<>();
    for (Records.Slot s : fields) {
      String t = s instanceof Records.Leaf l ? type.apply(l.param().type())
          : ((Records.Node) s).type();
      String name = Models.fieldName(s);
      src.line((Models.noDerivative(s) ? "@NoDerivative " : "") + t + " " + name + ";");
      params.add(t + " " + name);
    }
    src.line("final String " + Models.LABEL + ";");
    src.open("public " + className + "(" + String.join(", ", params) + ") {");
    for (Records.Slot s : fields) {
      src.line("this." + Models.fieldName(s) + " = " + Models.fieldName(s) + ";");
    }
    src.line("this." + Models.LABEL + " = \"" + className + "\";");
    src.close("}");
  }

  /** {@code static} for a static method, nothing for an instance method. */
  static String modifier(MethodDef m) {
    return Models.hasReceiver(m) ? "" : "static ";
  }

  /** A call's method as printed in {@code caller}: {@code m3} or, sometimes, {@code this.m3}. */
  static String callee(ClassDef cls, MethodDef caller, Expr.Call c) {
    if (cls == null || caller == null || !cls.hasMethod(c.name())
        || !Models.hasReceiver(cls.method(c.name()))) {
      return c.name();
    }
    return Models.qualified(caller.name(), c.name()) ? "this." + c.name() : c.name();
  }
}

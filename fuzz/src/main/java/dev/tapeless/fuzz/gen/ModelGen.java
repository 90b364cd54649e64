package dev.tapeless.fuzz.gen;

import dev.tapeless.fuzz.Features;
import dev.tapeless.fuzz.ast.DimSym;
import dev.tapeless.fuzz.ast.Member;
import dev.tapeless.fuzz.ast.Models;
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Ty;
import java.util.ArrayList;
import java.util.List;

/**
 * Model classes ({@link Models}): which classes have fields, what the fields are, and which
 * methods are instance methods reading them. Draws from a stream of its own, so that with
 * {@code models} off, and in a class that is not a model, the programs are those of before.
 */
final class ModelGen {
  /** The share of classes that are models. */
  static final double MODEL_CHANCE = 0.3;
  /** The share of a model class's methods that are instance methods. */
  static final double INSTANCE_CHANCE = 0.55;
  /** The share of model classes with a {@code @NoDerivative} random source field. */
  static final double OBJECT_FIELD_CHANCE = 0.35;
  /** The share of instance methods that start with a call of an earlier instance method. */
  static final double CALL_FIRST_CHANCE = 0.35;

  private static final String[] SCALARS = {"gain", "bias", "scale"};
  private static final String[] VECTORS = {"coef", "weights", "mask"};
  private static final String[] MATRICES = {"kernel", "mix"};
  private static final String[] RECORDS = {"layer", "head"};
  private static final String[] COMPONENTS = {"a", "w", "b"};

  /**
   * A model class's fields, as the first parameters of each of its instance methods: members
   * of the receiver, their lengths the symbols {@code syms} (ids from 0, which every instance
   * method takes as its first symbols).
   */
  record Template(List<Param> fields, List<DimSym> syms, Rand rm) {}

  /** The fields of a new model class, or null if the class is not one. */
  static Template template(Rand rm, Features f, ClassInfo cls) {
    if (!f.models || !rm.chance(MODEL_CHANCE)) {
      return null;
    }
    List<DimSym> syms = new ArrayList<>();
    int symCount = rm.between(1, 2);
    for (int k = 0; k < symCount; k++) {
      int min = rm.weighted(f.emptyArrays ? 0.5 : 0, 3, 3, 2);
      int max = Math.min(4, min + rm.between(0, 2));
      syms.add(new DimSym(k, min, Math.max(min, max)));
    }
    List<Param> fields = new ArrayList<>();
    List<String> used = new ArrayList<>();
    int count = rm.between(1, 4);
    for (int k = 0; k < count; k++) {
      int kind = rm.weighted(4, f.arrayParams ? 3 : 0, f.matrixParams ? 1.5 : 0,
          f.records ? 1.5 : 0);
      boolean constant = f.noDerivative && rm.chance(0.15);
      switch (kind) {
        case 0 -> fields.add(field(Ty.DOUBLE, name(rm, SCALARS, used), List.of(), constant));
        case 1 -> fields.add(field(Ty.DARR, name(rm, VECTORS, used),
            List.of(rm.pick(syms).id()), constant));
        case 2 -> fields.add(field(Ty.DMAT, name(rm, MATRICES, used),
            List.of(rm.pick(syms).id(), rm.pick(syms).id()), constant));
        default -> {
          String name = name(rm, RECORDS, used);
          String type = "R" + cls.recordCount++;
          int comps = rm.between(1, 3);
          for (int c = 0; c < comps; c++) {
            boolean array = f.arrayParams && rm.chance(0.5);
            String comp = COMPONENTS[c];
            Member mem = new Member(List.of(Models.RECEIVER, name, comp),
                List.of(Models.RECEIVER, type));
            fields.add(new Param(array ? Ty.DARR : Ty.DOUBLE,
                name + Character.toUpperCase(comp.charAt(0)), constant, false,
                array ? List.of(rm.pick(syms).id()) : List.of(), false, mem));
          }
        }
      }
    }
    if (f.objectParams && rm.chance(OBJECT_FIELD_CHANCE)) {
      // a @NoDerivative object field: its methods draw from it as from a parameter
      fields.add(field(rm.chance(0.5) ? Ty.RANDOM : Ty.SPLITTABLE, "noise", List.of(), true));
    }
    return new Template(fields, syms, rm);
  }

  private static Param field(Ty type, String name, List<Integer> dims, boolean constant) {
    return new Param(type, name, constant, false, dims, false,
        Member.of(Models.RECEIVER, Models.RECEIVER, name));
  }

  private static String name(Rand rm, String[] pool, List<String> used) {
    for (int attempt = 0; attempt < 6; attempt++) {
      String n = rm.pickOf(pool);
      if (!used.contains(n)) {
        used.add(n);
        return n;
      }
    }
    String n = pool[0] + used.size();
    used.add(n);
    return n;
  }

  /** Whether the method being generated in a model class is an instance method. */
  static boolean instance(ClassInfo cls) {
    return cls.model != null && cls.model.rm().chance(INSTANCE_CHANCE);
  }

  /** The instance method's parameters: the fields first, then its own. */
  static List<Param> withFields(Template t, List<Param> own) {
    List<Param> out = new ArrayList<>(t.fields());
    out.addAll(own);
    return out;
  }
}

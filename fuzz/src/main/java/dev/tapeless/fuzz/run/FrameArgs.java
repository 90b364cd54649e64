package dev.tapeless.fuzz.run;

import dev.tapeless.fuzz.ast.Member;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.ast.Models;
import dev.tapeless.fuzz.ast.Param;
import dev.tapeless.fuzz.ast.Records;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A method's arguments as its plain method and frame take them. The checks work on the flat
 * parameters (a {@link Point}'s arguments, the twin's variables, tangents over the flattened
 * differentiated inputs); a method with record parameters ({@link Records}) takes records built
 * from them, its {@code jvp} and {@code hvp} take tangent records, and its frame holds a record's
 * gradient in an adjoint twin ({@code frame.drec0.a}, {@code frame.drec0.in1.w}), read back here
 * in the flat order. Without records every method here is the identity.
 */
final class FrameArgs {
  private final MethodDef m;
  private final boolean records;
  private final Map<String, Constructor<?>> constructors = new HashMap<>();
  /** The parameter types of the plain method and of every frame method. */
  final Class<?>[] types;
  /** The types of {@code jvp}'s tangents and {@code hvp}'s directions, one per slot. */
  final Class<?>[] tangentTypes;

  /**
   * For {@code m} of the class {@code owner} (its double version, or its float one if
   * {@code floats}): the record types are {@code owner}'s nested records.
   */
  FrameArgs(MethodDef m, Class<?> owner, boolean floats) throws ClassNotFoundException {
    this.m = m;
    this.records = Records.hasRecords(m);
    List<Class<?>> t = new ArrayList<>();
    List<Class<?>> tangents = new ArrayList<>();
    for (Records.Slot s : Records.slots(m)) {
      Class<?> c;
      boolean differentiated;
      if (s instanceof Records.Leaf l) {
        c = floats ? FloatChecker.floatType(l.param().type())
            : MethodChecker.javaType(l.param().type());
        differentiated = m.differentiated(l.param());
      } else {
        Records.Node n = (Records.Node) s;
        for (Records.Node x : n.nodes()) {
          if (Models.isReceiver(x)) {
            // the object: the model class's one constructor, taking the input fields
            constructors.put(x.type(), owner.getConstructors()[0]);
          } else if (!constructors.containsKey(x.type())) {
            Class<?> rc = Class.forName(owner.getName() + "$" + x.type(), true,
                owner.getClassLoader());
            if (!rc.isRecord()) {
              constructors.put(x.type(), rc.getConstructors()[0]); // a value class's one
              continue;
            }
            Class<?>[] parts = java.util.Arrays.stream(rc.getRecordComponents())
                .map(RecordComponent::getType).toArray(Class<?>[]::new);
            try {
              constructors.put(x.type(), rc.getConstructor(parts));
            } catch (NoSuchMethodException e) {
              throw new ClassNotFoundException("no canonical constructor of " + rc, e);
            }
          }
        }
        c = constructors.get(n.type()).getDeclaringClass();
        differentiated = Records.differentiated(m, n);
      }
      t.add(c);
      if (differentiated) {
        tangents.add(c);
      }
    }
    this.types = t.toArray(new Class<?>[0]);
    this.tangentTypes = tangents.toArray(new Class<?>[0]);
  }

  boolean hasRecords() {
    return records;
  }

  /** The plain method: static, or for an instance method without the object (the first slot). */
  java.lang.reflect.Method plain(Class<?> owner) throws NoSuchMethodException {
    return owner.getMethod(m.name(), Models.hasReceiver(m)
        ? java.util.Arrays.copyOfRange(types, 1, types.length) : types);
  }

  /** Calls the plain method with the packed arguments: on the object if it is an instance one. */
  Object invokePlain(java.lang.reflect.Method plain, Object[] packed)
      throws InvocationTargetException, IllegalAccessException {
    if (!Models.hasReceiver(m)) {
      return plain.invoke(null, packed);
    }
    return plain.invoke(packed[0], java.util.Arrays.copyOfRange(packed, 1, packed.length));
  }

  /** The flat arguments (shared, not copied: arrays stay the caller's) as the method takes them. */
  Object[] pack(Object[] flat) {
    if (!records) {
      return flat;
    }
    return Records.pack(m, i -> flat[i], this::record).toArray();
  }

  /**
   * The tangents of a {@code jvp} or {@code hvp} call: {@code tangent[k]} for each differentiated
   * parameter {@code k} (a number, an array, or null for a zero array), the point's own values
   * {@code flat[k]} for a record's other components, and null for the record {@code nulled}.
   */
  List<Object> tangents(Object[] tangent, Object[] flat, Records.Node nulled) {
    if (!records) {
      List<Object> out = new ArrayList<>();
      for (int k = 0; k < tangent.length; k++) {
        if (m.differentiated(m.params().get(k))) {
          out.add(tangent[k]);
        }
      }
      return out;
    }
    return Records.packTangents(m, i -> tangent[i], i -> flat[i], n -> n.equals(nulled), null,
        this::record);
  }

  private Object record(Records.Node n, List<Object> members) {
    try {
      return constructors.get(n.type()).newInstance(members.toArray());
    } catch (InvocationTargetException | InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException("cannot make a " + n.type() + " of " + members, e);
    }
  }

  /**
   * The frame's gradient (its {@code d*} fields, records' adjoint twins read component by
   * component), flattened in the flat parameters' order.
   */
  double[] gradient(Object frame) throws ReflectiveOperationException {
    List<Double> values = new ArrayList<>();
    for (Param par : m.differentiatedParams()) {
      Object v = field(frame, par);
      for (double d : Point.flat(v)) {
        values.add(d);
      }
    }
    double[] result = new double[values.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = values.get(i);
    }
    return result;
  }

  /**
   * The frame's derivative with respect to {@code par}: {@code dx}, or {@code drec0.in1.x}, or
   * for a field {@code dcoef}, {@code dlayer.w}.
   */
  private static Object field(Object frame, Param par) throws ReflectiveOperationException {
    Member mem = par.member();
    boolean field = Models.isField(par);
    String root = mem == null ? par.name() : field ? mem.names().get(1) : mem.root();
    Object v = frame.getClass().getField("d" + root).get(frame);
    String path = "d" + root;
    if (mem != null) {
      for (int i = field ? 2 : 1; i < mem.names().size() && v != null; i++) {
        Field f = v.getClass().getField(mem.names().get(i));
        v = f.get(v);
        path += "." + mem.names().get(i);
      }
    }
    if (v == null) {
      throw new NoSuchFieldException(path + " is null");
    }
    return v;
  }
}

package dev.tapeless.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.CustomDerivative;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every registration in the kernel classes names a pullback and a pushforward whose signatures
 * follow the {@code @CustomDerivative} convention exactly, derived here from the primal's
 * parameters and their {@code @Out} / {@code @NoDerivative} marks, as the processor will derive
 * them. Every pushforward is itself registered, with a pullback of its own, so that second
 * order goes through the kernel; a kernel added without one fails here.
 *
 * <p>The float overloads follow the same convention with float in place of double (the result,
 * its seed, the arrays and the returned adjoint), except {@code dScalars}, which stays
 * {@code double[]}; each is registered exactly as its double overload.
 *
 * <p>The annotations have CLASS retention, invisible to reflection, so this test reads them from
 * the class files with a small parser of the class-file format (JVMS §4).
 */
class CustomDerivativeConventionTest {

  private static final String CUSTOM_DERIVATIVE = "Ldev/tapeless/CustomDerivative;";
  private static final String OUT = "Ldev/tapeless/Out;";
  private static final String NO_DERIVATIVE = "Ldev/tapeless/NoDerivative;";
  private static final Set<String> ALL_PUSHFORWARDS = Set.of(
      "dotPushforward", "matvecPushforward", "matvecTransposedPushforward", "axpyPushforward",
      "sumPushforward", "outerPushforward",
      "sigmoidPushforward", "tanhPushforward", "reluPushforward", "softplusPushforward",
      "sigmoidArrayPushforward", "tanhArrayPushforward", "reluArrayPushforward",
      "softplusArrayPushforward", "softmaxPushforward",
      "logSumExpPushforward", "softmaxCrossEntropyPushforward", "meanSquaredErrorPushforward",
      "erfPushforward", "erfcPushforward", "normalCdfPushforward",
      "gemmPushforward", "softmaxCrossEntropyMeanPushforward");

  @Test
  void linear() throws IOException {
    Set<String> registered = checkClass(Linear.class);
    assertEquals(
        Set.of("dot", "matvec", "matvecTransposed", "axpy", "sum", "outer"), registered);
  }

  @Test
  void activations() throws IOException {
    Set<String> registered = checkClass(Activations.class);
    assertEquals(Set.of("sigmoid", "tanh", "relu", "softplus", "softmax"), registered);
  }

  @Test
  void batched() throws IOException {
    Set<String> registered = checkClass(Batched.class);
    assertEquals(
        Set.of("gemm", "relu", "tanh", "sigmoid", "softmaxCrossEntropyMean"), registered);
  }

  @Test
  void special() throws IOException {
    Set<String> registered = checkClass(Special.class);
    assertEquals(Set.of("erf", "erfc", "normalCdf"), registered);
  }

  @Test
  void losses() throws IOException {
    Set<String> registered = checkClass(Losses.class);
    assertEquals(Set.of("logSumExp", "softmaxCrossEntropy", "meanSquaredError"), registered);
  }

  /**
   * The marks themselves: a pullback's parameter types alone cannot tell an {@code @Out} seed
   * from an input adjoint (both are {@code double[]}), so the marks are pinned here.
   */
  @Test
  void outputsAreMarkedOut() throws IOException {
    Map<String, MethodInfo> linear = read(Linear.class);
    assertOutAt(linear.get("matvec([[D[D[D)V"), 2);
    assertOutAt(linear.get("matvecTransposed([[D[D[D)V"), 2);
    assertOutAt(linear.get("axpy(D[D[D[D)V"), 3);
    assertOutAt(linear.get("outer([D[D[[D)V"), 2);
    Map<String, MethodInfo> activations = read(Activations.class);
    for (String name : List.of("sigmoid", "tanh", "relu", "softplus", "softmax")) {
      assertOutAt(activations.get(name + "([D[D)V"), 1);
    }
  }

  private static void assertOutAt(MethodInfo m, int index) {
    assertNotNull(m);
    for (int i = 0; i <= index; i++) {
      assertEquals(i == index, m.parameterAnnotation(i, OUT), m.name + " parameter " + i);
    }
  }

  @Test
  void meanSquaredErrorTargetIsNotDifferentiated() throws IOException {
    MethodInfo mse = read(Losses.class).get("meanSquaredError([D[D)D");
    assertEquals(List.of(Set.of(), Set.of(NO_DERIVATIVE)), mse.parameterAnnotations);
    MethodInfo floatMse = read(Losses.class).get("meanSquaredError([F[F)F");
    assertEquals(List.of(Set.of(), Set.of(NO_DERIVATIVE)), floatMse.parameterAnnotations);
  }

  /**
   * Each double registration (kernel or pushforward) has a float overload registered with the
   * same names, flags and parameter marks, and no float one is without its double overload.
   */
  @Test
  void floatOverloadsAreRegisteredAsTheirDoubleOnes() throws IOException {
    for (Class<?> c : List.of(Linear.class, Activations.class, Losses.class, Batched.class)) {
      Map<String, MethodInfo> methods = read(c);
      int doubles = 0;
      int floats = 0;
      for (MethodInfo info : methods.values()) {
        if (info.customDerivative == null) {
          continue;
        }
        if (info.descriptor.contains("F")) {
          floats++;
          continue;
        }
        doubles++;
        assertFalse(info.descriptor.contains("L"), info.name + info.descriptor);
        String floatDescriptor = info.descriptor.replace('D', 'F');
        MethodInfo twin = methods.get(info.name + floatDescriptor);
        assertNotNull(twin, c.getSimpleName() + " has no float " + info.name + floatDescriptor);
        String what = c.getSimpleName() + "." + info.name + floatDescriptor;
        assertEquals(info.customDerivative, twin.customDerivative, what + " pullback");
        assertEquals(info.pushforward, twin.pushforward, what + " pushforward");
        assertEquals(info.jvp, twin.jvp, what + " jvp");
        assertEquals(info.assigning, twin.assigning, what + " assigning");
        assertEquals(info.usesResult, twin.usesResult, what + " usesResult");
        assertEquals(info.skipsNullAdjoints, twin.skipsNullAdjoints, what + " skipsNullAdjoints");
        assertEquals(info.readsOutputs, twin.readsOutputs, what + " readsOutputs");
        assertEquals(info.parameterAnnotations, twin.parameterAnnotations, what + " marks");
      }
      assertEquals(doubles, floats, c.getSimpleName() + ": float registrations");
    }
  }

  /**
   * The float convention is checked, not just the names: a float kernel passes, the same with
   * its seed or its returned adjoint in double fails.
   */
  @Test
  void aFloatPullbackWithDoubleInThePlaceOfFloatFails() throws IOException {
    assertEquals(Set.of("f", "g"), checkClass(FloatKernels.class));
    AssertionError e =
        assertThrows(AssertionError.class, () -> checkClass(DoubleSeedForAFloatKernel.class));
    assertTrue(e.getMessage().contains("no fPullback[class [F, float, class [F]"), e::getMessage);
    e = assertThrows(AssertionError.class,
        () -> checkClass(DoubleAdjointForAFloatParameter.class));
    assertTrue(e.getMessage().contains("gPullback(float,float) return type"), e::getMessage);
  }

  /** Float kernels registered by the float convention. */
  static final class FloatKernels {
    private FloatKernels() {}

    @CustomDerivative(value = "fPullback", pushforward = "fPushforward")
    public static float f(float[] x) {
      return x[0];
    }

    public static void fPullback(float[] x, float dResult, float[] dx) {
      dx[0] += dResult;
    }

    @CustomDerivative(value = "fPushforwardPullback", skipsNullAdjoints = true)
    public static float fPushforward(float[] x, float[] xDot) {
      return xDot[0];
    }

    public static void fPushforwardPullback(
        float[] x, float[] xDot, float dResult, float[] dx, float[] dxDot) {
      dxDot[0] += dResult;
    }

    @CustomDerivative(value = "gPullback", pushforward = "gPushforward")
    public static float g(float z) {
      return 2 * z;
    }

    public static float gPullback(float z, float dResult) {
      return 2 * dResult;
    }

    @CustomDerivative("gPushforwardPullback")
    public static float gPushforward(float z, float zDot) {
      return 2 * zDot;
    }

    public static void gPushforwardPullback(
        float z, float zDot, float dResult, double[] dScalars) {
      dScalars[1] += 2 * dResult;
    }
  }

  /** {@link FloatKernels#f(float[])}, its pullback taking the seed in double. */
  static final class DoubleSeedForAFloatKernel {
    private DoubleSeedForAFloatKernel() {}

    @CustomDerivative(value = "fPullback", pushforward = "fPushforward")
    public static float f(float[] x) {
      return x[0];
    }

    public static void fPullback(float[] x, double dResult, float[] dx) {
      dx[0] += (float) dResult;
    }

    @CustomDerivative(value = "fPushforwardPullback", skipsNullAdjoints = true)
    public static float fPushforward(float[] x, float[] xDot) {
      return xDot[0];
    }

    public static void fPushforwardPullback(
        float[] x, float[] xDot, float dResult, float[] dx, float[] dxDot) {
      dxDot[0] += dResult;
    }
  }

  /** {@link FloatKernels#g(float)}, its pullback returning the adjoint in double. */
  static final class DoubleAdjointForAFloatParameter {
    private DoubleAdjointForAFloatParameter() {}

    @CustomDerivative(value = "gPullback", pushforward = "gPushforward")
    public static float g(float z) {
      return 2 * z;
    }

    public static double gPullback(float z, float dResult) {
      return 2 * dResult;
    }

    @CustomDerivative("gPushforwardPullback")
    public static float gPushforward(float z, float zDot) {
      return 2 * zDot;
    }

    public static void gPushforwardPullback(
        float z, float zDot, float dResult, double[] dScalars) {
      dScalars[1] += 2 * dResult;
    }
  }

  /**
   * The pushforwards registered as primals, each with its pullback, found from the class files
   * (the list pins that none was left out of the scan).
   */
  @Test
  void everyPushforwardIsRegisteredWithAPullbackOfItsOwn() throws IOException {
    Set<String> registered = new HashSet<>();
    for (Class<?> c : List.of(Linear.class, Activations.class, Losses.class, Special.class,
        Batched.class)) {
      Set<String> kernels = checkClass(c);
      for (MethodInfo info : read(c).values()) {
        if (info.customDerivative != null && !kernels.contains(info.name)) {
          registered.add(info.name);
        }
      }
    }
    assertEquals(ALL_PUSHFORWARDS, registered);
  }

  /** Only what the pushforward sets is {@code @Out}: the primal's outputs come in as inputs. */
  @Test
  void pushforwardOutputTangentsAreMarkedOut() throws IOException {
    Map<String, MethodInfo> linear = read(Linear.class);
    assertOutAt(linear.get("matvecPushforward([[D[D[D[[D[D[D)V"), 5);
    assertOutAt(linear.get("matvecTransposedPushforward([[D[D[D[[D[D[D)V"), 5);
    assertOutAt(linear.get("axpyPushforward(D[D[D[DD[D[D[D)V"), 7);
    assertOutAt(linear.get("outerPushforward([D[D[[D[D[D[[D)V"), 5);
    Map<String, MethodInfo> activations = read(Activations.class);
    for (String name : List.of("sigmoidArray", "tanhArray", "reluArray", "softplusArray",
        "softmax")) {
      assertOutAt(activations.get(name + "Pushforward([D[D[D[D)V"), 3);
    }
    MethodInfo mse = read(Losses.class).get("meanSquaredErrorPushforward([D[D[D)D");
    assertEquals(List.of(Set.of(), Set.of(NO_DERIVATIVE), Set.of()), mse.parameterAnnotations);
  }

  /**
   * Checks each registration of {@code c} and that every public {@code ...Pullback} and
   * {@code ...Pushforward} is registered exactly once; returns the names of the registered
   * primals.
   */
  private static Set<String> checkClass(Class<?> c) throws IOException {
    assertTrue(Modifier.isFinal(c.getModifiers()), c + " is final");
    assertEquals(1, c.getDeclaredConstructors().length);
    assertTrue(Modifier.isPrivate(c.getDeclaredConstructors()[0].getModifiers()));

    Set<String> primals = new HashSet<>();
    Set<String> pullbacksUsed = new HashSet<>();
    Set<String> pushforwardsUsed = new HashSet<>();
    Map<String, MethodInfo> methods = read(c);
    for (MethodInfo info : methods.values()) {
      if (info.customDerivative == null || info.pushforward == null) {
        continue; // a pushforward's registration, checked with its kernel's below
      }
      Method primal = byDescriptor(c, info.name, info.descriptor);
      Method pullback = expectedPullback(c, primal, info);
      assertTrue(Modifier.isPublic(pullback.getModifiers()), pullback + " is public");
      assertTrue(Modifier.isStatic(pullback.getModifiers()), pullback + " is static");
      assertTrue(pullbacksUsed.add(pullback.getName() + descriptor(pullback)),
          pullback + " registered twice");
      if (info.assigning != null) {
        Method assigning;
        try {
          assigning = c.getDeclaredMethod(info.assigning, pullback.getParameterTypes());
        } catch (NoSuchMethodException e) {
          throw new AssertionError(primal + ": no assigning pullback " + info.assigning
              + " with the parameters of " + pullback.getName());
        }
        assertEquals(pullback.getReturnType(), assigning.getReturnType(), assigning + " returns");
        assertTrue(Modifier.isPublic(assigning.getModifiers())
            && Modifier.isStatic(assigning.getModifiers()), assigning + " is public static");
      }
      assertNotNull(info.pushforward, primal + " registers no pushforward");
      assertEquals(
          info.customDerivative.replace("Pullback", "Pushforward"),
          info.pushforward,
          primal + ": the pushforward is named after the pullback");
      Method pushforward = expectedPushforward(c, primal, info);
      assertTrue(Modifier.isPublic(pushforward.getModifiers()), pushforward + " is public");
      assertTrue(Modifier.isStatic(pushforward.getModifiers()), pushforward + " is static");
      assertTrue(
          pushforwardsUsed.add(pushforward.getName() + descriptor(pushforward)),
          pushforward + " registered twice");
      if (info.jvp != null) {
        Method fused;
        try {
          fused = c.getDeclaredMethod(info.jvp, pushforward.getParameterTypes());
        } catch (NoSuchMethodException e) {
          throw new AssertionError(primal + ": no jvp " + info.jvp
              + " with the parameters of " + pushforward.getName());
        }
        assertEquals(void.class, primal.getReturnType(), primal + ": jvp on a void kernel only");
        assertEquals(void.class, fused.getReturnType(), fused + " returns");
        assertTrue(Modifier.isPublic(fused.getModifiers())
            && Modifier.isStatic(fused.getModifiers()), fused + " is public static");
      }
      Method second = checkPushforwardRegistration(c, primal, info, pushforward,
          methods.get(pushforward.getName() + descriptor(pushforward)));
      assertTrue(pullbacksUsed.add(second.getName() + descriptor(second)),
          second + " registered twice");
      primals.add(info.name);
    }
    for (MethodInfo info : methods.values()) {
      if (info.customDerivative != null && info.pushforward == null) {
        assertTrue(pushforwardsUsed.contains(info.name + info.descriptor),
            info.name + " is registered without a pushforward, and is no kernel's pushforward");
      }
    }
    for (Method m : c.getDeclaredMethods()) {
      String key = m.getName() + descriptor(m);
      if (Modifier.isPublic(m.getModifiers()) && m.getName().endsWith("Pullback")) {
        assertTrue(pullbacksUsed.contains(key), m + " is not registered");
      }
      if (Modifier.isPublic(m.getModifiers()) && m.getName().endsWith("Pushforward")) {
        assertTrue(pushforwardsUsed.contains(key), m + " is not registered");
      }
    }
    return primals;
  }

  /**
   * Checks that the pushforward of {@code primal} is registered as a primal in its turn, so that
   * reverse mode can differentiate a call to it (second order through the kernel): its pullback
   * named {@code <pushforward>Pullback}, no pushforward of its own, {@code @Out} on exactly the
   * output tangents, {@code @NoDerivative} where the primal has it, and {@code skipsNullAdjoints}
   * wherever the kernel has it (the tangent program then passes {@code null} tangents, and the
   * reverse sweep {@code null} for their adjoints). Returns its pullback, whose signature follows
   * the convention.
   */
  private static Method checkPushforwardRegistration(Class<?> c, Method primal,
      MethodInfo primalInfo, Method pushforward, MethodInfo info) {
    assertNotNull(info);
    assertEquals(pushforward.getName() + "Pullback", info.customDerivative,
        pushforward + " is registered with @CustomDerivative, its pullback named after it");
    assertNull(info.pushforward, pushforward + ": third order is not needed");
    assertNull(info.assigning, pushforward + " assigning");
    assertFalse(info.usesResult, pushforward + " usesResult");
    int primalParams = primal.getParameterCount();
    int outputs = 0;
    for (int i = 0; i < primalParams; i++) {
      if (primalInfo.parameterAnnotation(i, OUT)) {
        outputs++;
      }
    }
    int n = pushforward.getParameterCount();
    for (int i = 0; i < n; i++) {
      assertEquals(i >= n - outputs, info.parameterAnnotation(i, OUT),
          pushforward + " parameter " + i + ": @Out on the output tangents alone");
      assertEquals(i < primalParams && primalInfo.parameterAnnotation(i, NO_DERIVATIVE),
          info.parameterAnnotation(i, NO_DERIVATIVE),
          pushforward + " parameter " + i + ": @NoDerivative as in " + primal.getName());
    }
    if (primalInfo.skipsNullAdjoints) {
      assertTrue(info.skipsNullAdjoints, pushforward + " skipsNullAdjoints as its kernel");
    }
    Method pullback = expectedPullback(c, pushforward, info);
    assertTrue(Modifier.isPublic(pullback.getModifiers())
        && Modifier.isStatic(pullback.getModifiers()), pullback + " is public static");
    return pullback;
  }

  /**
   * The scalar type of {@code primal}: float for a float overload, double otherwise. A primal
   * mixing the two follows neither convention.
   */
  private static Class<?> scalarType(Method primal) {
    boolean hasDouble = primal.getReturnType() == double.class;
    for (Class<?> t : primal.getParameterTypes()) {
      hasDouble |= t == double.class || t == double[].class || t == double[][].class;
    }
    boolean isFloat = FloatTwins.isFloat(primal);
    assertFalse(hasDouble && isFloat, primal + " mixes double and float");
    return isFloat ? float.class : double.class;
  }

  /**
   * Builds the convention's parameter list for {@code primal} and finds that method: for a float
   * primal, float in place of double throughout, except a {@code double[] dScalars}.
   */
  private static Method expectedPullback(Class<?> c, Method primal, MethodInfo info) {
    Class<?> s = scalarType(primal);
    Class<?>[] params = primal.getParameterTypes();
    List<Class<?>> expected = new ArrayList<>(List.of(params));
    if (info.usesResult) {
      expected.add(s);
    }
    if (primal.getReturnType() == s) {
      expected.add(s);
    } else {
      assertEquals(void.class, primal.getReturnType(), primal + " returns " + s + " or void");
    }
    for (int i = 0; i < params.length; i++) {
      if (info.parameterAnnotation(i, OUT)) {
        expected.add(params[i]);
      }
    }
    int scalars = 0;
    for (int i = 0; i < params.length; i++) {
      boolean differentiated =
          !info.parameterAnnotation(i, OUT) && !info.parameterAnnotation(i, NO_DERIVATIVE);
      if (differentiated
          && (params[i] == s.arrayType() || params[i] == s.arrayType().arrayType())) {
        expected.add(params[i]);
      }
      if (differentiated && params[i] == s) {
        scalars++;
      }
    }
    if (scalars >= 2) {
      expected.add(double[].class);
    }
    Method pullback;
    try {
      pullback = c.getDeclaredMethod(info.customDerivative, expected.toArray(new Class<?>[0]));
    } catch (NoSuchMethodException e) {
      throw new AssertionError(
          primal + ": no " + info.customDerivative + expected + " as the convention requires");
    }
    assertEquals(
        scalars == 1 ? s : void.class,
        pullback.getReturnType(),
        pullback + " return type");
    return pullback;
  }

  /**
   * Builds the pushforward convention's parameter list for {@code primal} and finds that method:
   * the primal parameters, {@code double result} with {@code usesResult}, a tangent of the same
   * type for each differentiated parameter ({@code double} included) in order, then an array for
   * each {@code @Out} parameter; it returns {@code double} for a {@code double} primal. Float in
   * place of double for a float primal.
   */
  private static Method expectedPushforward(Class<?> c, Method primal, MethodInfo info) {
    Class<?> s = scalarType(primal);
    Class<?>[] params = primal.getParameterTypes();
    List<Class<?>> expected = new ArrayList<>(List.of(params));
    if (info.usesResult) {
      expected.add(s);
    }
    for (int i = 0; i < params.length; i++) {
      boolean differentiated =
          !info.parameterAnnotation(i, OUT) && !info.parameterAnnotation(i, NO_DERIVATIVE);
      if (differentiated
          && (params[i] == s
              || params[i] == s.arrayType()
              || params[i] == s.arrayType().arrayType())) {
        expected.add(params[i]);
      }
    }
    for (int i = 0; i < params.length; i++) {
      if (info.parameterAnnotation(i, OUT)) {
        expected.add(params[i]);
      }
    }
    Method pushforward;
    try {
      pushforward = c.getDeclaredMethod(info.pushforward, expected.toArray(new Class<?>[0]));
    } catch (NoSuchMethodException e) {
      throw new AssertionError(
          primal + ": no pushforward " + info.pushforward + expected
              + " as the convention requires");
    }
    assertEquals(primal.getReturnType(), pushforward.getReturnType(), pushforward + " returns");
    return pushforward;
  }

  private static Method byDescriptor(Class<?> c, String name, String descriptor) {
    for (Method m : c.getDeclaredMethods()) {
      if (m.getName().equals(name) && descriptor(m).equals(descriptor)) {
        return m;
      }
    }
    throw new AssertionError("no method " + name + descriptor);
  }

  private static String descriptor(Method m) {
    StringBuilder s = new StringBuilder("(");
    for (Class<?> p : m.getParameterTypes()) {
      s.append(p.descriptorString());
    }
    return s.append(')').append(m.getReturnType().descriptorString()).toString();
  }

  // ---- a minimal class-file reader: methods, their annotations and parameter annotations ---

  private static final class MethodInfo {
    final String name;
    final String descriptor;
    String customDerivative;
    boolean usesResult;
    boolean skipsNullAdjoints;
    boolean readsOutputs = true;
    String assigning;
    String pushforward;
    String jvp;
    List<Set<String>> parameterAnnotations = List.of();

    MethodInfo(String name, String descriptor) {
      this.name = name;
      this.descriptor = descriptor;
    }

    boolean parameterAnnotation(int i, String type) {
      return i < parameterAnnotations.size() && parameterAnnotations.get(i).contains(type);
    }
  }

  /** The methods of {@code c} keyed by name + descriptor. */
  private static Map<String, MethodInfo> read(Class<?> c) throws IOException {
    String binaryName = c.getName().substring(c.getName().lastIndexOf('.') + 1);
    try (InputStream raw = c.getResourceAsStream(binaryName + ".class")) {
      assertNotNull(raw, "class file of " + c);
      DataInputStream in = new DataInputStream(raw);
      in.readInt(); // magic
      in.readUnsignedShort(); // minor
      in.readUnsignedShort(); // major
      Object[] pool = readPool(in);
      in.readUnsignedShort(); // access
      in.readUnsignedShort(); // this
      in.readUnsignedShort(); // super
      in.skipBytes(2 * in.readUnsignedShort()); // interfaces
      int fields = in.readUnsignedShort();
      for (int i = 0; i < fields; i++) {
        in.skipBytes(6);
        skipAttributes(in);
      }
      Map<String, MethodInfo> methods = new HashMap<>();
      int count = in.readUnsignedShort();
      for (int i = 0; i < count; i++) {
        in.readUnsignedShort(); // access
        MethodInfo m =
            new MethodInfo((String) pool[in.readUnsignedShort()],
                (String) pool[in.readUnsignedShort()]);
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
          String attribute = (String) pool[in.readUnsignedShort()];
          int length = in.readInt();
          if (attribute.equals("RuntimeInvisibleAnnotations")) {
            int n = in.readUnsignedShort();
            for (int k = 0; k < n; k++) {
              Map<String, Object> values = new HashMap<>();
              String type = readAnnotation(in, pool, values);
              if (type.equals(CUSTOM_DERIVATIVE)) {
                m.customDerivative = (String) values.get("value");
                m.usesResult = Integer.valueOf(1).equals(values.get("usesResult"));
                m.skipsNullAdjoints =
                    Integer.valueOf(1).equals(values.get("skipsNullAdjoints"));
                m.readsOutputs = !Integer.valueOf(0).equals(values.get("readsOutputs"));
                m.assigning = (String) values.get("assigning");
                m.pushforward = (String) values.get("pushforward");
                m.jvp = (String) values.get("jvp");
              }
            }
          } else if (attribute.equals("RuntimeInvisibleParameterAnnotations")) {
            int parameters = in.readUnsignedByte();
            List<Set<String>> all = new ArrayList<>();
            for (int p = 0; p < parameters; p++) {
              Set<String> types = new HashSet<>();
              int n = in.readUnsignedShort();
              for (int k = 0; k < n; k++) {
                types.add(readAnnotation(in, pool, new HashMap<>()));
              }
              all.add(types);
            }
            m.parameterAnnotations = all;
          } else {
            in.skipBytes(length);
          }
        }
        methods.put(m.name + m.descriptor, m);
      }
      return methods;
    }
  }

  private static Object[] readPool(DataInputStream in) throws IOException {
    int count = in.readUnsignedShort();
    Object[] pool = new Object[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> pool[i] = in.readUTF();
        case 3 -> pool[i] = in.readInt();
        case 4 -> in.skipBytes(4);
        case 5, 6 -> {
          in.skipBytes(8);
          i++; // takes two slots
        }
        case 7, 8, 16, 19, 20 -> in.skipBytes(2);
        case 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
        case 15 -> in.skipBytes(3);
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    return pool;
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int n = in.readUnsignedShort();
    for (int i = 0; i < n; i++) {
      in.skipBytes(2);
      in.skipBytes(in.readInt());
    }
  }

  /** Reads one annotation; puts its string-valued elements into {@code values}. */
  private static String readAnnotation(
      DataInputStream in, Object[] pool, Map<String, Object> values) throws IOException {
    String type = (String) pool[in.readUnsignedShort()];
    int pairs = in.readUnsignedShort();
    for (int i = 0; i < pairs; i++) {
      String name = (String) pool[in.readUnsignedShort()];
      Object value = readElementValue(in, pool);
      if (value != null) {
        values.put(name, value);
      }
    }
    return type;
  }

  private static Object readElementValue(DataInputStream in, Object[] pool) throws IOException {
    int tag = in.readUnsignedByte();
    switch (tag) {
      case 's':
        return pool[in.readUnsignedShort()];
      case 'Z':
        return pool[in.readUnsignedShort()];
      case 'B', 'C', 'D', 'F', 'I', 'J', 'S', 'c':
        in.skipBytes(2);
        return null;
      case 'e':
        in.skipBytes(4);
        return null;
      case '@':
        readAnnotation(in, pool, new HashMap<>());
        return null;
      case '[':
        int n = in.readUnsignedShort();
        for (int i = 0; i < n; i++) {
          readElementValue(in, pool);
        }
        return null;
      default:
        throw new IOException("unknown element value tag " + (char) tag);
    }
  }
}

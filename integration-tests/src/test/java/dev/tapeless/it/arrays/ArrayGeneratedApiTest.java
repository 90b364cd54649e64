package dev.tapeless.it.arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shape of the generated frames for array methods, which the other tests only use:
 * reflection here, because the point is also what is absent (no adjoint field for an int[],
 * {@code @NoDerivative} or excluded array, no valueAndGradient on a void method).
 */
class ArrayGeneratedApiTest {

  @Test
  void corpusHasAtLeastFortyFiveFunctions() {
    long n = ArrayCorpus.cases().count();
    assertTrue(n >= 45, "only " + n);
  }

  @Test
  void atLeastFifteenFunctionsHaveAHipparchusTwin() {
    long n = ArrayCorpus.cases().filter(ArrayCase::hasTwin).count();
    assertTrue(n >= 15, "only " + n);
  }

  @Test
  void everyCorpusMethodHasACaseAndAFrame() throws ClassNotFoundException {
    Set<String> cases = ArrayCorpus.cases().map(ArrayCase::name).collect(Collectors.toSet());
    List<String> missing = new ArrayList<>();
    int methods = 0;
    for (Class<?> corpus : ArrayCorpus.CLASSES) {
      for (Method m : corpus.getDeclaredMethods()) {
        if (!Modifier.isPublic(m.getModifiers()) || !Modifier.isStatic(m.getModifiers())) {
          continue;
        }
        methods++;
        String name = corpus.getSimpleName() + "." + m.getName();
        if (!cases.contains(name)) {
          missing.add(name);
        }
        Class.forName(corpus.getName() + "_Grad$" + upperCamel(m.getName()));
      }
    }
    assertEquals(List.of(), missing, "corpus methods without a test case");
    assertEquals(methods, cases.size(), "cases without a corpus method");
  }

  /** One public {@code d<name>} field per differentiated parameter, of the parameter's type. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#cases")
  void adjointFieldsAreExactlyTheDifferentiatedParameters(ArrayCase<?> c) throws Exception {
    Class<?> frame = frameOf(c);
    Set<String> expected = new TreeSet<>();
    Args sample = c.points().get(0);
    ArrayCase.Param[] params = c.params();
    for (int i = 0; i < params.length; i++) {
      if (params[i].active) {
        expected.add("d" + params[i].name);
        Class<?> type = frame.getField("d" + params[i].name).getType();
        Class<?> argumentType =
            sample.get(i) instanceof Double ? double.class : sample.get(i).getClass();
        assertEquals(argumentType, type, c + ": type of d" + params[i].name);
      }
    }
    Set<String> actual = new TreeSet<>();
    for (Field f : frame.getFields()) {
      if (!Modifier.isStatic(f.getModifiers()) && !f.getName().equals("value")) {
        actual.add(f.getName());
      }
    }
    assertEquals(expected, actual, c + ": public fields");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tapeless.it.arrays.ArrayCorpus#cases")
  void entryPointsMatchTheSignature(ArrayCase<?> c) {
    Set<String> methods = Arrays.stream(frameOf(c).getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()))
        .map(Method::getName)
        .collect(Collectors.toCollection(TreeSet::new));
    assertTrue(methods.contains("zero"), c + ": " + methods);
    assertEquals(c.returnsDouble(), methods.contains("valueAndGradient"), c + ": " + methods);
    assertEquals(c.returnsDouble(), methods.contains("accumulate"), c + ": " + methods);
    assertEquals(c.hasOutputs(), methods.contains("pullback"), c + ": " + methods);
    assertEquals(c.hasOutputs(), methods.contains("jacobian"), c + ": " + methods);
  }

  @Test
  void pullbackTakesOneSeedPerOutputAfterTheArguments() throws NoSuchMethodException {
    Method pullback = Outputs_Grad.TwoOutputs.class.getMethod("pullback", double[].class,
        double[].class, double[].class, double[].class, double[].class);
    assertEquals(void.class, pullback.getReturnType());
    Method jacobian = Outputs_Grad.TwoOutputs.class.getMethod("jacobian", double[].class,
        double[].class, double[].class, double[][].class);
    assertEquals(void.class, jacobian.getReturnType());
  }

  @Test
  void gradClassesAreFinalAndNotInstantiable() {
    for (Class<?> corpus : ArrayCorpus.CLASSES) {
      Class<?> grad = gradClassOf(corpus);
      assertTrue(Modifier.isFinal(grad.getModifiers()), grad + " is not final");
      for (var constructor : grad.getDeclaredConstructors()) {
        assertTrue(Modifier.isPrivate(constructor.getModifiers()), constructor + " is public");
      }
    }
  }

  private static Class<?> frameOf(ArrayCase<?> c) {
    String[] parts = c.name().split("\\.");
    for (Class<?> corpus : ArrayCorpus.CLASSES) {
      if (corpus.getSimpleName().equals(parts[0])) {
        for (Class<?> nested : gradClassOf(corpus).getDeclaredClasses()) {
          if (nested.getSimpleName().equals(upperCamel(parts[1]))) {
            return nested;
          }
        }
      }
    }
    throw new AssertionError("no frame for " + c);
  }

  private static Class<?> gradClassOf(Class<?> corpus) {
    try {
      return Class.forName(corpus.getName() + "_Grad");
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  static String upperCamel(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}

package dev.tapeless.it.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shape of the generated classes, which the other tests only use: reflection here, because
 * the point is what is absent (no adjoint field for an int or excluded parameter).
 */
class GeneratedApiTest {

  @Test
  void corpusHasAtLeastFortyFiveFunctions() {
    assertTrue(Corpus.cases().count() >= 45);
  }

  @Test
  void everyCorpusMethodHasACaseAndAFrame() throws ClassNotFoundException {
    Set<String> cases = Corpus.cases().map(Case::name).collect(Collectors.toSet());
    List<String> missing = new ArrayList<>();
    int methods = 0;
    for (Class<?> corpus : Corpus.CLASSES) {
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

  @Test
  void gradClassIsFinalAndNotInstantiable() {
    for (Class<?> corpus : Corpus.CLASSES) {
      Class<?> grad = gradClassOf(corpus);
      assertTrue(Modifier.isFinal(grad.getModifiers()), grad + " is not final");
      for (Constructor<?> c : grad.getDeclaredConstructors()) {
        assertTrue(Modifier.isPrivate(c.getModifiers()), c + " is not private");
      }
    }
  }

  @Test
  void framesArePublicStaticNestedClassesWithANoArgumentConstructor() throws Exception {
    for (Class<?> frame : Arithmetic_Grad.class.getDeclaredClasses()) {
      int modifiers = frame.getModifiers();
      if (!Modifier.isPublic(modifiers)) {
        continue;
      }
      assertTrue(Modifier.isStatic(modifiers), frame + " is not static");
      frame.getConstructor();
    }
    assertEquals(Arithmetic_Grad.class, Arithmetic_Grad.E.class.getEnclosingClass());
  }

  @Test
  void parametersOutsideWrtGetNoAdjointField() throws NoSuchFieldException {
    Mixed_Grad.Weighted.class.getField("da");
    assertThrows(NoSuchFieldException.class, () -> Mixed_Grad.Weighted.class.getField("db"));
    assertThrows(NoSuchFieldException.class, () -> Mixed_Grad.Weighted.class.getField("dc"));
    assertThrows(NoSuchFieldException.class, () -> Mixed_Grad.WrtTwoOfThree.class.getField("dy"));
  }

  @Test
  void noDerivativeParameterGetsNoAdjointField() {
    assertThrows(NoSuchFieldException.class, () -> Mixed_Grad.Huber.class.getField("ddelta"));
    assertThrows(
        NoSuchFieldException.class,
        () -> Mixed_Grad.NoDerivativeMiddle.class.getField("dscale"));
  }

  @Test
  void intAndBooleanParametersGetNoAdjointField() {
    assertThrows(NoSuchFieldException.class, () -> Mixed_Grad.IntScale.class.getField("dn"));
    assertThrows(
        NoSuchFieldException.class, () -> Branches_Grad.BooleanFlag.class.getField("dnegate"));
  }

  private static Class<?> gradClassOf(Class<?> corpus) {
    try {
      return Class.forName(corpus.getName() + "_Grad");
    } catch (ClassNotFoundException e) {
      return fail("no generated class for " + corpus, e);
    }
  }

  private static String upperCamel(String methodName) {
    return Character.toUpperCase(methodName.charAt(0)) + methodName.substring(1);
  }
}

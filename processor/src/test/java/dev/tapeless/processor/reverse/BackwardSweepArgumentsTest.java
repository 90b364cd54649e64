package dev.tapeless.processor.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapeless.processor.ir.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The argument budget of the backward sweep's method, at the edges measured on JDK 17 x86-64
 * (C2 compiled a static method of 56 {@code double} arguments, not one of 57; of 54
 * {@code int}s, not 56; an instance method of 30 {@code int}s and 31 {@code double}s, not 32).
 */
class BackwardSweepArgumentsTest {

  private static List<Type> of(int ints, int doubles, boolean instance) {
    List<Type> args = new ArrayList<>();
    if (instance) {
      args.add(Type.object("this"));
    }
    args.addAll(Collections.nCopies(ints, Type.INT));
    args.addAll(Collections.nCopies(doubles, Type.DOUBLE));
    return args;
  }

  private static boolean compiled(List<Type> args) {
    return BackwardSweepArguments.stackSlots(args) <= BackwardSweepArguments.STACK_SLOTS;
  }

  @Test
  void theMeasuredEdgesOfWhatC2CompilesAreWhereTheBudgetEnds() {
    assertEquals(true, compiled(of(0, 56, false)));
    assertEquals(false, compiled(of(0, 57, false)));
    assertEquals(true, compiled(of(54, 0, false)));
    assertEquals(false, compiled(of(56, 0, false)));
    assertEquals(true, compiled(of(30, 31, true)));
    assertEquals(false, compiled(of(30, 32, true)));
  }

  @Test
  void argumentsInRegistersTakeNoStackSlotsAndArraysCountAsReferences() {
    assertEquals(0, BackwardSweepArguments.stackSlots(of(6, 8, false)));
    List<Type> arrays = new ArrayList<>(Collections.nCopies(7, new Type(Type.Kind.DOUBLE, 1)));
    assertEquals(2, BackwardSweepArguments.stackSlots(arrays));
  }
}

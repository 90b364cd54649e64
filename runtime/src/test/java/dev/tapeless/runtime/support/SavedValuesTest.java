package dev.tapeless.runtime.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SavedValuesTest {

  @Test
  void arraysComeBackInLastInFirstOutOrderBetweenScalars() {
    SavedValues saved = new SavedValues();
    double[] d = {1, 2, 3};
    int[] k = {4, 5};
    saved.pushAll(d);
    saved.pushInt(7);
    saved.pushAll(k);
    d[0] = -1;
    k[1] = -1;
    saved.popAll(k);
    assertEquals(7, saved.popInt());
    saved.popAll(d);
    assertArrayEquals(new double[] {1, 2, 3}, d);
    assertArrayEquals(new int[] {4, 5}, k);
  }

  @Test
  void pushesThroughALocalTopMeetPushesThroughTheMethodsAcrossAGrowth() {
    SavedValues saved = new SavedValues();
    saved.pushDouble(-1.0);
    double[] stack = saved.doubleStack();
    int top = saved.doubleTop();
    for (int i = 0; i < 1000; i++) {
      if (top == stack.length) {
        stack = saved.growDoubles();
      }
      stack[top++] = i;
    }
    saved.doubleTop(top);
    saved.pushDouble(1000.0);
    assertEquals(1000.0, saved.popDouble());
    stack = saved.doubleStack();
    top = saved.doubleTop();
    for (int i = 999; i >= 0; i--) {
      assertEquals(i, stack[--top]);
    }
    saved.doubleTop(top);
    assertEquals(-1.0, saved.popDouble());
    assertEquals(0, saved.doubleTop());
  }

  /** One call of a frame: {@code n} doubles and ints saved, settled, then restored. */
  private static void call(SavedValues saved, int n) {
    for (int i = 0; i < n; i++) {
      saved.pushDouble(i * 0.5);
      saved.pushInt(i);
    }
    saved.settle();
    for (int i = n - 1; i >= 0; i--) {
      assertEquals(i, saved.popInt());
      assertEquals(i * 0.5, saved.popDouble());
    }
  }

  @Test
  void aStackGrownByOneLongCallShrinksAfterSixteenShortOnes() {
    SavedValues saved = new SavedValues();
    call(saved, 1_000_000);
    long grown = saved.capacityBytes();
    assertTrue(grown >= 12L * 1_000_000, grown + " bytes");
    for (int k = 0; k < 15; k++) {
      call(saved, 100);
      assertEquals(grown, saved.capacityBytes(), "after " + (k + 1) + " short calls");
    }
    call(saved, 100);
    assertTrue(saved.capacityBytes() < 8 * 1024, saved.capacityBytes() + " bytes");
    call(saved, 100);
    call(saved, 5_000);
  }

  @Test
  void aStackUsedFullyNowAndThenKeepsItsSize() {
    SavedValues saved = new SavedValues();
    call(saved, 1_000_000);
    long grown = saved.capacityBytes();
    for (int k = 0; k < 40; k++) {
      call(saved, k % 10 == 9 ? 1_000_000 : 100);
    }
    assertEquals(grown, saved.capacityBytes());
  }
}

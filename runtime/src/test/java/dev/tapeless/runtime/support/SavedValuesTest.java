package dev.tapeless.runtime.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}

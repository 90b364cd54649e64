package dev.tapeless.samples.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The digits loader: every row, pixels in [0, 1], a seeded split that is the same each time. */
class DigitsTest {

  @Test
  void loadsAll1797ImagesScaledToTheUnitInterval() {
    Digits.Examples all = Digits.load();
    assertEquals(1797, all.size());
    int[] perClass = new int[Digits.CLASSES];
    double max = 0;
    for (int k = 0; k < all.size(); k++) {
      assertEquals(Digits.FEATURES, all.images()[k].length);
      for (double v : all.images()[k]) {
        assertTrue(v >= 0 && v <= 1, "pixel " + v);
        max = Math.max(max, v);
      }
      perClass[all.labels()[k]]++;
    }
    assertEquals(1.0, max, "some pixel is 16/16");
    for (int c = 0; c < Digits.CLASSES; c++) {
      assertTrue(perClass[c] > 170, "class " + c + " has " + perClass[c] + " images");
    }
    // The first row of the file: a 0, whose third pixel is 5.
    assertEquals(0, all.labels()[0]);
    assertEquals(5 / 16.0, all.images()[0][2]);
  }

  @Test
  void splitIsEightyTwentyDisjointAndSeeded() {
    Digits.Examples all = Digits.load();
    Digits.Split split = Digits.split(all, 0.8, 42);
    assertEquals(1438, split.train().size());
    assertEquals(359, split.test().size());
    Set<double[]> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Collections.addAll(seen, split.train().images());
    for (double[] image : split.test().images()) {
      assertTrue(seen.add(image), "an image is in both sets");
    }
    assertEquals(all.size(), seen.size());

    Digits.Split again = Digits.split(all, 0.8, 42);
    assertArrayEquals(split.train().labels(), again.train().labels());
    assertSame(split.test().images()[0], again.test().images()[0]);
    Digits.Split other = Digits.split(all, 0.8, 43);
    assertTrue(other.test().images()[0] != split.test().images()[0]
        || other.test().images()[1] != split.test().images()[1], "another seed, another split");
  }

  @Test
  void malformedRowsNameTheirLine() {
    String row = "0,".repeat(Digits.FEATURES) + "3\n";
    IOException e = assertThrows(IOException.class,
        () -> Digits.parse(new BufferedReader(new StringReader(row + "1,2,3\n"))));
    assertTrue(e.getMessage().startsWith("line 2:"), e.getMessage());
    IOException label = assertThrows(IOException.class,
        () -> Digits.parse(new BufferedReader(new StringReader("0,".repeat(64) + "10\n"))));
    assertTrue(label.getMessage().contains("label 10"), label.getMessage());
  }
}

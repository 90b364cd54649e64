package dev.tapeless.samples.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ADBench GMM reader: shapes and values of the bundled inputs, and strict errors. */
class GmmDataTest {

  /** A complete D = 2, K = 2, N = 3 input; line numbers are noted for the error tests. */
  private static final String SMALL = String.join("\n",
      "2 2 3",          // 1
      "0.5",            // 2  alpha_1
      "-0.25",          // 3  alpha_2
      "0.1 0.2",        // 4  mu_1
      "0.3 0.4",        // 5  mu_2
      "0.0 0.1 0.7",    // 6  icf_1
      "-0.2 0.3 -0.5",  // 7  icf_2
      "1 2",            // 8  x_1
      "3 4",            // 9  x_2
      "5 6",            // 10 x_3
      "1.000000 0",     // 11 gamma m
      "");

  private static GmmData parse(String text) throws IOException {
    return GmmData.read("small.txt", new StringReader(text));
  }

  /** Replaces line {@code number} (1-based) of {@link #SMALL}. */
  private static String withLine(int number, String replacement) {
    String[] lines = SMALL.split("\n", -1);
    lines[number - 1] = replacement;
    return String.join("\n", lines);
  }

  private static GmmData.MalformedException malformed(String text) {
    return assertThrows(GmmData.MalformedException.class, () -> parse(text));
  }

  @Test
  void readsEveryFieldOfASmallInput() throws IOException {
    GmmData data = parse(SMALL);
    assertEquals(2, data.d());
    assertEquals(2, data.k());
    assertEquals(3, data.n());
    assertArrayEquals(new double[] {0.5, -0.25}, data.alpha());
    assertArrayEquals(new double[] {0.3, 0.4}, data.means()[1]);
    assertArrayEquals(new double[] {-0.2, 0.3, -0.5}, data.icf()[1]);
    assertArrayEquals(new double[] {5, 6}, data.x()[2]);
    assertEquals(1.0, data.gamma());
    assertEquals(0, data.m());
    assertEquals(2 + 4 + 6, data.parameterCount());
    assertEquals("small.txt: D = 2, K = 2, N = 3", data.toString());
  }

  @Test
  void readsTheBundledAdbenchInputs() {
    int[][] shapes = {{2, 5}, {10, 25}, {20, 50}};
    for (int i = 0; i < GmmData.BUNDLED.size(); i++) {
      GmmData data = GmmData.fromResource(GmmData.BUNDLED.get(i));
      assertEquals(shapes[i][0], data.d());
      assertEquals(shapes[i][1], data.k());
      assertEquals(1000, data.n());
      assertEquals(GmmData.icfLength(data.d()), data.icf()[data.k() - 1].length);
      assertEquals(1.0, data.gamma());
      assertEquals(0, data.m());
    }
    GmmData small = GmmData.fromResource("gmm_d2_K5.txt");
    // First and last numbers of gmm_d2_K5.txt, as in the file.
    assertEquals(-0.649014, small.alpha()[0]);
    assertArrayEquals(new double[] {0.345561, 0.396767}, small.means()[0]);
    assertArrayEquals(new double[] {0.166813, -1.965419, -1.270071}, small.icf()[0]);
    assertArrayEquals(new double[] {0.388815, -0.447613}, small.x()[999]);
  }

  @Test
  void readsFromAPathAndNamesItInErrors(@TempDir Path dir) throws IOException {
    Path good = dir.resolve("good.txt");
    Files.writeString(good, SMALL, StandardCharsets.UTF_8);
    assertEquals(3, GmmData.fromPath(good).n());

    Path bad = dir.resolve("bad.txt");
    Files.writeString(bad, withLine(5, "0.3 zero"), StandardCharsets.UTF_8);
    GmmData.MalformedException e =
        assertThrows(GmmData.MalformedException.class, () -> GmmData.fromPath(bad));
    assertEquals(bad.toString() + ", line 5: 'zero' is not a number (mu_2)", e.getMessage());
    assertEquals(5, e.line());
    assertEquals(bad.toString(), e.source());
  }

  @Test
  void wrongCountOfNumbersNamesTheLineAndWhatWasExpected() {
    GmmData.MalformedException e = malformed(withLine(7, "-0.2 0.3"));
    assertEquals(
        "small.txt, line 7: expected 3 numbers (q_2 and l_2), found 2: '-0.2 0.3'",
        e.getMessage());
    assertEquals(7, e.line());
    assertTrue(malformed(withLine(9, "3 4 5")).getMessage()
        .startsWith("small.txt, line 9: expected 2 numbers (x_2), found 3"));
  }

  @Test
  void inputEndingEarlyNamesTheLineWhereDataWasExpected() {
    String truncated = String.join("\n", Arrays.copyOf(SMALL.split("\n"), 9));
    GmmData.MalformedException e = malformed(truncated);
    assertEquals("small.txt, line 10: the input ends where x_3 was expected", e.getMessage());
  }

  @Test
  void badHeaderAndPriorAreReported() {
    assertEquals("small.txt, line 1: K must be a positive whole number, found '0'",
        malformed(withLine(1, "2 0 3")).getMessage());
    assertEquals("small.txt, line 1: expected 3 numbers (the header 'D K N'), found 2: '2 2'",
        malformed(withLine(1, "2 2")).getMessage());
    assertEquals("small.txt, line 11: gamma must be positive, found -1.0",
        malformed(withLine(11, "-1 0")).getMessage());
    assertEquals("small.txt, line 11: m must be a non-negative whole number, found 0.5",
        malformed(withLine(11, "1 0.5")).getMessage());
    assertEquals("small.txt, line 4: 'NaN' is not a finite number (mu_1)",
        malformed(withLine(4, "NaN 0.2")).getMessage());
  }

  @Test
  void trailingContentIsAnErrorButBlankLinesAreNot() throws IOException {
    assertEquals("small.txt, line 13: unexpected content after the Wishart parameters: '7'",
        malformed(SMALL + "\n7\n").getMessage());
    GmmData spaced = parse(SMALL.replace("\n0.3 0.4", "\n\n  0.3 0.4  ") + "\n\n");
    assertArrayEquals(new double[] {0.3, 0.4}, spaced.means()[1]);
  }

  @Test
  void missingResourceIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GmmData.fromResource("gmm_d99_K1.txt"));
    assertEquals("no class-path resource /adbench-gmm/gmm_d99_K1.txt", e.getMessage());
  }

  @Test
  void inconsistentArraysAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new GmmData("t", 2, 1, 1,
        new double[1], new double[1][2], new double[1][2], new double[1][2], 1, 0));
  }
}

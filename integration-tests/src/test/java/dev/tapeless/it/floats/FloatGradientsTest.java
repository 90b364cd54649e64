package dev.tapeless.it.floats;

import static dev.tapeless.it.floats.FloatDifferences.assertGradient;
import static dev.tapeless.it.floats.FloatDifferences.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapeless.it.floats.FloatDifferences.Input;
import org.junit.jupiter.api.Test;

/**
 * Gradients of float programs against five-point differences of the programs themselves, at
 * dyadic points. Typed calls: that a float method's frame returns float and has float adjoint
 * fields is part of what is checked.
 */
class FloatGradientsTest {

  @Test
  void arithmeticWithFloatLiteralsAndCompoundUpdates() {
    float[] x = {0.375f};
    float[] y = {-1.25f};
    Floats_Grad.Arithmetic g = new Floats_Grad.Arithmetic();
    float value = g.valueAndGradient(x[0], y[0]);
    assertEquals(Floats.arithmetic(x[0], y[0]), value);
    assertGradient("arithmetic", () -> Floats.arithmetic(x[0], y[0]),
        of("x", x, new float[] {g.dx}), of("y", y, new float[] {g.dy}));
  }

  @Test
  void mathFunctionsOfFloats() {
    for (float[] point : new float[][] {{0.625f, 0.25f}, {-0.75f, 1.125f}, {1.5f, -0.5f}}) {
      float[] x = {point[0]};
      float[] y = {point[1]};
      Floats_Grad.MathOfFloats g = new Floats_Grad.MathOfFloats();
      assertEquals(Floats.mathOfFloats(x[0], y[0]), g.valueAndGradient(x[0], y[0]));
      assertGradient("mathOfFloats", () -> Floats.mathOfFloats(x[0], y[0]),
          of("x", x, new float[] {g.dx}), of("y", y, new float[] {g.dy}));
    }
  }

  @Test
  void floatsMixedWithDoublesKeepTheirDerivativesThroughCasts() {
    float[] x = {0.5f};
    double[] d = {-0.75};
    float[] w = {0.25f, -0.5f, 0.875f};
    Floats_Grad.Mixed g = new Floats_Grad.Mixed();
    double value = g.valueAndGradient(x[0], d[0], w);
    assertEquals(Floats.mixed(x[0], d[0], w), value);
    float dx = g.dx;
    double dd = g.dd;
    float[] dw = g.dw;
    assertGradient("mixed", () -> Floats.mixed(x[0], d[0], w),
        of("x", x, new float[] {dx}), of("d", d, new double[] {dd}), of("w", w, dw));
  }

  @Test
  void dotProductAndNorm() {
    float[] a = {0.5f, -0.25f, 0.75f, 1.0f};
    float[] b = {-0.5f, 0.125f, 0.25f, 0.625f};
    Floats_Grad.DotAndNorm g = new Floats_Grad.DotAndNorm();
    g.valueAndGradient(a, b);
    assertGradient("dotAndNorm", () -> Floats.dotAndNorm(a, b),
        of("a", a, g.da), of("b", b, g.db));
  }

  @Test
  void floatKernelUsingItsResultInsideADoubleConditional() {
    for (boolean pick : new boolean[] {false, true}) {
      float[] u = {0.25f, -0.5f, 0.75f};
      Floats_Grad.FloatKernelInDoubleConditional g = new Floats_Grad.FloatKernelInDoubleConditional();
      assertEquals(Floats.floatKernelInDoubleConditional(u, pick), g.valueAndGradient(u, pick));
      assertGradient("floatKernelInDoubleConditional",
          () -> Floats.floatKernelInDoubleConditional(u, pick), of("u", u, g.du));
    }
  }

  @Test
  void layerWithALocalFloatArray() {
    float[][] w = {{0.5f, -0.25f, 0.125f}, {0.75f, 0.5f, -0.625f}};
    float[] b = {0.0625f, -0.125f};
    float[] x = {0.25f, -0.5f, 1.0f};
    Floats_Grad.Layer g = new Floats_Grad.Layer();
    g.valueAndGradient(w, b, x);
    assertGradient("layer", () -> Floats.layer(w, b, x), of("W[0]", w[0], g.dW[0]),
        of("W[1]", w[1], g.dW[1]), of("b", b, g.db), of("x", x, g.dx));
  }

  @Test
  void recurrenceThatOverwritesItsState() {
    float[] xs = {0.25f, -0.5f, 0.75f, 0.125f, -0.375f};
    float[] a = {0.875f};
    Floats_Grad.Recurrence g = new Floats_Grad.Recurrence();
    g.valueAndGradient(xs, a[0]);
    assertGradient("recurrence", () -> Floats.recurrence(xs, a[0]), of("xs", xs, g.dxs),
        of("a", a, new float[] {g.da}));
  }

  @Test
  void whileLoopAndBranch() {
    for (float[] point : new float[][] {{0.5f, 0.75f}, {1.25f, -1.5f}, {3.5f, 0.25f}}) {
      float[] x = {point[0]};
      float[] y = {point[1]};
      Floats_Grad.LoopAndBranch g = new Floats_Grad.LoopAndBranch();
      g.valueAndGradient(x[0], y[0]);
      assertGradient("loopAndBranch", () -> Floats.loopAndBranch(x[0], y[0]),
          of("x", x, new float[] {g.dx}), of("y", y, new float[] {g.dy}));
    }
  }

  @Test
  void floatOutputsThroughPullbackAndJacobian() {
    float[] x = {0.5f, -0.75f, 1.25f};
    float[] s = {0.625f};
    float[] y = new float[3];
    float[] running = new float[3];
    Floats_Grad.Outputs g = new Floats_Grad.Outputs();
    double[][] jacobian = new double[6][4];
    g.jacobian(x, s[0], y, running, jacobian);
    for (int out = 0; out < 6; out++) {
      int o = out;
      float[] seedY = new float[3];
      float[] seedRunning = new float[3];
      if (o < 3) {
        seedY[o] = 1f;
      } else {
        seedRunning[o - 3] = 1f;
      }
      g.pullback(x, s[0], y, running, seedY, seedRunning);
      float[] dx = g.dx.clone();
      float ds = g.ds;
      for (int i = 0; i < 3; i++) {
        assertEquals(jacobian[o][i], dx[i], 1e-6 * (1 + Math.abs(dx[i])));
      }
      assertEquals(jacobian[o][3], ds, 1e-6 * (1 + Math.abs(ds)));
      assertGradient("outputs[" + o + "]", () -> {
        float[] y2 = new float[3];
        float[] r2 = new float[3];
        Floats.outputs(x, s[0], y2, r2);
        return o < 3 ? y2[o] : r2[o - 3];
      }, of("x", x, dx), of("s", s, new float[] {ds}));
    }
  }

  @Test
  void callOfAnotherFloatMethodThroughItsFrame() {
    float[] x = {0.5f, -1.5f, 2.25f};
    float[] scale = {0.75f};
    Floats_Grad.CallsSoftplus g = new Floats_Grad.CallsSoftplus();
    g.valueAndGradient(x, scale[0]);
    assertGradient("callsSoftplus", () -> Floats.callsSoftplus(x, scale[0]), of("x", x, g.dx),
        of("scale", scale, new float[] {g.dscale}));
  }

  @Test
  void noDerivativeFloatArrayAndIntParameters() {
    float[] x = {0.5f, -1.5f, 2.25f};
    float[] weights = {0.25f, 0.5f, -1f};
    Floats_Grad.Weighted g = new Floats_Grad.Weighted();
    g.valueAndGradient(x, weights, 3);
    assertGradient("weighted", () -> Floats.weighted(x, weights, 3), of("x", x, g.dx));
    float[] y = {0.625f};
    Floats_Grad.IntsAndExponents h = new Floats_Grad.IntsAndExponents();
    h.valueAndGradient(y[0], 4);
    assertGradient("intsAndExponents", () -> Floats.intsAndExponents(y[0], 4),
        of("x", y, new float[] {h.dx}));
  }

  @Test
  void overwrittenFloatElementsUpdatedWithDoubles() {
    float[] x = {0.75f};
    double[] d = {1.25};
    Floats_Grad.SavedElements g = new Floats_Grad.SavedElements();
    g.valueAndGradient(x[0], d[0]);
    float dx = g.dx;
    double dd = g.dd;
    assertGradient("savedElements", () -> Floats.savedElements(x[0], d[0]),
        of("x", x, new float[] {dx}), of("d", d, new double[] {dd}));
  }

  @Test
  void calleeWithThreeDimensionalAndFloatLocalsInSplitMode() {
    double[] w = {0.3, -0.2};
    double[] a = {0.7};
    Blocks_Grad.CallsWithLocals g = new Blocks_Grad.CallsWithLocals();
    g.valueAndGradient(w, a[0]);
    double[] dw = g.dw.clone();
    double da = g.da;
    assertGradient("callsWithLocals", () -> Blocks.callsWithLocals(w, a[0]), of("w", w, dw),
        of("a", a, new double[] {da}));
  }

  @Test
  void convolutionOverChannels() {
    double[][][] image = new double[2][5][4];
    double[][][] kernel = new double[2][3][3];
    java.util.Random random = new java.util.Random(7);
    fill(image, random);
    fill(kernel, random);
    Blocks_Grad.Convolution g = new Blocks_Grad.Convolution();
    g.valueAndGradient(image, kernel);
    for (int c = 0; c < 2; c++) {
      for (int r = 0; r < 5; r++) {
        assertGradient("convolution", () -> Blocks.convolution(image, kernel),
            of("image[" + c + "][" + r + "]", image[c][r], g.dimage[c][r]));
      }
      for (int r = 0; r < 3; r++) {
        assertGradient("convolution", () -> Blocks.convolution(image, kernel),
            of("kernel[" + c + "][" + r + "]", kernel[c][r], g.dkernel[c][r]));
      }
    }
  }

  @Test
  void batchOfSequencesWithAThreeDimensionalLocal() {
    double[][][] batch = new double[3][4][2];
    double[] w = {0.5, -0.75};
    double[] decay = {0.6};
    fill(batch, new java.util.Random(11));
    Blocks_Grad.Sequences g = new Blocks_Grad.Sequences();
    g.valueAndGradient(batch, w, decay[0]);
    for (int b = 0; b < 3; b++) {
      for (int t = 0; t < 4; t++) {
        assertGradient("sequences", () -> Blocks.sequences(batch, w, decay[0]),
            of("batch[" + b + "][" + t + "]", batch[b][t], g.dbatch[b][t]));
      }
    }
    assertGradient("sequences", () -> Blocks.sequences(batch, w, decay[0]), of("w", w, g.dw),
        of("decay", decay, new double[] {g.ddecay}));
  }

  @Test
  void floatBlocksWithAThreeDimensionalOutput() {
    float[][][] x = {{{0.5f, -0.25f}, {0.75f, 1f}}, {{-0.5f, 0.125f}, {0.25f, -1.25f}}};
    float[] s = {0.375f};
    float[][][] y = new float[2][2][2];
    Blocks_Grad.ScaledBlocks g = new Blocks_Grad.ScaledBlocks();
    double[][] jacobian = new double[8][9];
    g.jacobian(x, s[0], y, jacobian);
    for (int k = 0; k < 8; k++) {
      int a = k / 4;
      int b = k / 2 % 2;
      int c = k % 2;
      double expected = 2 * s[0] * x[a][b][c] + Math.cos(x[a][b][c]);
      assertEquals(expected, jacobian[k][k], 1e-5);
      assertEquals((double) x[a][b][c] * x[a][b][c], jacobian[k][8], 1e-6);
    }
  }
  @Test
  void threeDimensionalFloatOutputSharingARowWithTheInputIsRejected() {
    float[][][] x = {{{0.5f, -0.25f}, {0.75f, 1f}}, {{-0.5f, 0.125f}, {0.25f, -1.25f}}};
    float[][][] y = {{new float[2], new float[2]}, {x[1][0], new float[2]}};
    Blocks_Grad.ScaledBlocks g = new Blocks_Grad.ScaledBlocks();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.pullback(x, 0.375f, y, new float[2][2][2]));
    assertTrue(e.getMessage().contains("passed as y (an @Out output) and as x"), e.getMessage());
  }


  private static void fill(double[][][] a, java.util.Random random) {
    for (double[][] block : a) {
      for (double[] row : block) {
        for (int i = 0; i < row.length; i++) {
          row[i] = random.nextInt(64) / 32.0 - 1;
        }
      }
    }
  }
}

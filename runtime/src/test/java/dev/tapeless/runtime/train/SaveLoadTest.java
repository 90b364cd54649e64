package dev.tapeless.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Parameters#save} and {@link Parameters#load}: round trips of double, float and mixed
 * sets, the bytes of the documented format, and every way a file can fail to fit, each leaving
 * the registered arrays as they were.
 */
class SaveLoadTest {

  @TempDir Path directory;

  @Test
  void doublesRoundTripBitForBit() throws IOException {
    double[][] W = {{1.5, -0.0, Double.MIN_VALUE}, {Double.NaN, Double.POSITIVE_INFINITY, 1e300}};
    double[] b = {Math.PI, -Math.E};
    double[][] jagged = {{1}, {2, 3}, {}};
    byte[] file = save(new Parameters().add("W", W).add("b", b).add("jagged", jagged));

    double[][] W2 = new double[2][3];
    double[] b2 = new double[2];
    double[][] jagged2 = {new double[1], new double[2], new double[0]};
    new Parameters().add("W", W2).add("b", b2).add("jagged", jagged2).load(in(file));
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(W[i], W2[i], 0.0);
      assertEquals(Double.doubleToRawLongBits(W[i][1]), Double.doubleToRawLongBits(W2[i][1]),
          "-0.0 keeps its sign");
    }
    assertArrayEquals(b, b2, 0.0);
    assertArrayEquals(jagged[1], jagged2[1], 0.0);
  }

  @Test
  void floatsAndMixedSetsRoundTripThroughAFile() throws IOException {
    float[][] fW = {{1.25f, Float.MIN_VALUE}, {-3e38f, Float.NaN}};
    double[] db = {0.1, 0.2};
    float[] fc = {1f / 3};
    Path file = directory.resolve("model.tlps");
    new Parameters().add("W", fW).add("b", db).add("c", fc).save(file);

    float[][] fW2 = new float[2][2];
    double[] db2 = new double[2];
    float[] fc2 = new float[1];
    // Registered in another order: parameters are matched by name.
    new Parameters().add("c", fc2).add("W", fW2).add("b", db2).load(file);
    assertArrayEquals(fW[0], fW2[0]);
    assertArrayEquals(fW[1], fW2[1]);
    assertArrayEquals(db, db2);
    assertArrayEquals(fc, fc2);
    // Header 12; names, kinds and ranks 3 · 5; shapes 4 + 2 · 4, 4, 4; values 4 · 4, 2 · 8, 4.
    assertEquals(12 + 15 + 20 + 36, Files.size(file));
  }

  @Test
  void theBytesAreTheDocumentedFormat() throws IOException {
    byte[] file = save(new Parameters().add("b", new double[] {1.0, -2.0})
        .add("W", new float[][] {{0.5f}, {}}));
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(expected);
    data.writeBytes("TLPS");
    data.writeInt(1);
    data.writeInt(2);
    data.writeUTF("b");
    data.write(new byte[] {'D', 1});
    data.writeInt(2);
    data.writeDouble(1.0);
    data.writeDouble(-2.0);
    data.writeUTF("W");
    data.write(new byte[] {'F', 2});
    data.writeInt(2);
    data.writeInt(1);
    data.writeInt(0);
    data.writeFloat(0.5f);
    assertArrayEquals(expected.toByteArray(), file);
    assertEquals("54 4C 50 53 00 00 00 01 00 00 00 02 00 01 62 44 01 00 00 00 02 3F F0",
        hex(Arrays.copyOf(file, 23)));
  }

  @Test
  void aShapeMismatchNamesTheParameterAndBothShapes() throws IOException {
    byte[] file = save(new Parameters().add("W", new double[2][3]).add("b", new double[2]));
    assertLoadFails("parameter W: the file has shape [2][3] but the registered matrix has shape"
        + " [3][2]", file, new Parameters().add("W", new double[3][2]).add("b", new double[2]));
    assertLoadFails("parameter W: the file has shape [2][3] but the registered matrix has shape"
        + " [2][4]", file, new Parameters().add("W", new double[2][4]).add("b", new double[2]));
    assertLoadFails("parameter W: the file has shape [2][3] but the registered matrix has shape"
        + " [2] with rows of [3, 2]", file,
        new Parameters().add("W", new double[][] {new double[3], new double[2]})
            .add("b", new double[2]));
    assertLoadFails("parameter b: the file has shape [2] but the registered vector has shape [5]",
        file, new Parameters().add("W", new double[2][3]).add("b", new double[5]));
  }

  @Test
  void aNameMismatchNamesTheParameter() throws IOException {
    byte[] file = save(new Parameters().add("W", new double[2][3]).add("b", new double[2]));
    assertLoadFails("the file has parameter b, which is not registered in Parameters[W[2][3],"
        + " bias[2]]", file,
        new Parameters().add("W", new double[2][3]).add("bias", new double[2]));
    assertLoadFails("parameter c is registered but not in the file, which has 2 parameters", file,
        new Parameters().add("W", new double[2][3]).add("b", new double[2])
            .add("c", new double[1]));
    assertLoadFails("the file has parameter b, which is not registered in Parameters[W[2][3]]",
        file, new Parameters().add("W", new double[2][3]));
  }

  @Test
  void aKindMismatchNamesTheParameterAndBothKinds() throws IOException {
    byte[] file = save(new Parameters().add("W", new double[2][3]).add("b", new float[2]));
    assertLoadFails("parameter W: the file has a double matrix but a float matrix is registered",
        file, new Parameters().add("W", new float[2][3]).add("b", new float[2]));
    assertLoadFails("parameter b: the file has a float vector but a double vector is registered",
        file, new Parameters().add("W", new double[2][3]).add("b", new double[2]));
    assertLoadFails("parameter b: the file has a float vector but a float matrix is registered",
        file, new Parameters().add("W", new double[2][3]).add("b", new float[1][2]));
  }

  @Test
  void aWrongMagicNumberOrVersionIsAClearError() throws IOException {
    Parameters p = new Parameters().add("b", new double[2]);
    byte[] file = save(p);
    byte[] zip = file.clone();
    zip[0] = 'P';
    zip[1] = 'K';
    zip[2] = 3;
    zip[3] = 4;
    assertLoadFails("not a Tapeless parameter file: it starts with bytes 0x50 0x4B 0x03 0x04,"
        + " not 0x54 0x4C 0x50 0x53 (\"TLPS\")", zip, p);
    byte[] future = file.clone();
    future[7] = 2;
    assertLoadFails("unsupported parameter file version 2; this version of Tapeless reads"
        + " version 1", future, p);
  }

  @Test
  void aTruncatedFileIsAnEofErrorSayingWhereAtEveryLength() throws IOException {
    double[][] W = {{1, 2}, {3, 4}};
    float[] b = {5, 6};
    byte[] file = save(new Parameters().add("W", W).add("b", b));
    double[][] target = {{-1, -1}, {-1, -1}};
    float[] targetB = {-1, -1};
    Parameters p = new Parameters().add("W", target).add("b", targetB);
    for (int length = 0; length < file.length; length++) {
      byte[] cut = Arrays.copyOf(file, length);
      EOFException e = assertThrows(EOFException.class, () -> p.load(in(cut)), "length " + length);
      assertTrue(e.getMessage().startsWith("the parameter file ends early, in "), e.getMessage());
      assertArrayEquals(new double[] {-1, -1}, target[0], "length " + length);
      assertArrayEquals(new double[] {-1, -1}, target[1], "length " + length);
      assertArrayEquals(new float[] {-1, -1}, targetB, "length " + length);
    }
    assertMessage("the parameter file ends early, in its header", EOFException.class, p, file, 6);
    assertMessage("the parameter file ends early, in the name of its parameter 2 of 2",
        EOFException.class, p, file, 62);
    assertMessage("the parameter file ends early, in the values of parameter b",
        EOFException.class, p, file, file.length - 1);
    Path path = directory.resolve("cut.tlps");
    Files.write(path, Arrays.copyOf(file, file.length - 1));
    EOFException named = assertThrows(EOFException.class, () -> p.load(path));
    assertEquals(path + ": the parameter file ends early, in the values of parameter b",
        named.getMessage());
  }

  @Test
  void aFailedLoadLeavesEveryArrayUnchanged() throws IOException {
    // W and b fit, c does not: W and b are read in full before c fails, and still not written.
    byte[] file = save(new Parameters().add("W", new double[][] {{1, 2}}).add("b", new float[] {3})
        .add("c", new double[] {4, 5}));
    double[][] W = {{-1, -2}};
    float[] b = {-3};
    double[] c = {-4, -5, -6};
    Parameters p = new Parameters().add("W", W).add("b", b).add("c", c);
    assertThrows(IOException.class, () -> p.load(in(file)));
    assertArrayEquals(new double[] {-1, -2}, W[0]);
    assertArrayEquals(new float[] {-3}, b);
    assertArrayEquals(new double[] {-4, -5, -6}, c);
  }

  @Test
  void aParameterTwiceInTheFileIsAnError() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(bytes);
    data.writeBytes("TLPS");
    data.writeInt(1);
    data.writeInt(2);
    for (int i = 0; i < 2; i++) {
      data.writeUTF("b");
      data.write(new byte[] {'D', 1});
      data.writeInt(1);
      data.writeDouble(i);
    }
    double[] b = {7};
    assertLoadFails("the file has parameter b twice", bytes.toByteArray(),
        new Parameters().add("b", b));
    assertArrayEquals(new double[] {7}, b);
  }

  @Test
  void aStreamIsReadUpToTheLastParameterAndAFileMustEndThere() throws IOException {
    double[] b = {1, 2};
    byte[] file = save(new Parameters().add("b", b));
    byte[] longer = Arrays.copyOf(file, file.length + 1);
    longer[file.length] = 42;
    double[] target = new double[2];
    Parameters p = new Parameters().add("b", target);
    InputStream stream = in(longer);
    p.load(stream);
    assertArrayEquals(b, target);
    assertEquals(42, stream.read(), "the stream is left after the last parameter");

    Path path = directory.resolve("longer.tlps");
    Files.write(path, longer);
    double[] other = new double[2];
    IOException e = assertThrows(IOException.class,
        () -> new Parameters().add("b", other).load(path));
    assertEquals(path + ": more bytes follow the last parameter; the file is corrupt or not a"
        + " parameter file", e.getMessage());
    assertArrayEquals(new double[2], other);
  }

  @Test
  void savingToAFileReplacesItAndLeavesNoTemporaryFile() throws IOException {
    Path path = directory.resolve("model.tlps");
    Files.writeString(path, "an older checkpoint");
    double[] b = {1, 2};
    new Parameters().add("b", b).save(path);
    assertArrayEquals(save(new Parameters().add("b", b)), Files.readAllBytes(path));
    try (var files = Files.list(directory)) {
      assertEquals(1, files.count());
    }
    assertFalse(Files.exists(directory.resolve("model.tlps.tmp")));
  }

  @Test
  void argumentsAreChecked() {
    Parameters p = new Parameters().add("b", new double[1]);
    assertEquals("save: out is null", assertThrows(IllegalArgumentException.class,
        () -> p.save((java.io.OutputStream) null)).getMessage());
    assertEquals("load: file is null", assertThrows(IllegalArgumentException.class,
        () -> p.load((Path) null)).getMessage());
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static byte[] save(Parameters p) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.save(out);
    return out.toByteArray();
  }

  private static InputStream in(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }

  private static void assertLoadFails(String message, byte[] file, Parameters p) {
    double[] before = new double[p.elementCount()];
    p.copyTo(before);
    IOException e = assertThrows(IOException.class, () -> p.load(in(file)));
    assertEquals(message, e.getMessage());
    double[] after = new double[p.elementCount()];
    p.copyTo(after);
    assertArrayEquals(before, after, 0.0);
  }

  private static void assertMessage(String message, Class<? extends IOException> kind,
      Parameters p, byte[] file, int length) {
    IOException e = assertThrows(kind, () -> p.load(in(Arrays.copyOf(file, length))));
    assertEquals(message, e.getMessage(), "cut at " + length);
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(s.length() == 0 ? "" : " ").append(String.format("%02X", b & 0xFF));
    }
    return s.toString();
  }
}

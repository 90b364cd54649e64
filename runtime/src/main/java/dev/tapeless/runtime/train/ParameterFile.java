package dev.tapeless.runtime.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes and reads the parameter file format of {@link Parameters#save(OutputStream)}, whose
 * Javadoc and docs/file-format.md describe it. Reading stages every value in new arrays and
 * checks the whole file before {@link #copy} writes a single registered element, so that a file
 * that fails, however late, leaves the model as it was.
 */
final class ParameterFile {

  /** The first four bytes, "TLPS": Tapeless parameters. */
  static final byte[] MAGIC = {'T', 'L', 'P', 'S'};

  /** The version this code writes, and the only one it reads. */
  static final int VERSION = 1;

  private static final byte DOUBLE = 'D';
  private static final byte FLOAT = 'F';

  private ParameterFile() {}

  /** Writes every parameter of {@code p}, in registration order; flushes, does not close. */
  static void write(Parameters p, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.write(MAGIC);
    data.writeInt(VERSION);
    data.writeInt(p.parameterCount());
    for (int k = 0; k < p.parameterCount(); k++) {
      Object value = p.value(k);
      data.writeUTF(p.name(k));
      data.writeByte(isFloat(value) ? FLOAT : DOUBLE);
      Object[] rows = rows(value);
      if (rows == null) {
        data.writeByte(1);
        data.writeInt(Array.getLength(value));
        writeRow(data, value);
      } else {
        data.writeByte(2);
        data.writeInt(rows.length);
        for (Object row : rows) {
          data.writeInt(Array.getLength(row));
        }
        for (Object row : rows) {
          writeRow(data, row);
        }
      }
    }
    data.flush();
  }

  /**
   * Reads a whole file written for {@code p}: every registered parameter once, no other, each of
   * its registered kind and shape. Returns each parameter's values, flat in row-major order, by
   * registration index; changes nothing in {@code p}.
   *
   * @throws IOException naming the parameter and the mismatch, or an {@link EOFException}
   *     saying where the file ends early
   */
  static Object[] read(Parameters p, InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    String where = "its header";
    try {
      byte[] magic = new byte[MAGIC.length];
      data.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IOException("not a Tapeless parameter file: it starts with bytes "
            + hex(magic) + ", not " + hex(MAGIC) + " (\"TLPS\")");
      }
      int version = data.readInt();
      if (version != VERSION) {
        throw new IOException("unsupported parameter file version " + version
            + "; this version of Tapeless reads version " + VERSION);
      }
      int count = data.readInt();
      if (count < 0) {
        throw new IOException("corrupt parameter file: it claims " + count + " parameters");
      }
      Map<String, Integer> index = new HashMap<>();
      for (int k = 0; k < p.parameterCount(); k++) {
        index.put(p.name(k), k);
      }
      Object[] staged = new Object[p.parameterCount()];
      for (int i = 0; i < count; i++) {
        where = "the name of its parameter " + (i + 1) + " of " + count;
        String name = data.readUTF();
        Integer k = index.get(name);
        if (k == null) {
          throw new IOException("the file has parameter " + name + ", which is not registered in "
              + p);
        }
        if (staged[k] != null) {
          throw new IOException("the file has parameter " + name + " twice");
        }
        where = "the kind and shape of parameter " + name;
        Object value = p.value(k);
        checkKind(name, data.readByte(), data.readByte(), value);
        int elements = readShape(name, data, value);
        where = "the values of parameter " + name;
        staged[k] = readValues(data, isFloat(value), elements);
      }
      for (int k = 0; k < staged.length; k++) {
        if (staged[k] == null) {
          throw new IOException("parameter " + p.name(k) + " is registered but not in the file,"
              + " which has " + count + " parameters");
        }
      }
      return staged;
    } catch (EOFException e) {
      EOFException early = new EOFException("the parameter file ends early, in " + where);
      early.initCause(e);
      throw early;
    }
  }

  /** Copies what {@link #read} staged into the registered arrays of {@code p}. */
  static void copy(Parameters p, Object[] staged) {
    for (int k = 0; k < staged.length; k++) {
      Object value = p.value(k);
      Object[] rows = rows(value);
      if (rows == null) {
        System.arraycopy(staged[k], 0, value, 0, Array.getLength(value));
      } else {
        int at = 0;
        for (Object row : rows) {
          int n = Array.getLength(row);
          System.arraycopy(staged[k], at, row, 0, n);
          at += n;
        }
      }
    }
  }

  // ---- pieces ---------------------------------------------------------------------------------

  private static void writeRow(DataOutputStream data, Object row) throws IOException {
    if (row instanceof double[]) {
      for (double x : (double[]) row) {
        data.writeDouble(x);
      }
    } else {
      for (float x : (float[]) row) {
        data.writeFloat(x);
      }
    }
  }

  private static void checkKind(String name, byte kind, byte rank, Object value)
      throws IOException {
    if ((kind != DOUBLE && kind != FLOAT) || (rank != 1 && rank != 2)) {
      throw new IOException("corrupt parameter file: parameter " + name + " has kind "
          + hex(new byte[] {kind}) + " and rank " + rank + " (kinds are 'D' and 'F', ranks 1 and"
          + " 2)");
    }
    boolean fileFloat = kind == FLOAT;
    boolean fileMatrix = rank == 2;
    if (fileFloat != isFloat(value) || fileMatrix != (rows(value) != null)) {
      throw new IOException("parameter " + name + ": the file has a " + kind(fileFloat, fileMatrix)
          + " but a " + kind(isFloat(value), rows(value) != null) + " is registered");
    }
  }

  /** Reads the shape, which must be the registered one; returns the number of elements. */
  private static int readShape(String name, DataInputStream data, Object value)
      throws IOException {
    Object[] rows = rows(value);
    if (rows == null) {
      int length = data.readInt();
      int registered = Array.getLength(value);
      if (length != registered) {
        throw new IOException("parameter " + name + ": the file has shape [" + length
            + "] but the registered vector has shape [" + registered + "]");
      }
      return length;
    }
    int[] lengths = readLengths(data, name);
    int[] registered = lengths(rows);
    if (!Arrays.equals(lengths, registered)) {
      throw new IOException("parameter " + name + ": the file has shape " + shape(lengths)
          + " but the registered matrix has shape " + shape(registered));
    }
    int elements = 0;
    for (int n : registered) {
      elements += n;
    }
    return elements;
  }

  /**
   * A matrix's row count and row lengths, in an array grown as they are read, so that a corrupt
   * row count costs no more memory than the file has bytes.
   */
  private static int[] readLengths(DataInputStream data, String name) throws IOException {
    int rowCount = data.readInt();
    if (rowCount < 0) {
      throw new IOException("corrupt parameter file: parameter " + name + " has " + rowCount
          + " rows");
    }
    int[] lengths = new int[Math.min(rowCount, 1024)];
    for (int i = 0; i < rowCount; i++) {
      if (i == lengths.length) {
        lengths = Arrays.copyOf(lengths, (int) Math.min(rowCount, 2L * lengths.length));
      }
      lengths[i] = data.readInt();
    }
    return lengths;
  }

  private static Object readValues(DataInputStream data, boolean floats, int elements)
      throws IOException {
    if (floats) {
      float[] f = new float[elements];
      for (int j = 0; j < elements; j++) {
        f[j] = data.readFloat();
      }
      return f;
    }
    double[] d = new double[elements];
    for (int j = 0; j < elements; j++) {
      d[j] = data.readDouble();
    }
    return d;
  }

  /** The rows of a matrix parameter, or null for a vector. */
  private static Object[] rows(Object value) {
    return value instanceof Object[] ? (Object[]) value : null;
  }

  private static boolean isFloat(Object value) {
    return value instanceof float[] || value instanceof float[][];
  }

  private static String kind(boolean floats, boolean matrix) {
    return (floats ? "float " : "double ") + (matrix ? "matrix" : "vector");
  }

  private static int[] lengths(Object[] rows) {
    int[] lengths = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      lengths[i] = Array.getLength(rows[i]);
    }
    return lengths;
  }

  /** {@code [rows][columns]}, or every row's length for a jagged matrix. */
  private static String shape(int[] lengths) {
    if (lengths.length == 0) {
      return "[0][]";
    }
    boolean rectangular = true;
    for (int n : lengths) {
      rectangular &= n == lengths[0];
    }
    return "[" + lengths.length + "]"
        + (rectangular ? "[" + lengths[0] + "]" : " with rows of " + Arrays.toString(lengths));
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(s.length() == 0 ? "" : " ").append(String.format("0x%02X", b & 0xFF));
    }
    return s.toString();
  }
}

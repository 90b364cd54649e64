package dev.tapeless.runtime.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A model's trainable arrays, each registered under a name together with its gradient array of
 * the same shape, so that one {@link Optimizer} can update all of them and the gradient can be
 * treated as one vector (its norm, clipping, a flat copy).
 *
 * <p>Parameters are held by reference: an optimizer writes into the caller's {@code W1}, and
 * reads the very gradient arrays a generated frame adds into. A frame allocates its
 * {@code d<name>} fields on its first call; to wire everything up before that, register a
 * parameter without a gradient ({@link #add(String, double[][])}), which allocates one, and
 * hand that array to the frame, which keeps a caller's array while the shape stays:
 *
 * <pre>{@code
 * Parameters p = new Parameters().add("W1", W1).add("b1", b1).add("W2", W2).add("b2", b2);
 * Mlp_Grad.Loss frame = new Mlp_Grad.Loss();
 * frame.dW1 = p.matrixGradient("W1");
 * frame.db1 = p.vectorGradient("b1");
 * frame.dW2 = p.matrixGradient("W2");
 * frame.db2 = p.vectorGradient("b2");
 * Optimizer adam = new Adam(p, 1e-3);
 * for (int step = 0; step < steps; step++) {
 *   p.zeroGradients();
 *   for (int k : batch(step)) {
 *     frame.accumulate(W1, b1, W2, b2, images[k], labels[k]);
 *   }
 *   p.clipGradientNorm(5.0);
 *   adam.step();
 * }
 * }</pre>
 *
 * After a first call, {@code add("W1", W1, frame.dW1)} registers the frame's own array instead.
 * Forgetting both leaves the registered gradients 0, and the optimizers refuse a first step on a
 * gradient that is 0 everywhere (see {@link Optimizer}) rather than train nothing.
 *
 * <p>A parameter is {@code double} or {@code float} (a frame of a method over {@code float[]}
 * has {@code float[]} d-fields), and one set may mix both; a parameter's gradient has its type.
 * Optimizers update float parameters in place, keeping their state in {@code float} too. The
 * flat copies and the gradient norm work in {@code double}: a float widens exactly, and is
 * rounded to the nearest float when set from a {@code double}.
 *
 * <p>Element order, used by {@link #copyTo}, {@link #copyFrom}, {@link #offset} and by the
 * optimizers' state, is registration order, matrices row-major, floats and doubles alike.
 * Internally a vector is one row and a matrix its rows; {@link #rowCount()}, {@link #valueRow}
 * and {@link #gradientRow} expose those rows so that an optimizer can visit every element
 * without allocating an iterator. A row is the caller's array itself, never a copy, so a row of
 * a float parameter is only available as {@code float[]}: check {@link #isFloatRow} and call
 * {@link #floatValueRow} and {@link #floatGradientRow} for it.
 *
 * <p>To compute a minibatch's gradient on several threads, give each thread a frame wired to
 * its own {@link #gradientReplica()}, which shares the weights but not the gradients, and add
 * the replicas into this set with {@link #addGradientsFrom} in a fixed order once all threads
 * are done. {@link #save(OutputStream)} and {@link #load(InputStream)} store the values in a
 * small versioned binary format, for checkpoints and trained models.
 *
 * <p>Registration allocates and checks (shapes, unique names, no array registered twice: it
 * would be updated twice per step), as do making replicas, saving and loading; everything else
 * allocates nothing. Not thread-safe: a set is used by one thread at a time, and replicas are
 * what lets threads work side by side.
 */
public final class Parameters {

  private String[] names = new String[0];
  private Object[] valueArrays = new Object[0];
  private Object[] gradientArrays = new Object[0];
  private int[] offsets = new int[0];
  private int[] firstRows = new int[0];
  // Row r is valueRows[r] for a double parameter, floatValueRows[r] for a float one; the other
  // array holds null there. Parallel arrays keep the double path a plain array load.
  private double[][] valueRows = new double[0][];
  private double[][] gradientRows = new double[0][];
  private float[][] floatValueRows = new float[0][];
  private float[][] floatGradientRows = new float[0][];
  private int elementCount;
  private int floatElementCount;
  private final Map<Object, String> registeredRows = new IdentityHashMap<>();

  /** An empty set of parameters; fill it with the {@code add} methods. */
  public Parameters() {}

  /**
   * Registers a vector parameter and its gradient array, which must have the same length.
   *
   * @param name the parameter's name, unique in this set
   * @param value the parameter's values, held by reference (an optimizer writes into it)
   * @param gradient its gradient array, same shape, held by reference (a frame adds into it)
   * @return this, to chain registrations
   * @throws IllegalArgumentException naming the parameter: a null array, a length mismatch, a
   *     name already used, or an array already registered
   */
  public Parameters add(String name, double[] value, double[] gradient) {
    checkVector(name, value, gradient);
    register(name, value, gradient, new Object[] {value}, new Object[] {gradient});
    return this;
  }

  /**
   * Registers a float vector parameter and its float gradient array, which must have the same
   * length: the gradient field of a frame whose method takes {@code float[]}.
   *
   * @param name the parameter's name, unique in this set
   * @param value the parameter's values, held by reference (an optimizer writes into it)
   * @param gradient its gradient array, same shape, held by reference (a frame adds into it)
   * @return this, to chain registrations
   * @throws IllegalArgumentException as for {@link #add(String, double[], double[])}
   */
  public Parameters add(String name, float[] value, float[] gradient) {
    checkVector(name, value, gradient);
    register(name, value, gradient, new Object[] {value}, new Object[] {gradient});
    return this;
  }

  /**
   * Registers a matrix parameter (rows may differ in length) and its gradient array, which must
   * have the same shape.
   *
   * @param name the parameter's name, unique in this set
   * @param value the parameter's values, held by reference (an optimizer writes into it)
   * @param gradient its gradient array, same shape, held by reference (a frame adds into it)
   * @return this, to chain registrations
   * @throws IllegalArgumentException naming the parameter: a null array or row, a shape
   *     mismatch, a name already used, or an array already registered
   */
  public Parameters add(String name, double[][] value, double[][] gradient) {
    checkMatrix(name, value, gradient);
    register(name, value, gradient, value.clone(), gradient.clone());
    return this;
  }

  /**
   * Registers a float matrix parameter (rows may differ in length) and its float gradient
   * array, which must have the same shape.
   *
   * @param name the parameter's name, unique in this set
   * @param value the parameter's values, held by reference (an optimizer writes into it)
   * @param gradient its gradient array, same shape, held by reference (a frame adds into it)
   * @return this, to chain registrations
   * @throws IllegalArgumentException as for {@link #add(String, double[][], double[][])}
   */
  public Parameters add(String name, float[][] value, float[][] gradient) {
    checkMatrix(name, value, gradient);
    register(name, value, gradient, value.clone(), gradient.clone());
    return this;
  }

  /**
   * Registers a vector parameter with a new zero gradient array, to be handed to a frame's
   * {@code d<name>} field through {@link #vectorGradient}.
   *
   * @param name the parameter's name, unique in this set
   * @param value the parameter's values, held by reference (an optimizer writes into it)
   * @return this, to chain registrations
   * @throws IllegalArgumentException naming the parameter: a null array or row, a name already
   *     used, or an array already registered
   */
  public Parameters add(String name, double[] value) {
    requireNonNull(name, "value", value);
    return add(name, value, new double[value.length]);
  }

  /**
   * Registers a matrix parameter with a new zero gradient array of the same shape, to be handed
   * to a frame's {@code d<name>} field through {@link #matrixGradient}.
   *
   * @param name the parameter's name, unique in this set
   * @param value the parameter's values, held by reference (an optimizer writes into it)
   * @return this, to chain registrations
   * @throws IllegalArgumentException naming the parameter: a null array or row, a name already
   *     used, or an array already registered
   */
  public Parameters add(String name, double[][] value) {
    requireNonNull(name, "value", value);
    double[][] gradient = new double[value.length][];
    for (int i = 0; i < value.length; i++) {
      requireNonNull(name, "value[" + i + "]", value[i]);
      gradient[i] = new double[value[i].length];
    }
    return add(name, value, gradient);
  }

  /**
   * Registers a float vector parameter with a new zero float gradient array, to be handed to a
   * frame's {@code d<name>} field through {@link #floatVectorGradient}.
   *
   * @param name the parameter's name, unique in this set
   * @param value the parameter's values, held by reference (an optimizer writes into it)
   * @return this, to chain registrations
   * @throws IllegalArgumentException naming the parameter: a null array or row, a name already
   *     used, or an array already registered
   */
  public Parameters add(String name, float[] value) {
    requireNonNull(name, "value", value);
    return add(name, value, new float[value.length]);
  }

  /**
   * Registers a float matrix parameter with a new zero float gradient array of the same shape,
   * to be handed to a frame's {@code d<name>} field through {@link #floatMatrixGradient}.
   *
   * @param name the parameter's name, unique in this set
   * @param value the parameter's values, held by reference (an optimizer writes into it)
   * @return this, to chain registrations
   * @throws IllegalArgumentException naming the parameter: a null array or row, a name already
   *     used, or an array already registered
   */
  public Parameters add(String name, float[][] value) {
    requireNonNull(name, "value", value);
    float[][] gradient = new float[value.length][];
    for (int i = 0; i < value.length; i++) {
      requireNonNull(name, "value[" + i + "]", value[i]);
      gradient[i] = new float[value[i].length];
    }
    return add(name, value, gradient);
  }

  /**
   * The gradient array of the vector parameter {@code name}.
   *
   * @param name the name it was registered under
   * @return the registered gradient array itself, not a copy
   * @throws IllegalArgumentException if no parameter has that name, or it is of another kind
   */
  public double[] vectorGradient(String name) {
    return (double[]) gradient(name, double[].class);
  }

  /**
   * The gradient array of the matrix parameter {@code name}.
   *
   * @param name the name it was registered under
   * @return the registered gradient array itself, not a copy
   * @throws IllegalArgumentException if no parameter has that name, or it is of another kind
   */
  public double[][] matrixGradient(String name) {
    return (double[][]) gradient(name, double[][].class);
  }

  /**
   * The gradient array of the float vector parameter {@code name}.
   *
   * @param name the name it was registered under
   * @return the registered gradient array itself, not a copy
   * @throws IllegalArgumentException if no parameter has that name, or it is of another kind
   */
  public float[] floatVectorGradient(String name) {
    return (float[]) gradient(name, float[].class);
  }

  /**
   * The gradient array of the float matrix parameter {@code name}.
   *
   * @param name the name it was registered under
   * @return the registered gradient array itself, not a copy
   * @throws IllegalArgumentException if no parameter has that name, or it is of another kind
   */
  public float[][] floatMatrixGradient(String name) {
    return (float[][]) gradient(name, float[][].class);
  }

  /**
   * Whether parameter {@code name} holds floats, for code that handles both kinds: its gradient
   * is then {@link #floatVectorGradient} or {@link #floatMatrixGradient}.
   *
   * @param name the name it was registered under
   * @return true for a float parameter, false for a double one
   * @throws IllegalArgumentException if no parameter has that name
   */
  public boolean isFloat(String name) {
    return isFloatArray(valueArrays[indexOf(name)]);
  }

  /**
   * The number of registered parameters.
   *
   * @return the number of registered parameters
   */
  public int parameterCount() {
    return names.length;
  }

  /**
   * The name of the {@code index}-th registered parameter.
   *
   * @param index the registration index, from 0 to parameterCount() - 1
   * @return the parameter's name
   */
  public String name(int index) {
    return names[index];
  }

  /**
   * Where parameter {@code name} starts in the flat layout of {@link #copyTo}.
   *
   * @param name the name it was registered under
   * @return the index of its first element in a flat copy
   * @throws IllegalArgumentException if no parameter has that name
   */
  public int offset(String name) {
    return offsets[indexOf(name)];
  }

  /**
   * The number of scalars in all parameters together: the length of a flat copy.
   *
   * @return the total number of scalars
   */
  public int elementCount() {
    return elementCount;
  }

  /**
   * The number of rows: one per vector parameter, one per row of each matrix parameter.
   *
   * @return the number of rows
   */
  public int rowCount() {
    return valueRows.length;
  }

  /**
   * Whether row {@code row} belongs to a float parameter, so that it is read with {@link
   * #floatValueRow} and {@link #floatGradientRow} rather than {@link #valueRow} and {@link
   * #gradientRow}.
   *
   * @param row the row index, from 0 to rowCount() - 1
   * @return true if the row is a float parameter's
   */
  public boolean isFloatRow(int row) {
    return valueRows[row] == null;
  }

  /**
   * Row {@code row} of the values, in element order; the array itself, not a copy.
   *
   * @param row the row index, from 0 to rowCount() - 1
   * @return the caller's value array of that row
   * @throws IllegalArgumentException if the row is a float parameter's ({@link #isFloatRow})
   */
  public double[] valueRow(int row) {
    double[] w = valueRows[row];
    if (w == null) {
      throw wrongRowKind(row, "valueRow", "floatValueRow");
    }
    return w;
  }

  /**
   * Row {@code row} of the gradients, the same length as {@link #valueRow}{@code (row)}.
   *
   * @param row the row index, from 0 to rowCount() - 1
   * @return the gradient array of that row
   * @throws IllegalArgumentException if the row is a float parameter's ({@link #isFloatRow})
   */
  public double[] gradientRow(int row) {
    double[] g = gradientRows[row];
    if (g == null) {
      throw wrongRowKind(row, "gradientRow", "floatGradientRow");
    }
    return g;
  }

  /**
   * Row {@code row} of the values of a float parameter; the array itself, not a copy.
   *
   * @param row the row index, from 0 to rowCount() - 1
   * @return the caller's float value array of that row
   * @throws IllegalArgumentException if the row is a double parameter's
   */
  public float[] floatValueRow(int row) {
    float[] w = floatValueRows[row];
    if (w == null) {
      throw wrongRowKind(row, "floatValueRow", "valueRow");
    }
    return w;
  }

  /**
   * Row {@code row} of the gradients of a float parameter, the same length as {@link
   * #floatValueRow}{@code (row)}.
   *
   * @param row the row index, from 0 to rowCount() - 1
   * @return the float gradient array of that row
   * @throws IllegalArgumentException if the row is a double parameter's
   */
  public float[] floatGradientRow(int row) {
    float[] g = floatGradientRows[row];
    if (g == null) {
      throw wrongRowKind(row, "floatGradientRow", "gradientRow");
    }
    return g;
  }

  /**
   * Copies every value into {@code flat}, whose length must be {@link #elementCount()}.
   *
   * @param flat destination of length elementCount(), overwritten
   * @throws IllegalArgumentException if flat is null or its length is not elementCount()
   */
  public void copyTo(double[] flat) {
    gather(valueRows, floatValueRows, flat, "copyTo");
  }

  /**
   * Sets every value from {@code flat}, whose length must be {@link #elementCount()}; a float
   * parameter gets each value rounded to the nearest float.
   *
   * @param flat source of length elementCount(), read
   * @throws IllegalArgumentException if flat is null or its length is not elementCount()
   */
  public void copyFrom(double[] flat) {
    scatter(flat, valueRows, floatValueRows, "copyFrom");
  }

  /**
   * Copies every gradient into {@code flat}, whose length must be {@link #elementCount()}.
   *
   * @param flat destination of length elementCount(), overwritten
   * @throws IllegalArgumentException if flat is null or its length is not elementCount()
   */
  public void copyGradientsTo(double[] flat) {
    gather(gradientRows, floatGradientRows, flat, "copyGradientsTo");
  }

  /**
   * Sets every gradient from {@code flat}, whose length must be {@link #elementCount()}; a float
   * gradient gets each value rounded to the nearest float.
   *
   * @param flat source of length elementCount(), read
   * @throws IllegalArgumentException if flat is null or its length is not elementCount()
   */
  public void copyGradientsFrom(double[] flat) {
    scatter(flat, gradientRows, floatGradientRows, "copyGradientsFrom");
  }

  /** Sets every gradient to 0, as before accumulating the next minibatch. */
  public void zeroGradients() {
    for (int r = 0; r < gradientRows.length; r++) {
      double[] g = gradientRows[r];
      if (g != null) {
        Arrays.fill(g, 0.0);
      } else {
        Arrays.fill(floatGradientRows[r], 0.0f);
      }
    }
  }

  /**
   * A set of the same parameters, under the same names and sharing the same value arrays, each
   * with a new zero gradient array of its own: one per thread, so that each thread's frame adds
   * into its own gradients while all read the same weights, and {@link #addGradientsFrom} then
   * sums them into this set's. Wire each thread's frame to its replica as to this set ({@code
   * frame.dW1 = replica.matrixGradient("W1")}). The optimizer steps this set, never a replica;
   * the weights must not change while threads read them. Register every parameter before making
   * replicas; making one allocates, using it does not.
   *
   * @return a new set whose gradients are independent of this one's
   */
  public Parameters gradientReplica() {
    Parameters replica = new Parameters();
    for (int k = 0; k < names.length; k++) {
      Object value = valueArrays[k];
      if (value instanceof double[]) {
        replica.add(names[k], (double[]) value);
      } else if (value instanceof double[][]) {
        replica.add(names[k], (double[][]) value);
      } else if (value instanceof float[]) {
        replica.add(names[k], (float[]) value);
      } else {
        replica.add(names[k], (float[][]) value);
      }
    }
    return replica;
  }

  /**
   * Adds every gradient element of {@code replica} to this set's, a float gradient in float, so
   * that the gradients of several threads' replicas ({@link #gradientReplica}) become one.
   * Allocates nothing. The sum is the same from run to run when the caller adds the replicas
   * in a fixed order (by index, once every thread has finished) and gives each thread a fixed
   * share of the examples: floating-point addition is not associative, so the order of
   * additions, not the threads' timing, decides the last bits.
   *
   * @param replica a set of the same structure: the same names in the same order, each of the
   *     same kind and shape (values may be other arrays)
   * @throws IllegalArgumentException naming the first parameter whose name, kind or shape
   *     differs, or if {@code replica} is this set
   */
  public void addGradientsFrom(Parameters replica) {
    requireSameStructure(replica);
    for (int r = 0; r < gradientRows.length; r++) {
      double[] g = gradientRows[r];
      if (g != null) {
        double[] add = replica.gradientRows[r];
        for (int j = 0; j < g.length; j++) {
          g[j] += add[j];
        }
      } else {
        float[] f = floatGradientRows[r];
        float[] add = replica.floatGradientRows[r];
        for (int j = 0; j < f.length; j++) {
          f[j] += add[j];
        }
      }
    }
  }

  /**
   * The L2 norm of all gradients taken as one vector, summed in {@code double} also for float
   * gradients (whose squares then cannot overflow). Squares that overflow are summed again
   * rescaled, so a finite gradient has a finite norm.
   *
   * @return the L2 norm of all gradients together
   */
  public double gradientNorm() {
    double sum = 0.0;
    for (int r = 0; r < gradientRows.length; r++) {
      double[] g = gradientRows[r];
      if (g != null) {
        for (double x : g) {
          sum += x * x;
        }
      } else {
        for (double x : floatGradientRows[r]) {
          sum += x * x;
        }
      }
    }
    if (sum != Double.POSITIVE_INFINITY) {
      return Math.sqrt(sum);
    }
    double max = 0.0;
    for (int r = 0; r < gradientRows.length; r++) {
      double[] g = gradientRows[r];
      if (g != null) {
        for (double x : g) {
          max = Math.max(max, Math.abs(x));
        }
      } else {
        for (double x : floatGradientRows[r]) {
          max = Math.max(max, Math.abs(x));
        }
      }
    }
    if (max == Double.POSITIVE_INFINITY) {
      return max;
    }
    double scale = 1.0 / max;
    double scaled = 0.0;
    for (int r = 0; r < gradientRows.length; r++) {
      double[] g = gradientRows[r];
      if (g != null) {
        for (double x : g) {
          double y = x * scale;
          scaled += y * y;
        }
      } else {
        for (double x : floatGradientRows[r]) {
          double y = x * scale;
          scaled += y * y;
        }
      }
    }
    return max * Math.sqrt(scaled);
  }

  /**
   * Scales all gradients together so that their L2 norm is at most {@code maxNorm}, keeping
   * their direction (one global factor, as in "clip by global norm"): a step from an exploding
   * gradient stays bounded. A gradient within the bound, and one whose norm is not finite
   * (NaN or infinite), is left as it is, so that the caller can see the returned norm and skip
   * the step. A float gradient is scaled in {@code double} and rounded, so its norm afterwards
   * may exceed {@code maxNorm} by a float's rounding, about {@code 6e-8} relative.
   *
   * @param maxNorm a positive bound ({@code +∞} disables clipping)
   * @return the norm before clipping
   */
  public double clipGradientNorm(double maxNorm) {
    if (!(maxNorm > 0.0)) {
      throw new IllegalArgumentException("maxNorm must be positive, was " + maxNorm);
    }
    double norm = gradientNorm();
    if (norm > maxNorm && norm != Double.POSITIVE_INFINITY) {
      double factor = maxNorm / norm;
      for (int r = 0; r < gradientRows.length; r++) {
        double[] g = gradientRows[r];
        if (g != null) {
          for (int j = 0; j < g.length; j++) {
            g[j] *= factor;
          }
        } else {
          float[] f = floatGradientRows[r];
          for (int j = 0; j < f.length; j++) {
            f[j] = (float) (f[j] * factor);
          }
        }
      }
    }
    return norm;
  }

  /**
   * Writes every parameter's name, kind, shape and values to {@code out}, so that {@link
   * #load(InputStream)} can read them back into a set registered the same way, such as the same
   * model built again in a later run. Gradients and optimizer state (momentum, moments, step
   * counts) are not written: a resumed Adam starts its moments again from 0. Flushes {@code out}
   * and leaves it open.
   *
   * <p>The format, version 1, every number big-endian as {@link java.io.DataOutputStream} writes
   * it (docs/file-format.md has an example):
   *
   * <pre>
   *   magic     4 bytes  'T' 'L' 'P' 'S' (0x54 0x4C 0x50 0x53)
   *   version   int      1
   *   count     int      the number of parameters, then for each, in registration order:
   *     name    UTF      writeUTF: a 2-byte length, then the name in modified UTF-8
   *     kind    byte     'D' (0x44) for double, 'F' (0x46) for float
   *     rank    byte     1 for a vector, 2 for a matrix
   *     shape   ints     a vector: its length; a matrix: its row count, then each row's length
   *     values           every element in row-major order: 8-byte doubles or 4-byte floats
   *                      (IEEE 754 bits; NaNs are written as the canonical NaN)
   * </pre>
   *
   * A reader that meets a version it does not know must refuse the file; a later version will
   * change the number, not the meaning of version 1.
   *
   * @param out the stream to write to; flushed, left open
   * @throws IOException if {@code out} fails
   */
  public void save(OutputStream out) throws IOException {
    requireArgument("save", "out", out);
    ParameterFile.write(this, out);
  }

  /**
   * {@link #save(OutputStream)} into {@code file}, through a temporary file beside it (its name
   * plus {@code .tmp}) that then replaces {@code file}, atomically where the file system can:
   * an exception or a killed process while saving leaves the previous file whole.
   *
   * @param file the file to create or replace
   * @throws IOException if the file cannot be written
   */
  public void save(Path file) throws IOException {
    requireArgument("save", "file", file);
    Path target = file.toAbsolutePath();
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary))) {
        save(out);
      }
      try {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Reads values written by {@link #save(OutputStream)} into the registered value arrays. The
   * file must hold every registered parameter, matched by name in any order, and no other, each
   * of its registered kind (double or float, vector or matrix) and shape. Everything is read and
   * checked before the first value is written, so a load that throws leaves every array as it
   * was. Gradients are not touched. Reads up to the end of the last parameter and leaves
   * {@code in} open; pass a buffered stream, as it reads one value at a time.
   *
   * @param in the stream to read from, preferably buffered; left open
   * @throws IOException naming the parameter and the mismatch (a name not registered or
   *     missing, another kind or shape), for a wrong magic number or an unsupported version, or
   *     if {@code in} fails; an {@link EOFException} saying where if the data ends early
   */
  public void load(InputStream in) throws IOException {
    requireArgument("load", "in", in);
    ParameterFile.copy(this, ParameterFile.read(this, in));
  }

  /**
   * {@link #load(InputStream)} from {@code file}, which must end where its last parameter
   * does. Messages start with the file's name.
   *
   * @param file the file to read, as written by save
   * @throws IOException as for {@link #load(InputStream)}, or if bytes follow the last
   *     parameter
   */
  public void load(Path file) throws IOException {
    requireArgument("load", "file", file);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      Object[] staged;
      try {
        staged = ParameterFile.read(this, in);
      } catch (EOFException e) {
        EOFException named = new EOFException(file + ": " + e.getMessage());
        named.initCause(e);
        throw named;
      } catch (IOException e) {
        throw new IOException(file + ": " + e.getMessage(), e);
      }
      if (in.read() != -1) {
        throw new IOException(file + ": more bytes follow the last parameter; the file is"
            + " corrupt or not a parameter file");
      }
      ParameterFile.copy(this, staged);
    }
  }

  /**
   * The names and shapes, floats marked, e.g. {@code Parameters[W1 float[3][4], b1 float[3],
   * W2[2][3]]}.
   */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Parameters[");
    for (int k = 0; k < names.length; k++) {
      if (k > 0) {
        s.append(", ");
      }
      Object value = valueArrays[k];
      s.append(names[k]).append(isFloatArray(value) ? " float" : "");
      if (value instanceof Object[]) {
        s.append(describe((Object[]) value));
      } else {
        s.append('[').append(Array.getLength(value)).append(']');
      }
    }
    return s.append(']').toString();
  }

  /**
   * Throws unless some gradient element is nonzero, for an optimizer's first step: a first
   * gradient that is 0 everywhere means the frame adds into arrays nobody registered. One scan,
   * stopping at the first nonzero element.
   *
   * @param optimizer names the optimizer in the message
   * @throws IllegalStateException saying how to wire the gradients
   */
  void requireSomeGradient(String optimizer) {
    for (int r = 0; r < gradientRows.length; r++) {
      double[] g = gradientRows[r];
      if (g != null) {
        for (double x : g) {
          if (x != 0.0) {
            return;
          }
        }
      } else {
        for (float x : floatGradientRows[r]) {
          if (x != 0.0f) {
            return;
          }
        }
      }
    }
    if (elementCount == 0) {
      throw new IllegalStateException(optimizer + ": there are no parameters to train in " + this
          + "; register them before making the optimizer");
    }
    String name = names[0];
    throw new IllegalStateException(optimizer + ": every gradient is 0 at the first step, so"
        + " nothing would train. The optimizer reads the gradient arrays registered in " + this
        + ", and a frame adds into its own d-fields: hand it the registered ones before its"
        + " first call (frame.d" + name + " = p." + gradientAccessor(gradientArrays[0]) + "(\""
        + name + "\") and so on for every parameter), or register the frame's own after a first"
        + " call (add(\"" + name + "\", " + name + ", frame.d" + name + ")); with one frame per"
        + " thread, each wired to a gradientReplica(), add the replicas' gradients into this set"
        + " with addGradientsFrom before stepping");
  }

  /** The value array of the {@code index}-th parameter, for {@link ParameterFile}. */
  Object value(int index) {
    return valueArrays[index];
  }

  /** The number of scalars in float parameters, for optimizers to size their float state. */
  int floatElementCount() {
    return floatElementCount;
  }

  // ---- registration ---------------------------------------------------------------------------

  /** Checks a vector and its gradient, which are both {@code double[]} or both {@code float[]}. */
  private void checkVector(String name, Object value, Object gradient) {
    checkName(name);
    requireNonNull(name, "value", value);
    requireNonNull(name, "gradient", gradient);
    int valueLength = Array.getLength(value);
    int gradientLength = Array.getLength(gradient);
    if (gradientLength != valueLength) {
      throw new IllegalArgumentException("parameter " + name + ": gradient has length "
          + gradientLength + " but the value has length " + valueLength);
    }
  }

  /** Checks a matrix and its gradient, whose rows are all {@code double[]} or all float. */
  private void checkMatrix(String name, Object[] value, Object[] gradient) {
    checkName(name);
    requireNonNull(name, "value", value);
    requireNonNull(name, "gradient", gradient);
    if (gradient.length != value.length) {
      throw new IllegalArgumentException("parameter " + name + ": gradient has "
          + gradient.length + " rows but the value has " + value.length);
    }
    for (int i = 0; i < value.length; i++) {
      requireNonNull(name, "value[" + i + "]", value[i]);
      requireNonNull(name, "gradient[" + i + "]", gradient[i]);
      int valueLength = Array.getLength(value[i]);
      int gradientLength = Array.getLength(gradient[i]);
      if (gradientLength != valueLength) {
        throw new IllegalArgumentException("parameter " + name + ": gradient[" + i
            + "] has length " + gradientLength + " but value[" + i + "] has length "
            + valueLength);
      }
    }
  }

  /**
   * Appends a checked parameter; {@code newValueRows} and {@code newGradientRows} are its rows,
   * all {@code double[]} or all {@code float[]}.
   */
  private void register(String name, Object value, Object gradient, Object[] newValueRows,
      Object[] newGradientRows) {
    boolean vector = !(value instanceof Object[]);
    Map<Object, String> rows = new IdentityHashMap<>();
    for (int i = 0; i < newValueRows.length; i++) {
      claim(rows, newValueRows[i], name, vector ? "value" : "value[" + i + "]");
      claim(rows, newGradientRows[i], name, vector ? "gradient" : "gradient[" + i + "]");
    }
    int added = 0;
    for (Object row : newValueRows) {
      added = Math.addExact(added, Array.getLength(row));
    }
    int newElementCount = Math.addExact(elementCount, added);
    registeredRows.putAll(rows);

    int k = names.length;
    names = Arrays.copyOf(names, k + 1);
    valueArrays = Arrays.copyOf(valueArrays, k + 1);
    gradientArrays = Arrays.copyOf(gradientArrays, k + 1);
    offsets = Arrays.copyOf(offsets, k + 1);
    firstRows = Arrays.copyOf(firstRows, k + 1);
    names[k] = name;
    valueArrays[k] = value;
    gradientArrays[k] = gradient;
    offsets[k] = elementCount;
    firstRows[k] = valueRows.length;
    int r = valueRows.length;
    int n = r + newValueRows.length;
    valueRows = Arrays.copyOf(valueRows, n);
    gradientRows = Arrays.copyOf(gradientRows, n);
    floatValueRows = Arrays.copyOf(floatValueRows, n);
    floatGradientRows = Arrays.copyOf(floatGradientRows, n);
    boolean floats = isFloatArray(value);
    for (int i = 0; i < newValueRows.length; i++, r++) {
      if (floats) {
        floatValueRows[r] = (float[]) newValueRows[i];
        floatGradientRows[r] = (float[]) newGradientRows[i];
      } else {
        valueRows[r] = (double[]) newValueRows[i];
        gradientRows[r] = (double[]) newGradientRows[i];
      }
    }
    elementCount = newElementCount;
    if (floats) {
      floatElementCount += added;
    }
  }

  /** Records that {@code row} belongs to {@code name}; an array must not be registered twice. */
  private void claim(Map<Object, String> rows, Object row, String name, String role) {
    String owner = registeredRows.get(row);
    if (owner == null) {
      owner = rows.get(row);
    }
    if (owner != null) {
      throw new IllegalArgumentException("parameter " + name + ": " + role
          + " is an array already registered as " + owner
          + "; every value and gradient array must be distinct, or it is updated twice");
    }
    rows.put(row, name + " " + role);
  }

  private void checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a parameter needs a non-empty name");
    }
    for (String n : names) {
      if (n.equals(name)) {
        throw new IllegalArgumentException("parameter " + name + " is already registered");
      }
    }
  }

  private static void requireArgument(String method, String what, Object argument) {
    if (argument == null) {
      throw new IllegalArgumentException(method + ": " + what + " is null");
    }
  }

  private static void requireNonNull(String name, String what, Object array) {
    if (array == null) {
      throw new IllegalArgumentException("parameter " + name + ": " + what + " is null"
          + ("gradient".equals(what)
              ? "; a frame allocates its d-fields on its first call: register with add(name,"
                  + " value) and assign the gradient array it allocates to the frame's field"
              : ""));
    }
  }

  /** Checks that {@code other} has this set's names, kinds and shapes, without allocating. */
  private void requireSameStructure(Parameters other) {
    if (other == null) {
      throw new IllegalArgumentException("addGradientsFrom: replica is null");
    }
    if (other == this) {
      throw new IllegalArgumentException("addGradientsFrom: the replica is this set itself,"
          + " whose gradients would double; add the replicas made by gradientReplica()");
    }
    int k = 0;
    for (; k < names.length && k < other.names.length; k++) {
      String name = names[k];
      if (!name.equals(other.names[k])) {
        throw new IllegalArgumentException("addGradientsFrom: parameter " + (k + 1) + " is "
            + name + " here but " + other.names[k] + " in the replica");
      }
      Object value = valueArrays[k];
      Object theirs = other.valueArrays[k];
      if (value.getClass() != theirs.getClass()) {
        throw new IllegalArgumentException("addGradientsFrom: parameter " + name + " is a "
            + kindOf(value) + " here but a " + kindOf(theirs) + " in the replica");
      }
      int end = k + 1 < firstRows.length ? firstRows[k + 1] : valueRows.length;
      int otherEnd = k + 1 < other.firstRows.length ? other.firstRows[k + 1]
          : other.valueRows.length;
      boolean same = end - firstRows[k] == otherEnd - other.firstRows[k];
      for (int r = firstRows[k], s = other.firstRows[k]; same && r < end; r++, s++) {
        same = rowLength(r) == other.rowLength(s);
      }
      if (!same) {
        String here = shapeOf(value);
        String there = shapeOf(theirs);
        throw new IllegalArgumentException("addGradientsFrom: parameter " + name + " has shape "
            + here + " here but " + there + " in the replica"
            + (here.equals(there) ? " (the row lengths differ)" : ""));
      }
    }
    if (k < names.length || k < other.names.length) {
      throw new IllegalArgumentException("addGradientsFrom: " + this + " has "
          + names.length + " parameters but the replica, " + other + ", has "
          + other.names.length);
    }
  }

  private int rowLength(int row) {
    double[] g = gradientRows[row];
    return g != null ? g.length : floatGradientRows[row].length;
  }

  private static String shapeOf(Object value) {
    return value instanceof Object[] ? describe((Object[]) value)
        : "[" + Array.getLength(value) + "]";
  }

  /** The gradient of {@code name}, which must be of class {@code kind}. */
  private Object gradient(String name, Class<?> kind) {
    Object g = gradientArrays[indexOf(name)];
    if (g.getClass() != kind) {
      throw new IllegalArgumentException("parameter " + name + " is a " + kindOf(g) + ": use "
          + gradientAccessor(g) + "(\"" + name + "\")");
    }
    return g;
  }

  private IllegalArgumentException wrongRowKind(int row, String method, String instead) {
    int k = 0;
    while (k + 1 < firstRows.length && firstRows[k + 1] <= row) {
      k++;
    }
    return new IllegalArgumentException(method + ": row " + row + " is part of "
        + kindOf(valueArrays[k]) + " " + names[k] + ": use " + instead + "(" + row + ")");
  }

  private static boolean isFloatArray(Object array) {
    return array instanceof float[] || array instanceof float[][];
  }

  private static String kindOf(Object array) {
    return (isFloatArray(array) ? "float " : "")
        + (array instanceof Object[] ? "matrix" : "vector");
  }

  private static String gradientAccessor(Object array) {
    if (array instanceof double[]) {
      return "vectorGradient";
    } else if (array instanceof double[][]) {
      return "matrixGradient";
    } else if (array instanceof float[]) {
      return "floatVectorGradient";
    }
    return "floatMatrixGradient";
  }

  private int indexOf(String name) {
    for (int k = 0; k < names.length; k++) {
      if (names[k].equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("no parameter named " + name + " in " + this);
  }

  private static String describe(Object[] m) {
    if (m.length == 0) {
      return "[0][]";
    }
    int columns = Array.getLength(m[0]);
    for (Object row : m) {
      if (Array.getLength(row) != columns) {
        return "[" + m.length + "][jagged]";
      }
    }
    return "[" + m.length + "][" + columns + "]";
  }

  // ---- flat copies ----------------------------------------------------------------------------

  private void gather(double[][] rows, float[][] floatRows, double[] flat, String method) {
    requireFlat(flat, method);
    int at = 0;
    for (int r = 0; r < rows.length; r++) {
      double[] row = rows[r];
      if (row != null) {
        System.arraycopy(row, 0, flat, at, row.length);
        at += row.length;
      } else {
        for (float x : floatRows[r]) {
          flat[at++] = x;
        }
      }
    }
  }

  private void scatter(double[] flat, double[][] rows, float[][] floatRows, String method) {
    requireFlat(flat, method);
    int at = 0;
    for (int r = 0; r < rows.length; r++) {
      double[] row = rows[r];
      if (row != null) {
        System.arraycopy(flat, at, row, 0, row.length);
        at += row.length;
      } else {
        float[] f = floatRows[r];
        for (int j = 0; j < f.length; j++) {
          f[j] = (float) flat[at++];
        }
      }
    }
  }

  private void requireFlat(double[] flat, String method) {
    if (flat == null || flat.length != elementCount) {
      throw new IllegalArgumentException(method + ": flat array has length "
          + (flat == null ? "null" : String.valueOf(flat.length)) + " but the parameters have "
          + elementCount + " elements");
    }
  }
}

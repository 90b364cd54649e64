package dev.tapeless.runtime.train;

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
 *
 * <p>Element order, used by {@link #copyTo}, {@link #copyFrom}, {@link #offset} and by the
 * optimizers' state, is registration order, matrices row-major. Internally a {@code double[]}
 * is one row and a {@code double[][]} its rows; {@link #rowCount()}, {@link #valueRow} and
 * {@link #gradientRow} expose those rows so that an optimizer can visit every element without
 * allocating an iterator.
 *
 * <p>Registration allocates and checks (shapes, unique names, no array registered twice: it
 * would be updated twice per step); everything else allocates nothing. Not thread-safe.
 */
public final class Parameters {

  private String[] names = new String[0];
  private Object[] valueArrays = new Object[0];
  private Object[] gradientArrays = new Object[0];
  private int[] offsets = new int[0];
  private double[][] valueRows = new double[0][];
  private double[][] gradientRows = new double[0][];
  private int elementCount;
  private final Map<double[], String> registeredRows = new IdentityHashMap<>();

  /** An empty set of parameters; fill it with the {@code add} methods. */
  public Parameters() {}

  /**
   * Registers a vector parameter and its gradient array, which must have the same length.
   *
   * @return this, to chain registrations
   * @throws IllegalArgumentException naming the parameter: a null array, a length mismatch, a
   *     name already used, or an array already registered
   */
  public Parameters add(String name, double[] value, double[] gradient) {
    checkName(name);
    requireNonNull(name, "value", value);
    requireNonNull(name, "gradient", gradient);
    if (gradient.length != value.length) {
      throw new IllegalArgumentException("parameter " + name + ": gradient has length "
          + gradient.length + " but the value has length " + value.length);
    }
    register(name, value, gradient, new double[][] {value}, new double[][] {gradient});
    return this;
  }

  /**
   * Registers a matrix parameter (rows may differ in length) and its gradient array, which must
   * have the same shape.
   *
   * @return this, to chain registrations
   * @throws IllegalArgumentException naming the parameter: a null array or row, a shape
   *     mismatch, a name already used, or an array already registered
   */
  public Parameters add(String name, double[][] value, double[][] gradient) {
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
      if (gradient[i].length != value[i].length) {
        throw new IllegalArgumentException("parameter " + name + ": gradient[" + i
            + "] has length " + gradient[i].length + " but value[" + i + "] has length "
            + value[i].length);
      }
    }
    register(name, value, gradient, value.clone(), gradient.clone());
    return this;
  }

  /**
   * Registers a vector parameter with a new zero gradient array, to be handed to a frame's
   * {@code d<name>} field through {@link #vectorGradient}.
   */
  public Parameters add(String name, double[] value) {
    requireNonNull(name, "value", value);
    return add(name, value, new double[value.length]);
  }

  /**
   * Registers a matrix parameter with a new zero gradient array of the same shape, to be handed
   * to a frame's {@code d<name>} field through {@link #matrixGradient}.
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

  /** The gradient array of the vector parameter {@code name}. */
  public double[] vectorGradient(String name) {
    Object g = gradientArrays[indexOf(name)];
    if (!(g instanceof double[])) {
      throw new IllegalArgumentException(
          "parameter " + name + " is a matrix: use matrixGradient(\"" + name + "\")");
    }
    return (double[]) g;
  }

  /** The gradient array of the matrix parameter {@code name}. */
  public double[][] matrixGradient(String name) {
    Object g = gradientArrays[indexOf(name)];
    if (!(g instanceof double[][])) {
      throw new IllegalArgumentException(
          "parameter " + name + " is a vector: use vectorGradient(\"" + name + "\")");
    }
    return (double[][]) g;
  }

  /** The number of registered parameters. */
  public int parameterCount() {
    return names.length;
  }

  /** The name of the {@code index}-th registered parameter. */
  public String name(int index) {
    return names[index];
  }

  /** Where parameter {@code name} starts in the flat layout of {@link #copyTo}. */
  public int offset(String name) {
    return offsets[indexOf(name)];
  }

  /** The number of scalars in all parameters together: the length of a flat copy. */
  public int elementCount() {
    return elementCount;
  }

  /** The number of rows: one per vector parameter, one per row of each matrix parameter. */
  public int rowCount() {
    return valueRows.length;
  }

  /** Row {@code row} of the values, in element order; the array itself, not a copy. */
  public double[] valueRow(int row) {
    return valueRows[row];
  }

  /** Row {@code row} of the gradients, the same length as {@link #valueRow}{@code (row)}. */
  public double[] gradientRow(int row) {
    return gradientRows[row];
  }

  /** Copies every value into {@code flat}, whose length must be {@link #elementCount()}. */
  public void copyTo(double[] flat) {
    gather(valueRows, flat, "copyTo");
  }

  /** Sets every value from {@code flat}, whose length must be {@link #elementCount()}. */
  public void copyFrom(double[] flat) {
    scatter(flat, valueRows, "copyFrom");
  }

  /** Copies every gradient into {@code flat}, whose length must be {@link #elementCount()}. */
  public void copyGradientsTo(double[] flat) {
    gather(gradientRows, flat, "copyGradientsTo");
  }

  /** Sets every gradient from {@code flat}, whose length must be {@link #elementCount()}. */
  public void copyGradientsFrom(double[] flat) {
    scatter(flat, gradientRows, "copyGradientsFrom");
  }

  /** Sets every gradient to 0, as before accumulating the next minibatch. */
  public void zeroGradients() {
    for (double[] g : gradientRows) {
      Arrays.fill(g, 0.0);
    }
  }

  /**
   * The L2 norm of all gradients taken as one vector. Squares that overflow are summed again
   * rescaled, so a finite gradient has a finite norm.
   */
  public double gradientNorm() {
    double sum = 0.0;
    for (double[] g : gradientRows) {
      for (double x : g) {
        sum += x * x;
      }
    }
    if (sum != Double.POSITIVE_INFINITY) {
      return Math.sqrt(sum);
    }
    double max = 0.0;
    for (double[] g : gradientRows) {
      for (double x : g) {
        max = Math.max(max, Math.abs(x));
      }
    }
    if (max == Double.POSITIVE_INFINITY) {
      return max;
    }
    double scale = 1.0 / max;
    double scaled = 0.0;
    for (double[] g : gradientRows) {
      for (double x : g) {
        double y = x * scale;
        scaled += y * y;
      }
    }
    return max * Math.sqrt(scaled);
  }

  /**
   * Scales all gradients together so that their L2 norm is at most {@code maxNorm}, keeping
   * their direction (one global factor, as in "clip by global norm"): a step from an exploding
   * gradient stays bounded. A gradient within the bound, and one whose norm is not finite
   * (NaN or infinite), is left as it is, so that the caller can see the returned norm and skip
   * the step.
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
      for (double[] g : gradientRows) {
        for (int j = 0; j < g.length; j++) {
          g[j] *= factor;
        }
      }
    }
    return norm;
  }

  /** The names and shapes, e.g. {@code Parameters[W1[3][4], b1[3]]}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Parameters[");
    for (int k = 0; k < names.length; k++) {
      if (k > 0) {
        s.append(", ");
      }
      s.append(names[k]);
      if (valueArrays[k] instanceof double[]) {
        s.append('[').append(((double[]) valueArrays[k]).length).append(']');
      } else {
        s.append(describe((double[][]) valueArrays[k]));
      }
    }
    return s.append(']').toString();
  }

  // ---- registration ---------------------------------------------------------------------------

  private void register(String name, Object value, Object gradient, double[][] newValueRows,
      double[][] newGradientRows) {
    Map<double[], String> rows = new IdentityHashMap<>();
    for (int i = 0; i < newValueRows.length; i++) {
      claim(rows, newValueRows[i], name, value instanceof double[] ? "value" : "value[" + i + "]");
      claim(rows, newGradientRows[i], name,
          gradient instanceof double[] ? "gradient" : "gradient[" + i + "]");
    }
    registeredRows.putAll(rows);

    int k = names.length;
    names = Arrays.copyOf(names, k + 1);
    valueArrays = Arrays.copyOf(valueArrays, k + 1);
    gradientArrays = Arrays.copyOf(gradientArrays, k + 1);
    offsets = Arrays.copyOf(offsets, k + 1);
    names[k] = name;
    valueArrays[k] = value;
    gradientArrays[k] = gradient;
    offsets[k] = elementCount;
    valueRows = concat(valueRows, newValueRows);
    gradientRows = concat(gradientRows, newGradientRows);
    for (double[] row : newValueRows) {
      elementCount = Math.addExact(elementCount, row.length);
    }
  }

  /** Records that {@code row} belongs to {@code name}; an array must not be registered twice. */
  private void claim(Map<double[], String> rows, double[] row, String name, String role) {
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

  private static void requireNonNull(String name, String what, Object array) {
    if (array == null) {
      throw new IllegalArgumentException("parameter " + name + ": " + what + " is null"
          + ("gradient".equals(what)
              ? "; a frame allocates its d-fields on its first call: register with add(name,"
                  + " value) and assign the gradient array it allocates to the frame's field"
              : ""));
    }
  }

  private int indexOf(String name) {
    for (int k = 0; k < names.length; k++) {
      if (names[k].equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("no parameter named " + name + " in " + this);
  }

  private static double[][] concat(double[][] a, double[][] b) {
    double[][] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static String describe(double[][] m) {
    if (m.length == 0) {
      return "[0][]";
    }
    for (double[] row : m) {
      if (row.length != m[0].length) {
        return "[" + m.length + "][jagged]";
      }
    }
    return "[" + m.length + "][" + m[0].length + "]";
  }

  // ---- flat copies ----------------------------------------------------------------------------

  private void gather(double[][] rows, double[] flat, String method) {
    requireFlat(flat, method);
    int at = 0;
    for (double[] row : rows) {
      System.arraycopy(row, 0, flat, at, row.length);
      at += row.length;
    }
  }

  private void scatter(double[] flat, double[][] rows, String method) {
    requireFlat(flat, method);
    int at = 0;
    for (double[] row : rows) {
      System.arraycopy(flat, at, row, 0, row.length);
      at += row.length;
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

package dev.tapeless.fuzz;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One switch per language feature the generator can emit, so that constructs the processor does
 * not support yet can be turned on in one place when it does. Defaults cover the subset the
 * README documents; the last group is that subset's known outside and is off.
 */
public final class Features {
  // Scalar code.
  public boolean compoundAssign = true;
  public boolean incDec = true;
  public boolean remainder = true;
  public boolean casts = true;
  public boolean longs = true;
  public boolean booleans = true;
  public boolean ternary = true;
  public boolean ifElse = true;
  public boolean earlyReturn = true;
  public boolean mathFunctions = true;
  public boolean strictMath = true;
  public boolean nonSmooth = true;
  public boolean intMathOverloads = true;
  public boolean intCompoundWithDouble = true;
  public boolean constants = true;
  // Loops.
  public boolean countedLoops = true;
  public boolean countingDown = true;
  public boolean nonCountedFor = true;
  public boolean forEach = true;
  public boolean whileLoops = true;
  public boolean doWhileLoops = true;
  public boolean breakContinue = true;
  public boolean nestedLoops = true;
  public boolean activeLoopConditions = true;
  public boolean activeTripCounts = true;
  // Arrays.
  public boolean arrayParams = true;
  public boolean matrixParams = true;
  public boolean jaggedMatrices = true;
  public boolean intArrays = true;
  public boolean localArrays = true;
  public boolean arrayCompoundMulDiv = true;
  public boolean arrayIncDec = true;
  public boolean activeIndices = true;
  public boolean emptyArrays = true;
  // Parameters and calls.
  public boolean outParams = true;
  public boolean noDerivative = true;
  public boolean wrt = true;
  public boolean calls = true;
  public boolean rowArguments = true;
  public boolean kernels = true;
  public boolean helpers = true;
  /**
   * Some callees also printed without {@code @Differentiable} ({@code m3Plain}, see
   * {@code ast.UnannotatedCopies}), called in their place: Tapeless differentiates them as
   * helpers, by inlining.
   */
  public boolean unannotatedCallees = true;
  /** {@code return} inside a loop. */
  public boolean returnInLoop = true;
  /** {@code x[i++] = ...}: an increment inside an index. */
  public boolean postIncrementIndex = true;
  /** {@code java.util.Arrays.fill(t, v)} on a local array. */
  public boolean arraysFill = true;
  /** {@code System.arraycopy(s, 0, t, 0, n)} into a writable array. */
  public boolean arrayCopy = true;
  /** {@code double[] t = v.clone();} as a local array. */
  public boolean arrayClone = true;
  /**
   * Row variables: {@code double[] row = W[i];} (also in loops, from their index) and
   * {@code double[] a = b;} (a parameter, a record component, a field), read, written through
   * when the array they name is writable, passed to calls, filled, copied, cloned, and moved
   * to another row of the same matrix ({@code row = W[k];}). Java's aliasing: a write through
   * {@code row} changes {@code W}.
   */
  public boolean rowVariables = true;
  /** {@code for (double[] row : A)}: enhanced for over the rows of a matrix (a row variable). */
  public boolean forEachRows = true;
  /**
   * Arrays created inside loop bodies and branches ({@code new double[n]}, {@code new
   * double[n][m]}, {@code {a, b}}, {@code x.clone()}), fresh in each iteration, partly written
   * and then read. Inside a loop a size is made only of parameters' lengths, int parameters,
   * ints set once outside every loop and literals: a size the loop may change is TL102.
   */
  public boolean arraysInLoops = true;
  /**
   * Record parameters: consecutive parameters printed as the components of a record (nested
   * records too), read through accessor chains, sometimes {@code @NoDerivative} or named by
   * {@code wrt}, and passed whole to methods taking the same record type.
   */
  public boolean records = true;
  /**
   * Model classes: some classes get fields (numbers, arrays, a record field, a
   * {@code @NoDerivative} one, a {@code String}) and instance methods reading them and calling
   * each other on the same object ({@code m3(x)}, {@code this.m3(x)}).
   */
  public boolean models = true;
  /**
   * Value classes: every other record type of a class (never one a method takes
   * {@code @NoDerivative}, which would make it an object, nor a model field's) is printed as a
   * final class with public fields and a constructor, read {@code p.a} instead of
   * {@code p.a()}.
   */
  public boolean valueClasses = true;
  /**
   * {@code @NoDerivative java.util.Random} and {@code SplittableRandom} parameters: draws
   * ({@code nextDouble()}, {@code nextGaussian()}, {@code nextInt(b)}) in expressions,
   * conditions and trip counts, in int locals used as indices ({@code int k = rng.nextInt(n);}:
   * a draw inside an index is TL119), and the object passed on to callees taking one. Every
   * call of the method, its twin and its frame gets a fresh object of the same seed.
   */
  public boolean objectParams = true;
  /**
   * Read-only {@code List<double[]>} and {@code List<double[][]>} parameters, read by
   * {@code xs.size()}, {@code xs.get(i)[j]}, {@code xs.get(i).length} and
   * {@code for (double[] x : xs)}, and passed whole to callees taking one: data, never
   * differentiated.
   */
  public boolean listParams = true;
  /**
   * {@code @Checkpoint} (sometimes with {@code every = 1..4}) on outermost counted loops the
   * processor accepts it on (see {@code gen.Checkpoints}), and long constant loops (5 to 40
   * trips) for several segments. The gradient must not change: the checker compares it with
   * the same class compiled without the annotations, bit for bit.
   */
  public boolean checkpoints = true;
  /**
   * A record passed whole to a {@code @Differentiable} method in a comparison or a cast to int
   * or long: {@code g(p) > 0 ? x : 2 * x}, {@code t[(int) g(p)]}. Found by this tester (seed
   * 2): the generated sweeps copied such a call with the record's leaves as arguments and did
   * not compile; the processor now computes the call first, over the leaves.
   */
  public boolean recordsInConditions = true;
  /**
   * {@code for (double e : A[i])}: enhanced for over a row expression, the row taken once
   * before the loop as Java does (the body may change {@code i}).
   */
  public boolean forEachOverRow = true;

  /** The default switches. */
  public static Features defaults() {
    return new Features();
  }

  /**
   * Applies a comma-separated list of {@code name=on|off} (or {@code name}, {@code -name}),
   * for example {@code returnInLoop=on,kernels=off}.
   */
  public Features with(String spec) {
    if (spec == null || spec.isBlank()) {
      return this;
    }
    for (String part : spec.split(",")) {
      String p = part.trim();
      boolean value = true;
      String name = p;
      if (p.startsWith("-")) {
        value = false;
        name = p.substring(1);
      } else if (p.contains("=")) {
        name = p.substring(0, p.indexOf('='));
        String v = p.substring(p.indexOf('=') + 1).toLowerCase(Locale.ROOT);
        value = v.equals("on") || v.equals("true") || v.equals("1");
      }
      set(name, value);
    }
    return this;
  }

  private void set(String name, boolean value) {
    try {
      Field f = Features.class.getField(name);
      f.setBoolean(this, value);
    } catch (NoSuchFieldException | IllegalAccessException e) {
      throw new IllegalArgumentException("unknown feature '" + name + "'; known: " + names(), e);
    }
  }

  /** Every switch's name. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    for (Field f : Features.class.getFields()) {
      if (f.getType() == boolean.class) {
        names.add(f.getName());
      }
    }
    return names;
  }

  @Override
  public String toString() {
    List<String> changed = new ArrayList<>();
    Features d = defaults();
    for (Field f : Features.class.getFields()) {
      try {
        if (f.getType() == boolean.class && f.getBoolean(this) != f.getBoolean(d)) {
          changed.add(f.getName() + "=" + (f.getBoolean(this) ? "on" : "off"));
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    return changed.isEmpty() ? "defaults" : String.join(",", changed);
  }
}

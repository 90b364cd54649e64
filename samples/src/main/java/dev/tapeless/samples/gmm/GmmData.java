package dev.tapeless.samples.gmm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One input of the ADBench GMM objective, read from ADBench's text format (see
 * {@code src/main/resources/adbench-gmm/README.md}):
 *
 * <pre>
 *   D K N
 *   alpha_k                            K lines, 1 number each
 *   mu_k                               K lines, D numbers each
 *   q_k (D numbers) l_k (D(D-1)/2)     K lines
 *   x_i                                N lines, D numbers each
 *   gamma m                            the Wishart prior
 * </pre>
 *
 * <p>The reader is strict, because a silently shifted line would give a plausible but wrong
 * objective: every line must hold exactly the expected count of finite numbers, and any
 * deviation is a {@link MalformedException} naming the file and the line. Blank lines are
 * skipped (but still counted, so line numbers match an editor's).
 *
 * <p>The arrays are shared, not copied: callers may perturb them (finite differences) and must
 * restore them. Record equality is therefore identity of the arrays.
 *
 * @param source where the data came from (file or resource name), for messages
 * @param d the dimension D of each point
 * @param k the number of mixture components K
 * @param n the number of points N
 * @param alpha the K mixture weights (before the softmax)
 * @param means K × D component means
 * @param icf K × (D + D(D−1)/2) inverse-covariance factors: D log-diagonal entries, then the
 *     strictly lower triangle column by column
 * @param x N × D points
 * @param gamma the Wishart prior's γ
 * @param m the Wishart prior's m (degrees of freedom beyond D + 1)
 */
public record GmmData(
    String source,
    int d,
    int k,
    int n,
    double[] alpha,
    double[][] means,
    double[][] icf,
    double[][] x,
    double gamma,
    int m) {

  /** The class-path folder holding the bundled ADBench inputs. */
  public static final String RESOURCE_FOLDER = "/adbench-gmm/";

  /** The bundled inputs, smallest first (ADBench data/gmm/1k; all have N = 1000). */
  public static final List<String> BUNDLED =
      List.of("gmm_d2_K5.txt", "gmm_d10_K25.txt", "gmm_d20_K50.txt");

  /** Validates the shapes, so that a record in hand is always consistent. */
  public GmmData {
    Objects.requireNonNull(source, "source");
    if (alpha.length != k || means.length != k || icf.length != k || x.length != n) {
      throw new IllegalArgumentException(source + ": arrays do not match K = " + k
          + ", N = " + n);
    }
    for (int c = 0; c < k; c++) {
      if (means[c].length != d || icf[c].length != icfLength(d)) {
        throw new IllegalArgumentException(source + ": component " + c
            + " does not match D = " + d);
      }
    }
    for (double[] point : x) {
      if (point.length != d) {
        throw new IllegalArgumentException(source + ": a point does not match D = " + d);
      }
    }
  }

  /** D + D(D−1)/2: the numbers of one component's inverse-covariance factor. */
  public static int icfLength(int d) {
    return d + d * (d - 1) / 2;
  }

  /** The size of the gradient: K + K·D + K·(D + D(D−1)/2), ordered alpha, means, icf. */
  public int parameterCount() {
    return k + k * d + k * icfLength(d);
  }

  /**
   * Reads a bundled input from the class path, e.g. {@code gmm_d2_K5.txt}.
   *
   * @throws IllegalArgumentException if there is no such resource
   * @throws MalformedException if its content is not a valid GMM input
   */
  public static GmmData fromResource(String name) {
    String path = RESOURCE_FOLDER + name;
    InputStream in = GmmData.class.getResourceAsStream(path);
    if (in == null) {
      throw new IllegalArgumentException("no class-path resource " + path);
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return read(name, reader);
    } catch (IOException e) {
      throw new UncheckedIOException("reading class-path resource " + path, e);
    }
  }

  /**
   * Reads a GMM input file, e.g. one of ADBench's {@code data/gmm} files.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws MalformedException if its content is not a valid GMM input
   */
  public static GmmData fromPath(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(file.toString(), reader);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  /**
   * Parses GMM input text; {@code source} names it in error messages.
   *
   * @throws MalformedException if the text is not a valid GMM input
   */
  public static GmmData read(String source, Reader text) throws IOException {
    Lines lines = new Lines(source, new BufferedReader(text));
    String[] header = lines.next("the header 'D K N'", 3);
    int d = lines.positiveInt(header[0], "D");
    int k = lines.positiveInt(header[1], "K");
    int n = lines.positiveInt(header[2], "N");
    double[] alpha = new double[k];
    for (int c = 0; c < k; c++) {
      alpha[c] = lines.numbers("alpha_" + (c + 1), 1)[0];
    }
    double[][] means = new double[k][];
    for (int c = 0; c < k; c++) {
      means[c] = lines.numbers("mu_" + (c + 1), d);
    }
    double[][] icf = new double[k][];
    for (int c = 0; c < k; c++) {
      icf[c] = lines.numbers("q_" + (c + 1) + " and l_" + (c + 1), icfLength(d));
    }
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = lines.numbers("x_" + (i + 1), d);
    }
    double[] prior = lines.numbers("the Wishart parameters 'gamma m'", 2);
    if (!(prior[0] > 0)) {
      throw lines.error("gamma must be positive, found " + prior[0]);
    }
    if (prior[1] != Math.rint(prior[1]) || prior[1] < 0 || prior[1] > 1_000_000) {
      throw lines.error("m must be a non-negative whole number, found " + prior[1]);
    }
    lines.expectEnd();
    return new GmmData(source, d, k, n, alpha, means, icf, x, prior[0], (int) prior[1]);
  }

  /** A one-line summary: {@code gmm_d2_K5.txt: D = 2, K = 5, N = 1000}. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s: D = %d, K = %d, N = %d", source, d, k, n);
  }

  /** A GMM input that does not follow the format; the message names the file and the line. */
  public static final class MalformedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;

    MalformedException(String source, int line, String problem) {
      super(source + ", line " + line + ": " + problem);
      this.source = source;
      this.line = line;
    }

    /** The file or resource that is malformed. */
    public String source() {
      return source;
    }

    /** The 1-based line of the problem (one past the last line if the input ended early). */
    public int line() {
      return line;
    }
  }

  /** Walks the non-blank lines, keeping the line number for messages. */
  private static final class Lines {
    private final String source;
    private final BufferedReader reader;
    private int lineNumber;

    Lines(String source, BufferedReader reader) {
      this.source = source;
      this.reader = reader;
    }

    /** The next non-blank line split into exactly {@code count} tokens. */
    String[] next(String what, int count) throws IOException {
      String line;
      do {
        line = reader.readLine();
        lineNumber++;
        if (line == null) {
          throw error("the input ends where " + what + " was expected");
        }
        line = line.strip();
      } while (line.isEmpty());
      String[] tokens = line.split("\\s+");
      if (tokens.length != count) {
        throw error("expected " + count + (count == 1 ? " number" : " numbers") + " (" + what
            + "), found " + tokens.length + ": '" + abbreviate(line) + "'");
      }
      return tokens;
    }

    /** The next line as exactly {@code count} finite numbers. */
    double[] numbers(String what, int count) throws IOException {
      String[] tokens = next(what, count);
      double[] values = new double[count];
      for (int i = 0; i < count; i++) {
        values[i] = number(tokens[i], what);
      }
      return values;
    }

    double number(String token, String what) {
      double v;
      try {
        v = Double.parseDouble(token);
      } catch (NumberFormatException e) {
        throw error("'" + abbreviate(token) + "' is not a number (" + what + ")");
      }
      if (!Double.isFinite(v)) {
        throw error("'" + token + "' is not a finite number (" + what + ")");
      }
      return v;
    }

    int positiveInt(String token, String what) {
      try {
        int v = Integer.parseInt(token);
        if (v > 0) {
          return v;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw error(what + " must be a positive whole number, found '" + abbreviate(token) + "'");
    }

    void expectEnd() throws IOException {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (!line.isBlank()) {
          throw error("unexpected content after the Wishart parameters: '"
              + abbreviate(line.strip()) + "'");
        }
      }
    }

    MalformedException error(String problem) {
      return new MalformedException(source, lineNumber, problem);
    }

    private static String abbreviate(String s) {
      return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
  }
}

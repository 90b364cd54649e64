package dev.tapeless.samples.lstm;

import dev.tapeless.runtime.Linear;
import dev.tapeless.runtime.train.Adam;
import dev.tapeless.runtime.train.Parameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;

/**
 * A character-level LSTM language model: it reads a text one character at a time and learns to
 * predict the next one. The weights are a model class, {@link CharModel}, trained through the
 * generated frame of its instance method {@link CharModel#loss}, whose {@code parameters(model)}
 * gives the optimizer every weight field with the frame's gradient arrays. Sampling from it
 * before and after training shows what it learned; the loss per character shows how fast.
 *
 * <p>The text, {@code graphs.txt} next to this class (about 3 KB), was written for this project
 * (a plain-words account of graphs, the chain rule and recurrent nets) and is dedicated to the
 * public domain (CC0). Run with {@code -Pdemo -Ddemo.main=dev.tapeless.samples.lstm.CharLstm}.
 */
public final class CharLstm {

  /**
   * How to train.
   *
   * @param embedding size of a character's embedding
   * @param hiddenSize LSTM units
   * @param steps characters per training sequence (truncated BPTT window)
   * @param batchSize sequences per update
   * @param learningRate Adam's step size
   * @param clipNorm bound on the gradient's L2 norm
   * @param updates optimizer steps
   * @param reportEvery updates between progress lines
   * @param seed seeds the weights, the batches and the samples
   */
  public record Config(int embedding, int hiddenSize, int steps, int batchSize,
      double learningRate, double clipNorm, int updates, int reportEvery, long seed) {

    /** The demo: 64 units, 600 updates of 16 windows of 48 characters. */
    public static Config demo() {
      return new Config(16, 64, 48, 16, 0.01, 5.0, 600, 50, 7);
    }
  }

  /**
   * What training reached.
   *
   * @param startLoss mean loss per character over the whole text before training, in nats
   * @param endLoss the same after training
   * @param seconds wall time of the training loop
   */
  public record Result(double startLoss, double endLoss, double seconds) {}

  /** The characters of the text, sorted; a character's index is its position here. */
  final char[] vocabulary;

  /** The text as indices into {@link #vocabulary}. */
  final int[] text;

  /** The weights: embedding, LSTM and readout. */
  final CharModel model;

  private final Config config;

  /** A fresh model of {@code text}, weights drawn from {@code config.seed()}. */
  CharLstm(String text, Config config) {
    this.config = config;
    TreeSet<Character> chars = new TreeSet<>();
    for (int i = 0; i < text.length(); i++) {
      chars.add(text.charAt(i));
    }
    vocabulary = new char[chars.size()];
    int k = 0;
    for (char c : chars) {
      vocabulary[k++] = c;
    }
    this.text = new int[text.length()];
    for (int i = 0; i < text.length(); i++) {
      this.text[i] = indexOf(text.charAt(i));
    }
    this.model = new CharModel(vocabulary.length, config.embedding(), config.hiddenSize(),
        new Random(config.seed()));
  }

  /** The text of {@code graphs.txt}. */
  static String bundledText() {
    try (InputStream in = CharLstm.class.getResourceAsStream("graphs.txt")) {
      if (in == null) {
        throw new IllegalStateException("graphs.txt is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int indexOf(char c) {
    for (int i = 0; i < vocabulary.length; i++) {
      if (vocabulary[i] == c) {
        return i;
      }
    }
    throw new IllegalArgumentException("character not in the vocabulary: " + c);
  }

  /**
   * The mean loss per character over the whole text, in nats, read in consecutive windows of
   * {@code config.steps()} characters each from a zero state (as in training).
   */
  double textLoss() {
    int steps = config.steps();
    double sum = 0.0;
    int windows = 0;
    for (int start = 0; start + steps < text.length; start += steps) {
      sum += model.loss(text, start, steps);
      windows++;
    }
    return sum / windows;
  }

  /**
   * Trains for {@code config.updates()} steps of Adam on minibatches of windows at random
   * offsets, printing the loss per character as it falls.
   */
  Result train(PrintStream out) {
    CharModel_Grad.Loss frame = new CharModel_Grad.Loss();
    Parameters p = frame.parameters(model); // E, W, U, b, Wy, by with the frame's dE, dW, ...
    Adam adam = new Adam(p, config.learningRate());
    Random rng = new Random(config.seed() + 1);
    int steps = config.steps();
    double scale = 1.0 / config.batchSize();

    out.printf(Locale.ROOT, "  %d parameters; Adam, learning rate %s, %d windows of %d"
            + " characters per update, gradient norm clipped at %s%n",
        p.elementCount(), config.learningRate(), config.batchSize(), steps, config.clipNorm());
    long start = System.nanoTime();
    double startLoss = textLoss();
    out.printf(Locale.ROOT, "  update %4d: loss per character over the text %.3f nats"
        + " (%.2f bits)%n", 0, startLoss, startLoss / Math.log(2));
    double running = 0.0;
    for (int update = 1; update <= config.updates(); update++) {
      p.zeroGradients();
      double batchLoss = 0.0;
      for (int i = 0; i < config.batchSize(); i++) {
        int offset = rng.nextInt(text.length - steps);
        batchLoss += frame.accumulate(model, text, offset, steps);
      }
      AddingProblem.scaleGradients(p, scale);
      p.clipGradientNorm(config.clipNorm());
      adam.step();
      running += batchLoss * scale;
      if (update % config.reportEvery() == 0) {
        double whole = textLoss();
        out.printf(Locale.ROOT, "  update %4d: training loss %.3f, loss per character over the"
                + " text %.3f nats (%.2f bits)  (%.1f s)%n",
            update, running / config.reportEvery(), whole, whole / Math.log(2),
            (System.nanoTime() - start) / 1e9);
        running = 0.0;
      }
    }
    return new Result(startLoss, textLoss(), (System.nanoTime() - start) / 1e9);
  }

  /**
   * Feeds {@code prompt} to the net, then samples {@code length} more characters, each from the
   * softmax of the logits divided by {@code temperature} (below 1: more conservative).
   */
  String sample(String prompt, int length, double temperature, Random rng) {
    int n = config.hiddenSize();
    double[] h = new double[n];
    double[] c = new double[n];
    double[] hNext = new double[n];
    double[] cNext = new double[n];
    double[] logits = new double[vocabulary.length];
    StringBuilder s = new StringBuilder(prompt);
    int next = -1;
    for (int i = 0; i < prompt.length() + length; i++) {
      int input = i < prompt.length() ? indexOf(prompt.charAt(i)) : next;
      if (i >= prompt.length()) {
        s.append(vocabulary[input]);
      }
      model.cell(model.E[input], h, c, hNext, cNext);
      System.arraycopy(hNext, 0, h, 0, n);
      System.arraycopy(cNext, 0, c, 0, n);
      Linear.matvec(model.Wy, h, logits);
      next = draw(logits, temperature, rng);
    }
    return s.toString();
  }

  private int draw(double[] logits, double temperature, Random rng) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < logits.length; k++) {
      logits[k] = (logits[k] + model.by[k]) / temperature;
      max = Math.max(max, logits[k]);
    }
    double sum = 0.0;
    for (int k = 0; k < logits.length; k++) {
      logits[k] = Math.exp(logits[k] - max);
      sum += logits[k];
    }
    double u = rng.nextDouble() * sum;
    for (int k = 0; k < logits.length; k++) {
      u -= logits[k];
      if (u < 0) {
        return k;
      }
    }
    return logits.length - 1;
  }

  /** Prompt for the samples. */
  static final String PROMPT = "The ";

  /** Characters sampled after the prompt. */
  static final int SAMPLE_LENGTH = 240;

  /** Sampling temperature. */
  static final double TEMPERATURE = 0.6;

  /** Trains on the bundled text, printing samples before and after. */
  public static Result run(Config config, PrintStream out) {
    CharLstm model = new CharLstm(bundledText(), config);
    out.printf(Locale.ROOT, "== A character-level LSTM: %d characters of text, %d distinct;"
            + " embedding %d, %d units ==%n",
        model.text.length, model.vocabulary.length, config.embedding(), config.hiddenSize());
    out.printf(Locale.ROOT, "  sample before training (temperature %s, seed %d):%n", TEMPERATURE,
        config.seed());
    printSample(out, model.sample(PROMPT, SAMPLE_LENGTH, TEMPERATURE, new Random(config.seed())));
    Result r = model.train(out);
    out.printf(Locale.ROOT, "  sample after training (temperature %s, seed %d):%n", TEMPERATURE,
        config.seed());
    printSample(out, model.sample(PROMPT, SAMPLE_LENGTH, TEMPERATURE, new Random(config.seed())));
    out.printf(Locale.ROOT, "  loss per character %.3f → %.3f nats in %.1f s (uniform guessing:"
            + " %.3f)%n",
        r.startLoss(), r.endLoss(), r.seconds(), Math.log(model.vocabulary.length));
    return r;
  }

  private static void printSample(PrintStream out, String sample) {
    for (String line : sample.split("\n", -1)) {
      out.println("    | " + line);
    }
  }

  /** Runs the demo configuration. */
  public static void main(String[] args) {
    run(Config.demo(), System.out);
  }
}

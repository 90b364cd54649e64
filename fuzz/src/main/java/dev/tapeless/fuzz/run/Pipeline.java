package dev.tapeless.fuzz.run;

import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.print.JavaPrinter;
import dev.tapeless.fuzz.print.TwinPrinter;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compiles a batch of generated classes (many methods each, several classes per javac run, for
 * speed) and checks every method that compiled. A method that makes javac fail is found, from
 * the position of its error when it has one in the class's source, else by bisecting the
 * class's methods, and removed with the methods that call it, so that one bad method does not
 * hide the rest.
 */
public final class Pipeline {
  private static final Pattern TL_CODE = Pattern.compile("\\[TL\\d{3}\\]");

  /** Counts and failures of one batch. */
  public static final class BatchResult {
    public int generated;
    public int compiled;
    public int checked;
    public int skipped;
    /** Methods not checked because a method they call failed to compile. */
    public int blocked;
    public final List<Failure> failures = new ArrayList<>();
    /** Time spent compiling and checking, summed over threads. */
    public long compileNanos;
    /** The part of compileNanos spent compiling twins. */
    public long twinCompileNanos;
    public long checkNanos;
    public final Map<String, Integer> skipReasons = new java.util.TreeMap<>();
    /**
     * Among the checked methods with {@code hvp}: checked against the twin's Hessian (with
     * {@code hessian} too), unsupported by the processor (by reason, blurred), or not checked
     * (the twin's Hessian unusable at every point, by reason).
     */
    public int hvpChecked;
    /** Of hvpChecked, those whose twin's Hessian was non-zero (not only zeros compared). */
    public int hvpNonZero;
    /** The largest difference of a passing hvp component over its tolerance, and where. */
    public double hvpHeadroom;
    public String hvpHeadroomWhere = "";
    public int hessianChecked;
    public int hvpUnsupported;
    public int hvpNotChecked;
    public final Map<String, Integer> hvpUnsupportedReasons = new java.util.TreeMap<>();
    public final Map<String, Integer> hvpNotCheckedReasons = new java.util.TreeMap<>();

    public void add(BatchResult other) {
      hvpChecked += other.hvpChecked;
      hvpNonZero += other.hvpNonZero;
      if (other.hvpHeadroom > hvpHeadroom) {
        hvpHeadroom = other.hvpHeadroom;
        hvpHeadroomWhere = other.hvpHeadroomWhere;
      }
      hessianChecked += other.hessianChecked;
      hvpUnsupported += other.hvpUnsupported;
      hvpNotChecked += other.hvpNotChecked;
      other.hvpUnsupportedReasons.forEach((k, v) -> hvpUnsupportedReasons.merge(k, v,
          Integer::sum));
      other.hvpNotCheckedReasons.forEach((k, v) -> hvpNotCheckedReasons.merge(k, v,
          Integer::sum));
      compileNanos += other.compileNanos;
      twinCompileNanos += other.twinCompileNanos;
      other.skipReasons.forEach((k, v) -> skipReasons.merge(k, v, Integer::sum));
      checkNanos += other.checkNanos;
      generated += other.generated;
      compiled += other.compiled;
      checked += other.checked;
      skipped += other.skipped;
      blocked += other.blocked;
      failures.addAll(other.failures);
    }
  }

  private final long seed;

  /** {@code seed} decides the points each method is checked at. */
  public Pipeline(long seed) {
    this.seed = seed;
  }

  public BatchResult run(List<ClassDef> input) {
    BatchResult res = new BatchResult();
    Map<String, ClassDef> classes = new LinkedHashMap<>();
    for (ClassDef c : input) {
      classes.put(c.name(), c);
      res.generated += c.differentiableMethods().size();
    }
    long t0 = System.nanoTime();
    InProcessJavac.Result twins = compileTwins(classes, res);
    res.twinCompileNanos += System.nanoTime() - t0;
    InProcessJavac.Result plain = twins == null ? null : compilePlain(classes, res);
    long t1 = System.nanoTime();
    res.compileNanos += t1 - t0;
    try {
      if (plain == null) {
        return res;
      }
      for (ClassDef c : classes.values()) {
        res.compiled += c.differentiableMethods().size();
      }
      try (URLClassLoader loader = new URLClassLoader(
          new URL[] {plain.output().toUri().toURL(), twins.output().toUri().toURL()},
          Pipeline.class.getClassLoader())) {
        for (ClassDef c : classes.values()) {
          for (MethodDef m : c.differentiableMethods()) {
            check(c, m, loader, res);
          }
        }
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      } catch (IOException e) {
        // closing a loader: nothing to do
      }
      res.checkNanos += System.nanoTime() - t1;
      return res;
    } finally {
      if (twins != null) {
        twins.delete();
      }
      if (plain != null) {
        plain.delete();
      }
    }
  }

  private void check(ClassDef c, MethodDef m, ClassLoader loader, BatchResult res) {
    MethodChecker.Outcome o;
    try {
      long methodSeed = seed * 31 + (c.name() + "." + m.name()).hashCode();
      o = withTimeout(new MethodChecker(c, m, loader, methodSeed), c, m);
    } catch (ReflectiveOperationException | LinkageError e) {
      o = MethodChecker.Outcome.failed(new Failure(Kind.FRAME_MISSING,
          "cannot load the method or its frame: " + e, "", c, m.name(), 0));
    }
    if (o.checked()) {
      res.checked++;
      MethodChecker.SecondOrder second = o.second();
      switch (second.status()) {
        case CHECKED -> {
          res.hvpChecked++;
          res.hvpNonZero += second.nonZero() ? 1 : 0;
          if (second.headroom() > res.hvpHeadroom) {
            res.hvpHeadroom = second.headroom();
            res.hvpHeadroomWhere = c.qualifiedName() + "." + m.name();
          }
          res.hessianChecked += second.hessian() ? 1 : 0;
        }
        case UNSUPPORTED -> {
          res.hvpUnsupported++;
          res.hvpUnsupportedReasons.merge(blurReason(second.note()), 1, Integer::sum);
        }
        case NOT_CHECKED -> {
          res.hvpNotChecked++;
          res.hvpNotCheckedReasons.merge(String.valueOf(second.note()), 1, Integer::sum);
        }
        default -> { }
      }
    } else if (o.failure() == null) {
      res.skipped++;
      res.skipReasons.merge(o.skipReason(), 1, Integer::sum);
    } else {
      res.failures.add(o.failure());
    }
  }

  /**
   * The processor's reason why hvp is not supported, without names or advice: "it calls a
   * generated method", "it calls a runtime kernel with an argument that has no derivative",
   * "it writes into its parameter #", ...
   */
  static String blurReason(String reason) {
    String r = String.valueOf(reason);
    for (String advice : new String[] {", and ", " (", ": "}) {
      int at = r.indexOf(advice);
      if (at >= 0) {
        r = r.substring(0, at);
      }
    }
    r = r.replaceAll("calls \\S*\\b(Linear|Activations|Losses)\\.\\w+",
        "calls a runtime kernel");
    r = r.replaceAll("calls (?!a runtime kernel)[\\w.$]+", "calls a generated method");
    return r.replaceAll("(parameter|array) \\w+", "$1 #");
  }

  /** How long one method's checks may take (they normally take milliseconds). */
  static final long CHECK_TIMEOUT_MILLIS = 20_000;

  /**
   * Runs the checks on a thread of their own, so that a loop that never ends (in generated
   * gradient code, or in a program the reducer broke) costs a timeout rather than the run.
   * The stuck thread is stopped where the JDK still allows it (up to 19), else abandoned.
   */
  private static MethodChecker.Outcome withTimeout(MethodChecker checker, ClassDef c,
      MethodDef m) {
    MethodChecker.Outcome[] result = new MethodChecker.Outcome[1];
    RuntimeException[] crash = new RuntimeException[1];
    Thread t = new Thread(() -> {
      try {
        result[0] = checker.check();
      } catch (RuntimeException | StackOverflowError e) {
        crash[0] = e instanceof RuntimeException r ? r : new IllegalStateException(e);
      }
    }, "fuzz-check " + c.name() + "." + m.name());
    t.setDaemon(true);
    t.start();
    try {
      t.join(CHECK_TIMEOUT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (t.isAlive()) {
      String phase = checker.phase;
      try {
        Thread.class.getMethod("stop").invoke(t);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // JDK 20 and later: the thread keeps running, as a daemon
      }
      Kind kind = phase.equals("frame") ? Kind.FRAME_TIMEOUT : Kind.PLAIN_TIMEOUT;
      return MethodChecker.Outcome.failed(new Failure(kind, "no result after "
          + CHECK_TIMEOUT_MILLIS / 1000 + " s (" + phase + ")", "", c, m.name(), 0));
    }
    if (crash[0] != null) {
      throw crash[0];
    }
    return result[0];
  }

  // ---------------------------------------------------------------- twins

  private InProcessJavac.Result compileTwins(Map<String, ClassDef> classes, BatchResult res) {
    while (!classes.isEmpty()) {
      Map<String, String> sources = new LinkedHashMap<>();
      Map<String, JavaPrinter.Printed> printed = new LinkedHashMap<>();
      for (ClassDef c : classes.values()) {
        JavaPrinter.Printed p = TwinPrinter.print(c);
        printed.put(c.name() + TwinPrinter.SUFFIX + ".java", p);
        sources.put(c.qualifiedName() + TwinPrinter.SUFFIX, p.source());
      }
      InProcessJavac.Result r = InProcessJavac.compile(sources, false);
      if (r.success()) {
        return r;
      }
      r.delete();
      boolean removed = false;
      for (ClassDef c : new ArrayList<>(classes.values())) {
        JavaPrinter.Printed p = printed.get(c.name() + TwinPrinter.SUFFIX + ".java");
        Map<String, List<Diag>> guilty = new LinkedHashMap<>();
        for (Diag d : r.errors()) {
          if (d.file().equals(c.name() + TwinPrinter.SUFFIX + ".java")) {
            String m = p.methodAt(d.line());
            guilty.computeIfAbsent(m == null ? c.methods().get(0).name() : m,
                k -> new ArrayList<>()).add(d);
          }
        }
        for (Map.Entry<String, List<Diag>> g : guilty.entrySet()) {
          Diag first = g.getValue().get(0);
          res.failures.add(new Failure(Kind.TWIN_DOES_NOT_COMPILE, first.firstLine(),
              String.join("\n", g.getValue().stream().map(Diag::toString).toList()), c,
              g.getKey(), 0));
        }
        if (!guilty.isEmpty()) {
          remove(classes, c, guilty.keySet(), res);
          removed = true;
        }
      }
      if (!removed) {
        // An error in no twin file: give up on the batch rather than loop.
        for (ClassDef c : classes.values()) {
          res.blocked += c.differentiableMethods().size();
        }
        return null;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- plain + Tapeless

  private InProcessJavac.Result compilePlain(Map<String, ClassDef> classes, BatchResult res) {
    while (!classes.isEmpty()) {
      Map<String, JavaPrinter.Printed> printed = new LinkedHashMap<>();
      InProcessJavac.Result r = compileClasses(classes.values(), printed);
      if (r.success()) {
        return r;
      }
      r.delete();
      Map<String, Map<String, List<Diag>>> guilty = new LinkedHashMap<>();
      Set<String> unmapped = new LinkedHashSet<>();
      boolean nowhere = false;
      for (Diag d : r.errors()) {
        String owner = ownerClass(d.file(), classes.keySet());
        if (owner == null) {
          nowhere = true;
        } else if (d.file().equals(owner + ".java")) {
          String m = printed.get(owner).methodAt(d.line());
          if (m == null) {
            unmapped.add(owner);
          } else {
            guilty.computeIfAbsent(owner, k -> new LinkedHashMap<>())
                .computeIfAbsent(m, k -> new ArrayList<>()).add(d);
          }
        } else {
          unmapped.add(owner);
        }
      }
      if (!guilty.isEmpty()) {
        for (Map.Entry<String, Map<String, List<Diag>>> e : guilty.entrySet()) {
          ClassDef c = classes.get(e.getKey());
          for (Map.Entry<String, List<Diag>> g : e.getValue().entrySet()) {
            res.failures.add(compileFailure(c, g.getKey(), g.getValue()));
          }
          remove(classes, c, e.getValue().keySet(), res);
        }
        continue;
      }
      if (unmapped.isEmpty() && nowhere) {
        unmapped.addAll(classes.keySet());
      }
      boolean progress = false;
      for (String name : unmapped) {
        ClassDef c = classes.get(name);
        Culprit culprit = bisect(c);
        if (culprit == null) {
          continue;
        }
        res.failures.add(compileFailure(c, culprit.method, culprit.diags));
        remove(classes, c, Set.of(culprit.method), res);
        progress = true;
      }
      if (!progress) {
        // No single method to blame (should not happen): drop the classes with errors.
        for (String name : unmapped.isEmpty() ? Set.copyOf(classes.keySet()) : unmapped) {
          ClassDef c = classes.remove(name);
          if (c != null && !c.differentiableMethods().isEmpty()) {
            res.failures.add(compileFailure(c, c.differentiableMethods().get(0).name(),
                r.errors()));
            res.blocked += c.differentiableMethods().size() - 1;
          }
        }
      }
    }
    return null;
  }

  private static InProcessJavac.Result compileClasses(Iterable<ClassDef> classes,
      Map<String, JavaPrinter.Printed> printed) {
    Map<String, String> sources = new LinkedHashMap<>();
    for (ClassDef c : classes) {
      JavaPrinter.Printed p = JavaPrinter.print(c);
      printed.put(c.name(), p);
      sources.put(c.qualifiedName(), p.source());
    }
    return InProcessJavac.compile(sources, true);
  }

  private static String ownerClass(String file, Set<String> names) {
    for (String n : names) {
      if (file.equals(n + ".java") || file.startsWith(n + "_Grad")) {
        return n;
      }
    }
    return null;
  }

  private record Culprit(String method, List<Diag> diags) {}

  /**
   * The first method whose addition makes the class fail to compile (methods only call earlier
   * ones, so every prefix is a complete class), or null if the class compiles alone.
   */
  private static Culprit bisect(ClassDef c) {
    List<MethodDef> methods = c.methods();
    InProcessJavac.Result full = compileClasses(List.of(c), new LinkedHashMap<>());
    full.delete();
    if (full.success()) {
      return null;
    }
    int lo = 0;
    int hi = methods.size();
    List<Diag> failing = full.errors();
    while (hi - lo > 1) {
      int mid = (lo + hi) / 2;
      InProcessJavac.Result r = compileClasses(List.of(c.withMethods(methods.subList(0, mid))),
          new LinkedHashMap<>());
      r.delete();
      if (r.success()) {
        lo = mid;
      } else {
        hi = mid;
        failing = r.errors();
      }
    }
    return new Culprit(methods.get(hi - 1).name(), failing);
  }

  /** Removes the guilty methods and, as blocked, the methods that call them. */
  private static void remove(Map<String, ClassDef> classes, ClassDef c, Set<String> guilty,
      BatchResult res) {
    Set<String> callers = c.callersOf(guilty);
    for (String name : callers) {
      if (c.method(name).differentiable()) {
        res.blocked++;
      }
    }
    Set<String> keep = new HashSet<>();
    for (MethodDef m : c.methods()) {
      if (!guilty.contains(m.name()) && !callers.contains(m.name())) {
        keep.add(m.name());
      }
    }
    ClassDef rest = c.keep(keep);
    if (rest.differentiableMethods().isEmpty()) {
      classes.remove(c.name());
    } else {
      classes.put(c.name(), rest);
    }
  }

  /** The failure a method's compile errors mean. */
  static Failure compileFailure(ClassDef c, String method, List<Diag> diags) {
    Diag chosen = diags.get(0);
    int rank = Integer.MAX_VALUE;
    for (Diag d : diags) {
      int r = d.message().contains("[TL902]") || d.message().startsWith("javac crashed") ? 0
          : TL_CODE.matcher(d.message()).find() ? 1 : d.file().contains("_Grad") ? 2 : 3;
      if (r < rank) {
        rank = r;
        chosen = d;
      }
    }
    Kind kind = switch (rank) {
      case 0 -> Kind.PROCESSOR_CRASH;
      case 1 -> Kind.REJECTED;
      case 2 -> Kind.GENERATED_CODE_DOES_NOT_COMPILE;
      default -> Kind.PLAIN_DOES_NOT_COMPILE;
    };
    String first = rank == 2 ? chosen.file().replaceAll("^G\\d+(_\\d+)?", "C") + ": "
        + chosen.firstLine() : chosen.firstLine();
    if (kind == Kind.PROCESSOR_CRASH) {
      // The exception and where it was thrown identify the bug; drop the method's name.
      first = first.replaceAll("while differentiating \\S+:", "while differentiating:");
    }
    List<String> lines = new ArrayList<>();
    for (Diag d : diags) {
      lines.add(d.toString());
    }
    return new Failure(kind, first, String.join("\n", lines), c, method, 0);
  }
}

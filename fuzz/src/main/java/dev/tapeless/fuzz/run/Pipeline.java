package dev.tapeless.fuzz.run;

import dev.tapeless.fuzz.ast.Checkpointed;
import dev.tapeless.fuzz.ast.ClassDef;
import dev.tapeless.fuzz.ast.MethodDef;
import dev.tapeless.fuzz.print.FloatPrinter;
import dev.tapeless.fuzz.print.JavaPrinter;
import dev.tapeless.fuzz.print.TwinPrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles a batch of generated classes (many methods each, several classes per javac run, for
 * speed) and checks every method that compiled. A method that makes javac fail is found, from
 * the position of its error when it has one in the class's source or in the frame Tapeless
 * generated for it, else by bisecting the class's methods, and removed with the methods that
 * call it, so that one bad method does not hide the rest. Classes named for float checks are
 * compiled a second time as float programs ({@link FloatPrinter}), the same way, after their
 * double version, and their methods' float frames checked after the double ones.
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
    /**
     * Float versions: methods of float classes; of those without one, by reason; methods whose
     * float version was checked at one point at least (with hvp too), skipped at every point
     * (by reason), or not checked because a float callee failed to compile; the largest
     * differences that passed over their tolerances, and where; the time spent compiling them.
     */
    public int floatMethods;
    public int floatChecked;
    public int floatHvpChecked;
    public int floatSkipped;
    public final Map<String, Integer> floatSkipReasons = new java.util.TreeMap<>();
    public int floatBlocked;
    public double floatHeadroom;
    public String floatHeadroomWhere = "";
    public double floatHvpHeadroom;
    public String floatHvpHeadroomWhere = "";
    public long floatCompileNanos;
    /**
     * Methods with record parameters: generated, checked (with hvp checked, with the float
     * version checked too), and the checked ones by what they do with records
     * ({@link dev.tapeless.fuzz.ast.Records#traits}).
     */
    public int recordMethods;
    public int recordChecked;
    public int recordHvpChecked;
    public int recordFloatChecked;
    public final Map<String, Integer> recordTraits = new java.util.TreeMap<>();
    /**
     * Instance methods of model classes, counted as records are
     * ({@link dev.tapeless.fuzz.ast.Models#traits}).
     */
    public int modelMethods;
    public int modelChecked;
    public int modelHvpChecked;
    public int modelFloatChecked;
    public final Map<String, Integer> modelTraits = new java.util.TreeMap<>();
    /**
     * Methods taking a random source or a list of arrays
     * ({@link dev.tapeless.fuzz.ast.ObjectsAndLists#traits}).
     */
    public int objectMethods;
    public int objectChecked;
    public int objectHvpChecked;
    public int objectFloatChecked;
    public final Map<String, Integer> objectTraits = new java.util.TreeMap<>();
    /** Methods with a {@code @Checkpoint} loop in their own body, and how many were checked. */
    public int checkpointMethods;
    public int checkpointChecked;
    /**
     * Checked methods reaching a checkpointed loop (their own or a callee's) whose reverse mode
     * was compared bit for bit with the class compiled without the annotations.
     */
    public int checkpointCompared;

    public void add(BatchResult other) {
      checkpointMethods += other.checkpointMethods;
      checkpointChecked += other.checkpointChecked;
      checkpointCompared += other.checkpointCompared;
      objectMethods += other.objectMethods;
      objectChecked += other.objectChecked;
      objectHvpChecked += other.objectHvpChecked;
      objectFloatChecked += other.objectFloatChecked;
      other.objectTraits.forEach((k, v) -> objectTraits.merge(k, v, Integer::sum));
      modelMethods += other.modelMethods;
      modelChecked += other.modelChecked;
      modelHvpChecked += other.modelHvpChecked;
      modelFloatChecked += other.modelFloatChecked;
      other.modelTraits.forEach((k, v) -> modelTraits.merge(k, v, Integer::sum));
      recordMethods += other.recordMethods;
      recordChecked += other.recordChecked;
      recordHvpChecked += other.recordHvpChecked;
      recordFloatChecked += other.recordFloatChecked;
      other.recordTraits.forEach((k, v) -> recordTraits.merge(k, v, Integer::sum));
      floatMethods += other.floatMethods;
      floatChecked += other.floatChecked;
      floatHvpChecked += other.floatHvpChecked;
      floatSkipped += other.floatSkipped;
      other.floatSkipReasons.forEach((k, v) -> floatSkipReasons.merge(k, v, Integer::sum));
      floatBlocked += other.floatBlocked;
      if (other.floatHeadroom > floatHeadroom) {
        floatHeadroom = other.floatHeadroom;
        floatHeadroomWhere = other.floatHeadroomWhere;
      }
      if (other.floatHvpHeadroom > floatHvpHeadroom) {
        floatHvpHeadroom = other.floatHvpHeadroom;
        floatHvpHeadroomWhere = other.floatHvpHeadroomWhere;
      }
      floatCompileNanos += other.floatCompileNanos;
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
  private final Set<String> floatClasses;

  /** {@code seed} decides the points each method is checked at. */
  public Pipeline(long seed) {
    this(seed, Set.of());
  }

  /** Also checks the float versions of the classes named in {@code floatClasses}. */
  public Pipeline(long seed, Set<String> floatClasses) {
    this.seed = seed;
    this.floatClasses = Set.copyOf(floatClasses);
  }

  public BatchResult run(List<ClassDef> input) {
    BatchResult res = new BatchResult();
    Map<String, ClassDef> classes = new LinkedHashMap<>();
    for (ClassDef c : input) {
      classes.put(c.name(), c);
      res.generated += c.differentiableMethods().size();
      res.recordMethods += (int) c.differentiableMethods().stream()
          .filter(dev.tapeless.fuzz.ast.Records::hasRecordParams).count();
      res.modelMethods += (int) c.differentiableMethods().stream()
          .filter(dev.tapeless.fuzz.ast.Models::hasReceiver).count();
      res.objectMethods += (int) c.differentiableMethods().stream()
          .filter(dev.tapeless.fuzz.ast.ObjectsAndLists::has).count();
      res.checkpointMethods += (int) c.differentiableMethods().stream()
          .filter(Checkpointed::has).count();
    }
    long t0 = System.nanoTime();
    InProcessJavac.Result twins = compileTwins(classes, res);
    res.twinCompileNanos += System.nanoTime() - t0;
    InProcessJavac.Result plain = twins == null ? null : compile(classes, res, false);
    Map<String, ClassDef> floats = new LinkedHashMap<>();
    InProcessJavac.Result floatResult = null;
    if (plain != null) {
      long tf = System.nanoTime();
      floatResult = compileFloats(classes, floats, res);
      res.floatCompileNanos += System.nanoTime() - tf;
    }
    long t1 = System.nanoTime();
    res.compileNanos += t1 - t0;
    InProcessJavac.Result unmarked = null;
    try {
      if (plain == null) {
        return res;
      }
      for (ClassDef c : classes.values()) {
        res.compiled += c.differentiableMethods().size();
      }
      List<Path> outputs = new ArrayList<>(List.of(plain.output(), twins.output()));
      if (floatResult != null) {
        outputs.add(floatResult.output());
      }
      long tu = System.nanoTime();
      unmarked = compileWithoutCheckpoints(classes);
      res.compileNanos += System.nanoTime() - tu;
      List<Path> unmarkedOutputs = new ArrayList<>(outputs);
      if (unmarked != null) {
        unmarkedOutputs.add(0, unmarked.output());
      }
      try (URLClassLoader loader = new URLClassLoader(urls(outputs),
          Pipeline.class.getClassLoader());
          URLClassLoader without = new URLClassLoader(urls(unmarkedOutputs),
              Pipeline.class.getClassLoader())) {
        for (ClassDef c : classes.values()) {
          ClassDef f = floats.get(c.name());
          for (MethodDef m : c.differentiableMethods()) {
            boolean checked = check(c, m, f != null && f.hasMethod(m.name()), loader, res);
            if (unmarked != null && checked && reachesCheckpoint(c, m)) {
              Failure d = CheckpointCheck.compare(c, m, loader, without,
                  seed * 37 + (c.name() + "." + m.name()).hashCode(), !callsCheckpointed(c, m));
              if (d == null) {
                res.checkpointCompared++;
              } else {
                res.failures.add(d);
              }
            }
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
      if (unmarked != null) {
        unmarked.delete();
      }
      if (floatResult != null) {
        floatResult.delete();
      }
    }
  }

  private static URL[] urls(List<Path> dirs) throws MalformedURLException {
    URL[] urls = new URL[dirs.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = dirs.get(i).toUri().toURL();
    }
    return urls;
  }

  /**
   * Compiles the float versions of the float classes among {@code classes} (already compiled
   * as double) into {@code floats}, the methods that compiled by class; null if none did.
   * Methods that call a runtime kernel over arrays have none: the runtime has no float
   * overloads.
   */
  private InProcessJavac.Result compileFloats(Map<String, ClassDef> classes,
      Map<String, ClassDef> floats, BatchResult res) {
    for (ClassDef c : classes.values()) {
      if (!floatClasses.contains(c.name())) {
        continue;
      }
      res.floatMethods += c.differentiableMethods().size();
      if (!c.differentiableMethods().isEmpty()) {
        floats.put(c.name(), c);
      }
    }
    return floats.isEmpty() ? null : compile(floats, res, true);
  }

  /**
   * The float version of {@code c} compiled with Tapeless (null if no method compiled), its
   * methods that compiled into {@code compiled}: what a test needs to check float frames.
   */
  static InProcessJavac.Result compileFloat(ClassDef c, Map<String, ClassDef> compiled) {
    Pipeline p = new Pipeline(0, Set.of(c.name()));
    return p.compileFloats(Map.of(c.name(), c), compiled, new BatchResult());
  }

  /**
   * The classes with a {@code @Checkpoint} loop compiled again without the annotations, or
   * null if there are none (or, which the ordinary checks would show, they do not compile).
   */
  private static InProcessJavac.Result compileWithoutCheckpoints(Map<String, ClassDef> classes) {
    Map<String, String> sources = new LinkedHashMap<>();
    for (ClassDef c : classes.values()) {
      if (Checkpointed.has(c)) {
        sources.put(c.qualifiedName(), JavaPrinter.printWithoutCheckpoints(c).source());
      }
    }
    if (sources.isEmpty()) {
      return null;
    }
    InProcessJavac.Result r = InProcessJavac.compile(sources, true);
    if (!r.success()) {
      r.delete();
      return null;
    }
    return r;
  }

  /** Whether {@code m} or a method it calls has a checkpointed loop. */
  private static boolean reachesCheckpoint(ClassDef c, MethodDef m) {
    return c.closure(m.name()).stream().filter(c::hasMethod)
        .anyMatch(n -> Checkpointed.has(c.method(n)));
  }

  /** Whether a method {@code m} calls, directly or not, has a checkpointed loop. */
  private static boolean callsCheckpointed(ClassDef c, MethodDef m) {
    return c.closure(m.name()).stream().filter(n -> !n.equals(m.name())).filter(c::hasMethod)
        .anyMatch(n -> Checkpointed.has(c.method(n)));
  }

  /** Checks {@code m} into {@code res}; whether it counted as checked. */
  private boolean check(ClassDef c, MethodDef m, boolean withFloat, ClassLoader loader,
      BatchResult res) {
    MethodChecker.Outcome o;
    long methodSeed = seed * 31 + (c.name() + "." + m.name()).hashCode();
    try {
      MethodChecker checker = new MethodChecker(c, m, loader, methodSeed);
      if (withFloat) {
        try {
          checker.floats = new FloatChecker(checker, c, m, loader, methodSeed);
        } catch (ReflectiveOperationException | LinkageError e) {
          res.failures.add(new Failure(Kind.FLOAT_REJECTED, "cannot load the float method or"
              + " its frame: " + e, "", c, m.name(), 0));
        }
      }
      o = withTimeout(checker, c, m);
    } catch (ReflectiveOperationException | LinkageError e) {
      o = MethodChecker.Outcome.failed(new Failure(Kind.FRAME_MISSING,
          "cannot load the method or its frame: " + e, "", c, m.name(), 0));
    }
    FloatChecker.Result fr = o.floats();
    boolean records = dev.tapeless.fuzz.ast.Records.hasRecordParams(m);
    if (records && o.checked()) {
      res.recordChecked++;
      res.recordHvpChecked += o.second().status() == MethodChecker.Hvp.CHECKED ? 1 : 0;
      res.recordFloatChecked += fr.status() == FloatChecker.Status.CHECKED ? 1 : 0;
      for (String t : dev.tapeless.fuzz.ast.Records.traits(c, m)) {
        res.recordTraits.merge(t, 1, Integer::sum);
      }
    }
    if (dev.tapeless.fuzz.ast.ObjectsAndLists.has(m) && o.checked()) {
      res.objectChecked++;
      res.objectHvpChecked += o.second().status() == MethodChecker.Hvp.CHECKED ? 1 : 0;
      res.objectFloatChecked += fr.status() == FloatChecker.Status.CHECKED ? 1 : 0;
      for (String t : dev.tapeless.fuzz.ast.ObjectsAndLists.traits(c, m)) {
        res.objectTraits.merge(t, 1, Integer::sum);
      }
    }
    if (dev.tapeless.fuzz.ast.Models.hasReceiver(m) && o.checked()) {
      res.modelChecked++;
      res.modelHvpChecked += o.second().status() == MethodChecker.Hvp.CHECKED ? 1 : 0;
      res.modelFloatChecked += fr.status() == FloatChecker.Status.CHECKED ? 1 : 0;
      for (String t : dev.tapeless.fuzz.ast.Models.traits(c, m)) {
        res.modelTraits.merge(t, 1, Integer::sum);
      }
    }
    if (fr.status() == FloatChecker.Status.CHECKED) {
      res.floatChecked++;
      res.floatHvpChecked += fr.hvp() ? 1 : 0;
      if (fr.headroom() > res.floatHeadroom) {
        res.floatHeadroom = fr.headroom();
        res.floatHeadroomWhere = c.qualifiedName() + "." + m.name();
      }
      if (fr.hvpHeadroom() > res.floatHvpHeadroom) {
        res.floatHvpHeadroom = fr.hvpHeadroom();
        res.floatHvpHeadroomWhere = c.qualifiedName() + "." + m.name();
      }
    } else if (fr.status() == FloatChecker.Status.SKIPPED) {
      res.floatSkipped++;
      res.floatSkipReasons.merge(fr.note(), 1, Integer::sum);
    } else if (fr.status() == FloatChecker.Status.FAILED) {
      res.failures.add(fr.failure());
    }
    if (Checkpointed.has(m) && o.checked()) {
      res.checkpointChecked++;
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
    return o.checked();
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
      Kind kind = phase.endsWith("frame") ? Kind.FRAME_TIMEOUT : Kind.PLAIN_TIMEOUT;
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
          remove(classes, c, guilty.keySet(), res, false);
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

  /**
   * Compiles {@code classes} with Tapeless (as float programs if {@code floats}), removing the
   * methods that do not compile (and their callers) from the map until the rest does; null when
   * nothing is left.
   */
  private InProcessJavac.Result compile(Map<String, ClassDef> classes, BatchResult res,
      boolean floats) {
    String suffix = floats ? FloatPrinter.SUFFIX : "";
    while (!classes.isEmpty()) {
      Map<String, JavaPrinter.Printed> printed = new LinkedHashMap<>();
      InProcessJavac.Result r = compileClasses(classes.values(), printed, floats);
      if (r.success()) {
        return r;
      }
      Map<String, Map<String, List<Diag>>> guilty = new LinkedHashMap<>();
      Set<String> unmapped = new LinkedHashSet<>();
      boolean nowhere = false;
      for (Diag d : r.errors()) {
        String owner = ownerClass(d.file(), classes.keySet(), suffix);
        String m = null;
        if (owner == null) {
          nowhere = true;
          continue;
        } else if (d.file().equals(owner + suffix + ".java")) {
          m = printed.get(owner).methodAt(d.line());
        } else {
          String[] located = generatedFor(r.output(), classes.get(owner), d);
          if (located != null) {
            m = located[0];
            // The statement's shape tells one generated-code bug from another.
            String first = d.firstLine() + " [in: " + shape(located[1]) + "]";
            d = new Diag(d.error(), d.file(), d.line(), first
                + d.message().substring(d.firstLine().length()) + "\n    " + located[1].trim());
          }
        }
        if (m == null) {
          unmapped.add(owner);
        } else {
          guilty.computeIfAbsent(owner, k -> new LinkedHashMap<>())
              .computeIfAbsent(m, k -> new ArrayList<>()).add(d);
        }
      }
      r.delete();
      if (!guilty.isEmpty()) {
        for (Map.Entry<String, Map<String, List<Diag>>> e : guilty.entrySet()) {
          ClassDef c = classes.get(e.getKey());
          for (Map.Entry<String, List<Diag>> g : e.getValue().entrySet()) {
            res.failures.add(compileFailure(c, g.getKey(), g.getValue(), floats));
          }
          remove(classes, c, e.getValue().keySet(), res, floats);
        }
        continue;
      }
      if (unmapped.isEmpty() && nowhere) {
        unmapped.addAll(classes.keySet());
      }
      boolean progress = false;
      for (String name : unmapped) {
        ClassDef c = classes.get(name);
        Culprit culprit = bisect(c, floats);
        if (culprit == null) {
          continue;
        }
        res.failures.add(compileFailure(c, culprit.method, culprit.diags, floats));
        remove(classes, c, Set.of(culprit.method), res, floats);
        progress = true;
      }
      if (!progress) {
        // No single method to blame (should not happen): drop the classes with errors.
        for (String name : unmapped.isEmpty() ? Set.copyOf(classes.keySet()) : unmapped) {
          ClassDef c = classes.remove(name);
          if (c != null && !c.differentiableMethods().isEmpty()) {
            res.failures.add(compileFailure(c, c.differentiableMethods().get(0).name(),
                r.errors(), floats));
            if (floats) {
              res.floatBlocked += c.differentiableMethods().size() - 1;
            } else {
              res.blocked += c.differentiableMethods().size() - 1;
            }
          }
        }
      }
    }
    return null;
  }

  private static InProcessJavac.Result compileClasses(Iterable<ClassDef> classes,
      Map<String, JavaPrinter.Printed> printed, boolean floats) {
    Map<String, String> sources = new LinkedHashMap<>();
    for (ClassDef c : classes) {
      JavaPrinter.Printed p = floats ? FloatPrinter.print(c) : JavaPrinter.print(c);
      printed.put(c.name(), p);
      sources.put(c.qualifiedName() + (floats ? FloatPrinter.SUFFIX : ""), p.source());
    }
    return InProcessJavac.compile(sources, true);
  }

  private static String ownerClass(String file, Set<String> names, String suffix) {
    for (String n : names) {
      if (file.equals(n + suffix + ".java") || file.startsWith(n + suffix + "_Grad")) {
        return n;
      }
    }
    return null;
  }

  /** A frame's declaration in a generated file: {@code public static final class M3 {}. */
  private static final Pattern FRAME = Pattern.compile("^  \\S.*\\bclass (\\w+)\\b");

  /**
   * The method whose frame holds the line of {@code d}, an error in a file Tapeless generated
   * for {@code c} (frames are classes nested one level deep, named after their methods), and
   * that line; or null if no frame holds it.
   */
  private static String[] generatedFor(Path output, ClassDef c, Diag d) {
    Path file = output.resolve("generated");
    if (!c.pkg().isEmpty()) {
      file = file.resolve(c.pkg().replace('.', '/'));
    }
    file = file.resolve(d.file());
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      return null;
    }
    if (d.line() < 1 || d.line() > lines.size()) {
      return null;
    }
    for (int i = (int) d.line() - 1; i >= 0; i--) {
      Matcher frame = FRAME.matcher(lines.get(i));
      if (frame.find()) {
        for (MethodDef m : c.differentiableMethods()) {
          if (m.frameName().equals(frame.group(1))) {
            return new String[] {m.name(), lines.get((int) d.line() - 1)};
          }
        }
        return null;
      }
    }
    return null;
  }

  private static final Pattern NAME = Pattern.compile(
      "(?<![.\\w$])(?!(?:new|float|double|int|long|boolean|return|this|null|true|false)\\b)"
          + "[A-Za-z_$][\\w$]*(?![\\w$]*\\s*[.(])");

  private static final Pattern INDEX = Pattern.compile("\\[[^\\[\\]]*\\]");

  /**
   * A generated statement with its variables' names and indices blurred:
   * {@code x[i] = x + x * Math.sin(x)}.
   */
  static String shape(String code) {
    String s = code.trim();
    for (String last = ""; !last.equals(s); ) {
      last = s;
      s = INDEX.matcher(s).replaceAll("\u0001");
    }
    s = s.replaceAll("\\b\\w+Frame\\b", "calleeFrame");
    s = NAME.matcher(s).replaceAll("x").replace("\u0001", "[i]");
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  private record Culprit(String method, List<Diag> diags) {}

  /**
   * The first method whose addition makes the class fail to compile (methods only call earlier
   * ones, so every prefix is a complete class), or null if the class compiles alone.
   */
  private static Culprit bisect(ClassDef c, boolean floats) {
    List<MethodDef> methods = c.methods();
    InProcessJavac.Result full = compileClasses(List.of(c), new LinkedHashMap<>(), floats);
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
          new LinkedHashMap<>(), floats);
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
      BatchResult res, boolean floats) {
    Set<String> callers = c.callersOf(guilty);
    for (String name : callers) {
      if (c.method(name).differentiable()) {
        if (floats) {
          res.floatBlocked++;
        } else {
          res.blocked++;
        }
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

  /** The failure a method's compile errors mean (in its float version if {@code floats}). */
  static Failure compileFailure(ClassDef c, String method, List<Diag> diags, boolean floats) {
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
      case 0 -> floats ? Kind.FLOAT_REJECTED : Kind.PROCESSOR_CRASH;
      case 1 -> floats ? Kind.FLOAT_REJECTED : Kind.REJECTED;
      case 2 -> floats ? Kind.FLOAT_GENERATED_CODE_DOES_NOT_COMPILE
          : Kind.GENERATED_CODE_DOES_NOT_COMPILE;
      default -> floats ? Kind.FLOAT_PLAIN_DOES_NOT_COMPILE : Kind.PLAIN_DOES_NOT_COMPILE;
    };
    String first = rank == 2 ? chosen.file().replaceAll("^G\\d+(_\\d+)?", "C") + ": "
        + chosen.firstLine() : chosen.firstLine();
    if (rank == 0) {
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

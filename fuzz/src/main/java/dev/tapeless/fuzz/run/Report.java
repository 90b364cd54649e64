package dev.tapeless.fuzz.run;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Totals over a run and its failures grouped by kind and by deduplication key (kind plus the
 * normalized first message line), with a reproducer path per key once one is written.
 */
public final class Report {
  private final Pipeline.BatchResult totals = new Pipeline.BatchResult();
  private final Map<String, List<Failure>> byKey = new LinkedHashMap<>();
  private final Map<String, String> reproducers = new LinkedHashMap<>();

  public synchronized void add(Pipeline.BatchResult batch) {
    totals.add(batch);
    for (Failure f : batch.failures) {
      byKey.computeIfAbsent(f.key(), k -> new ArrayList<>()).add(f);
    }
  }

  public synchronized Pipeline.BatchResult totals() {
    return totals;
  }

  /** One list of failures per deduplication key, in order of first appearance. */
  public synchronized Map<String, List<Failure>> byKey() {
    return new LinkedHashMap<>(byKey);
  }

  public synchronized void reproducer(String key, String path) {
    reproducers.put(key, path);
  }

  public synchronized Map<String, String> reproducers() {
    return new LinkedHashMap<>(reproducers);
  }

  public synchronized int processorFailures() {
    int n = 0;
    for (Failure f : totals.failures) {
      if (f.kind().isProcessorFailure()) {
        n++;
      }
    }
    return n;
  }

  public synchronized String progressLine(long elapsedMillis, int target) {
    return String.format("[%6d/%d] compiled %d, checked %d, skipped %d, blocked %d,"
        + " hvp checked %d, hvp unsupported %d, float checked %d, float skipped %d,"
        + " failures %d (%d distinct), %.1f s",
        totals.generated, target, totals.compiled, totals.checked, totals.skipped,
        totals.blocked, totals.hvpChecked, totals.hvpUnsupported, totals.floatChecked,
        totals.floatSkipped, totals.failures.size(), byKey.size(), elapsedMillis / 1000.0);
  }

  /** The summary printed at the end of a run. */
  public synchronized String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("methods generated %d, compiled %d, checked %d, skipped %d"
        + " (no point away from kinks), blocked %d (a callee failed to compile)%n",
        totals.generated, totals.compiled, totals.checked, totals.skipped, totals.blocked));
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    for (Failure f : totals.failures) {
      counts.merge(f.kind(), 1, Integer::sum);
    }
    if (!totals.skipReasons.isEmpty()) {
      sb.append("  skipped because the last point tried was ").append(totals.skipReasons)
          .append('\n');
    }
    sb.append(String.format("second order (checked methods with hvp): hvp checked %d (non-zero"
        + " Hessian %d, hessian too %d), hvp unsupported %d, hvp not checked %d (twin's Hessian"
        + " unusable)%n", totals.hvpChecked, totals.hvpNonZero, totals.hessianChecked,
        totals.hvpUnsupported, totals.hvpNotChecked));
    if (totals.hvpChecked > 0) {
      sb.append(String.format("  largest hvp difference that passed: %.3g of its tolerance (%s)%n",
          totals.hvpHeadroom, totals.hvpHeadroomWhere));
    }
    if (!totals.hvpUnsupportedReasons.isEmpty()) {
      sb.append("  hvp unsupported because ").append(totals.hvpUnsupportedReasons).append('\n');
    }
    if (!totals.hvpNotCheckedReasons.isEmpty()) {
      sb.append("  hvp not checked because ").append(totals.hvpNotCheckedReasons).append('\n');
    }
    if (totals.floatMethods > 0) {
      sb.append(String.format("float versions (methods of float classes %d): float-checked %d"
          + " (hvp too %d), float-skipped %d (float rounding alone changes the answer),"
          + " blocked %d (a float callee failed to compile)%n",
          totals.floatMethods, totals.floatChecked, totals.floatHvpChecked, totals.floatSkipped,
          totals.floatBlocked));
      if (!totals.floatSkipReasons.isEmpty()) {
        sb.append("  float-skipped because the last point was ").append(totals.floatSkipReasons)
            .append('\n');
      }
      if (totals.floatChecked > 0) {
        sb.append(String.format("  largest float difference that passed: %.3g of its tolerance"
            + " (%s), hvp %.3g (%s)%n", totals.floatHeadroom, totals.floatHeadroomWhere,
            totals.floatHvpHeadroom, totals.floatHvpHeadroomWhere));
      }
    }
    if (totals.recordMethods > 0) {
      sb.append(String.format("records (methods with record parameters %d): checked %d (hvp"
          + " too %d, float version too %d); of the checked %s%n", totals.recordMethods,
          totals.recordChecked, totals.recordHvpChecked, totals.recordFloatChecked,
          totals.recordTraits));
    }
    if (totals.modelMethods > 0) {
      sb.append(String.format("models (instance methods of model classes %d): checked %d (hvp"
          + " too %d, float version too %d); of the checked %s%n", totals.modelMethods,
          totals.modelChecked, totals.modelHvpChecked, totals.modelFloatChecked,
          totals.modelTraits));
    }
    if (totals.objectMethods > 0) {
      sb.append(String.format("random sources and lists (methods taking one %d): checked %d"
          + " (hvp too %d, float version too %d); of the checked %s%n", totals.objectMethods,
          totals.objectChecked, totals.objectHvpChecked, totals.objectFloatChecked,
          totals.objectTraits));
    }
    if (totals.checkpointMethods > 0) {
      sb.append(String.format("checkpoints (methods with a @Checkpoint loop %d): checked %d;"
          + " reverse mode as the class without @Checkpoint (bit-identical, or within 1e-12"
          + " of the largest component through a checkpointed callee) for %d checked"
          + " methods reaching one (own or a callee's)%n", totals.checkpointMethods,
          totals.checkpointChecked, totals.checkpointCompared));
    }
    sb.append(String.format("time: compiling %.1f s (twins %.1f s, float versions %.1f s),"
        + " checking %.1f s (summed over threads)%n", totals.compileNanos / 1e9,
        totals.twinCompileNanos / 1e9, totals.floatCompileNanos / 1e9, totals.checkNanos / 1e9));
    sb.append(String.format("failures %d in %d distinct classes%n", totals.failures.size(),
        byKey.size()));
    for (Map.Entry<Kind, Integer> e : counts.entrySet()) {
      sb.append(String.format("  %-32s %6d  %s%n", e.getKey(), e.getValue(),
          e.getKey().description()));
    }
    if (!byKey.isEmpty()) {
      sb.append("distinct failures (kind: first line | count | example | reproducer):\n");
      for (Map.Entry<String, List<Failure>> e : byKey.entrySet()) {
        Failure first = e.getValue().get(0);
        sb.append("  ").append(first.kind()).append(": ").append(clip(first.firstLine()))
            .append("\n      ").append(e.getValue().size()).append(" x, e.g. ")
            .append(first.where());
        String repro = reproducers.get(e.getKey());
        if (repro != null) {
          sb.append("\n      reproducer ").append(repro);
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private static String clip(String s) {
    return s.length() > 240 ? s.substring(0, 240) + "..." : s;
  }
}

package dev.tapeless.runtime.train;

/**
 * Checks a {@link DataParallel.Replica} once, when the workers are built, so that a wiring
 * mistake fails there with its name rather than as a wrong gradient: a replica must read the
 * weights the optimizer steps and add into gradient arrays nobody else adds into.
 */
final class ReplicaCheck {

  private ReplicaCheck() {}

  /**
   * Throws unless {@code replica} has {@code parameters}' names, kinds and shapes, shares its
   * value arrays, and has gradient arrays and a frame distinct from theirs and from the
   * replicas before worker {@code t}.
   */
  static void require(Parameters parameters, DataParallel.Replica<?> replica,
      DataParallel.Replica<?>[] earlier, int t) {
    String who = "DataParallel: the replica of worker " + t;
    if (replica == null || replica.frame() == null || replica.gradients() == null) {
      throw new IllegalArgumentException(who + " is null or has a null frame or gradients");
    }
    Parameters gradients = replica.gradients();
    if (gradients == parameters) {
      throw new IllegalArgumentException(who + " is the parameters themselves; give each"
          + " worker a frame of its own with frame.parameters(model) or a gradientReplica()");
    }
    if (!gradients.toString().equals(parameters.toString())) {
      throw new IllegalArgumentException(who + " has " + gradients + " but the parameters are "
          + parameters);
    }
    for (int r = 0; r < parameters.rowCount(); r++) {
      if (value(gradients, r) != value(parameters, r)) {
        throw new IllegalArgumentException(who + " does not share the parameters' value arrays"
            + " (row " + r + "), so it would not see the optimizer's steps; make it from the"
            + " same model or with parameters.gradientReplica()");
      }
      Object g = gradient(gradients, r);
      if (g == gradient(parameters, r)) {
        throw new IllegalArgumentException(who + " adds into the parameters' own gradient"
            + " arrays (row " + r + "); give it a new frame or a gradientReplica()");
      }
      for (int s = 0; s < t; s++) {
        if (g == gradient(earlier[s].gradients(), r)) {
          throw new IllegalArgumentException(who + " shares gradient arrays with worker " + s
              + " (row " + r + "); every worker needs gradient arrays of its own");
        }
      }
    }
    for (int s = 0; s < t; s++) {
      if (earlier[s].frame() == replica.frame()) {
        throw new IllegalArgumentException(who + " has the frame of worker " + s
            + "; frames are not thread-safe: make a new one per worker");
      }
    }
  }

  private static Object value(Parameters p, int row) {
    return p.isFloatRow(row) ? p.floatValueRow(row) : p.valueRow(row);
  }

  private static Object gradient(Parameters p, int row) {
    return p.isFloatRow(row) ? p.floatGradientRow(row) : p.gradientRow(row);
  }
}

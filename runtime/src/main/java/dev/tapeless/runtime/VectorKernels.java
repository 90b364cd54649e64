package dev.tapeless.runtime;

/**
 * The products' kernel written with the Vector API ({@code jdk.incubator.vector}), where this
 * JVM can run it: it holds a 4-row block of C in vector registers across the whole inner
 * dimension, which no loop C2 vectorizes by itself does, and so runs about twice as fast as
 * {@link TiledGemm} (BENCHMARKS.md). On JDK 17 to 25 the module is an incubator module that a
 * JVM resolves only when started with {@code --add-modules jdk.incubator.vector}; without that
 * flag, {@link #GEMM} is null and the products take {@link TiledGemm}'s loops, with the same
 * results bit for bit. Nothing here needs the flag to load.
 *
 * <p>Also null where the kernel would be slower than the loops it replaces: without a hardware
 * {@code fma} ({@link HardwareFma}), with vectors of fewer than four doubles, and in an
 * interpreted JVM ({@code -Xint}), where every vector is an object. The system property
 * {@code dev.tapeless.vector=false} turns it off.
 */
final class VectorKernels {

  /** The Vector API's kernel, or null where the products keep {@link TiledGemm}'s loops. */
  static final GemmKernel GEMM = load();

  private VectorKernels() {}

  private static GemmKernel load() {
    if (!HardwareFma.AVAILABLE
        || "false".equals(System.getProperty("dev.tapeless.vector"))
        || String.valueOf(System.getProperty("java.vm.info")).startsWith("interpreted")
        || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return null;
    }
    try {
      Object kernel = Class.forName("dev.tapeless.runtime.VectorGemm")
          .getDeclaredConstructor().newInstance();
      return (GemmKernel) kernel;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null; // the module is there but not this kernel's vectors (see VectorGemm)
    }
  }
}

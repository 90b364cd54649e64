package dev.tapeless.runtime;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Whether {@link Math#fma} runs as one instruction here. On HotSpot it does exactly when the VM
 * flag {@code UseFMA} is on (set by the VM itself when the processor has FMA, as every x86 from
 * 2013 on and every AArch64 does); without it {@code Math.fma} falls back to
 * {@code BigDecimal} arithmetic, hundreds of times slower and allocating. The flag is read
 * through the platform MXBean, which needs no JVM option; on a VM without that bean the answer
 * is no, and the products keep their multiply-and-add loops.
 */
final class HardwareFma {

  /**
   * Read once, when the products are first used; loading the management classes costs that
   * first call about 0.1 s (measured 116–139 ms on the loaded benchmark machine).
   */
  static final boolean AVAILABLE = detect();

  private HardwareFma() {}

  private static boolean detect() {
    try {
      HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      return vm != null && Boolean.parseBoolean(vm.getVMOption("UseFMA").getValue());
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}

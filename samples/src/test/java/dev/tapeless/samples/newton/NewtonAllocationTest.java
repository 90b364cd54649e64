package dev.tapeless.samples.newton;

import dev.tapeless.runtime.AllocationMeter;
import dev.tapeless.samples.mlp.Digits;
import org.junit.jupiter.api.Test;

/** Second order allocates nothing after warm-up; also run under -Xint (see the POM). */
class NewtonAllocationTest {

  @Test
  void hessianVectorProductsAllocateNothingAfterWarmUp() {
    NewtonExample.Binary data = NewtonExampleTest.small();
    NewtonExample_Grad.LogisticLoss frame = new NewtonExample_Grad.LogisticLoss();
    double[] w = new double[Digits.FEATURES];
    double[] v = new double[Digits.FEATURES];
    java.util.Arrays.fill(v, 0.1);
    double[][] h = new double[w.length + 1][w.length + 1];
    Runnable calls = () -> {
      frame.hvp(w, 0.1, data.x(), data.y(), NewtonExample.LAMBDA, v, 1.0);
      frame.hessian(w, 0.1, data.x(), data.y(), NewtonExample.LAMBDA, h);
    };
    calls.run();
    AllocationMeter.assertAllocatesNothing("hvp and hessian of the logistic loss", calls);
  }

}

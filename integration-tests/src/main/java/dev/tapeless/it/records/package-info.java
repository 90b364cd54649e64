/**
 * Records as differentiable inputs: a calibration's parameter record next to a market-data
 * record it does not differentiate, nested records, records of arrays passed to other
 * {@code @Differentiable} methods (in this class and another), and float records. The frames
 * take the records whole and return their gradients in generated adjoint twins.
 */
package dev.tapeless.it.records;

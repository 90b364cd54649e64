/**
 * Support for code that the Tapeless processor generates: save buffers, reusable array buffers,
 * shape and aliasing checks. Not meant to be called by hand; kept public because generated
 * classes live in users' packages.
 */
package dev.tapeless.runtime.support;

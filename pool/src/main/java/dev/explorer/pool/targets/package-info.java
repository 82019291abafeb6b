/**
 * Writes the target image sets (T1, T2, ...) with their labelled train/test splits from packages
 * the pool does not hold.
 */
package dev.explorer.pool.targets;

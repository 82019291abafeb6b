/**
 * Benchmarks run by scripts/bench-gp: the concept-score model on synthetic data, timed. Not used
 * by the loop or the CLI; depends only on agent.score and config.
 */
package dev.explorer.agent.bench;

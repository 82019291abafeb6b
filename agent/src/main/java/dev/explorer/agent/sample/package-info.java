/**
 * Query samplers: uniform, label-set and the paper's tiered Boltzmann distribution over concept
 * scores. Works on concept rows and scores only; must not depend on search, download or the run
 * directory.
 */
package dev.explorer.agent.sample;

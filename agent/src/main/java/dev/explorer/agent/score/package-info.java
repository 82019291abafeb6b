/**
 * The concept-score model: a Gaussian process over concept text embeddings (exact or sparse), its
 * hyperparameter search and its batched predictions. Depends on Smile and agent.math only, never
 * on the loop.
 */
package dev.explorer.agent.score;

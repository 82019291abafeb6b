/**
 * Evaluation of an encoder on a labelled train/test split: k-NN accuracy and a linear probe on
 * frozen features. Reads labelled folders; must not depend on the agent.
 */
package dev.explorer.encoder.eval;

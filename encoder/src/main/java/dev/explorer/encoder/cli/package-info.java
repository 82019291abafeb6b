/**
 * {@code explorer eval} and {@code explorer pretrain}, and training shown on the shared progress
 * display. Commands only: the work is in encoder and encoder.eval.
 */
package dev.explorer.encoder.cli;

/**
 * {@code explorer vocab ...}: show, nearest, embed, stats, prune and bench, one file per
 * subcommand. Commands only.
 */
package dev.explorer.vocab.cli;

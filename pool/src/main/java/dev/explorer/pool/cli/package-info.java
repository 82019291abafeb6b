/**
 * {@code explorer pool ...}: build, serve, targets and coverage, one file per subcommand. Commands
 * only.
 */
package dev.explorer.pool.cli;

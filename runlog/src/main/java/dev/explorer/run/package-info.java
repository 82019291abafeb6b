/**
 * The run directory: its file names, the records of its logs and state ({@link
 * dev.explorer.run.QueryRecord}, {@link dev.explorer.run.IterationRecord}, {@link
 * dev.explorer.run.RunState}, {@link dev.explorer.run.LoopState}) and {@link
 * dev.explorer.run.RunDirectory}, the one writer that locks, appends and commits. Depends on
 * config and Jackson only, so the loop and the report share it without depending on each other.
 */
package dev.explorer.run;

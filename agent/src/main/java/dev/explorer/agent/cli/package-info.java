/**
 * The {@code explorer} command: picocli's root command, the loop's commands (run, resume, demo,
 * reward-check, start-encoder, config) and the registration of the other modules' commands. The
 * only place where domain exceptions become exit codes and messages ({@link
 * dev.explorer.agent.cli.Main}).
 */
package dev.explorer.agent.cli;

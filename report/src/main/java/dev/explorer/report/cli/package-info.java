/**
 * The {@code explorer report} command (options, --follow, where the page goes); registered by
 * agent's CLI. Command only: the work is in dev.explorer.report.
 */
package dev.explorer.report.cli;

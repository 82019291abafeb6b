/**
 * {@code explorer report}'s reading and rendering: {@link dev.explorer.report.RunReader} streams a
 * run directory once without locking or changing it, {@link dev.explorer.report.RunReport} is the
 * one value the text, JSON and HTML (inline SVG) views render. Depends on runlog and config only,
 * never on the loop.
 */
package dev.explorer.report;

/**
 * Small pieces every module shares that are no setting: the progress display (with the one
 * terminal-or-log decision), the image-file listing and the HTML escape. Depends on the JDK and
 * SLF4J only.
 */
package dev.explorer.config.common;

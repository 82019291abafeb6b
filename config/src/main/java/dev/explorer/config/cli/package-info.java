/**
 * Command-line pieces every module's commands share: the {@code --config/--preset/--set} mixin and
 * the usage error. Depends on picocli and config only.
 */
package dev.explorer.config.cli;

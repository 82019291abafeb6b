/**
 * Typed settings: one record per concern, presets, YAML/JSON layering with per-layer validation,
 * and the schema read from the records. The root of the module graph: depends on no other module.
 */
package dev.explorer.config;

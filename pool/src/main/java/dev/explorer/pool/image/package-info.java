/**
 * Thumbnails: header-first pixel cap, decode (SVG through Batik), resize to the pool's side, PNG
 * out.
 */
package dev.explorer.pool.image;

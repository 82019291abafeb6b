/**
 * The offline web's pool: building it from sources (ids from content hashes, thumbnails, caption
 * policy) and its files on disk. Depends on config only; the agent sees a pool only through HTTP.
 */
package dev.explorer.pool;

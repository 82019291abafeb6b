/**
 * The pool over HTTP: the JDK HTTP server with a bounded executor, the search JSON and HTML pages
 * and the thumbnails. The only way the agent reaches a pool.
 */
package dev.explorer.pool.server;

/**
 * The pool's search: a Lucene BM25 caption index and the three-tier ranking (matches, WordNet
 * relatives, seeded filler). Must not depend on the server.
 */
package dev.explorer.pool.search;

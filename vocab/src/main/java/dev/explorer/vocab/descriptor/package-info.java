/**
 * Descriptors that turn a concept into a query ("fluffy dog"): offline WordNet adjectives or an
 * OpenAI-compatible chat endpoint. Depends on vocab and config only.
 */
package dev.explorer.vocab.descriptor;

/**
 * The action space: concepts (WordNet noun senses or a user file), their text, cached MiniLM text
 * embeddings and label-set pruning. Depends on config only.
 */
package dev.explorer.vocab;
